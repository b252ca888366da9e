"""Word reader benchmark: `python -m bench.docx`.

Reads a large Word file the project itself writes: the ~150-page pack of bench.pack (both
bundled reports four times over, glossed, with footnotes and the terminology table), and the
example pack. Prints Word paragraphs (w:p) and pages per second for the reader alone, and for
the reader and the parser together (what `corpus ingest` spends on a .docx before
reconciliation), best of several runs."""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from assembler.cli import main
from assembler.corpus.parse import parse_source
from assembler.corpus.readers.docx import read
from bench.pack import EXAMPLE, large_spec

RUNS = 5
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Pages of the large pack as bench.pack measures them in its PDF (about 37 a copy).
PAGES_PER_COPY = 37
COPIES = 4


def build(spec: Path, out: Path) -> Path:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["build", str(spec), "--out", str(out), "--format", "docx"])
    if code != 0:
        sys.exit(f"building {spec} failed")
    (path,) = out.glob(f"{spec.stem}*.docx")
    return path


def best(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def paragraphs(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return sum(1 for _ in root.iter(f"{W}p"))


def report(name: str, path: Path, pages: int | None) -> None:
    data = path.read_bytes()
    count = paragraphs(data)
    reading = best(lambda: read(path, data))
    text = read(path, data).text
    parsing = best(lambda: parse_source(path.name, read(path, data).text))
    print(f"{name}: {len(data) / 1024:.0f} KiB, {count} paragraphs, {len(text):,} characters")
    for label, seconds in (("read", reading), ("read + parse", parsing)):
        rate = f"{count / seconds:,.0f} paragraphs/s"
        if pages:
            rate += f", {pages / seconds:,.0f} pages/s"
        print(f"  {label:<13}{seconds * 1000:8.1f} ms  {rate}")


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        spec = out / "docx-bench.yaml"
        spec.write_text(large_spec(COPIES), encoding="utf-8")
        report("example pack", build(EXAMPLE, out / "example"), None)
        report(
            f"large pack (~{PAGES_PER_COPY * COPIES} pages)",
            build(spec, out / "large"),
            PAGES_PER_COPY * COPIES,
        )
    print(f"(best of {RUNS} runs; pages as bench.pack counts them in the PDF, about 37 a copy)")


if __name__ == "__main__":
    run()
