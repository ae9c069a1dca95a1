"""Peak memory of `predict` in a fresh process, step by step: the package's import, torch's, the model and screen,
the detector, one photo. ResNet50 at 224 px (random weights; the size is what counts), torch or ONNX Runtime, on a
small photo (the astronaut) and on a 7999 x 7999 PNG of noise.

    .venv/bin/python bench/predict_memory.py [--work /tmp/predict-memory]

Prints one JSON line per backend and photo: peak resident memory in MB after each step (getrusage's ru_maxrss).
"""
import argparse, json, resource, subprocess, sys, warnings
from pathlib import Path

STEPS = """
import resource, sys, json, warnings
warnings.simplefilter('ignore')
rss = lambda: round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
model, photo, backend = sys.argv[1:4]
out = {}
import face_inference.infer as I; out['import face_inference.infer'] = rss()
if backend == 'torch':
    import torch; out['+ import torch'] = rss()
pr = I.Predictor(model, detector='dlib', backend=backend); out['+ Predictor (model, screen)'] = rss()
pr.detector; out['+ dlib detector'] = rss()
pr.predict(photo); out['+ predict one photo (peak)'] = rss()
print(json.dumps(out))
"""

def make(work:Path):
    "A ResNet50 model folder, its ONNX export and a 64-megapixel PNG in `work`."
    warnings.simplefilter('ignore')
    import numpy as np
    from PIL import Image
    from face_inference.model import FaceNet, model_meta, save_model
    from face_inference.onnx_export import export_onnx
    if not (work/'model/model.json').is_file():
        save_model(FaceNet('resnet50', pretrained=False).eval(), work/'model', model_meta(dict(arch='resnet50', size=224, pretrained=False)))
    if not (work/'model.onnx').is_file(): export_onnx(work/'model', work/'model.onnx')
    if not (work/'big.png').is_file():
        Image.fromarray(np.random.default_rng(0).integers(0, 255, (7999, 7999, 3), dtype=np.uint8)).save(work/'big.png')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--work', default='/tmp/predict-memory'); a = ap.parse_args()
    work = Path(a.work); work.mkdir(parents=True, exist_ok=True); make(work)
    from face_inference.sample import package_photo
    for backend, model in (('torch', work/'model'), ('onnx', work/'model.onnx')):
        for photo in (package_photo('astronaut'), work/'big.png'):
            r = subprocess.run([sys.executable, '-c', STEPS, str(model), str(photo), backend], capture_output=True, text=True)
            print(json.dumps(dict(backend=backend, photo=Path(photo).name, mb=json.loads(r.stdout.strip().splitlines()[-1]))))
