"""Build the doc site in _docs/ and check it.

Where Quarto is installed, `nbdev-docs` builds it. Elsewhere the notebooks listed in nbs/sidebar.yml are processed
the way nbdev-docs processes them (front matter, `show_doc` API docs, links to symbols) and rendered with nbconvert
into static pages, in sidebar order, each with the sidebar. Then every page is checked: each listed notebook
rendered, and every internal link (relative .html links, #anchors, images, stylesheets) resolves.

    python tools/docs.py            # build (Quarto if installed, else nbconvert), then check
    python tools/docs.py --nbconvert  # build with nbconvert even where Quarto is installed, then check
    python tools/docs.py --check    # check the existing _docs/ only

Exits 1 on any error, listing them. The API docs come from the installed package: each notebook's `show_doc` cells
run against its `#| default_exp` module, so a test cell is never run to build the docs. pyproject.toml gives nbdev
the same processor (`doc_procs`), which is why nbdev-docs runs with the repository on PYTHONPATH (`make docs`)."""
from __future__ import annotations
import os, re, sys, html, inspect, shutil, argparse, tempfile, subprocess
from pathlib import Path
from html.parser import HTMLParser
from urllib.parse import urlsplit, unquote
from functools import partial
from nbdev.process import Processor
from nbdev.showdoc import BasicMarkdownRenderer, show_doc

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- nbdev processor (pyproject: doc_procs)
class show_docs(Processor):
    "API docs without running the notebook: its `show_doc` cells run against the installed `#| default_exp` module."
    def __init__(self, nb):  # made before any processor runs: the default_exp cell is still there
        super().__init__(nb)
        first = next((c for c in nb.cells if c.cell_type == 'markdown'), None)
        if first is not None: first.source = join_summary(first.source)  # before nbdev reads the front matter from it
        self.mod = next((str(c.directives_['default_exp']).split()[0] for c in nb.cells
                         if 'default_exp' in getattr(c, 'directives_', {})), None)

    def begin(self):
        from nbdev.processors import _is_showdoc
        from nbdev.config import get_config
        self.k, self.is_doc, mod = None, _is_showdoc, self.mod
        if not any(_is_showdoc(c) for c in self.nb.cells): return
        from execnb.shell import CaptureShell
        self.k = CaptureShell()
        if mod: self.k.run_cell(f"import {get_config().lib_path.name}.{mod} as _m\n"
                                "globals().update({k: v for k, v in vars(_m).items() if k not in "
                                "('__name__', '__doc__', '__file__', '__builtins__', '__spec__', '__loader__', '__package__', '__cached__')})\n")
        if self.k.exc: raise Exception(f"cannot import the module of this notebook ({mod}): {self.k.exc!r}")
        self.k.user_ns['show_doc'] = partial(show_doc, renderer=ApiRenderer)  # `class` for classes, dunders unmangled

    def __call__(self, cell):
        if cell.cell_type == 'markdown': cell.source = unlink_private(cell.source)
        if self.k is None or not self.is_doc(cell): return
        from nbdev.processors import add_links
        self.k.cell(cell)
        if self.k.exc: raise Exception(f"show_doc failed in cell {cell.idx_}:\n{cell.source}\n{self.k.exc!r}")
        add_links(cell)
        for o in cell.get('outputs', []):
            md = o.get('data', {}).get('text/markdown')
            if md: o['data']['text/markdown'] = unlink_private(''.join(md) if isinstance(md, list) else md)

def api_markdown(md:str, is_class:bool=False) -> str:
    "show_doc's markdown with its heading's underscores escaped (`__repr__`, not a bold `repr`), and `class` for a class."
    md = re.sub(r'^(#{1,6} )(.+)$', lambda m: m[1] + re.sub(r'(?<!\\)_', r'\\_', m[2]), md, count=1, flags=re.M)
    if is_class: md = re.sub(r'^```python\n(?:async )?def ', '```python\nclass ', md, count=1, flags=re.M)
    return md

class ApiRenderer(BasicMarkdownRenderer):
    "The renderer of the API docs' `show_doc` cells: nbdev's, through `api_markdown`."
    def _repr_markdown_(self): return api_markdown(super()._repr_markdown_(), inspect.isclass(self.sym))

