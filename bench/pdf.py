"""Pages per second of the PDF reader over the real UN PDFs in tests/data/un-pdf, reading alone
and reading with ingest (parse, records, reconciliation, writing): `python -m bench.pdf`.

Prints numbers, asserts nothing. Wall-clock (time.perf_counter), best of three runs: the
machine is small and shared, so the best run is the one least disturbed."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from assembler.corpus.ingest import ingest
from assembler.corpus.readers import pdf

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "un-pdf"
RUNS = 3


def _best(run: Callable[[], None]) -> float:
    times: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    files = sorted(DATA.glob("*.pdf"))
    pages = 0
    for path in files:
        document = pdfium.PdfDocument(path)
        pages += len(document)
        document.close()

    def read_all() -> None:
        for path in files:
            pdf.read(path, path.read_bytes())

    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        records = Path(tmp) / "records"
        sources.mkdir()
        records.mkdir()
        for path in files:
            shutil.copy(path, sources / path.name)
        copies = sorted(sources.glob("*.pdf"))

        def ingest_all() -> None:
            ingest(copies, records)

        reading = _best(read_all)
        ingesting = _best(ingest_all)
    print(f"PDF reader: {len(files)} files, {pages} pages (tests/data/un-pdf)")
    print(f"  reading            {reading:6.2f} s  {pages / reading:6.1f} pages/s")
    print(f"  reading + ingest   {ingesting:6.2f} s  {pages / ingesting:6.1f} pages/s")


if __name__ == "__main__":
    main()
