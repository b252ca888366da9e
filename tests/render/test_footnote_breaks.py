"""Footnotes stay on the page of their call during layout (render/footnote_breaks.py): a
paragraph that orphans and widows keep from breaking moves to the next page instead of
sending the page's notes on ahead, so no second layout is needed to correct it."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]
from weasyprint.layout import block  # type: ignore[import-untyped]

from assembler.render.corrections import fixes
from assembler.render.footnote_breaks import _notes_kept, notes_on_the_page_of_their_call

# A page of 14 ten-pixel lines. Ten lines of filler, "a" calling a one-line note, then "b c d
# e": "c" overflows, and breaking before it would leave "b" alone (orphans: 2).
PAGE = (
    "<style>@page{size:120px 160px;margin:10px;@footnote{margin-top:0}}"
    "html{font:10px/10px 'Liberation Sans'}body{margin:0}p{margin:0;orphans:2;widows:2}"
    ".n{float:footnote;footnote-policy:line}</style>"
    f"<p>{'<br>'.join('x' * 10)}</p><p>a<span class=n>note</span></p><p>b<br>c<br>d<br>e</p>"
)


def laid_out(patch: AbstractContextManager[Any]) -> tuple[list[str], list[Any]]:
    """Each page's text, and the page boxes."""
    with patch:
        document = HTML(string=PAGE).render()
    pages = [page._page_box for page in document.pages]
    texts = [
        "".join(box.text for box in page.descendants() if isinstance(box, boxes.TextBox))
        for page in pages
    ]
    return texts, pages


def test_a_paragraph_orphans_push_over_takes_the_next_page_and_the_note_stays() -> None:
    texts, pages = laid_out(notes_on_the_page_of_their_call())
    assert texts == ["x" * 10 + "a1" + "1. note", "bcde"]
    assert fixes(pages) == []


def test_upstream_sends_the_note_on_ahead_which_the_corrections_would_relayout() -> None:
    texts, pages = laid_out(nullcontext())
    assert texts == ["x" * 10 + "a1bc", "de" + "1. note"]
    assert [rule for _, rule in fixes(pages)] == ["break-before: page"]


def test_the_rebuilt_function_keeps_the_lines_of_weasyprints_file() -> None:
    with notes_on_the_page_of_their_call():
        rebuilt = block._linebox_layout.__code__
    upstream = block._linebox_layout.__code__
    assert (rebuilt.co_filename, rebuilt.co_firstlineno) == (
        upstream.co_filename,
        upstream.co_firstlineno,
    )


def test_weasyprint_is_itself_again_after_the_block() -> None:
    upstream = block._linebox_layout
    with notes_on_the_page_of_their_call():
        assert block._linebox_layout is not upstream
    assert block._linebox_layout is upstream


def test_a_weasyprint_without_the_decision_is_refused_by_name() -> None:
    def _linebox_layout() -> None:
        report = True
        del report

    with pytest.raises(RuntimeError, match="_linebox_layout no longer decides"):
        _notes_kept(_linebox_layout)


def test_a_weasyprint_installed_without_its_source_is_refused_with_what_to_do() -> None:
    compiled = compile("def _linebox_layout():\n    report = True\n", "<no file>", "exec")
    namespace: dict[str, Any] = {}
    exec(compiled, {}, namespace)
    with pytest.raises(RuntimeError, match=r"not installed .*scripts/install.sh --deps"):
        _notes_kept(namespace["_linebox_layout"])
