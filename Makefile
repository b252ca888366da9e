.PHONY: install test bench ingest lock
install:
	scripts/install.sh
test:
	scripts/test.sh
bench:
	scripts/install.sh --deps
	.venv/bin/python -m assembler.bench
	.venv/bin/python -m assembler.script.bench
	.venv/bin/python -m assembler.pack.bench
ingest:
	.venv/bin/assembler corpus ingest
lock:
	scripts/lock.sh
