"""Terms the corpus defines that the glossary lacks, ranked and ready to add.

Three kinds of evidence, strongest first:
- definition: the UN pattern 全称（简称）, "联合国开发计划署（开发署）": a full form and its short
  form, one concept for certain;
- title: a quoted title 《…》 (a treaty, strategy, guide or declaration), named as written;
- organisation: a name ending in an organisation word (办公室, 委员会, 组织, ...) that recurs.

Chinese has no word boundaries, so the hard part is where a name starts. A full form ends at
the bracket but is not the whole preceding clause: it starts at the first character of the
short form (short forms are built from the full form's characters, in order), widened to a
name start such as 联合国 or 国际 ("国际货币基金组织（基金组织）"), and never crosses punctuation.
An organisation name starts where its left neighbours vary across occurrences (accessor
variety: "犯罪问题办公室" always follows 和, so it is part of a longer name) and where at least
one occurrence follows punctuation or a function word.

What the glossary already has is left out; counts and places come from the one term matcher
(leftmost-longest), run over the glossary and the candidates together, so a candidate inside
a longer known term is not counted there.

`glossary candidates` calls collect_candidates, and candidates_yaml gives its --yaml form:
concept entries in the glossary's layout, to paste into a file.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document
from assembler.errors import AssemblerError
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Concept, Glossary, Term, TermType
from assembler.glossary.scan import Segment, record_segments, scan_segments
from assembler.glossary.store import INDENT, TOP_KEY, concept_yaml
from assembler.text.cjk import is_cjk

Kind = Literal["definition", "title", "organisation"]
KINDS: tuple[Kind, ...] = ("definition", "title", "organisation")

# Words a full name often starts with, before the part its short form keeps
# (联合国开发计划署 -> 开发署, 国际原子能机构 -> 原子能机构).
NAME_STARTS: tuple[str, ...] = (
    "联合国",
    "国际",
    "世界",
    "全球",
    "欧洲",
    "非洲",
    "美洲",
    "亚洲",
    "阿拉伯",
    "伊斯兰",
)
# How far before the short form's first character a name start may end: 国际货币基金组织
# keeps only 基金组织, so the name start 国际 ends two characters before 基.
NAME_START_REACH = 4
# Characters that end a name on its left: conjunctions, prepositions, particles, pronouns,
# classifiers. (各 and 以 are left out: 各国议会联盟, 以色列.)
FUNCTION_CHARS = frozenset(
    "和与及的在由对同为向了于将被从并或该其这此即又也是就均把给让使之而等供"  # particles
    "个项名次些种位所两"  # classifiers and numbers
    "年月日号/"  # the ends of dates and symbols, and the "/" joining two names
)
# Verbs and prepositions that stand before names: a name never starts with one, and a name
# right after one starts a new phrase.
LEADING_WORDS: tuple[str, ...] = (
    "根据",
    "关于",
    "通过",
    "包括",
    "特别是",
    "尤其是",
    "加强",
    "协助",
    "支持",
    "参加",
    "参与",
    "作为",
    "促进",
    "推动",
    "执行",
    "设立",
    "建立",
    "提供",
)
# Names do not hold these: they join two phrases.
BREAKING_WORDS: tuple[str, ...] = ("及其", "以及", "的")
# Words that say what kind of body something is but not which: a name needs more.
GENERIC_WORDS: tuple[str, ...] = (
    "区域间",
    "次区域",
    "区域",
    "国际",
    "国家",
    "政府间",
    "政府",
    "合作",
    "伙伴",
    "培训",
    "执法",
    "司法",
    "刑事",
    "专门",
    "技术援助",
    "能力建设",
    "全球",
    "和",
    "及",
    "与",
    "、",
)
# Words that end an organisation name, longest first so that 办事处 wins over 处.
ORGANISATION_ENDINGS: tuple[str, ...] = (
    "秘书处",
    "办公室",
    "办事处",
    "委员会",
    "理事会",
    "执行局",
    "工作队",
    "工作组",
    "共同体",
    "研究所",
    "组织",
    "中心",
    "网络",
    "论坛",
    "方案",
    "联盟",
    "集团",
    "机构",
    "协会",
    "公约",
    "议定书",
    "署",
    "厅",
    "处",
    "股",
    "司",
)
# An organisation name is at most this long (联合国人权事务高级专员办事处 has 14 characters).
MAX_NAME = 20
MIN_NAME = 4
# Short forms and alternative names, as they stand in the brackets.
MAX_SHORT = 12
ALIAS_MARKERS: tuple[str, ...] = ("，又称", "，也称", "，亦称", "，简称")
# A title this short is a back-reference to a title named earlier (《战略》, 《契约》).
MIN_TITLE = 3

_BRACKETED = re.compile(r"（([^（）]+)）")
# 《…》 titles may hold 〈…〉 titles: "《关于〈制止非法劫持航空器的公约〉的补充议定书》".
_TITLE = re.compile(r"《([^《》]+)》")
_INNER_TITLE = re.compile(r"〈([^〈〉]+)〉")


@dataclass(frozen=True)
class Location:
    doc: str
    where: str  # as the scan names places: "para 25", "para 21 item (b)", "record 1"
    # The paragraph number, when the place is in a numbered paragraph (`where` says it too).
    para: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CandidateTerm:
    text: str
    type: TermType = "full-form"
    count: int = 0


@dataclass(frozen=True)
class Candidate:
    kind: Kind
    terms: tuple[CandidateTerm, ...]  # the full form first
    count: int = 0  # occurrences of all its terms
    locations: tuple[Location, ...] = ()
    adds_to: str = ""  # the glossary concept that already holds another of its terms

    @property
    def text(self) -> str:
        return self.terms[0].text

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(loc.doc for loc in self.locations))

    @property
    def id(self) -> str:
        """A valid, stable concept id for a new entry; a person renames it when adding English."""
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:8]
        return f"candidate-{digest}"


@dataclass(frozen=True)
class Definition:
    """A full form and the short forms given for it in brackets."""

    full: str
    short: tuple[str, ...]


# -- 全称（简称） --------------------------------------------------------------------------------
def _is_subsequence(short: str, text: str) -> bool:
    chars = iter(text)
    return all(char in chars for char in short)


def _window(text: str, end: int) -> str:
    """The run of Chinese characters that ends at `end`: a name never crosses punctuation,
    digits or Latin text."""
    start = end
    while start > 0 and is_cjk(text[start - 1]):
        start -= 1
    return text[start:end]


def _name_start_before(window: str, anchor: int) -> int | None:
    """Where a name start (联合国, 国际, ...) begins that ends at most NAME_START_REACH
    characters before `anchor` with no function character in between."""
    for gap in range(min(NAME_START_REACH, anchor) + 1):
        cut = anchor - gap
        if any(c in FUNCTION_CHARS for c in window[cut:anchor]):
            return None
        for start in NAME_STARTS:
            if window[:cut].endswith(start):
                return cut - len(start)
    return None


def _after_last_function_char(window: str) -> int:
    return max((i + 1 for i, c in enumerate(window) if c in FUNCTION_CHARS), default=0)


def full_form_start(window: str, short: str) -> int | None:
    """Where the full form that `short` abbreviates starts in `window` (which ends at the
    bracket), or None when `short` does not abbreviate what precedes it.

    When the short form's characters occur in order in the window, the full form starts at
    the last place that still holds them all, widened to a name start just before it. When
    they do not (禁毒办 for 联合国毒品和犯罪问题办事处), the two must share at least two
    characters, and the name runs from the last name start, or else from the last function
    character."""
    anchors = [
        i for i, c in enumerate(window) if c == short[0] and _is_subsequence(short, window[i:])
    ]
    if anchors:
        anchor = anchors[-1]
        widened = _name_start_before(window, anchor)
        return anchor if widened is None else widened
    starts = [i for i in range(len(window)) if window.startswith(NAME_STARTS, i)]
    start = starts[-1] if starts else _after_last_function_char(window)
    if len(set(short) & set(window[start:])) < 2:
        return None
    return start


def _short_forms(bracketed: str) -> tuple[str, ...] | None:
    """The names in a bracket that can be short forms: Chinese characters only, with an
    alternative name after 又称 ("伊黎伊斯兰国，又称达伊沙")."""
    names = [bracketed]
    for marker in ALIAS_MARKERS:
        if marker in bracketed:
            names = bracketed.split(marker, 1)
            break
    names = [n for n in names if n]
    if not names or not all(2 <= len(n) <= MAX_SHORT and all(is_cjk(c) for c in n) for n in names):
        return None
    return tuple(names)


def find_definitions(text: str) -> list[Definition]:
    """Every 全称（简称） in `text`, in order."""
    found = []
    for match in _BRACKETED.finditer(text):
        shorts = _short_forms(match.group(1))
        if shorts is None:
            continue
        window = _window(text, match.start())
        start = full_form_start(window, shorts[0]) if window else None
        if start is None:
            continue
        full = window[start:]
        if len(full) > len(shorts[0]) and full[0] not in FUNCTION_CHARS:
            found.append(Definition(full, shorts))
    return found


# -- 《…》 ------------------------------------------------------------------------------------
def find_titles(text: str) -> list[str]:
    """Every quoted title in `text`, outer titles first, then the titles quoted inside them;
    back-references shorter than MIN_TITLE characters (《战略》) are left out."""
    outer = [m.group(1).strip() for m in _TITLE.finditer(text)]
    inner = [m.group(1).strip() for title in outer for m in _INNER_TITLE.finditer(title)]
    return [t for t in outer + inner if len(t) >= MIN_TITLE]


# -- organisation names -----------------------------------------------------------------------
def _runs(text: str) -> Iterator[str]:
    """Runs of Chinese characters outside quoted titles (a title's words are not names); a
    "/" between two Chinese characters stays in the run ("制裁基地组织/塔利班委员会")."""
    masked = _TITLE.sub("。", text) + "。"
    run: list[str] = []
    for i, char in enumerate(masked):
        joins = char == "/" and run and i + 1 < len(masked) and is_cjk(masked[i + 1])
        if is_cjk(char) or joins:
            run.append(char)
        elif run:
            yield "".join(run)
            run = []


def _is_generic(name: str, ending: str) -> bool:
    """A name made of generic words only ("区域和国际组织", "国家培训机构") names no one."""
    rest = name[: len(name) - len(ending)]
    for word in sorted(GENERIC_WORDS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest


@dataclass
class _Contexts:
    ending: str
    count: int = 0
    left: set[str] = field(default_factory=set)
    right: set[str] = field(default_factory=set)
    after_boundary: bool = False


def _ending(run: str, end: int) -> str | None:
    """The organisation word that ends run[:end], if any (no slicing: runs are long)."""
    return next((e for e in ORGANISATION_ENDINGS if run.endswith(e, 0, end)), None)


def _left_context(run: str, start: int, occurrence: int) -> tuple[str, bool]:
    """The left neighbour of a name at `start`, and whether it ends a clause there: the start
    of a run (unique, as in accessor variety), a function character or a leading word."""
    if start == 0:
        return f"^{occurrence}", True
    word = next((w for w in LEADING_WORDS if run.endswith(w, 0, start)), None)
    if word is not None:
        return word, True
    return run[start - 1], run[start - 1] in FUNCTION_CHARS


def find_organisations(texts: Iterable[str], min_count: int = 2) -> list[str]:
    """Names ending in an organisation word that occur at least `min_count` times with
    varied neighbours on both sides (so the name is not part of a longer word: 刑事司 is
    always followed by 法), at least once right after punctuation, a function character or
    a leading word, in first-seen order. Coordinations of names ("A和B") are left out by
    the caller, who knows every name."""
    seen: dict[str, _Contexts] = {}
    for text in texts:
        for run in _runs(text):
            for end in range(1, len(run) + 1):
                ending = _ending(run, end)
                if ending is None:
                    continue
                right = run[end] if end < len(run) else None
                for start in range(max(0, end - MAX_NAME), end - max(MIN_NAME, len(ending)) + 1):
                    name = run[start:end]
                    contexts = seen.setdefault(name, _Contexts(ending))
                    contexts.count += 1
                    left, boundary = _left_context(run, start, contexts.count)
                    contexts.left.add(left)
                    contexts.right.add(right or f"${contexts.count}")
                    contexts.after_boundary |= boundary
    return [
        name
        for name, c in seen.items()
        if c.count >= min_count
        and c.after_boundary
        and len(c.left) >= 2
        and len(c.right) >= 2
        and name[0] not in FUNCTION_CHARS
        and not name.startswith(LEADING_WORDS)
        and not any(word in name for word in BREAKING_WORDS)
        and not _is_generic(name, c.ending)
    ]


def is_compound(name: str, names: set[str]) -> bool:
    """Two names side by side ("美洲组织美洲反恐怖主义委员会") or joined by 和, 与, 及, 、, 同
    or "/" ("毒品和犯罪问题办公室和反恐办公室"), or a name followed by a function character
    and more ("禁毒办同欧洲联盟"): not a name of its own."""
    for i in range(1, len(name)):
        head, tail = name[:i], name[i:]
        if head in names and (tail in names or tail[0] in FUNCTION_CHARS):
            return True
    return False


# -- assembling -------------------------------------------------------------------------------
def _raw_candidates(texts: list[str]) -> list[Candidate]:
    """Candidates in kind order, each term at most once (the strongest evidence wins)."""
    by_full: dict[str, list[str]] = {}
    for text in texts:
        for definition in find_definitions(text):
            shorts = by_full.setdefault(definition.full, [])
            shorts += [s for s in definition.short if s not in shorts]
    found = [
        Candidate(
            "definition",
            (CandidateTerm(full), *(CandidateTerm(s, "short-form") for s in shorts)),
        )
        for full, shorts in by_full.items()
    ]
    found += [
        Candidate("title", (CandidateTerm(t),))
        for t in dict.fromkeys(t for text in texts for t in find_titles(text))
    ]
    found += [Candidate("organisation", (CandidateTerm(n),)) for n in find_organisations(texts)]
    taken: set[str] = set()
    unique = []
    for candidate in found:
        terms = tuple(t for t in candidate.terms if t.text not in taken)
        if terms and terms[0].type == "full-form":
            unique.append(Candidate(candidate.kind, terms))
            taken.update(t.text for t in terms)
    return unique


def _known(matcher: Matcher, text: str) -> tuple[bool, str]:
    """Whether the glossary's terms cover every character of `text`, and the concept when
    one term is exactly `text`."""
    hits = matcher.find(text)
    covered = sum(h.end - h.start for h in hits) == len(text)
    exact = next((h.concept for h in hits if h.start == 0 and h.end == len(text)), "")
    return covered, exact


def _not_in_glossary(glossary: Glossary, candidates: list[Candidate]) -> list[Candidate]:
    """Drop what the glossary has, term by term; a candidate that keeps some terms while the
    glossary holds another of them exactly is marked as adding to that concept."""
    matcher = Matcher(glossary)
    kept = []
    for candidate in candidates:
        fresh = []
        adds_to = ""
        for term in candidate.terms:
            covered, exact = _known(matcher, term.text)
            if not covered:
                fresh.append(term)
            adds_to = adds_to or exact
        if fresh:
            kept.append(Candidate(candidate.kind, tuple(fresh), adds_to=adds_to))
    return kept


def _counted(
    glossary: Glossary, candidates: list[Candidate], segments: list[Segment]
) -> list[Candidate]:
    """Counts and places from the one matcher over the glossary and the candidates at once."""
    ids = [f"\x00candidate-{n}" for n in range(len(candidates))]
    extra = tuple(
        Concept(
            id=cid,
            terms=tuple(Term(t.text, "zh-Hans", "preferred", t.type) for t in c.terms),
        )
        for cid, c in zip(ids, candidates, strict=True)
    )
    matcher = Matcher(Glossary(glossary.concepts + extra))
    term_counts: Counter[tuple[str, str]] = Counter()
    places: dict[str, dict[Location, None]] = defaultdict(dict)
    for occurrence in scan_segments(matcher, segments):
        for cid in occurrence.hit.concepts:
            if cid.startswith("\x00candidate-"):
                term_counts[cid, occurrence.hit.term.text] += 1
                place = Location(occurrence.doc, occurrence.where, occurrence.para)
                places[cid][place] = None
    counted = []
    for cid, candidate in zip(ids, candidates, strict=True):
        terms = tuple(
            CandidateTerm(t.text, t.type, term_counts[cid, t.text]) for t in candidate.terms
        )
        counted.append(
            Candidate(
                candidate.kind,
                terms,
                sum(t.count for t in terms),
                tuple(places[cid]),
                candidate.adds_to,
            )
        )
    return counted


def find_candidates(
    glossary: Glossary, documents: Iterable[Document], min_count: int = 2
) -> list[Candidate]:
    """The ranked candidates of `documents`: definitions, then titles, then organisation
    names; within a kind the most frequent first."""
    segments = list(record_segments(r for d in documents for r in d.records))
    texts = [s.text for s in segments]
    raw = _raw_candidates(texts)
    names = {t.text for c in raw for t in c.terms} | {
        t.text for c in glossary.concepts for t in c.terms if t.lang == "zh-Hans"
    }
    raw = [c for c in raw if not (c.kind == "organisation" and is_compound(c.text, names))]
    counted = _counted(glossary, _not_in_glossary(glossary, raw), segments)
    kept = [c for c in counted if c.count >= (min_count if c.kind == "organisation" else 1)]
    return sorted(kept, key=lambda c: (KINDS.index(c.kind), -c.count, c.text))


# -- the service ------------------------------------------------------------------------------
def collect_candidates(
    glossary: Glossary, corpus: Path, doc: str | None = None, min_count: int = 2
) -> list[Candidate]:
    """The service behind `glossary candidates`: find_candidates over one document (id or
    symbol) of the corpus rooted at `corpus`, or over all of them."""
    catalog = Corpus(corpus)
    if doc:
        documents = [catalog.resolve(doc)]
    else:
        documents = catalog.documents()
        if not documents:
            raise AssemblerError(
                f"no records in {catalog.records_dir}",
                hint="run `assembler corpus ingest`, or pass --corpus DIR",
            )
    return find_candidates(glossary, documents, min_count=min_count)


def candidate_concept(candidate: Candidate) -> Concept:
    return Concept(
        id=candidate.id,
        sources=candidate.documents,
        terms=tuple(Term(t.text, "zh-Hans", "preferred", t.type) for t in candidate.terms),
    )


def candidates_yaml(candidates: list[Candidate]) -> str:
    """New concepts as a `concepts:` list in the store's layout, each with an empty `en:` for a
    person to fill; terms for concepts the glossary has are listed in comments, to add by
    hand."""
    indent = 2 * INDENT["mapping"]
    entries = []
    additions = []
    for candidate in candidates:
        if candidate.adds_to:
            terms = ", ".join(t.text for t in candidate.terms)
            additions.append(f"# add to {candidate.adds_to}: {terms}\n")
            continue
        entries.append(
            f"{' ' * INDENT['offset']}# {candidate.kind}, {candidate.count}x:"
            " rename the id, add subject and English\n"
            + concept_yaml(candidate_concept(candidate), indent)
            + f"{' ' * (indent + INDENT['mapping'])}en: []\n"
        )
    head = f"{TOP_KEY}:\n" if entries else f"{TOP_KEY}: []\n"
    return head + "\n".join(entries) + "".join(additions)
