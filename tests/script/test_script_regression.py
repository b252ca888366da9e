"""The committed regression table (tests/data/script-regression.tsv): input -> expected output
for each Traditional variant, checked by hand, with the terms of
tests/data/script-regression-protect.txt protected. The outputs hold for one OpenCC version
only, so the version is pinned here: when it changes, these tests say so before any row does."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

import opencc
import pytest

from assembler.script.convert import Engines, build_converter
from assembler.script.protect_list import read_protect_file

DATA = Path(__file__).resolve().parents[1] / "data"
TABLE = DATA / "script-regression.tsv"
PROTECT = DATA / "script-regression-protect.txt"
PINNED_OPENCC = "1.4.2"
VARIANTS = ("hant", "hant-hk", "hant-tw-phrases")


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    expected: dict[str, str]
    what: str


def read_table() -> list[Row]:
    rows: list[Row] = []
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    body = [(n, line) for n, line in enumerate(lines, start=1) if not line.startswith("#")]
    (_, header), *entries = body
    assert header.split("\t") == ["input", *VARIANTS, "what it shows"]
    for number, line in entries:
        text, *outputs, what = line.split("\t")
        rows.append(Row(number, text, dict(zip(VARIANTS, outputs, strict=True)), what))
    return rows


ROWS = read_table()
ENGINES = Engines()
TERMS = read_protect_file(PROTECT)
CONVERTERS = {v: build_converter(v, terms=TERMS, engines=ENGINES) for v in VARIANTS}


def test_opencc_is_the_pinned_version() -> None:
    installed = importlib.metadata.version("OpenCC")
    assert installed == PINNED_OPENCC == opencc.__version__, (
        f"OpenCC is {installed}; tests/data/script-regression.tsv and "
        f"assembler/script/corrections.tsv were checked against {PINNED_OPENCC}. Re-check every "
        "row by reading it (not by pasting new output), then change PINNED_OPENCC here and the "
        "pin in pyproject.toml."
    )
    # opencc-python-reimplemented installs the same module name with other dictionaries.
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version("opencc-python-reimplemented")


def test_the_table_covers_enough_cases() -> None:
    assert len(ROWS) >= 40
    assert len(TERMS) == 20
    assert {"文件", "声明", "程序", "项目", "支持", "乍得", "毛里塔尼亚"} <= set(TERMS)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"line{r.line}")
def test_row(row: Row, variant: str) -> None:
    got = CONVERTERS[variant].convert(row.text)
    assert got == row.expected[variant], (
        f"script-regression.tsv line {row.line} ({row.what}), {variant}:\n"
        f"  input    {row.text}\n  expected {row.expected[variant]}\n  got      {got}"
    )
