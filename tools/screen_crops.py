"""Aligned face crops of the AI-face and UTKFace development sets, cached for the screen's training and report.

Each photo goes through what `process` does to it: the dlib detector, then `pipeline.align_face` (224 x 224,
padding 0.25) on the landmarks of the best face. Two degraded copies of every photo are cropped too, with the same
landmarks (scaled): saved once more as JPEG quality 75, and shrunk to 128 px on the longer side (what avatar sites
do). Photos where dlib finds no face are listed and left out.

    nice -n 10 .venv/bin/python tools/screen_crops.py [--out /tmp/screen_crops] [--utk 3000]

Writes OUT/<set>.npz per set (tpdne, boredhumans, ffhq, utkface): `crops`, `jpeg75`, `small128` (N x 224 x 224 x 3
uint8), `names`, `landmarks` (N x 5 x 2, photo pixels). Never written inside the repository.
"""
import argparse, io, random, sys, time
from pathlib import Path
import numpy as np
from PIL import Image
from face_inference.core import load_image
from face_inference.detection import get_detector
from face_inference.pipeline import align_face

SHARED = Path(__file__).resolve().parents[2]/'shared/data'
SETS = {'tpdne': SHARED/'aiface/fake_tpdne', 'boredhumans': SHARED/'aiface/fake_boredhumans',
        'ffhq': SHARED/'aiface/real_ffhq', 'utkface': SHARED/'utkface/images'}

def jpeg(img, quality=75):
    b = io.BytesIO(); Image.fromarray(img).save(b, 'JPEG', quality=quality); return load_image(b.getvalue())

def shrink(img, side=128):
    "`img` shrunk to `side` px on the longer side (never enlarged), and the factor."
    s = min(1.0, side / max(img.shape[:2]))
    if s == 1.0: return img, 1.0
    w, h = round(img.shape[1] * s), round(img.shape[0] * s)
    return np.asarray(Image.fromarray(img).resize((w, h), Image.LANCZOS)), (w / img.shape[1] + h / img.shape[0]) / 2

def crop_set(files, det):
    out = dict(crops=[], jpeg75=[], small128=[], names=[], landmarks=[]); missed = []
    for f in files:
        img = load_image(f)
        faces = det.detect(img)
        if not faces: missed.append(f.name); continue
        lm = np.asarray(faces[0].landmarks, float)
        small, s = shrink(img)
        out['crops'].append(align_face(img, lm)[0]); out['jpeg75'].append(align_face(jpeg(img), lm)[0])
        out['small128'].append(align_face(small, lm * s)[0])
        out['names'].append(f.name); out['landmarks'].append(lm)
    return {k: np.stack(v) if k != 'names' else np.array(v) for k, v in out.items()}, missed

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default='/tmp/screen_crops'); ap.add_argument('--utk', type=int, default=3000)
    a = ap.parse_args()
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    det = get_detector('dlib', verbose=False)
    for name, folder in SETS.items():
        if (out/f'{name}.npz').exists(): print(f'{name}: cached'); continue
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in ('.jpg', '.jpeg', '.png'))
        if name == 'utkface': random.Random(0).shuffle(files); files = sorted(files[:a.utk])
        t0 = time.time(); d, missed = crop_set(files, det)
        np.savez(out/f'{name}.npz', **d)
        print(f'{name}: {len(d["names"])} of {len(files)} photos cropped in {time.time() - t0:.0f} s; no face in {len(missed)}'
              + (f' ({", ".join(missed[:5])}{" ..." if len(missed) > 5 else ""})' if missed else ''), flush=True)
