# Two commands do everything:  make demo [OUT=DIR]   and   make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= demo
EXTRAS ?= dev,dlib,insightface
STAMP  := $(VENV)/.installed

.PHONY: setup demo test export clean-nbs

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	$(BIN)/python -c "from face_inference.detection import fetch_dlib_landmarks; fetch_dlib_landmarks()"
	touch $(STAMP)

demo: setup
	$(BIN)/face-inference demo --out $(OUT)

test: setup
	cd $(CURDIR) && PATH="$(abspath $(BIN)):$$PATH" HF_HUB_OFFLINE=1 MPLBACKEND=Agg $(BIN)/python tools/test.py

export: setup
	$(BIN)/nbdev-export && $(BIN)/nbdev-clean
