"""The layout rules of UN documents, as patterns over single lines of extracted text.

These follow the UN editorial layout (chapters 一., sections A., subsections 1., lettered
headings (a), numbered paragraphs, footnotes under a separator rule, running headers with the
document symbol, job numbers), not the quirks of one file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assembler.text.cjk import join_lines
from assembler.text.symbols import is_symbol

CJK_NUMERALS = "〇一二三四五六七八九十百"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
STAR_MARKS = "*∗＊"

# Punctuation that ends a Chinese (or English) sentence or clause: a block whose text ends
# with one of these may be complete; one that does not is certainly continued.
SENTENCE_END = "。．！？!?"
CLAUSE_END = SENTENCE_END + "；;：:"
HEADING_FORBIDDEN_END = CLAUSE_END + "，,、"
MAX_HEADING_CHARS = 60

SEPARATOR = re.compile(r"^[_—\-─=━－]{4,}$")
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# UN job numbers and barcodes printed at the foot of pages: "V.19-01234 (C)", "*1901234*".
JOB_NUMBER = re.compile(r"^(?:[A-Z]{1,2}\.\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{7}\*)$")
RUNNING_HEADER = re.compile(
    r"^(?:(?P<page1>\d{1,4})\s+/\s+)?(?P<symbol>[A-Z][A-Za-z0-9./()\-]+)(?:\s+/\s+(?P<page2>\d{1,4}))?$"
)

CHAPTER = re.compile(rf"^(?P<label>[{CJK_NUMERALS}]{{1,3}})\s*[.．、]\s*(?P<title>\S.*)$")
SECTION = re.compile(r"^(?P<label>[A-Z])\s*[.．]\s*(?P<title>\S.*)$")
# "1.5" is a decimal, but a fullwidth full stop is never a decimal point in UN Chinese text
# (numbers are written with ASCII digits and "."): "46．2008 年，..." is paragraph 46.
NUMBERED = re.compile(r"^(?P<label>\d{1,3})\s*(?:\.(?!\d)|．)\s*(?P<title>\S.*)$")
LETTERED = re.compile(r"^[(（](?P<label>[a-z]{1,2})[)）]\s*(?P<title>.*)$")
ANNEX = re.compile(r"^(?P<title>(?:附件|附录|Annex|Appendix)(?:\s*[一二三四五六七八九十IVX\d]+)?)$")

FOOTNOTE_DEF = re.compile(
    rf"^(?P<mark>[{STAR_MARKS}]{{1,3}}|[{SUPERSCRIPT_DIGITS}]+|\d{{1,3}})(?P<space>\s*)(?P<text>.*)$"
)

SUMMARY_HEADING = re.compile(r"^(?:摘要|内容提要|Summary)$")
SESSION = re.compile(rf"^第[{CJK_NUMERALS}\d]+届(?:会议|常会|特别会议)?$")
DATES_VENUE = re.compile(r"^(?P<dates>\d{4}\s*年.*?日)\s*[，,]\s*(?P<venue>\S.*)$")
AGENDA = re.compile(rf"^(?:临时)?议程\s*[{STAR_MARKS}]*\s*项目\s*(?P<item>\S.*)$")
REPORT_TYPE = re.compile(r"^(?:秘书长的报告|秘书处的说明|秘书长的说明|.{1,30}的(?:报告|说明))$")


def label_of_mark(mark: str) -> str:
    """Footnote marks in one form: superscripts as ASCII digits, ∗ and ＊ as *."""
    mark = mark.translate(SUPERSCRIPT_TO_ASCII)
    return re.sub(f"[{STAR_MARKS}]", "*", mark)


def normalise_label(label: str) -> str:
    """Heading and item labels as printed but in one form: "（a）" -> "(a)", "E．" -> "E"."""
    label = label.strip().replace("（", "(").replace("）", ")")
    return label.rstrip(".．、")


def is_heading_like(title: str) -> bool:
    """Short and not ending like a sentence or clause: how headings look, not paragraphs."""
    title = title.strip()
    return 0 < len(title) <= MAX_HEADING_CHARS and title[-1] not in HEADING_FORBIDDEN_END


def ends_clause(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in CLAUSE_END


def ends_with_colon(text: str) -> bool:
    return text.rstrip()[-1:] in "：:"


# A URL (or the part of one) at the end of a line, and what may continue it on the next line.
_URL_CHAR = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
URL_AT_END = re.compile(rf"(?:https?://|www\.){_URL_CHAR}*$")
URL_GOES_ON = re.compile(rf"{_URL_CHAR}*[/._?=&#%~\-]")  # has a path or query character
URL_CANNOT_END = "/-_?=&#%~:"


def join_wrapped(left: str, right: str) -> str:
    """Join two lines of one block like `join_lines`, except that a URL wraps anywhere (inside a
    word, after a dot) and takes no space at the join: "http://www.un.org/doc/synthe" +
    "tic_report.pdf" is one URL. A URL ends there when the next line does not look like the
    rest of one: Chinese text, or words with no path or query character."""
    head, tail = left.rstrip(), right.lstrip()
    if URL_AT_END.search(head) and tail:
        continues = head[-1] in URL_CANNOT_END or bool(URL_GOES_ON.match(tail))
        if head[-1] == "." and not (tail[0].islower() or tail[0].isdigit()):
            continues = False  # "... http://www.un.org." + "See": a sentence ended
        if continues:
            return head + tail
    return join_lines(left, right)


@dataclass(frozen=True)
class Artefact:
    reason: str  # separator | url | page-number | running-header | job-number
    symbol: str = ""


def running_header_symbol(text: str) -> str | None:
    """The document symbol of a running header line ("6 / E/CN.15/2007/9" or the symbol alone)."""
    match = RUNNING_HEADER.match(text)
    if match is None or "/" not in match["symbol"]:
        return None
    symbol = match["symbol"]
    return symbol if is_symbol(symbol) else None


def classify_artefact(text: str) -> Artefact | None:
    """Lines that are page furniture, not text. Lone numbers are decided by the caller, which
    can see whether they stand beside a running header (page number) or a footnote."""
    if SEPARATOR.match(text):
        return Artefact("separator")
    if URL_LINE.match(text):
        return Artefact("url")
    if JOB_NUMBER.match(text):
        return Artefact("job-number")
    symbol = running_header_symbol(text)
    if symbol is not None:
        return Artefact("running-header", symbol)
    return None
