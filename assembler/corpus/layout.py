"""The layout rules of UN documents, as patterns over single lines of extracted text.

These follow the UN editorial layout (chapters 一. or I., sections A., subsections 1., lettered
headings (a), numbered paragraphs, footnotes under a separator rule, running headers with the
document symbol, page numbers, job numbers), not the quirks of one file. The numbering is the
same in every language of a document; what differs between Chinese and English (how wrapped
lines join, how a sentence ends, how long a heading runs, what a fused footnote mark follows)
is held by a `Language`, and `clean` gives a record's final text in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from assembler.text import cjk, english
from assembler.text.cjk import is_cjk_or_punct
from assembler.text.symbols import is_symbol

CJK_NUMERALS = "〇一二三四五六七八九十百"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
STAR_MARKS = "*∗＊"
# Marks in one form in one pass: superscripts as ASCII digits, every star as *.
_MARK_TO_LABEL = str.maketrans(
    SUPERSCRIPT_DIGITS + STAR_MARKS, "0123456789" + "*" * len(STAR_MARKS)
)

# Punctuation that ends a Chinese sentence or clause: a block whose text ends with one of these
# may be complete; one that does not is certainly continued. (English: see ENGLISH below.)
SENTENCE_END = "。．！？!?"
CLAUSE_END = SENTENCE_END + "；;：:"
HEADING_FORBIDDEN_END = CLAUSE_END + "，,、"
MAX_HEADING_CHARS = 60
# What a Chinese heading line may stop on only when it wraps: a comma, an enumeration comma, or
# a particle that joins it to what follows (的, 和, 及).
CHINESE_HEADING_GOES_ON = "，,、的和及"

# Roman chapter numbers of English documents, I to XXXIX. A lone I, V or X may also be a section
# letter (the ninth, twenty-second, twenty-fourth section): the parser decides by sequence.
ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"

_SEPARATOR_CHARS = "_—-─=━－"
SEPARATOR = re.compile(rf"^[{re.escape(_SEPARATOR_CHARS)}]{{4,}}$")
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
PAGE_NUMBER = re.compile(r"^\d{1,4}$")
# "2/18": page 2 of 18, as English UN documents number their pages.
PAGE_OF_PAGES = re.compile(r"^(?P<page>\d{1,4})\s*/\s*(?P<pages>\d{1,4})$")
# UN job numbers and barcodes printed at the foot of pages: "V.19-01234 (C)", "*1901234*", and
# the job numbers of New York documents, without an office letter: "12-27711", "24-24141 (E)".
JOB_NUMBER = re.compile(r"^(?:(?:[A-Z]{1,2}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{7}\*)$")
RUNNING_HEADER = re.compile(
    r"^(?:(?P<page1>\d{1,4})\s+/\s+)?(?P<symbol>[A-Z][A-Za-z0-9./()\-]+)(?:\s+/\s+(?P<page2>\d{1,4}))?$"
)

CHAPTER = re.compile(rf"^(?P<label>[{CJK_NUMERALS}]{{1,3}}|{ROMAN})\s*[.．、]\s*(?P<title>\S.*)$")
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


# The first characters the five patterns below can start with: most lines of running text
# start otherwise, and are told so by one match instead of five.
_BLOCK_START = re.compile(rf"[\d{CJK_NUMERALS}A-Z(（附]")


def may_start_block(text: str) -> bool:
    """False where none of the numbering patterns can match `text` (most lines)."""
    return _BLOCK_START.match(text) is not None


def starts_block(text: str) -> bool:
    """Whether a line opens a block by its numbering: a paragraph, heading, item or annex."""
    return _BLOCK_START.match(text) is not None and bool(
        NUMBERED.match(text)
        or CHAPTER.match(text)
        or SECTION.match(text)
        or LETTERED.match(text)
        or ANNEX.match(text)
    )


def label_of_mark(mark: str) -> str:
    """Footnote marks in one form: superscripts as ASCII digits, ∗ and ＊ as *."""
    return mark.translate(_MARK_TO_LABEL)


def normalise_label(label: str) -> str:
    """Heading and item labels as printed but in one form: "（a）" -> "(a)", "E．" -> "E"."""
    label = label.strip().replace("（", "(").replace("）", ")")
    return label.rstrip(".．、")


def ends_with_colon(text: str) -> bool:
    return text.rstrip()[-1:] in "：:"


# A URL (or the part of one) at the end of a line, and what may continue it on the next line.
_URL_CHAR = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
URL_AT_END = re.compile(rf"(?:https?://|www\.){_URL_CHAR}*$")
URL_GOES_ON = re.compile(rf"{_URL_CHAR}*[/._?=&#%~\-]")  # has a path or query character
URL_CANNOT_END = "/-_?=&#%~:"


def url_at_end(text: str) -> bool:
    """Whether `text` ends with a URL (or the start of one)."""
    # A URL's characters are ASCII: text that ends otherwise (most Chinese lines) is not read
    # again from its start, which for a paragraph's text grows with every line joined to it.
    return text[-1:].isascii() and URL_AT_END.search(text) is not None


# Words an English heading line cannot end on: a title that stops at one runs on to the next
# line ("... foreign terrorist fighters in the" + "Middle East").
ENGLISH_FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "by", "for", "from", "in", "including", "into"),
        *("of", "on", "or", "the", "to", "under", "with", "within", "against", "among"),
        *("between", "through", "their", "its"),
    }
)
# What a fused English footnote mark follows: the end of a word or closing punctuation
# ("States,1", "Kosovo1", "Principles”2", "(UNODC)3"). A full stop counts after a word or a year
# ("in 2018.1"), not after other numbers: "section 3.1" is a decimal number, not note 1.
_ENGLISH_MARK_AFTER = ",;:)]”’'\""
_CLOSING = ")]”’'\""
_YEAR_AND_FULL_STOP = re.compile(r"(?<![\d.])(?:19|20)\d\d\.$")


def _english_mark_may_follow(before: str) -> bool:
    if not before:
        return False
    last = before[-1]
    if last == ".":
        return not before[-2:-1].isdigit() or bool(_YEAR_AND_FULL_STOP.search(before))
    return (last.isascii() and last.isalpha()) or last in _ENGLISH_MARK_AFTER


def _chinese_mark_may_follow(before: str) -> bool:
    return bool(before) and is_cjk_or_punct(before[-1])


@dataclass(frozen=True)
class Language:
    """How extracted text of one language is read: everything else in the layout rules is the
    same for every language of a UN document."""

    code: str
    join_lines: Callable[[str, str], str]  # two lines of one block
    tidy_spaces: Callable[[str], str]  # the final spacing of a record's text
    sentence_end: str  # a block ending with one of these may be complete
    clause_end: str
    heading_forbidden_end: str  # headings never end with these
    max_heading_chars: int
    mark_may_follow: Callable[[str], bool]  # given the text before it, may a mark stand here?
    spaced: bool  # words are separated by spaces, so a line break is a space

    def is_heading_like(self, title: str) -> bool:
        """Short and not ending like a sentence or clause: how headings look, not paragraphs.
        An English heading also starts with a capital and does not stop on a word like "of"."""
        title = title.strip()
        if not self.is_heading_part(title):
            return False
        if not self.spaced:
            return True
        first = next((c for c in title if c.isalpha()), "")
        return not first.islower() and title.rsplit(None, 1)[-1] not in ENGLISH_FUNCTION_WORDS

    def is_heading_part(self, text: str) -> bool:
        """Whether `text` may be a line of a heading: short, not ending like a sentence."""
        text = text.strip()
        return 0 < len(text) <= self.max_heading_chars and text[-1] not in (
            self.heading_forbidden_end
        )

    def ends_clause(self, text: str) -> bool:
        return bool(text) and text.rstrip()[-1:] in self.clause_end

    def ends_sentence(self, text: str) -> bool:
        return text.rstrip()[-1:] in self.sentence_end

    def ends_mid_sentence(self, text: str) -> bool:
        """English text that stops on a word, a number or a comma (closing brackets and quotes
        aside: "paragraph 3 (b)") has not finished its sentence: a paragraph number or heading
        label at the start of the next line is a number inside that sentence ("as set out in
        paragraphs 11 and" + "12. ..."). Chinese sentences wrap anywhere and extraction loses
        full stops, so nothing is concluded."""
        last = text.rstrip().rstrip(_CLOSING)[-1:]
        return self.spaced and bool(last) and (last.isalnum() or last == ",")

    def continues_heading(self, title: str, line: str) -> bool:
        """Whether `line` carries on the heading `title` in a source that does not mark its
        soft wraps. English shows it: the title stopped on a comma, a hyphen or a word like
        "of", or the line starts in lower case. Chinese shows it only where the title stopped
        on a comma or on a particle no heading ends with ("……的" + "合成章标题"); elsewhere
        a Chinese heading wraps where the source marks it or where its line is full (see
        `BodyBuilder._fills_line`)."""
        if not title.strip() or not line.strip():
            return False
        if not self.spaced:
            return title.rstrip()[-1] in CHINESE_HEADING_GOES_ON
        last_word = title.rsplit(None, 1)[-1]
        first = line.lstrip()[0]
        return (
            title.rstrip()[-1] in ",-–—"
            or last_word in ENGLISH_FUNCTION_WORDS
            or (first.isalpha() and first.islower())
        )

    def join_wrapped(self, left: str, right: str) -> str:
        """Join two lines of one block like `join_lines`, except that a URL wraps anywhere
        (inside a word, after a dot) and takes no space at the join:
        "http://www.un.org/doc/synthe" + "tic_report.pdf" is one URL. A URL ends there when the
        next line does not look like the rest of one: Chinese text, or words with no path or
        query character."""
        head, tail = left.rstrip(), right.lstrip()
        if url_at_end(head) and tail:
            continues = head[-1] in URL_CANNOT_END or bool(URL_GOES_ON.match(tail))
            if head[-1] == "." and not (tail[0].islower() or tail[0].isdigit()):
                continues = False  # "... http://www.un.org." + "See": a sentence ended
            if continues:
                return head + tail
        return self.join_lines(left, right)


CHINESE = Language(
    code="zh",
    join_lines=cjk.join_lines,
    tidy_spaces=cjk.tidy_spaces,
    sentence_end=SENTENCE_END,
    clause_end=CLAUSE_END,
    heading_forbidden_end=HEADING_FORBIDDEN_END,
    max_heading_chars=MAX_HEADING_CHARS,
    mark_may_follow=_chinese_mark_may_follow,
    spaced=False,
)
ENGLISH = Language(
    code="en",
    join_lines=english.join_lines,
    tidy_spaces=english.tidy_spaces,
    sentence_end=".!?",
    clause_end=".!?;:",
    heading_forbidden_end=".!?;:,",
    # An English heading line of a UN report holds up to about 90 characters; a heading
    # wrapped onto two lines runs to about 150.
    max_heading_chars=160,
    mark_may_follow=_english_mark_may_follow,
    spaced=True,
)
LANGUAGES: Mapping[str, Language] = MappingProxyType({"zh": CHINESE, "en": ENGLISH})


def clean(text: str, language: Language) -> str:
    """A record's final text: the documented character repairs, then the language's spacing."""
    return language.tidy_spaces(cjk.normalise_chars(text))


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


def _furniture_part(part: str) -> Artefact | None:
    if JOB_NUMBER.match(part):
        return Artefact("job-number")
    if PAGE_NUMBER.match(part) or is_page_of_pages(part):
        return Artefact("page-number")
    symbol = running_header_symbol(part)
    return Artefact("running-header", symbol) if symbol is not None else None


def is_page_of_pages(text: str) -> bool:
    match = PAGE_OF_PAGES.match(text)
    return match is not None and 0 < int(match["page"]) <= int(match["pages"])


_WIDE_GAP = re.compile(r"\s{2,}")


def classify_artefact(text: str) -> Artefact | None:
    """Lines that are page furniture, not text. Lone numbers are decided by the caller, which
    can see whether they stand beside a running header (page number) or a footnote. A line of
    several pieces of furniture set apart by wide gaps, as a layout-preserving extraction
    writes a page's header or footer ("2/18      V.19-01234"), is furniture too."""
    if not text[:1].isascii() and text[:1] not in _SEPARATOR_CHARS:
        # Every kind of furniture starts with an ASCII character or a rule: most lines of
        # Chinese text are told so by one test instead of five patterns.
        return None
    if SEPARATOR.match(text):
        return Artefact("separator")
    if URL_LINE.match(text):
        return Artefact("url")
    if JOB_NUMBER.match(text):
        return Artefact("job-number")
    symbol = running_header_symbol(text)
    if symbol is not None:
        return Artefact("running-header", symbol)
    parts = _WIDE_GAP.split(text)
    if len(parts) < 2:
        return None
    found = [_furniture_part(part) for part in parts]
    if None in found:
        return None
    kinds = {a.reason: a for a in found if a is not None}
    for reason in ("running-header", "job-number"):
        if reason in kinds:
            return kinds[reason]
    return None  # numbers alone ("12   15") may be a table row
