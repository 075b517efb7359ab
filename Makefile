# Thin wrappers over standard tools. Run `make help` for the list.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)
PORT ?= 8888
WEEK1 := notebooks/foundations/week-1-what-ai-is.ipynb
# Notebook runs use a kernel client that cannot hang on a missed message (see patient_client.py).
PATIENT := --AsyncKernelManager.client_class=aicourse.patient_client.PatientKernelClient
HUB_SETTINGS ?= /etc/aicourse/hub.toml
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)  # containers often run as root

.PHONY: help env lab leader-view test test-browser lint execute release release-to-learners grade report site \
	bench lock clean hub hub-setup hub-proxy

help:  ## List the commands.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "The course needs Python 3.11; found $$($(PYTHON) --version). Set PYTHON=/path/to/python3.11."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	MPLBACKEND=Agg $(BIN)/python -c 'import matplotlib.pyplot'  # build the font cache once, quietly
	$(BIN)/python -c 'from aicourse.grading.sandbox import install_kernelspec as i; i()'  # grading sandbox kernel
	touch $(STAMP)

env: $(STAMP)  ## Create .venv from the lock (only when needed).

lab: env  ## Open the course in JupyterLab.
	$(BIN)/jupyter lab --ServerApp.root_dir=. --port=$(PORT) $(ROOT_FLAG) $(WEEK1)

leader-view: env  ## Masterclass N as a no-code app for leaders (Voila), e.g. make leader-view N=2
	@test -n "$(N)" || { echo "Say which masterclass: make leader-view N=1 (or 2, 3)"; exit 1; }
	@nb=$$(ls notebooks/masterclass/masterclass-$(N)-*.ipynb 2>/dev/null | head -1); \
	  test -n "$$nb" || { echo "No masterclass $(N) in notebooks/masterclass/"; exit 1; }; \
	  $(BIN)/voila "$$nb" --port=$(PORT) --Voila.ip=127.0.0.1 $(PATIENT)

test: env  ## Run every test (package, widgets, notebooks with nbval, nbgrader round trip, hub).
	$(BIN)/python -m pytest tests notebooks -n 2 --dist loadscope --ignore=tests/browser \
	  --durations=15 \
	  --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

test-browser: env  ## Run every lesson in JupyterLab in headless chromium, with accessibility checks.
	npm ci --no-audit --no-fund --prefix tests/browser  # axe-core, the accessibility checker
	$(BIN)/python -m pytest tests/browser

lint: env  ## Lint the package, tests, notebooks and benchmarks with ruff.
	$(BIN)/ruff check src tests tools notebooks source benchmarks
	$(BIN)/ruff format --check src tests tools benchmarks

execute: env  ## Re-run a lesson top to bottom and save it with its outputs, e.g. make execute NB=notebooks/foundations/week-2-data.ipynb
	@test -n "$(NB)" || { echo "Say which notebook: make execute NB=notebooks/..."; exit 1; }
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace $(PATIENT) "$(NB)"

release: env  ## Regenerate release/ (student versions) from source/ with nbgrader.
	$(BIN)/python tools/make_release.py

site: env  ## Build the course website into _site/ (open _site/index.html) and an offline zip.
	$(BIN)/python -m aicourse.site --out _site

release-to-learners: env  ## Release an assignment to the exchange, e.g. make release-to-learners A=week-1
	@test -n "$(A)" || { echo "Say which assignment: make release-to-learners A=week-1"; exit 1; }
	$(BIN)/python -m aicourse.grading release $(A)

grade: env  ## Grade the whole cohort for one assignment (sandboxed, one learner per core), e.g. make grade A=week-1
	@test -n "$(A)" || { echo "Say which assignment: make grade A=week-1"; exit 1; }
	$(BIN)/python -m aicourse.grading grade $(A) $(if $(W),--workers $(W))

report: env  ## The cohort report and completion CSV from the gradebook, into reports/.
	$(BIN)/python -m aicourse.grading report --out reports

hub-proxy:  ## Install the hub's proxy (configurable-http-proxy from npm) into deploy/jupyterhub/.
	npm ci --no-audit --no-fund --prefix deploy/jupyterhub

hub-setup: env hub-proxy  ## Prepare this server for the hub, as root (settings: HUB_SETTINGS=...).
	$(BIN)/python -m aicourse.hub setup --settings $(HUB_SETTINGS)

hub: env  ## Start JupyterHub for a cohort on this server, as root (deploy/jupyterhub/README.md).
	AICOURSE_HUB_SETTINGS=$(HUB_SETTINGS) $(BIN)/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

bench: env  ## Time and size the course (docs/benchmarks.md); make bench QUICK=1 for a short check.
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick)

lock: env  ## Re-resolve requirements.lock from pyproject.toml and rewrite environment.yml to match.
	$(BIN)/python -m pip install --quiet uv  # the resolver; not part of the classroom environment
	$(BIN)/python -m uv pip compile pyproject.toml --extra test --extra site --universal --no-header --no-annotate -o requirements.lock
	$(BIN)/python tools/write_environment_yml.py

clean:  ## Remove the environment and grading clutter.
	rm -rf $(VENV) gradebook.db submitted autograded feedback reports grades.csv .pytest_cache _site
