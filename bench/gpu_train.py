"""GPU training throughput of the face model (ResNet50 FaceNet, three heads) on synthetic 224 px data.

Random batches that live on the GPU (so no data loader limits the rate) go through the learner's training step:
forward, the multi-task loss, backward, fused AdamW. Four settings, each for `--seconds` after a short warm-up:

  fp32            fp32 weights and activations (TF32 matmuls and convolutions)
  amp             fp16 autocast + GradScaler
  amp_cl          fp16 autocast + GradScaler, model and batches in channels-last memory format
  amp_cl_compile  as amp_cl, with the model compiled by torch.compile (compile time reported, not timed)

TF32 and cudnn.benchmark are on throughout. Prints, per setting, the median training images/s over ~1 s windows,
the speed-up over fp32, and the achieved FLOP/s as a share of the card's dense fp16 peak (default: the card's own,
from bench/gpu_check.py's table by name or its device properties; a ResNet50 training step needs about 24.7 GFLOP
per 224 px image: 3 x 8.2 for forward + backward). The project's real training path (`train()`, fastai, data
loaders reading JPEG files) is measured beside this loop by `bash bench/gpu_check.sh`.
With the defaults it takes about 5 minutes (4 x 60 s, compile and warm-up), and never more than --max-minutes
(5.8): when compiling is slow, the last setting is timed for less than 60 s, as its 'timed s' column shows.

    python bench/gpu_train.py [--bs 256] [--seconds 60] [--peak-tflops 989] [--gflop-per-image 24.7]
                              [--settings fp32,amp,amp_cl,amp_cl_compile]
    python bench/gpu_train.py --cpu-smoke    # checks the script on the CPU: batch 4 at 64 px, 2 s per setting, bf16, no compile
"""
import os, sys, time, argparse, statistics, warnings

SETTINGS = {  # name: (autocast, channels_last, compile)
    'fp32': (False, False, False),
    'amp': (True, False, False),
    'amp_cl': (True, True, False),
    'amp_cl_compile': (True, True, True),
}

p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('--arch', default='resnet50')
p.add_argument('--size', type=int, default=None, help='image side (default 224; 64 with --cpu-smoke)')
p.add_argument('--bs', type=int, default=None, help='batch size (default 256; 4 with --cpu-smoke)')
p.add_argument('--seconds', type=float, default=None, help='timed seconds per setting (default 60; 2 with --cpu-smoke)')
p.add_argument('--warmup', type=int, default=None, help='untimed steps after the first (default 5; 1 with --cpu-smoke)')
p.add_argument('--peak-tflops', type=float, default=None, help="the card's dense fp16 peak (default: the card's own)")
p.add_argument('--gflop-per-image', type=float, default=24.7, help='training FLOP per image (ResNet50 at 224 px: 24.7 G)')
p.add_argument('--max-minutes', type=float, default=5.8,
               help='time budget: a setting is timed for less than --seconds when the rest would not fit otherwise')
p.add_argument('--settings', default=','.join(SETTINGS), help='comma-separated subset of: ' + ', '.join(SETTINGS))
p.add_argument('--cpu-smoke', action='store_true',
               help='check the script on the CPU: batch 4 at 64 px, 2 s per setting, bf16 autocast instead of fp16, no compile')
args = p.parse_args()
settings = [s.strip() for s in args.settings.split(',') if s.strip()]
if bad := [s for s in settings if s not in SETTINGS]: p.error(f"unknown setting(s) {bad}; choose from {', '.join(SETTINGS)}")

import torch
warnings.filterwarnings('ignore')
smoke = args.cpu_smoke
if not smoke and not torch.cuda.is_available():
    sys.exit("gpu_train.py: no CUDA device found (torch.cuda.is_available() is False). This benchmark needs a GPU; "
             "run `python bench/gpu_train.py --cpu-smoke` to check the script on the CPU.")
bs = args.bs or (4 if smoke else 256)
seconds = args.seconds or (2.0 if smoke else 60.0)
size = args.size or (64 if smoke else 224)
warmup = args.warmup if args.warmup is not None else (1 if smoke else 5)
dev = torch.device('cpu' if smoke else 'cuda')
amp_dtype = torch.bfloat16 if smoke else torch.float16
if smoke:
    torch.set_num_threads(1)  # a smoke test: one thread, so it does not stall on a busy machine
    settings = [s for s in settings if not SETTINGS[s][2]]  # compiling takes minutes on a small CPU
else:
    torch.backends.cudnn.benchmark = True
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
if args.peak_tflops is None:  # the card's own peak (gpu_check's table by name, else its device properties)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gpu_check import card
    args.peak_tflops = (card(torch, dev)[1] if not smoke else None) or float('nan')

from face_inference.recipe import TrainConfig
from face_inference.model import FaceNet
from face_inference.multitask import MultiTaskLoss
from face_inference.core import TASKS

def sync():
    if dev.type == 'cuda': torch.cuda.synchronize()

