"""Text ingest throughput: `python -m bench.ingest` (part of `make bench`).

Two cases, in this process, best of several runs (goal: at least 2 M chars/s):
- the bundled `.txt` reports (two extractions of one report, reconciled, and a second report);
- one synthetic large text: those reports concatenated, several times over, in a single source
  (a long document shows any cost that grows faster than the text).
Characters are counted without whitespace, as `bench.corpus_glossary` counts them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from assembler.corpus.ingest import ingest
from assembler.paths import DEFAULT_CORPUS
from bench.corpus_glossary import best_of, non_space_chars

RUNS = 5
COPIES = 10
GOAL = 2_000_000


def text_sources() -> list[Path]:
    return sorted((DEFAULT_CORPUS / "sources").glob("*.txt"))


def measure(label: str, paths: list[Path], scratch: Path) -> float:
    """Ingest `paths` without writing; print and return the rate in chars/s."""

    def run() -> None:
        result = ingest(paths, scratch / "unused", write=False)
        if result.errors or not result.documents:
            raise SystemExit(f"ingest failed: {[str(e) for e in result.errors]}")

    seconds = best_of(RUNS, run)
    chars = non_space_chars(paths)
    rate = chars / seconds
    verdict = "ok" if rate >= GOAL else f"below the {GOAL / 1e6:.0f} M goal"
    print(
        f"ingest, {label}: {len(paths)} sources, {chars:,} chars in {seconds * 1000:.1f} ms"
        f" = {rate / 1e6:.2f} M chars/s (best of {RUNS}; {verdict})"
    )
    return rate


def synthetic(paths: list[Path], target: Path, copies: int) -> Path:
    """The bundled reports one after another, `copies` times, as one source file."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    target.write_text("\n\n".join(texts * copies), encoding="utf-8")
    return target


def main() -> None:
    paths = text_sources()
    with tempfile.TemporaryDirectory(prefix="assembler-bench-ingest-") as name:
        scratch = Path(name)
        measure("bundled .txt reports", paths, scratch)
        large = synthetic(paths, scratch / "synthetic.txt", COPIES)
        measure(f"synthetic text ({COPIES} x the bundled reports)", [large], scratch)


if __name__ == "__main__":
    main()
