"""Which language a text is written in, among the corpus's languages (Chinese and English)."""

from __future__ import annotations

import re

# The ranges of text.cjk.is_cjk and the letters of `char.isascii() and char.isalpha()`, counted
# by the regex engine: a loop over characters in Python made this a fifth of ingest's time.
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_LATIN = re.compile("[A-Za-z]+")

# Chinese UN text keeps Latin names, symbols, URLs and English titles in footnotes, and one
# Chinese character weighs as much as a word of five or six Latin letters; English UN text
# holds no Chinese beyond a quoted name. A text is Chinese when Chinese characters make up more
# than this share of its letters.
CHINESE_SHARE = 0.1


def detect_language(text: str) -> str:
    """ "zh" or "en": the share of Chinese characters among the text's letters decides."""
    latin = sum(map(len, _LATIN.findall(text)))
    cjk = 0
    for run in _CJK.finditer(text):
        cjk += run.end() - run.start()
        # The share only grows as Chinese is counted: a Chinese text is told by its first
        # lines, not by counting all of it.
        if cjk / (cjk + latin) > CHINESE_SHARE:
            return "zh"
    if cjk + latin == 0:
        return "zh"
    return "zh" if cjk / (cjk + latin) > CHINESE_SHARE else "en"