def join_summary(md:str) -> str:
    "A notebook's `> summary` wrapped over several lines, as one line: nbdev's front matter reads only the first."
    return re.sub(r'^>[ \t]+\S.*(?:\n>[ \t]+\S.*)+', lambda m: '> ' + ' '.join(l[1:].strip() for l in m[0].splitlines()), md, flags=re.M)

def unlink_private(md:str) -> str:
    "Markdown without the links nbdev makes to private names (`_name`): no page documents them."
    return re.sub(r'\[`((?:\w+\.)*_[^_`][^`]*|_)`\]\([^)\s]*\)', r'`\1`', md)

# ---------------------------------------------------------------- the sidebar
def sidebar(nbs:Path) -> list:
    "The entries of nbs/sidebar.yml in order: (section or None, notebook file name)."
    import yaml
    def walk(items, section=None):
        for it in items or []:
            if isinstance(it, str): yield section, it
            elif isinstance(it, dict) and 'section' in it: yield from walk(it.get('contents'), it['section'])
            elif isinstance(it, dict) and 'href' in it: yield section, it['href']
    cfg = yaml.safe_load((nbs/'sidebar.yml').read_text())
    return list(walk(cfg['website']['sidebar']['contents']))

def page_name(nb:str) -> str:
    "The page a notebook becomes, as nbdev names it: 02_detection.ipynb -> detection.html."
    from nbdev.config import nbpath2html
    return nbpath2html(Path(nb)).name

def notebook_errors(nbs:Path, entries:list) -> list:
    "A listed notebook that is missing, a notebook that is not listed, a page listed twice."
    listed = [nb for _, nb in entries]
    errs = [f"sidebar.yml lists {nb}, which is not in {nbs.name}/" for nb in listed if not (nbs/nb).is_file()]
    errs += [f"{p.name} is not listed in sidebar.yml" for p in sorted(nbs.glob('*.ipynb'))
             if not p.name.startswith(('_', '.')) and p.name not in listed]
    names = [page_name(nb) for nb in listed]
    errs += [f"page {n} is listed twice in sidebar.yml" for n in sorted({n for n in names if names.count(n) > 1})]
    return errs

# ---------------------------------------------------------------- processing (as nbdev-docs does)
def _process_one(job) -> str|None:
    "Process notebook `src` into `dst` with nbdev's doc processors; the error, or None."
    src, dst = job
    os.chdir(ROOT)
    if str(ROOT) not in sys.path: sys.path.insert(0, str(ROOT))
    os.environ['IN_TEST'] = '1'
    try:
        from fastcore.nbio import read_nb, write_nb
        from nbdev.processors import FilterDefaults
        nb = read_nb(src)
        FilterDefaults()(nb)
        write_nb(nb, dst)
    except Exception as e: return f"{type(e).__name__}: {e}"

def process(srcs:list, out:Path, workers:int=2) -> dict:
    "Process the notebooks `srcs` into `out`, in worker processes: {notebook name: error} for those that failed."
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    env = {'PYTHONPATH': os.pathsep.join([str(ROOT), *filter(None, [os.environ.get('PYTHONPATH')])]),
           'HF_HUB_OFFLINE': os.environ.get('HF_HUB_OFFLINE', '1'), 'MPLBACKEND': 'Agg'}
    os.environ.update(env)
    if str(ROOT) not in sys.path: sys.path.insert(0, str(ROOT))
    from tools.docs import _process_one  # by its module name, which the worker processes import too
    jobs = [(s, out/s.name) for s in srcs]
    with ProcessPoolExecutor(max(1, workers), mp_context=mp.get_context('spawn')) as ex:
        errs = list(ex.map(_process_one, jobs))
    return {s.name: e for s, e in zip(srcs, errs) if e}

# ---------------------------------------------------------------- rendering (nbconvert)
_DIRECTIVE = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def _directives(src:str) -> tuple[dict, str]:
    "Quarto/nbdev `#|` option lines at the top of a code cell, and the source without them."
    lines, opts = src.splitlines(), {}
    while lines and _DIRECTIVE.match(lines[0]):
        k, v = _DIRECTIVE.match(lines.pop(0)).groups(); opts[k] = v.lower() or 'true'
    return opts, '\n'.join(lines)

