"""Two writers at once: every add and edit reported as done is in the files afterwards.

Each write holds the glossary folder's lock (assembler.locking) from reading the glossary to
replacing the file; without it, 3 of 32 concepts two concurrent `glossary add` runs reported as
added were missing afterwards (each run wrote back the file it had read, without the other's)."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from assembler import locking
from assembler.errors import AssemblerError
from assembler.glossary import edit
from assembler.glossary.model import Concept, Term
from assembler.glossary.store import glossary_files, load_glossary

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "glossary"
ROUNDS = 50
WRITERS = ("a", "b")
# Both writers append to one file, the likeliest to lose a concurrent write.
TARGET = "terrorist-groups"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "glossary"
    # Without the lock file a writer of the bundled folder leaves behind.
    shutil.copytree(BUNDLED, copy, ignore=shutil.ignore_patterns(".assembler.lock"))
    return copy


def new_concept(writer: str, n: int) -> Concept:
    return Concept(
        id=f"concurrency-{writer}-{n}",
        subject="Concurrency test",
        terms=(
            Term(f"并发测试{writer}{n}号", "zh-Hans", "preferred"),
            Term(f"Concurrency test {writer} {n}", "en", "preferred"),
        ),
    )


def edited_ids(folder: Path) -> dict[str, list[str]]:
    """Existing concepts for each writer to edit: neighbours go to different writers, so both
    edit the same files at the same time, never the same concept."""
    ids = [c.id for c in load_glossary(folder).concepts][: ROUNDS * len(WRITERS)]
    return {writer: ids[k :: len(WRITERS)] for k, writer in enumerate(WRITERS)}


def note_of(writer: str, n: int) -> str:
    return f"edited by {writer} in round {n}"


def set_notes(note: str) -> Callable[[Concept], Concept]:
    """The concept's note and its first term's note."""

    def change(concept: Concept) -> Concept:
        first = concept.terms[0]
        concept = edit.replace_term(concept, first, dataclasses.replace(first, note=note))
        return dataclasses.replace(concept, note=note)

    return change


# (add, edit, error or end; writer; round; the concept edited, or the error)
Report = tuple[str, str, int, str]


def writer_rounds(folder: str, writer: str, ids: list[str], done: Queue[Report]) -> None:
    """ROUNDS adds, then ROUNDS edits; each one is reported to `done` once the call returned."""
    path = Path(folder)
    target = edit.file_in(path, TARGET)
    n = 0
    try:
        for n in range(ROUNDS):
            edit.add_concept(path, new_concept(writer, n), target)
            done.put(("add", writer, n, ""))
        for n, concept_id in enumerate(ids):
            edit.update_concept(path, concept_id, set_notes(note_of(writer, n)), "notes")
            done.put(("edit", writer, n, concept_id))
    except AssemblerError as error:
        done.put(("error", writer, n, str(error)))
    finally:
        done.put(("end", writer, 0, ""))


def test_two_writers_lose_no_add_and_no_edit(folder: Path) -> None:
    ids = edited_ids(folder)
    assert [len(ids[w]) for w in WRITERS] == [ROUNDS, ROUNDS]
    context = multiprocessing.get_context("spawn")
    done: Queue[Report] = context.Queue()
    started = time.monotonic()
    workers = [
        context.Process(target=writer_rounds, args=(str(folder), w, ids[w], done)) for w in WRITERS
    ]
    for worker in workers:
        worker.start()
    reports: list[Report] = []
    while sum(kind == "end" for kind, *_ in reports) < len(WRITERS):
        reports.append(done.get(timeout=120))
    for worker in workers:
        worker.join(timeout=60)
    elapsed = time.monotonic() - started
    assert [w.exitcode for w in workers] == [0, 0]
    assert [r for r in reports if r[0] == "error"] == []

    glossary = load_glossary(folder)  # loads: every rule still holds
    by_id = glossary.by_id()
    added = [(w, n) for kind, w, n, _ in reports if kind == "add"]
    edits = [(w, n, c) for kind, w, n, c in reports if kind == "edit"]
    assert len(added) == len(edits) == len(WRITERS) * ROUNDS
    missing = [new_concept(w, n).id for w, n in added if new_concept(w, n).id not in by_id]
    assert missing == []
    for w, n in added:
        concept = by_id[new_concept(w, n).id]
        assert concept == new_concept(w, n)
        assert concept.place is not None
        assert concept.place.file == str(folder / f"{TARGET}.yaml")
    lost = [
        (concept_id, note_of(w, n))
        for w, n, concept_id in edits
        if by_id[concept_id].note != note_of(w, n)
        or by_id[concept_id].terms[0].note != note_of(w, n)
    ]
    assert lost == []
    assert sorted(p.name for p in folder.glob(".*")) == [locking.LOCK_NAME]
    print(f"{len(added) + len(edits)} writes by {len(WRITERS)} processes in {elapsed:.1f} s")


def test_concurrent_cli_adds_all_land(folder: Path) -> None:
    """The command line goes through the same locked functions: ten `glossary add` processes
    started at once all report success, and all ten concepts are in the file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "assembler",
                "--glossary",
                str(folder),
                "glossary",
                "add",
                f"cli-{n}",
                "--file",
                TARGET,
                "--zh",
                f"命令行测试{n}号",
                "--en",
                f"Command line test {n}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(10)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    assert [(code, err) for code, _, err in results] == [(0, "")] * 10
    assert all(out.startswith(f"added cli-{n} in ") for n, (_, out, _) in enumerate(results))
    ids = {c.id for c in load_glossary(folder).concepts}
    assert {f"cli-{n}" for n in range(10)} <= ids


