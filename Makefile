# citecheck: make run | make test | make bench | make clean
VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench clean setup

setup: $(STAMP)

$(PYTHON):
	python3 -m venv $(VENV)

# Reinstall only when pyproject.toml is newer than the last install.
$(STAMP): pyproject.toml | $(PYTHON)
	$(VENV)/bin/pip install -e '.[test]'
	touch $(STAMP)

# Exit status 1 means findings, which is fine here; 2 or more is a failure.
run: $(STAMP)
	$(VENV)/bin/citecheck run; test $$? -le 1

test: $(STAMP)
	$(VENV)/bin/pytest -q

bench: $(STAMP)
	$(PYTHON) bench/run.py
	$(PYTHON) bench/bib.py

clean:
	rm -f reports/citecheck.*
	rm -rf bench/out .pytest_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
