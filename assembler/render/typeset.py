"""Chinese typesetting of the model's text as HTML: presentation only, the words unchanged.

- Adjacent full-width punctuation is compressed: a mark followed by another ("）（", "。”")
  is wrapped in `<span class="halt">`, which pack.css sets with the font's `halt` feature
  (half-width alternates: 1 em -> 0.5 em), so two marks take 1.5 em, not 2.
- Han and Latin text are set apart by one gap, a quarter em (U+2005 between word joiners:
  a break there would leave the gap at a line's end), wherever assembler.text.spacing puts
  one; the source spaces it replaces are dropped.

- The last characters of a paragraph are glued with word joiners (`glued`, decided by the
  HTML writer), so that its last line never holds just one or two characters.

Each character of a text becomes one token of markup (with the gap or joiner before it), so
that the template can set the last character apart (kept with a footnote call).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from assembler.text.cjk import is_cjk
from assembler.text.spacing import han_latin_gaps

# Full-width marks whose glyph is half blank: Noto CJK's `halt` removes that half.
SQUEEZABLE = frozenset("，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’")
JOINER = "\u2060"  # WORD JOINER: no line break here
GAP = JOINER + "\u2005" + JOINER  # a four-per-em space that never breaks
_HALT = '<span class="halt">{}</span>'
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&#34;"}  # as markupsafe
_PAIR = re.compile(f"[{''.join(sorted(SQUEEZABLE))}]{{2}}")


def tokens(text: str, following: str = "", glued: int = 0) -> list[str]:
    """One piece of markup per character of `text` (empty for a dropped space); `following`
    is the character drawn right after the text, if any (it may start another run); the
    last `glued` characters may not start a line."""
    gaps = han_latin_gaps(text)
    dropped = {index for start, end in gaps for index in range(start, end)}
    gap_before = {end for _, end in gaps}
    kept = [index for index in range(len(text)) if index not in dropped]
    out = [""] * len(text)
    for position, index in enumerate(kept):
        char = text[index]
        after = text[kept[position + 1]] if position + 1 < len(kept) else following[:1]
        mark = _ESCAPES.get(char, char)
        if char in SQUEEZABLE and after in SQUEEZABLE:
            mark = _HALT.format(mark)
        if index in gap_before:
            mark = GAP + mark
        elif index >= len(text) - glued:
            mark = JOINER + mark
        out[index] = mark
    return out


def typeset(text: str, following: str = "", glued: int = 0) -> Markup:
    # Most runs need nothing: escaping alone is much faster than going character by character.
    if not glued and not _PAIR.search(text + following[:1]) and not han_latin_gaps(text):
        return escape(text)
    return Markup("".join(tokens(text, following, glued)))


def typeset_head(text: str, glued: int = 0) -> Markup:
    """All but the last character (see `typeset_last`)."""
    return Markup("".join(tokens(text, "", glued)[:-1]))


def typeset_last(text: str, glued: int = 0) -> Markup:
    """The last character, which the template keeps on one line with a footnote call."""
    return Markup(tokens(text, "", glued)[-1] if text else "")


def typeset_symbol(text: str, following: str = "", glued: int = 0) -> Markup:
    """A cited symbol: its Latin part, which must not break ("A/RES/72/194" would break after
    "/"), in a nobreak span; the Chinese around it ("第 2368 (2017)号决议") may break, or
    keeping the whole citation on one line would leave ragged lines."""
    parts: list[tuple[bool, list[str]]] = []
    for char, token in zip(text, tokens(text, following, glued), strict=True):
        latin = not is_cjk(char)
        if parts and parts[-1][0] == latin:
            parts[-1][1].append(token)
        else:
            parts.append((latin, [token]))
    return Markup(
        "".join(
            f'<span class="nobreak">{"".join(part)}</span>' if latin else "".join(part)
            for latin, part in parts
        )
    )
