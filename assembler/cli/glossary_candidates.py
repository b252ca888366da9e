"""`assembler glossary candidates`: terms the corpus defines that the glossary lacks."""

from __future__ import annotations

import argparse
import json
from typing import Any

from assembler.errors import AssemblerError
from assembler.glossary.candidates import (
    Candidate,
    Location,
    candidates_yaml,
    collect_candidates,
)
from assembler.glossary.encode import candidate_json
from assembler.glossary.store import load_glossary

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


def run_candidates(args: argparse.Namespace) -> int:
    if args.limit < 0 or args.min_count < 1:
        raise AssemblerError(
            "--limit must be 0 or more and --min-count 1 or more",
            hint="e.g. --limit 20 --min-count 2",
        )
    glossary = load_glossary(args.glossary)
    found = collect_candidates(glossary, args.corpus, args.doc, min_count=args.min_count)
    shown = found[: args.limit] if args.limit else found
    if args.json:
        print(json.dumps([candidate_json(c) for c in shown], ensure_ascii=False, indent=2))
    elif args.yaml:
        print(candidates_yaml(shown), end="")
    else:
        print(listing(shown, total=len(found), known=len(glossary.concepts)))
    return 0


# -- output -----------------------------------------------------------------------------------
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
