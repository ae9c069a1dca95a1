"""Train on real faces on the CPU and report validation figures per task and per race group, on face crops and end to end.

Imports a UTKFace folder into a data folder (outside the repository), splits it 80/20 (near-duplicates and
identities kept on one side), and runs `face-inference process` with dlib: every photo is detected and aligned
into the canonical crop (5 points, 224 px, padding 0.25), the one `predict` makes; a photo in which no face is
found is left out of training. Then it trains from scratch (no pretrained weights) and scores the valid split with
`evaluate`: on the aligned crops four ways (as is, with flip test-time augmentation, with every crop first shrunk to
64x64, both), and end to end: the original photos through `predict` (detector and all), as is and with each crop
shrunk to 64x64, with the gap to the crop-level figures and the detection rate. Writes the model, its card, the
evaluation reports and a JSON of the figures under --out; prints a table (bench/utkface_report.py makes markdown).

    python bench/utkface_train.py --utkface ../shared/data/utkface/images --out /tmp/utk-runs/base \\
        [--arch resnet18 --size 112 --epochs 30 --bs 64 --lr 3e-3 --wd 0.05 --label-smoothing 0.1 \\
         --task-weights gender=1,age=1,race=1 --class-weights none --res-aug 0 --precision bf16]

The defaults are the recipe of the README: 30 epochs take about 27 minutes on 2 CPU cores, processing the photos
about 5 more. `--limit N` takes N photos (a fixed random subset) for a quick check of the whole script.
"""
import os, sys, json, time, random, inspect, argparse
from pathlib import Path

from face_inference.core import read_manifest, TASKS  # the rest is imported by main: process's workers import this file

p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('--utkface', required=True, help='folder of UTKFace *.jpg.chip.jpg files')
p.add_argument('--data', help='data folder for the import (default: OUT/../utk-data, or utk-data-N with --limit N; shared between runs)')
p.add_argument('--out', required=True, help='folder for this run: model, reports, figures')
p.add_argument('--limit', type=int, help='use only this many photos (a fixed random subset), for a quick check')
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
p.add_argument('--detector', default='dlib', help='detector of process and of the end-to-end scoring')
p.add_argument('--threads', type=int, default=2)
p.add_argument('--workers', type=int, default=1, help='data-loader processes of the training')
p.add_argument('--process-workers', type=int, default=2, help='worker processes of process')
p.add_argument('--no-end-to-end', dest='end_to_end', action='store_false', help='score the aligned crops only')
p.add_argument('--eval-only', action='store_true', help='score the model already in --out (after changes to the metrics)')


def photos_folder(args, data:Path) -> Path:
    "The UTKFace folder, or with --limit a folder of links to a fixed random subset of its photos."
    if not args.limit: return Path(args.utkface)
    sub = data/'photos'
    if not sub.is_dir():
        files = sorted(Path(args.utkface).rglob('*.jpg')); random.Random(0).shuffle(files)
        sub.mkdir(parents=True)
        for f in files[:args.limit]: (sub/f.name).symlink_to(f.resolve())
    return sub

def crop_figures(ev:dict) -> dict:
    "Accuracy, balanced accuracy, macro-F1, 1-off per task; accuracy per race group and the race gap."
    r = {t: {k: round(ev[t][k], 4) for k in ('accuracy', 'balanced_accuracy', 'macro_f1', 'one_off_accuracy')
             if ev[t].get(k) is not None} for t in TASKS}
    for t in TASKS:
        g = ev[t]['by_group']['race']
        r[t]['by_race'] = {k: round(v['accuracy'], 4) for k, v in g['groups'].items()}
        r[t]['race_gap'] = round(g['gap'], 4) if g.get('gap') is not None else None
    return r

def e2e_figures(e:dict) -> dict:
    "Detection rate and, per task, crop-level, end-to-end and found-face accuracy, the gap and the accuracy per race group."
    rnd = lambda v: None if v is None else round(v, 4)
    r = {'faces': e['faces'], 'found': e['found'], 'detection_rate': rnd(e['detection_rate']), 'outcomes': e['outcomes'],
         'detection_by_race': {k: rnd(v['accuracy']) for k, v in e['detection_by_race']['groups'].items()}}
    for t in TASKS:
        x = e[t]
        r[t] = {k: rnd(x.get(k)) for k in ('crop', 'end_to_end', 'found_faces', 'gap', 'crop_one_off', 'end_to_end_one_off') if k in x}
        r[t]['by_race'] = {k: rnd(v['accuracy']) for k, v in x['by_race']['end_to_end']['groups'].items()}
        r[t]['race_gap'] = rnd(x['by_race']['end_to_end'].get('gap'))
    return r

