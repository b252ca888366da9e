"""`assembler glossary ...`: one group; each family of subcommands registers itself."""

from __future__ import annotations

import argparse
from typing import Any

from assembler.glossary import commands_candidates, commands_exchange, commands_terms


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "glossary",
        help="the UN terminology base: look up, maintain, check, scan, exchange",
        description="The concept-based terminology base under glossary/.",
    )
    sub = parser.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND", required=True)
    commands_terms.register(sub)
    commands_candidates.register(sub)
    commands_exchange.register(sub)
