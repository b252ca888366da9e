"""The argument types of `assembler build`: comma-separated lists of formats, scripts and
language modes, checked as argparse parses them so a typo is named before anything is built."""

from __future__ import annotations

import argparse

from assembler.render.registry import FORMATS
from assembler.script.variants import valid_names

LANGUAGE_MODES = ("zh", "en", "zh+en")


def formats(text: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or text!r}: use any of {', '.join(FORMATS)}"
        )
    return chosen


def scripts(text: str) -> tuple[str, ...]:
    # Names are checked by the build, whose error suggests the near miss ("s2t": hant?).
    chosen = tuple(dict.fromkeys(s.strip() for s in text.split(",") if s.strip()))
    if not chosen:
        raise argparse.ArgumentTypeError(f"no script in {text!r}: use any of {valid_names()}")
    return chosen


def languages(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(s.strip() for s in text.split(",") if s.strip()))
    unknown = [s for s in chosen if s not in LANGUAGE_MODES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown language mode {', '.join(unknown) or text!r}: use any of"
            f" {', '.join(LANGUAGE_MODES)}"
        )
    return chosen


def workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"--workers takes a number of processes, not {text!r}")
    return int(text)
