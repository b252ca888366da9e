"""`glossary check` as a service: the glossary's rules (errors: a glossary that breaks them is used
by no command, so the corpus checks are skipped) and, when it keeps them, the corpus QA of
qa.py (warnings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assembler.corpus.catalog import Corpus
from assembler.glossary import qa
from assembler.glossary.model import Glossary
from assembler.glossary.store import glossary_files, load_glossary
from assembler.glossary.validate import GlossaryError, Problem


@dataclass(frozen=True)
class CheckResult:
    files: tuple[Path, ...]  # the glossary files checked
    errors: tuple[Problem, ...]  # broken rules, in file order
    glossary: Glossary  # empty when there are errors
    report: qa.Report | None  # the corpus checks; None when there are errors

    @property
    def terms(self) -> int:
        return sum(len(c.terms) for c in self.glossary.concepts)


def check_glossary(folder: Path, corpus: Path) -> CheckResult:
    """Every rule of the glossary in `folder`, then (if it keeps them all) the QA checks against
    the documents of the corpus rooted at `corpus` (none when there is no such folder)."""
    files = tuple(glossary_files(folder))
    try:
        glossary = load_glossary(folder)
    except GlossaryError as error:
        return CheckResult(files, error.problems, Glossary(()), None)
    documents = Corpus(corpus).documents() if corpus.is_dir() else []
    return CheckResult(files, (), glossary, qa.check(glossary, documents))
