"""`assembler glossary ...`: one group; each family of subcommands registers itself."""

from __future__ import annotations

import argparse
from typing import Any

from assembler.cli import (
    glossary_add,
    glossary_candidates,
    glossary_check,
    glossary_coverage,
    glossary_edit,
    glossary_exchange,
    glossary_lookup,
    glossary_scan,
)


def register(commands: Any, help_line: str) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "glossary",
        help=help_line,
        description="The concept-based terminology base under glossary/.",
    )
    sub = parser.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND", required=True)
    # In this order in --help.
    glossary_lookup.register(sub)
    glossary_add.register(sub)
    glossary_edit.register(sub)
    glossary_check.register(sub)
    glossary_scan.register(sub)
    glossary_candidates.register(sub)
    glossary_coverage.register(sub)
    glossary_exchange.register(sub)
