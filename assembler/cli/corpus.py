"""`assembler corpus ...`: ingest, list, show, export, search, diff, check. Each command parses its
arguments, calls a corpus service (assembler.corpus.service) and prints what it returns."""

from __future__ import annotations

from typing import Any

from assembler.cli import corpus_browse, corpus_check, corpus_ingest


def register(commands: Any, help_line: str) -> None:
    corpus = commands.add_parser(
        "corpus",
        help=help_line,
        description="Ingest UN documents into paragraph records and explore them.",
    )
    sub = corpus.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND", required=True)
    corpus_ingest.register(sub)
    corpus_browse.register(sub)
    corpus_check.register(sub)
