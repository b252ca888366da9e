"""The glossary stage: a concept-based terminology base kept in YAML, a term matcher, QA and
exchange with CAT tools.

- model: `model` (concepts, terms, and TERM_FIELDS, every term field declared once with its
  name in each form), `validate` (the rules);
- files: `store` reads the YAML through assembler.yamlpos and writes the canonical layout;
  `splice` re-writes one concept in its file keeping comments and layout; `edit` plans, checks
  and writes changes under the folder's lock;
- finding: `matcher` (leftmost-longest), `scan` (occurrences in documents or texts), `qa`
  (checks against the corpus), `candidates` (terms the corpus defines that the glossary lacks);
- exchange: `csvio`, `tbx` (the format) with `tbx_write` and `tbx_read`, and `exchange`, which
  picks a format and plans imports;
- services, the operations the command line and the web workspace share, typed in and
  dataclasses out, never printing: `lookup.find_terms`, `edit.add_concept`,
  `maintain.edit_concept`, `maintain.edit_term`, `maintain.delete_term`,
  `edit.remove_concept`, `check.check_glossary`, `scan.scan_document`, `scan.scan_text`,
  `exchange.export_bytes`, `exchange.import_file`, `candidates.collect_candidates`; `encode`
  gives their results' JSON form.

Imports go one way: the glossary imports assembler.corpus, text, errors, atomic, locking and
yamlpos, and nothing of pack, render, script, build or cli, which build on it.
"""
