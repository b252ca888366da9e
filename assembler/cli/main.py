"""The `assembler` command line: parses arguments and calls one function per command.
Errors go to stderr with the file and line they concern; the exit code says how it went."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from assembler import __version__
from assembler.errors import AssemblerError
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY

# Each command's module and its line in --help, in --help order. Only the module of the command
# given is imported (see `build_parser`): `assembler build` need not import the glossary and
# corpus commands, and `assembler --help` none of them.
COMMANDS = {
    "corpus": (
        "assembler.cli.corpus",
        "ingest UN documents into paragraph records and explore them",
    ),
    "glossary": (
        "assembler.cli.glossary",
        "the UN terminology base: look up, maintain, check, scan, exchange",
    ),
    "build": (
        "assembler.cli.build",
        "build a briefing pack (DOCX, PDF, HTML) from a YAML spec",
    ),
    "convert": (
        "assembler.cli.convert",
        "convert Simplified Chinese text to a Traditional script, UN terms protected",
    ),
    "serve": (
        "assembler.cli.serve",
        "the web workspace in your browser (corpus, packs, glossary)",
    ),
}


def _global_options(parser: argparse.ArgumentParser) -> None:
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


class _Silent(argparse.ArgumentParser):
    """A parser that raises instead of printing: the full parser reports errors."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def command_of(argv: Sequence[str]) -> str | None:
    """The command `argv` names, if it names one (after the global options)."""
    early = _Silent(add_help=False)
    _global_options(early)
    try:
        _, rest = early.parse_known_args(argv)
    except ValueError:  # a global option without its value: the full parser says so
        return None
    return rest[0] if rest and rest[0] in COMMANDS else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given `argv` that names a command, only that command is
    registered (its module is the one imported); given `argv` that names none, every command is
    listed by name and help line, without its arguments, for --help, --version and argparse's
    own error messages (importing every command took 1 s). Without `argv`, every command is
    registered whole."""
    parser = argparse.ArgumentParser(
        prog="assembler",
        description="Turn United Nations documents into bilingual briefing packs.",
    )
    parser.add_argument("--version", action="version", version=f"assembler {__version__}")
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    named = command_of(argv) if argv is not None else None
    for name, (module, help_line) in COMMANDS.items():
        if argv is not None and named is None:
            commands.add_parser(name, help=help_line)
        elif named is None or name == named:
            importlib.import_module(module).register(commands, help_line)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
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
    except OSError as error:
        print(f"assembler: error: {os_error_message(error)}", file=sys.stderr)
        return 1
    except Exception as error:  # no traceback reaches a user
        if os.environ.get("ASSEMBLER_DEBUG"):
            raise
        print(
            f"assembler: internal error: {type(error).__name__}: {error}\n"
            "  hint: this is a bug in assembler; run the command again with ASSEMBLER_DEBUG=1"
            " to see where, and report it",
            file=sys.stderr,
        )
        return 2
    return code


_OS_HINTS = {
    errno.ENOENT: "check the path: it does not exist",
    errno.EACCES: "check the permissions of the file and its folder",
    errno.EPERM: "check the permissions of the file and its folder",
    errno.EISDIR: "this names a folder where a file is needed",
    errno.ENOTDIR: "a part of this path is a file where a folder is needed",
    errno.EEXIST: "a file or folder of that name is in the way",
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EROFS: "the file system is read-only: choose a writable folder",
    errno.ENAMETOOLONG: "the name is too long for the file system",
}


def os_error_message(error: OSError) -> str:
    """An operating-system error as a user reads it: the path, what happened, what to do."""
    where = error.filename if error.filename is not None else None
    what = error.strerror or str(error)
    hint = _OS_HINTS.get(error.errno or 0, "check the path and try again")
    text = f"{where}: {what}" if where is not None else what
    return f"{text}\n  hint: {hint}"
