"""The `assembler` command line: parses arguments and calls one function per command.
Errors go to stderr with the file and line they concern; the exit code says how it went."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from assembler import __version__
from assembler.cli import build as build_commands
from assembler.cli import convert as convert_commands
from assembler.cli import corpus as corpus_commands
from assembler.cli import glossary as glossary_commands
from assembler.errors import AssemblerError
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY


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
    build_commands.register(commands)
    convert_commands.register(commands)
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
