"""Fit the logistic that turns a dlib detector's margin into a 0-1 confidence, on real faces and on images without.

    python tools/build/dlib_score_calibration.py [--utk ../shared/data/utkface/images] [--ffhq ../shared/data/aiface/real_ffhq]
        [--n 300] [--crops 30] [--noise 60] [--threshold -0.5] [--upsample 1] [--seed 0] [--cache FOLDER]
        [--cnn auto|mmod_human_face_detector.dat] [--cnn-n 60]

dlib's HOG detector scores a window by the margin of its linear SVM (about -0.5 to 3.5), and its MMOD CNN detector
by a margin too (about 0 to 1.5). `detection` reports p = 1 / (1 + exp(-(a * margin + b))); this script measures a
and b. Every detection is run with a low threshold (`--threshold`, HOG only: dlib's CNN reports from 0) and
`--upsample`:

- positives: the detection on the face of a UTKFace crop (padded by 25% of its side on each side, black, so that
  the face is findable) or of an FFHQ photo, each as it is and shrunk so that the face is about 40-130 px as in
  group photos: the best detection whose centre is within 15% of the image's side from
  the image's centre and whose side is at least 30% of the image's; other detections in those photos (people in
  the background) are not used;
- negatives: every detection in images without a face, at `--upsample` and once more doubled: the sample images
  that scikit-image (all but the portraits), scikit-learn and matplotlib ship (whole, mirrored and `--crops` random
  crops), the bands of each FFHQ photo outside its face box grown by 10%, and noise textures (uniform, Gaussian, 1/f).

Positives and negatives are weighted equally in total (class_weight='balanced'), so p is the probability of a face
when face and non-face detections are equally likely a priori, whatever the number of images of each kind; it is
0.5 where a margin is as likely on a face as on something else. The fit is checked by a 2-fold split by image
(fit on one half, log loss on the other), a reliability table, and a bootstrap over source images (crops of one
sample image are one source) that gives the spread of a, b and of p at a few margins. Last, it shows what the
constants hard-coded in `face_inference.detection` (HOG_LOGISTIC) give on the same measurements.

With `--cnn`, dlib's MMOD CNN is measured the same way on fewer photos (`--cnn-n`, upsample 0: it is slow on a
CPU). It reports nothing at all on the images without a face, so no logistic can be fitted; `detection` gives it
HOG's slope, shifted so that its old threshold 0.3 maps to HOG's 0.15 (CNN_LOGISTIC), and the script shows how the
faces' margins fare under it.
"""
import argparse, math, random, sys, time, warnings, zlib
from pathlib import Path
import numpy as np
from PIL import Image
from face_inference.core import load_image

ROOT = Path(__file__).resolve().parents[3]/'shared/data'  # ../shared beside the repository
FACE_FREE = ['brick', 'cat', 'cell', 'checkerboard', 'clock', 'coffee', 'coins', 'colorwheel', 'grass', 'gravel',
             'horse', 'hubble_deep_field', 'immunohistochemistry', 'logo', 'moon', 'page', 'retina', 'rocket', 'text',
             'binary_blobs']  # not astronaut, camera (a cameraman), lfw_subset (faces)

def rgb(a):
    "An RGB uint8 array from a grey, bool, float or RGBA image."
    a = np.asarray(a)
    if a.dtype == bool: a = a.astype(np.uint8) * 255
    elif a.dtype != np.uint8: a = np.clip((a - a.min()) / (np.ptp(a) or 1) * 255, 0, 255).astype(np.uint8)
    if a.ndim == 2: a = np.stack([a] * 3, -1)
    return np.ascontiguousarray(a[..., :3])

def resize(a, side):
    "`a` resized so that its longer side is `side`."
    h, w = a.shape[:2]; k = side / max(h, w)
    return np.asarray(Image.fromarray(a).resize((max(1, round(w * k)), max(1, round(h * k))), Image.BILINEAR))

def pad(img, f=0.25):
    p = int(round(f * max(img.shape[:2])))
    return np.pad(img, ((p, p), (p, p), (0, 0)))

def hog_runner(threshold, up):
    import dlib
    det = dlib.get_frontal_face_detector()
    def run(img):
        rects, scores, _ = det.run(np.ascontiguousarray(img), up, threshold)
        return [((r.left(), r.top(), r.right() + 1, r.bottom() + 1), float(s)) for r, s in zip(rects, scores)]
    return run

def cnn_runner(path, up):
    import dlib
    det = dlib.cnn_face_detection_model_v1(str(path))
    def run(img):
        return [((d.rect.left(), d.rect.top(), d.rect.right() + 1, d.rect.bottom() + 1), float(d.confidence))
                for d in det(np.ascontiguousarray(img), up)]
    return run

