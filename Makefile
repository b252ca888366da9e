.PHONY: install test bench ingest lock
install:
	scripts/install.sh
test:
	scripts/test.sh
bench:
	scripts/install.sh --deps
	.venv/bin/python -m bench.corpus_glossary
	.venv/bin/python -m bench.script
	.venv/bin/python -m bench.pack
	.venv/bin/python -m bench.pdf
	.venv/bin/python -m bench.docx
	.venv/bin/python -m bench.build
	.venv/bin/python -m bench.features
	.venv/bin/python -m bench.ingest
	.venv/bin/python -m bench.batch
	.venv/bin/python -m bench.watch
	.venv/bin/python -m bench.unterm
ingest:
	.venv/bin/assembler corpus ingest
lock:
	scripts/lock.sh
