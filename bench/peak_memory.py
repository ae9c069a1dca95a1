"""Peak resident memory of `face-inference predict`, `download --workers 4` and `process --workers 2` on the largest
images the pixel limit lets through, measured with `/usr/bin/time -v` (its "Maximum resident set size").

Builds the inputs once in --work: 7999 x 7999 images (just under the 64 MP limit) that are small files -- a grey PNG
(77 KB), an RGBA PNG, a 16-bit grey PNG and a JPEG -- and a 640 x 480 JPEG as the baseline (imports, model, detector).
`predict` runs once per image with an untrained resnet18 model at 32 px and the dlib detector; `download` fetches four
distinct files of one kind from a local http.server on 127.0.0.1 with four workers; `process` crops four such photos
with two worker processes (the peak is that of the largest process: a worker). Prints a Markdown table.

    .venv/bin/python bench/peak_memory.py [--work /tmp/peak_memory] [--code DIR] [--only predict download process] [--kinds ...]

--code DIR runs the commands with DIR first on PYTHONPATH (a copy of the `face_inference` package to compare with).
"""
from __future__ import annotations
import os, re, sys, time, shutil, argparse, subprocess
from pathlib import Path

SIDE = 7999
KINDS = {'small.jpg': '640 x 480 JPEG (baseline)', 'grey.png': 'grey PNG', 'rgba.png': 'RGBA PNG',
         'grey16.png': '16-bit grey PNG', 'big.jpg': 'JPEG'}


def _make(kind:str, path:Path, k:int=0):
    "Write input `kind` to `path`; `k` makes each variant's bytes differ."
    import numpy as np
    from PIL import Image
    if kind == 'small.jpg':
        y, x = np.mgrid[:480, :640]
        Image.fromarray(np.stack([x % 256, y % 256, (x + y + 40 * k) % 256], -1).astype(np.uint8)).save(path, quality=90)
    elif kind == 'grey.png': Image.new('L', (SIDE, SIDE), 100 + k).save(path)
    elif kind == 'rgba.png': Image.new('RGBA', (SIDE, SIDE), (200, 120, 40 + k, 128)).save(path)
    elif kind == 'grey16.png': Image.new('I;16', (SIDE, SIDE), 30000 + k).save(path)
    elif kind == 'big.jpg':
        row = np.linspace(0, 255, SIDE).astype(np.uint8)
        a = np.empty((SIDE, SIDE, 3), np.uint8); a[..., 0] = row; a[..., 1] = row[:, None]; a[..., 2] = 60 + k
        Image.fromarray(a).save(path, quality=85); del a
    else: raise ValueError(kind)


def inputs(work:Path, kinds:list) -> dict:
    "kind -> the four variant files (built when missing)."
    (work/'img').mkdir(parents=True, exist_ok=True)
    out = {}
    for kind in kinds:
        stem, ext = kind.split('.')
        out[kind] = [work/'img'/f'{stem}-{k}.{ext}' for k in range(4)]
        for k, p in enumerate(out[kind]):
            if not p.exists(): _make(kind, p, k)
    return out


def tiny_model(work:Path, env:dict) -> Path:
    "An untrained resnet18 model at 32 px (what matters here is the image path, not the model)."
    dest = work/'model'
    if not (dest/'model.json').exists():
        code = ("import sys; from face_inference.recipe import TrainConfig; from face_inference.model import FaceNet, model_meta, save_model; "
                "save_model(FaceNet('resnet18', pretrained=False).eval(), sys.argv[1], "
                "model_meta(TrainConfig(arch='resnet18', size=32, pretrained=False)))")
        subprocess.run([sys.executable, '-c', code, str(dest)], check=True, env=env)
    return dest


def peak(cmd:list, env:dict, cwd=None) -> dict:
    "Run `cmd` under /usr/bin/time -v: peak RSS in MB, wall seconds, exit status, its standard output and error."
    r = subprocess.run(['/usr/bin/time', '-v', *cmd], capture_output=True, text=True, env=env, cwd=cwd)
    kb = re.search(r'Maximum resident set size \(kbytes\): (\d+)', r.stderr)
    return dict(mb=int(kb[1]) / 1024 if kb else float('nan'), rc=r.returncode, out=r.stdout, err=r.stderr)


