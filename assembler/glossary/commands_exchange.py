"""Placeholder until this family of glossary subcommands lands (being written now)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    del sub
