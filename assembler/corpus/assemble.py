"""Parsed sources -> documents: records with their references, and per-document metadata."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assembler.corpus.layout import LANGUAGES
from assembler.corpus.model import (
    DateRange,
    Document,
    DocumentMeta,
    Note,
    Record,
    SourceInfo,
)
from assembler.corpus.parse import Block, ParsedSource, clean
from assembler.corpus.reconcile import SourceRecords, choose_base, reconcile
from assembler.corpus.sources import Sidecar, Source
from assembler.errors import AssemblerError
from assembler.text.cjk import non_space
from assembler.text.symbols import find_symbols, symbol_slug

# Series prefixes whose body is fixed by the UN's symbol scheme: E/CN.15 is always the
# Commission on Crime Prevention and Criminal Justice, E/CN.7 the Commission on Narcotic Drugs.
BODY_OF_SERIES = {
    "zh": {"E/CN.15/": "预防犯罪和刑事司法委员会", "E/CN.7/": "麻醉药品委员会"},
    "en": {
        "E/CN.15/": "Commission on Crime Prevention and Criminal Justice",
        "E/CN.7/": "Commission on Narcotic Drugs",
    },
}

_NUMERALS = {
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


@dataclass(frozen=True)
class Parsed:
    source: Source
    parsed: ParsedSource


def chinese_number(text: str) -> int | None:
    """ "二十八" -> 28, "十五" -> 15, "六十一" -> 61; Arabic digits pass through."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _NUMERALS and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _NUMERALS[char]
    return total + current


_DATE = re.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"(?:至(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
)


def parse_dates(text: str) -> DateRange | None:
    match = _DATE.fullmatch(non_space(text))
    if match is None:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    start = f"{year:04d}-{month:02d}-{day:02d}"
    if match["d2"] is None:
        return DateRange(start, start)
    end_year = int(match["y2"] or year)
    end_month = int(match["m2"] or month)
    return DateRange(start, f"{end_year:04d}-{end_month:02d}-{int(match['d2']):02d}")


def _refs(text: str, items: Sequence[str], notes: Sequence[Note]) -> tuple[str, ...]:
    found: list[str] = []
    for part in (text, *items, *(n.text for n in notes)):
        found += [c.symbol for c in find_symbols(part)]
    return tuple(dict.fromkeys(found))


def block_record(block: Block, source: str, lang: str) -> Record:
    language = LANGUAGES[lang]
    text = clean(block.text, language)
    items = block.finished_items(language)
    notes = tuple(block.notes)
    return Record(
        doc="",
        lang=lang,
        seq=0,
        kind="heading" if block.kind == "heading" else "paragraph",
        level=block.level,
        label=block.label,
        para=block.para,
        path=block.path,
        text=text,
        items=items,
        notes=notes,
        refs=_refs(text, [i.text for i in items], notes),
        source=source,
        sources=(source,),
    )


def source_records(item: Parsed, lang: str) -> tuple[Record, ...]:
    return tuple(block_record(b, item.source.name, lang) for b in item.parsed.blocks)


def _url_refs(item: Parsed, records: Sequence[Record]) -> list[str]:
    """Hyperlink targets dumped at page ends that no record on that page cites in its text:
    they are kept with the document, so no link target is lost."""
    blocks = item.parsed.blocks
    unplaced: list[str] = []
    page_start = 0
    previous_line = 0
    for line, symbol in item.parsed.url_targets:
        if line != previous_line + 1:
            page_start = previous_line
        on_page = [
            r
            for b, r in zip(blocks, records, strict=True)
            if b.last_line > page_start and b.first_line < line
        ]
        if not any(symbol in r.refs for r in on_page) and symbol not in unplaced:
            unplaced.append(symbol)
        previous_line = line
    return unplaced


def document_keys(item: Parsed) -> set[str]:
    """What identifies the document a source belongs to: its sidecar's id, its symbol, its
    cover (title, body, session, agenda item). Sources sharing any key are one document."""
    side = item.source.sidecar
    keys = {f"file:{item.source.name}"}
    if side.id:
        keys.add(f"id:{side.id}")
    symbol = side.symbol or _running_symbol(item.parsed)
    if symbol:
        keys.add(f"symbol:{symbol}")
    meta = item.parsed.meta
    if meta.get("title"):
        parts = (
            meta.get("title", ""),
            meta.get("body", ""),
            meta.get("session", ""),
            meta.get("agenda_item", ""),
        )
        keys.add("cover:" + "|".join(non_space(p) for p in parts))
    return keys


def _same_ids(own_ids: set[str], group_keys: set[str]) -> bool:
    ids = {k for k in group_keys if k.startswith("id:")}
    return not (own_ids and ids and own_ids != ids)


def group_sources(items: Sequence[Parsed]) -> list[list[Parsed]]:
    """Sources of one language that share a key, directly or through another source, in input
    order. Sources in different languages are different versions of a document even when they
    share its id or symbol (they are aligned later, by paragraph number), and sources whose
    sidecars give different ids are different documents even when their covers agree (copies
    made on purpose)."""
    groups: list[tuple[str, set[str], list[Parsed]]] = []
    for item in items:
        keys = document_keys(item)
        own_ids = {k for k in keys if k.startswith("id:")}
        lang = item.parsed.lang
        joined = [g for g in groups if g[0] == lang and g[1] & keys and _same_ids(own_ids, g[1])]
        merged_keys = keys.union(*(g[1] for g in joined))
        merged_items = [p for g in joined for p in g[2]] + [item]
        groups = [g for g in groups if g not in joined] + [(lang, merged_keys, merged_items)]
    return [members for _, _, members in groups]


