# citecheck: make run | make test | make fuzz | make bench | make accuracy | make snapshot | make clean
VENV   := .venv
PYTHON := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz bench accuracy snapshot clean setup

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

# A long fuzzing run (tests/test_fuzz.py with many examples); the statistics give the inputs per target.
# `make bench` runs a bounded one (bench/fuzz.py) and prints the inputs per target and the crashes.
FUZZ_EXAMPLES ?= 3000
fuzz: $(STAMP)
	CITECHECK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(VENV)/bin/pytest -q -p no:randomly tests/test_fuzz.py --hypothesis-show-statistics

# Rewrite tests/golden/findings (the findings of every fixture, corpus and the example) after a
# change of behaviour made on purpose; review its diff before committing.
snapshot: $(STAMP)
	$(PYTHON) tests/findings_snapshot.py

bench: $(STAMP)  # every benchmark runs; the status is 1 when any missed its target
	status=0; \
	$(PYTHON) bench/run.py || status=1; \
	$(PYTHON) bench/bib.py || status=1; \
	$(PYTHON) bench/bigbib.py --per-format || status=1; \
	$(PYTHON) bench/reconcile.py || status=1; \
	$(PYTHON) bench/hostile.py || status=1; \
	$(PYTHON) bench/export_corpora.py --quiet || status=1; \
	$(PYTHON) bench/jobs.py || status=1; \
	$(PYTHON) bench/fuzz.py || status=1; \
	exit $$status

# Accuracy on real text, dev and test splits apart (a measurement: prints figures, exits 0):
# the plain-text reader on public-domain books (tests/corpora/books), then the note sources,
# then the names in prose (real essays; CC208 on technical writing), then the Word reader on
# real .docx files when DOCX_CORPUS names a folder of them with pandoc's expected output beside
# them (pandoc's test/docx; not in this repository).
DOCX_CORPUS ?=
accuracy: $(STAMP)
	$(PYTHON) bench/accuracy.py
	$(PYTHON) bench/accuracy_notes.py
	$(PYTHON) bench/accuracy_mentions.py
	$(PYTHON) bench/peps.py
	@if [ -n "$(DOCX_CORPUS)" ]; then $(PYTHON) bench/docx_corpus.py "$(DOCX_CORPUS)"; \
	else echo "bench/docx_corpus.py skipped: DOCX_CORPUS=path/to/pandoc/test/docx measures the Word reader"; fi
	$(PYTHON) bench/projects.py

clean:
	rm -f reports/citecheck.* reports/suggested.bib
	rm -rf bench/out .pytest_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
