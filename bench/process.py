"""Throughput of `face-inference process` with 1 and 2 workers, and its median milliseconds per stage.

    python bench/process.py [--utk ../shared/data/utkface/images] [--n 600] [--repeat 3] [--detector dlib] [--screen none]

The photos are UTKFace crops (200x200 JPEG), recorded as raw photos of an avatar source so that each goes
through every stage: decode, detect, landmarks, quality, align (with padding 0.25 to 224x224) and encode. Each
run starts from a fresh data folder in a temporary directory (the manifest refers to the images by absolute path;
nothing is copied into the repository). Photos/s counts the whole run, worker start-up and manifest writes included.
CPU ms per photo (this process and its workers together) shows how much work the run did whatever else the machine
was running: on a busy machine, compare it across worker counts rather than photos/s.
"""
import argparse, os, random, tempfile, statistics
from pathlib import Path
import pandas as pd
from face_inference.core import upsert_manifest
from face_inference.process import process

def cpu():
    t = os.times(); return t.user + t.system + t.children_user + t.children_system

def run(files, workers, detector, screen='default'):
    with tempfile.TemporaryDirectory() as d:
        upsert_manifest(pd.DataFrame(dict(face_id=[f.name for f in files], image_id=[f.name for f in files],
                                          source='avatars', path=[str(f) for f in files], status='downloaded')), d)
        c = cpu(); s = process(d, detector, workers=workers, progress=False, batch=256, screen=screen)
        return dict(s, cpu_ms=(cpu() - c) / len(files) * 1e3)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--utk', default=str(Path(__file__).resolve().parents[2]/'shared/data/utkface/images'))
    ap.add_argument('--n', type=int, default=600)
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--workers', default='1,2')
    ap.add_argument('--detector', default='dlib')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--screen', default='default', help="the AI-face screen ('none' to skip it)")
    a = ap.parse_args(argv)
    files = sorted(Path(a.utk).glob('*.jpg')); random.Random(a.seed).shuffle(files); files = files[:a.n]
    rate = {}
    for w in map(int, a.workers.split(',')):
        runs = [run(files, w, a.detector, None if a.screen == 'none' else a.screen) for _ in range(a.repeat)]
        rate[w] = statistics.median(r['photos_per_s'] for r in runs)
        ms = {k: statistics.median(r['ms'][k] for r in runs) for k in runs[0]['ms']}
        print(f"workers {w}: {rate[w]:.1f} photos/s (median of {a.repeat} runs of {len(files)} photos; "
              f"{runs[0]['faces']} faces); median ms per photo: " + ', '.join(f'{k} {v:.2f}' for k, v in ms.items()))
        print(f"  statuses: {runs[0]['status']}; CPU ms per photo, all processes: "
              f"{statistics.median(r['cpu_ms'] for r in runs):.2f}; start-up s: {statistics.median(r['startup_s'] for r in runs):.2f}")
    ws = sorted(rate)
    if len(ws) > 1: print(f'speed-up {ws[-1]} vs {ws[0]} workers: {rate[ws[-1]] / rate[ws[0]]:.2f}x')

if __name__ == '__main__': main()
