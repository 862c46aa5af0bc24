# make reports   set up .venv if needed, rebuild the corpus cache and rerun changed notebooks
# make test      set up .venv if needed, run pytest on analysis/ and nbval on notebooks/
# make fuzz      run 10,000 generated texts through the per-document pipeline
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
STAMPS := $(NOTEBOOKS:notebooks/%.ipynb=$(BUILD)/stamps/%.done)
PACKAGE := $(shell find analysis -type f \( -name '*.py' -o -path 'analysis/data/*' -o -path 'analysis/templates/*' \) -not -path '*/__pycache__/*')
# The corpus folder's entries, as prerequisites: only names make can carry (a space,
# ':', '$' or '#' would split or break the list: "No rule to make target 'seeds/010'").
# Any other name forces the build, whose catalog check names it in one line.
SEEDS := $(shell LC_ALL=C find $(CORPUS_DIR) -mindepth 1 -maxdepth 1 -name '[A-Za-z0-9]*' ! -name '*[!A-Za-z0-9._-]*' 2>/dev/null | LC_ALL=C sort)
UNSAFE := $(shell LC_ALL=C find $(CORPUS_DIR) -mindepth 1 -maxdepth 1 ! -name '.*' \( ! -name '[A-Za-z0-9]*' -o -name '*[!A-Za-z0-9._-]*' \) -print -quit 2>/dev/null)
# The human coding notebook 03 compares its codes with.
CODINGS := $(wildcard tests/gold/positions_human.csv)
CORPUS := $(BUILD)/stamps/corpus.done

.PHONY: reports test lab clean distclean setup score bench fuzz FORCE

# One `make reports` at a time in a checkout: a second one says so in one line and waits
# for the first, then finds its work done. Not for -q/-n, which only look.
REPORTS_LOCK := $(BUILD)/.reports.lock
ifeq ($(REPORTS_LOCKED)$(findstring q,$(firstword -$(MAKEFLAGS)))$(findstring n,$(firstword -$(MAKEFLAGS))),)
reports:
	@mkdir -p $(BUILD)
	@exec 9>>$(REPORTS_LOCK); \
	if command -v flock >/dev/null && ! flock -n 9; then \
		echo "make reports: another make reports is running in this checkout (lock $(REPORTS_LOCK)); waiting for it to finish" >&2; \
		flock 9; \
	fi; \
	$(MAKE) --no-print-directory reports REPORTS_LOCKED=1
else
reports: reports/index.html
endif

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

# Checks the corpus and builds its tables and evidence cache, before any notebook runs,
# so notebooks (in parallel under -j) only read the cache.
$(CORPUS): $(SETUP) $(PACKAGE) $(SEEDS) $(if $(UNSAFE),FORCE)
	$(PY) -m analysis build $(CORPUS_DIR)
	@mkdir -p $(@D) && touch $@

$(BUILD)/stamps/%.done: notebooks/%.ipynb $(CORPUS) $(CODINGS)
	$(PY) -m analysis run $<
	@touch $@

reports/index.html: $(STAMPS) $(PACKAGE)
	$(PY) -m analysis site $(CORPUS_DIR) reports

test: $(SETUP)
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

# 10,000 generated texts through the per-document pipeline (tests/test_fuzz.py).
FUZZ_EXAMPLES ?= 10000
fuzz: $(SETUP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -q -s -p no:cacheprovider -k fuzzed

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
