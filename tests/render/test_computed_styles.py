"""WeasyPrint's computed styles taking the short way to unset properties
(render/computed_styles.py): every property of every element computes to upstream's value."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.css import ComputedStyle, get_all_computed_styles  # type: ignore[import-untyped]
from weasyprint.css.functions import check_math  # type: ignore[import-untyped]
from weasyprint.css.properties import INITIAL_VALUES  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from assembler.render.computed_styles import plain_values_first

# Inherited and initial values, logical properties in both directions, variables, math with
# percentages, text decorations, named pages, floats and positioning, pseudo-elements.
PAGE = """<!DOCTYPE html><html lang="zh-Hans"><head><style>
:root { --gap: 6pt; font-size: 10.5pt; }
@page wide { size: A4 landscape }
body { font-family: serif; color: #222; line-height: 1.65; letter-spacing: calc(1px + 0.1em) }
section { page: wide; margin-inline-start: 2em; padding-block: var(--gap) }
section[dir=rtl] { margin-inline-end: 3em; border-inline-start: 1pt solid red }
p { text-indent: calc(10% + 1em); margin-bottom: var(--gap) }
.note { float: right; width: calc(50% - var(--gap)); text-decoration: underline }
.note span { position: relative; top: 1pt; text-decoration-color: blue }
li::marker { color: gray }
h2::before { content: counter(h) ". "; counter-increment: h }
</style></head><body>
<h2>导言</h2>
<section><p>联合国<b>毒品</b>和犯罪问题办公室。</p>
<div class="note">注：<span>见 CTOC/COP/2018/2</span></div></section>
<section dir="rtl" lang="ar"><p>abc <i>123</i></p><ol><li>one</li><li>two</li></ol></section>
<table><tr><td style="padding-inline: 1em">x</td></tr></table>
</body></html>"""


def _values(short_way: AbstractContextManager[None]) -> list[tuple[str, dict[str, Any]]]:
    """Every property of every element's style and pseudo-elements, computed in one order."""
    html = HTML(string=PAGE)
    found = []
    with short_way:
        style_for = get_all_computed_styles(html, font_config=FontConfiguration())
        for element in html.etree_element.iter():
            for pseudo in (None, "before", "marker"):
                style = style_for(element, pseudo)
                if style is not None:
                    found.append(
                        (f"{element.tag}::{pseudo}", {key: style[key] for key in INITIAL_VALUES})
                    )
    return found


def test_every_property_computes_to_upstreams_value() -> None:
    upstream = _values(nullcontext())
    ours = _values(plain_values_first())
    assert [name for name, _ in ours] == [name for name, _ in upstream]
    assert len(upstream) > 20 and len(INITIAL_VALUES) > 200
    for (name, theirs), (_, mine) in zip(upstream, ours, strict=True):
        assert {k: repr(v) for k, v in mine.items()} == {k: repr(v) for k, v in theirs.items()}, (
            name
        )


def test_the_page_sets_what_the_short_way_must_leave_to_upstream() -> None:
    # Guards the test above: without a logical property on right-to-left text, an inherited
    # math function, a float and a named page, the comparison would prove little.
    styles: dict[str, list[dict[str, Any]]] = {}
    for name, values in _values(nullcontext()):
        styles.setdefault(name, []).append(values)
    ltr, rtl = styles["section::None"]
    assert (ltr["direction"], rtl["direction"]) == ("ltr", "rtl")
    assert rtl["margin_right"] == ltr["margin_left"] != rtl["margin_left"]
    assert check_math(styles["b::None"][0]["text_indent"])  # inherited: left to upstream
    assert styles["div::None"][0]["float"] == "right" and ltr["page"] == "wide"
    assert styles["li::marker"][0]["color"] != styles["li::None"][0]["color"]


def test_weasyprints_own_lookup_is_back_after_the_block() -> None:
    # Inside the block the lookup is replaced: the installed WeasyPrint is the one checked.
    upstream = ComputedStyle.__missing__
    with plain_values_first():
        assert ComputedStyle.__missing__ is not upstream
    assert ComputedStyle.__missing__ is upstream


def test_another_weasyprints_lookup_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def changed(style: Any, key: str) -> Any:  # as if upstream had changed its routine
        return upstream(style, key)

    upstream = ComputedStyle.__missing__
    monkeypatch.setattr(ComputedStyle, "__missing__", changed)
    with plain_values_first():
        assert ComputedStyle.__missing__ is changed
