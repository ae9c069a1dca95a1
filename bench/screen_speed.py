"""Milliseconds per face of a screen (default: the one that ships) on 224 x 224 aligned crops, on this CPU.

    nice -n 10 .venv/bin/python bench/screen_speed.py [--screen default] [--repeat 30]

Prints the median ms per face for batches of 1 and 32, with 1 thread and with torch's default number of threads.
The crops are random pixels: the network's cost does not depend on what they show.
"""
import argparse, time
import numpy as np, torch
from face_inference.screen import load_screen

def ms_per_face(screen, batch:int, repeat:int) -> float:
    crops = list(np.random.default_rng(0).integers(0, 256, (batch, 224, 224, 3), dtype=np.uint8))
    screen.probas(crops)  # warm up
    ts = []
    for _ in range(repeat):
        t = time.perf_counter(); screen.probas(crops); ts.append((time.perf_counter() - t) / batch * 1000)
    return float(np.median(ts))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--screen', default='default'); ap.add_argument('--repeat', type=int, default=30)
    a = ap.parse_args()
    screen = load_screen(a.screen)
    default = torch.get_num_threads()
    print(f'{screen}: median ms per face (224 x 224 crops, {a.repeat} runs)')
    for threads in (1, default):
        torch.set_num_threads(threads)
        for batch in (1, 32):
            print(f'  threads {threads}, batch {batch:2d}: {ms_per_face(screen, batch, max(3, a.repeat // (1 + batch // 8))):.2f} ms')
