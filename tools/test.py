"""Run the tests of every notebook with nbdev-test and close with one line: 'N passed, M failed'.

Each notebook is one test: it passes when every cell that nbdev-test runs (all but those flagged
`notest`, `data` or `slow`) succeeds. Extra arguments are passed to nbdev-test (e.g. `--flags slow`)."""
import re, subprocess, sys
from nbdev.config import get_config
from nbdev.doclinks import nbglob

def main(args):
    cfg = get_config()
    nbs = sorted(p.name for p in nbglob(cfg.nbs_path, as_path=True) if not p.name.startswith('_'))
    res = subprocess.run(['nbdev-test', '--timing', *args], stderr=subprocess.PIPE, text=True, cwd=cfg.config_path)
    sys.stderr.write(res.stderr)
    tail = res.stderr.split('Failed On The Following Notebooks:')[-1] if res.returncode else ''
    failed = sorted(set(re.findall(r'^\s+(\S+\.ipynb)\s*$', tail, re.M)))
    if res.returncode and not failed: failed = ['(nbdev-test itself)']
    print(f"notebooks: {', '.join(nbs)}")
    if failed: print(f"failed: {', '.join(failed)}")
    print(f"{len(nbs) - len(set(failed) & set(nbs))} passed, {len(failed)} failed")
    return 1 if res.returncode else 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
