"""The warm builder behind `build --watch` (and the web workspace's preview): a one-word edit
of a note gives a rebuilt PDF with the new word; a broken spec gives its file:line message and
the next fix builds again; a save that changes nothing renders nothing. And the watch loop
itself, on real file events in a temporary folder."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from assembler.build.warm import BuildResult, WarmBuilder
from assembler.build.watch import relevant, watch
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES
from assembler.render import pdfworker

SPEC = (
    "title: 小型简报\nmeeting: {from: ccpcj28-terrorism-ta}\noutputs: [docx, pdf]\n"
    "sections:\n  - heading: 导言\n    note: 秘书长的报告回顾技术援助工作。\n"
    "    select:\n      - ccpcj28-terrorism-ta: 1-2\n"
)


def pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=data, check=True, capture_output=True)
    return "".join(done.stdout.decode("utf-8").split())


@pytest.fixture
def builder(tmp_path: Path) -> WarmBuilder:
    return WarmBuilder(DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES, tmp_path / "out")


def test_a_note_edit_rebuilds_with_the_new_word_in_the_warm_process(
    builder: WarmBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warm process has WeasyPrint loaded: a PDF process forked for each rebuild would only
    copy it."""

    def no_child(*args: object) -> None:
        raise AssertionError("a warm rebuild started a PDF process")

    monkeypatch.setattr(pdfworker.PdfWorker, "__init__", no_child)
    spec = tmp_path / "pack.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    first = builder.rebuild(spec)
    assert first.ok, first.error
    assert [w.path.name for w in first.written] == ["pack.docx", "pack.pdf"]
    assert "回顾技术援助工作" in pdf_text(first.rendered["pdf"].data)

    spec.write_text(SPEC.replace("技术援助工作", "培训援助工作"), encoding="utf-8")
    second = builder.rebuild(spec)
    assert second.ok, second.error
    assert "glossary" in second.reused and "outputs" not in second.reused
    on_disk = (tmp_path / "out" / "pack.pdf").read_bytes()
    assert "回顾培训援助工作" in pdf_text(on_disk)
    assert "回顾技术援助工作" not in pdf_text(on_disk)


def test_a_broken_spec_says_where_and_the_fix_builds(builder: WarmBuilder, tmp_path: Path) -> None:
    spec = tmp_path / "pack.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert builder.rebuild(spec, write=False).ok
    spec.write_text(SPEC.replace("    select:", "    selcet:"), encoding="utf-8")
    broken = builder.rebuild(spec)
    assert not broken.ok and broken.error is not None
    assert broken.error.startswith(f"{spec}:7:") and "select" in broken.error
    assert not (tmp_path / "out").exists()  # nothing written by the failed build
    spec.write_text(SPEC.replace("导言", "引言"), encoding="utf-8")
    fixed = builder.rebuild(spec)
    assert fixed.ok, fixed.error
    assert "引言" in pdf_text(fixed.rendered["pdf"].data)


def test_an_unchanged_save_renders_nothing(builder: WarmBuilder, tmp_path: Path) -> None:
    spec = tmp_path / "pack.yaml"
    spec.write_text(SPEC.replace("[docx, pdf]", "[pdf]"), encoding="utf-8")
    first = builder.rebuild(spec, write=False)
    again = builder.rebuild(spec, write=False)
    assert first.ok and again.ok
    assert {"glossary", "pack", "outputs"} <= set(again.reused)
    assert again.rendered["pdf"].data == first.rendered["pdf"].data
    assert "pdf" not in again.stages


def test_only_the_files_a_build_reads_count(builder: WarmBuilder, tmp_path: Path) -> None:
    spec = tmp_path / "pack.yaml"
    check = relevant(builder, spec)
    assert check(spec)
    assert check(DEFAULT_GLOSSARY / "treaties.yaml")
    assert check(DEFAULT_TEMPLATES / "pack.css")
    assert not check(tmp_path / "other.yaml")
    assert not check(tmp_path / ".pack.yaml.abc.tmp")
    assert not check(tmp_path / "out" / "pack.pdf")
    assert not check(DEFAULT_GLOSSARY / "README.md")
    assert not check(DEFAULT_TEMPLATES / "web" / "base.html")


def test_the_watch_loop_rebuilds_on_a_save_and_stops(builder: WarmBuilder, tmp_path: Path) -> None:
    spec = tmp_path / "pack.yaml"
    spec.write_text(SPEC.replace("[docx, pdf]", "[html]"), encoding="utf-8")
    results: list[tuple[BuildResult, tuple[Path, ...]]] = []
    built = threading.Semaphore(0)
    stop = threading.Event()

    def report(result: BuildResult, changed: tuple[Path, ...]) -> None:
        results.append((result, changed))
        built.release()

    # Watch only the spec's folder here: the project's folders change under other tests.
    builder.watched_roots = lambda _spec: (tmp_path,)  # type: ignore[method-assign]
    loop = threading.Thread(target=watch, args=(builder, spec, report), kwargs={"stop": stop})
    loop.start()
    try:
        assert built.acquire(timeout=60)
        (tmp_path / "notes.txt").write_text("not read by the build", encoding="utf-8")
        spec.write_text(SPEC.replace("[docx, pdf]", "[html]").replace("导言", "引言"), "utf-8")
        assert built.acquire(timeout=60)
    finally:
        stop.set()
        loop.join(timeout=30)
    assert not loop.is_alive()
    (first, none), (second, changed) = results
    assert first.ok and none == ()
    assert second.ok and changed == (spec,)
    assert "引言" in second.rendered["html"].data.decode("utf-8")


def test_a_save_made_while_the_first_build_runs_is_not_lost(
    builder: WarmBuilder, tmp_path: Path
) -> None:
    # The save lands before the first result is reported: the watcher must already be running.
    spec = tmp_path / "pack.yaml"
    spec.write_text(SPEC.replace("[docx, pdf]", "[html]"), encoding="utf-8")
    results: list[BuildResult] = []
    built = threading.Semaphore(0)
    stop = threading.Event()

    def report(result: BuildResult, changed: tuple[Path, ...]) -> None:
        if not results:
            spec.write_text(SPEC.replace("[docx, pdf]", "[html]").replace("导言", "引言"), "utf-8")
        results.append(result)
        built.release()

    builder.watched_roots = lambda _spec: (tmp_path,)  # type: ignore[method-assign]
    loop = threading.Thread(target=watch, args=(builder, spec, report), kwargs={"stop": stop})
    loop.start()
    try:
        assert built.acquire(timeout=60)
        assert built.acquire(timeout=60), "the save during the first build was missed"
    finally:
        stop.set()
        loop.join(timeout=30)
    assert "引言" in results[1].rendered["html"].data.decode("utf-8")
