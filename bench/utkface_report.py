"""Tables of the figures.json files that bench/utkface_train.py writes, as markdown.

    python bench/utkface_report.py /tmp/utk-runs/e30g1 "/tmp/utk-runs/e30g1sqrt=a note" ... > bench/utkface_train.md

Each run: its settings and training time, then per scoring (as is, flip TTA, faces first shrunk to 64x64, both)
accuracy, balanced accuracy (mean over the distinct labels; UTKFace's race: its 5 groups) and macro-F1 per task,
age 1-off accuracy, and the race gap (max - min accuracy over race groups); then accuracy per race group (TTA).
"""
import sys, json
from pathlib import Path

def pct(v): return '' if v is None else f'{100 * v:.1f}'

def run_table(d:dict, note:str='') -> list:
    c = d['config']
    L = [f"### {Path(c['out']).name}", '',
         f"`python bench/utkface_train.py --utkface UTKFace/images --out RUN --arch {c['arch']} --size {c['size']} "
         f"--epochs {c['epochs']} --bs {c['bs']} --lr {c['lr']} --wd {c['wd']} --label-smoothing {c['label_smoothing']} "
         f"--task-weights {c.get('task_weights', 'gender=0.5,age=1,race=1')} --class-weights {c['class_weights']} "
         f"--res-aug {c['res_aug']}{' --ordinal-smoothing' if c.get('ordinal_smoothing') else ''}`", '',
         f"Trained in {d['train_seconds'] / 60:.1f} min (wall clock) on {d['n_train']:,} faces; valid {d['n_valid']:,}."
         + (f" {note}" if note else ''), '',
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
