"""The corpus stage: raw UN documents as people get them -> clean paragraph-level records, and
the operations on them. Data goes one way through it:

- readers: `sources` (source files and their sidecars), `lines`, `layout` (the UN's layout
  rules, and what differs between languages), `footnotes`, and `parse`, which reads one source
  with `ledger`, `front_matter` and `body`;
- records: `assemble` turns parsed sources into documents of `model` records, named by `ids`;
- reconcile: `reconcile` makes one reading of the copies of a document that loses nothing any
  copy has; `accounting` proves that every character of every source went somewhere;
- store: `ingest` runs the readers through to `store`, which writes and reads records/;
  `catalog` finds documents in a corpus root by id or symbol;
- index: `index` searches the records (SQLite FTS5); `select` picks paragraph ranges and
  `align` pairs the language versions of a document;
- services: `service` holds the operations the command line and the web workspace share
  (ingest, list, show, export, search, diff); `encode` gives their JSON form.

Imports go one way too: the corpus imports assembler.text, errors, atomic, locking and yamlpos,
and nothing of glossary, pack, render, script or cli, which build on it.
"""
