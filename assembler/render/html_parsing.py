"""WeasyPrint's HTML parser (tinyhtml5 2.1) with the regular expressions it caches found again.

tinyhtml5's tokenizer reads text up to the next `<`, `&` or quote with `chars_until`, which
keeps each character set's regular expression in a module dict. Its store is
`characters = cache[(characters, opposite)] = regex`: Python assigns left to right, so the
entry goes in under the compiled expression, not the characters, and every lookup misses.
Each call then builds the expression's text again and asks `re` for it: half of the ~60 ms
the example pack's HTML takes to parse, and a pack's PDF parses its HTML twice (render/pdf.py,
the cover title's probe).

Here the dict finds what is missing itself, under the key the lookup uses, the same expression
tinyhtml5 would build. Patched in only while WeasyPrint parses (`cached_character_runs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from tinyhtml5 import inputstream  # type: ignore[import-untyped]

from assembler.render.patching import patched


def run_pattern(characters: Iterable[str], opposite: bool) -> re.Pattern[str]:
    """The expression tinyhtml5's `chars_until` builds: a run of `characters`, or of anything
    but them (`opposite` False)."""
    escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
    return re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")


class _RunPatterns(dict[tuple[object, bool], "re.Pattern[str]"]):
    def __missing__(self, key: tuple[object, bool]) -> re.Pattern[str]:
        characters, opposite = key
        pattern = self[key] = run_pattern(characters, opposite)  # type: ignore[arg-type]
        return pattern


@contextmanager
def cached_character_runs() -> Iterator[None]:
    """tinyhtml5 finding its cached expressions, for the duration of the block."""
    with patched(inputstream, "characters_until_regex", _RunPatterns()):
        yield
