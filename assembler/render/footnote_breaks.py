"""Footnotes stay on the page of their call: orphans and widows are kept by moving lines, never
by sending a page's notes on ahead.

When a line overflows the page and breaking before it would leave too few lines on either
side (orphans, widows), WeasyPrint 70 (layout/block.py, `_linebox_layout`) first moves the
page's footnotes to the next page, the last first, even notes called by earlier paragraphs,
until the line fits. GCPM allows that, but a UN document keeps each note on the page of its
call, so the PDF writer used to find such pages after layout and lay the whole document out
again with the paragraph pushed over (render/corrections.py): on a whole-corpus pack, a second
layout as long as the first. The typesetter's answer is the ordinary one, taken here during
the first layout: the lines that orphans and widows require go to the next page, with the
calls they hold and so their notes.

The change is one decision in WeasyPrint's function, so the function is rebuilt from
WeasyPrint's own source with that line replaced, not copied; if the line is not there (another
WeasyPrint), building it fails loudly instead of silently doing nothing.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.layout import block  # type: ignore[import-untyped]

from assembler.render.patching import patched

# The decision in WeasyPrint 70's _linebox_layout to send notes on ahead to fit a line.
UPSTREAM_DECISION = "report = not context.in_column and can_break_now and not could_break_before"
KEEP_NOTES = "report = False"

_upstream = block._linebox_layout


def _notes_kept(function: Any) -> Any:
    """`function` (WeasyPrint's _linebox_layout) with footnotes never sent on ahead."""
    try:
        lines, first = inspect.getsourcelines(function)
    except (OSError, TypeError) as error:  # installed without its .py files
        raise RuntimeError(
            f"the source of {function.__module__}.{function.__name__} is not installed ({error}):"
            " reinstall WeasyPrint from requirements.lock (scripts/install.sh --deps)"
        ) from error
    # Blank lines first, so that tracebacks and profiles give the lines of WeasyPrint's file.
    source = "\n" * (first - 1) + textwrap.dedent("".join(lines))
    if source.count(UPSTREAM_DECISION) != 1:
        raise RuntimeError(
            f"{function.__module__}.{function.__name__} no longer decides {UPSTREAM_DECISION!r}:"
            " check assembler/render/footnote_breaks.py against this WeasyPrint"
        )
    namespace: dict[str, Any] = {}
    code = compile(source.replace(UPSTREAM_DECISION, KEEP_NOTES), inspect.getfile(function), "exec")
    # WeasyPrint's own source, run where it was defined so that it sees the same names.
    exec(code, function.__globals__, namespace)
    return namespace[function.__name__]


_kept = _notes_kept(_upstream)


@contextmanager
def notes_on_the_page_of_their_call() -> Iterator[None]:
    """WeasyPrint keeping footnotes on the page of their call, for the duration of the block."""
    with patched(block, "_linebox_layout", _kept):
        yield
