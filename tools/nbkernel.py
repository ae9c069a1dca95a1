"""Run notebooks through a real Jupyter kernel, as JupyterLab does, and fail on any error.

`nbdev-test` runs a notebook's cells in-process; this starts the environment's Jupyter kernel (ipykernel, through
jupyter_client) and executes every cell with nbclient, so a break that shows only in a kernel (a missing or broken
ipykernel, a kernel that does not start, a notebook that needs the in-process runner) is caught. A last cell checks
that the kernel runs this environment's Python and imports the package from this repository. Notebooks are
executed in a copy; nothing is written back.

    python tools/nbkernel.py nbs/03_sample.ipynb [--kernel python3] [--timeout 600]

Closes with 'N passed, M failed'."""
import os, re, sys, time, argparse, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r'\x1b\[[0-9;]*m')  # colours in tracebacks
PROBE = "import sys, face_inference; print(sys.executable); print(face_inference.__file__)"

def run(path:Path, kernel:str='python3', timeout:int=600) -> list:
    "Execute notebook `path` in kernel `kernel`; the problems found (empty when it ran clean)."
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError
    from jupyter_client.manager import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try: KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel: return [f"no Jupyter kernel named {kernel!r} (is ipykernel installed in this environment?)"]
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    with tempfile.TemporaryDirectory() as d:  # the kernel's sockets: local files, not TCP ports
        km = KernelManager(kernel_name=kernel, transport='ipc', ip=f'{d}/kernel')
        client = NotebookClient(nb, km=km, timeout=timeout, resources={'metadata': {'path': str(path.parent)}})
        try: client.execute()
        except CellExecutionError as e: return ['a cell failed: ' + ANSI.sub('', str(e)).strip().splitlines()[-1][:500]]
        except (DeadKernelError, RuntimeError, TimeoutError) as e: return [f"the kernel failed: {type(e).__name__}: {e}"]
        finally:
            if km.has_kernel: km.shutdown_kernel(now=True)
    out = ''.join(o.get('text', '') for o in nb.cells[-1].outputs).split()
    errs = [] if out[:1] == [sys.executable] else [f"the kernel runs {out[:1]}, not this environment's {sys.executable}"]
    if not out[1:] or not Path(out[1]).resolve().is_relative_to(ROOT):
        errs.append(f"the kernel imports face_inference from {out[1:2]}, not from {ROOT}")
    return errs

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('notebooks', nargs='+', type=Path)
    ap.add_argument('--kernel', default='python3', help="the kernel to run (default: python3, this environment's own)")
    ap.add_argument('--timeout', type=int, default=600, help='seconds one cell may take (default: 600)')
    a = ap.parse_args(argv)
    os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('MPLBACKEND', 'Agg')
    failed = 0
    for p in a.notebooks:
        t0 = time.perf_counter()
        errs = run(p.resolve(), a.kernel, a.timeout)
        print(f"kernel: {p} through the {a.kernel!r} kernel: {'ok' if not errs else 'FAILED'} in {time.perf_counter() - t0:.1f} s")
        for e in errs: print(f"kernel: error: {e}")
        failed += bool(errs)
    print(f"{len(a.notebooks) - failed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == '__main__': sys.exit(main())
