"""Glyph coverage: every character a reader will see must have a glyph in one of the fonts the
pack names, or the PDF shows tofu (or a silently substituted system font). Checked before
rendering, from the fonts' own cmaps, so that the error can say which characters, where.

Fonts are found the way WeasyPrint finds them (fontconfig), so the file checked is the file
that would be embedded; Noto CJK ships as .ttc collections, so the face index matters.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from assembler.errors import AssemblerError
from assembler.model.pack import Block, Excerpt, Pack, Passage, Runs

# Characters no font needs to draw: spaces, line/paragraph separators, controls and format
# characters (zero-width joiners, soft hyphens), which the shaper handles itself.
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
_PLACES_SHOWN = 3
_CHARS_SHOWN = 20


@dataclass(frozen=True)
class FontFile:
    family: str
    path: Path
    index: int  # the face in a .ttc collection


@dataclass(frozen=True)
class Text:
    """A piece of text a reader sees, and where it is in the pack, for error messages."""

    where: str
    text: str


def pack_families(pack: Pack) -> tuple[str, ...]:
    """The font families the PDF draws with: body and heading fonts of every language, main
    language first. (`Typeface.latin` is for Word only.)"""
    names = (name for t in pack.typefaces for name in (t.body, t.heading))
    return tuple(dict.fromkeys(names))


def locate(family: str) -> FontFile:
    """The font file fontconfig uses for `family`. fc-match always answers with some font, so
    a substitute (another family) means the named one is not installed."""
    if shutil.which("fc-match") is None:
        raise AssemblerError(
            "fc-match (fontconfig) is not installed: cannot find the pack's fonts",
            hint="install fontconfig (Debian: apt-get install fontconfig); WeasyPrint needs it too",
        )
    answer = subprocess.run(
        ["fc-match", "--format=%{family}\t%{file}\t%{index}", f"{family}:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    )
    fields = answer.stdout.split("\t")
    if answer.returncode != 0 or len(fields) != 3:
        raise AssemblerError(f"fc-match failed for font {family!r}: {answer.stderr.strip()}")
    found, path, index = fields
    if family.casefold() not in (name.strip().casefold() for name in found.split(",")):
        raise AssemblerError(
            f"font {family!r} named by the pack is not installed (fontconfig offers {found!r})",
            hint="install it (the Noto CJK fonts: apt-get install fonts-noto-cjk) "
            "or name an installed font in the template",
        )
    return FontFile(family, Path(path), int(index))


def _format12_ranges(cmap: bytes) -> list[range] | None:
    """Code point ranges of the cmap's Unicode full-repertoire subtable (platform 3, encoding
    10, format 12), read straight from its groups; None when the font has none."""
    (count,) = struct.unpack_from(">H", cmap, 2)
    for platform, encoding, offset in struct.iter_unpack(">HHI", cmap[4 : 4 + 8 * count]):
        if (platform, encoding) == (3, 10) and struct.unpack_from(">H", cmap, offset)[0] == 12:
            (groups,) = struct.unpack_from(">I", cmap, offset + 12)
            start = offset + 16
            table = cmap[start : start + 12 * groups]
            return [range(first, last + 1) for first, last, _ in struct.iter_unpack(">III", table)]
    return None


@lru_cache(maxsize=16)
def _codepoints(path: Path, index: int) -> frozenset[int]:
    # Cached because a build checks the same few fonts. A CJK font's format-12 groups are read
    # directly: fontTools decompiles every cmap subtable (~0.15 s for Noto CJK), which would
    # double the time of this check.
    with TTFont(path, fontNumber=index, lazy=True) as font:
        ranges = _format12_ranges(font.reader["cmap"])
        if ranges is None:
            return frozenset(font.getBestCmap())
        return frozenset(code for block in ranges for code in block)


def codepoints(font: FontFile) -> frozenset[int]:
    return _codepoints(font.path, font.index)


def _runs_text(runs: Runs) -> str:
    return "".join(span.text for span in runs)


def _passage_texts(where: str, passage: Passage) -> Iterator[Text]:
    yield Text(where, passage.missing + _runs_text(passage.runs))
    for item in passage.items:
        yield Text(f"{where}, item {item.label}", item.label + _runs_text(item.runs))
    notes = (s.note for runs in (passage.runs, *(i.runs for i in passage.items)) for s in runs)
    for note in notes:
        if note is not None:
            yield Text(f"{where}, footnote {note.mark}", _runs_text(note.runs))


def _block_texts(where: str, block: Block) -> Iterator[Text]:
    if isinstance(block, Excerpt):
        place = f"{where}, paragraph {block.number}" if block.number else f"{where}, paragraph"
        yield Text(place, (block.number or "") + block.citation.text)
    else:
        place = f"{where}, heading {block.label}".rstrip()
        yield Text(place, block.label)
    for passage in block.passages:
        yield from _passage_texts(f"{place} ({passage.lang})", passage)


def visible_texts(pack: Pack) -> Iterator[Text]:
    """Everything the PDF shows, with its place. PDF metadata is left out: viewers draw it in
    their own fonts."""
    cover = pack.cover
    yield Text("cover", "".join((cover.title, cover.subtitle, cover.prepared_by, cover.date)))
    yield Text("cover, meeting block", "".join(cover.meeting))
    yield Text("running header", pack.running_header)
    labels = pack.labels
    page_of = "".join(piece for piece in labels.page_of if isinstance(piece, str))
    yield Text("labels", labels.contents + page_of + labels.number)
    yield Text("column headers", "".join(pack.column_headers))
    for number, section in enumerate(pack.sections, 1):
        where = f"section {number} “{section.heading}”"
        yield Text(where, section.heading)
        if section.note is not None:
            for runs in section.note.paragraphs:
                yield Text(f"{where}, editorial note", _runs_text(runs))
        for block in section.blocks:
            yield from _block_texts(where, block)
    if pack.annex is not None:
        annex = pack.annex
        yield Text("annex", annex.heading + annex.intro + "".join(annex.table.headers))
        for number, row in enumerate(annex.table.rows, 1):
            yield Text(f"annex, row {number}", "".join(row))


def missing_characters(texts: Iterator[Text], covered: frozenset[int]) -> dict[str, list[str]]:
    """Each character no font covers, with the places it occurs (in reading order)."""
    missing: dict[str, list[str]] = {}
    for text in texts:
        for char in dict.fromkeys(text.text):
            if ord(char) in covered or unicodedata.category(char) in _INVISIBLE:
                continue
            places = missing.setdefault(char, [])
            if text.where not in places:
                places.append(text.where)
    return missing


def describe(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"U+{ord(char):04X} {char} ({name})"


def check_coverage(pack: Pack) -> None:
    """Raise AssemblerError listing every character none of the pack's fonts can draw, where it
    occurs, and the fonts checked."""
    fonts = [locate(family) for family in pack_families(pack)]
    covered = frozenset().union(*(codepoints(font) for font in fonts))
    missing = missing_characters(visible_texts(pack), covered)
    if not missing:
        return
    lines = []
    for char, places in list(missing.items())[:_CHARS_SHOWN]:
        more = len(places) - _PLACES_SHOWN
        shown = "; ".join(places[:_PLACES_SHOWN]) + (f"; and {more} more" if more > 0 else "")
        lines.append(f"  {describe(char)}: {shown}")
    if len(missing) > _CHARS_SHOWN:
        lines.append(f"  and {len(missing) - _CHARS_SHOWN} more characters")
    checked = ", ".join(f"{font.family} ({font.path.name})" for font in fonts)
    raise AssemblerError(
        f"{len(missing)} character(s) of pack {pack.name!r} have no glyph in its fonts "
        f"[{checked}]:\n" + "\n".join(lines),
        hint="name a font that covers them in the template, or replace the characters "
        "in the spec's text",
    )
