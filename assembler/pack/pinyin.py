"""The pinyin of Chinese terms, to order the glossary annex as a reader looks a term up.

pypinyin's phrase dictionary reads most polyphonic characters of UN names right (重大
zhòng, 重新 chóng, 银行 háng, 秘书长 zhǎng, 会计 kuài, 大会 huì); where its word split
picks the wrong reading, the table below, checked against the bundled glossary, wins:
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SortKey = tuple[tuple[str, int], ...]

# Phrase (or character) -> its syllables in pypinyin's TONE3 spelling (ü as v, tone last).
READINGS: dict[str, tuple[str, ...]] = {
    # 恐怖主义行为: pypinyin splits 主义|行为 as 义行 and reads 为 wèi.
    "行为": ("xing2", "wei2"),
    # 欧盟对外行动署: read as 外行 (wàiháng, "layman") + 动.
    "外行动": ("wai4", "xing2", "dong4"),
    # Transliterations of place names: 萨赫勒, 加勒比, 布加勒斯特 (lè, not lēi) and
    # 塞尔维亚, 塞拉利昂, 塞浦路斯, 黑塞哥维那 (sài, not sāi).
    "勒": ("le4",),
    "塞": ("sai4",),
}
_LONGEST = max(len(phrase) for phrase in READINGS)


def syllables(text: str) -> list[str]:
    """The text as TONE3 syllables (neutral tone 5); runs of other characters (digits,
    Latin letters, punctuation) stay as they are, one item each."""
    # pypinyin reads its dictionaries on import (0.36 s): a build whose annex keys come from the
    # glossary cache (sort_keys) never needs it.
    from pypinyin import Style, lazy_pinyin

    out: list[str] = []
    pending = ""
    position = 0
    while position < len(text):
        phrase = next(
            (
                text[position : position + size]
                for size in range(_LONGEST, 0, -1)
                if text[position : position + size] in READINGS
            ),
            None,
        )
        if phrase is None:
            pending += text[position]
            position += 1
            continue
        out.extend(lazy_pinyin(pending, style=Style.TONE3, neutral_tone_with_five=True))
        out.extend(READINGS[phrase])
        pending = ""
        position += len(phrase)
    out.extend(lazy_pinyin(pending, style=Style.TONE3, neutral_tone_with_five=True))
    return [s for s in out if s.strip()]


def sort_key(text: str) -> SortKey:
    """Dictionary order: syllable by syllable, letters first (ü after u, as v), then tone."""
    key = []
    for syllable in syllables(text):
        tone = syllable[-1]
        if syllable.isascii() and tone.isdigit() and syllable[:-1].isalpha():
            key.append((syllable[:-1], int(tone)))
        else:
            key.append((syllable.strip().casefold(), 0))
    return tuple(key)


def sort_keys(texts: Iterable[str]) -> dict[str, SortKey]:
    """The sort keys of many texts, to be kept beside the glossary they come from."""
    return {text: sort_key(text) for text in texts}


def key_of(text: str, known: Mapping[str, SortKey]) -> SortKey:
    """A text's sort key: from `known` when it is there, else worked out."""
    found = known.get(text)
    return found if found is not None else sort_key(text)
