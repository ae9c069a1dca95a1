"""Train the AI-face screen that ships inside the package (face_inference/ai_screen.json, .safetensors, .onnx).

    nice -n 10 .venv/bin/python tools/build/screen.py [--out face_inference/ai_screen] [--epochs 60]

The same as `face-inference screen-train --real ../shared/data/aiface/real_ffhq --fake ../shared/data/aiface/fake_tpdne
../shared/data/aiface/fake_boredhumans --detector dlib --out face_inference/ai_screen`: the dlib detector, a quarter
of each folder held out (measured there; the threshold flags at most 1% of the held-out real photos), seed 0.
UTKFace is not used: its terms allow no weights derived from it in the repository. The licence of the data the
screen was trained on is in face_inference/ai_screen.md; what this script made, from what, is in
tools/build/README.md. Writes OUT.roc.png beside the screen and moves it out of the package (`--roc`; not shipped).
"""
import argparse, os, time
from pathlib import Path
from face_inference.screen import screen_files
from face_inference.screen_train import screen_train

AIFACE = Path(__file__).resolve().parents[3]/'shared/data/aiface'  # ../shared beside the repository

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default='face_inference/ai_screen'); ap.add_argument('--epochs', type=int, default=60)
    ap.add_argument('--roc', default='/tmp/ai_screen.roc.png', help='where to move the ROC plot')
    a = ap.parse_args()
    t = time.time()
    screen_train([AIFACE/'real_ffhq'], [AIFACE/'fake_tpdne', AIFACE/'fake_boredhumans'], a.out, detector='dlib',
                 epochs=a.epochs, progress=False)
    for p in screen_files(a.out): os.chmod(p, 0o644)  # readable by everyone once installed
    roc = screen_files(a.out)[1].with_suffix('.roc.png'); os.replace(roc, a.roc)
    print(f'done in {time.time() - t:.0f} s; ROC plot: {a.roc}')
