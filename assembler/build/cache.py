"""Content keys and small caches for builds that stay in one process (warm.py, batch.py).

A cache entry is keyed by what it was made from, read from disk every time: the sha256 of the
files (the spec, the glossary folder, the corpus records, the templates). File times are not
trusted: two saves within a timestamp's granularity, or a file put back as it was, must still
give the right answer. Hashing the whole input (under 1 MB for the bundled project) costs a few
milliseconds, nothing beside a render.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

# What each input folder holds that a build reads; anything else there (a README, the web
# workspace's templates, editor backups) changes no pack.
GLOSSARY_FILES = ("*.yaml", "protected.txt")
RECORD_FILES = ("*.jsonl", "*.meta.json")
TEMPLATE_FILES = ("*.j2", "*.css", "*.docx", "locale/*/LC_MESSAGES/*.po", "*.woff2", "*.otf")


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes; of nothing for a file that is not there (a build then
    fails on it with its own message)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return "missing"


def files_in(root: Path, patterns: Iterable[str]) -> list[Path]:
    """The files of `root` matching any of `patterns` (glob patterns relative to it), sorted."""
    found = {path for pattern in patterns for path in root.glob(pattern) if path.is_file()}
    return sorted(found)


def tree_digest(root: Path, patterns: Iterable[str]) -> str:
    """One key for the matching files of a folder: their names and contents."""
    digest = hashlib.sha256()
    for path in files_in(root, patterns):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(file_digest(path).encode("ascii") + b"\n")
    return digest.hexdigest()


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class Memo(Generic[K, V]):
    """The last `size` values made, by key: a watch session alternates between few states
    (an edit, its undo), a batch between few variants."""

    size: int = 8
    entries: OrderedDict[K, V] = field(default_factory=OrderedDict)
    hits: int = 0

    def get(self, key: K, make: Callable[[], V]) -> V:
        if key in self.entries:
            self.entries.move_to_end(key)
            self.hits += 1
            return self.entries[key]
        value = make()
        self.entries[key] = value
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self.entries


@dataclass
class TextMemo:
    """A text function (a script converter) with its results kept: after a one-word edit
    only the changed paragraph is converted again. Bounded: the oldest half goes when full."""

    function: Callable[[str], str]
    limit: int = 50_000
    results: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> str:
        found = self.results.get(text)
        if found is None:
            found = self.results[text] = self.function(text)
            if len(self.results) > self.limit:
                for old in list(self.results)[: self.limit // 2]:
                    del self.results[old]
        return found
