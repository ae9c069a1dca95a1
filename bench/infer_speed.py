"""Model speed on aligned 224px face crops (torch eager fp32, ONNX Runtime fp32 and int8; batch 1, 8, 32) and the
int8 model's accuracy change on the UTKFace validation split.

    python bench/infer_speed.py --data /tmp/utk-runs/utk-data --model /tmp/utk-runs/base/model \
        [--arch resnet50] [--batches 1,8,32] [--seconds 20] [--calib-n 256] [--work /tmp/face-bench]

Speed: a model of architecture --arch (default the library's ResNet50) at 224 pixels with random weights (speed
does not depend on them), exported to ONNX and quantised to int8 (static QDQ, per-channel, calibrated on --calib-n
crops of the data folder's training split). Each backend gets the same preprocessed batches of real face crops (the
data folder's validation crops, squished to 224); rounds alternate the backends so that any load from elsewhere hits
all alike; the figure is batch size / median seconds per call. Preprocessing (decode, resize, normalise) is timed
apart, per face.

Accuracy: the trained model --model through torch, ONNX Runtime fp32 and ONNX Runtime int8 (calibrated the same
way), on every validation face: accuracy per task (a prediction inside a coarse label's set counts as right),
balanced accuracy, and how often int8's class agrees with fp32's. Writes WORK/infer_speed.json.
"""
import os, json, time, argparse, statistics, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import numpy as np, torch
from face_inference.core import TASKS, read_manifest, resolve_path, load_image, preprocess, label_masks
from face_inference.recipe import TrainConfig
from face_inference.model import FaceNet, model_meta, save_model
from face_inference.evaluation import task_metrics
from face_inference.backends import TorchBackend, OnnxBackend, read_onnx_meta
from face_inference.infer import Predictor
from face_inference.onnx_export import export_onnx, quantize_onnx


def split_paths(data, split):
    m = read_manifest(data)
    m = m[(m.split == split) & m.path.notna()].reset_index(drop=True)
    return m, [resolve_path(p, data) for p in m.path]


def random_model(work, arch, size=224):
    d = Path(work)/f'{arch}-{size}'
    if not (d/'model.json').is_file():
        torch.manual_seed(0)
        save_model(FaceNet(arch, pretrained=False).eval(), d, model_meta(TrainConfig(arch=arch, size=size, pretrained=False)))
    return d


def onnx_pair(model_dir, out_stem, calib, n, fresh=False):
    "fp32 and int8 ONNX files of `model_dir` (made once, or again when `fresh`; the int8 one calibrated on `calib`)."
    fp32, int8 = Path(f'{out_stem}.onnx'), Path(f'{out_stem}-int8.onnx')
    if fresh: fp32.unlink(missing_ok=True); int8.unlink(missing_ok=True)
    t = {}
    if not fp32.is_file():
        t0 = time.perf_counter(); export_onnx(model_dir, fp32); t['export_s'] = round(time.perf_counter() - t0, 1)
    if not int8.is_file():
        t0 = time.perf_counter(); quantize_onnx(fp32, int8, calib, n); t['quantize_s'] = round(time.perf_counter() - t0, 1)
    return fp32, int8, t


def speed(backends, x, batches, seconds):
    "Faces/s per backend and batch size: rounds alternate the backends; median seconds per call."
    out = {}
    for bs in batches:
        xb = np.ascontiguousarray(np.resize(x, (bs,) + x.shape[1:]))
        for b in backends.values(): b(xb); b(xb)  # warm up
        times, t0 = {k: [] for k in backends}, time.perf_counter()
        while len(times[next(iter(backends))]) < 5 or (time.perf_counter() - t0 < seconds and len(times[next(iter(backends))]) < 200):
            for k, b in backends.items():
                t = time.perf_counter(); b(xb); times[k].append(time.perf_counter() - t)
        out[bs] = {k: dict(faces_per_s=round(bs / statistics.median(v), 1), median_ms=round(statistics.median(v) * 1e3, 2),
                           calls=len(v)) for k, v in times.items()}
        print(f"batch {bs:3d}: " + ', '.join(f"{k} {r['faces_per_s']:.1f} faces/s" for k, r in out[bs].items()), flush=True)
    return out