def the_face(img, found):
    "The detection that is the photo's face (near the centre, large), or None."
    h, w = img.shape[:2]; s = max(h, w)
    ok = [(m, b) for b, m in found if math.hypot((b[0] + b[2]) / 2 - w / 2, (b[1] + b[3]) / 2 - h / 2) <= 0.15 * s
          and min(b[2] - b[0], b[3] - b[1]) >= 0.3 * s]
    return max(ok)[::-1] if ok else None

def bands(img, box, grow=0.1):
    "The parts of `img` above, below, left and right of `box` grown by `grow` of its size."
    h, w = img.shape[:2]; x1, y1, x2, y2 = box; gx, gy = (x2 - x1) * grow, (y2 - y1) * grow
    x1, y1, x2, y2 = max(0, int(x1 - gx)), max(0, int(y1 - gy)), min(w, int(x2 + gx)), min(h, int(y2 + gy))
    out = [img[:y1], img[y2:], img[:, :x1], img[:, x2:]]
    return [b for b in out if min(b.shape[:2]) >= 40]

def noise(rng, n, size=320):
    "Noise textures: uniform, Gaussian and 1/f fields of several slopes."
    f = np.fft.fftfreq(size); r = np.sqrt(f[:, None] ** 2 + f[None] ** 2); r[0, 0] = 1
    out = []
    for i in range(n):
        k = i % 4
        if k == 0: a = rng.integers(0, 256, (size, size, 3))
        elif k == 1: a = rng.normal(128, 40, (size, size, 3))
        else:
            e = rng.uniform(0.8, 2.0)
            a = np.stack([np.real(np.fft.ifft2(np.fft.fft2(rng.normal(size=(size, size))) / r ** e)) for _ in range(3)], -1)
            a = (a - a.min()) / np.ptp(a) * 255
        out.append(np.clip(a, 0, 255).astype(np.uint8))
    return out

def samples():
    "(name, image) of the sample images without a face that scikit-image, scikit-learn and matplotlib ship."
    import skimage.data as data
    from sklearn.datasets import load_sample_images
    from matplotlib.cbook import get_sample_data
    yield from ((name, getattr(data, name)()) for name in FACE_FREE)
    yield from zip(('china', 'flower'), load_sample_images().images)
    yield 'present', np.asarray(Image.open(get_sample_data('Minduka_Present_Blue_Pack.png')).convert('RGB'))

def face_free_images(rng, crops=6):
    "Sample images without a face: whole, mirrored and random crops, about 300-640 px; named by their source."
    out = []
    for name, a in samples():
        a = rgb(a)
        if max(a.shape[:2]) > 640: a = resize(a, 640)
        out += [(name, a), (name, a[:, ::-1].copy())]
        h, w = a.shape[:2]
        for _ in range(crops):
            ch, cw = int(h * rng.uniform(0.4, 0.8)), int(w * rng.uniform(0.4, 0.8))
            y, x = rng.integers(0, h - ch + 1), rng.integers(0, w - cw + 1)
            out.append((name, resize(a[y:y + ch, x:x + cw], int(rng.uniform(300, 500)))))
    return out

def positives(run, utk, ffhq, rng):
    "(margin, label 1, image) of the face in each photo, as it is and shrunk (the face about 40-130 px)."
    rows = []
    for f in utk:
        img = load_image(f)
        for x in (pad(img), pad(resize(img, int(rng.uniform(50, 130))))):
            if face := the_face(x, run(x)): rows.append((face[1], 1, f.name))
    for f in ffhq:
        img = load_image(f)
        for x in (img, resize(img, int(rng.uniform(110, 220)))):
            if face := the_face(x, run(x)): rows.append((face[1], 1, f.name))
    return rows

def negatives(runs, ffhq, rng, crops, noise_n):
    "(margin, label 0, image) of every detection in images without a face, by each of `runs`."
    imgs = []
    for f in ffhq:  # the photo's face box is found by the first run at its own scale
        img = load_image(f)
        if face := the_face(img, runs[0](img)): imgs += [(f.name, b) for b in bands(img, face[0])]
    imgs += face_free_images(rng, crops) + [(f'noise-{k}', a) for k, a in enumerate(noise(rng, noise_n))]
    return [(m, 0, name) for name, a in imgs for run in runs for _, m in run(a)], len(imgs)

