"""Corpus pages: the documents, a reader view of one document, and search with highlighted hits.
Every page reads through assembler.corpus.service, as the command line does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from assembler.corpus import service
from assembler.corpus.catalog import Corpus
from assembler.corpus.index import Hit
from assembler.corpus.model import LANGUAGES, Record
from assembler.errors import AssemblerError
from assembler.pack.resolve import heading_key
from assembler.pack.spec import load_spec
from assembler.web.context import WebContext, not_found

# Private-use characters bracket the matches in snippets: they cannot occur in UN text, so the
# snippet can be escaped first and the brackets turned into <mark> after.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
SEARCH_LIMIT = 200


def highlight(snippet: str) -> Markup:
    """The snippet escaped, then its marked matches wrapped in <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def heading_value(record: Record) -> str:
    """How a pack spec names a heading (`heading: 二 A 2 (b)`)."""
    return " ".join(heading_key(record))


@dataclass(frozen=True)
class SectionChoice:
    value: str  # the section's index, as the form sends it
    heading: str

    @property
    def label(self) -> str:
        return f"{int(self.value) + 1}. {self.heading}"


def spec_sections(ctx: WebContext, spec: str) -> list[SectionChoice]:
    """The sections of a spec for the "add to pack" form; none when it cannot be read (the
    form still offers a new section, and the packs page shows the spec's error)."""
    if not spec:
        return []
    try:
        loaded = load_spec(ctx.safe_path("spec", spec))
    except (AssemblerError, OSError):
        return []
    choices = []
    for index, section in enumerate(loaded.spec.sections):
        heading = section.heading
        text = heading if isinstance(heading, str) else (heading.zh or heading.en or "")
        choices.append(SectionChoice(str(index), text))
    return choices


def chosen_section(sections: list[SectionChoice], section: str, new_heading: str | None) -> str:
    """The section to keep selected when the list is refreshed after an add: the one chosen;
    after a new section was added (the last one now has its heading), that one."""
    if (
        section == "new"
        and new_heading
        and sections
        and sections[-1].heading == new_heading.strip()
    ):
        return sections[-1].value
    if section == "new" or any(choice.value == section for choice in sections):
        return section
    return sections[0].value if sections else "new"


def hit_picks(corpus: Corpus, hits: list[Hit]) -> list[dict[str, str] | None]:
    """What each hit's "add to pack" button sends: a numbered paragraph by its number, a
    heading by its labels (read from its document, once per document); None for a record a
    spec cannot pick on its own (an unnumbered paragraph)."""
    headings: dict[tuple[str, str], dict[int, str]] = {}
    picks: list[dict[str, str] | None] = []
    for hit in hits:
        if hit.para:
            picks.append({"document": hit.doc, "paragraph": hit.para})
        elif hit.kind == "heading":
            key = (hit.doc, hit.lang)
            if key not in headings:
                records = corpus.resolve(hit.doc, hit.lang).records
                headings[key] = {r.seq: heading_value(r) for r in records if r.kind == "heading"}
            value = headings[key].get(hit.seq)
            picks.append({"document": hit.doc, "heading": value} if value else None)
        else:
            picks.append(None)
    return picks


def _names(corpus: Corpus, document: str) -> tuple[str, ...]:
    """A document's id and symbol, for finding the spec that cites it; none if unknown."""
    if not document:
        return ()
    try:
        meta = corpus.resolve(document).meta
    except AssemblerError:
        return ()
    return (meta.id, meta.symbol)


def _corpus(ctx: WebContext) -> Corpus:
    return service.open_corpus(ctx.corpus)


def spec_citing(ctx: WebContext, specs: list[str], names: tuple[str, ...]) -> str | None:
    """The first spec that names the document (by id or symbol): the pack a reader of that
    document most likely adds to."""
    for spec in specs:
        try:
            text = ctx.safe_path("spec", spec).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if any(name and name in text for name in names):
            return spec
    return None


def _add_form_values(
    ctx: WebContext, request: Request, names: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The "add to pack" panel: the spec asked for (?spec=), else one that cites the document
    shown, else the first."""
    specs = ctx.specs()
    chosen = request.query_params.get("spec", "")
    if chosen not in specs:
        chosen = spec_citing(ctx, specs, names) or (specs[0] if specs else "")
    spec = chosen
    sections = spec_sections(ctx, spec)
    return {
        "specs": specs,
        "spec": spec,
        "sections": sections,
        "selected": sections[0].value if sections else "new",
    }


def routes(ctx: WebContext) -> list[BaseRoute]:
    # Plain functions: Starlette runs them in its thread pool, so reading the corpus does not
    # hold up the server's other requests.
    def index(request: Request) -> Response:
        documents = service.list_documents(_corpus(ctx))
        return ctx.render(request, "corpus.html", documents=documents)

    def reader(request: Request) -> Response:
        corpus = _corpus(ctx)
        try:
            doc_id = corpus.doc_id(request.path_params["name"])
        except AssemblerError as error:
            raise not_found(str(error)) from error
        languages = corpus.languages(doc_id)
        wanted = request.query_params.get("doc_lang", "")
        lang = wanted if wanted in languages else languages[0]
        passage = service.show_paragraphs(corpus, doc_id, lang=lang)
        headings = [r for r in passage.records if r.kind == "heading"]
        return ctx.render(
            request,
            "corpus_document.html",
            meta=passage.meta,
            records=passage.records,
            headings=headings,
            languages=[code for code in languages if code in LANGUAGES],
            doc_lang=lang,
            heading_value=heading_value,
            differences=service.source_differences(corpus, doc_id, lang=lang).differences,
            **_add_form_values(ctx, request, (passage.meta.id, passage.meta.symbol)),
        )

    def search(request: Request) -> Response:
        corpus = _corpus(ctx)
        query = request.query_params.get("q", "").strip()
        document = request.query_params.get("document", "")
        hits: list[Hit] = []
        if query:
            hits = service.search_records(
                corpus,
                query,
                doc=document or None,
                limit=SEARCH_LIMIT,
                mark=(MARK_OPEN, MARK_CLOSE),
            )
        return ctx.render(
            request,
            "corpus_search.html",
            query=query,
            document=document,
            documents=service.list_documents(corpus),
            hits=list(zip(hits, hit_picks(corpus, hits), strict=True)),
            limit=SEARCH_LIMIT,
            highlight=highlight,
            **_add_form_values(ctx, request, _names(corpus, document)),
        )

    def sections(request: Request) -> Response:
        """The section options of the spec chosen in an "add to pack" form (htmx)."""
        params = request.query_params
        sections = spec_sections(ctx, params.get("spec", ""))
        selected = chosen_section(sections, params.get("section", ""), params.get("new_heading"))
        return ctx.render(
            request,
            "corpus_sections.html",
            sections=sections,
            selected=selected,
            # The new section exists now: its heading leaves the field (htmx out-of-band swap).
            clear_heading=params.get("section") == "new" and selected != "new",
        )

    return [
        Route("/corpus", index, name="corpus_index"),
        Route("/corpus/search", search, name="corpus_search"),
        Route("/corpus/sections", sections, name="corpus_sections"),
        Route("/corpus/doc/{name:path}", reader, name="corpus_document"),
    ]
