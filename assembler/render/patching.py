"""An attribute of WeasyPrint (or of a module it uses) replaced for the duration of a block.

Every extension of render/pdf.py is a replacement of this kind, entered around one document's
layout or drawing and left afterwards. What the attribute held on entry comes back on exit,
or nothing where the owner had no attribute of its own (an inherited one, or none). An
extension that copies a WeasyPrint routine names the digest of the source it reproduces
(render/upstream.py) and replaces nothing on another source.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from assembler.render.upstream import is_checked

_NOTHING = object()


@contextmanager
def patched(owner: Any, name: str, value: Any, checked: str | None = None) -> Iterator[None]:
    """`owner.name` is `value` for the block's duration; with `checked`, only if what it held
    is the upstream source of that digest."""
    if checked is not None and not is_checked(getattr(owner, name), checked):
        yield
        return
    saved = vars(owner).get(name, _NOTHING)
    setattr(owner, name, value)
    try:
        yield
    finally:
        if saved is _NOTHING:
            delattr(owner, name)
        else:
            setattr(owner, name, saved)
