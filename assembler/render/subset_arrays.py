"""HarfBuzz-Subset's glyph arrays allocated without parsing a C declaration for each size.

WeasyPrint 70 subsets each embedded font with arrays declared by their length
(pdf/fonts.py: `ffi.new(f'hb_codepoint_t[{len(keep)}]', keep)`). cffi caches a declaration by
its text and parses every new one with pycparser, ~14 ms each, so each font of each PDF pays
for two or three declarations no other PDF shares: 0.1 s of the 0.58 s the example pack takes
to draw. `hb_codepoint_t[]` of that length is the same array, from a declaration parsed once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.pdf import fonts  # type: ignore[import-untyped]

from assembler.render.patching import patched

_upstream = fonts.ffi
_SIZED = re.compile(r"(?P<item>[A-Za-z_][A-Za-z0-9_ ]*)\[(?P<length>[0-9]+)\]")


class _OpenArrays:
    """WeasyPrint's `ffi`, with `new('T[n]', init)` made as `new('T[]', n)` filled with init."""

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def new(self, cdecl: str, init: Any = None) -> Any:
        sized = _SIZED.fullmatch(cdecl)
        if sized is None or isinstance(init, bytes | str):  # a string fills a char array whole
            return self._ffi.new(cdecl, init)
        array = self._ffi.new(f"{sized['item']}[]", int(sized["length"]))
        if init is not None:
            values = list(init)
            array[0 : len(values)] = values
        return array

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)


@contextmanager
def open_subset_arrays() -> Iterator[None]:
    """WeasyPrint's font subsetting without a C parse per array size, for the block."""
    with patched(fonts, "ffi", _OpenArrays(_upstream)):
        yield
