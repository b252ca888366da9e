"""Watch rebuild benchmark: `python -m bench.watch` (part of `make bench`).

In a temporary copy of the example spec: a cold `assembler build` (a fresh process, as a user
runs it), then the warm builder behind `build --watch` after a one-word edit of a section's
note, which is what a user editing a pack does between two looks at the PDF. Medians of
alternating runs (the machine is shared and noisy); prints both and their ratio (goal: at
most 0.3).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES, PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "ccpcj28-item6c.yaml"
# A word of the first section's note, and the words it is replaced by in turn: each once, so
# that every rebuild renders (a text seen before would come from the builder's cache).
WORD = "回顾"
EDITS = ("总结", "介绍", "概述", "说明", "阐述", "讨论", "分析", "评述", "归纳")
RUNS = 3
GOAL = 0.3


def cold(spec: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assembler", "build", str(spec), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    from assembler.build.warm import WarmBuilder

    with tempfile.TemporaryDirectory(prefix="assembler-bench-watch-") as name:
        scratch = Path(name)
        spec = scratch / EXAMPLE.name
        text = EXAMPLE.read_text(encoding="utf-8")
        if WORD not in text:
            raise SystemExit(f"the example's notes no longer hold {WORD!r}: update bench/watch.py")
        spec.write_text(text, encoding="utf-8")
        builder = WarmBuilder(DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES, scratch / "w")
        first = builder.rebuild(spec)  # what `build --watch` does when it starts
        if not first.ok:
            raise SystemExit(f"the example does not build: {first.error}")
        colds: list[float] = []
        warms: list[float] = []
        for run in range(RUNS):
            colds.append(cold(spec, scratch / "cold"))
            for word in EDITS[run::RUNS]:
                spec.write_text(text.replace(WORD, word, 1), encoding="utf-8")
                result = builder.rebuild(spec)
                if not result.ok or "outputs" in result.reused:
                    raise SystemExit(f"the rebuild did not render: {result.error}")
                if run == 0 and word == EDITS[0]:
                    print(f"  warm stages: {_stages(result.stages)}")
                warms.append(result.seconds)
    cold_s, warm_s = statistics.median(colds), statistics.median(warms)
    ratio = warm_s / cold_s
    verdict = "ok" if ratio <= GOAL else f"above the {GOAL} goal"
    print("watch rebuild, example pack, one-word note edit (medians)")
    print(f"  cold CLI build          {cold_s:6.2f} s  ({RUNS} runs)")
    print(
        f"  warm rebuild            {warm_s:6.2f} s  = {ratio:.2f}x ({verdict}, {len(warms)} runs)"
    )


def _stages(stages: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items() if seconds > 0.01)


if __name__ == "__main__":
    main()
