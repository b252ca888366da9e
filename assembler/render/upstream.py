"""Which WeasyPrint a copied routine was checked against.

Some extensions replace a WeasyPrint function by a faster one that must do exactly what it
does (render/computed_styles.py, render/pango_setup.py). pyproject.toml accepts other versions
than the one in the lock, so each names the digest of the upstream source it reproduces and
patches nothing where the installed source differs (render/patching.py, `checked`): another
WeasyPrint then runs as it is, slower but as its authors wrote it, and the tests (which check
the digests of the installed version) say which copy to check again.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Callable
from typing import Any


@functools.cache  # a function's source does not change while it lives; reading it takes ~1.5 ms
def source_digest(function: Callable[..., Any]) -> str | None:
    """SHA-256 of `function`'s source, or None where its source cannot be read."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return None
    return hashlib.sha256(source.encode()).hexdigest()


def is_checked(function: Callable[..., Any], digest: str) -> bool:
    """Whether `function` is the upstream source a copy was checked against."""
    return source_digest(function) == digest
