"""Parsed sources -> documents: records with their references, and per-document metadata."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assembler.corpus.body import Block
from assembler.corpus.ids import id_from_name, id_problem
from assembler.corpus.layout import LANGUAGES, clean
from assembler.corpus.model import (
    DateRange,
    Document,
    DocumentMeta,
    Note,
    Record,
    SourceInfo,
    version_name,
)
from assembler.corpus.parse import ParsedSource
from assembler.corpus.reconcile import SourceRecords, choose_base, common_share, reconcile
from assembler.corpus.sources import Sidecar, Source, sidecar_path
from assembler.errors import AssemblerError
from assembler.text.cjk import non_space
from assembler.text.hygiene import describe
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

# Sources of one document (same sidecar id, symbol or cover) must be copies of one text, or
# reconciliation splices two reports into one. `reconcile.common_share`, measured on the
# bundled corpus and on copies of it:
#   000 vs 002, the two extractions of the 2019 report               1.000 (0.9995)
#   000 vs 000 without chapter 二 / without chapter 三                1.000 / 1.000
#   001 vs 001 without chapter 三                                     0.974
#   000 vs 000 with 10% / 30% of its Chinese characters replaced     0.910 / 0.716
#   000 vs 001, and 002 vs 001 (E/CN.15/2007/9, another report)      0.079 / 0.078
#   000 vs 001 with 000's chapter 一 pasted over its own             0.146
# 0.4 leaves a factor of 2.7 above the closest different report and 0.3 below a copy with a
# third of its characters garbled, far worse than any real extraction.
MIN_COMMON_SHARE = 0.4

PAGE_BREAK = describe("\f")

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
    # Each symbol's citing blocks (first and last line): a page is checked against those only,
    # not against every block of a long document.
    citing: dict[str, list[tuple[int, int]]] = {}
    for block, record in zip(item.parsed.blocks, records, strict=True):
        for symbol in record.refs:
            citing.setdefault(symbol, []).append((block.first_line, block.last_line))
    unplaced: list[str] = []
    page_start = 0
    previous_line = 0
    for line, symbol in item.parsed.url_targets:
        if line != previous_line + 1:
            page_start = previous_line
        cited = any(last > page_start and first < line for first, last in citing.get(symbol, ()))
        if not cited and symbol not in unplaced:
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
    symbol = side.symbol or item.source.meta.get("symbol", "") or _running_symbol(item.parsed)
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


def version_ids(groups: Sequence[Sequence[Parsed]]) -> dict[int, str]:
    """Ids that language versions take from each other (by position in `groups`): a version
    whose sidecars give no id takes the id a version in another language gives through its
    sidecar, when the two share a symbol (in a sidecar, from a reader or in the text). Without
    it the English version of a document with a sidecar id would be a document of its own,
    named after the symbol."""
    by_symbol: dict[str, set[str]] = {}
    keys = [set().union(*(document_keys(p) for p in group)) for group in groups]
    for group, found in zip(groups, keys, strict=True):
        for doc_id in {p.source.sidecar.id for p in group if p.source.sidecar.id}:
            for key in found:
                if key.startswith("symbol:"):
                    by_symbol.setdefault(key, set()).add(doc_id)
    taken: dict[int, str] = {}
    for position, (group, found) in enumerate(zip(groups, keys, strict=True)):
        if any(p.source.sidecar.id for p in group):
            continue
        ids = set().union(*(by_symbol.get(k, set()) for k in found if k.startswith("symbol:")))
        if len(ids) == 1:
            taken[position] = ids.pop()
    return taken


def build_document(group: Sequence[Parsed], version_id: str | None = None) -> Document:
    """The document version `group` makes; `version_id` is the id another language version
    gives it (see `version_ids`), used when its own sidecars give none."""
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
    base_name = choose_base(per_source).name
    warnings: list[str] = []
    for p in ordered:
        warnings += [f"{p.source.name}: {w}" for w in (*p.source.warnings, *p.parsed.warnings)]

    def field(name: str) -> str:
        values = [(n, v) for n, s in sidecars if isinstance(v := getattr(s, name, None), str)]
        by_base = sorted(ordered, key=lambda p: p.source.name != base_name)
        # What the file's reader found (a PDF cover) before what the parser read in the text.
        values += [(p.source.name, p.source.meta.get(name, "")) for p in by_base]
        values += [(p.source.name, p.parsed.meta.get(name, "")) for p in by_base]
        return _pick(values, name, warnings)

    symbol = _pick(
        [(n, s.symbol or "") for n, s in sidecars]
        + [(p.source.name, p.source.meta.get("symbol", "")) for p in ordered]
        + [(p.source.name, _running_symbol(p.parsed)) for p in ordered],
        "symbol",
        warnings,
    )
    if ids:
        doc_id = ids.pop()
    elif version_id:
        doc_id = version_id
    else:
        doc_id = symbol_slug(symbol) if symbol else _fallback_id(ordered)
    problem = id_problem(doc_id)
    if problem is not None:
        # Sidecar ids are checked where they are read; this is an id made from a symbol.
        raise AssemblerError(
            f"no usable document id: {problem}",
            path=ordered[0].source.path,
            hint=f"give the document an id in a sidecar, {sidecar_path(ordered[0].source.path)}",
        )
    _check_one_text(ordered, per_source, version_name(doc_id, lang))
    records, differences = reconcile(per_source)
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
        dropped.update(p.source.furniture)  # what the reader set aside (PDF page furniture)
        if p.source.dropped:
            # Only when there is something to count: a "control" key in every .meta.json would
            # change the committed records.
            dropped["control"] += sum(d.count for d in p.source.dropped)
        # pdftotext ends every page with a form feed: counted above, but no news.
        odd = [d for d in p.source.dropped if d.char != PAGE_BREAK]
        if odd:
            what = ", ".join(f"{d.char} ×{d.count} (first on line {d.first_line})" for d in odd)
            warnings.append(f"{p.source.name}: dropped control or bidi characters: {what}")
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
    path = group[0].source.path
    doc_id = id_from_name(path.stem)
    if doc_id is None:
        raise AssemblerError(
            "no document id: the sources give no `id` and no symbol, and the file name"
            f" {path.name!r} has no ASCII letters or digits to make one from",
            path=path,
            hint=f"give the document an id in a sidecar, {sidecar_path(path)}:"
            " `id: ccpcj28-terrorism-ta` (ASCII letters, digits, '.', '-', '_')",
        )
    return doc_id


def _why_together(a: Parsed, b: Parsed) -> str:
    shared = document_keys(a) & document_keys(b)
    reasons = []
    for key in sorted(shared):
        kind, _, value = key.partition(":")
        if kind == "id":
            reasons.append(f"both sidecars give the id {value}")
        elif kind == "symbol":
            reasons.append(f"both have the symbol {value}")
        elif kind == "cover":
            reasons.append("their covers agree (title, body, session, agenda item)")
    return "; ".join(reasons) or "through the other sources of the document"


def _check_one_text(
    ordered: Sequence[Parsed], per_source: Sequence[SourceRecords], name: str
) -> None:
    """Refuse a group whose sources are not copies of one text: reconciling them would splice
    two documents, each record taking the words of both."""
    base = choose_base(per_source)
    ours = next(p for p, own in zip(ordered, per_source, strict=True) if own is base)
    for theirs, other in zip(ordered, per_source, strict=True):
        if other is base:
            continue
        share = common_share(base, other, enough=MIN_COMMON_SHARE)
        if share >= MIN_COMMON_SHARE:
            continue
        sidecars = [str(sidecar_path(p.source.path)) for p in (theirs, ours) if p.source.sidecar.id]
        where = f" (the `id` in {' or '.join(sidecars)})" if sidecars else ""
        raise AssemblerError(
            f"{other.name} and {base.name} are taken for one document, {name}"
            f" ({_why_together(theirs, ours)}), but their texts differ: only {share:.0%} of"
            f" the shorter one is in the other, where copies of one document share at least"
            f" {MIN_COMMON_SHARE:.0%}. {name} is not written; its records on disk are unchanged",
            path=theirs.source.path,
            hint=f"if one of them is another document, give it its own id{where};"
            " if it is a translation, give its `lang`",
        )


def _counts(records: Sequence[Record]) -> dict[str, int]:
    return {
        "paragraphs": sum(1 for r in records if r.para is not None),
        "headings": sum(1 for r in records if r.kind == "heading"),
        "unnumbered": sum(1 for r in records if r.kind == "paragraph" and r.para is None),
        "items": sum(len(r.items) for r in records),
        "notes": sum(len(r.notes) for r in records),
        "records": len(records),
    }
