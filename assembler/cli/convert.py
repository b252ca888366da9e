"""`assembler convert`: the pack's script conversion for any text, so people can check it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assembler.errors import AssemblerError
from assembler.glossary.store import load_glossary
from assembler.script.convert import build_converter
from assembler.script.protect_list import bundled_protected, read_protect_file, text_of
from assembler.script.variants import VARIANTS, get_variant

STDIN = "-"


def _epilog() -> str:
    lines = ["scripts:"]
    lines += [f"  {v.name:<16} {v.description}" for v in VARIANTS.values()]
    lines.append(
        "\nOpenCC's s2t is not offered: its forms (爲, 着, 裏) are used in no region.\n"
        "Protected terms (the glossary's zh-Hans terms, --protect lists) keep their UN wording:\n"
        "explicit Traditional forms from the glossary, else characters only, never s2twp's\n"
        "Taiwan vocabulary. Known OpenCC errors are corrected (assembler/script/corrections.tsv)."
    )
    return "\n".join(lines)


def register(commands: Any, help_line: str) -> None:
    p: argparse.ArgumentParser = commands.add_parser(
        "convert",
        help=help_line,
        description=(
            "Convert a UTF-8 text file (or stdin) to a script variant and write it to stdout,\n"
            "the same conversion packs get."
        ),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--script",
        required=True,
        metavar="VARIANT",
        help="one of: " + ", ".join(VARIANTS),
    )
    p.add_argument(
        "file",
        nargs="?",
        default=STDIN,
        metavar="FILE",
        help="UTF-8 text to convert; - or nothing reads stdin",
    )
    p.add_argument(
        "--protect",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="more protected terms, one a line (# comments); may be repeated",
    )
    p.add_argument(
        "--no-glossary",
        action="store_true",
        help="do not protect the glossary's terms nor its protected.txt (see --glossary)",
    )
    p.set_defaults(run=run_convert)


def read_input(name: str) -> str:
    if name == STDIN:
        data, path = sys.stdin.buffer.read(), Path("<stdin>")
    else:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AssemblerError(f"cannot read: {exc.strerror}", path=path) from exc
    return text_of(path, data)


def run_convert(args: argparse.Namespace) -> int:
    variant = get_variant(args.script)
    terms = [term for path in args.protect for term in read_protect_file(path)]
    glossary = None if args.no_glossary else load_glossary(args.glossary)
    if not args.no_glossary:
        terms += bundled_protected(args.glossary)
    converter = build_converter(variant, glossary=glossary, terms=terms)
    text = read_input(args.file)
    sys.stdout.buffer.write(converter.convert(text).encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
