"""The `assembler` command line: parses arguments and calls one function per command.
Errors go to stderr with the file and line they concern; the exit code says how it went."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assembler import __version__
from assembler.corpus import commands as corpus_commands
from assembler.errors import AssemblerError
from assembler.glossary import commands as glossary_commands
from assembler.pack import commands as pack_commands
from assembler.script import commands as script_commands

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DEFAULT_GLOSSARY = PROJECT_ROOT / "glossary"
DEFAULT_TEMPLATES = PROJECT_ROOT / "templates"
DEFAULT_OUT = PROJECT_ROOT / "out"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assembler",
        description="Turn United Nations documents into bilingual briefing packs.",
    )
    parser.add_argument("--version", action="version", version=f"assembler {__version__}")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help="corpus root with sources/ and records/ (default: the project's corpus/)",
    )
    parser.add_argument(
        "--glossary",
        type=Path,
        default=DEFAULT_GLOSSARY,
        metavar="DIR",
        help="glossary folder of *.yaml concept files (default: the project's glossary/)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    corpus_commands.register(commands)
    glossary_commands.register(commands)
    pack_commands.register(commands)
    script_commands.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except AssemblerError as error:
        print(f"assembler: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `assembler corpus show ... | head` closes the pipe early: not an error.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    return code
