"""Candidate AI-face screens compared on the same held-out faces: the spectral screen (Durall et al. 2020) on the
aligned crop, the CNN screen reading the crop at 224 and at 112 px (Wang et al. 2020 augmentation), and the mean of
the spectral and the 112 px CNN scores.

    nice -n 10 .venv/bin/python tools/screen_crops.py       # the crops, cached under /tmp/screen_crops
    nice -n 10 .venv/bin/python bench/screen_compare.py [--sizes 112,224] [--epochs 40] [--widths 16,32,64,128]

--widths sets the CNN's stages: e.g. `--sizes 224 --widths 16,32,64` is a shallow network that reads local texture
at the crop's own resolution (a receptive field under 50 px, in the spirit of Chai et al. 2020's patch classifiers).

Training: StyleGAN2 (thispersondoesnotexist) and boredhumans faces against FFHQ photos, less the held-out quarter of
each (`screen.split_valid`, as `screen-train` holds out). Measured on the held-out faces, against the held-out FFHQ
photos and against UTKFace photos (none used in training), as they are, after JPEG quality 75, and from photos
shrunk to 128 px. Prints one markdown table: AUC and TPR at 1% FPR.
"""
import argparse, time
from pathlib import Path
import numpy as np, pandas as pd
from face_inference.screen import SpectralScreen
from face_inference.screen_train import fit_screen, screen_report, split_valid

FAKE, REAL = ('tpdne', 'boredhumans'), ('ffhq', 'utkface')

def load_sets(cache):
    "Set -> dict(names, crops, jpeg75, small128) of the cached crops; the held-out part only for the training sets."
    out = {}
    for s in FAKE + REAL:
        d = np.load(Path(cache)/f'{s}.npz')
        keep = split_valid(list(d['names']), 0.25) if s != 'utkface' else np.ones(len(d['names']), bool)
        out[s] = {k: d[k][keep] for k in ('crops', 'jpeg75', 'small128')} | {'train': d['crops'][~keep] if s != 'utkface' else None}
    return out

def table(name, probas, sets, cond):
    scores = {s: (s in FAKE, probas(list(sets[s][cond]))) for s in FAKE + REAL}
    rep = screen_report(scores)
    rep = rep[rep.real.isin(REAL) & rep.generated.isin(FAKE)]
    return {(name, cond, f'{g} vs {r}', m): v for g, r, a, t in rep[['generated', 'real', 'auc', 'tpr_at_1%_fpr']].values
            for m, v in (('AUC', a), ('TPR@1%', t))}, scores

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--cache', default='/tmp/screen_crops'); ap.add_argument('--sizes', default='112,224')
    ap.add_argument('--epochs', type=int, default=40)
    ap.add_argument('--widths', default='16,32,64,128', help='channels of each CNN stage')
    a = ap.parse_args()
    sets = load_sets(a.cache)
    real = [c for s in REAL if sets[s]['train'] is not None for c in sets[s]['train']]
    fake = [c for s in FAKE for c in sets[s]['train']]
    print(f'training on {len(real)} real and {len(fake)} generated faces')
    rows, scores = {}, {}
    t = time.time(); spec = SpectralScreen().fit(real, fake); print(f'spectral: {time.time() - t:.0f} s')
    for cond in ('crops', 'jpeg75', 'small128'):
        r, scores['spectral', cond] = table('spectral', spec.probas, sets, cond); rows |= r
    for size in map(int, a.sizes.split(',')):
        t = time.time(); cnn = fit_screen(real, fake, a.epochs, widths=tuple(map(int, a.widths.split(','))), size=size, progress=False)
        print(f'CNN {size} px: trained in {time.time() - t:.0f} s')
        for cond in ('crops', 'jpeg75', 'small128'):
            r, scores[f'cnn{size}', cond] = table(f'CNN {size} px', cnn.probas, sets, cond); rows |= r
    if ('cnn112', 'crops') in scores:
        mean = {s: (f, (scores['spectral', 'crops'][s][1] + scores['cnn112', 'crops'][s][1]) / 2) for s, (f, _) in scores['cnn112', 'crops'].items()}
        rep = screen_report(mean); rep = rep[rep.real.isin(REAL) & rep.generated.isin(FAKE)]
        rows |= {('mean of spectral and CNN 112 px', 'crops', f'{g} vs {r}', m): v for g, r, au, tp in
                 rep[['generated', 'real', 'auc', 'tpr_at_1%_fpr']].values for m, v in (('AUC', au), ('TPR@1%', tp))}
    df = pd.Series(rows).unstack([2, 3])
    cols = [f'{p} {m}' for p, m in df.columns]
    print('| screen | faces | ' + ' | '.join(cols) + ' |\n|---|---|' + '---|' * len(cols))
    for (name, cond), v in df.iterrows(): print(f'| {name} | {cond} | ' + ' | '.join(f'{x:.3f}' for x in v.values) + ' |')
