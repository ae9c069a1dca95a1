"""GPU check of the real training and inference paths, next to a bare loop; one table of images/s and ratios.

    bash bench/gpu_check.sh [--dry-run] [--minutes 7] [--arch resnet50] [--size 224] [--bs 256] [--n 4096]

What it measures, each for a few seconds after a warm-up:

1. the card: its name, and its peak dense fp16 tensor FLOP/s and memory bandwidth, from a table of known cards by
   name, else computed from what `torch.cuda.get_device_properties` reports (SMs, clocks, bus width); beside them
   what a large bf16 matrix product and a device-to-device copy achieve on it;
2. the data loader alone: `face_dls` (fastai, JPEG files of a data folder made on the fly from
   `face_inference.sample`, decoded, resized and augmented as in training) at 1, 4 and `--workers` worker processes:
   images/s and images/s per worker;
3. training, the real path: `face_inference.train.train` (fastai `Learner`, its callbacks, one-cycle, the data
   loaders above) cut short by a timing callback, for fp32, fp16, fp16 + channels-last and + torch.compile;
   the first batch of each epoch (loader start-up) and validation are not timed;
4. the same model, loss and fused AdamW in a bare loop over random batches that stay on the GPU (no data loading),
   for the same four settings: the ceiling of the real path;
5. inference at batch 1, 8 and 32: torch (fp32 and fp16 + channels-last) against ONNX Runtime on CUDA, the model
   exported by `face_inference.onnx_export.export_onnx`.

The table gives images/s, the ratio to fp32 (training) or to torch fp32 (inference), the real path as a share of the
bare loop, and the share of the card's peak FLOP/s. `--dry-run` runs everything on the CPU at tiny sizes (resnet18,
32 px, 64 images, about a second per setting, no compile) to check the script end to end.
"""
import argparse, os, sys, time, shutil, statistics, tempfile, warnings, contextlib
from pathlib import Path

# peak dense fp16 tensor TFLOP/s (fp32 accumulate) and memory GB/s of known cards, by a part of their name
CARDS = {'GH200': (989, 4000), 'H200': (989, 4800), 'H100 SXM': (989, 3350), 'H100 NVL': (835, 3900), 'H100 PCIe': (756, 2000),
         'H100': (756, 2000), 'B200': (2250, 8000), 'A100-SXM4-80GB': (312, 2039),
         'A100-SXM4-40GB': (312, 1555), 'A100 80GB PCIe': (312, 1935), 'A100-PCIE-40GB': (312, 1555), 'A100': (312, 1555),
         'A10G': (70, 600), 'A10': (125, 600), 'L40S': (362, 864), 'L40': (181, 864), 'L4': (121, 300),
         'RTX 4090': (165, 1008), 'RTX 4080': (97, 717), 'RTX 3090': (71, 936), 'RTX A6000': (155, 768),
         'RTX 6000 Ada': (364, 960), 'V100': (125, 900), 'T4': (65, 320)}
# dense fp16 FLOP per SM per clock, by compute capability, for cards not in the table (fp32 accumulate)
PER_SM_CLOCK = {(7, 0): 1024, (7, 5): 1024, (8, 0): 2048, (8, 6): 512, (8, 7): 1024, (8, 9): 512, (9, 0): 4096,
                (10, 0): 8192, (12, 0): 1024}
GMAC_PER_IMAGE = {'resnet18': 1.82, 'resnet34': 3.67, 'resnet50': 4.11, 'resnet101': 7.83}  # forward, at 224 px
SETTINGS = {'fp32': dict(precision='fp32', channels_last=False, compile=False),
            'fp16': dict(precision='fp16', channels_last=False, compile=False),
            'fp16+cl': dict(precision='fp16', channels_last=True, compile=False),
            'fp16+cl+compile': dict(precision='fp16', channels_last=True, compile=True)}