def collect(runs, utk, ffhq, rng, crops, noise_n):
    "margins, labels and image names: positives by the first of `runs`, negatives by each."
    t = time.perf_counter(); pos = positives(runs[0], utk, ffhq, rng)
    print(f'  {len(pos)} faces in {len(utk) + len(ffhq)} photos: {time.perf_counter() - t:.0f} s', file=sys.stderr)
    t = time.perf_counter(); neg, n = negatives(runs, ffhq, rng, crops, noise_n)
    print(f'  {len(neg)} detections in {n} images without a face: {time.perf_counter() - t:.0f} s', file=sys.stderr)
    rows = pos + neg
    return np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), np.array([r[2] for r in rows])

def fit(m, y):
    "a, b of p = 1 / (1 + exp(-(a * margin + b))), classes weighted equally, no regularisation."
    from sklearn.linear_model import LogisticRegression
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        lr = LogisticRegression(C=1e6, class_weight='balanced', max_iter=1000).fit(m[:, None], y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])

def p_of(m, a, b): return 1 / (1 + np.exp(-(a * m + b)))

def quality(m, y, a, b):
    "Balanced log loss, Brier score and AUC of the mapping (a, b) on (m, y)."
    from sklearn.metrics import log_loss, brier_score_loss, roc_auc_score
    w = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))
    p = np.clip(p_of(m, a, b), 1e-12, 1 - 1e-12)
    return dict(log_loss=log_loss(y, p, sample_weight=w), brier=brier_score_loss(y, p, sample_weight=w),
                auc=roc_auc_score(y, m))

def reliability(m, y, a, b, edges=(0, .1, .3, .5, .7, .9, 1)):
    "Per bin of p: faces, non-faces, mean p and the share of faces once both classes weigh the same."
    p = p_of(m, a, b); wn = y.sum() / max(1, (1 - y).sum())
    print(f"  {'p bin':>10s} {'faces':>6s} {'others':>7s} {'mean p':>7s} {'observed':>9s}")
    for lo, hi in zip(edges[:-1], edges[1:]):
        s = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if not s.any(): continue
        pos, neg = y[s].sum(), (1 - y[s]).sum()
        print(f'  {lo:4.1f}-{hi:3.1f}   {pos:6d} {neg:7d} {p[s].mean():7.3f} {pos / (pos + neg * wn):9.3f}')

def bootstrap(m, y, g, anchors, n=200, seed=0):
    "5%, 50% and 95% points of a, b and p(anchors) when the fit is repeated on source images drawn with replacement."
    groups = {u: np.flatnonzero(g == u) for u in np.unique(g)}; keys = list(groups); rng = np.random.default_rng(seed)
    res = []
    for _ in range(n):
        pick = np.concatenate([groups[keys[k]] for k in rng.integers(0, len(keys), len(keys))])
        a, b = fit(m[pick], y[pick]); res.append([a, b, *p_of(np.array(anchors), a, b)])
    lo, mid, hi = np.percentile(res, (5, 50, 95), axis=0)
    names = ['a', 'b'] + [f'p({v:g})' for v in anchors]
    print(f'  bootstrap over {len(keys)} source images, {n} fits (5% / 50% / 95%):')
    print('  ' + '; '.join(f'{k} {l:.3f} / {c:.3f} / {h:.3f}' for k, l, c, h in zip(names, lo, mid, hi)))

def report(name, m, y, g, anchors, threshold):
    print(f'\n== {name}: {y.sum()} face detections, {(1 - y).sum()} detections without a face')
    for lab, k in (('faces', 1), ('others', 0)):
        print(f'  margin of {lab:6s}: ' + ', '.join(f'q{q}={v:.2f}' for q, v in zip((5, 25, 50, 75, 95), np.percentile(m[y == k], (5, 25, 50, 75, 95)))))
    a, b = fit(m, y); qa = quality(m, y, a, b)
    print(f'  a = {a:.4f}, b = {b:.4f}   (in-sample: balanced log loss {qa["log_loss"]:.4f}, Brier {qa["brier"]:.4f}, AUC {qa["auc"]:.4f})')
    halves = np.array([zlib.crc32(s.encode()) % 2 for s in g])
    for k in (0, 1):
        tr, te = halves == k, halves != k
        ak, bk = fit(m[tr], y[tr]); qk = quality(m[te], y[te], ak, bk)
        print(f'  fold {k}: a = {ak:.4f}, b = {bk:.4f}; on the other half: log loss {qk["log_loss"]:.4f}, Brier {qk["brier"]:.4f}')
    reliability(m, y, a, b)
    bootstrap(m, y, g, anchors)
    print('  ' + ', '.join(f'margin {v:g} -> p {p_of(v, a, b):.4f}' for v in anchors))
    print(f'  the old threshold, margin {threshold:g}, is p {p_of(threshold, a, b):.4f}')
    return a, b

