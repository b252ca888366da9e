"""A short way to the computed values most lookups ask for: those no style sheet sets.

WeasyPrint 70 computes an element's style lazily, one property at a time, in
`ComputedStyle.__missing__`, and most lookups are of a property the element's cascade does not
set, whose value is then the parent's (an inherited property) or the initial value (any
other). Upstream still walks its whole routine for those: the logical counterpart of a
physical property (which asks for the element's direction), pending variables, math
functions, the computer functions. This takes the two plain cases first and leaves everything
else to upstream, with the same result:
- not set, inherited: the parent's computed value. Where that holds a math function upstream
  solves it again, which may log a warning (it returns the parent's value either way), so that
  case is left to upstream;
- not set, not inherited, its initial value needing no computing: the initial value.
Properties with side effects or special rules (position, float, display, page, text
decorations, custom properties) and physical properties whose logical counterpart (for
either direction) is set always take upstream's way. The patch is the process's (render/pdf.py
renders one document at a time), and is made only on the WeasyPrint whose `__missing__` this
was checked against (render/upstream.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.css import ComputedStyle  # type: ignore[import-untyped]
from weasyprint.css.computed_values import PHYSICAL_FUNCTIONS  # type: ignore[import-untyped]
from weasyprint.css.functions import check_math  # type: ignore[import-untyped]
from weasyprint.css.properties import (  # type: ignore[import-untyped]
    INHERITED,
    INITIAL_NOT_COMPUTED,
    INITIAL_VALUES,
)

from assembler.render.patching import patched

# WeasyPrint 70.0's ComputedStyle.__missing__, whose plain cases the short way answers.
UPSTREAM_MISSING = "b318d8efc8ac79d716f05cb81cc3abd65a32bd79601e363b218a32559bb3a5fb"

# Properties whose computing reads or records others, or follows a rule of its own.
UPSTREAM_ONLY = frozenset({"position", "float", "display", "page"})


def _logical(key: str) -> tuple[str, ...]:
    """The logical properties physical `key` may stand for, in left-to-right and right-to-left
    text (WeasyPrint asks with the block direction top to bottom, as here)."""
    function = PHYSICAL_FUNCTIONS.get(key)
    if function is None:
        return ()
    return tuple(sorted({function(block="ttb", inline=inline) for inline in ("ltr", "rtl")}))


# The properties that may take the short way when not set: whether each is inherited, and the
# logical properties that must not be set either. Looked up once per call, so that the short
# way costs less than upstream's.
SHORT_WAY: dict[str, tuple[bool, tuple[str, ...]]] = {
    key: (key in INHERITED, _logical(key))
    for key in INITIAL_VALUES
    if key not in UPSTREAM_ONLY
    and not key.startswith("text_decoration_")
    and (key in INHERITED or key not in INITIAL_NOT_COMPUTED)
}


@contextmanager
def plain_values_first() -> Iterator[None]:
    """WeasyPrint's computed styles take the short way for the block's duration."""
    upstream = ComputedStyle.__missing__

    def missing(style: Any, key: str) -> Any:
        entry = SHORT_WAY.get(key)
        parent = style.parent_style
        if entry is not None and parent is not None:
            cascaded = style.cascaded
            inherited, logical = entry
            if key not in cascaded and not (logical and any(n in cascaded for n in logical)):
                if not inherited:
                    value = style[key] = INITIAL_VALUES[key]
                    return value
                value = parent[key]
                if not check_math(value):
                    style[key] = value
                    return value
        return upstream(style, key)

    with patched(ComputedStyle, "__missing__", missing, checked=UPSTREAM_MISSING):
        yield
