"""`assembler glossary check`: the glossary's rules (errors, exit 1) and its QA against the
corpus (warnings)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from assembler.glossary import qa
from assembler.glossary.check import CheckResult, check_glossary
from assembler.glossary.encode import check_json, shown_place

# (one, several): section titles use the plural, counts whichever fits.
KIND_NAMES: dict[qa.Kind, tuple[str, str]] = {
    "unused-term": ("term never found in the corpus", "terms never found in the corpus"),
    "discouraged-use": (
        "use of a deprecated or superseded term in the corpus",
        "uses of deprecated or superseded terms in the corpus",
    ),
    "no-english": ("concept with no English term", "concepts with no English term"),
    "ambiguous-term": (
        "term shared by concepts with no rule telling them apart",
        "terms shared by concepts with no rule telling them apart",
    ),
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="validate the glossary and check it against the corpus",
        description=(
            "Check every glossary rule (errors), then against the corpus (warnings): terms "
            "never found in documents of their language, deprecated or superseded terms used "
            "in documents (where), concepts with no English term, terms on several concepts "
            "that no context rule (not_before/not_after) tells apart. Exit 1 on errors, 0 on "
            "warnings only."
        ),
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(run=run_check)


def counted(n: int, one: str, several: str = "") -> str:
    return f"{n} {one if n == 1 else several or one + 's'}"


def finding_lines(findings: Sequence[qa.Finding]) -> list[str]:
    """One line per finding; the uses of one term in one document share a line."""
    lines = [f"  {shown_place(f.place)}: {f.message}" for f in findings if not f.doc]
    uses: dict[tuple[str, str, str, str], list[qa.Finding]] = {}
    for finding in findings:
        if finding.doc:
            key = (finding.concept, finding.lang, finding.term, finding.doc)
            uses.setdefault(key, []).append(finding)
    for (concept_id, lang, term, doc), group in uses.items():
        first = group[0]
        places = ", ".join(dict.fromkeys(f.where for f in group))
        use = f"; use {first.use}" if first.use else ""
        lines.append(
            f"  {shown_place(first.place)}: {concept_id}: {first.status} {lang} term {term!r}"
            f" ×{len(group)} in {doc}: {places}{use}"
        )
    return lines


def _print_errors(result: CheckResult) -> None:
    for problem in result.errors:
        hint = f" ({problem.hint})" if problem.hint else ""
        print(f"{shown_place(problem.place)}: {problem.message}{hint}")
    print(
        f"{counted(len(result.errors), 'error')} in {counted(len(result.files), 'file')}; "
        "corpus checks skipped"
    )


def _print_report(result: CheckResult, report: qa.Report, args: argparse.Namespace) -> None:
    counts = {kind: report.count(kind) for kind in KIND_NAMES}
    for kind, (_, title) in KIND_NAMES.items():
        lines = finding_lines([f for f in report.findings if f.kind == kind])
        if lines:
            print(f"{title} ({counts[kind]}):")
            print("\n".join(lines))
            print()
    print(
        f"glossary: {counted(len(result.glossary.concepts), 'concept')}, "
        f"{counted(result.terms, 'term')} in {counted(len(result.files), 'file')}; 0 errors"
    )
    if report.documents:
        print(
            f"corpus: {counted(report.documents, 'document')}, "
            f"{counted(report.terms_checked, 'term')} in their languages checked"
        )
    else:
        print(f"corpus: no documents in {args.corpus}; corpus checks skipped")
    detail = ", ".join(counted(counts[k], *KIND_NAMES[k]) for k in KIND_NAMES)
    print(f"{counted(len(report.findings), 'warning')}: {detail}")


def run_check(args: argparse.Namespace) -> int:
    result = check_glossary(args.glossary, args.corpus)
    if args.json:
        print(json.dumps(check_json(result), ensure_ascii=False, indent=2))
    elif result.report is None:
        _print_errors(result)
    else:
        _print_report(result, result.report, args)
    return 1 if result.errors else 0