def main(args):
    import torch
    from face_inference.labels import import_utkface, split_manifest
    from face_inference.cropping import process
    from face_inference.learner import TrainConfig, train, parse_task_weights
    from face_inference.multitask import training_rows
    from face_inference.evaluation import evaluate
    torch.set_num_threads(args.threads)

    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    data = Path(args.data or out.parent/('utk-data' + (f'-{args.limit}' if args.limit else '')))

    if not (data/'manifest.parquet').exists():
        print(import_utkface(photos_folder(args, data), data))
        split_manifest(data, valid_pct=0.2, seed=42)
    t0 = time.perf_counter()
    processed = process(data, args.detector, workers=args.process_workers, progress=False)  # does only the photos not done yet
    process_s = time.perf_counter() - t0
    m = read_manifest(data)
    photos = m[~m.face_id.str.contains('#', regex=False)]
    cropping = {'photos': len(photos), 'faces': int(m.face_id.str.contains('#', regex=False).sum()),
                'no_face': int((photos.status == 'no_face').sum()), 'status': photos.status.value_counts().to_dict(),
                'seconds_this_run': round(process_s), 'summary': {k: v for k, v in processed.items() if k != 'ms'}}
    print(f"process: {cropping['photos']:,} photos, {cropping['faces']:,} faces, {cropping['no_face']:,} labeled crops without a face "
          f"found (left out of training); {process_s:.0f} s this run")

    cfg = TrainConfig(arch=args.arch, size=args.size, pretrained=False, epochs=args.epochs, bs=args.bs, lr=args.lr,
                      wd=args.wd, task_weights=parse_task_weights(args.task_weights), label_smoothing=args.label_smoothing,
                      ordinal_smoothing=args.ordinal_smoothing, class_weights=args.class_weights, res_aug=args.res_aug,
                      precision=args.precision, num_workers=args.workers)
    if args.eval_only:  # keep the training time (and the training configuration) of the run that made the model
        old = json.loads((out/'figures.json').read_text())
        train_s, args = old['train_seconds'], argparse.Namespace(**vars(args) | old['config'] | {'eval_only': True})
    else:
        t0 = time.perf_counter()
        train(data, out/'model', cfg)
        train_s = time.perf_counter() - t0
    meta = json.loads((out/'model/model.json').read_text())

    e2e_ok = args.end_to_end and 'end_to_end' in inspect.signature(evaluate).parameters
    if args.end_to_end and not e2e_ok: print('this evaluate has no end_to_end option: crop-level figures only')
    res = {'config': vars(args), 'train_seconds': round(train_s), 'crop': meta.get('crop'), 'summary': meta.get('summary'),
           'process': cropping, 'n_train': int((training_rows(m, data)[0].split == 'train').sum()),
           'n_valid': 0, 'runs': {}, 'end_to_end': {}}
    for name, kw in {'full': {}, 'full+tta': {'tta': True}, '64px': {'downscale': 64}, '64px+tta': {'downscale': 64, 'tta': True}}.items():
        t1 = time.perf_counter()
        e2e = e2e_ok and not kw.get('tta')
        ev = evaluate(data, out/'model', split='valid', out=out/'eval'/name, **kw,
                      **({'end_to_end': True, 'detector': args.detector} if e2e else {}))
        res['n_valid'] = ev['meta']['faces']
        res['runs'][name] = crop_figures(ev) | {'seconds': round(time.perf_counter() - t1, 1)}
        if e2e: res['end_to_end'][name] = e2e_figures(ev['end_to_end'])
    (out/'figures.json').write_text(json.dumps(res, indent=1, default=str))

    print(f"\n{args.arch} {args.size}px, {args.epochs} epochs, class weights {args.class_weights}, res-aug {args.res_aug}: trained in "
          f"{train_s / 60:.1f} min on {res['n_train']:,} faces ({res['crop']}); valid {res['n_valid']:,}")
    print(f"{'crop-level':12}{'gender':>8}{'age-9':>8}{'age 1-off':>10}{'race-5':>8}{'bal gender':>11}{'bal age':>8}{'bal race':>9}")
    for name, r in res['runs'].items():
        print(f"{name:12}{r['gender']['accuracy']:8.1%}{r['age']['accuracy']:8.1%}{r['age']['one_off_accuracy']:10.1%}"
              f"{r['race']['accuracy']:8.1%}{r['gender']['balanced_accuracy']:11.1%}{r['age']['balanced_accuracy']:8.1%}"
              f"{r['race']['balanced_accuracy']:9.1%}")
    for name, e in res['end_to_end'].items():
        print(f"\nend to end ({name}): {e['found']:,} of {e['faces']:,} labeled faces found ({e['detection_rate']:.1%})")
        for t in TASKS:
            x = e[t]
            print(f"  {t:7} crop {x['crop']:.1%}, end to end {x['end_to_end']:.1%} (gap {100 * x['gap']:.1f} pts), on found faces "
                  f"{x['found_faces']:.1%}" + (f"; 1-off {x['crop_one_off']:.1%} -> {x['end_to_end_one_off']:.1%}" if t == 'age' else ''))
            print(f"          by race: " + ', '.join(f"{k} {v:.1%}" for k, v in x['by_race'].items()))
    print('\naccuracy by race group (crop-level, full+tta):')
    for t in TASKS: print(f"  {t:7}", ', '.join(f"{k} {v:.1%}" for k, v in res['runs']['full+tta'][t]['by_race'].items()),
                          f"(gap {res['runs']['full+tta'][t]['race_gap']})")
    print(f"\nmodel: {out/'model'} ({res['summary']}); card: {out/'model/MODEL_CARD.md'}; reports: {out/'eval'}")

if __name__ == '__main__':  # process's workers start by importing this file: they must not run it
    main(p.parse_args())