def _front_matter(nb) -> dict:
    "The YAML front matter nbdev put in a raw cell (title, description, output-file, ...)."
    import yaml
    for c in nb.cells:
        s = ''.join(c.source) if isinstance(c.source, list) else c.source
        if c.cell_type == 'raw' and s.strip().startswith('---'):
            return yaml.safe_load(s.strip().strip('-')) or {}
    return {}

_CELL_KEYS = {'cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count', 'attachments'}

def prepare(nb):
    "Cells as the page shows them: front matter and hidden parts out, `#|` option lines applied and removed."
    cells = []
    for c in nb.cells:
        if c.cell_type == 'raw': continue
        for k in set(c) - _CELL_KEYS: del c[k]  # nbdev's own marks (has_sd)
        if c.cell_type == 'code':
            opts, c.source = _directives(c.source)
            if opts.get('include') == 'false': continue
            tags = set(c.metadata.get('tags', []))
            hidden = opts.get('echo') == 'false' or c.metadata.get('transient', {}).get('remove_source')
            if hidden or not c.source.strip(): tags.add('remove_input')
            if opts.get('output') == 'false': tags.add('remove_output')
            c.metadata = {'tags': sorted(tags)}
            c.outputs = [o for o in c.get('outputs', []) if o.get('output_type') not in ('display_data', 'execute_result') or o.get('data')]
            if not c.source.strip() and not c.get('outputs'): continue
        cells.append(c)
    nb.cells = cells
    return nb

def _exporter():
    from traitlets.config import Config
    from nbconvert import HTMLExporter
    cfg = Config()
    cfg.TagRemovePreprocessor.enabled = True
    cfg.TagRemovePreprocessor.remove_input_tags = {'remove_input'}
    cfg.TagRemovePreprocessor.remove_all_outputs_tags = {'remove_output'}
    cfg.HTMLExporter.exclude_input_prompt = cfg.HTMLExporter.exclude_output_prompt = True
    cfg.HTMLExporter.exclude_anchor_links = True
    return HTMLExporter(config=cfg, template_name='basic')

def slug(text:str) -> str:
    "The id Pandoc (and so Quarto) gives a heading: lower case, punctuation but _-. dropped, spaces to dashes."
    s = re.sub(r'[^\w\s.-]', '', html.unescape(re.sub(r'<[^>]+>', '', text)).strip().lower())
    s = re.sub(r'\s+', '-', s)
    return re.sub(r'^[^a-z]+', '', s) or 'section'

def link_attrs(body:str) -> str:
    "Pandoc's link attributes, `[source](url){target=\"_blank\" ...}` as nbdev writes them, moved onto the link."
    body = body.replace('#LNone"', '"')  # a source link nbdev found no line for: the file itself
    return re.sub(r'(<a\b[^>]*)>((?:(?!</a>).)*)</a>\{([^{}<>]*)\}', lambda m: f'{m[1]} {html.unescape(m[3])}>{m[2]}</a>', body)

def heading_ids(body:str) -> str:
    "Give every heading Pandoc's id (unique in the page), with a link to itself."
    seen = {}
    def fix(m):
        level, attrs, inner = m.groups()
        s = slug(inner); n = seen.get(s, 0); seen[s] = n + 1
        s = s if n == 0 else f'{s}-{n}'
        attrs = re.sub(r'\s+id="[^"]*"', '', attrs)
        return f'<h{level}{attrs} id="{s}">{inner}<a class="anchor" href="#{s}">#</a></h{level}>'
    return re.sub(r'<h([1-6])([^>]*)>(.*?)</h\1>', fix, body, flags=re.S)

