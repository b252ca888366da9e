"""One writer at a time on a folder (the glossary, a corpus root): an exclusive advisory lock on
`<folder>/.assembler.lock`, held while a command reads, changes and writes the folder's files.
Readers take no lock: every write is atomic (assembler.atomic), so they see old or new files."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assembler.errors import AssemblerError

LOCK_NAME = ".assembler.lock"


@contextmanager
def folder_lock(folder: Path, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold the folder's lock; wait up to `timeout` seconds for another writer to finish.

    The lock is the kernel's (flock): a process killed with -9 releases it, so a stale lock file
    never blocks the next run."""
    path = folder / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise AssemblerError(
            f"cannot create the lock file: {exc.strerror}",
            path=path,
            hint="check that the folder exists and is writable",
        ) from exc
    try:
        if not wait_for_flock(fd, timeout):
            raise AssemblerError(
                f"another assembler command has been changing {folder} for {timeout:.0f} s",
                path=path,
                hint="wait for it to finish, or stop it, then run this command again",
            )
        yield
    finally:
        os.close(fd)


def wait_for_flock(fd: int, timeout: float) -> bool:
    """Take an exclusive flock on `fd`, polling for up to `timeout` seconds; False when another
    process still holds it then. Other OS errors (a file system without flock) propagate."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