def args_of(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--dry-run', action='store_true', help='on the CPU at tiny sizes, to check the script')
    p.add_argument('--minutes', type=float, default=7.0, help='time budget; settings are timed for less when short')
    p.add_argument('--arch', default=None, help='resnet18/34/50/101 (default resnet50; resnet18 with --dry-run)')
    p.add_argument('--size', type=int, default=None, help='image side (default 224; 32 with --dry-run)')
    p.add_argument('--bs', type=int, default=None, help='training batch size (default 256; 8 with --dry-run)')
    p.add_argument('--n', type=int, default=None, help='JPEG files in the data folder (default 4096; 64 with --dry-run)')
    p.add_argument('--workers', type=int, default=None, help='data-loader processes (default: the CPU count, at most 16)')
    p.add_argument('--seconds', type=float, default=None, help='timed seconds per setting (default 12; 1 with --dry-run)')
    p.add_argument('--settings', default=','.join(SETTINGS), help='comma-separated subset of: ' + ', '.join(SETTINGS))
    p.add_argument('--keep', default=None, help='keep the data folder and model here (default: a temporary folder)')
    a = p.parse_args(argv)
    d = a.dry_run
    a.arch, a.size = a.arch or ('resnet18' if d else 'resnet50'), a.size or (32 if d else 224)
    a.bs, a.n = a.bs or (8 if d else 256), a.n or (64 if d else 4096)
    a.workers = a.workers if a.workers is not None else (1 if d else min(16, os.cpu_count() or 1))
    a.seconds = a.seconds or (1.0 if d else 12.0)
    a.settings = [s for s in a.settings.split(',') if s and not (d and SETTINGS[s]['compile'])]  # compiling: minutes on a CPU
    return a

class Budget:
    "The time left of `minutes`, shared out over the steps still to come."
    def __init__(self, minutes): self.end = time.perf_counter() + 60 * minutes
    def left(self): return self.end - time.perf_counter()
    def share(self, seconds, steps_after): return max(0.5, min(seconds, (self.left() - 5) / (steps_after + 1)))

def card(torch, dev):
    "(name, peak TFLOP/s, peak GB/s, where they come from) of the device."
    if dev.type != 'cuda':
        return 'CPU (dry run)', None, None, 'no GPU'
    pr = torch.cuda.get_device_properties(dev)
    for k, (tf, gb) in CARDS.items():
        if k.lower() in pr.name.lower(): return pr.name, tf, gb, f'table entry {k!r}'
    flop = PER_SM_CLOCK.get((pr.major, pr.minor))
    clock = getattr(pr, 'clock_rate', 0) * 1e3  # kHz -> Hz
    tf = pr.multi_processor_count * clock * flop / 1e12 if flop and clock else None
    mem = getattr(pr, 'memory_clock_rate', 0) * 1e3 * 2 * getattr(pr, 'memory_bus_width', 0) / 8 / 1e9
    return pr.name, tf, mem or None, f'computed from the device properties (sm_{pr.major}{pr.minor}, {pr.multi_processor_count} SMs)'

def achieved(torch, dev):
    "(bf16 matrix-product TFLOP/s, device copy GB/s counting read + write) measured on the device; CPU: small sizes."
    n, mb = (8192, 2048) if dev.type == 'cuda' else (512, 64)
    a = torch.randn(n, n, device=dev, dtype=torch.bfloat16); b = torch.randn_like(a)
    x = torch.empty(mb * 2 ** 20 // 4, device=dev); y = torch.empty_like(x)
    def t(f, k):
        for _ in range(3): f()
        sync(torch, dev); t0 = time.perf_counter()
        for _ in range(k): f()
        sync(torch, dev); return (time.perf_counter() - t0) / k
    return 2 * n ** 3 / t(lambda: a @ b, 10) / 1e12, 2 * x.numel() * 4 / t(lambda: y.copy_(x), 10) / 1e9

def sync(torch, dev):
    if dev.type == 'cuda': torch.cuda.synchronize(dev)

def make_data(root, n, size):
    "A data folder of `n` synthetic labeled JPEG faces (`face_inference.sample`), imported and split."
    from face_inference.sample import make_sample
    from face_inference.labels import import_avatars
    from face_inference.split import split_manifest
    csv = make_sample(root/'sample', n=n, size=size, seed=0, faults=False)
    with contextlib.redirect_stdout(sys.stderr): import_avatars(csv, root/'data', source='sample'); split_manifest(root/'data')
    return root/'data'

def loader_rate(data, cfg, workers, dev, seconds):
    "Images/s of the training data loader alone (decode, resize, augment, to the device), with `workers` processes."
    from dataclasses import replace
    from face_inference.multitask import face_dls
    dls = face_dls(data, replace(cfg, num_workers=workers), device=dev)
    n, t = 0, 0.0
    while t < seconds:
        last = None  # each epoch's first batch (the workers' start-up) is not timed
        for xb, *_ in dls.train:
            now = time.perf_counter()
            if last is not None: t += now - last; n += len(xb)
            last = now
            if t >= seconds: break
    return n / t

def timer_cb(torch, dev, warmup, seconds):
    "A fastai callback that times training batches after `warmup` and stops the fit after `seconds` of them."
    from fastai.callback.core import Callback, CancelFitException
    class Clock(Callback):
        order = 99
        def before_fit(self): self.n, self.t, self.steps, self.last = 0, 0.0, 0, None
        def before_epoch(self): self.last = None  # the loader's start-up at each epoch is not timed
        def before_validate(self): self._stop()
        def _stop(self):
            if self.last is not None: sync(torch, dev); self.t += time.perf_counter() - self.last; self.last = None
        def after_batch(self):
            if not self.training: return
            self.steps += 1
            if self.steps <= warmup: return
            if self.last is None: sync(torch, dev); self.last = time.perf_counter(); return  # the clock starts
            now = time.perf_counter(); self.t += now - self.last; self.last = now; self.n += len(self.xb[0])
            if self.t >= seconds: self._stop(); raise CancelFitException()
    return Clock()

def real_path(data, out, cfg, dev, setting, seconds, warmup):
    "Images/s of `train.train` with `setting`, cut short by the timing callback."
    from dataclasses import replace
    from face_inference.train import train
    import torch
    clock = timer_cb(torch, dev, warmup, seconds)
    c = replace(cfg, epochs=10_000, **SETTINGS[setting])
    if dev.type == 'cpu' and c.precision == 'fp16': c = replace(c, precision='bf16')  # fp16 needs CUDA
    with contextlib.redirect_stdout(sys.stderr): train(data, out, c, cbs=[clock], device=dev, progress=False)
    return clock.n / clock.t if clock.t else float('nan')

def bare_loop(cfg, dev, setting, seconds, warmup):
    "Images/s of the same model, loss and fused AdamW on random batches that stay on the device."
    import torch
    from face_inference.model import FaceNet
    from face_inference.multitask import MultiTaskLoss
    from face_inference.core import TASKS
    s = SETTINGS[setting]
    amp = s['precision'] == 'fp16'
    dtype = torch.float16 if dev.type == 'cuda' else torch.bfloat16
    fmt = torch.channels_last if s['channels_last'] else torch.contiguous_format
    net = FaceNet(cfg.arch, pretrained=False).to(dev).to(memory_format=fmt).train()
    if s['compile']: net.compile()
    loss_fn = MultiTaskLoss(cfg.task_weights)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-4, fused=dev.type == 'cuda')
    scaler = torch.amp.GradScaler(dev.type, enabled=amp and dev.type == 'cuda')
    x = torch.randn(cfg.bs, 3, cfg.size, cfg.size, device=dev).to(memory_format=fmt)
    ys = [torch.nn.functional.one_hot(torch.randint(0, len(c), (cfg.bs,), device=dev), len(c)).bool() for c in TASKS.values()]
    def step():
        with torch.autocast(dev.type, dtype=dtype, enabled=amp):
            loss = loss_fn(net(x), *ys)
        opt.zero_grad(set_to_none=True); scaler.scale(loss).backward(); scaler.step(opt); scaler.update()
    for _ in range(warmup + 1): step()
    sync(torch, dev); n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds: step(); n += cfg.bs; sync(torch, dev) if n % (8 * cfg.bs) == 0 else None
    sync(torch, dev)
    return n / (time.perf_counter() - t0)

def inference(model_dir, dev, size, seconds, batches=(1, 8, 32)):
    "Images/s at each batch size: torch fp32, torch fp16 + channels-last, ONNX Runtime (CUDA on a GPU)."
    import torch, numpy as np, onnxruntime as ort
    from face_inference.onnx_export import export_onnx
    from face_inference.model import load_model
    onnx_path = export_onnx(model_dir, model_dir/'model.onnx')
    cuda = dev.type == 'cuda'
    prov = ['CUDAExecutionProvider', 'CPUExecutionProvider'] if cuda else ['CPUExecutionProvider']
    note = ''
    if cuda and 'CUDAExecutionProvider' not in ort.get_available_providers():
        prov, note = ['CPUExecutionProvider'], 'onnxruntime has no CUDA here (install onnxruntime-gpu instead of onnxruntime): ONNX Runtime on the CPU'
    sess = ort.InferenceSession(str(onnx_path), providers=prov)
    name = sess.get_inputs()[0].name
    net = load_model(model_dir).to(dev).eval()
    half = (torch.float16 if cuda else torch.bfloat16)
    def timed(f):
        f(); f(); sync(torch, dev); k, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds: f(); k += 1
        sync(torch, dev); return k / (time.perf_counter() - t0)
    rows = []
    for b in batches:
        x = np.random.default_rng(0).normal(size=(b, 3, size, size)).astype(np.float32)
        xt = torch.from_numpy(x).to(dev); xcl = xt.to(memory_format=torch.channels_last)
        with torch.inference_mode():
            t32 = timed(lambda: [o.float().cpu() for o in net(xt)])
            net_cl = net.to(memory_format=torch.channels_last)
            with torch.autocast(dev.type, dtype=half): t16 = timed(lambda: [o.float().cpu() for o in net_cl(xcl)])
            net.to(memory_format=torch.contiguous_format)
        to = timed(lambda: sess.run(None, {name: x}))
        rows.append((b, b * t32, b * t16, b * to))
    return rows, sess.get_providers()[0], note

def main(argv=None):
    a = args_of(argv)
    budget = Budget(a.minutes)
    warnings.filterwarnings('ignore')
    import torch
    if not a.dry_run and not torch.cuda.is_available():
        sys.exit("gpu_check: no CUDA device (torch.cuda.is_available() is False); `bash bench/gpu_check.sh --dry-run` checks the script on the CPU")
    dev = torch.device('cuda' if not a.dry_run else 'cpu')
    if a.dry_run: torch.set_num_threads(1)
    from face_inference.recipe import TrainConfig
    cfg = TrainConfig(arch=a.arch, size=a.size, bs=a.bs, pretrained=False, num_workers=a.workers)
    root = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix='gpu_check_'))
    root.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    name, peak_tf, peak_gb, source = card(torch, dev)
    ach_tf, ach_gb = achieved(torch, dev)
    print(f"# gpu_check: {name}; torch {torch.__version__}; {os.cpu_count()} CPUs; {a.arch} at {a.size} px, batch {a.bs}")
    print(f"peak (from {source}): " + (f"{peak_tf:.0f} TFLOP/s fp16 dense, {peak_gb:.0f} GB/s" if peak_tf else 'none (CPU)'))
    print(f"achieved: bf16 matrix product {ach_tf:.1f} TFLOP/s, device copy {ach_gb:.0f} GB/s (read + write)")
    if a.dry_run: print("DRY RUN on the CPU: checks the script, not a benchmark (fp16 runs as bf16, no compile)")
    data = make_data(root, a.n, a.size)
    print(f"data folder: {a.n} JPEG files at {a.size} px, made in {time.perf_counter() - t0:.0f} s")
    steps = 3 + 2 * len(a.settings) + 3  # loader rates, real and bare per setting, inference
    warm = 1 if a.dry_run else 5
    print("\n| data loader | workers | images/s | images/s per worker |\n|---|---|---|---|")
    for w in dict.fromkeys([1, min(4, a.workers), a.workers]):
        r = loader_rate(data, cfg, w, dev, budget.share(a.seconds, steps)); steps -= 1
        print(f"| face_dls (JPEG, {a.size} px, augmented) | {w} | {r:,.0f} | {r / w:,.0f} |", flush=True)
    train_rows = []
    for s in a.settings:
        real = real_path(data, root/f'model-{s}', cfg, dev, s, budget.share(a.seconds, steps), warm); steps -= 1
        bare = bare_loop(cfg, dev, s, budget.share(a.seconds, steps), warm); steps -= 1
        train_rows.append((s, real, bare))
        print(f"  {s}: real {real:,.1f}, bare {bare:,.1f} images/s", file=sys.stderr, flush=True)
    gflop = 3 * 2 * GMAC_PER_IMAGE.get(a.arch, 4.11) * (a.size / 224) ** 2  # training: forward + backward, 3 x forward
    print("\n| training | real path (train()) images/s | x fp32 | bare loop images/s | x fp32 | real / bare | real, % of peak |\n|---|---|---|---|---|---|---|")
    f_real, f_bare = train_rows[0][1], train_rows[0][2]
    for s, real, bare in train_rows:
        share = f"{real * gflop / 1e3 / peak_tf:.1%}" if peak_tf else 'n/a'
        print(f"| {s} | {real:,.1f} | {real / f_real:.2f} | {bare:,.1f} | {bare / f_bare:.2f} | {real / bare:.2f} | {share} |")
    model_dir = root/'model-onnx'
    from dataclasses import replace
    from face_inference.train import train
    with contextlib.redirect_stdout(sys.stderr):
        train(data, model_dir, replace(cfg, epochs=1, precision='fp32', channels_last=False), device=dev, progress=False)
    rows, prov, note = inference(model_dir, dev, a.size, budget.share(a.seconds / 3, 0))
    print(f"\n| inference | batch | torch fp32 images/s | torch fp16+cl images/s | ONNX Runtime ({prov}) images/s | ORT / torch fp32 | ORT / torch fp16+cl |\n|---|---|---|---|---|---|---|")
    for b, t32, t16, to in rows: print(f"| {a.arch} | {b} | {t32:,.1f} | {t16:,.1f} | {to:,.1f} | {to / t32:.2f} | {to / t16:.2f} |")
    if note: print(note)
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")
    if not a.keep: shutil.rmtree(root, ignore_errors=True)

if __name__ == '__main__': main()
