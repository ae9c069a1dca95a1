"""Load on the review service: saves per second and latency with concurrent clients on loopback.

Builds a small data folder from the synthetic sample, serves it with the real uvicorn server (`face_inference.annotate`)
in a separate process on 127.0.0.1, and lets C client threads (one keep-alive HTTP connection each) POST labels
until N saves are acknowledged or S seconds have passed. Then, the same for the page's full cycle (save, then ask
for the next face). Prints saves per second and the median, p95 and p99 latency of each, and checks that the
database holds every acknowledged save.

    .venv/bin/python bench/annotate_load.py [--clients 8] [--saves 2000] [--seconds 30] [--cycles 500] [--faces 200]
"""
from __future__ import annotations
import time, argparse, tempfile, threading, multiprocessing as mp
from pathlib import Path


def _serve(data:str, q, stop):
    "Serve the review app of `data` on 127.0.0.1 (a free port); put the base URL on `q`; run until `stop` is set."
    from face_inference.annotate import create_app, serve
    with serve(create_app(data, annotator='bench'), host='127.0.0.1', port=0) as url:
        q.put(url); stop.wait()


def _client(url:str, k:int, faces:list, deadline:float, budget:list, lock, lat:list, acked:list, cycle:bool):
    "One client: save (and, for a cycle, fetch the next face) until the budget or the time runs out."
    import httpx
    from face_inference.core import TASKS
    ages, races = TASKS['age'], TASKS['race']
    with httpx.Client(base_url=url, timeout=30) as c:
        i = 0
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0: return
                budget[0] -= 1
            body = dict(face_id=faces[(k * 7919 + i) % len(faces)], gender=TASKS['gender'][i % 2], age=ages[i % 9],
                        race=races[(k + i) % 7], annotator=f'client{k}')
            t = time.perf_counter()
            r = c.post('/api/save', json=body); r.raise_for_status()
            if cycle: c.get('/api/next', params={'annotator': f'client{k}'}).raise_for_status()
            lat.append(time.perf_counter() - t); acked.append(r.json()['event']); i += 1


def _load(url:str, faces:list, clients:int, n:int, seconds:float, cycle:bool=False) -> dict:
    "Run `clients` client threads for at most `n` actions or `seconds`; throughput and latency percentiles."
    import numpy as np
    lat, acked, lock, budget = [], [], threading.Lock(), [n]
    deadline = time.perf_counter() + seconds
    ts = [threading.Thread(target=_client, args=(url, k, faces, deadline, budget, lock, lat, acked, cycle)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in ts: t.start()
    for t in ts: t.join()
    dt = time.perf_counter() - t0
    ms = np.array(lat) * 1e3
    return dict(n=len(lat), seconds=dt, rate=len(lat) / dt, p50=np.percentile(ms, 50), p95=np.percentile(ms, 95),
                p99=np.percentile(ms, 99), acked=acked)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--clients', type=int, default=8, help='concurrent clients (default: 8)')
    ap.add_argument('--saves', type=int, default=2000, help='saves in the save phase, at most (default: 2000)')
    ap.add_argument('--seconds', type=float, default=30, help='time limit of each phase in seconds (default: 30)')
    ap.add_argument('--cycles', type=int, default=500, help='save + next cycles in the page phase, at most (default: 500)')
    ap.add_argument('--faces', type=int, default=200, help='faces in the data folder (default: 200)')
    a = ap.parse_args()
    from face_inference.sample import make_sample
    from face_inference.labels import import_avatars
    from face_inference.prelabel import Store, reviewable
    from face_inference.core import read_manifest
    with tempfile.TemporaryDirectory() as d:
        data = Path(d)/'data'
        import_avatars(make_sample(Path(d)/'sample', n=a.faces, faults=False), data=data, source='sample')
        faces = reviewable(read_manifest(data)).face_id.tolist()
        ctx = mp.get_context('spawn')
        q, stop = ctx.Queue(), ctx.Event()
        server = ctx.Process(target=_serve, args=(str(data), q, stop), daemon=True); server.start()
        try:
            url = q.get(timeout=120)
            assert url.startswith('http://127.0.0.1:'), url
            print(f'{len(faces)} faces, {a.clients} clients, server {url} (uvicorn, separate process)')
            res = {'save': _load(url, faces, a.clients, a.saves, a.seconds),
                   'save + next': _load(url, faces, a.clients, a.cycles, a.seconds, cycle=True)}
        finally:
            stop.set(); server.join(30)
        hist = Store(data).history()
        for name, r in res.items():
            lost = len(set(r['acked']) - set(hist.id))
            print(f"{name:>12}: {r['n']} in {r['seconds']:.1f} s = {r['rate']:.0f}/s; latency ms median {r['p50']:.1f}, "
                  f"p95 {r['p95']:.1f}, p99 {r['p99']:.1f}; acknowledged but lost: {lost}")
        print(f"database: {len(hist)} events, {hist.id.nunique()} distinct ids")


if __name__ == '__main__': main()
