"""Briefing packs, the stage between the corpus and the writers: a YAML spec (spec.py) is
resolved against the corpus and the glossary (resolve.py) and composed into the pack model of
assembler.model (compose.py, with i18n.py's labels and dates and typefaces.py's fonts); then
transforms take a pack and return a pack (gloss.py: English after a term's first use;
script.py: Traditional Chinese through assembler.script).

Imports go down only: corpus, glossary, script, model, text, and render.registry for the names
of the output formats; never the writers themselves, the build driver or the command line."""