def accuracy(model_dir, data, work, calib, n):
    valid, paths = split_paths(data, 'valid')
    fp32, int8, t = onnx_pair(model_dir, Path(work)/'trained', calib, n, fresh=True)
    crops = [load_image(p) for p in paths]
    probs, secs = {}, {}
    for name, model in [('torch fp32', model_dir), ('onnx fp32', fp32), ('onnx int8', int8)]:
        pr = Predictor(model)
        t0 = time.perf_counter(); probs[name] = pr.classify(crops); secs[name] = time.perf_counter() - t0
    res = {}
    for name, p in probs.items():
        res[name] = {}
        for task in TASKS:
            m = task_metrics(p[task], label_masks(task, valid[task]), task)
            res[name][task] = dict(accuracy=round(m['accuracy'], 4), balanced_accuracy=round(m['balanced_accuracy'], 4),
                                   n_labeled=m['n_labeled'])
            if task == 'age': res[name][task]['one_off_accuracy'] = round(m['one_off_accuracy'], 4)
        res[name]['faces_per_s'] = round(len(crops) / secs[name], 1)
    agree = {t: round(float((probs['onnx int8'][t].argmax(1) == probs['onnx fp32'][t].argmax(1)).mean()), 4) for t in TASKS}
    diff = max(float(np.abs(probs['torch fp32'][t] - probs['onnx fp32'][t]).max()) for t in TASKS)
    same = {t: bool((probs['torch fp32'][t].argmax(1) == probs['onnx fp32'][t].argmax(1)).all()) for t in TASKS}
    return dict(model=str(model_dir), arch=read_onnx_meta(fp32)['arch'], size=read_onnx_meta(fp32)['size'], n_valid=len(crops),
                metrics=res, int8_agreement_with_fp32=agree, torch_vs_onnx_max_prob_diff=diff, torch_vs_onnx_same_class=same, **t)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', required=True, help='a data folder with a split (valid crops to time and score, train crops to calibrate)')
    ap.add_argument('--model', help='a trained model folder for the accuracy check (skipped without)')
    ap.add_argument('--arch', default='resnet50')
    ap.add_argument('--batches', default='1,8,32')
    ap.add_argument('--seconds', type=float, default=20, help='time budget per batch size (at least 5 rounds)')
    ap.add_argument('--calib-n', type=int, default=256)
    ap.add_argument('--threads', type=int, default=os.cpu_count())
    ap.add_argument('--work', default='/tmp/face-bench')
    ap.add_argument('--skip-speed', action='store_true', help='only the accuracy check')
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    work = Path(a.work); work.mkdir(parents=True, exist_ok=True)
    _, calib = split_paths(a.data, 'train')
    _, valid = split_paths(a.data, 'valid')
    report = dict(cpu=os.cpu_count(), threads=a.threads, torch=torch.__version__)
    import onnxruntime; report['onnxruntime'] = onnxruntime.__version__

    md = None if a.skip_speed else random_model(work, a.arch)
    fp32, int8, t = onnx_pair(md, work/f'{a.arch}-224', calib, a.calib_n) if md else (None, None, {})
    if md:
        report['speed_model'] = dict(arch=a.arch, size=224, weights='random', calib_n=a.calib_n, **t)
        t0 = time.perf_counter(); crops = [load_image(p) for p in valid[:64]]; t1 = time.perf_counter()
        x = preprocess(crops, 224, read_onnx_meta(fp32)['normalize']); t2 = time.perf_counter()
        report['preprocess_ms_per_face'] = dict(decode=round((t1 - t0) / 64 * 1e3, 2), resize_normalize=round((t2 - t1) / 64 * 1e3, 2))
        backends = {'torch eager fp32': TorchBackend(md, 'cpu'), 'onnx fp32': OnnxBackend(fp32), 'onnx int8': OnnxBackend(int8)}
        report['speed'] = sp = speed(backends, x, [int(b) for b in a.batches.split(',')], a.seconds)
        print(f"\n{a.arch} at 224 px, faces/s (median), {a.threads} threads; ratio to torch eager fp32:")
        print(f"{'batch':>5}  " + ''.join(f'{k:>18}' for k in backends) + '   onnx fp32 x   onnx int8 x')
        for bs, r in sp.items():
            base = r['torch eager fp32']['faces_per_s']
            print(f"{bs:5d}  " + ''.join(f"{v['faces_per_s']:18.1f}" for v in r.values())
                  + f"{r['onnx fp32']['faces_per_s'] / base:13.2f}{r['onnx int8']['faces_per_s'] / base:14.2f}")
        print(f"preprocessing per face: {report['preprocess_ms_per_face']}")
        del backends

    if a.model:
        acc = report['accuracy'] = accuracy(a.model, a.data, work, calib, a.calib_n)
        print(f"\naccuracy on the validation split ({acc['n_valid']} faces), {acc['arch']} at {acc['size']} px:")
        print(f"{'':12}" + ''.join(f'{t:>22}' for t in TASKS) + '   faces/s')
        for name, r in acc['metrics'].items():
            print(f"{name:12}" + ''.join(f"{r[t]['accuracy']:>11.4f} (bal {r[t]['balanced_accuracy']:.3f})" for t in TASKS)
                  + f"{r['faces_per_s']:10.1f}")
        d = {t: round((acc['metrics']['onnx int8'][t]['accuracy'] - acc['metrics']['onnx fp32'][t]['accuracy']) * 100, 2) for t in TASKS}
        acc['int8_minus_fp32_points'] = d
        print(f"int8 - fp32 accuracy, points: {d}; int8 class = fp32 class: {acc['int8_agreement_with_fp32']}")
        print(f"torch vs ONNX fp32: max probability difference {acc['torch_vs_onnx_max_prob_diff']:.2e}, same classes {acc['torch_vs_onnx_same_class']}")
    (work/'infer_speed.json').write_text(json.dumps(report, indent=1))
    print(f"\n{work/'infer_speed.json'}")


if __name__ == '__main__': main()
