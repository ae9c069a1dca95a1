"""CPU training throughput of the face learner, and of its data loader, at 224 px on synthetic data.

Measures, as medians over timed repeats:
  * the training step (forward, loss, backward, AdamW step) in images/s, for the chosen arch and precision;
  * the data loader per worker: JPEG decode + `load_image` + resize + to-tensor + collate (what one data-loader
    process does), in images/s;
  * the batch augmentation (flip, rotate, zoom, lighting, normalise; fastai runs it in the main process on the
    training device) in images/s;
and prints how many loader workers it takes to feed one training process.

    python bench/cpu_train_step.py [--arch resnet50] [--size 224] [--bs 16] [--steps 5] [--threads 2] [--precision fp32|bf16]
"""
import os, sys, time, argparse, tempfile, statistics, warnings
from pathlib import Path

p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('--arch', default='resnet50')
p.add_argument('--size', type=int, default=224)
p.add_argument('--bs', type=int, default=16)
p.add_argument('--steps', type=int, default=5, help='timed training steps (after 2 warm-up steps)')
p.add_argument('--threads', type=int, default=min(2, os.cpu_count()))
p.add_argument('--precision', choices=['fp32', 'bf16'], default='fp32')
p.add_argument('--channels-last', action='store_true')
p.add_argument('--images', type=int, default=256, help='synthetic JPEGs for the loader benchmark')
args = p.parse_args()

import torch
torch.set_num_threads(args.threads)
warnings.filterwarnings('ignore')
from face_inference.recipe import TrainConfig
from face_inference.model import FaceNet
from face_inference.multitask import MultiTaskLoss, face_dls
from face_inference.sample import make_sample
from face_inference.labels import import_avatars
from face_inference.split import split_manifest
from face_inference.core import TASKS

def median_rate(fn, n_images, repeats):
    "Median images/s of `fn()` over `repeats` calls, each handling `n_images` images."
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return n_images / statistics.median(times), times

# --- training step -------------------------------------------------------------------------------------------
net = FaceNet(args.arch, pretrained=False)
fmt = torch.channels_last if args.channels_last else torch.contiguous_format
net = net.to(memory_format=fmt).train()
loss_fn, opt = MultiTaskLoss(TrainConfig().task_weights), torch.optim.AdamW(net.parameters(), lr=4e-4, weight_decay=0.01)
x = torch.randn(args.bs, 3, args.size, args.size).contiguous(memory_format=fmt)
ys = [torch.nn.functional.one_hot(torch.randint(0, len(c), (args.bs,)), len(c)).bool() for c in TASKS.values()]

def step():
    with torch.autocast('cpu', dtype=torch.bfloat16, enabled=args.precision == 'bf16'):
        out = net(x)
        loss = loss_fn(out, *ys)
    loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)

for _ in range(2): step()
step_rate, step_times = median_rate(step, args.bs, args.steps)

# --- data loader ---------------------------------------------------------------------------------------------
with tempfile.TemporaryDirectory() as d:
    import_avatars(make_sample(Path(d)/'sample', n=args.images, size=args.size, faults=False), data=Path(d)/'data', source='sample')
    split_manifest(Path(d)/'data', valid_pct=0.2)
    dls = face_dls(Path(d)/'data', TrainConfig(size=args.size, bs=args.bs, num_workers=0), device='cpu')
    dl = dls.train
    items = list(range(len(dl.dataset)))
    def load_items():  # what one worker does: decode, item transforms, collate
        for s in range(0, len(items) - args.bs + 1, args.bs):
            dl.create_batch([dl.do_item(i) for i in items[s:s + args.bs]])
    n_loaded = (len(items) // args.bs) * args.bs
    load_items()
    load_rate, _ = median_rate(load_items, n_loaded, 3)
    batch = dl.create_batch([dl.do_item(i) for i in items[:args.bs]])
    aug = lambda: dl.after_batch(batch)
    aug(); aug_rate, _ = median_rate(lambda: [aug() for _ in range(5)], 5 * args.bs, 3)

per_image = 1 / load_rate + 1 / aug_rate
print(f"torch {torch.__version__}, {args.threads} threads, {os.cpu_count()} CPUs; {args.arch} at {args.size}px, "
      f"batch {args.bs}, {args.precision}{', channels_last' if args.channels_last else ''}")
print(f"training step:            {step_rate:8.1f} images/s (median of {args.steps} steps: "
      f"{', '.join(f'{t:.2f}' for t in step_times)} s)")
print(f"loader, per worker:       {load_rate:8.1f} images/s (decode + load_image + resize + to tensor + collate)")
print(f"batch augmentation:       {aug_rate:8.1f} images/s (main process, on the CPU)")
print(f"loader / step:            {load_rate / step_rate:8.1f}x per worker; "
      f"augmentation / step: {aug_rate / step_rate:.1f}x")
print(f"workers to feed one step: {step_rate / load_rate:8.2f}")
