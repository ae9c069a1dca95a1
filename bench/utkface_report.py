"""Tables of the figures.json files that `face-inference train-utkface` (`face_inference.utkface`) writes, as markdown.

    python bench/utkface_report.py /tmp/utk-runs/e30g1 "/tmp/utk-runs/e30g1sqrt=a note" ... > bench/utkface_train.md

Each run: its settings and training time, then per scoring (as is, flip TTA, faces first shrunk to 64x64, both)
accuracy, balanced accuracy (mean over the distinct labels; UTKFace's race: its 5 groups) and macro-F1 per task,
age 1-off accuracy, and the race gap (max - min accuracy over race groups); then accuracy per race group (TTA).
Runs made on aligned crops also show how `process` did, and the end-to-end figures: the original photos through
`predict`, the detection rate, the accuracy per task beside the crop-level one, the gap, and per race group.
"""
import sys, json
from pathlib import Path

def pct(v): return '' if v is None else f'{100 * v:.1f}'

def weights(w) -> str:
    "Task weights as --task-weights takes them: a dict (figures.json of train-utkface) or the string of an older run."
    return ','.join(f'{k}={v:g}' for k, v in w.items()) if isinstance(w, dict) else w

def run_table(d:dict, note:str='') -> list:
    c = d['config']
    L = [f"### {Path(c['out']).name}", '',
         f"`face-inference train-utkface UTKFace/images --out RUN --arch {c['arch']} --size {c['size']} "
         f"--epochs {c['epochs']} --bs {c['bs']} --lr {c['lr']} --wd {c['wd']} --label-smoothing {c['label_smoothing']} "
         f"--task-weights {weights(c.get('task_weights', 'gender=0.5,age=1,race=1'))} --class-weights {c['class_weights']} "
         f"--res-aug {c['res_aug']}{' --ordinal-smoothing' if c.get('ordinal_smoothing') else ''}"
         f"{' --limit ' + str(c['limit']) if c.get('limit') else ''}`", '',
         f"Trained in {d['train_seconds'] / 60:.1f} min (wall clock) on {d['n_train']:,} faces; valid {d['n_valid']:,}."
         + (f" {note}" if note else ''), '']
    if not d.get('process'):
        L += ["Faces: the UTKFace crops as imported, resized only (not aligned); crop-level figures only.", '']
    if d.get('process'):
        pr, crop = d['process'], d.get('crop') or {}
        L += [f"Faces: {crop.get('kind', 'not aligned')}" + (f" {crop['size']} px, padding {crop['padding']}" if 'size' in crop else '') +
              f" (`process` with {c.get('detector', 'dlib')}): {pr['photos']:,} photos, {pr['no_face']:,} without a face found "
              f"({pr['no_face'] / max(pr['photos'], 1):.1%}), left out of training.", '']
    L += [
         '| scoring | gender | age-9 | age 1-off | race-5 | bal. gender | bal. age | bal. race | F1 age | F1 race | race gap |',
         '|---|---|---|---|---|---|---|---|---|---|---|']
    for name, r in d['runs'].items():
        L.append(f"| {name} | {pct(r['gender']['accuracy'])} | {pct(r['age']['accuracy'])} | {pct(r['age']['one_off_accuracy'])} | "
                 f"{pct(r['race']['accuracy'])} | {pct(r['gender']['balanced_accuracy'])} | {pct(r['age']['balanced_accuracy'])} | "
                 f"{pct(r['race']['balanced_accuracy'])} | {pct(r['age']['macro_f1'])} | {pct(r['race']['macro_f1'])} | "
                 f"{pct(r['race']['race_gap'])} |")
    t = d['runs']['full+tta']
    groups = list(t['race']['by_race'])
    L += ['', 'Accuracy per race group (flip TTA):', '', '| task | ' + ' | '.join(g.replace('|', ' / ') for g in groups) + ' | gap |',
          '|---|' + '---|' * (len(groups) + 1)]
    L += [f"| {task} | " + ' | '.join(pct(t[task]['by_race'].get(g)) for g in groups) + f" | {pct(t[task]['race_gap'])} |"
          for task in ('gender', 'age', 'race')]
    return L + [''] + e2e_table(d)

def e2e_table(d:dict) -> list:
    "The end-to-end figures of a run: per scoring, detection rate and accuracy beside the crop level; per race group."
    e2e = d.get('end_to_end') or {}
    if not e2e: return []
    L = ['End to end (the valid photos through `predict`; a face not found counts as wrong), crop-level / end to end / gap in points:', '',
         '| scoring | found | gender | age-9 | age 1-off | race-5 |', '|---|---|---|---|---|---|']
    for name, e in e2e.items():
        cell = lambda t, a='crop', b='end_to_end': f"{pct(e[t][a])} / {pct(e[t][b])} / {pct(None if e[t][a] is None or e[t][b] is None else e[t][a] - e[t][b])}"
        L.append(f"| {name} | {pct(e['detection_rate'])} | {cell('gender')} | {cell('age')} | "
                 f"{cell('age', 'crop_one_off', 'end_to_end_one_off')} | {cell('race')} |")
    e = e2e.get('full') or next(iter(e2e.values()))
    groups = list(e['race']['by_race'])
    L += ['', 'End to end per race group (full):', '', '| task | ' + ' | '.join(g.replace('|', ' / ') for g in groups) + ' | gap |',
          '|---|' + '---|' * (len(groups) + 1)]
    L += [f"| found | " + ' | '.join(pct(e['detection_by_race'].get(g)) for g in groups) + ' | |']
    L += [f"| {t} | " + ' | '.join(pct(e[t]['by_race'].get(g)) for g in groups) + f" | {pct(e[t]['race_gap'])} |"
          for t in ('gender', 'age', 'race')]
    return L + ['']

if __name__ == '__main__':
    if len(sys.argv) < 2: sys.exit(__doc__)
    out = ['# UTKFace: training from scratch on the CPU', '',
           'Figures in percent, on the valid split of `face-inference split` (seed 42, 20%). Wall-clock times are on',
           'a shared 2-core machine; a run that shared the cores with other jobs says so below.', '']
    for arg in sys.argv[1:]:
        run, _, note = arg.partition('=')
        out += run_table(json.loads((Path(run)/'figures.json').read_text()), note)
    print('\n'.join(out))
