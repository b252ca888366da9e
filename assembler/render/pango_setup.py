"""One Pango context and one font description per kind of text, not one per line.

WeasyPrint 70 makes a `Layout` for every line it tries to fit, and again for every text box it
draws (it frees the layouts in between to save memory), and each `Layout.setup` creates a new
PangoContext and builds a new PangoFontDescription from the style. Yet a context depends only
on the font map, the text direction and the language, and a description only on the font
properties; Pango copies the description into the layout, and nothing in WeasyPrint changes a
context after its setup. So this setup keeps one of each per key for the document's font
configuration and gives every layout its own PangoLayout on them, exactly as upstream does
otherwise: the PDF is byte-identical.

The caches live as long as the block (one document, with its title probe); a layout holds its
own reference to its context, so none outlives what it uses. The patch is the process's:
render/pdf.py renders one document at a time. It is made only on the WeasyPrint whose setup
this reproduces (render/upstream.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.text import line_break  # type: ignore[import-untyped]
from weasyprint.text.constants import (  # type: ignore[import-untyped]
    LST_TO_ISO,
    PANGO_DIRECTION,
)
from weasyprint.text.ffi import (  # type: ignore[import-untyped]
    FROM_UNITS,
    ffi,
    gobject,
    pango,
    unicode_to_char_p,
)
from weasyprint.text.fonts import (  # type: ignore[import-untyped]
    font_features,
    get_font_description,
)

from assembler.render.patching import patched

# WeasyPrint 70.0's Layout.setup, which _setup reproduces.
UPSTREAM_SETUP = "fb227a55094f41d42fbd57f180d8b7a9a1e741969ec8ddb3fd5cd80920257442"


def _language(style: Any) -> str | None:
    """The language Pango is told, as upstream's setup chooses it."""
    override = style["font_language_override"]
    if override != "normal":
        return str(LST_TO_ISO.get(override.lower(), override))
    return style["lang"] or None


class _Shared:
    """The contexts and descriptions of one font configuration, made on first use."""

    def __init__(self, font_config: Any) -> None:
        self.font_config = font_config  # kept alive with what it owns
        self.contexts: dict[tuple[str, str | None], tuple[Any, Any]] = {}
        self.descriptions: dict[tuple[Any, ...], Any] = {}

    def context(self, direction: str, lang: str | None) -> tuple[Any, Any]:
        """(PangoContext, PangoLanguage) for text in `direction` and `lang`."""
        key = (direction, lang)
        found = self.contexts.get(key)
        if found is None:
            context = ffi.gc(
                pango.pango_font_map_create_context(self.font_config.font_map),
                gobject.g_object_unref,
            )
            pango.pango_context_set_round_glyph_positions(context, False)
            pango.pango_context_set_base_dir(context, PANGO_DIRECTION[direction])
            if lang:
                language = pango.pango_language_from_string(unicode_to_char_p(lang)[0])
                pango.pango_context_set_language(context, language)
            else:
                language = pango.pango_language_get_default()
            found = self.contexts[key] = (context, language)
        return found

    def description(self, style: Any) -> Any:
        """The PangoFontDescription of `style`'s font: what get_font_description reads."""
        key = (
            tuple(style["font_family"]),
            style["font_style"],
            style["font_stretch"],
            style["font_weight"],
            style["font_size"],
            style["font_variant_caps"],
            style["font_variation_settings"],  # "normal" or a tuple of (axis, value) pairs
        )
        found = self.descriptions.get(key)
        if found is None:
            found = self.descriptions[key] = get_font_description(style)
        return found


def _setup(shared: dict[int, _Shared], layout: Any, style: Any) -> None:
    """Upstream's `Layout.setup`, with the context and the description shared."""
    layout.style = style
    layout.first_line_direction = 0
    font_config = style.font_config
    caches = shared.get(id(font_config))
    if caches is None:
        caches = shared[id(font_config)] = _Shared(font_config)
    context, layout.language = caches.context(style["direction"], _language(style))
    assert not isinstance(style["font_family"], str), "font_family should be a list"
    description = caches.description(style)
    layout.layout = ffi.gc(pango.pango_layout_new(context), gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(layout.layout, False)
    pango.pango_layout_set_font_description(layout.layout, description)

    if style["text_decoration_line"] != "none":
        metrics = ffi.gc(
            pango.pango_context_get_metrics(context, description, layout.language),
            pango.pango_font_metrics_unref,
        )
        layout.ascent = FROM_UNITS * pango.pango_font_metrics_get_ascent(metrics)
        layout.underline_position = FROM_UNITS * (
            pango.pango_font_metrics_get_underline_position(metrics)
        )
        layout.strikethrough_position = FROM_UNITS * (
            pango.pango_font_metrics_get_strikethrough_position(metrics)
        )
        layout.underline_thickness = FROM_UNITS * (
            pango.pango_font_metrics_get_underline_thickness(metrics)
        )
        layout.strikethrough_thickness = FROM_UNITS * (
            pango.pango_font_metrics_get_strikethrough_thickness(metrics)
        )
    else:
        layout.ascent = None
        layout.underline_position = None
        layout.strikethrough_position = None

    features = font_features(
        style["font_kerning"],
        style["font_variant_ligatures"],
        style["font_variant_position"],
        style["font_variant_caps"],
        style["font_variant_numeric"],
        style["font_variant_alternates"],
        style["font_variant_east_asian"],
        style["font_feature_settings"],
    )
    if features:
        # Upstream's own cache of feature attributes (without making one it already has), and
        # its own unreleased list: the list is the layout's, since set_text adds spacing to it.
        settings = ",".join(f"{key} {value}" for key, value in features.items()).encode()
        known = style.font_config.font_features
        attr = known.get(settings)
        if attr is None:
            attr = known[settings] = pango.pango_attr_font_features_new(settings)
        attr_list = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attr_list, attr)
        pango.pango_layout_set_attributes(layout.layout, attr_list)


@contextmanager
def shared_pango_setup() -> Iterator[None]:
    """WeasyPrint's layouts share contexts and font descriptions for the block's duration."""
    shared: dict[int, _Shared] = {}

    def setup(layout: Any, style: Any) -> None:
        _setup(shared, layout, style)

    with patched(line_break.Layout, "setup", setup, checked=UPSTREAM_SETUP):
        yield
