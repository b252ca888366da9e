"""`build --watch`: rebuild a spec whenever what it is built from changes, in one warm process.

The spec's folder, the glossary, the corpus records and the templates are watched through
watchfiles (inotify; no polling loop). Only the files a build reads count: the spec itself,
the glossary's concept files and protected.txt, the records, the pack templates and their
catalogs; our own outputs and temporary files, editors' swap files and everything else in
those folders do not trigger a build. A burst of saves (an editor writing a file in several
steps, `git checkout`) makes one rebuild.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

import watchfiles

from assembler.build.cache import GLOSSARY_FILES, RECORD_FILES, TEMPLATE_FILES
from assembler.build.driver import Overrides
from assembler.build.warm import BuildResult, WarmBuilder

# Saves within this many milliseconds make one rebuild.
DEBOUNCE_MS = 150


def _matches(path: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    if not path.is_relative_to(root):
        return False
    relative = path.relative_to(root).as_posix()
    return any(fnmatch(relative, pattern) for pattern in patterns)


def relevant(builder: WarmBuilder, spec_path: Path) -> Callable[[Path], bool]:
    """Whether a changed path is one a build of `spec_path` reads."""
    spec = spec_path.resolve()
    inputs = (
        (builder.glossary_dir.resolve(), GLOSSARY_FILES),
        (builder.corpus.records_dir.resolve(), RECORD_FILES),
        (builder.templates.resolve(), TEMPLATE_FILES),
    )

    def check(path: Path) -> bool:
        path = path.resolve()
        if path.name.startswith(".") or path.name.endswith(("~", ".tmp", ".swp")):
            return False  # temporary files: atomic writes, editors
        return path == spec or any(_matches(path, root, names) for root, names in inputs)

    return check


def watch(
    builder: WarmBuilder,
    spec_path: Path,
    report: Callable[[BuildResult, tuple[Path, ...]], None],
    overrides: Overrides | None = None,
    *,
    stop: threading.Event | None = None,
) -> None:
    """Build now, then again after every relevant change, calling `report` with each result
    and the changed paths (none for the first build). A failed build is reported like any
    other and the watch goes on. Returns when `stop` is set or on Ctrl-C (SIGINT)."""
    check = relevant(builder, spec_path)
    # The watcher is running before the first build starts (its first, empty yield comes after
    # `rust_timeout` ms), so a save made while that build runs is seen, not lost.
    first = True
    for changes in watchfiles.watch(
        *builder.watched_roots(spec_path),
        watch_filter=lambda _change, path: check(Path(path)),
        debounce=DEBOUNCE_MS,
        step=50,
        stop_event=stop,
        raise_interrupt=False,
        yield_on_timeout=True,
        rust_timeout=100,
    ):
        if first:
            first = False
            report(builder.rebuild(spec_path, overrides), ())
        elif changes:
            changed = tuple(sorted({Path(path) for _change, path in changes}))
            report(builder.rebuild(spec_path, overrides), changed)
