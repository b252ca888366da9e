"""Typography figures of the example packs: `python -m bench.typography [PDF ...]`.

Builds both examples (PDF only) in this process, prints the best build time of three after a
warm-up, and how many non-final body lines of each PDF end flush with the right margin (see
bench/pdflines.py); with PDF arguments, only the figures of those files.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from assembler.paths import PROJECT_ROOT
from bench.pdflines import flush_share

EXAMPLES = ("ccpcj28-item6c", "ctta-2006-2018")


def build(out: Path) -> float:
    """Build both examples as PDF into `out`, in this process; the seconds it took."""
    from assembler.cli import main

    start = time.perf_counter()
    for name in EXAMPLES:
        spec = PROJECT_ROOT / "examples" / f"{name}.yaml"
        if main(["build", str(spec), "--out", str(out), "--format", "pdf"]) != 0:
            raise SystemExit(f"building {name} failed")
    return time.perf_counter() - start


def report(pdfs: Sequence[Path]) -> None:
    for pdf in pdfs:
        flush, total = flush_share(pdf)
        print(f"{pdf.name}: {flush}/{total} non-final body lines flush")


def main(argv: Sequence[str]) -> None:
    if argv:
        report([Path(arg) for arg in argv])
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        build(out)  # warm-up: imports, font caches, template bytecode
        runs = [build(out) for _ in range(3)]
        print(f"build of both examples (PDF): best {min(runs):.2f} s of {len(runs)}")
        report(sorted(out.glob("*.pdf")))


if __name__ == "__main__":
    main(sys.argv[1:])
