"""Batch build benchmark: `python -m bench.batch` (part of `make bench`).

The example pack in every script and language of the issue's example (hans, hant, hant-hk x
zh, zh+en: six variants), built once by six separate `assembler build` calls, one after the
other as a user would type them, and once by one batch call. Prints both wall times and their
ratio (goal: at most 0.6). The machine's CPU count sets the batch's workers (its default).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assembler.paths import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "ccpcj28-item6c.yaml"
SCRIPTS = ("hans", "hant", "hant-hk")
LANGUAGES = ("zh", "zh+en")
GOAL = 0.6
CLI = (sys.executable, "-m", "assembler")


def timed(arguments: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([*CLI, *arguments], check=True, capture_output=True)
    return time.perf_counter() - start


def separate(out: Path) -> float:
    return sum(
        timed(["build", str(EXAMPLE), "--script", s, "--language", lang, "--out", str(out)])
        for s in SCRIPTS
        for lang in LANGUAGES
    )


def batch(out: Path) -> float:
    return timed(
        [
            "build",
            str(EXAMPLE),
            "--script",
            ",".join(SCRIPTS),
            "--language",
            ",".join(LANGUAGES),
            "--out",
            str(out),
        ]
    )


def same_files(first: Path, second: Path) -> bool:
    return sorted(p.name for p in first.iterdir()) == sorted(p.name for p in second.iterdir())


def main() -> None:
    variants = len(SCRIPTS) * len(LANGUAGES)
    with tempfile.TemporaryDirectory(prefix="assembler-bench-batch-") as name:
        scratch = Path(name)
        alone = separate(scratch / "separate")
        together = batch(scratch / "batch")
        if not same_files(scratch / "separate", scratch / "batch"):
            raise SystemExit("the batch wrote other files than the separate calls")
        files = len(list((scratch / "batch").iterdir()))
    ratio = together / alone
    verdict = "ok" if ratio <= GOAL else f"above the {GOAL} goal"
    print(f"batch build, example pack, {variants} variants ({files} files, {os.cpu_count()} CPUs)")
    print(f"  {variants} separate CLI calls  {alone:6.1f} s")
    print(f"  one batch call          {together:6.1f} s  = {ratio:.2f}x ({verdict})")


if __name__ == "__main__":
    main()
