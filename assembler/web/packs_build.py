"""Builds and page previews for the packs workspace, off the request threads.

One worker thread runs every build and preview in turn: WeasyPrint keeps a core busy for
seconds, the machine has few, and the warm builder (assembler.build.warm, as `build --watch`
uses it) serves one thread at a time, keeping the glossary, pack models, converters and
rendered outputs keyed by their content between builds. A job records its stages as the
builder reports them, so a page can poll its progress.

A preview is the PDF rendered in memory and its pages as PNGs at ~60 dpi, cached under
out/.preview/<key>/ where the key hashes the spec's text, the variant and the state of the
corpus and glossary files: an unchanged spec is shown at once, an edited one is rendered anew.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import shutil
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from assembler import atomic
from assembler.build.driver import Overrides
from assembler.build.warm import WarmBuilder, error_message

PREVIEW_DPI = 60
PREVIEW_KEEP = 24  # previews kept in out/.preview (the oldest go first)
JOBS_KEEP = 50

State = Literal["queued", "running", "done", "failed"]


@dataclass(frozen=True)
class Output:
    name: str  # the file name in the out folder
    format: str
    size: int
    pages: int | None


@dataclass
class Job:
    """One build, as the progress page and the JSON API show it."""

    id: str
    spec: str
    script: str | None
    language: str | None
    formats: tuple[str, ...] | None
    state: State = "queued"
    stages: list[tuple[str, float]] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def pages(self) -> int | None:
        return next((o.pages for o in self.outputs if o.format == "pdf"), None)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "spec": self.spec,
            "state": self.state,
            "script": self.script,
            "language": self.language,
            "outputs": [
                {"path": o.name, "format": o.format, "size": o.size, "pages": o.pages}
                for o in self.outputs
            ],
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "stages": {name: round(seconds, 3) for name, seconds in self.stages},
            "error": self.error,
        }


@dataclass(frozen=True)
class Preview:
    key: str
    pages: tuple[str, ...] = ()  # PNG file names under out/.preview/<key>/
    error: str | None = None
    pending: bool = False


def fingerprint(folder: Path, pattern: str) -> str:
    """The names, sizes and modification times of a folder's files: changes when they do."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and not path.name.startswith("."):
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def pdf_pages_to_png(pdf: bytes, folder: Path, dpi: int = PREVIEW_DPI) -> tuple[str, ...]:
    """Each page of `pdf` as page-001.png, ... in `folder` (written atomically)."""
    document = pdfium.PdfDocument(pdf)
    names = []
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72).to_pil()
            name = f"page-{index + 1:03d}.png"
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            atomic.write_bytes(folder / name, buffer.getvalue())
            names.append(name)
            page.close()
    finally:
        document.close()
    return tuple(names)


