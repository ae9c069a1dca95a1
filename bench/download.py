"""Throughput of `face_inference.download` against a local HTTP server that adds a fixed latency to every request.

Serves N small distinct JPEGs from a separate process on 127.0.0.1 and downloads them all (CSV -> manifest -> raw/,
decoding and hashing each) into a fresh data folder, with 1 and with 16 workers; prints the median images/s of each
and their ratio.

    .venv/bin/python bench/download.py [--n 200] [--latency 0.02] [--runs 3] [--workers 1 16]
"""
from __future__ import annotations
import io, time, argparse, tempfile, statistics, multiprocessing as mp
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _serve(n:int, latency:float, q):
    "Serve /<k>.jpg for k < n, each a distinct small JPEG, after `latency` seconds; put the port on `q`."
    import numpy as np
    from PIL import Image
    rng, imgs = np.random.default_rng(0), {}
    for k in range(n):
        b = io.BytesIO(); Image.fromarray(rng.integers(0, 255, (64, 64, 3), np.uint8)).save(b, 'JPEG', quality=90)
        imgs[f'/{k}.jpg'] = b.getvalue()
    class Handler(BaseHTTPRequestHandler):
        protocol_version, disable_nagle_algorithm = 'HTTP/1.1', True  # no 40 ms Nagle + delayed-ACK stalls
        def log_message(self, *a): pass
        def do_GET(self):
            time.sleep(latency)
            body = imgs.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header('Content-Type', 'image/jpeg'); self.send_header('Content-Length', str(len(body or b'')))
            self.end_headers(); self.wfile.write(body or b'')
    srv = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    srv.daemon_threads, srv.request_queue_size = True, 128
    q.put((srv.server_address[1], sum(map(len, imgs.values()))))
    srv.serve_forever()


def _run(url:str, n:int, workers:int) -> float:
    "Download the n images into a fresh data folder with `workers`; the images per second."
    import pandas as pd
    from face_inference.download import download
    with tempfile.TemporaryDirectory() as d:
        csv = Path(d)/'avatars.csv'
        pd.DataFrame({'image': [f'{url}/{k}.jpg' for k in range(n)]}).to_csv(csv, index=False)
        t = time.perf_counter()
        res = download(csv, Path(d)/'data', workers=workers, progress=False, verbose=False)
        dt = time.perf_counter() - t
        assert (res.status == 'downloaded').sum() == n, res.status.value_counts()
    return n / dt


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--n', type=int, default=200, help='images per run (default: 200)')
    ap.add_argument('--latency', type=float, default=0.02, help='seconds added to every request (default: 0.02)')
    ap.add_argument('--runs', type=int, default=3, help='runs per setting; the median is reported (default: 3)')
    ap.add_argument('--workers', type=int, nargs='+', default=[1, 16], help='worker counts to compare (default: 1 16)')
    a = ap.parse_args()
    q = mp.get_context('spawn').Queue()
    server = mp.get_context('spawn').Process(target=_serve, args=(a.n, a.latency, q), daemon=True)
    server.start()
    try:
        port, size = q.get(timeout=60)
        url = f'http://127.0.0.1:{port}'
        print(f'{a.n} JPEGs of 64x64 ({size / a.n / 1e3:.1f} kB on average), {a.latency * 1e3:g} ms added per request, '
              f'median of {a.runs} runs')
        _run(url, min(a.n, 20), 4)  # warm up: imports, first connections
        med = {}
        for w in a.workers:
            rates = [_run(url, a.n, w) for _ in range(a.runs)]
            med[w] = statistics.median(rates)
            print(f'workers {w:>3}: {med[w]:7.1f} images/s   (runs: {", ".join(f"{r:.1f}" for r in rates)})')
        lo, hi = min(a.workers), max(a.workers)
        print(f'ratio {hi} / {lo} workers: {med[hi] / med[lo]:.2f}x')
    finally:
        server.terminate(); server.join()


if __name__ == '__main__': main()
