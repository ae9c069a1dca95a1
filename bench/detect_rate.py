"""Face detection rate of each backend on face-filling photos (UTKFace crops) and on FFHQ photos, by padding.

    python bench/detect_rate.py [--utk ../shared/data/utkface/images] [--ffhq ../shared/data/aiface/real_ffhq]
        [--n 500] [--n-ffhq 0] [--n-hard 100] [--seed 0] [--pads 0,0.25,0.5,1.0]
        [--backends dlib,dlib-cnn,mtcnn,insightface] [--sets UTKFace,FFHQ,FFHQ-small,FFHQ-rot30]
        [--pack ../shared/models/insightface/scrfd500m] [--default] [--threads 1]

Every image holds one face, so the share of images where a backend finds at least one face scoring at least its
own `min_score` is its detection rate. UTKFace's aligned 200x200 crops are tight (the face fills the image, as in
many avatars), which is hard for detectors trained on photos; `Detector.detect` pads the image first (a black
border of `pad` x the longer side on every side). For each backend and padding this prints the rate on both sets
and the median ms per photo of `detect` (padding, detection and landmarks), as users call it. `--default` measures
each backend at its own default padding only. Backends run in parallel, one process each, each with `--threads`
threads (torch, ONNX Runtime through OMP_NUM_THREADS; dlib uses one).

Two harder sets are made from the first `--n-hard` photos of the FFHQ sample: FFHQ-small, each photo shrunk so that
its longer side is 96 px (the face is then about 40 px wide, as in group photos and small avatars), and
FFHQ-rot30, each photo turned in the image plane by 30 degrees, left and right in turn (black corners). Turning a
head sideways (yaw) cannot be made from a photo; UTKFace's crops hold such faces as they come.
"""
import argparse, os, random, sys, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import numpy as np
from PIL import Image
from face_inference.core import load_image, FaceInferenceError, timed
from face_inference.detection import get_detector

SHARED = Path(__file__).resolve().parents[2]/'shared'

def sample(folder, n, seed):
    "The .jpg files of `folder`, sorted; a fixed random `n` of them when `n` > 0."
    files = sorted(Path(folder).glob('*.jpg'))
    if n and n < len(files): random.Random(seed).shuffle(files); files = sorted(files[:n])
    return files

def shrink(img, side=96):
    "`img` resized so that its longer side is `side`."
    h, w = img.shape[:2]; k = side / max(h, w)
    return np.asarray(Image.fromarray(img).resize((max(1, round(w * k)), max(1, round(h * k))), Image.BILINEAR))

def turn(img, i, angle=30):
    "`img` turned in the image plane by `angle` degrees, to the left for even `i`, to the right for odd."
    return np.asarray(Image.fromarray(img).rotate(angle if i % 2 == 0 else -angle, Image.BILINEAR))

HARD = {'FFHQ-small': lambda img, i: shrink(img), 'FFHQ-rot30': turn}

def load_sets(sets, n_hard):
    "The images of each set: {name: [arrays]}; the hard sets are made from the first `n_hard` FFHQ photos."
    out = {k: [load_image(f) for f in files] for k, files in sets.items() if k not in HARD}
    for k in sets:
        if k in HARD: out[k] = [HARD[k](load_image(f), i) for i, f in enumerate(sets[k][:n_hard])]
    return out

def measure(name, pads, sets, kw, n_hard=100, threads=1):
    "Rows (backend, pad, set, n, rate, median ms) for backend `name`; pads None: its default."
    import torch; torch.set_num_threads(threads)
    try: det = get_detector(name, verbose=False, **kw)
    except FaceInferenceError as e: return [(name, None, f'not runnable here: {e}', 0, 0., 0.)]
    imgs = load_sets(sets, n_hard)
    rows = []
    for p in pads or [det.pad]:
        det.pad = p
        for k, ims in imgs.items():
            found, ms = 0, []
            for img in ims:
                t = {}
                with timed(t, 'all'): faces = det.detect(img)
                ms.append(t['all']); found += any(f.score >= det.min_score for f in faces)
            rows.append((name, p, k, len(ims), found / len(ims), float(np.median(ms))))
            print(f'{name:12s} pad {str(p):<12} {k:8s} {found / len(ims):8.2%} {np.median(ms):8.1f} ms', file=sys.stderr, flush=True)
    return rows

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--utk', default=str(SHARED/'data/utkface/images'))
    ap.add_argument('--ffhq', default=str(SHARED/'data/aiface/real_ffhq'))
    ap.add_argument('--n', type=int, default=500, help='a fixed random sample of this many UTKFace images (0: all)')
    ap.add_argument('--n-ffhq', type=int, default=0, help='a fixed random sample of this many FFHQ photos (0: all)')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--pads', default='0,0.25,0.5,1.0',
                    help="comma-separated paddings (x the longer side); '0+0.125': 0, then 0.125 where nothing was found")
    ap.add_argument('--default', action='store_true', help="each backend at its own default padding only")
    ap.add_argument('--backends', default='dlib,dlib-cnn,mtcnn,insightface')
    ap.add_argument('--sets', default='UTKFace,FFHQ,FFHQ-small,FFHQ-rot30')
    ap.add_argument('--n-hard', type=int, default=100, help='photos in each hard set (the first of the FFHQ sample)')
    ap.add_argument('--threads', type=int, default=1, help='threads per backend process')
    ap.add_argument('--pack', default=str(SHARED/'models/insightface/scrfd500m'), help='InsightFace model pack folder')
    ap.add_argument('--workers', type=int, default=2)
    a = ap.parse_args(argv)
    os.environ['OMP_NUM_THREADS'] = str(a.threads)  # ONNX Runtime's threads in the backend processes
    ffhq = sample(a.ffhq, a.n_ffhq, a.seed)
    sets = {k: sample(a.utk, a.n, a.seed) if k == 'UTKFace' else ffhq for k in a.sets.split(',')}
    pads = None if a.default else [tuple(map(float, p.split('+'))) if '+' in p else float(p) for p in a.pads.split(',')]
    names = a.backends.split(',')
    t0 = time.perf_counter()
    with ProcessPoolExecutor(min(a.workers, len(names))) as ex:
        n = len(names)
        results = list(ex.map(measure, names, [pads] * n, [sets] * n, [dict(pack=a.pack)] * n, [a.n_hard] * n, [a.threads] * n))
    sizes = {k: len(v) if k not in HARD else min(a.n_hard, len(v)) for k, v in sets.items()}
    print(', '.join(f'{k} {n}' for k, n in sizes.items()) + f" photos (seed {a.seed}); {time.perf_counter() - t0:.0f} s")
    print('| backend | pad | ' + ' | '.join(f'{k} found | {k} ms' for k in sets) + ' |\n|---|---|' + '---|---|' * len(sets))
    for rows in results:
        if rows[0][1] is None: print(f'| {rows[0][0]} | {rows[0][2]} |'); continue
        by = {(p, k): (r, ms) for _, p, k, _, r, ms in rows}
        for p in dict.fromkeys(p for _, p, *_ in rows):
            cells = ' | '.join(f'{by[(p, k)][0]:.1%} | {by[(p, k)][1]:.1f}' for k in sets)
            print(f'| {rows[0][0]} | {"+".join(f"{v:g}" for v in p) if isinstance(p, tuple) else f"{p:g}"} | {cells} |')

if __name__ == '__main__': main()
