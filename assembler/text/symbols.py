"""United Nations document symbols cited in Chinese and English report text: recognise and
normalise them.

Two kinds of citation are found:

* literal symbols written out in the text ("E/CN.15/2019/1", "（A/60/820-S/2006/265，附件）");
* resolution citations, Chinese ("大会第 72/194 号决议", "第 2341 (2017)号决议") or English
  ("General Assembly resolution 72/194", "resolutions 2341 (2017) and 2347 (2017)"), which name
  no symbol at all, so the symbol is derived from the number and from the organ last named
  before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "UN_SERIES_PREFIXES",
    "Citation",
    "CitationForm",
    "find_symbols",
    "is_symbol",
    "normalise_symbol",
    "symbol_from_url",
    "symbol_slug",
]

# Only symbols opening with one of these are accepted: other bodies use the same slash syntax
# ("LEG/CONF.15/21" is an IMO document), and a bare letter pattern would also take "I-24/7".
UN_SERIES_PREFIXES: tuple[str, ...] = (
    "A",  # General Assembly
    "S",  # Security Council
    "E",  # Economic and Social Council and its commissions (E/CN.15, E/CN.7, E/ESCAP ...)
    "ST",  # Secretariat
    "CCPR",
    "CAT",
    "CED",
    "CEDAW",
    "CERD",
    "CESCR",  # never used as a first component in practice (E/C.12), kept for hand-typed refs
    "CMW",
    "CRC",
    "CRPD",
    "HRI",
    "SPT",
    "UNEP",
    "TD",  # UNCTAD
    "DP",  # UNDP / UNFPA / UNOPS Executive Board
    "ICEF",  # UNICEF Executive Board
    "UNW",  # UN-Women Executive Board
    "ECE",
    "UNODC",
    "CTOC",  # Conference of the Parties to the Organized Crime Convention
    "CAC",  # Conference of the States Parties to the Convention against Corruption
    "ITLOS",
)

CitationForm = Literal["literal", "resolution"]


@dataclass(frozen=True)
class Citation:
    """One cited symbol; ``text[start:end]`` is the citation as written.

    For a resolution citation the span runs from "第" (or the number, for a later list item
    written without it) to "号", and the last item of a list ("第 1526 (2004)号和第 2253
    (2015)号决议") also covers the shared "决议".
    """

    symbol: str
    start: int
    end: int
    form: CitationForm


# Fullwidth ASCII variants map one-to-one onto ASCII, so matching on the translated text keeps
# every offset valid in the original.
_TO_ASCII = MappingProxyType(
    {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
)

_PREFIX = "|".join(re.escape(p) for p in sorted(UN_SERIES_PREFIXES, key=len, reverse=True))
_SPACE = r"[ \t\u00a0]"
# A hyphen inside a component ("A/ES-10/273") is one only when no series prefix follows it;
# otherwise it joins two symbols ("A/60/820-S/2006/265").
_COMPONENT = rf"[A-Za-z0-9]++(?:\.[A-Za-z0-9]++|-(?!(?:{_PREFIX})/)[A-Za-z0-9]++)*+"
# The "(2017)" suffix exists only on Security Council resolutions; allowing it elsewhere would
# swallow a year written after any symbol.
_PART = rf"(?>S/RES/[0-9]++{_SPACE}*+\([0-9]{{4}}\)|(?:{_PREFIX})(?:/{_COMPONENT})++)"
_JOINT = rf"{_PART}(?:-{_PART})*+"

_SYMBOL = re.compile(_JOINT)
# Not inside a longer token or a URL path, and not stopping short of a following component.
_LITERAL = re.compile(rf"(?<![A-Za-z0-9./_\-]){_JOINT}(?![A-Za-z0-9/_])")
_JOINT_HYPHEN = re.compile(rf"-(?=(?:{_PREFIX})/)")
_WHITESPACE = re.compile(r"\s+")

# One "第 72/194 号" or "第 2341 (2017)号". Within a list the 第 may be left out of later
# items and the 号 out of earlier ones ("第 60/288 和 61/40 号决议"), so both are optional here
# and the list decides. Quantifiers are possessive so that the spaces around an item cannot be
# shared out between neighbouring "\s*" in many ways, which backtracks exponentially.
_ITEM = (
    r"(?P<item>(?P<head>第\s*+)?+(?<![0-9])(?P<n>[0-9]++)(?:\s*+/\s*+(?P<m>[0-9]++))?+"
    r"(?:\s*+\(\s*+(?P<year>[0-9]{4})\s*+\))?+(?P<hao>\s*+号)?+)"
)
_LIST_JOINER = re.compile(r"\s*+(?:以及|和|及|与|或|、|,)\s*+")
# A list ("第 1526 (2004)号和第 2253 (2015)号决议") shares one kind word, written after its end.
_KIND = re.compile(r"\s*+(?P<kind>决议草案|决议|决定)")


class _Organ(Enum):
    GENERAL_ASSEMBLY = "A"
    SECURITY_COUNCIL = "S"
    ECOSOC = "E"
    OTHER = ""


# Earlier alternatives win at the same position, so the longer names must come first: "安全理事会"
# before "理事会", "缔约国大会" before "大会".
_ORGAN_WORDS: tuple[tuple[str, _Organ], ...] = (
    ("安全理事会", _Organ.SECURITY_COUNCIL),
    ("安理会", _Organ.SECURITY_COUNCIL),
    ("经济及社会理事会", _Organ.ECOSOC),
    ("经社理事会", _Organ.ECOSOC),
    # Bodies whose own resolutions share the session/number form ("麻醉药品委员会第 61/11 号决议",
    # "人权理事会第 37/1 号决议") or whose Chinese name ends in 大会 without being the General
    # Assembly (the Crime Congress, the World Health Assembly, conferences of parties): they
    # must end the reach of an earlier 大会.
    ("缔约方会议", _Organ.OTHER),
    ("缔约国会议", _Organ.OTHER),
    ("缔约方大会", _Organ.OTHER),
    ("缔约国大会", _Organ.OTHER),
    ("刑事司法大会", _Organ.OTHER),
    ("犯罪大会", _Organ.OTHER),
    ("卫生大会", _Organ.OTHER),
    ("委员会", _Organ.OTHER),
    ("理事会", _Organ.OTHER),
    ("大会", _Organ.GENERAL_ASSEMBLY),
)
_ORGAN_BY_WORD = MappingProxyType(dict(_ORGAN_WORDS))
_ORGAN_OR_ITEM = re.compile(
    "(?P<organ>" + "|".join(word for word, _ in _ORGAN_WORDS) + ")|" + _ITEM
)

# English organ names, longer names first for the same reason. "Council" alone is the council
# last named; "Assembly" alone is the General Assembly (other assemblies are named in full).
_ENGLISH_ORGAN_WORDS: tuple[tuple[str, _Organ | None], ...] = (
    ("Economic and Social Council", _Organ.ECOSOC),
    ("Security Council", _Organ.SECURITY_COUNCIL),
    ("Human Rights Council", _Organ.OTHER),
    ("Trade and Development Board", _Organ.OTHER),
    ("Executive Board", _Organ.OTHER),
    ("World Health Assembly", _Organ.OTHER),
    ("Assembly of States Parties", _Organ.OTHER),
    ("Conference of the Parties", _Organ.OTHER),
    ("Conference of the States Parties", _Organ.OTHER),
    ("Congress", _Organ.OTHER),
    ("Commission", _Organ.OTHER),
    ("General Assembly", _Organ.GENERAL_ASSEMBLY),
    ("Assembly", _Organ.GENERAL_ASSEMBLY),
    ("Council", None),
)
_ENGLISH_ORGAN_BY_WORD = MappingProxyType(dict(_ENGLISH_ORGAN_WORDS))
_ENGLISH_ITEM = r"[0-9]++(?:\s*+/\s*+[0-9]++)?+(?:\s*+\(\s*+[0-9]{4}\s*+\))?+"
_ENGLISH_ORGAN_OR_CITATION = re.compile(
    r"\b(?:(?P<organ>"
    + "|".join(re.escape(word) for word, _ in _ENGLISH_ORGAN_WORDS)
    + r")\b|(?P<draft>draft\s++)?+resolutions?+\s++(?P<items>"
    + _ENGLISH_ITEM
    + r"(?:\s*+(?:,\s*+(?:and\s++)?+|and\s++)"
    + _ENGLISH_ITEM
    + r")*+))"
)
_ENGLISH_ITEM_PARTS = re.compile(
    r"(?<![0-9/])(?P<n>[0-9]++)(?:\s*+/\s*+(?P<m>[0-9]++))?+"
    r"(?:\s*+\(\s*+(?P<year>[0-9]{4})\s*+\))?+"
)

_UNDOCS_HOSTS = frozenset({"undocs.org", "www.undocs.org"})
_LANGUAGE_SEGMENTS = frozenset({"ar", "zh", "en", "fr", "ru", "es"})
_SYMBOL_QUERY_KEYS = frozenset({"symbol", "finalsymbol", "s"})


# The characters _TO_ASCII maps, in runs: translating only these runs is three times faster
# than str.translate over a whole Chinese paragraph (which looks up every character).
_FULLWIDTH_RUN = re.compile("[\uff01-\uff5e\u3000]+")


def _run_to_ascii(match: re.Match[str]) -> str:
    return match.group().translate(_TO_ASCII)


def _to_ascii(text: str) -> str:
    return _FULLWIDTH_RUN.sub(_run_to_ascii, text)


def _has_digit_in_every_part(symbol: str) -> bool:
    # Every real symbol carries a session, year or serial number; without this "S/he" would pass.
    return all(any(c.isdigit() for c in part) for part in _JOINT_HYPHEN.split(symbol))


def normalise_symbol(raw: str) -> str:
    """The canonical spelling of a UN document symbol.

    Whitespace is dropped ("S/RES/2341 (2017)" -> "S/RES/2341(2017)") and fullwidth slashes,
    parentheses, letters and digits become ASCII. Case is kept: "Add.1" and "L.5" are
    written that way. Raises ValueError for anything that is not a UN symbol, including a
    symbol with trailing punctuation.
    """
    compact = _WHITESPACE.sub("", _to_ascii(raw))
    if not _SYMBOL.fullmatch(compact) or not _has_digit_in_every_part(compact):
        raise ValueError(f"not a United Nations document symbol: {raw!r}")
    return compact


def is_symbol(raw: str) -> bool:
    try:
        normalise_symbol(raw)
    except ValueError:
        return False
    return True


def _literal_citations(ascii_text: str) -> Iterator[Citation]:
    for match in _LITERAL.finditer(ascii_text):
        if _has_digit_in_every_part(match.group()):
            yield Citation(
                symbol=_WHITESPACE.sub("", match.group()),
                start=match.start(),
                end=match.end(),
                form="literal",
            )


def _resolution_symbol(organ: _Organ | None, n: str, m: str | None, year: str | None) -> str | None:
    if year is not None:
        # "(YYYY)" after the number is the Security Council's way of writing, whichever organ
        # the sentence named last.
        if m is None and 1946 <= int(year) <= 2100:
            return f"S/RES/{int(n)}({year})"
        return None
    if m is None:
        # A bare number ("第 1373 号决议") cannot be completed without guessing its year.
        return None
    first, second = int(n), int(m)
    if organ is _Organ.GENERAL_ASSEMBLY and 1 <= first < 100:
        return f"A/RES/{first}/{second}"
    if organ is _Organ.ECOSOC and 1946 <= first <= 2100:
        return f"E/RES/{first}/{second}"
    return None


def _list_citations(
    ascii_text: str, items: list[re.Match[str]], organ: _Organ | None
) -> Iterator[Citation]:
    if not items or items[-1]["hao"] is None:
        return
    kind = _KIND.match(ascii_text, items[-1].end())
    if kind is None or kind["kind"] != "决议":
        # Decisions and draft resolutions have no resolution symbol, and a bare "第 5 号" is
        # not a citation at all.
        return
    for index, item in enumerate(items):
        symbol = _resolution_symbol(organ, item["n"], item["m"], item["year"])
        if symbol is not None:
            end = kind.end() if index == len(items) - 1 else item.end()
            yield Citation(symbol=symbol, start=item.start(), end=end, form="resolution")


def _resolution_citations(ascii_text: str) -> Iterator[Citation]:
    """Resolution citations, each read against the organ most recently named before it.

    The organ carries across sentences: "大会……第 72/123 号决议；……第 72/180 号决议" cites two
    General Assembly resolutions although 大会 is written once. One left-to-right pass, so the
    cost stays linear however long a list of items without a closing 决议 runs.
    """
    organ: _Organ | None = None
    items: list[re.Match[str]] = []
    for match in _ORGAN_OR_ITEM.finditer(ascii_text):
        word = match["organ"]
        if word is not None:
            yield from _list_citations(ascii_text, items, organ)
            items = []
            organ = _ORGAN_BY_WORD[word]
        elif items and _LIST_JOINER.fullmatch(ascii_text, items[-1].end(), match.start()):
            items.append(match)
        else:
            yield from _list_citations(ascii_text, items, organ)
            # Only 第 opens a list; a bare number counts only as a later item of one.
            items = [match] if match["head"] is not None else []
    yield from _list_citations(ascii_text, items, organ)


def _english_resolution_citations(text: str) -> Iterator[Citation]:
    """English resolution citations ("resolution 72/194", "resolutions 2341 (2017) and 2347
    (2017)"), each read against the organ most recently named before it, as in Chinese. Each
    item's span covers its number and year. Draft resolutions have no resolution symbol."""
    organ: _Organ | None = None
    for match in _ENGLISH_ORGAN_OR_CITATION.finditer(text):
        word = match["organ"]
        if word is not None:
            named = _ENGLISH_ORGAN_BY_WORD[word]
            if named is not None:
                organ = named
            elif organ not in (_Organ.SECURITY_COUNCIL, _Organ.ECOSOC):
                organ = _Organ.OTHER  # "the Council" with no council named before it
            continue
        if match["draft"] is not None:
            continue
        offset = match.start("items")
        for item in _ENGLISH_ITEM_PARTS.finditer(match["items"]):
            symbol = _resolution_symbol(organ, item["n"], item["m"], item["year"])
            if symbol is not None:
                yield Citation(
                    symbol=symbol,
                    start=offset + item.start(),
                    end=offset + item.end(),
                    form="resolution",
                )


_FULLWIDTH_LOWER = re.compile("[\uff41-\uff5a]")


def _may_cite(text: str) -> bool:
    """False where none of find_symbols' scans can find anything: the text has no slash, no
    决议 and no "resolution", in ASCII or fullwidth (which _to_ascii makes ASCII)."""
    return (
        "/" in text
        or "／" in text
        or "决议" in text
        or "resolution" in text
        or _FULLWIDTH_LOWER.search(text) is not None
    )


def find_symbols(text: str) -> list[Citation]:
    """Every cited symbol, literal or derived from a resolution citation, in text order.

    Duplicates are kept. Symbols inside URLs are not reported (see symbol_from_url), nor are
    decisions, draft resolutions, or resolutions whose organ cannot be told from the text.
    The text is expected to be one paragraph with line breaks already joined.
    """
    if not _may_cite(text):
        return []  # most paragraphs: not even converted to ASCII
    ascii_text = _to_ascii(text)
    # Each scan is skipped where it cannot find anything, as in most paragraphs: a symbol has
    # a slash (the regex would otherwise be tried at every character), and a resolution
    # citation names a 决议 or "resolution" (the scans walk every number of the text).
    found = list(_literal_citations(ascii_text)) if "/" in ascii_text else []
    if "决议" in ascii_text:
        found += _resolution_citations(ascii_text)
    if "resolution" in ascii_text:
        found += _english_resolution_citations(ascii_text)
    return sorted(found, key=lambda c: (c.start, c.end))


def symbol_from_url(url: str) -> str | None:
    """The symbol an undocs.org (or documents.un.org ``?symbol=``) link points to, else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in {"http", "https"}:
        return None
    candidates: list[str] = []
    if host in _UNDOCS_HOSTS:
        segments = parts.path.lstrip("/").split("/")
        if segments and segments[0] in _LANGUAGE_SEGMENTS:
            segments = segments[1:]
        candidates.append(unquote("/".join(segments)))
    if host in _UNDOCS_HOSTS or host == "un.org" or host.endswith(".un.org"):
        candidates.extend(
            value for key, value in parse_qsl(parts.query) if key.lower() in _SYMBOL_QUERY_KEYS
        )
    for candidate in candidates:
        if is_symbol(candidate):
            return normalise_symbol(candidate)
    return None


def symbol_slug(symbol: str) -> str:
    """A filesystem-safe id: "E/CN.15/2007/9" -> "E-CN.15-2007-9".

    Joint symbols are joined with "_" and a hyphen inside a component is doubled, so the slug
    can be read back unambiguously: "A/60/820-S/2006/265" -> "A-60-820_S-2006-265",
    "A/ES-10/273" -> "A-ES--10-273". Raises ValueError if ``symbol`` is not a UN symbol.
    """
    canonical = normalise_symbol(symbol)
    return "_".join(
        part.replace("-", "--").replace("/", "-") for part in _JOINT_HYPHEN.split(canonical)
    )
