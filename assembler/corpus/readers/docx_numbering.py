"""Word's automatic numbering: the label Word prints before a numbered paragraph ("12.", "(a)",
"II.", "一、"), computed from numbering.xml as Word does, since the label is not in the text.

A paragraph is numbered by its own w:numPr or its style's (through w:basedOn). w:numId names a
list instance (w:num), which points to an abstract list (w:abstractNum) holding each level's
format (w:numFmt), pattern (w:lvlText "%1.", "(%2)") and start. Instances of one abstract list
share its counters, so a list interrupted by other paragraphs, or continued under another
instance, goes on counting; an instance with a w:startOverride is Word's "Restart numbering":
its first paragraph starts that level again. A level's counter starts over after a paragraph of
a higher level (w:lvlRestart can say which)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(element: etree._Element | None, tag: str) -> str | None:
    """The w:val of `element`'s child `tag`, or None."""
    if element is None:
        return None
    child = element.find(w(tag))
    if child is None:
        return None
    value = child.get(w("val"))
    return None if value is None else str(value)


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_CHINESE_DIGITS = "〇一二三四五六七八九"


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..: the letter repeated, not base 26."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def chinese_counting(n: int) -> str:
    """一 .. 九十九 as Chinese documents number chapters (十, 十一, 二十); larger numbers in
    digits, which no UN chapter or list reaches."""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_DIGITS[tens] + "十")
    return head + (_CHINESE_DIGITS[units] if units else "")


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional"):
        return chinese_counting(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, and formats no UN document uses, as the number itself


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: 0 = never; n = after a paragraph of level < n
    legal: bool = False  # w:isLgl: every level's number in decimal ("2.1")
    style: str | None = None  # w:pStyle: the paragraph style this level numbers


def _level(lvl: etree._Element) -> Level:
    restart = wval(lvl, "lvlRestart")
    legal = lvl.find(w("isLgl"))
    return Level(
        fmt=wval(lvl, "numFmt") or "decimal",
        text=wval(lvl, "lvlText") or "",
        start=int(wval(lvl, "start") or 1),
        restart=None if restart is None else int(restart),
        legal=legal is not None and legal.get(w("val"), "1") not in ("0", "false"),
        style=wval(lvl, "pStyle"),
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    return {int(lvl.get(w("ilvl"), "0")): _level(lvl) for lvl in parent.iterfind(w("lvl"))}


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, Level]  # w:lvlOverride/w:lvl: levels this instance redefines
    starts: dict[int, int]  # w:lvlOverride/w:startOverride
    started: set[int] = field(default_factory=set)  # override levels already applied


class Numbering:
    """The numbering definitions of one document and the counters of its lists, advanced in
    reading order by `label`."""

    def __init__(self, root: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        links: dict[str, str] = {}
        for abstract in root.iterfind(w("abstractNum")):
            key = abstract.get(w("abstractNumId"), "")
            self._abstract[key] = _levels(abstract)
            # A style-linked list (w:numStyleLink) takes its levels from the list that
            # defines the style (w:styleLink).
            if (style := wval(abstract, "numStyleLink")) is not None:
                links[key] = style
        defining = {
            wval(a, "styleLink"): a.get(w("abstractNumId"), "")
            for a in root.iterfind(w("abstractNum"))
            if wval(a, "styleLink") is not None
        }
        for key, style in links.items():
            if style in defining:
                self._abstract[key] = self._abstract[defining[style]]
        for num in root.iterfind(w("num")):
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.iterfind(w("lvlOverride")):
                ilvl = int(override.get(w("ilvl"), "0"))
                if (start := wval(override, "startOverride")) is not None:
                    starts[ilvl] = int(start)
                if (lvl := override.find(w("lvl"))) is not None:
                    overrides[ilvl] = _level(lvl)
            self._instances[num.get(w("numId"), "")] = _Instance(
                wval(num, "abstractNumId") or "", overrides, starts
            )

    def _definition(self, instance: _Instance, ilvl: int) -> Level | None:
        return instance.overrides.get(ilvl) or self._abstract.get(instance.abstract, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int | None, style: str | None = None) -> str | None:
        """The label of the next paragraph of list `num_id` at level `ilvl`, advancing the
        list's counters; None when the list does not exist or shows no number (a bullet).
        Without a w:ilvl, the level is the one linked to the paragraph's `style` (how a list
        numbers Heading 1, Heading 2 ...), else the first."""
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        if ilvl is None:
            levels = {**self._abstract.get(instance.abstract, {}), **instance.overrides}
            ilvl = next((n for n, lvl in sorted(levels.items()) if lvl.style == style), 0)
        level = self._definition(instance, ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(instance.abstract, {})
        if ilvl in instance.starts and ilvl not in instance.started:
            instance.started.add(ilvl)
            counters[ilvl] = instance.starts[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [n for n in counters if n > ilvl]:
            deeper_level = self._definition(instance, deeper)
            restart = deeper_level.restart if deeper_level is not None else None
            # lvlRestart n: restart after a paragraph of level n-1 or higher; 0 never.
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return None
        return self._render(instance, level, counters)

    def _render(self, instance: _Instance, level: Level, counters: dict[int, int]) -> str | None:
        out: list[str] = []
        text = level.text
        position = 0
        while position < len(text):
            char = text[position]
            if char == "%" and position + 1 < len(text) and text[position + 1].isdigit():
                ilvl = int(text[position + 1]) - 1
                other = self._definition(instance, ilvl) or Level()
                value = counters.get(ilvl, other.start)
                fmt = "decimal" if level.legal and other.fmt != "none" else other.fmt
                out.append(format_number(value, fmt))
                position += 2
            else:
                out.append(char)
                position += 1
        label = "".join(out).strip()
        return label or None


def num_pr(ppr_chain: Iterable[etree._Element | None]) -> tuple[str, int | None] | None:
    """(numId, ilvl) from the w:pPr in `ppr_chain` (the paragraph's, then its styles') that
    have a w:numPr; None when there is none or w:numId 0 (a paragraph taken out of its style's
    list). A paragraph's own w:ilvl may come without a numId: the style's list at that level;
    a style's w:numId may come without w:ilvl (see Numbering.label)."""
    num_id: str | None = None
    ilvl: int | None = None
    for ppr in ppr_chain:
        if ppr is None:
            continue
        found = ppr.find(w("numPr"))
        if found is None:
            continue
        if num_id is None:
            num_id = wval(found, "numId")
        if ilvl is None and (value := wval(found, "ilvl")) is not None:
            ilvl = int(value)
        if num_id is not None and ilvl is not None:
            break
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl
