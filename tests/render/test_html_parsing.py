"""WeasyPrint's HTML parser finding the expressions it caches (render/html_parsing.py): the same
expressions tinyhtml5 builds, each built once, and the same tree parsed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable

import pytest
import tinyhtml5  # type: ignore[import-untyped]
from tinyhtml5 import inputstream  # type: ignore[import-untyped]

from assembler.render import html_parsing
from assembler.render.html_parsing import cached_character_runs, run_pattern

PAGE = (
    '<!DOCTYPE html><html lang="zh"><head><style>p { color: #333 }</style></head><body>'
    "<p class=\"para\">第 1 段 &amp; “引号” <span title='单'>a&lt;b</span></p>"
    "<!-- note --><p>CTOC/2006/1 号文件</p></body></html>"
)


def _tokenizer_patterns() -> dict[object, re.Pattern[str]]:
    """What tinyhtml5 itself stores while parsing PAGE: its expressions (under wrong keys)."""
    saved = inputstream.characters_until_regex
    inputstream.characters_until_regex = {}
    try:
        tinyhtml5.parse(PAGE)
        return dict(inputstream.characters_until_regex)
    finally:
        inputstream.characters_until_regex = saved


def test_tinyhtml5_stores_its_expressions_under_keys_no_lookup_uses() -> None:
    # The upstream defect this module works around: if this fails, tinyhtml5 was fixed and
    # render/html_parsing.py can go.
    stored = _tokenizer_patterns()
    assert stored and all(isinstance(key[0], re.Pattern) for key in stored)


def test_each_character_set_gets_the_expression_tinyhtml5_builds() -> None:
    upstream = {pattern.pattern for pattern in _tokenizer_patterns().values()}
    with cached_character_runs():
        tinyhtml5.parse(PAGE)
        ours = dict(inputstream.characters_until_regex)
    assert {pattern.pattern for pattern in ours.values()} == upstream
    assert all(not isinstance(characters, re.Pattern) for characters, _ in ours)
    assert run_pattern(("<", "\u0000"), opposite=False).pattern == "[^\\x3c\\x00]+"
    assert run_pattern(">", opposite=True).pattern == "[\\x3e]+"


def test_a_second_parse_builds_no_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []

    def counted(characters: Iterable[str], opposite: bool) -> re.Pattern[str]:
        built.append(characters)
        return run_pattern(characters, opposite)

    monkeypatch.setattr(html_parsing, "run_pattern", counted)
    with cached_character_runs():
        tinyhtml5.parse(PAGE)
        first = len(built)
        tinyhtml5.parse(PAGE)
    assert first == len(_tokenizer_patterns()) and len(built) == first


def test_the_tree_is_the_tree_tinyhtml5_parses_alone() -> None:
    alone = ElementTree.tostring(tinyhtml5.parse(PAGE), encoding="unicode")
    with cached_character_runs():
        cached = ElementTree.tostring(tinyhtml5.parse(PAGE), encoding="unicode")
    assert cached == alone
    assert "第 1 段 &amp; “引号” " in cached


def test_tinyhtml5_has_its_own_cache_again_after_the_block() -> None:
    upstream = inputstream.characters_until_regex
    with cached_character_runs():
        assert inputstream.characters_until_regex is not upstream
    assert inputstream.characters_until_regex is upstream
