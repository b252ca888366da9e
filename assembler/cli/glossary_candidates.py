"""`assembler glossary candidates`: terms the corpus defines that the glossary lacks."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document
from assembler.errors import AssemblerError
from assembler.glossary.candidates import Candidate, Location, find_candidates
from assembler.glossary.model import Concept, Term
from assembler.glossary.store import INDENT, TOP_KEY, concept_yaml, load_glossary

DEFAULT_LIMIT = 50
# Places listed per document in the plain listing; --json lists them all.
SHOWN_PLACES = 6


def register(sub: Any) -> None:
    p = sub.add_parser(
        "candidates",
        help="terms the corpus defines that the glossary lacks",
        description=(
            "List terms the corpus defines that the glossary lacks: full forms with their short"
            " forms (全称（简称）), quoted titles 《…》 and recurring organisation names, ranked by"
            " kind and frequency. --yaml prints them as concept entries to paste into a"
            " glossary file (fill in the English and rename the id)."
        ),
    )
    p.add_argument("--doc", metavar="DOC", help="only this document (id or symbol)")
    p.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N candidates (default {DEFAULT_LIMIT}; 0 for all)",
    )
    p.add_argument(
        "--min-count",
        type=int,
        default=2,
        metavar="N",
        help="an organisation name must occur N times (default 2)",
    )
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="machine-readable, every place")
    form.add_argument("--yaml", action="store_true", help="concept entries in the glossary format")
    p.set_defaults(run=run_candidates)


def _documents(args: argparse.Namespace) -> list[Document]:
    corpus = Corpus(args.corpus)
    if args.doc:
        return [corpus.resolve(args.doc)]
    documents = corpus.documents()
    if not documents:
        raise AssemblerError(
            f"no records in {corpus.records_dir}",
            hint="run `assembler corpus ingest`, or pass --corpus DIR",
        )
    return documents


def run_candidates(args: argparse.Namespace) -> int:
    if args.limit < 0 or args.min_count < 1:
        raise AssemblerError(
            "--limit must be 0 or more and --min-count 1 or more",
            hint="e.g. --limit 20 --min-count 2",
        )
    glossary = load_glossary(args.glossary)
    found = find_candidates(glossary, _documents(args), min_count=args.min_count)
    shown = found[: args.limit] if args.limit else found
    if args.json:
        print(json.dumps([candidate_json(c) for c in shown], ensure_ascii=False, indent=2))
    elif args.yaml:
        print(candidates_yaml(shown), end="")
    else:
        print(listing(shown, total=len(found), known=len(glossary.concepts)))
    return 0


# -- output -----------------------------------------------------------------------------------
def candidate_json(candidate: Candidate) -> dict[str, Any]:
    return {
        "kind": candidate.kind,
        "text": candidate.text,
        "count": candidate.count,
        "terms": [asdict(t) for t in candidate.terms],
        "adds_to": candidate.adds_to or None,
        "documents": list(candidate.documents),
        "locations": [asdict(loc) for loc in candidate.locations],
    }


def _compact(wheres: list[str]) -> list[str]:
    """Say "para" once per run of paragraphs: "para 25", "para 67" -> "para 25", "67"."""
    shown = []
    for i, where in enumerate(wheres):
        in_run = i > 0 and wheres[i - 1].startswith("para ") and where.startswith("para ")
        shown.append(where.removeprefix("para ") if in_run else where)
    return shown


def places(locations: tuple[Location, ...]) -> str:
    """Places by document: "ccpcj28-terrorism-ta para 25, 67; E-CN.15-2007-9 摘要, para 2"."""
    by_doc: dict[str, list[str]] = {}
    for loc in locations:
        by_doc.setdefault(loc.doc, []).append(loc.where)
    parts = []
    for doc, wheres in by_doc.items():
        more = f" (+{len(wheres) - SHOWN_PLACES})" if len(wheres) > SHOWN_PLACES else ""
        parts.append(f"{doc} {', '.join(_compact(wheres[:SHOWN_PLACES]))}{more}")
    return "; ".join(parts)


def listing(candidates: list[Candidate], *, total: int, known: int) -> str:
    if not candidates:
        return f"no candidates: the glossary ({known} concepts) has every term found"
    lines = []
    for candidate in candidates:
        names = " · ".join(
            f"{t.text}" + (f" ({t.type})" if t.type != "full-form" else "") for t in candidate.terms
        )
        adds = f"  [adds to {candidate.adds_to}]" if candidate.adds_to else ""
        lines.append(f"{candidate.kind:<12} {candidate.count:>4}  {names}{adds}")
        lines.append(f"{'':<18}{places(candidate.locations)}")
    more = f" (first {len(candidates)}; --limit 0 for all)" if total > len(candidates) else ""
    noun = "concept" if known == 1 else "concepts"
    lines.append(f"{total} candidates not in the glossary ({known} {noun}){more}")
    return "\n".join(lines)


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