def test_the_lock_file_is_never_read_as_a_glossary_file(folder: Path) -> None:
    (folder / locking.LOCK_NAME).write_text("concepts: [not a concept]\n", encoding="utf-8")
    before = load_glossary(folder)
    assert locking.LOCK_NAME not in [p.name for p in glossary_files(folder)]
    edit.add_concept(folder, new_concept("a", 0), edit.file_in(folder, TARGET))
    assert len(load_glossary(folder).concepts) == len(before.concepts) + 1


def test_a_write_clears_the_temporary_files_a_killed_run_left(folder: Path) -> None:
    stale = folder / f".{TARGET}.yaml.k1ll3d.tmp"
    stale.write_text("concepts:\n  - id: half-writ", encoding="utf-8")
    edit.add_concept(folder, new_concept("a", 0), edit.file_in(folder, TARGET))
    assert not stale.exists()
    assert sorted(p.name for p in folder.glob(".*")) == [locking.LOCK_NAME]


def test_a_dry_run_takes_no_lock(folder: Path) -> None:
    """A dry run only reads, as `glossary lookup` does: it leaves no lock file and works in a
    folder nobody may write in."""
    edit.add_concept(folder, new_concept("a", 0), edit.file_in(folder, TARGET), dry_run=True)
    edit.update_concept(folder, "unodc", set_notes("x"), "notes", dry_run=True)
    edit.remove_concept(folder, "unodc", dry_run=True)
    assert list(folder.glob(".*")) == []


def test_a_writer_waits_for_the_lock_and_then_sees_the_other_writers_change(
    folder: Path,
) -> None:
    """While another process holds the lock, an add waits; once it is free, the add is planned
    from the files as they are then."""
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    release = context.Event()
    holder = context.Process(target=_hold_lock_and_add, args=(str(folder), ready, release))
    holder.start()
    assert ready.wait(timeout=60)
    waiter = context.Process(target=_add_one, args=(str(folder), "b"))
    waiter.start()
    time.sleep(1.0)
    assert waiter.is_alive()  # waiting for the lock
    release.set()
    holder.join(timeout=60)
    waiter.join(timeout=60)
    assert (holder.exitcode, waiter.exitcode) == (0, 0)
    ids = {c.id for c in load_glossary(folder).concepts}
    assert {new_concept("a", 0).id, new_concept("b", 0).id} <= ids


def _hold_lock_and_add(folder: str, ready: Event, release: Event) -> None:
    path = Path(folder)
    with locking.folder_lock(path):
        ready.set()
        release.wait(timeout=60)
        change = edit.plan_add(path, new_concept("a", 0), edit.file_in(path, TARGET))
        edit.write_unlocked(change)


def _add_one(folder: str, writer: str) -> None:
    path = Path(folder)
    edit.add_concept(path, new_concept(writer, 0), edit.file_in(path, TARGET))
