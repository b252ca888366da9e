"""The JSON form of what the corpus services return: the one encoder behind `--json` and, later,
the web workspace, so that the two give the same shapes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from assembler.corpus.index import Hit
from assembler.corpus.service import DocumentSummary


def to_data(results: Iterable[DocumentSummary | Hit]) -> list[dict[str, Any]]:
    """`results` field by field. A document is the full metadata of each of its language
    versions, one object each: what records/<id>.meta.json holds."""
    items: list[dict[str, Any]] = []
    for result in results:
        if isinstance(result, DocumentSummary):
            items += [asdict(version.meta) for version in result.versions]
        else:
            items.append(asdict(result))
    return items


def to_json(results: Iterable[DocumentSummary | Hit]) -> str:
    """A JSON array of `results` (to_data), as `--json` prints it."""
    return json.dumps(to_data(results), ensure_ascii=False, indent=2)