def run_setting(name:str, after:int) -> dict:
    "Warm up, then time the training step of setting `name` for `seconds` (less if the `after` settings to come would not fit)."

    amp, cl, comp = SETTINGS[name]
    fmt = torch.channels_last if cl else torch.contiguous_format
    net = FaceNet(args.arch, pretrained=False).to(dev).to(memory_format=fmt).train()
    if comp: net.compile()  # in place, as the learner's `compile=True` does
    loss_fn = MultiTaskLoss(TrainConfig().task_weights)
    opt = torch.optim.AdamW(net.parameters(), lr=4e-4, weight_decay=0.01, fused=dev.type == 'cuda')
    scaler = torch.amp.GradScaler(dev.type, enabled=amp and amp_dtype == torch.float16)
    x = torch.randn(bs, 3, size, size, device=dev)
    ys = [torch.nn.functional.one_hot(torch.randint(0, len(c), (bs,), device=dev), len(c)).bool() for c in TASKS.values()]

    def step():
        xb = x.contiguous(memory_format=fmt)  # as `ChannelsLastInputs` does with each batch
        with torch.autocast(dev.type, dtype=amp_dtype, enabled=amp):
            loss = loss_fn(net(xb), *ys)
        scaler.scale(loss).backward(); scaler.step(opt); scaler.update(); opt.zero_grad(set_to_none=True)

    if dev.type == 'cuda': torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter(); step(); sync(); first = time.perf_counter() - t0  # compiles, autotunes
    t0 = time.perf_counter()
    for _ in range(warmup): step()
    sync(); per_step = (time.perf_counter() - t0) / max(1, warmup)
    chunk = max(1, round(1.0 / max(per_step, 1e-6)))  # steps per timed window of about 1 s
    left = deadline - time.perf_counter() - after * (seconds + 15)  # 15 s: a setting's build and warm-up
    timed = max(min(seconds, left), min(seconds, 10.0))
    rates, steps, start = [], 0, time.perf_counter()
    while time.perf_counter() - start < timed:
        t0 = time.perf_counter()
        for _ in range(chunk): step()
        sync(); rates.append(chunk * bs / (time.perf_counter() - t0)); steps += chunk
    mem = torch.cuda.max_memory_allocated() / 2**30 if dev.type == 'cuda' else float('nan')  # GiB
    return {'rate': statistics.median(rates), 'windows': len(rates), 'steps': steps, 'first': first,
            'timed': time.perf_counter() - start, 'mem': mem}

def device_name() -> str:
    n = torch.get_num_threads()
    if dev.type != 'cuda': return f"CPU ({os.cpu_count()} cores, {n} thread{'s' * (n > 1)})"
    return (f"{torch.cuda.get_device_name()}; torch {torch.__version__}, CUDA {torch.version.cuda}, "
            f"cuDNN {torch.backends.cudnn.version()}; TF32 on, cudnn.benchmark on")

t_start = time.perf_counter()
deadline = t_start + 60 * args.max_minutes
gflop = args.gflop_per_image * (size / 224) ** 2  # a convnet's FLOP grow with the pixel count
print(("CPU SMOKE TEST (checks the script, not a benchmark; fp16 -> bf16 autocast, compile skipped)\n" if smoke else "") +
      f"{args.arch} FaceNet training step (MultiTaskLoss, {'fused ' if dev.type == 'cuda' else ''}AdamW) on synthetic "
      f"{size}px data on the device; batch {bs}; {seconds:g} s per setting after {warmup + 1} warm-up steps")
print(f"device: {device_name()}")
print(f"ratio to peak: {gflop:.3g} GFLOP per training image at {size}px ({args.gflop_per_image:g} at 224px), "
      f"dense fp16 peak {args.peak_tflops:g} TFLOP/s\n")
head = f"{'setting':16} {'images/s':>10} {'x fp32':>7} {'TFLOP/s':>8} {'of peak':>8} {'timed s':>8} {'steps':>6} {'1st step s':>10} {'peak GiB':>9}"
print(head); print('-' * len(head))
results = {}
for i, name in enumerate(settings):
    try: r = results[name] = run_setting(name, len(settings) - i - 1)
    except torch.OutOfMemoryError:
        print(f"{name:16} out of memory at batch {bs}; try a smaller --bs"); continue
    finally:
        if dev.type == 'cuda': torch.cuda.empty_cache()
        if SETTINGS[name][2]: torch._dynamo.reset()
    tflops = r['rate'] * gflop / 1e3
    vs = f"{r['rate'] / results['fp32']['rate']:7.2f}" if 'fp32' in results else f"{'-':>7}"
    label = name.replace('amp', 'amp_bf16') if smoke else name
    mem = '-' if r['mem'] != r['mem'] else f"{r['mem']:.1f}"  # NaN on the CPU
    print(f"{label:16} {r['rate']:10.1f} {vs} {tflops:8.2f} {tflops / args.peak_tflops:8.1%} {r['timed']:8.1f} "
          f"{r['steps']:6d} {r['first']:10.1f} {mem:>9}", flush=True)
print(f"\nimages/s: median over ~1 s windows of the timed seconds; '1st step s' includes compiling and autotuning; "
      f"total {time.perf_counter() - t_start:.0f} s")
