"""End-to-end latency on InsightFace's group photo t1.jpg (six people): decode, detect, align and classify, cold
and warm, per backend.

    python bench/e2e_latency.py [--work /tmp/face-bench] [--arch resnet50] [--cold 3] [--warm 10] [--detector auto]
        [--only "torch fp32,onnx fp32"]

The model is the library's default architecture at 224 px with random weights (made in WORK if missing; its ONNX
files come from bench/infer_speed.py, which calibrates the int8 one on real face crops; without them only torch
and ONNX fp32 run). Cold: a new Python process per run that imports face_inference.infer, builds a `Predictor`
(model and detector) and predicts the photo once; the figure is the median over --cold runs of the wall time from
process start to the answer, with its parts. Warm: the median of --warm further calls in one process, with the
median time of each stage; the warm figure is also taken with test-time augmentation (`Predictor(tta=True)`: each
face classified as it is and mirrored), whose cost is the second model call.
"""
import os, sys, json, time, argparse, statistics, subprocess
from pathlib import Path

COLD = r'''
import time, json, sys
t0 = time.perf_counter()
from face_inference.infer import Predictor
t1 = time.perf_counter()
pr = Predictor(sys.argv[1], detector=sys.argv[3]); _ = pr.detector
t2 = time.perf_counter()
faces = pr.predict(sys.argv[2])
t3 = time.perf_counter()
print(json.dumps(dict(import_s=t1 - t0, load_s=t2 - t1, first_call_s=t3 - t2, faces=len(faces))))
'''


def cold(model, photo, detector, n):
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        r = subprocess.run([sys.executable, '-W', 'ignore', '-c', COLD, str(model), str(photo), detector],
                           capture_output=True, text=True, check=True)
        runs.append(dict(json.loads(r.stdout.strip().splitlines()[-1]), total_s=time.perf_counter() - t))
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}


def warm(model, photo, detector, n):
    from face_inference.core import load_image, timed
    from face_inference.pipeline import faces_of
    from face_inference.infer import Predictor
    pr = Predictor(model, detector=detector)
    pr.predict(photo)
    stages, total, total_tta = {}, [], []
    for _ in range(n):
        t = time.perf_counter(); faces = pr.predict(photo); total.append(time.perf_counter() - t)
        pr.tta = True
        t = time.perf_counter(); pr.predict(photo); total_tta.append(time.perf_counter() - t)
        pr.tta = False
        times = {}  # the same steps one by one, timed: decode, detect, landmarks, quality, align, classify (and with tta)
        with timed(times, 'decode'): img = load_image(photo)
        _, crops = faces_of(img, pr.detector, pr.thresholds, pr.crop['size'], pr.padding, times=times)
        with timed(times, 'classify'): pr.classify(crops)
        with timed(times, 'classify_tta'): pr.classify(crops, tta=True)
        for k, v in times.items(): stages.setdefault(k, []).append(v)
    return dict(total_s=round(statistics.median(total), 3), total_tta_s=round(statistics.median(total_tta), 3), faces=len(faces),
                detector=pr.detector.name, stages_ms={k: round(statistics.median(v), 1) for k, v in stages.items()})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--work', default='/tmp/face-bench')
    ap.add_argument('--arch', default='resnet50')
    ap.add_argument('--photo', help='default: insightface/data/images/t1.jpg')
    ap.add_argument('--detector', default='auto')
    ap.add_argument('--cold', type=int, default=3)
    ap.add_argument('--warm', type=int, default=10)
    ap.add_argument('--only', help='comma-separated: run only these of "torch fp32", "onnx fp32", "onnx int8"')
    a = ap.parse_args(argv)
    import torch
    from face_inference.sample import package_photo
    from face_inference.recipe import TrainConfig
    from face_inference.model import FaceNet, model_meta, save_model
    from face_inference.onnx_export import export_onnx
    work = Path(a.work); work.mkdir(parents=True, exist_ok=True)
    photo = Path(a.photo or package_photo('t1'))
    md = work/f'{a.arch}-224'
    if not (md/'model.json').is_file():
        torch.manual_seed(0)
        save_model(FaceNet(a.arch, pretrained=False).eval(), md, model_meta(TrainConfig(arch=a.arch, size=224, pretrained=False)))
    fp32 = work/f'{a.arch}-224.onnx'
    if not fp32.is_file(): export_onnx(md, fp32)
    models = {'torch fp32': md, 'onnx fp32': fp32}
    if (work/f'{a.arch}-224-int8.onnx').is_file(): models['onnx int8'] = work/f'{a.arch}-224-int8.onnx'
    if a.only: models = {k: v for k, v in models.items() if k in a.only.split(',')}
    report = dict(photo=str(photo), arch=a.arch, size=224, cpu=os.cpu_count(), results={})
    print(f"{photo.name}, {a.arch} at 224 px; seconds (medians)")
    for name, m in models.items():
        r = report['results'][name] = dict(cold=cold(m, photo, a.detector, a.cold), warm=warm(m, photo, a.detector, a.warm))
        c, w = r['cold'], r['warm']
        print(f"{name:11}: cold {c['total_s']:.2f} s (import {c['import_s']:.2f}, load {c['load_s']:.2f}, first call "
              f"{c['first_call_s']:.2f}); warm {w['total_s']:.3f} s ({w['total_tta_s']:.3f} s with tta) for {w['faces']} faces with {w['detector']} "
              f"(ms: {', '.join(f'{k} {v}' for k, v in w['stages_ms'].items())})", flush=True)
    (work/'e2e_latency.json').write_text(json.dumps(report, indent=1))
    print(work/'e2e_latency.json')


if __name__ == '__main__': main()
