# MedTour Desk — one command to run, one to test. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint setup system-deps bench bench-team demo team-demo dist self-test clean translations

run: setup
	$(PY) -m app

test: setup system-deps lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Lint and types of app/ and db/ (rules and settings in pyproject.toml); part of `make test`.
lint: setup
	$(VENV)/bin/ruff check app db
	$(VENV)/bin/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

# The desk's strings (app/ui and the domain's labels) into resources/translations/medtour_{ru,ar,zh_CN}.ts
# (existing translations kept), then compiled to the .qm files the desk loads; both are committed.
translations: setup
	$(PY) scripts/translations.py

system-deps:
	@bash scripts/system-deps.sh

bench: setup
	$(PY) -m bench.run

# The team desk on a throwaway PostgreSQL server (row-level security; coordinator under 'team' and
# 'own', manager) against SQLite, 100,000 leads: bench/results/team-desk-*.json. See bench/team_desk.py.
bench-team: setup system-deps
	$(PY) -m bench.team_desk

demo: setup
	$(VENV)/bin/medtour demo --leads 2000

# A throwaway PostgreSQL team on loopback (a manager, three coordinators, demo leads) and a desk
# signed in as one of them; it prints how to open a second desk as another. See README, "Team".
team-demo: setup system-deps
	$(PY) scripts/team_demo.py

# The desk for this machine, without Python: dist/MedTourDesk/ (medtour-desk, medtour, fonts, content,
# Qt) and its archive beside it; then the bundle checks itself headless. See README, "Install".
dist: setup
	$(PY) -m pip install --quiet -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/medtour-desk.spec
	$(PY) packaging/finish_bundle.py dist/MedTourDesk
	$(MAKE) self-test

self-test:
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} dist/MedTourDesk/medtour-desk --self-test

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