def measure(name, runs, a, utk, ffhq, n, crops, noise_n):
    "The (margins, labels, images) of one detector, from `a.cache` when it has them."
    f = Path(a.cache)/f'{name}-{a.seed}-{n}-{crops}-{noise_n}.npz' if a.cache else None
    if f and f.exists(): d = np.load(f); return d['m'], d['y'], d['g']
    print(f'{name}: {n} UTKFace crops, {min(n, len(ffhq))} FFHQ photos', file=sys.stderr)
    m, y, g = collect(runs, utk[:n], ffhq[:n], np.random.default_rng(a.seed), crops, noise_n)
    if f: f.parent.mkdir(parents=True, exist_ok=True); np.savez(f, m=m, y=y, g=g)
    return m, y, g

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--utk', default=str(ROOT/'utkface/images'))
    ap.add_argument('--ffhq', default=str(ROOT/'aiface/real_ffhq'))
    ap.add_argument('--n', type=int, default=300, help='UTKFace crops (a random sample) and FFHQ photos (the first)')
    ap.add_argument('--crops', type=int, default=30, help='random crops of each sample image')
    ap.add_argument('--noise', type=int, default=60, help='noise textures')
    ap.add_argument('--threshold', type=float, default=-0.5, help="HOG: report detections from this margin")
    ap.add_argument('--upsample', type=int, default=1, help='HOG: upsample for all; negatives also at one more')
    ap.add_argument('--cnn', default=None, help="also measure dlib's MMOD CNN detector, from this model file "
                    "('auto': where `detection.dlib_cnn_path` finds it, e.g. the face-recognition-models package)")
    ap.add_argument('--cnn-n', type=int, default=60, help='CNN: UTKFace crops and FFHQ photos (it is slow on a CPU)')
    ap.add_argument('--cache', default=None, help='a folder to keep the measured margins in (fits again without detecting)')
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args(argv)
    utk = sorted(Path(a.utk).glob('*.jpg')); random.Random(a.seed).shuffle(utk)
    ffhq = sorted(Path(a.ffhq).glob('*.jpg'))
    print(f'dlib HOG: detections from margin {a.threshold}, upsample {a.upsample} (negatives also {a.upsample + 1})')
    hog = measure('hog', [hog_runner(a.threshold, a.upsample), hog_runner(a.threshold, a.upsample + 1)], a, utk, ffhq,
                  a.n, a.crops, a.noise)
    report('dlib HOG', *hog, anchors=(-0.5, 0, 0.15, 0.5, 1, 2), threshold=0.15)
    constants('HOG_LOGISTIC', *hog[:2], (0, 0.15, 1))
    if a.cnn == 'auto':
        from face_inference.detection import dlib_cnn_path
        a.cnn = dlib_cnn_path()
    if a.cnn: cnn_check(a, utk, ffhq)

def cnn_check(a, utk, ffhq):
    "The CNN's margins on faces and non-faces, and what detection's constants (not fitted) make of them."
    m, y, g = measure('cnn', [cnn_runner(a.cnn, 0)], a, utk, ffhq, a.cnn_n, 2, 20)
    print(f'\n== dlib MMOD CNN (upsample 0): {y.sum()} face detections, {(1 - y).sum()} without a face')
    print('  margin of faces: ' + ', '.join(f'q{q}={v:.2f}' for q, v in zip((5, 25, 50, 75, 95), np.percentile(m[y == 1], (5, 25, 50, 75, 95)))))
    if (1 - y).sum() >= 20: report('dlib MMOD CNN', m, y, g, anchors=(0, 0.3, 0.5, 1, 1.5), threshold=0.3)
    else: print('  too few detections without a face to fit a logistic')
    constants('CNN_LOGISTIC', m, y, (0, 0.3, 0.5, 1))

def constants(name, m, y, anchors):
    "What the constants hard-coded in `face_inference.detection` give on these measurements."
    from face_inference import detection
    a, b = getattr(detection, name)
    q = quality(m, y, a, b) if 0 < y.sum() < len(y) else {}
    print(f'  detection.{name} = ({a:.4g}, {b:.4g}): ' + ', '.join(f'margin {v:g} -> p {p_of(v, a, b):.4f}' for v in anchors)
          + (f'; balanced log loss {q["log_loss"]:.4f}' if q else '') + f'; faces below p 0.5: {(p_of(m[y == 1], a, b) < 0.5).mean():.1%}')

if __name__ == '__main__': main()
