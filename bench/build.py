"""Whole-build benchmark, as a user runs it: `python -m bench.build` (part of `make bench`).

Each case is a fresh process (interpreter start and imports included), the cases alternate
round after round and the medians are compared, so that a busy machine slows them alike:
- spec -> PDF (`assembler build --format pdf`) against WeasyPrint alone (import, then
  `HTML(...).write_pdf()`) on the same final HTML (goal: at most 1.15x);
- spec -> DOCX + PDF in one call against the PDF alone and the DOCX alone one after the other
  (goal: less), and against the same build with WeasyPrint in this process (no worker);
  LibreOffice's conversion of the DOCX is timed only where `soffice` is installed;
- peak memory (getrusage maxrss) of the build's process and of its PDF process (goal: the
  example's build at most 250 MB).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"
ROUNDS = 5


def child(case: str, spec: str, html: str, out: str) -> None:
    """One case in this (fresh) process; prints its peak memory."""
    if case == "weasyprint":
        from weasyprint import HTML  # type: ignore[import-untyped]

        HTML(filename=html).write_pdf(Path(out) / "weasyprint.pdf")
    elif case in ("pdf", "docx", "docx,pdf"):
        from assembler.cli import main

        with open(os.devnull, "w") as quiet:
            sys.stdout = quiet
            code = main(["build", spec, "--out", out, "--format", case])
            sys.stdout = sys.__stdout__
        if code != 0:
            raise SystemExit(f"build failed: {case}")
    elif case in ("pdf in-process", "docx,pdf in-process"):
        from assembler.build.driver import Overrides, build
        from assembler.corpus.catalog import Corpus
        from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES

        formats = tuple(case.split()[0].split(","))
        build(
            Path(spec),
            Corpus(DEFAULT_CORPUS),
            DEFAULT_GLOSSARY,
            DEFAULT_TEMPLATES,
            Path(out),
            Overrides(formats=formats),
            parallel=False,
        )
    elif case == "soffice":
        docx = next(Path(out).glob("*.docx"))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, str(docx)],
            check=True,
            capture_output=True,
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"self_kib": own, "children_kib": children}))


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(case: str, spec: Path, html: Path, out: Path) -> tuple[float, float, dict[str, int]]:
    """Wall seconds, CPU seconds (the case's process and the processes it waited for) and
    peak memory of one case."""
    cpu = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.build", "--child", case, str(spec), str(html), str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    memory: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return seconds, _cpu() - cpu, memory


def figures(spec: Path, rounds: int = ROUNDS) -> dict[str, object]:
    """Median wall times (s) and peak memory (MiB) of every case, alternating `rounds` times."""
    cases = ["weasyprint", "pdf", "pdf in-process", "docx", "docx,pdf", "docx,pdf in-process"]
    if shutil.which("soffice"):
        cases.append("soffice")
    times: dict[str, list[float]] = {case: [] for case in cases}
    cpus: dict[str, list[float]] = {case: [] for case in cases}
    memory: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        from assembler.cli import main

        with open(os.devnull, "w") as quiet:
            saved, sys.stdout = sys.stdout, quiet
            main(["build", str(spec), "--out", str(out), "--format", "html,docx"])
            sys.stdout = saved
        (html,) = out.glob("*.html")
        for _ in range(rounds):
            for case in cases:
                seconds, work, used = run(case, spec, html, out)
                times[case].append(seconds)
                cpus[case].append(work)
                memory[case] = used
    medians = {case: statistics.median(values) for case, values in times.items()}
    cpu_medians = {case: statistics.median(values) for case, values in cpus.items()}
    load = os.getloadavg()[0]
    return {
        "seconds": medians,
        "cpu": cpu_medians,
        "memory": memory,
        "rounds": rounds,
        "load": load,
    }


def report(result: dict[str, object]) -> None:
    seconds: dict[str, float] = result["seconds"]  # type: ignore[assignment]
    memory: dict[str, dict[str, int]] = result["memory"]  # type: ignore[assignment]
    cpu: dict[str, float] = result["cpu"]  # type: ignore[assignment]
    alone = seconds["weasyprint"]
    print(
        f"example pack ({EXAMPLE.name}), medians of {result['rounds']} alternating rounds "
        f"(load average {result['load']:.1f} on {os.cpu_count()} cores at the end)"
    )
    print(f"  WeasyPrint alone on the final HTML   {alone:6.2f} s")
    for case, label in (("pdf", "spec -> PDF"), ("pdf in-process", "  (WeasyPrint in-process)")):
        ratio, work = seconds[case] / alone, cpu[case] / cpu["weasyprint"]
        print(
            f"  {label:<36} {seconds[case]:6.2f} s  = {ratio:.2f}x (goal <= 1.15x); CPU "
            f"{cpu[case]:.2f} s against {cpu['weasyprint']:.2f} s = {work:.2f}x"
        )
    sequential = seconds["pdf"] + seconds["docx"]
    print(f"  spec -> DOCX                         {seconds['docx']:6.2f} s")
    print(
        f"  spec -> DOCX + PDF                   {seconds['docx,pdf']:6.2f} s  "
        f"(PDF then DOCX, two calls: {sequential:.2f} s; one process, no worker: "
        f"{seconds['docx,pdf in-process']:.2f} s)"
    )
    if "soffice" in seconds:
        print(f"  LibreOffice DOCX -> PDF              {seconds['soffice']:6.2f} s")
    else:
        print("  LibreOffice DOCX -> PDF              (soffice not installed: not measured)")
    for case in ("pdf", "docx,pdf", "weasyprint"):
        own, worker = memory[case]["self_kib"] / 1024, memory[case]["children_kib"] / 1024
        print(
            f"  peak memory, {case:<10} main {own:5.0f} MiB, PDF process {worker:5.0f} MiB, "
            f"both {own + worker:5.0f} MiB (goal <= 250)"
        )


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    rounds = int(sys.argv[1]) if len(sys.argv) == 2 else ROUNDS
    report(figures(EXAMPLE, rounds))


if __name__ == "__main__":
    main()
