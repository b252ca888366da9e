.PHONY: install test bench ingest
install:
	scripts/install.sh
test:
	scripts/test.sh
bench:
	scripts/install.sh --deps
	.venv/bin/python -m assembler.bench
ingest:
	.venv/bin/assembler corpus ingest
