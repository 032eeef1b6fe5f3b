# citecheck: make run | make test | make bench | make accuracy | make clean
VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench accuracy clean setup

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

bench: $(STAMP)  # every benchmark runs; the status is 1 when any missed its target
	status=0; \
	$(PYTHON) bench/run.py || status=1; \
	$(PYTHON) bench/bib.py || status=1; \
	$(PYTHON) bench/reconcile.py || status=1; \
	exit $$status

accuracy: $(STAMP)  # the plain-text reader on real books (tests/corpora/books), dev and test splits
	$(PYTHON) bench/accuracy.py

clean:
	rm -f reports/citecheck.* reports/suggested.bib
	rm -rf bench/out .pytest_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
