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