class Site:
    "Where links point: the site's own pages and files, and the repository for everything else."
    def __init__(self, nbs:Path, pages:dict):
        from nbdev.config import get_config
        cfg = get_config()
        self.nbs, self.pages = nbs, pages  # notebook name -> page name
        self.base = f"{cfg.doc_host.rstrip('/')}{cfg.doc_baseurl.rstrip('/')}/"
        self.git, self.branch = cfg.git_url.rstrip('/'), cfg.branch
        self.assets = set()

    def link(self, url:str, nb_dir:list) -> str:
        "`url` as the static site needs it: own docs URLs made relative, notebooks to their pages, repo files to the repo."
        if url.startswith(self.base): url = url[len(self.base):]
        u = urlsplit(url)
        if u.scheme or u.netloc or url.startswith(('#', '//', 'data:', 'mailto:', 'javascript:')) or not u.path: return url
        frag = f'#{u.fragment}' if u.fragment else ''
        path = unquote(u.path)
        if path.endswith('.ipynb') and Path(path).name in self.pages: return self.pages[Path(path).name] + frag
        if path.endswith('.html') and '/' not in path: return url
        for d in nb_dir:  # a file beside the notebooks is copied; any other file of the repository is linked there
            f = (d/path).resolve()
            if f.is_file() and f.parent == self.nbs.resolve(): self.assets.add(f); return url
            if f.exists() and (f == ROOT or ROOT in f.parents):
                return f"{self.git}/{'tree' if f.is_dir() else 'blob'}/{self.branch}/{f.relative_to(ROOT).as_posix()}{frag}"
        return url

    def relink(self, body:str, nb:str) -> str:
        "Every href and src of `body` through `link`; README links (index) resolve from the repository's root too."
        dirs = [self.nbs] + ([ROOT] if nb == 'index.ipynb' else [])
        return re.sub(r'\b(href|src)="([^"]*)"', lambda m: f'{m[1]}="{html.escape(self.link(html.unescape(m[2]), dirs))}"', body)

