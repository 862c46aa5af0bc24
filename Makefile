# make reports   set up .venv if needed, rebuild the corpus cache and rerun changed notebooks
# make test      set up .venv if needed, run make lint, then pytest on analysis/ and nbval on notebooks/
# make lint      ruff, and the notebooks' .py twins in step; make sync brings a pair in step
# make lock      regenerate requirements.lock (uv, CPython 3.11-3.13, hashes) after editing pyproject.toml
# make fuzz      run 10,000 generated texts through the per-document pipeline
# make lab       JupyterLab on notebooks/ with the project kernel
# make clean     remove build outputs (the virtualenv stays; `make distclean` removes it too)

SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:

# A supported CPython: PYTHON= when given, else the first of these on the PATH that is one.
# PY_STATE is "ok VERSION@BASE_PREFIX" or the one line that refuses the interpreter.
SUPPORTED := 3.11 3.12 3.13
PYCHECK := import sys, platform; v = platform.python_version(); ok = platform.python_implementation() == "CPython" and (3, 11) <= sys.version_info[:2] <= (3, 13); print("ok %s@%s" % (v, getattr(sys, "base_prefix", sys.prefix)) if ok else "error: need CPython 3.11-3.13; found %s %s at %s" % (platform.python_implementation(), v, sys.executable))
ifeq ($(origin PYTHON),undefined)
PYTHON := $(or $(shell for p in $(SUPPORTED:%=python%) python3; do command -v $$p >/dev/null 2>&1 && $$p -c '$(PYCHECK)' 2>/dev/null | grep -q '^ok' && { echo $$p; break; }; done),python3)
endif
PY_STATE := $(or $(shell $(PYTHON) -c '$(PYCHECK)' 2>/dev/null),error: need CPython 3.11-3.13; '$(PYTHON)' is not a Python on the PATH (set PYTHON=))
VENV ?= .venv
PY := $(VENV)/bin/python
BUILD := build
CORPUS_DIR ?= seeds

# The set-up stamp is named after the hash of what it installs, so a changed lock
# reinstalls and a fresh clone (new mtimes, same content) does not.
# The interpreter is part of it, so another Python gets a venv of its own.
PY_ID := $(word 2,$(PY_STATE))
LOCK_HASH := $(shell { cat requirements.lock pyproject.toml; echo '$(PY_ID)'; } | sha256sum | cut -c1-12)
UV_VERSION := $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements.lock)
UV := $(VENV)/bin/uv
READY := $(VENV)/.ready-$(LOCK_HASH)
# What every target needs first; the reproducibility test empties it to reuse a venv as is.
SETUP ?= $(READY)
ifneq ($(and $(SETUP),$(filter-out clean distclean,$(or $(MAKECMDGOALS),reports))),)
ifeq ($(firstword $(PY_STATE)),error:)
$(error $(PY_STATE))
endif
endif

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
PACKAGE := $(shell find analysis -type f \( -name '*.py' -o -path 'analysis/data/*' -o -path 'analysis/templates/*' \) -not -path '*/__pycache__/*')
# The layers (see analysis/__init__.py). The corpus cache is made by the layers below the
# questions and the data; a notebook run also uses the protocol, the publish layer and its own
# question module (analysis/questions/<notebook name without its number>.py), so editing one
# question module reruns its notebook only.
BELOW := $(filter-out analysis/data/codings/%,$(filter analysis/kit/% analysis/corpus/% analysis/extract/% analysis/data/% analysis/evidence.py,$(PACKAGE)))
RUNTIME := $(filter analysis/__init__.py analysis/__main__.py analysis/questions/__init__.py analysis/questions/protocol.py analysis/publish/%,$(PACKAGE))
question = $(wildcard analysis/questions/$(shell echo '$(1)' | cut -c4-).py)
# The corpus folder's entries, as prerequisites: only names make can carry (a space,
# ':', '$' or '#' would split or break the list: "No rule to make target 'seeds/010'").
# Any other name forces the build, whose catalog check names it in one line.
SEEDS := $(shell LC_ALL=C find $(CORPUS_DIR) -mindepth 1 -maxdepth 1 -name '[A-Za-z0-9]*' ! -name '*[!A-Za-z0-9._-]*' 2>/dev/null | LC_ALL=C sort)
UNSAFE := $(shell LC_ALL=C find $(CORPUS_DIR) -mindepth 1 -maxdepth 1 ! -name '.*' \( ! -name '[A-Za-z0-9]*' -o -name '*[!A-Za-z0-9._-]*' \) -print -quit 2>/dev/null)
# The human coding notebook 03 compares its codes with.
CODINGS := analysis/data/codings/positions_human.csv
CORPUS := $(BUILD)/stamps/corpus.done

