"""Glyph coverage: every character a reader will see must have a glyph in one of the fonts the
pack names, or the PDF shows tofu (or a silently substituted system font). Checked before
rendering, from the fonts' own cmaps, so that the error can say which characters, where.

Fonts are found the way WeasyPrint finds them (fontconfig), so the file checked is the file
that would be embedded; Noto CJK ships as .ttc collections, so the face index matters. The
cmaps are read by render/cmap.py (no fontTools at run time) through a small cache file.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assembler.errors import AssemblerError
from assembler.model.pack import Block, Excerpt, Pack, Passage, Runs
from assembler.render.cmap import Coverage, cached_coverage, union

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
    return locate_all((family,))[0]


def locate_all(families: Sequence[str]) -> list[FontFile]:
    """`locate` of each family, the fc-match processes run side by side (each one loads
    fontconfig's caches: ~30 ms)."""
    if shutil.which("fc-match") is None:
        raise AssemblerError(
            "fc-match (fontconfig) is not installed: cannot find the pack's fonts",
            hint="install fontconfig (Debian: apt-get install fontconfig); WeasyPrint needs it too",
        )
    asked = [
        subprocess.Popen(
            ["fc-match", "--format=%{family}\t%{file}\t%{index}", f"{family}:style=Regular"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for family in families
    ]
    answers = [process.communicate() for process in asked]
    return [
        _found(family, process.returncode, out, err)
        for family, process, (out, err) in zip(families, asked, answers, strict=True)
    ]


def _found(family: str, code: int, stdout: str, stderr: str) -> FontFile:
    fields = stdout.split("\t")
    if code != 0 or len(fields) != 3:
        raise AssemblerError(f"fc-match failed for font {family!r}: {stderr.strip()}")
    found, path, index = fields
    if family.casefold() not in (name.strip().casefold() for name in found.split(",")):
        raise AssemblerError(
            f"font {family!r} named by the pack is not installed (fontconfig offers {found!r})",
            hint="install it (the Noto CJK fonts: apt-get install fonts-noto-cjk) "
            "or name an installed font in the template",
        )
    return FontFile(family, Path(path), int(index))


def coverage(font: FontFile) -> Coverage:
    return cached_coverage(font.path, font.index)


def codepoints(font: FontFile) -> frozenset[int]:
    return coverage(font).codepoints()


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


def missing_characters(
    texts: Iterator[Text], covered: Coverage | frozenset[int]
) -> dict[str, list[str]]:
    """Each character no font covers, with the places it occurs (in reading order)."""
    listed = list(texts)
    # Each distinct character is looked up once; places are gathered only for the bad ones.
    bad = {
        char
        for char in set().union(*(text.text for text in listed))
        if ord(char) not in covered and unicodedata.category(char) not in _INVISIBLE
    }
    missing: dict[str, list[str]] = {}
    for text in listed if bad else ():
        for char in dict.fromkeys(text.text):
            if char not in bad:
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
    fonts = locate_all(pack_families(pack))
    covered = union([coverage(font) for font in fonts])
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
