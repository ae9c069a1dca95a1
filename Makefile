# Two commands do everything:  make demo [OUT=DIR]   and   make test
# Also: make setup [GPU=1] (the environment), make lab (JupyterLab on the notebooks), make docs (the doc site)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= demo

# ONNX Runtime's CPU and GPU builds cannot share an environment (pyproject.toml says which extra brings which).
# The GPU set installs insightface without its dependencies, since its wheels require the CPU build.
CPU_EXTRAS := dev,dlib,mtcnn,cpu,insightface
GPU_EXTRAS := dev,dlib,mtcnn,gpu,insightface-gpu
GPU_NODEPS := insightface>=1.0
ifeq ($(GPU),1)
EXTRAS ?= $(GPU_EXTRAS)
NODEPS ?= $(GPU_NODEPS)
OTHER_RUNTIME := onnxruntime
FLAVOUR := gpu
else
EXTRAS ?= $(CPU_EXTRAS)
NODEPS ?=
OTHER_RUNTIME := onnxruntime-gpu
FLAVOUR := cpu
endif
STAMP  := $(VENV)/.installed-$(FLAVOUR)
KERNEL ?= face-inference

.PHONY: setup demo test export lab docs check-extras clean-nbs

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# the two ONNX Runtime builds share one module folder: if the other one is there, both go and this one comes back
	if $(BIN)/python -m pip show --quiet $(OTHER_RUNTIME) 2>/dev/null; then \
	  $(BIN)/python -m pip uninstall --quiet -y onnxruntime onnxruntime-gpu; fi
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	$(if $(strip $(NODEPS)),$(BIN)/python -m pip install --quiet --no-deps $(foreach p,$(NODEPS),'$(p)'))
	$(BIN)/python -c "from face_inference.detection import fetch_dlib_landmarks; fetch_dlib_landmarks()"
	rm -f $(VENV)/.installed $(VENV)/.installed-*
	touch $(STAMP)

demo: setup
	$(BIN)/face-inference demo --out $(OUT)

test: setup
	cd $(CURDIR) && PATH="$(abspath $(BIN)):$$PATH" HF_HUB_OFFLINE=1 MPLBACKEND=Agg $(BIN)/python tools/test.py

export: setup
	$(BIN)/nbdev-export && $(BIN)/nbdev-clean

# JupyterLab on the notebooks, from this environment; a kernel named $(KERNEL) is registered for other Jupyters
# (LAB_ARGS="--no-browser --port 8888" and the like go to jupyter lab)
lab: setup
	$(BIN)/python tools/lab.py --kernel $(KERNEL) -- $(LAB_ARGS)

# the doc site in _docs/: nbdev-docs where Quarto is installed, else static pages rendered with nbconvert; then
# every page and internal link is checked
docs: setup
	PATH="$(abspath $(BIN)):$$PATH" HF_HUB_OFFLINE=1 MPLBACKEND=Agg $(BIN)/python tools/docs.py

# the CPU and GPU extras sets resolve, each with its own ONNX Runtime build only (pip's dry run; needs PyPI)
check-extras:
	$(BIN)/python tools/extras.py --cpu "$(CPU_EXTRAS)" --gpu "$(GPU_EXTRAS)" --gpu-nodeps "$(GPU_NODEPS)"