.PHONY: reports test test-fast lab clean distclean setup score bench lint sync lock fuzz FORCE


setup: $(READY)

$(READY): requirements.lock pyproject.toml
	@echo "setting up $(VENV) with $(PYTHON) $(PY_ID) (locked versions from requirements.lock, installed by uv)"
	@if [ -x $(PY) ] && [ "$$($(PY) -c '$(PYCHECK)')" != '$(PY_STATE)' ]; then rm -rf $(VENV); fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) && [ "$$($(UV) --version)" = "uv $(UV_VERSION)" ] || PIP_CONFIG_FILE=/dev/null $(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(UV) pip sync --quiet --compile-bytecode --python $(PY) --require-hashes requirements.lock
	@$(UV) pip install --quiet --python $(PY) --no-deps -e .
	@$(PY) -c "import analysis, papermill, nbval, pandas, matplotlib, pyarrow"
	@$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" >/dev/null
	@! git rev-parse --git-dir >/dev/null 2>&1 || git config diff.jupyternotebook.command "$(abspath $(VENV))/bin/git-nbdiffdriver diff"
	@rm -f $(VENV)/.ready-*
	@touch $@

# Checks the corpus and builds its tables and evidence cache, before any notebook runs,
# so notebooks (in parallel under -j) only read the cache.
$(CORPUS): $(SETUP) $(BELOW) $(SEEDS) $(if $(UNSAFE),FORCE)
	$(PY) -m analysis build $(CORPUS_DIR)
	@mkdir -p $(@D) && touch $@

# Which run of the reports: `make reports` publishes the seeds' run into reports/ and
# writes the executed notebooks over the committed ones. Another corpus or a parameter
# file (`make reports PARAMS=params/putin.yml REPORTS_DIR=build/reports-putin`) gets a
# reports folder of its own (default build/reports-<corpus>[-<params>]), its executed
# notebooks under build/runs/<key>/ and a site showing those runs. Stamps live under a
# key made of the corpus, the parameter file's content and the reports folder, so no
# run is taken as up to date for another.
PARAMS ?=
ifeq ($(CORPUS_DIR)|$(PARAMS),seeds|)
REPORTS_DIR ?= reports
else
REPORTS_DIR ?= $(BUILD)/reports-$(notdir $(abspath $(CORPUS_DIR)))$(if $(PARAMS),-$(basename $(notdir $(PARAMS))))
endif
PUBLISH := $(if $(filter seeds|reports|,$(CORPUS_DIR)|$(REPORTS_DIR)|$(PARAMS)),yes)
ifeq ($(PUBLISH),)
ifeq ($(abspath $(REPORTS_DIR)),$(abspath reports))
$(error only the default `make reports` publishes into reports/; pass REPORTS_DIR=build/... for this run)
endif
endif
RUN_KEY := $(shell { echo "$(CORPUS_DIR)|$(REPORTS_DIR)|$(PARAMS)"; $(if $(PARAMS),cat $(PARAMS) 2>/dev/null;) } | sha256sum | cut -c1-12)
RUNS_DIR := $(if $(PUBLISH),notebooks,$(BUILD)/runs/$(RUN_KEY))
STAMPS := $(NOTEBOOKS:notebooks/%.ipynb=$(BUILD)/stamps/$(RUN_KEY)/%.done)
RUN_ARGS := -p corpus_dir $(CORPUS_DIR) -p reports_dir $(REPORTS_DIR) $(if $(PARAMS),--params-file $(PARAMS))

# One `make reports` at a time in a checkout: a second one says so in one line and waits
# for the first, then finds its work done. The lock is taken while make reads this file
# and held until it exits (analysis/publish/reportslock.py), so a failure prints the failing rule's
# make line only. Not for -q/-n, which only look.
REPORTS_LOCK := $(BUILD)/.reports.lock
ifneq ($(filter reports,$(MAKECMDGOALS)),)
ifeq ($(REPORTS_LOCKED)$(findstring q,$(firstword -$(MAKEFLAGS)))$(findstring n,$(firstword -$(MAKEFLAGS))),)
REPORTS_LOCKED := $(shell mkdir -p $(BUILD) && $(PYTHON) -I analysis/publish/reportslock.py $(REPORTS_LOCK) $$PPID && echo 1)
ifneq ($(REPORTS_LOCKED),1)
$(error make reports: could not take the lock $(REPORTS_LOCK))
endif
export REPORTS_LOCKED
endif
endif
reports: $(REPORTS_DIR)/index.html

$(foreach n,$(NOTEBOOKS:notebooks/%.ipynb=%),$(eval $(BUILD)/stamps/$(RUN_KEY)/$(n).done: $(call question,$(n))))
$(BUILD)/stamps/$(RUN_KEY)/%.done: notebooks/%.ipynb $(CORPUS) $(CODINGS) $(PARAMS) $(RUNTIME)
	$(PY) -m analysis run $< --progress $(RUN_ARGS) -o $(RUNS_DIR)/$*.ipynb
	$(if $(PUBLISH),@$(VENV)/bin/jupytext --quiet --to py:percent $<)
	@mkdir -p $(@D) && touch $@

$(REPORTS_DIR)/index.html: $(STAMPS) $(PACKAGE)
	$(PY) -m analysis site $(CORPUS_DIR) $(REPORTS_DIR) --notebooks $(RUNS_DIR)

# Unit tests only (no kernel, make or browser): the edit-and-check loop, well under 30 s.
test-fast: $(SETUP)
	$(PY) -m pytest -q -m "not slow" tests

test: $(SETUP) lint
	$(PY) -m pytest -rs tests notebooks --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

# ruff for lint and import order; the notebooks' .py twins must match them.
lint: $(SETUP)
	$(VENV)/bin/ruff check analysis tests notebooks
	@mkdir -p $(BUILD)/twins && for nb in $(NOTEBOOKS); do twin=$${nb%.ipynb}.py; \
		$(VENV)/bin/jupytext --quiet --to py:percent -o $(BUILD)/twins/$${twin#notebooks/} $$nb; \
		cmp -s $(BUILD)/twins/$${twin#notebooks/} $$twin || { echo "error: $$twin is not in step with $$nb (run make sync)"; exit 1; }; done

# After editing a notebook or its .py twin: bring the other one up to date.
sync: $(SETUP)
	$(VENV)/bin/jupytext --sync $(NOTEBOOKS)

# Regenerate requirements.lock from pyproject.toml, for CPython 3.11-3.13 on any platform.
lock: $(SETUP)
	$(UV) pip compile pyproject.toml --all-extras --universal --generate-hashes \
		--python-version 3.11 -o requirements.lock --quiet

# 10,000 generated texts through the per-document pipeline (tests/test_fuzz.py).
FUZZ_EXAMPLES ?= 10000
fuzz: $(SETUP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -q -s -p no:cacheprovider -k fuzzed

score: $(SETUP)
	$(PY) -m analysis score

# make bench: 1k/3k/10k documents; BENCH_ARGS=--large adds 30k, BENCH_ARGS="--sizes 20,60" is quick.
bench: $(SETUP)
	$(PY) -m analysis bench $(BENCH_ARGS)

lab: $(SETUP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

clean:
	rm -rf $(BUILD) reports/.staging reports/.old-*

distclean: clean
	rm -rf $(VENV)
	-git config --remove-section diff.jupyternotebook 2>/dev/null
