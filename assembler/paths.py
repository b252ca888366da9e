"""Where things are by default: the project's own corpus, glossary, templates and output folder.
One module, so that the command line, the build driver and (later) the web workspace agree, and
no stage has to import the command line to learn a path."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DEFAULT_GLOSSARY = PROJECT_ROOT / "glossary"
DEFAULT_TEMPLATES = PROJECT_ROOT / "templates"
DEFAULT_OUT = PROJECT_ROOT / "out"
