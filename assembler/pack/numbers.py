"""Numbers written as words, where UN style wants them and Babel has no spell-out:
session numbers ("第二十八届会议", "Twenty-eighth session")."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_ONES = (
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_ONES = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def chinese_numeral(n: int) -> str:
    """1..999 in Chinese numerals as UN documents write them: 28 -> 二十八, 10 -> 十,
    105 -> 一百零五."""
    if not 1 <= n <= 999:
        raise ValueError(f"{n} is outside 1..999")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        # "十五", not "一十五", standing alone; "一百一十五" after hundreds.
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += _DIGITS[ones]
    return text


def _cardinal(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def english_ordinal(n: int) -> str:
    """1..999 as ordinal words: 28 -> twenty-eighth, 40 -> fortieth, 100 -> one hundredth,
    105 -> one hundred and fifth."""
    if not 1 <= n <= 999:
        raise ValueError(f"{n} is outside 1..999")
    hundreds, rest = divmod(n, 100)
    if hundreds and not rest:
        return f"{_ONES[hundreds]} hundredth"
    prefix = f"{_ONES[hundreds]} hundred and " if hundreds else ""
    return prefix + _ordinal_below_hundred(rest)


def _ordinal_below_hundred(n: int) -> str:
    words = _cardinal(n)
    head, _, last = words.rpartition("-")
    if last in _ORDINAL_ONES:
        last = _ORDINAL_ONES[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last
