"""Glyph coverage read without fontTools (render/cmap.py) and its cache file: the same code
points as fontTools' best cmap, the same missing-glyph report, and a cache that is only ever
a shortcut (damaged or stale files are read again from the font)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from assembler.errors import AssemblerError
from assembler.render.cmap import _cache_file, cached_coverage, read_coverage
from assembler.render.fonts import FontFile, Text, locate, missing_characters

pytestmark = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig missing")

# A Chinese pack's faces (Noto CJK collections, format 12) and a Latin one (format 4 only).
FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK TC", "Liberation Serif")
TEXT = "大会，《联合国宪章》第 51 条\U00020000 Ω ḁ"


def fonttools_codepoints(font: FontFile) -> frozenset[int]:
    with TTFont(font.path, fontNumber=font.index, lazy=True) as face:
        return frozenset(face.getBestCmap())


@pytest.mark.parametrize("family", FAMILIES)
def test_the_cmap_read_with_struct_is_fonttools_best_cmap(family: str) -> None:
    font = locate(family)
    assert read_coverage(font.path, font.index).codepoints() == fonttools_codepoints(font)


@pytest.mark.parametrize("family", FAMILIES)
def test_the_missing_glyph_report_is_the_one_fonttools_gives(family: str) -> None:
    font = locate(family)
    texts = [Text("paragraph 1", TEXT), Text("paragraph 2", TEXT[::-1])]
    ours = missing_characters(iter(texts), read_coverage(font.path, font.index))
    theirs = missing_characters(iter(texts), fonttools_codepoints(font))
    assert ours == theirs
    assert "\U00020000" in ours  # no face here has Extension B
    assert ("大" in ours) == (family == "Liberation Serif")  # the Latin font lacks Han


def test_the_cache_file_gives_the_same_coverage_and_is_used(tmp_path: Path) -> None:
    font = locate("Noto Serif CJK SC")
    first = cached_coverage(font.path, font.index, tmp_path)
    cache = _cache_file(tmp_path, font.path, font.index)
    assert cache.is_file()
    assert cached_coverage(font.path, font.index, tmp_path) == first
    assert first == read_coverage(font.path, font.index)


def test_a_damaged_cache_file_is_read_again_from_the_font(tmp_path: Path) -> None:
    font = locate("Liberation Serif")
    good = cached_coverage(font.path, font.index, tmp_path)
    cache = _cache_file(tmp_path, font.path, font.index)
    cache.write_bytes(cache.read_bytes()[:-3])
    assert cached_coverage(font.path, font.index, tmp_path) == good


def test_a_changed_font_file_gets_a_new_cache_entry(tmp_path: Path) -> None:
    source = locate("Liberation Serif")
    copy = tmp_path / "font.ttf"
    shutil.copy(source.path, copy)
    cached_coverage(copy, 0, tmp_path / "cache")
    before = _cache_file(tmp_path / "cache", copy, 0)
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))
    after = _cache_file(tmp_path / "cache", copy, 0)
    assert before != after


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    font = locate("Liberation Serif")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert cached_coverage(font.path, font.index, blocker) == read_coverage(font.path, 0)


def test_a_file_that_is_not_a_font_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00\x00\x05")
    with pytest.raises(
        AssemblerError, match=r"cannot read the character map of font file .*broken"
    ):
        read_coverage(bad, 0)