def _running_symbol(parsed: ParsedSource) -> str:
    if not parsed.running_symbols:
        return ""
    return parsed.running_symbols.most_common(1)[0][0]


def _pick(values: Sequence[tuple[str, str]], field: str, warnings: list[str]) -> str:
    """The first non-empty value; a conflicting one is reported, never silently dropped."""
    chosen = ""
    for source, value in values:
        if not value:
            continue
        if not chosen:
            chosen = value
        elif non_space(value) != non_space(chosen):
            warnings.append(f"{source}: {field} reads {value!r}, kept {chosen!r}")
    return chosen


def build_document(group: Sequence[Parsed]) -> Document:
    ordered = sorted(group, key=lambda p: p.source.name)
    sidecars: list[tuple[str, Sidecar]] = [(p.source.name, p.source.sidecar) for p in ordered]
    ids = {s.id for _, s in sidecars if s.id}
    if len(ids) > 1:
        raise AssemblerError(
            f"the sources {[n for n, _ in sidecars]} give different ids: {sorted(ids)}"
        )
    langs = {p.parsed.lang for p in ordered}
    if len(langs) > 1:
        raise AssemblerError(
            f"the sources {[n for n, _ in sidecars]} are in different languages: {sorted(langs)}",
            hint="each language version of a document is built from sources in that language",
        )
    lang = langs.pop()
    language = LANGUAGES[lang]

    per_source = [SourceRecords(p.source.name, source_records(p, lang)) for p in ordered]
    records, differences = reconcile(per_source)
    base_name = choose_base(per_source).name
    warnings: list[str] = []
    for p in ordered:
        warnings += [f"{p.source.name}: {w}" for w in p.parsed.warnings]

    def field(name: str) -> str:
        values = [(n, v) for n, s in sidecars if isinstance(v := getattr(s, name, None), str)]
        by_base = sorted(ordered, key=lambda p: p.source.name != base_name)
        values += [(p.source.name, p.parsed.meta.get(name, "")) for p in by_base]
        return _pick(values, name, warnings)

    symbol = _pick(
        [(n, s.symbol or "") for n, s in sidecars]
        + [(p.source.name, _running_symbol(p.parsed)) for p in ordered],
        "symbol",
        warnings,
    )
    doc_id = ids.pop() if ids else (symbol_slug(symbol) if symbol else _fallback_id(ordered))
    body = field("body") or next(
        (b for prefix, b in BODY_OF_SERIES[lang].items() if symbol.startswith(prefix)), ""
    )
    session_text = field("session")
    session_number = next((s.session for _, s in sidecars if s.session), None)
    if session_number is None and session_text:
        session_number = chinese_number(session_text.removeprefix("第").split("届")[0])
    dates_text = field("dates")
    side_start = next((s.date_start for _, s in sidecars if s.date_start), None)
    side_end = next((s.date_end for _, s in sidecars if s.date_end), None)
    dates = DateRange(side_start, side_end or side_start) if side_start else parse_dates(dates_text)

    url_refs: list[str] = []
    for p, own in zip(ordered, per_source, strict=True):
        url_refs += _url_refs(p, own.records)
    doc_notes: dict[tuple[str, str], Note] = {}
    for p in ordered:
        for note in p.parsed.doc_notes:
            doc_notes.setdefault((note.mark, non_space(note.text)), note)
    notes = tuple(doc_notes.values())
    doc_refs = tuple(
        dict.fromkeys([c.symbol for n in notes for c in find_symbols(n.text)] + url_refs)
    )

    final = tuple(replace(r, doc=doc_id, seq=i + 1) for i, r in enumerate(records))
    dropped: Counter[str] = Counter()
    for p in ordered:
        dropped.update(p.parsed.dropped)
    meta = DocumentMeta(
        id=doc_id,
        lang=lang,
        symbol=symbol,
        title=field("title"),
        body=body,
        session=session_number,
        session_text=session_text,
        dates=dates,
        dates_text=clean(dates_text, language),
        venue=field("venue"),
        agenda_item=field("agenda_item"),
        agenda_title=field("agenda_title"),
        report_type=field("report_type"),
        summary_heading=field("summary_heading"),
        front_matter=tuple(
            p.parsed.meta["front_matter"] for p in ordered if p.parsed.meta.get("front_matter")
        ),
        notes=notes,
        refs=doc_refs,
        sources=tuple(
            SourceInfo(
                p.source.name,
                p.source.sha256,
                len(non_space(p.source.text)),
                "base" if p.source.name == base_name else "witness",
            )
            for p in ordered
        ),
        counts=_counts(final),
        dropped=dict(sorted(dropped.items())),
        differences=tuple(differences),
        warnings=tuple(warnings),
    )
    return Document(meta, final)


def _fallback_id(group: Sequence[Parsed]) -> str:
    return group[0].source.path.stem


def _counts(records: Sequence[Record]) -> dict[str, int]:
    return {
        "paragraphs": sum(1 for r in records if r.para is not None),
        "headings": sum(1 for r in records if r.kind == "heading"),
        "unnumbered": sum(1 for r in records if r.kind == "paragraph" and r.para is None),
        "items": sum(len(r.items) for r in records),
        "notes": sum(len(r.notes) for r in records),
        "records": len(records),
    }
