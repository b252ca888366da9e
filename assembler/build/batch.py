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
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from assembler.build.driver import Overrides, Written, output_name
from assembler.build.warm import BuildResult, WarmBuilder, error_message
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


def _work(builder: WarmBuilder, job: Job, channel: Connection) -> None:
    """A worker: one build, its outcome sent back (a crash sends nothing; see run)."""
    result = builder.rebuild(job.spec, job.overrides)
    channel.send(outcome_of(job, result))
    channel.close()


def outcome_of(job: Job, result: BuildResult) -> Outcome:
    return Outcome(job, result.written, result.error, result.seconds)


@dataclass
class _Running:
    job: Job
    process: BaseProcess
    started: float


def run(
    builder: WarmBuilder,
    jobs: Sequence[Job],
    workers: int | None = None,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Run `jobs` (distinct, see plan) on up to `workers` (default: the CPU count) forked
    workers, calling `on_done` as each finishes; the outcomes in the order of `jobs`. Ctrl-C
    stops the workers (their outputs are written atomically: none is left half-written)."""
    runnable, refused = check_jobs(jobs)
    for outcome in refused:
        on_done(outcome)
    builder.warm({job.overrides.script or load_spec(job.spec).spec.script for job in runnable})
    limit = max(1, workers or os.cpu_count() or 1)
    context = multiprocessing.get_context("fork")
    waiting = deque(runnable)
    running: dict[Connection, _Running] = {}
    done: dict[Job, Outcome] = {o.job: o for o in refused}
    try:
        while waiting or running:
            while waiting and len(running) < limit:
                job = waiting.popleft()
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(target=_work, args=(builder, job, writer), daemon=True)
                process.start()
                writer.close()  # the worker holds the other end: EOF when it dies
                running[reader] = _Running(job, process, time.perf_counter())
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                task = running.pop(ready)
                outcome = _receive(ready, task)
                done[task.job] = outcome
                on_done(outcome)
    finally:
        for task in running.values():
            task.process.terminate()
            task.process.join()
    return [done[job] for job in dict.fromkeys(jobs)]


def _receive(reader: Connection, task: _Running) -> Outcome:
    try:
        outcome: Outcome = reader.recv()
    except (EOFError, OSError):
        task.process.join()
        return Outcome(
            task.job,
            error=f"the worker building it stopped (exit code {task.process.exitcode})",
            seconds=time.perf_counter() - task.started,
        )
    finally:
        reader.close()
    task.process.join()
    return replace(outcome, job=task.job)