def serve(folder:Path, env:dict):
    "An http.server on 127.0.0.1 serving `folder`, in its own process; (process, base URL)."
    code = ("import sys, functools, http.server as h; "
            "s = h.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(h.SimpleHTTPRequestHandler, directory=sys.argv[1])); "
            "print(s.server_address[1], flush=True); s.serve_forever()")
    p = subprocess.Popen([sys.executable, '-c', code, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True, env=env)
    return p, f'http://127.0.0.1:{int(p.stdout.readline())}'


def run_predict(files:list, model:Path, work:Path, env:dict) -> dict:
    "Peak of predicting one file with the dlib detector; the result says faces or the error."
    out = work/'predict.jsonl'
    t = time.perf_counter()
    r = peak([str(Path(sys.executable).parent/'face-inference'), 'predict', '--model', str(model), '--detector', 'dlib',
              '--quiet', '--out', str(out), str(files[0])], env)
    last = r['err'].strip().splitlines()[-1] if r['err'].strip() else ''
    summary = next((l for l in r['err'].splitlines() if re.search(r'image|face', l) and 'Command' not in l), last)
    return dict(mb=r['mb'], s=time.perf_counter() - t, result=f"rc {r['rc']}: {summary.strip()[:70]}")


def run_download(files:list, url:str, work:Path, env:dict) -> dict:
    "Peak of downloading the four files with --workers 4 into a fresh data folder."
    d = work/'dl'; shutil.rmtree(d, ignore_errors=True); d.mkdir()
    csv = d/'avatars.csv'
    csv.write_text('image\n' + ''.join(f'{url}/{p.name}\n' for p in files))
    t = time.perf_counter()
    r = peak([str(Path(sys.executable).parent/'face-inference'), 'download', str(csv), '--data', str(d/'data'),
              '--workers', '4'], env)
    import pandas as pd
    m = pd.read_parquet(d/'data'/'manifest.parquet') if (d/'data'/'manifest.parquet').exists() else None
    res = 'no manifest' if m is None else ', '.join(f'{k} {v}' for k, v in m.status.value_counts().items())
    return dict(mb=r['mb'], s=time.perf_counter() - t, result=f"rc {r['rc']}: {res}")


def run_process(files:list, work:Path, env:dict) -> dict:
    "Peak of the largest process of `process --workers 2` over the four files (imported as an avatar CSV of paths)."
    d = work/'proc'; shutil.rmtree(d, ignore_errors=True); d.mkdir()
    csv = d/'avatars.csv'
    csv.write_text('image,user_id\n' + ''.join(f'{p},u{k}\n' for k, p in enumerate(files)))
    cli = str(Path(sys.executable).parent/'face-inference')
    subprocess.run([cli, 'import', 'avatars', str(csv), '--data', str(d/'data')], check=True, env=env, capture_output=True)
    t = time.perf_counter()
    r = peak([cli, 'process', '--data', str(d/'data'), '--workers', '2', '--detector', 'dlib', '--no-progress'], env)
    import pandas as pd
    m = pd.read_parquet(d/'data'/'manifest.parquet')
    res = ', '.join(f'{k} {v}' for k, v in m.status.value_counts().items())
    return dict(mb=r['mb'], s=time.perf_counter() - t, result=f"rc {r['rc']}: {res}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--work', type=Path, default=Path('/tmp/peak_memory'), help='inputs and scratch (default: /tmp/peak_memory)')
    ap.add_argument('--code', type=Path, help='put this folder first on PYTHONPATH (a face_inference package to compare)')
    ap.add_argument('--only', nargs='+', default=['predict', 'download', 'process'],
                    choices=['predict', 'download', 'process'])
    ap.add_argument('--kinds', nargs='+', default=list(KINDS), choices=list(KINDS))
    a = ap.parse_args()
    env = os.environ | dict(HF_HUB_OFFLINE='1', MPLBACKEND='Agg', OMP_NUM_THREADS='1')
    if a.code: env['PYTHONPATH'] = os.pathsep.join([str(a.code.resolve()), env.get('PYTHONPATH', '')]).rstrip(os.pathsep)
    files = inputs(a.work, a.kinds)
    rows = []
    if 'predict' in a.only:
        model = tiny_model(a.work, env)
        for kind in a.kinds: rows.append(('predict', kind, files[kind][0], run_predict(files[kind], model, a.work, env)))
    if 'download' in a.only:
        server, url = serve(a.work/'img', env)
        try:
            for kind in a.kinds: rows.append(('download x4', kind, files[kind][0], run_download(files[kind], url, a.work, env)))
        finally: server.terminate(); server.wait()
    if 'process' in a.only:
        for kind in a.kinds: rows.append(('process --workers 2', kind, files[kind][0], run_process(files[kind], a.work, env)))
    print(f"code: {a.code or 'installed face_inference'}\n")
    print('| command | input | file | peak RSS | wall | result |\n|---|---|---:|---:|---:|---|')
    for cmd, kind, f, r in rows:
        size = f'{f.stat().st_size / 1e3:,.0f} KB'
        px = '640x480' if kind == 'small.jpg' else f'{SIDE}x{SIDE}'
        print(f"| {cmd} | {KINDS[kind]} {px} | {size} | {r['mb']:,.0f} MB | {r['s']:.1f} s | {r['result']} |")


if __name__ == '__main__': main()
