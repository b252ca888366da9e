"""Which language a text is written in, among the corpus's languages (Chinese and English)."""

from __future__ import annotations

from assembler.text.cjk import is_cjk

# Chinese UN text keeps Latin names, symbols, URLs and English titles in footnotes, and one
# Chinese character weighs as much as a word of five or six Latin letters; English UN text
# holds no Chinese beyond a quoted name. A text is Chinese when Chinese characters make up more
# than this share of its letters.
CHINESE_SHARE = 0.1


def detect_language(text: str) -> str:
    """ "zh" or "en": the share of Chinese characters among the text's letters decides."""
    cjk = latin = 0
    for char in text:
        if is_cjk(char):
            cjk += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    if cjk + latin == 0:
        return "zh"
    return "zh" if cjk / (cjk + latin) > CHINESE_SHARE else "en"
