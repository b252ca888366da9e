"""The collector's thresholds are raised only for the stage that asks, and always given back:
they are the process's, and a web workspace or a watch process runs many stages."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from assembler.collection import THRESHOLDS, rare_collections
from assembler.corpus.assemble import Parsed
from assembler.corpus.ingest import ingest
from assembler.corpus.ingest import parse_file as real_parse_file

SOURCES = Path(__file__).resolve().parents[2] / "corpus" / "sources"


def test_the_thresholds_are_raised_in_the_block_and_given_back_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), rare_collections():
        assert gc.get_threshold() == THRESHOLDS
        raise RuntimeError("a failed stage")
    assert gc.get_threshold() == before


def test_ingest_runs_with_rare_collections_and_gives_the_thresholds_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []

    def parse_file(path: Path) -> Parsed:
        seen.append(gc.get_threshold())
        return real_parse_file(path)

    monkeypatch.setattr("assembler.corpus.ingest.parse_file", parse_file)
    before = gc.get_threshold()
    result = ingest([SOURCES / "001_81204fd17484f806.txt"], tmp_path, write=False)
    assert [d.meta.symbol for d in result.documents] == ["E/CN.15/2007/9"]
    assert seen == [THRESHOLDS]
    assert gc.get_threshold() == before
