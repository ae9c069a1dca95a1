"""Milliseconds per face of a CNN screen (default: the one that ships) on 224 x 224 aligned crops, on this CPU, on
each runtime: ONNX Runtime (its ONNX copy, one thread: what `process` and `predict` use where onnxruntime is
installed) and torch (its weights, with 1 thread and with torch's default number).

    nice -n 10 .venv/bin/python bench/screen_speed.py [--screen default] [--repeat 30]

Prints the median ms per face for batches of 1 and 32. The crops are random pixels: the network's cost does not
depend on what they show. The cost in a whole `process` run is its `screen` stage (`bench/process.py`).
"""
import argparse, time
import numpy as np, torch
from face_inference.screen import CnnScreen, DEFAULT_SCREEN, screen_files

def ms_per_face(screen, batch:int, repeat:int) -> float:
    crops = list(np.random.default_rng(0).integers(0, 256, (batch, 224, 224, 3), dtype=np.uint8))
    screen.probas(crops)  # warm up
    ts = []
    for _ in range(repeat):
        t = time.perf_counter(); screen.probas(crops); ts.append((time.perf_counter() - t) / batch * 1000)
    return float(np.median(ts))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--screen', default='default', help="'default' or a CNN screen's .json file")
    ap.add_argument('--repeat', type=int, default=30)
    a = ap.parse_args()
    path = DEFAULT_SCREEN if a.screen == 'default' else screen_files(a.screen)[1]
    default = torch.get_num_threads()
    print(f'{path.name}: median ms per face (224 x 224 crops, {a.repeat} runs)')
    runs = [('onnxruntime', 1)] + [('torch', t) for t in sorted({1, default})]
    for runtime, threads in runs:
        screen = CnnScreen.load(path, runtime=runtime); torch.set_num_threads(threads)
        for batch in (1, 32):
            print(f'  {runtime:11s} threads {threads}, batch {batch:2d}: {ms_per_face(screen, batch, max(3, a.repeat // (1 + batch // 8))):.2f} ms')