def nav(entries:list, titles:dict, pages:dict, current:str) -> str:
    "The sidebar: sections in sidebar.yml order, the current page marked."
    out, section = ['<ul>'], None
    for sec, nb in entries:
        if sec != section:
            if section is not None: out.append('</ul></li>')
            if sec is not None: out.append(f'<li class="section"><span>{html.escape(sec)}</span><ul>')
            section = sec
        cls = ' class="active"' if nb == current else ''
        out.append(f'<li><a{cls} href="{pages[nb]}">{html.escape(titles[nb])}</a></li>')
    if section is not None: out.append('</ul></li>')
    return '\n'.join(out + ['</ul>'])

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – {site}</title>
<link rel="stylesheet" href="site.css"><link rel="stylesheet" href="styles.css"></head>
<body><header class="site-header"><a class="site-title" href="index.html">{site}</a>
<a class="repo" href="{repo}">source</a></header>
<div class="site"><nav class="sidebar">{nav}</nav>
<main class="content" id="content"><header class="page-header"><h1 class="title">{title}</h1>{description}</header>
{body}
<nav class="pager">{prev}{next}</nav></main></div></body></html>
"""

CSS = """
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #212529; }
a { color: #2780e3; text-decoration: none; } a:hover { text-decoration: underline; }
.site-header { display: flex; justify-content: space-between; align-items: center; padding: .6rem 1.5rem;
  background: #2780e3; } .site-header a { color: #fff; } .site-title { font-weight: 600; font-size: 1.15rem; }
.site { display: flex; align-items: flex-start; }
.sidebar { flex: 0 0 15rem; position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 1rem 1rem 2rem;
  font-size: .92rem; border-right: 1px solid #dee2e6; box-sizing: border-box; }
.sidebar ul { list-style: none; margin: 0; padding: 0; } .sidebar li { margin: .15rem 0; }
.sidebar .section > span { display: block; margin-top: .8rem; font-weight: 600; color: #6c757d; }
.sidebar .section ul { padding-left: .6rem; } .sidebar a.active { font-weight: 600; color: #212529; }
.content { flex: 1; min-width: 0; max-width: 62rem; padding: 1rem 2.5rem 4rem; }
.page-header .description { color: #6c757d; font-size: 1.1rem; }
h1, h2, h3, h4 { line-height: 1.25; } .anchor { visibility: hidden; margin-left: .3rem; color: #adb5bd; }
h1:hover .anchor, h2:hover .anchor, h3:hover .anchor, h4:hover .anchor { visibility: visible; }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .87em; }
pre { overflow-x: auto; padding: .6rem .8rem; margin: .4rem 0; }
pre, .highlight pre { background: #f6f8fa; border-radius: 4px; }
.output_subarea pre { background: none; border-left: 3px solid #dee2e6; }
.cell { margin: .5rem 0; } .output_subarea img { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid #dee2e6; padding: .25rem .6rem; text-align: left; vertical-align: top; }
blockquote { margin: .5rem 0; padding: .1rem 1rem; border-left: 3px solid #dee2e6; color: #495057; }
.pager { display: flex; justify-content: space-between; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid #dee2e6; }
@media (max-width: 800px) { .site { display: block; } .sidebar { position: static; max-height: none; border: 0; } }
"""

def render(entries:list, proc:Path, out:Path, nbs:Path) -> list:
    "Write one page per entry from the processed notebooks in `proc` into `out`; the errors."
    import nbformat
    from pygments.formatters import HtmlFormatter
    from nbconvert.filters import markdown2html
    pages = {nb: page_name(nb) for _, nb in entries}
    site, exporter, errs, nbs_ = Site(nbs, pages), _exporter(), [], {}
    for _, nb in entries:
        if (proc/nb).is_file(): nbs_[nb] = nbformat.read(proc/nb, as_version=4)
    titles = {nb: str(_front_matter(n).get('title') or Path(nb).stem) for nb, n in nbs_.items()}
    listed = [nb for _, nb in entries if nb in nbs_]
    from nbdev.config import get_config
    cfg = get_config()
    for i, nb in enumerate(listed):
        try:
            fm = _front_matter(nbs_[nb])
            body, _ = exporter.from_notebook_node(prepare(nbs_[nb]))
            body = site.relink(heading_ids(link_attrs(_main_of(body))), nb)
            prev = f'<a href="{pages[listed[i-1]]}">← {html.escape(titles[listed[i-1]])}</a>' if i else '<span></span>'
            nxt = f'<a href="{pages[listed[i+1]]}">{html.escape(titles[listed[i+1]])} →</a>' if i + 1 < len(listed) else ''
            desc = f'<div class="description">{markdown2html(str(fm["description"]))}</div>' if fm.get('description') else ''
            (out/pages[nb]).write_text(PAGE.format(title=html.escape(titles[nb]), site=html.escape(cfg.title), repo=cfg.git_url,
                nav=nav([e for e in entries if e[1] in nbs_], titles, pages, nb), description=desc, body=body, prev=prev, next=nxt))
        except Exception as e: errs.append(f"{nb}: not rendered: {type(e).__name__}: {e}")
    member_links(out)
    (out/'site.css').write_text(CSS + HtmlFormatter().get_style_defs('.highlight'))
    shutil.copy(nbs/'styles.css', out/'styles.css')
    for f in site.assets: shutil.copy(f, out/f.name)
    return errs

def member_links(out:Path):
    "Point links to an undocumented member (`#face.size`, which nbdev links to) at its class's section (`#face`)."
    ids = {p.name: _parse(p).ids for p in out.glob('*.html')}
    def fix(m, page):
        target, frag = m[1] or page, m[3]
        if target not in ids or frag in ids[target] or '.' not in frag: return m[0]
        cls = frag.rsplit('.', 1)[0]
        return f'href="{m[1]}#{cls}"' if cls in ids[target] else m[0]
    for p in out.glob('*.html'):
        p.write_text(re.sub(r'href="(([\w.-]*\.html)?)#([^"]+)"', lambda m: fix(m, p.name), p.read_text()))

def _main_of(doc:str) -> str:
    "The body of the HTML document nbconvert's basic template writes (cells only)."
    m = re.search(r'<body[^>]*>(.*)</body>', doc, re.S)
    return m[1] if m else doc

# ---------------------------------------------------------------- the check
class _Links(HTMLParser):
    "Ids, and the URLs of links, images, scripts and stylesheets, of one HTML page."
    def __init__(self):
        super().__init__(); self.ids, self.urls = set(), []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ('id', 'name' if tag == 'a' else None):
            if a.get(k): self.ids.add(a[k])
        for k in ('href', 'src'):
            if a.get(k) is not None and not (tag == 'link' and a.get('rel') in ('preconnect', 'dns-prefetch')):
                self.urls.append(a[k])

def _parse(p:Path) -> _Links:
    x = _Links(); x.feed(p.read_text(errors='replace')); return x

def check_site(out:Path, pages:list, counts:dict|None=None) -> list:
    "Errors of the site in `out`: a page in `pages` missing or empty, a relative link or #anchor that resolves nowhere."
    counts = {} if counts is None else counts
    errs = [f"{p}: page missing" for p in pages if not (out/p).is_file()]
    errs += [f"{p}: page empty" for p in pages if (out/p).is_file() and '<body' not in (out/p).read_text(errors='replace')]
    parsed = {p: _parse(p) for p in sorted(out.rglob('*.html'))}
    for page, x in parsed.items():
        for url in x.urls:
            u = urlsplit(url)
            if u.scheme or u.netloc or url.startswith(('//', 'data:', 'mailto:', 'javascript:')): continue
            target = (page.parent/unquote(u.path)).resolve() if u.path else page.resolve()
            where = f"{page.relative_to(out)}: {url}"
            counts['links'] = counts.get('links', 0) + 1; counts['anchors'] = counts.get('anchors', 0) + bool(u.fragment)
            if out.resolve() not in (target, *target.parents): errs.append(f"{where}: points outside the site"); continue
            if target.is_dir(): target = target/'index.html'
            if not target.exists(): errs.append(f"{where}: no such file"); continue
            if u.fragment and target.suffix == '.html':
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(u.fragment) not in ids: errs.append(f"{where}: no anchor #{u.fragment} in {target.name}")
    return errs

# ---------------------------------------------------------------- main
def build_nbconvert(nbs:Path, out:Path, entries:list, workers:int) -> list:
    "Process and render the listed notebooks into `out` (replaced); the errors."
    srcs = [nbs/nb for _, nb in entries if (nbs/nb).is_file()]
    with tempfile.TemporaryDirectory(prefix='docs-proc-') as tmp:
        failed = process(srcs, Path(tmp), workers)
        errs = [f"{nb}: processing failed: {e}" for nb, e in failed.items()]
        shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
        errs += render([e for e in entries if e[1] not in failed], Path(tmp), out, nbs)
    return errs

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--check', action='store_true', help='check the existing site only')
    ap.add_argument('--nbconvert', action='store_true', help='render with nbconvert even where Quarto is installed')
    ap.add_argument('--workers', type=int, default=2, help='notebooks processed at once (default: 2)')
    a = ap.parse_args(argv)
    os.chdir(ROOT)
    from nbdev.config import get_config
    cfg = get_config()
    nbs, out = cfg.nbs_path, cfg.doc_path
    entries = sidebar(nbs)
    errs = notebook_errors(nbs, entries)
    pages = [page_name(nb) for _, nb in entries if (nbs/nb).is_file()]
    import time; t0 = time.perf_counter()
    if not a.check:
        if shutil.which('quarto') and not a.nbconvert:
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get('PYTHONPATH')])))
            if subprocess.run(['nbdev-docs'], env=env).returncode: errs.append('nbdev-docs failed')
        else: errs += build_nbconvert(nbs, out, [e for e in entries if (nbs/e[1]).is_file()], a.workers)
        print(f"docs: built {len(pages)} pages into {out.relative_to(ROOT)}/ in {time.perf_counter() - t0:.0f} s")
    counts = {}
    errs += check_site(out, pages, counts)
    for e in errs: print(f"docs: error: {e}")
    n = len(list(out.rglob('*.html'))) if out.exists() else 0
    print(f"docs: {n} pages checked, {counts.get('links', 0)} internal links ({counts.get('anchors', 0)} with an anchor), "
          f"{len(errs)} error{'s' * (len(errs) != 1)}")
    return 1 if errs else 0

if __name__ == '__main__': sys.exit(main())
