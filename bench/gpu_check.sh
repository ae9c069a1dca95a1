#!/usr/bin/env bash
# GPU check of the real training path (face_inference.train.train: fastai Learner, callbacks, JPEG data loaders)
# next to a bare loop, for fp32 / fp16 / fp16 + channels-last / + torch.compile, the data loader's images/s per
# worker, the card's own peak, and ONNX Runtime on CUDA vs torch for inference at batch 1, 8, 32.
# At most 8 minutes on one GPU (a timeout ends it then); prints tables of images/s and ratios.
#
#   bash bench/gpu_check.sh              # on a CUDA machine, from the repository root, after `make setup`
#   bash bench/gpu_check.sh --dry-run    # the same steps on the CPU at tiny sizes (a few minutes), to check the script
#
# Options are those of bench/gpu_check.py (--help). ONNX Runtime on CUDA needs onnxruntime-gpu in place of onnxruntime.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
export HF_HUB_OFFLINE=1 MPLBACKEND=Agg PYTHONUNBUFFERED=1 PYTHONWARNINGS=ignore
minutes=7  # the steps share 7 minutes; start-up and a slow compile fit in the 8 that the timeout allows
for a in "$@"; do [ "$a" = --dry-run ] && minutes=4; done
exec timeout --signal=INT $(( minutes * 60 + 60 )) "$PY" bench/gpu_check.py --minutes "$minutes" "$@"
