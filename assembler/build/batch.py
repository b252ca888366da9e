"""Batch builds: every variant (script x language) of every spec in one call, on a pool of
worker processes that share one warm start.

The parent loads what every build needs once (the writers' imports, the glossary, the OpenCC
dictionaries of the scripts asked for) and then forks one worker per build, at most `workers`
at a time: each inherits the loaded state instead of loading it again, and a crash or a bad
spec stays in its worker. A worker writes its variant's outputs atomically, and only when all
of them rendered (see WarmBuilder), then sends back what it wrote or its error. Forking (not
spawning) is what shares the start: fork is the default start method on Linux, which this
project targets.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from assembler.build.driver import Overrides, Written, output_name
from assembler.build.warm import BuildResult, WarmBuilder, error_message
from assembler.cpus import usable_cpus
from assembler.errors import AssemblerError
from assembler.pack.spec import load_spec
from assembler.script.variants import get_variant


@dataclass(frozen=True)
class Job:
    """One output set: a spec built in one script and language (None: the spec's own)."""

    spec: Path
    overrides: Overrides

    @property
    def label(self) -> str:
        parts = [p for p in (self.overrides.script, self.overrides.language) if p is not None]
        return f"{self.spec} [{', '.join(parts)}]" if parts else str(self.spec)


@dataclass(frozen=True)
class Outcome:
    """What a job did: the files written, or its error; picklable."""

    job: Job
    written: tuple[Written, ...] = ()
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def plan(
    specs: Sequence[Path],
    scripts: Sequence[str | None],
    languages: Sequence[str | None],
    formats: tuple[str, ...] | None = None,
) -> list[Job]:
    """Every spec in every script and language, in that order (None: the spec's own), each
    once."""
    jobs = (
        Job(spec, Overrides(script=script, language=language, formats=formats))
        for spec in specs
        for script in scripts
        for language in languages
    )
    return list(dict.fromkeys(jobs))


def output_stem(job: Job) -> str:
    """The name a job's outputs get (out/<stem>.pdf), as the build itself names them."""
    loaded = load_spec(job.spec)
    script = job.overrides.script or loaded.spec.script
    language = job.overrides.language or loaded.spec.language
    own = (loaded.spec.script, loaded.spec.language)
    return output_name(loaded.name, (get_variant(script).name, language), own)


def check_jobs(jobs: Sequence[Job]) -> tuple[list[Job], list[Outcome]]:
    """The jobs that can run, and the outcomes of those that cannot: a spec that does not
    load, or a job that would write the same files as an earlier one (two specs of one name,
    or --script hant beside the spec's own hant). Jobs are distinct (see plan)."""
    runnable: list[Job] = []
    refused: list[Outcome] = []
    stems: dict[str, Job] = {}
    for job in dict.fromkeys(jobs):
        try:
            stem = output_stem(job)
        except Exception as error:  # reported with the job; the others still run
            refused.append(Outcome(job, error=error_message(error)))
            continue
        first = stems.setdefault(stem, job)
        if first is not job:
            message = AssemblerError(
                f"would write the same files as {first.label} ({stem}.*)",
                path=job.spec,
                hint="give one of the specs another `name`",
            )
            refused.append(Outcome(job, error=str(message)))
            continue
        runnable.append(job)
    return runnable, refused


def _serve(builder: WarmBuilder, channel: Connection) -> None:
    """A worker: build the jobs it is sent, one at a time, until it is sent None. Its builder
    stays warm from one job to the next (WeasyPrint's first document, the fonts' coverage
    tables, converters). A crash sends nothing: the parent reads EOF (see run)."""
    while (job := channel.recv()) is not None:
        channel.send(outcome_of(job, builder.rebuild(job.spec, job.overrides)))
    channel.close()


def outcome_of(job: Job, result: BuildResult) -> Outcome:
    return Outcome(job, result.written, result.error, result.seconds)


@dataclass
class _Worker:
    process: BaseProcess
    channel: Connection
    job: Job | None = None  # the job it is building
    started: float = 0.0

    def give(self, job: Job) -> None:
        self.job, self.started = job, time.perf_counter()
        self.channel.send(job)


def _start(builder: WarmBuilder) -> _Worker:
    # Forked, so the worker inherits the warm builder; daemonic, so it renders the PDF itself
    # rather than in a process of its own (render/pdfworker.py): the pool already fills the
    # CPUs. It ends with its parent.
    mine, theirs = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_serve, args=(builder, theirs), daemon=True
    )
    process.start()
    theirs.close()
    return _Worker(process, mine)


def run(
    builder: WarmBuilder,
    jobs: Sequence[Job],
    workers: int | None = None,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Run `jobs` (distinct, see plan) on a pool of up to `workers` forked worker processes
    (default: one per CPU this process may use), calling `on_done` as each job finishes; the
    outcomes in the order of `jobs`. A worker that dies fails its job alone and is replaced.
    Ctrl-C stops the workers (their outputs are written atomically: none is left half-written)."""
    runnable, refused = check_jobs(jobs)
    for outcome in refused:
        on_done(outcome)
    done: dict[Job, Outcome] = {o.job: o for o in refused}
    if runnable:
        builder.warm({job.overrides.script or load_spec(job.spec).spec.script for job in runnable})
    waiting = deque(runnable)
    pool: dict[Connection, _Worker] = {}
    try:
        for _ in range(min(max(1, workers or usable_cpus()), len(waiting))):
            worker = _start(builder)
            worker.give(waiting.popleft())
            pool[worker.channel] = worker
        while any(w.job is not None for w in pool.values()):
            for ready in wait([c for c, w in pool.items() if w.job is not None]):
                assert isinstance(ready, Connection)
                worker = pool[ready]
                outcome = _receive(worker)
                done[outcome.job] = outcome
                on_done(outcome)
                if worker.job is not None:  # it died: a new one takes the next job
                    del pool[ready]
                    ready.close()
                    if not waiting:
                        continue
                    worker = _start(builder)
                    pool[worker.channel] = worker
                if waiting:
                    worker.give(waiting.popleft())
    finally:
        for worker in pool.values():
            if worker.job is not None or not _stop(worker):
                worker.process.terminate()
        for worker in pool.values():
            worker.process.join()
            worker.channel.close()
    return [done[job] for job in dict.fromkeys(jobs)]


def _stop(worker: _Worker) -> bool:
    """Ask an idle worker to end; False if it cannot be asked (it died meanwhile)."""
    try:
        worker.channel.send(None)
    except OSError:
        return False
    return True


def _receive(worker: _Worker) -> Outcome:
    """The outcome of the worker's job; a worker that died (EOF) keeps its job, failed."""
    job = worker.job
    assert job is not None
    try:
        outcome: Outcome = worker.channel.recv()
    except (EOFError, OSError):
        worker.process.join()
        return Outcome(
            job,
            error=f"the worker building it stopped (exit code {worker.process.exitcode})",
            seconds=time.perf_counter() - worker.started,
        )
    worker.job = None
    return replace(outcome, job=job)
