"""Run the tests of every notebook with nbdev-test and close with one line: 'N passed, M failed'.

Each notebook is one test: it passes when every cell that nbdev-test runs succeeds. Cells flagged for optional
parts run where this machine has them: `dlib` (dlib and its 5-point landmark model), `browser` (Chromium and
Playwright), `gpu` (CUDA). Cells flagged `data` (the real data sets), `slow` (long runs) or `notest` are skipped.
Before the closing line it prints, per flag, how many cells it has and whether they ran or why not.
Extra arguments are passed to nbdev-test (e.g. `--flags slow` adds that flag)."""
import re, sys, json, shutil, subprocess, importlib.util
from collections import Counter
from nbdev.config import get_config
from nbdev.doclinks import nbglob

def _dlib() -> str|None:
    "Why the dlib cells cannot run here, or None when they can."
    if importlib.util.find_spec('dlib') is None: return 'dlib is not installed (pip install -e ".[dlib]")'
    from face_inference.detection import dlib_landmarks_path, dlib_cnn_path
    try: dlib_landmarks_path()
    except Exception as e: return f'no 5-point landmark model ({e})'
    try: dlib_cnn_path()
    except Exception as e: return f'no MMOD CNN detector model ({e})'

def _mtcnn() -> str|None:
    "Why the MTCNN cells cannot run here, or None when they can."
    if importlib.util.find_spec('facenet_pytorch') is None: return 'facenet-pytorch is not installed (pip install -e ".[mtcnn]")'

def _browser() -> str|None:
    if not shutil.which('chromium'): return 'no chromium (apt-get install chromium)'
    if importlib.util.find_spec('playwright') is None: return 'playwright is not installed'

def _gpu() -> str|None:
    import torch
    if not torch.cuda.is_available(): return 'no CUDA device'

OPTIONAL = {'dlib': _dlib, 'mtcnn': _mtcnn, 'browser': _browser, 'gpu': _gpu}
SKIPPED = {'data': 'needs the real data sets (see the Developing page)', 'slow': 'long runs, outputs stored', 'notest': 'never run'}

def flag_counts(paths) -> Counter:
    "How many code cells carry each test flag, over the notebooks at `paths`."
    n = Counter()
    for p in paths:
        for c in json.loads(p.read_text())['cells']:
            if c['cell_type'] != 'code': continue
            for f in re.findall(r'^#\|\s*(\w+)\s*$', ''.join(c['source']), re.M): n[f] += 1
    return n

def main(args):
    cfg = get_config()
    paths = sorted(p for p in nbglob(cfg.nbs_path, as_path=True) if not p.name.startswith('_'))
    why = {f: check() for f, check in OPTIONAL.items()}
    run = [f for f, w in why.items() if w is None]
    extra = args[args.index('--flags') + 1].split() if '--flags' in args else []
    if '--flags' in args: i = args.index('--flags'); args = args[:i] + args[i + 2:]
    flags = run + [f for f in extra if f not in run]
    res = subprocess.run(['nbdev-test', '--timing', *(['--flags', ' '.join(flags)] if flags else []), *args],
                         stderr=subprocess.PIPE, text=True, cwd=cfg.config_path)
    sys.stderr.write(res.stderr)
    tail = res.stderr.split('Failed On The Following Notebooks:')[-1] if res.returncode else ''
    failed = sorted(set(re.findall(r'^\s+(\S+\.ipynb)\s*$', tail, re.M)))
    if res.returncode and not failed: failed = ['(nbdev-test itself)']
    names = [p.name for p in paths]
    counts = flag_counts(paths)
    print(f"notebooks: {', '.join(names)}")
    for f in [*OPTIONAL, *SKIPPED]:
        state = 'ran' if f in flags else f"skipped: {why.get(f) or SKIPPED.get(f)}"
        print(f"cells flagged {f}: {counts.get(f, 0)} ({state})")
    if failed: print(f"failed: {', '.join(failed)}")
    print(f"{len(names) - len(set(failed) & set(names))} passed, {len(failed)} failed")
    return 1 if res.returncode else 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
