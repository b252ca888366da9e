"""Font files read only when a PDF needs them whole, an extension of WeasyPrint 70's PDF fonts.

WeasyPrint copies the whole font file of every face it draws with into Python bytes when it
first meets the face (pdf/fonts.py: `Font.__init__` stores `get_hb_object_data(hb_face)`),
although with HarfBuzz-Subset it subsets from the face itself and replaces the copy by the
subset before anything reads it. Noto CJK's collections are 19-27 MB each and a Chinese pack
draws with three of them (body, bold, headings): 70 MB of copies, and reading them touches
every page of the memory-mapped files too, so the example pack peaked at 229 MB of which
WeasyPrint's layout needs under 100.

Here the copy is deferred: the face's data becomes a `Font` property that copies the file
the first time something reads it (a failed subset, a variable or colour font), so every
read sees what WeasyPrint would have stored, and a subset font is never copied whole. The PDF
is byte-for-byte the same. Patched in only while a document is drawn (`deferred_font_data`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from weasyprint.pdf import fonts  # type: ignore[import-untyped]

from assembler.render.patching import patched

_upstream = fonts.get_hb_object_data
_SLOT = "_deferred_file_content"


@dataclass(frozen=True)
class _Deferred:
    """A HarfBuzz face whose whole data has not been copied yet."""

    face: Any


def _face_length(face: Any) -> int:
    """The size of a face's data, without copying it."""
    blob = fonts.harfbuzz.hb_face_reference_blob(face)
    try:
        return int(fonts.harfbuzz.hb_blob_get_length(blob))
    finally:
        fonts.harfbuzz.hb_blob_destroy(blob)


def _face_data(hb_object: Any, ot_color: str | None = None, glyph: Any = None) -> Any:
    """`get_hb_object_data`, except that a whole face is copied only when read. A face with
    no data gets WeasyPrint's own (empty) answer, which callers test: a subset that came out
    empty is then dropped for the whole font, with WeasyPrint's warning."""
    if ot_color is None and glyph is None and _face_length(hb_object):
        return _Deferred(hb_object)
    return _upstream(hb_object, ot_color, glyph)


def _get(font: Any) -> Any:
    value = font.__dict__[_SLOT]
    if isinstance(value, _Deferred):
        value = _upstream(value.face)
        font.__dict__[_SLOT] = value
    return value


def _set(font: Any, value: Any) -> None:
    font.__dict__[_SLOT] = value


@contextmanager
def deferred_font_data() -> Iterator[None]:
    """WeasyPrint copying a font file only when it is read, for the duration of the block."""
    with (
        patched(fonts, "get_hb_object_data", _face_data),
        patched(fonts.Font, "file_content", property(_get, _set)),
    ):
        yield
