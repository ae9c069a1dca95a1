"""Write README.md from nbs/index.ipynb (markdown cells as they are, code cells fenced with their text output).

`nbdev-readme` does the same through Quarto where Quarto is installed; this keeps the two in step without it.
`python tools/readme.py --check` exits 1 when README.md is out of step."""
import sys
from pathlib import Path
from fastcore.nbio import read_nb

def render(nb_path='nbs/index.ipynb') -> str:
    out = []
    for c in read_nb(nb_path).cells:
        src = c.source.strip()
        if c.cell_type == 'markdown': out.append(src)
        elif c.cell_type == 'code' and src and not src.startswith('#| hide'):
            src = '\n'.join(l for l in src.splitlines() if not l.startswith('#|'))
            out.append(f"```python\n{src}\n```")
            text = ''.join(''.join(o.get('text', '') or o.get('data', {}).get('text/plain', '')) for o in c.get('outputs', []))
            if text.strip(): out.append(f"```\n{text.rstrip()}\n```")
    return '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    txt, readme = render(), Path('README.md')
    if '--check' in sys.argv:
        ok = readme.exists() and readme.read_text() == txt
        print('README.md is in step with nbs/index.ipynb' if ok else 'README.md is out of step: run python tools/readme.py')
        sys.exit(0 if ok else 1)
    readme.write_text(txt)
