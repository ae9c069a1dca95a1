"""Start JupyterLab on the notebooks (nbs/) from this environment, registering its kernel for other Jupyters.

    python tools/lab.py [--kernel NAME] [-- JUPYTER-LAB-ARGS...]     (`make lab`, `make lab LAB_ARGS="--no-browser"`)

JupyterLab started from the project's environment runs the notebooks on that environment's Python. The kernel named
NAME (default: face-inference) is registered for the user, pointing at this environment's Python, so a Jupyter
installed elsewhere (an editor, a system JupyterLab) can run the notebooks too; it is registered again only when it
is missing or points at another Python."""
import os, sys, json, argparse, subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def kernel_python(name:str) -> str|None:
    "The Python that the registered kernel `name` runs, or None when there is no such kernel."
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try: return KernelSpecManager().get_kernel_spec(name).argv[0]
    except NoSuchKernel: return None

def ensure_kernel(name:str='face-inference') -> bool:
    "Register kernel `name` for this Python unless it already is; whether it was registered now."
    if kernel_python(name) == sys.executable: return False
    subprocess.run([sys.executable, '-m', 'ipykernel', 'install', '--user', '--name', name,
                    '--display-name', f'Python ({name})'], check=True, capture_output=True)
    return True

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--kernel', default='face-inference', help='the kernel name to register (default: face-inference)')
    ap.add_argument('lab_args', nargs='*', help='arguments for jupyter lab, after --')
    a = ap.parse_args(argv)
    print(f"lab: kernel {a.kernel!r} {'registered' if ensure_kernel(a.kernel) else 'already registered'} "
          f"for {sys.executable}")
    jupyter = Path(sys.executable).with_name('jupyter')
    root = ['--allow-root'] if os.geteuid() == 0 and '--allow-root' not in a.lab_args else []  # containers run as root
    os.execv(jupyter, [str(jupyter), 'lab', f'--notebook-dir={ROOT/"nbs"}', *root, *a.lab_args])

if __name__ == '__main__': sys.exit(main())
