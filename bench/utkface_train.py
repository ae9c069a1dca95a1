"""Train on real faces on the CPU and report validation metrics per task and per race group.

Imports a UTKFace folder into a data folder (outside the repository), splits it 80/20 (near-duplicates and
identities kept on one side), trains from scratch (no pretrained weights) and scores the valid split four ways:
as is, with flip test-time augmentation, and with every face first shrunk to 64x64 (with and without TTA).
Writes the model and a JSON of the figures under --out; prints a table.

    python bench/utkface_train.py --utkface ../shared/data/utkface/images --out /tmp/utk-runs/base \
        [--arch resnet18 --size 112 --epochs 30 --bs 64 --lr 3e-3 --wd 0.05 --label-smoothing 0.1 \
         --task-weights gender=1,age=1,race=1 --class-weights none --res-aug 0 --precision bf16]

The defaults are the recipe of the figures in the README: 30 epochs take about 27 minutes on 2 CPU cores.
"""
import os, sys, json, time, argparse
from pathlib import Path

p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('--utkface', required=True, help='folder of UTKFace *.jpg.chip.jpg files')
p.add_argument('--data', help='data folder for the import (default: OUT/../utk-data, shared between runs)')
p.add_argument('--out', required=True, help='folder for this run: model, figures')
p.add_argument('--arch', default='resnet18')
p.add_argument('--size', type=int, default=112)
p.add_argument('--epochs', type=int, default=30)
p.add_argument('--bs', type=int, default=64)
p.add_argument('--lr', type=float, default=3e-3)
p.add_argument('--wd', type=float, default=0.05)
p.add_argument('--label-smoothing', type=float, default=0.1)
p.add_argument('--task-weights', default='gender=1,age=1,race=1', help='e.g. gender=0.5,age=1,race=1')
p.add_argument('--ordinal-smoothing', action='store_true', help='age: label smoothing to the neighbouring bins only')
p.add_argument('--class-weights', default='none', choices=['none', 'inverse', 'sqrt'])
p.add_argument('--res-aug', type=float, default=0.0, help='share of training batches shrunk to a random size')
p.add_argument('--precision', default='bf16', choices=['fp32', 'bf16'])
p.add_argument('--threads', type=int, default=2)
p.add_argument('--workers', type=int, default=1)
p.add_argument('--eval-only', action='store_true', help='score the model already in --out (after changes to the metrics)')
args = p.parse_args()

import torch, numpy as np
torch.set_num_threads(args.threads)
from face_inference.core import read_manifest, resolve_path, TASKS
from face_inference.labels import import_utkface, split_manifest
from face_inference.learner import TrainConfig, train, parse_task_weights
from face_inference.infer import Predictor
from face_inference.evaluation import evaluate_predictions

out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
data = Path(args.data or out.parent/'utk-data')
if not (data/'manifest.parquet').exists():
    print(import_utkface(args.utkface, data))
    split_manifest(data, valid_pct=0.2, seed=42)
cfg = TrainConfig(arch=args.arch, size=args.size, pretrained=False, epochs=args.epochs, bs=args.bs, lr=args.lr,
                  wd=args.wd, task_weights=parse_task_weights(args.task_weights), label_smoothing=args.label_smoothing, ordinal_smoothing=args.ordinal_smoothing, class_weights=args.class_weights,
                  res_aug=args.res_aug, precision=args.precision, num_workers=args.workers)
if args.eval_only:  # keep the training time (and the training configuration) of the run that made the model
    old = json.loads((out/'figures.json').read_text())
    train_s, args = old['train_seconds'], argparse.Namespace(**vars(args) | old['config'] | {'eval_only': True})
else:
    t0 = time.perf_counter()
    train(data, out/'model', cfg)
    train_s = time.perf_counter() - t0

m = read_manifest(data)
valid = m[m.split == 'valid'].reset_index(drop=True)
paths = [resolve_path(p, data) for p in valid.path]
predictor = Predictor(out/'model', aligned=True, bs=64)
res = {'config': vars(args), 'train_seconds': round(train_s), 'n_train': int((m.split == 'train').sum()),
       'n_valid': len(valid), 'runs': {}}
for name, kw in {'full': {}, 'full+tta': {'tta': True}, '64px': {'downscale': 64}, '64px+tta': {'downscale': 64, 'tta': True}}.items():
    t1 = time.perf_counter()
    probs = predictor.predict_proba(paths, **kw)
    ev = evaluate_predictions(probs, valid[['face_id', *TASKS]])
    r = {t: {k: round(ev[t][k], 4) for k in ('accuracy', 'balanced_accuracy', 'macro_f1', 'one_off_accuracy') if k in ev[t]}
         for t in TASKS}
    for t in TASKS:
        g = ev[t]['by_group']['race']
        r[t]['by_race'] = {k: round(v['accuracy'], 4) for k, v in g['groups'].items()}
        r[t]['race_gap'] = round(g['gap'], 4) if g.get('gap') is not None else None
    r['seconds'] = round(time.perf_counter() - t1, 1)
    res['runs'][name] = r
(out/'figures.json').write_text(json.dumps(res, indent=1))

print(f"\n{args.arch} {args.size}px, {args.epochs} epochs, class weights {args.class_weights}, res-aug {args.res_aug}, ordinal smoothing {args.ordinal_smoothing}: "
      f"trained in {train_s / 60:.1f} min on {res['n_train']:,} faces; valid {res['n_valid']:,}")
print(f"{'':10}{'gender':>8}{'age-9':>8}{'age 1-off':>10}{'race-5':>8}{'bal gender':>11}{'bal age':>8}{'bal race':>9}")
for name, r in res['runs'].items():
    print(f"{name:10}{r['gender']['accuracy']:8.1%}{r['age']['accuracy']:8.1%}{r['age']['one_off_accuracy']:10.1%}"
          f"{r['race']['accuracy']:8.1%}{r['gender']['balanced_accuracy']:11.1%}{r['age']['balanced_accuracy']:8.1%}"
          f"{r['race']['balanced_accuracy']:9.1%}")
print('\naccuracy by race group (full+tta):')
for t in TASKS: print(f"  {t:7}", ', '.join(f"{k} {v:.1%}" for k, v in res['runs']['full+tta'][t]['by_race'].items()),
                      f"(gap {res['runs']['full+tta'][t]['race_gap']})")
