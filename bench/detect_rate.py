"""Face detection rate of each runnable backend on UTKFace's aligned 200x200 crops, with and without padding.

    python bench/detect_rate.py [--utk ../shared/data/utkface/images] [--n 0] [--seed 0]

Every UTKFace crop holds one face, so the share of crops where a backend finds at least one face is its
detection rate. The crops are tight (the face fills most of the image), which is hard for detectors trained on
photos; padding the crop before detection (25% of its side on each side, black or edge-replicated) gives the
detector the context it expects. `--n 0` uses every image.
"""
import argparse, random, sys, time
from pathlib import Path
import numpy as np
from face_inference.core import load_image, FaceInferenceError, timed
from face_inference.detection import get_detector, BACKENDS

PADS = {'none': None, 'pad 25% black': 'constant', 'pad 25% edge': 'edge'}

def pad(img, mode, f=0.25):
    if mode is None: return img
    p = int(round(f * max(img.shape[:2])))
    return np.pad(img, ((p, p), (p, p), (0, 0)), mode=mode)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--utk', default=str(Path(__file__).resolve().parents[2]/'shared/data/utkface/images'))
    ap.add_argument('--n', type=int, default=0, help='a random subsample of this many images (0: all)')
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args(argv)
    files = sorted(Path(a.utk).glob('*.jpg'))
    if a.n: random.Random(a.seed).shuffle(files); files = sorted(files[:a.n])
    t = time.perf_counter(); imgs = [load_image(f) for f in files]
    print(f'{len(imgs)} images from {a.utk} decoded in {time.perf_counter() - t:.1f} s')
    print(f"{'backend':12s} {'padding':15s} {'any face':>9s} {'>= min_score':>13s} {'median ms':>10s}")
    for name in BACKENDS:
        try: det = get_detector(name, verbose=False)
        except FaceInferenceError as e: print(f'{name:12s} not runnable here: {e}'); continue
        for label, mode in PADS.items():
            found, strong, ms = 0, 0, []
            for img in imgs:
                x, t = pad(img, mode), {}
                with timed(t, 'find'): faces = det.find(x)  # boxes only: landmarks do not change the rate
                ms.append(t['find']); found += bool(faces); strong += any(f.score >= det.min_score for f in faces)
            print(f'{name:12s} {label:15s} {found / len(imgs):9.2%} {strong / len(imgs):13.2%} {np.median(ms):10.1f}')
        sys.stdout.flush()

if __name__ == '__main__': main()
