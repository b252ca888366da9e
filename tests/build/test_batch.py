"""`assembler build SPEC... --script A,B --language X,Y`: every variant of every spec in one
call on a pool of forked workers, with the same outputs as separate calls; a bad spec fails
alone, named, and the others are still written."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import Cli

from assembler.build import batch
from assembler.build.batch import Job, check_jobs, plan, run
from assembler.build.driver import Overrides
from assembler.build.warm import BuildResult, WarmBuilder
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES

SMALL = (
    "title: 小型简报\nmeeting: {from: ccpcj28-terrorism-ta}\noutputs: [docx, pdf]\nmissing: notice\n"
    "sections:\n  - heading: 导言\n    note: 秘书长的报告回顾技术援助工作。\n"
    "    select:\n      - ccpcj28-terrorism-ta: 1-2\n"
)


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return done.stdout


def docx_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


def test_two_variants_in_one_call_equal_two_separate_calls(cli: Cli, tmp_path: Path) -> None:
    spec = tmp_path / "small.yaml"
    spec.write_text(SMALL, encoding="utf-8")
    together, apart = tmp_path / "together", tmp_path / "apart"
    ran = cli("build", spec, "--script", "hans,hant", "--out", together, "--workers", "2")
    assert ran.code == 0, ran.err
    for script in ("hans", "hant"):
        assert cli("build", spec, "--script", script, "--out", apart).code == 0
    names = sorted(p.name for p in together.iterdir())
    assert names == ["small-hant.docx", "small-hant.pdf", "small.docx", "small.pdf"]
    assert names == sorted(p.name for p in apart.iterdir())
    for name in names:
        if name.endswith(".pdf"):
            assert pdf_text(together / name) == pdf_text(apart / name)
        else:
            assert docx_xml(together / name) == docx_xml(apart / name)
    assert "臺" in pdf_text(together / "small-hant.pdf") or "與" in pdf_text(
        together / "small-hant.pdf"
    )
    # One line per output as it is written: path, pages, seconds; then the total.
    assert f"wrote {together / 'small-hant.pdf'} (" in ran.out and " pages) in " in ran.out
    assert "done: 4 files from 2 of 2 builds" in ran.out


def test_a_bad_spec_fails_alone_and_names_itself(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(SMALL.replace("outputs: [docx, pdf]", "outputs: [docx]"), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.replace("1-2", "130"), encoding="utf-8")
    out = tmp_path / "out"
    ran = cli("build", good, bad, "--language", "zh,zh+en", "--out", out)
    assert ran.code == 1
    assert f"failed: {bad} [zh]: {bad}:" in ran.err and "paragraph" in ran.err
    assert f"failed: {bad} [zh+en]:" in ran.err
    assert sorted(p.name for p in out.iterdir()) == ["good-zh-en.docx", "good.docx"]
    assert "2 builds failed" in ran.err


def test_variants_that_would_write_the_same_files_are_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "pack.yaml").write_text(SMALL, encoding="utf-8")
    jobs = plan([first / "pack.yaml", second / "pack.yaml"], [None], [None])
    runnable, refused = check_jobs(jobs)
    assert runnable == jobs[:1]
    assert [o.job for o in refused] == jobs[1:]
    assert refused[0].error is not None and "would write the same files as" in refused[0].error


def test_plan_is_every_spec_in_every_script_and_language_once() -> None:
    jobs = plan([Path("a.yaml")], ["hans", "hant", "hans"], ["zh", "zh+en"], ("pdf",))
    assert jobs == [
        Job(Path("a.yaml"), Overrides("hans", "zh", ("pdf",))),
        Job(Path("a.yaml"), Overrides("hans", "zh+en", ("pdf",))),
        Job(Path("a.yaml"), Overrides("hant", "zh", ("pdf",))),
        Job(Path("a.yaml"), Overrides("hant", "zh+en", ("pdf",))),
    ]
    assert jobs[1].label == "a.yaml [hans, zh+en]"


class CrashingBuilder(WarmBuilder):
    """Kills its process on one spec, as a segfault in a native library would."""

    def rebuild(
        self, spec_path: Path, overrides: Overrides | None = None, *, write: bool = True
    ) -> BuildResult:
        if spec_path.name == "crash.yaml":
            os._exit(3)
        return super().rebuild(spec_path, overrides, write=write)


def test_a_worker_that_dies_fails_its_job_alone(tmp_path: Path) -> None:
    specs = []
    for name in ("first", "crash", "last"):
        spec = tmp_path / f"{name}.yaml"
        spec.write_text(SMALL.replace("outputs: [docx, pdf]", "outputs: [html]"), "utf-8")
        specs.append(spec)
    builder = CrashingBuilder(DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES, tmp_path)
    seen: list[str] = []
    outcomes = run(builder, plan(specs, [None], [None]), 1, lambda o: seen.append(o.job.spec.name))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[1].error == "the worker building it stopped (exit code 3)"
    assert sorted(seen) == ["crash.yaml", "first.yaml", "last.yaml"]
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["first.html", "last.html"]


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_usable_cpus_follow_the_affinity_not_the_machine() -> None:
    # As in a container given one CPU of a larger machine, or `taskset -c 0`.
    code = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
        "from assembler.cpus import usable_cpus; print(usable_cpus())"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.split() == ["1"]


def test_the_pool_defaults_to_the_cpus_this_process_may_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = []
    for name in ("first", "second", "third"):
        spec = tmp_path / f"{name}.yaml"
        spec.write_text(SMALL.replace("outputs: [docx, pdf]", "outputs: [html]"), "utf-8")
        specs.append(spec)
    started: list[object] = []
    start = batch._start
    monkeypatch.setattr(batch, "usable_cpus", lambda: 1)
    monkeypatch.setattr(batch, "_start", lambda builder: started.append(builder) or start(builder))
    builder = WarmBuilder(DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES, tmp_path)
    outcomes = run(builder, plan(specs, [None], [None]))
    assert [o.ok for o in outcomes] == [True, True, True]
    assert len(started) == 1
    assert sorted(p.name for p in tmp_path.glob("*.html")) == [
        "first.html",
        "second.html",
        "third.html",
    ]