class Workshop:
    """The build queue of one server: jobs, previews, and the warm corpus and glossary."""

    def __init__(self, corpus: Path, glossary: Path, templates: Path, out: Path) -> None:
        self.corpus_dir, self.glossary_dir = corpus, glossary
        self.templates, self.out = templates, out
        self.preview_dir = out / ".preview"
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="assembler-build")
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._previews: dict[str, Future[Preview]] = {}
        self._ids = itertools.count(1)
        self._builder: WarmBuilder | None = None

    # -- state the worker keeps ----------------------------------------------------------------
    def sources_print(self) -> str:
        return hashlib.sha256((self._corpus_print() + self._terms_print()).encode()).hexdigest()

    def _corpus_print(self) -> str:
        return fingerprint(self.corpus_dir / "records", "*")

    def _terms_print(self) -> str:
        return fingerprint(self.glossary_dir, "*")

    def _warm(self) -> WarmBuilder:
        """Called on the worker thread only: the warm builder serves one thread at a time."""
        if self._builder is None:
            self._builder = WarmBuilder(
                self.corpus_dir, self.glossary_dir, self.templates, self.out
            )
        return self._builder

    # -- builds --------------------------------------------------------------------------------
    def submit(
        self,
        spec_path: Path,
        spec: str,
        script: str | None = None,
        language: str | None = None,
        formats: tuple[str, ...] | None = None,
    ) -> Job:
        with self._lock:
            job = Job(f"b{next(self._ids)}", spec, script, language, formats)
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-JOBS_KEEP]:
                if self._jobs[old].finished:
                    del self._jobs[old]
        self._executor.submit(self._run, job, spec_path)
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job: Job, timeout: float = 600.0) -> Job:
        """Block until `job` finishes (the JSON API answers with the result)."""
        deadline = time.monotonic() + timeout
        while not job.finished and time.monotonic() < deadline:
            time.sleep(0.05)
        return job

    def _run(self, job: Job, spec_path: Path) -> None:
        job.state = "running"
        start = time.perf_counter()

        def progress(stage: str, seconds: float) -> None:
            job.stages.append((stage, seconds))

        try:
            builder = self._warm()
            builder.progress = progress
            try:
                result = builder.rebuild(
                    spec_path, Overrides(job.script, job.language, job.formats), write=True
                )
            finally:
                builder.progress = None
        except Exception as exc:  # a builder that cannot start (no corpus): said, not hung
            job.error, job.state = error_message(exc), "failed"
            job.seconds = time.perf_counter() - start
            return
        if result.ok:
            job.outputs = [Output(w.path.name, w.format, w.size, w.pages) for w in result.written]
            job.state = "done"
        else:
            job.error, job.state = result.error, "failed"
        job.seconds = time.perf_counter() - start

    # -- previews ------------------------------------------------------------------------------
    def preview_key(self, spec_text: str, script: str, language: str) -> str:
        material = "\0".join((spec_text, script, language, self.sources_print()))
        return hashlib.sha256(material.encode()).hexdigest()[:32]

    def preview(self, spec_path: Path, script: str = "", language: str = "") -> Preview:
        """The preview of the spec as it is now: ready, pending (a render was queued) or
        failed. Never blocks on a render."""
        text = spec_path.read_text(encoding="utf-8")
        key = self.preview_key(text, script, language)
        folder = self.preview_dir / key
        if (folder / "done").is_file():
            return Preview(key, tuple(sorted(p.name for p in folder.glob("page-*.png"))))
        with self._lock:
            future = self._previews.get(key)
            if future is None:
                future = self._executor.submit(
                    self._render_preview, key, spec_path, text, script, language
                )
                self._previews[key] = future
        if not future.done():
            return Preview(key, pending=True)
        result = future.result()
        if result.error is not None:
            with self._lock:
                # A failed preview is tried again on the next change (or reload).
                self._previews.pop(key, None)
        return result

    def _render_preview(
        self, key: str, spec_path: Path, text: str, script: str, language: str
    ) -> Preview:
        try:
            result = self._warm().rebuild(
                spec_path, Overrides(script or None, language or None, ("pdf",)), write=False
            )
        except Exception as exc:
            return Preview(key, error=error_message(exc))
        if spec_path.read_text(encoding="utf-8") != text:
            # Edited again while this waited in the queue: the next poll asks for the preview
            # of the new text; this one would be cached under the wrong key.
            with self._lock:
                self._previews.pop(key, None)
            return Preview(key, pending=True)
        if not result.ok or "pdf" not in result.rendered:
            return Preview(key, error=result.error or "no PDF was rendered")
        folder = self.preview_dir / key
        pages = pdf_pages_to_png(result.rendered["pdf"].data, folder)
        atomic.write_text(folder / "done", f"{len(pages)}\n")
        self._prune()
        return Preview(key, pages)

    def _prune(self) -> None:
        folders = [p for p in self.preview_dir.iterdir() if p.is_dir()]
        folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in folders[PREVIEW_KEEP:]:
            shutil.rmtree(old, ignore_errors=True)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
