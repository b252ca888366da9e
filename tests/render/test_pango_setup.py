"""WeasyPrint's layouts on shared Pango contexts and font descriptions (render/pango_setup.py):
one context per direction and language, the PDF byte for byte what WeasyPrint makes alone."""

from __future__ import annotations

from typing import Any

import cffi
import pytest
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.text import line_break  # type: ignore[import-untyped]
from weasyprint.text.ffi import ffi, pango  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

from assembler.render.pango_setup import shared_pango_setup

# Every branch of Layout.setup: two languages and a language override, right-to-left text, one
# language in both directions, an underline (font metrics), OpenType features, font variations
# beside the same font at the same size without them, bold, italic, small caps, three sizes.
PAGE = """<!DOCTYPE html><html lang="zh-Hans"><head><style>
@page { size: A6; margin: 10mm }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt; text-align: justify }
.en { font-family: 'Liberation Serif'; }
</style></head><body>
<p>联合国毒品和犯罪问题办公室在 2018 年提供了技术援助，<b>加强</b>各国的<i>刑事司法</i>能力。</p>
<p lang="en" class="en">The Office provided <u>technical assistance</u> to 117 States, with
<span style="font-variant: small-caps">Small Caps</span> and
<span style="font-feature-settings: 'liga' 0">office affinity</span>.</p>
<p lang="en" class="en" style="font-language-override: 'TRK'">Istanbul, İzmir</p>
<p lang="ar" dir="rtl" style="font-family: 'Liberation Sans'">abc 123</p>
<p style="font-size: 14pt; font-variation-settings: 'wght' 500">大会第 73/305 号决议</p>
<p style="font-size: 14pt">大会第 73/305 号决议</p>
<p style="font-size: 8pt">脚注：见 CTOC/COP/2018/2。</p>
<p lang="en" class="en">abc 123 (x) “quoted” text, 456!</p>
<p lang="en" class="en" dir="rtl">abc 123 (x) “quoted” text, 456!</p>
</body></html>"""


def _pdf(shared: bool) -> bytes:
    document = HTML(string=PAGE)
    options = {"font_config": FontConfiguration()}
    if not shared:
        return bytes(document.render(**options).write_pdf())
    with shared_pango_setup():
        return bytes(document.render(**options).write_pdf())


def test_the_pdf_is_byte_for_byte_weasyprints_own() -> None:
    alone = _pdf(shared=False)
    assert _pdf(shared=True) == alone
    assert alone.startswith(b"%PDF")


# Pango getters WeasyPrint does not declare.
_OWN = cffi.FFI()
_OWN.cdef(
    "void *pango_layout_get_context (void *layout);"
    "void *pango_context_get_language (void *context);"
    "const char *pango_language_to_string (void *language);"
)
_PANGO = _OWN.dlopen("libpango-1.0.so.0")


def _context(layout: Any) -> int:
    return int(_OWN.cast("uintptr_t", _PANGO.pango_layout_get_context(layout.layout)))


def _language(context: int) -> str:
    language = _PANGO.pango_context_get_language(_OWN.cast("void *", context))
    return _OWN.string(_PANGO.pango_language_to_string(language)).decode()


def _layout(style: Any) -> Any:
    return line_break.Layout(style)


def _styles() -> dict[str, Any]:
    """Computed styles of a few elements of PAGE, by a name for each."""
    document = HTML(string=PAGE).render(font_config=FontConfiguration())
    found: dict[str, Any] = {}

    def walk(box: Any) -> None:
        if getattr(box, "element_tag", None) == "span" and "liga" in box.element.get("style"):
            found.setdefault("features", box.style)
        if getattr(box, "element_tag", None) == "p" and box.element is not None:
            text = "".join(box.element.itertext())
            name = {"联合国": "zh", "The Off": "en", "Istanbu": "trk", "abc 123": "rtl"}
            for start, key in name.items():
                if text.startswith(start) and key not in found:
                    found[key] = box.style
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


def test_layouts_of_one_direction_and_language_share_a_context() -> None:
    styles = _styles()
    with shared_pango_setup():
        zh_a, zh_b = _layout(styles["zh"]), _layout(styles["zh"])
        en, trk, rtl = _layout(styles["en"]), _layout(styles["trk"]), _layout(styles["rtl"])
        contexts = [_context(x) for x in (zh_a, zh_b, en, trk, rtl)]
    assert contexts[0] == contexts[1]
    assert len(set(contexts)) == 4
    # Each context was told the language upstream's setup tells it, and the layout keeps it.
    upstream = [_language(_context(_layout(styles[k]))) for k in ("zh", "en", "trk", "rtl")]
    assert upstream == ["zh-hans", "en", "tur", "ar"]
    assert [_language(c) for c in contexts] == [upstream[0], *upstream]
    assert int(ffi.cast("uintptr_t", zh_a.language)) == int(
        _OWN.cast("uintptr_t", _PANGO.pango_context_get_language(_OWN.cast("void *", contexts[0])))
    )


def test_each_layout_has_its_own_attributes() -> None:
    # set_text adds letter and word spacing to the layout's attribute list: a list shared
    # between layouts would space the text of the others.
    styles = _styles()
    with shared_pango_setup():
        a, b = _layout(styles["features"]), _layout(styles["features"])
    lists = [pango.pango_layout_get_attributes(x.layout) for x in (a, b)]
    assert ffi.NULL not in lists and lists[0] != lists[1]


def test_weasyprints_own_setup_is_back_after_the_block() -> None:
    # Inside the block the setup is replaced: the installed WeasyPrint is the one checked.
    upstream = line_break.Layout.setup
    with shared_pango_setup():
        assert line_break.Layout.setup is not upstream
    assert line_break.Layout.setup is upstream


def test_another_weasyprints_setup_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def changed(layout: Any, style: Any) -> None:  # as if upstream had changed its setup
        upstream(layout, style)

    upstream = line_break.Layout.setup
    monkeypatch.setattr(line_break.Layout, "setup", changed)
    with shared_pango_setup():
        assert line_break.Layout.setup is changed
