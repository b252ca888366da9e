"""Fewer runs of Python's cyclic garbage collector while a stage makes many objects that
live until it ends and hold few reference cycles.

- WeasyPrint's layout and drawing (render/pdf.py): boxes, styles and Pango wrappers live
  until the PDF is written. With the default thresholds the collector walked them again and
  again as they accumulated: 1.4 s of an 87-page pack's 8.2 s of layout and drawing, 2.8 s
  of a 220-page one's 17.7 s. With a first generation a hundred times larger and older
  generations collected rarely, that falls to 0.15 s; the cycles it leaves (about 18 MiB on
  87 pages) are left to the collections that follow once the thresholds are restored.
- Ingest (corpus/ingest.py): every line, span of the ledger and block of a source lives until
  its records are built; the collector took ~8% of a long report's ingest.

The thresholds are the process's: renders in one process take turns (render/pdf.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (100_000, 50, 100)


@contextmanager
def rare_collections() -> Iterator[None]:
    """The cyclic collector runs rarely for the duration of the block."""
    saved = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)
