"""Compose the pack model from a resolution: runs with symbol links and footnote references,
citations, the cover, labels and the glossary annex, all in the pack's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from assembler.corpus.model import Note, Record
from assembler.glossary.model import Concept, Term
from assembler.model.pack import (
    Annex,
    Block,
    Citation,
    Cover,
    CrossReference,
    EditorialNote,
    Excerpt,
    Footnote,
    Item,
    Labels,
    Metadata,
    Pack,
    PageField,
    Passage,
    Runs,
    Section,
    SourceHeading,
    Span,
    Table,
    Typeface,
)
from assembler.pack import labels, pinyin
from assembler.pack.i18n import Localiser
from assembler.pack.markdown import find_markup
from assembler.pack.resolve import Meeting, Pick, Resolution, heading_key
from assembler.text.cjk import join_lines
from assembler.text.symbols import find_symbols

UNDOCS = "http://undocs.org/"

# Finds the record of a pick in a column's language (None where the corpus lacks it).
Counterpart = Callable[[Pick, str], Record | None]


@dataclass(frozen=True)
class Languages:
    """The pack's columns: a corpus language ("zh", "en") and its typeface each; the first
    is the main language, whose localiser gives labels."""

    corpus: tuple[str, ...]
    typefaces: tuple[Typeface, ...]
    # Typefaces of runs outside the columns: English glosses and annex cells in a zh pack.
    others: tuple[Typeface, ...] = ()


def symbol_href(symbol: str) -> str:
    return UNDOCS + symbol


def text_runs(text: str, notes: Sequence[Note] = ()) -> Runs:
    """Plain text split into runs: cited symbols become links, and each footnote's reference
    stands where its mark stood (at the end when the mark's place is unknown)."""
    cuts: list[tuple[int, int, Span]] = []
    for citation in find_symbols(text):
        span = Span(
            text[citation.start : citation.end], "symbol", href=symbol_href(citation.symbol)
        )
        cuts.append((citation.start, citation.end, span))
    for note in notes:
        at = note.offset if note.offset is not None else len(text)
        footnote = Footnote(note.mark, text_runs(note.text))
        cuts.append((at, at, Span("", "note", note=footnote)))
    cuts.sort(key=lambda cut: (cut[0], cut[1]))
    runs: list[Span] = []
    position = 0
    for start, end, span in cuts:
        if start < position:  # a note offset inside a symbol: put it after the symbol
            start = end = max(position, start)
        if start > position:
            runs.append(Span(text[position:start]))
        runs.append(span)
        position = max(position, end)
    if position < len(text):
        runs.append(Span(text[position:]))
    return tuple(runs)


def record_passage(record: Record, lang: str) -> Passage:
    own_notes = [n for n in record.notes if n.item is None]
    items = tuple(
        Item(item.label, text_runs(item.text, [n for n in record.notes if n.item == item.label]))
        for item in record.items
    )
    return Passage(lang, text_runs(record.text, own_notes), items)


def document_name(pick: Pick, cite_as: dict[str, str], say: Localiser) -> str:
    """The spec's name for the document, else its symbol, else its title."""
    meta = pick.document.meta
    given = cite_as.get(meta.id) or (cite_as.get(meta.symbol) if meta.symbol else None)
    if given or meta.symbol:
        return given or meta.symbol
    return say(labels.TITLE, title=meta.title) if meta.title else meta.id


def citation(pick: Pick, say: Localiser, cite_as: dict[str, str]) -> Citation:
    meta = pick.document.meta
    name = document_name(pick, cite_as, say)
    record = pick.record
    if record.para is not None:
        text = say(labels.CITATION_PARAGRAPH, document=name, number=record.para)
    else:
        place = next((r.text for r in pick.document.headings if heading_key(r) == record.path), "")
        text = say(labels.CITATION_PLACE, document=name, place=place) if place else name
    return Citation(text, symbol_href(meta.symbol) if meta.symbol else "")


def _passages(
    pick: Pick, languages: Languages, counterpart: Counterpart, say: Localiser
) -> tuple[Passage, ...]:
    if pick.record.kind == "heading":
        missing = {
            "zh": say(labels.MISSING_CHINESE_HEADING),
            "en": say(labels.MISSING_ENGLISH_HEADING),
        }
    else:
        missing = {"zh": say(labels.MISSING_CHINESE), "en": say(labels.MISSING_ENGLISH)}
    passages = []
    for corpus_lang, typeface in zip(languages.corpus, languages.typefaces, strict=True):
        record = counterpart(pick, corpus_lang)
        if record is None:
            passages.append(Passage(typeface.lang, (), missing=missing[corpus_lang]))
        else:
            passages.append(record_passage(record, typeface.lang))
    return tuple(passages)


@dataclass(frozen=True)
class Context:
    """What composing a section's blocks needs besides its picks."""

    languages: Languages
    counterpart: Counterpart
    say: Localiser
    # A localiser per corpus language ("zh", "en"), for the columns' own words.
    column_say: dict[str, Localiser]
    cite_as: dict[str, str]
    # Each section's heading per corpus language (the spec's value for it, else the pack's
    # heading), for references back to one.
    headings: dict[str, tuple[str, ...]]


def cross_reference(pick: Pick, printed_in: int, ctx: Context) -> CrossReference:
    """The pointer that stands for a paragraph printed in an earlier section, in each
    column's language."""
    passages = []
    for corpus_lang, typeface in zip(ctx.languages.corpus, ctx.languages.typefaces, strict=True):
        say = ctx.column_say[corpus_lang]
        heading = ctx.headings[corpus_lang][printed_in]
        number = pick.record.para
        text = (
            say(labels.SEE_ABOVE, number=number, section=heading)
            if number is not None
            else say(labels.SEE_ABOVE_UNNUMBERED, section=heading)
        )
        passages.append(Passage(typeface.lang, (Span(text),)))
    return CrossReference(
        number=None,
        citation=citation(pick, ctx.say, ctx.cite_as),
        passages=tuple(passages),
        anchor=section_anchor(printed_in),
    )


def section_anchor(index: int) -> str:
    return f"section-{index + 1}"


def _blocks(picks: Sequence[Pick], ctx: Context) -> tuple[Block, ...]:
    blocks: list[Block] = []
    top = min((len(p.record.path) for p in picks if p.record.kind == "heading"), default=0)
    for pick in picks:
        if pick.printed_in is not None:
            blocks.append(cross_reference(pick, pick.printed_in, ctx))
            continue
        passages = _passages(pick, ctx.languages, ctx.counterpart, ctx.say)
        if pick.record.kind == "heading":
            level = len(pick.record.path) - top + 1
            blocks.append(SourceHeading(level, printed_label(pick.record.label), passages))
        else:
            cited = citation(pick, ctx.say, ctx.cite_as)
            blocks.append(Excerpt(pick.record.para, cited, passages))
    return tuple(blocks)


def printed_label(label: str | None) -> str:
    """A heading label as UN documents print it: "一.", "A.", "2."; "(a)" as it is."""
    if not label:
        return ""
    return label if label.startswith("(") else f"{label}."


def note_runs(text: str) -> Runs:
    """Light Markdown of an editorial note: **strong**, *emphasis*, [label](https://...);
    symbols in plain parts are linked like those of records."""
    runs: list[Span] = []
    position = 0
    for markup in find_markup(text):
        if markup.start > position:
            runs.extend(text_runs(text[position : markup.start]))
        runs.append(Span(markup.text, markup.kind, href=markup.href))
        position = markup.end
    runs.extend(text_runs(text[position:]))
    return tuple(runs)


def page_label(text: str) -> tuple[str | PageField, ...]:
    """The catalog's "第 {page} 页，共 {pages} 页" as text and page fields, parsed once here
    rather than by every writer."""
    pieces = re.split(r"\{(page|pages)\}", text)
    return tuple(
        PageField("page" if piece == "page" else "pages") if index % 2 else piece
        for index, piece in enumerate(pieces)
        if index % 2 or piece
    )


def _joined(paragraph: str) -> str:
    """A paragraph's lines joined as Chinese wraps them: no space between Chinese lines."""
    joined = ""
    for line in paragraph.split("\n"):
        joined = join_lines(joined, line.strip())
    return joined


def editorial_note(text: str) -> EditorialNote | None:
    paragraphs = [_joined(p) for p in re.split(r"\n\s*\n", text.strip())]
    kept = tuple(note_runs(p) for p in paragraphs if p)
    return EditorialNote(kept) if kept else None


def meeting_lines(meeting: Meeting, say: Localiser) -> tuple[str, ...]:
    lines = [meeting.body]
    if meeting.session is not None:
        lines.append(say.session(meeting.session))
    dates = say.date_range(*meeting.dates) if meeting.dates else ""
    if dates and meeting.venue:
        lines.append(say(labels.DATES_VENUE, dates=dates, venue=meeting.venue))
    else:
        lines.append(dates or meeting.venue)
    if meeting.agenda_item:
        label = labels.AGENDA_ITEM if meeting.provisional_agenda else labels.AGENDA_ITEM_ADOPTED
        lines.append(say(label, item=meeting.agenda_item))
    lines.append(meeting.agenda_title)
    return tuple(line for line in lines if line)


def with_short_forms(terms: Sequence[Term], say: Localiser) -> str:
    """A full form with its acronyms (else its short forms) in brackets, in the
    conventions of `say`'s language: 联合国毒品和犯罪问题办公室（毒品和犯罪问题办公室）,
    United Nations Office on Drugs and Crime (UNODC)."""
    if not terms:
        return ""
    full = next((t for t in terms if t.type == "full-form"), terms[0])
    others = [t for t in terms if t is not full and t.type != "full-form"]
    # An acronym says it all ("(UNOCT)"); short forms are shown where there is none.
    acronyms = [t.text for t in others if t.type in ("acronym", "abbreviation")]
    shorts = acronyms or [t.text for t in others]
    if not shorts:
        return full.text
    return say(labels.WITH_SHORT_FORM, term=full.text, short=say.items(shorts))


def _by_status(concept: Concept, lang: str, status: str) -> list[Term]:
    return [t for t in concept.in_language(lang) if t.status == status]


def annex_row(concept: Concept, say: Localiser, english: Localiser) -> tuple[str, str]:
    """The Chinese cell (preferred forms, then former names) and the English cell."""
    chinese = with_short_forms(_by_status(concept, "zh-Hans", "preferred"), say)
    superseded = _by_status(concept, "zh-Hans", "superseded")
    former = say(labels.FORMERLY, terms=with_short_forms(superseded, say)) if superseded else ""
    # A dash, not an empty cell, where the glossary has no term (yet) in that language: an
    # English pack finds concepts whose Chinese name no source confirmed.
    return (
        "\n".join(x for x in (chinese, former) if x) or "—",
        with_short_forms(_by_status(concept, "en", "preferred"), english) or "—",
    )


_INTROS = {
    ("found", "appearance"): labels.ANNEX_INTRO_FOUND,
    ("found", "pinyin"): labels.ANNEX_INTRO_FOUND_PINYIN,
    ("found", "english"): labels.ANNEX_INTRO_FOUND_ENGLISH,
    ("list", "appearance"): labels.ANNEX_INTRO_LIST,
    ("list", "pinyin"): labels.ANNEX_INTRO_LIST_PINYIN,
    ("list", "english"): labels.ANNEX_INTRO_LIST_ENGLISH,
}


def _ordered(
    concepts: Sequence[Concept], order: str, keys: Mapping[str, pinyin.SortKey]
) -> list[Concept]:
    """The annex's concepts in the spec's order: by the pinyin of the Chinese preferred term
    (the full form when there is one; its key from `keys` when known) or by the English one,
    a concept without a term of that language last; else as found or listed."""
    if order == "appearance":
        return list(concepts)
    lang = "zh-Hans" if order == "pinyin" else "en"

    def key(concept: Concept) -> tuple[bool, tuple[tuple[str, int], ...], str]:
        terms = _by_status(concept, lang, "preferred")
        term = next((t for t in terms if t.type == "full-form"), terms[0] if terms else None)
        if term is None:
            return (True, (), concept.id)
        if order == "pinyin":
            return (False, pinyin.key_of(term.text, keys), term.text)
        return (False, ((term.text.casefold(), 0),), term.text)

    return sorted(concepts, key=key)


def annex(
    resolution: Resolution,
    say: Localiser,
    chinese: Localiser,
    english: Localiser,
    chinese_tag: str,
    english_first: bool = False,
    keys: Mapping[str, pinyin.SortKey] = MappingProxyType({}),
) -> Annex | None:
    """The glossary annex: headings in the reader's language (`say`), each column's terms in
    its own language's conventions, rows in the spec's order, said in the intro; the English
    column first in an English pack, whose reader looks terms up by their English form."""
    if not resolution.concepts:
        return None
    glossary = resolution.spec.spec.glossary
    concepts = _ordered(resolution.concepts, glossary.order, keys)
    rows = tuple(annex_row(concept, chinese, english) for concept in concepts)
    intro = _INTROS[("found" if glossary.annex == "found" else "list", glossary.order)]
    return Annex(
        anchor="annex",
        heading=say(labels.ANNEX_HEADING),
        intro=say(intro),
        table=Table(
            headers=(say(labels.CHINESE), say(labels.ENGLISH)),
            rows=rows,
            langs=(chinese_tag, "en"),
        )
        if not english_first
        else Table(
            headers=(say(labels.ENGLISH), say(labels.CHINESE)),
            rows=tuple((english_cell, chinese_cell) for chinese_cell, english_cell in rows),
            langs=("en", chinese_tag),
        ),
    )


def _headings(resolution: Resolution, lang: str) -> tuple[str, ...]:
    """The sections' headings in a column's language: the spec's value for that language
    where it gives one, else the heading the pack shows."""
    headings = []
    for given, resolved in zip(resolution.spec.spec.sections, resolution.sections, strict=True):
        value = given.heading if isinstance(given.heading, str) else getattr(given.heading, lang)
        headings.append(value or resolved.heading)
    return tuple(headings)


def compose(
    resolution: Resolution,
    languages: Languages,
    counterpart: Counterpart,
    say: Localiser,
    chinese: Localiser,
    english: Localiser,
    today: str,
    sort_keys: Mapping[str, pinyin.SortKey] = MappingProxyType({}),
) -> Pack:
    """The pack model. `say` localises to the pack's main language; `chinese` and `english`
    format the annex's columns; `sort_keys` holds the pinyin keys of the glossary's terms
    where a caller has them (the build's glossary cache)."""
    spec = resolution.spec.spec
    ctx = Context(
        languages,
        counterpart,
        say,
        {"zh": chinese, "en": english},
        spec.cite_as,
        {lang: _headings(resolution, lang) for lang in languages.corpus},
    )
    sections = tuple(
        Section(
            anchor=section_anchor(index),
            heading=section.heading,
            note=editorial_note(section.note),
            blocks=_blocks(section.picks, ctx),
        )
        for index, section in enumerate(resolution.sections)
    )
    cover = resolution.cover
    created = spec.date.isoformat() if spec.date else today
    faces = languages.typefaces + languages.others
    chinese_tag = next((t.lang for t in faces if t.east_asian), faces[0].lang)
    column_names = {"zh": say(labels.CHINESE), "en": say(labels.ENGLISH)}
    meeting = meeting_lines(resolution.meeting, say)
    return Pack(
        name=resolution.spec.name,
        meta=Metadata(
            title=cover.title,
            author=cover.prepared_by,
            subject=" ".join(meeting),
            keywords=tuple(
                term.text for c in resolution.concepts if (term := c.preferred("en")) is not None
            )[:20],
            lang=languages.typefaces[0].lang,
            created=created,
        ),
        cover=Cover(
            title=cover.title,
            subtitle=cover.subtitle,
            meeting=meeting,
            prepared_by=say(labels.PREPARED_BY, name=cover.prepared_by)
            if cover.prepared_by
            else "",
            date=say.date(spec.date) if spec.date else "",
        ),
        running_header=cover.title,
        labels=Labels(
            contents=say(labels.CONTENTS),
            page_of=page_label(say(labels.PAGE_OF, page="{page}", pages="{pages}")),
            toc_hint=say(labels.TOC_HINT),
            number=say(labels.NUMBER),
        ),
        typefaces=languages.typefaces + languages.others,
        columns=tuple(t.lang for t in languages.typefaces),
        column_headers=tuple(column_names[c] for c in languages.corpus),
        sections=sections,
        annex=annex(
            resolution,
            say,
            chinese,
            english,
            chinese_tag,
            languages.corpus[0] == "en",
            sort_keys,
        ),
    )
