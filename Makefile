# make reports   set up .venv if needed, rebuild the corpus cache and rerun changed notebooks
# make test      set up .venv if needed, run pytest on analysis/ and nbval on notebooks/
# make lab       JupyterLab on notebooks/ with the project kernel
# make clean     remove build outputs (the virtualenv stays; `make distclean` removes it too)

SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
BUILD := build
CORPUS_DIR ?= seeds

# The set-up stamp is named after the hash of what it installs, so a changed lock
# reinstalls and a fresh clone (new mtimes, same content) does not.
LOCK_HASH := $(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
READY := $(VENV)/.ready-$(LOCK_HASH)
# What every target needs first; the reproducibility test empties it to reuse a venv as is.
SETUP ?= $(READY)

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
PACKAGE := $(shell find analysis -type f \( -name '*.py' -o -path 'analysis/data/*' -o -path 'analysis/templates/*' \) -not -path '*/__pycache__/*')
SEEDS := $(wildcard $(CORPUS_DIR)/*)
# The human coding notebook 03 compares its codes with.
CODINGS := $(wildcard tests/gold/positions_human.csv)
CORPUS := $(BUILD)/stamps/corpus.done

.PHONY: reports test lab clean distclean setup score bench

reports:

setup: $(READY)

$(READY): requirements.lock pyproject.toml
	@echo "setting up $(VENV) (pinned versions from requirements.lock)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --no-deps -r requirements.lock 2>&1 | grep -v '^WARNING: Location' || true
	@$(PY) -m pip check >/dev/null || { $(PY) -m pip check; exit 1; }
	@$(PY) -m pip install --quiet --no-deps --no-build-isolation -e . 2>&1 | grep -v '^WARNING: Location' || true
	@$(PY) -c "import analysis, papermill, nbval, pandas, matplotlib, pyarrow"
	@$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" >/dev/null
	@rm -f $(VENV)/.ready-*
	@touch $@

$(CORPUS): $(SETUP) $(PACKAGE) $(SEEDS)
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

reports: $(REPORTS_DIR)/index.html

$(BUILD)/stamps/$(RUN_KEY)/%.done: notebooks/%.ipynb $(CORPUS) $(CODINGS) $(PARAMS)
	$(PY) -m analysis run $< --progress $(RUN_ARGS) -o $(RUNS_DIR)/$*.ipynb
	@mkdir -p $(@D) && touch $@

$(REPORTS_DIR)/index.html: $(STAMPS) $(PACKAGE)
	$(PY) -m analysis site $(CORPUS_DIR) $(REPORTS_DIR) --notebooks $(RUNS_DIR)

test: $(SETUP)
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

score: $(SETUP)
	$(PY) -m analysis score

bench: $(SETUP)
	$(PY) -m analysis bench

lab: $(SETUP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

clean:
	rm -rf $(BUILD) reports/.staging reports/.old-*

distclean: clean
	rm -rf $(VENV)
