"""One spacing rule between Chinese and Latin letters or digits, shared by the writers.

UN Chinese writes "2018 年" and "2018年", "第 2341 (2017) 号" and "第2341(2017)号" in the same
report: the source spaces are typing habits, not content. Writers set every boundary between
a Han character and Latin text alike, with their own gap (a quarter em); records keep the
text as ingested. This module only decides where the boundaries are and which source spaces
go; it knows nothing of any output format.
"""

from __future__ import annotations

import re

# Han: the CJK ideographs (not CJK punctuation, whose glyphs carry their own blank half).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Latin text: letters and digits of the Latin, Greek and Cyrillic scripts, and the ASCII
# brackets and percent sign that open or close such a word ("(2017)号", "70%的").
_LATIN = "0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff()\\[\\]%"
# A boundary: Han then Latin or Latin then Han, with the spaces typed between them.
_BOUNDARY = re.compile(
    rf"(?<=[{_HAN}])[ \u00a0]*(?=[{_LATIN}])|(?<=[{_LATIN}])[ \u00a0]*(?=[{_HAN}])"
)


def han_latin_gaps(text: str) -> list[tuple[int, int]]:
    """Where `text` needs the writer's gap: the (start, end) span of the source spaces at
    each boundary between Han and Latin text, empty where none was typed. A writer puts its
    gap in place of each span; spaces elsewhere stay ("1 550 万", "United Nations").

    >>> han_latin_gaps("2018 年，第2341号")
    [(4, 5), (8, 8), (12, 12)]
    """
    return [match.span() for match in _BOUNDARY.finditer(text)]
