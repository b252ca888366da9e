"""Types the shared fixtures of tests/conftest.py give, importable by test modules (a module
named `conftest` is not: every folder may have its own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class Ran(NamedTuple):
    """What a command gave: its exit code and what it printed (`code, out, err = cli(...)`)."""

    code: int
    out: str
    err: str


Cli = Callable[..., Ran]


def reports_only(folder: str, names: list[str]) -> set[str]:
    """A copytree filter: the bundled corpus without the General Assembly resolutions (PDF
    sources, A-RES-* records). The ingest, search and reconciliation tests were written on the
    two Chinese reports; the resolutions have tests of their own (tests/corpus/test_pdf_*)."""
    return {n for n in names if n.startswith(("A_RES_", "A-RES-"))}
