# juesuan — the Makefile is the public interface. `make demo` and `make test` are all a
# fresh Debian machine with Python 3.11 needs: each bootstraps what it uses.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
JUESUAN := $(BIN)/juesuan
export JUESUAN_DB ?= $(CURDIR)/warehouse/juesuan.duckdb
export DBT_PROFILES_DIR := $(CURDIR)
CJK_FONT_PKG := fonts-wqy-microhei
BROWSER_PKG := chromium
OFFICE_PKGS  := libreoffice-core-nogui libreoffice-writer-nogui libreoffice-calc-nogui
OCR_BENCH_PKGS := tesseract-ocr tesseract-ocr-chi-sim
# processes per scanned document in make bench-ocr (one OCR thread each)
OCR_WORKERS ?= 2

.PHONY: help setup compile fonts browser office bench-ocr demo demo-real load load-real build docs report test test-fast lab clean bench mutation

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/juesuan: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade 'pip>=24'
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[test,compiled]'
	@touch $@

setup: $(BIN)/juesuan compile fonts office  ## create .venv with the pinned packages, the compiled modules, a CJK font and LibreOffice

# Cython-compiles loaders/compiled_modules.txt into build/compiled (only what changed; every core).
# Never fails setup: without a compiler it warns in one line and the .py modules are used.
compile: $(BIN)/juesuan  ## compile the text-path modules (build/compiled; JUESUAN_PURE=1 runs without them)
	@$(BIN)/python -m loaders.build_compiled --soft || \
	  echo "warning: make compile failed; the pure-Python modules are used" >&2

fonts:  ## make sure a CJK font is installed (charts and test PDFs need one)
	@if fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $(CJK_FONT_PKG) (CJK font for charts)"; \
	  (apt-get install -y -qq $(CJK_FONT_PKG) >/dev/null 2>&1 || \
	   (apt-get update -qq && apt-get install -y -qq $(CJK_FONT_PKG) >/dev/null)) ; \
	else echo "No CJK font found: run 'sudo apt-get install $(CJK_FONT_PKG)' (charts will show boxes)"; fi

office:  ## make sure LibreOffice is installed (legacy .doc is converted with it)
	@if command -v soffice >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing LibreOffice (headless, for legacy .doc)"; \
	  (apt-get install -y -qq --no-install-recommends $(OFFICE_PKGS) >/dev/null 2>&1 || \
	   (apt-get update -qq && apt-get install -y -qq --no-install-recommends $(OFFICE_PKGS) >/dev/null)) ; \
	else echo "No LibreOffice: run 'sudo apt-get install $(OFFICE_PKGS)' (.doc files are quarantined without it)"; fi

bench-ocr: setup  ## OCR engines (rapidocr vs tesseract) and OCR'd scans of realdocs at 150/300 dpi, s/page
	@if command -v tesseract >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq $(OCR_BENCH_PKGS) >/dev/null 2>&1 || \
	   (apt-get update -qq && apt-get install -y -qq $(OCR_BENCH_PKGS) >/dev/null)) ; \
	else echo "No tesseract: run 'sudo apt-get install $(OCR_BENCH_PKGS)' to compare engines"; fi
	@if [ -d ../shared/realdocs ]; then \
	  P=../shared/realdocs/shanghai-putuo-finance-bureau-2024-final-accounts.pdf; \
	  $(BIN)/python tests/bench/ocr_engines.py $$P 6,8,10,15 150; \
	  for f in ../shared/realdocs/*.pdf ../shared/realdocs/more/*.pdf; do [ -f "$$f" ] || continue; \
	    for dpi in 150 300; do JUESUAN_OCR_WORKERS=$(OCR_WORKERS) $(BIN)/python tests/bench/ocr_scan.py "$$f" $$dpi; done; done; \
	else echo "../shared/realdocs not found: skipping"; fi

load: setup  ## load the embedded sample corpus into the warehouse
	$(JUESUAN) load data/samples

load-real: setup  ## also load ../shared/realdocs (real PDFs, not committed)
	@if [ -d ../shared/realdocs ]; then $(JUESUAN) load ../shared/realdocs/*.pdf; \
	else echo "../shared/realdocs not found: skipping"; fi

build: setup  ## dbt build (seeds, models, tests) + docs
	$(JUESUAN) build

report: setup  ## execute the notebooks and write report/index.html
	$(JUESUAN) report

demo: load build report  ## load the samples, build the marts, write the report, print a summary
	$(JUESUAN) status --summary

demo-real: load load-real build report  ## demo plus the real PDFs in ../shared/realdocs
	$(JUESUAN) status --summary

browser:  ## make sure headless Chromium is installed (the report's browser tests need it)
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $(BROWSER_PKG) (headless browser for the report tests)"; \
	  (apt-get install -y -qq $(BROWSER_PKG) >/dev/null 2>&1 || \
	   (apt-get update -qq && apt-get install -y -qq $(BROWSER_PKG) >/dev/null)) ; \
	else echo "No chromium found: run 'sudo apt-get install $(BROWSER_PKG)' (the browser tests will be skipped)"; fi

test-fast: setup  ## the quick tier: everything except the slow, browser and real-document tests
	$(BIN)/python -m pytest -q -m "not slow and not browser and not realdocs"

docs: setup  ## regenerate docs/FACTS.md (from seeds/metrics.csv), README.zh-CN.md, the README rule table and the dbt docs site (target/)
	$(BIN)/python -m loaders.vocab.facts_doc
	$(BIN)/python -m loaders.present.codebook --write
	$(BIN)/python -m loaders.quality.rules_doc --write
	$(JUESUAN) docs

test: setup browser  ## the whole suite: pytest (formats, extraction, store, dbt, notebooks, report in a browser)
	$(BIN)/python -m pytest -q

PUTUO_PDF := ../shared/realdocs/shanghai-putuo-finance-bureau-2024-final-accounts.pdf
mutation: setup  ## plant errors in the samples (and the 普陀 PDF) and score the DQ rules (tests/quality)
	$(BIN)/python -m loaders.quality.mutate --out warehouse/mutation $(if $(wildcard $(PUTUO_PDF)),--putuo $(PUTUO_PDF))

BENCH_SIZES ?= 100
BENCH_ARGS ?= --serial --report
bench: setup  ## synthetic corpus of N documents: load/build/incremental/report timings (BENCH_SIZES=100,1000,10000)
	$(BIN)/python -m loaders.bench --sizes $(BENCH_SIZES) --root bench-work $(BENCH_ARGS)

# root (containers, CI) needs --allow-root; LAB_ARGS passes more, e.g. make lab LAB_ARGS="--no-browser --port 8899"
LAB_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
LAB_ARGS ?=
lab: setup  ## open JupyterLab on the project's kernel (LAB_ARGS="--no-browser --port 8899" …)
	$(BIN)/jupyter lab notebooks/ $(LAB_ROOT) $(LAB_ARGS)

clean:  ## remove the warehouse, dbt artefacts and the report
	rm -rf warehouse target logs report dbt_packages bench-work
