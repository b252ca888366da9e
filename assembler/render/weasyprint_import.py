"""Importing WeasyPrint in a PDF process, without what a pack's PDF does not use: the import is
what a build's PDF process waits for before it can lay the pack out (render/pdfworker.py).

Two costs of WeasyPrint 70's import are left out or put off:
- Looking for C libraries. WeasyPrint tries several names for each library it loads, bare
  names first; cffi hands a bare name that does not load to `ctypes.util.find_library`, which
  runs `ldconfig -p` (and gcc) each time: ~0.2 s on a quiet machine, 0.6 s on a busy one. On
  Linux each list ends with the soname ("libpango-1.0.so.0"), which the dynamic loader finds
  wherever find_library would, so find_library is skipped.
- fontTools' subsetter and variable-font instancer (~80 ms of imports). WeasyPrint imports
  them for two fallbacks: subsetting a font where HarfBuzz-Subset is missing, and fixing the
  axes of a variable font. A pack's fonts are static and HarfBuzz subsets them, so neither is
  usually needed: during WeasyPrint's import both are stand-ins that import the real module
  the first time WeasyPrint uses it, and then do what it would have done.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from assembler.render.patching import patched

# The modules put off, with the names WeasyPrint imports from them (`from m import f`), which a
# stand-in holds as forwarding functions; a module imported whole (`from fontTools import
# subset`) imports the real one when an attribute is first read.
DEFERRED: dict[str, tuple[str, ...]] = {
    "fontTools.subset": (),
    "fontTools.varLib.instancer": ("instantiateVariableFont",),
}


# Taking a stand-in out of sys.modules and importing the real module is one step for threads
# (a web server's, or the font subsetting threads of render/parallel_subsets.py).
_SWAP = threading.Lock()


def real_module(name: str) -> types.ModuleType:
    """The module `name` itself, imported now if only its stand-in was."""
    with _SWAP:
        if isinstance(sys.modules.get(name), DeferredModule):
            del sys.modules[name]
        return importlib.import_module(name)


class DeferredModule(types.ModuleType):
    """A stand-in for a module: its attributes are the real module's, imported on first use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's probes (__path__, __file__...)
            raise AttributeError(name)
        return getattr(real_module(self.__name__), name)


def _forwarding(module: str, name: str) -> Any:
    def forwarded(*args: Any, **kwargs: Any) -> Any:
        return getattr(real_module(module), name)(*args, **kwargs)

    forwarded.__name__ = forwarded.__qualname__ = name
    return forwarded


@contextmanager
def deferred_modules() -> Iterator[None]:
    """Stand-ins for the DEFERRED modules not imported yet, for the duration of the block."""
    placed = [name for name in DEFERRED if name not in sys.modules]
    for name in placed:
        stand_in = DeferredModule(name)
        for function in DEFERRED[name]:
            setattr(stand_in, function, _forwarding(name, function))
        sys.modules[name] = stand_in
    try:
        yield
    finally:
        for name in placed:  # whoever imports one after the block gets the real module
            if isinstance(sys.modules.get(name), DeferredModule):
                del sys.modules[name]


@contextmanager
def no_library_search() -> Iterator[None]:
    """`ctypes.util.find_library` finding nothing, for the duration of the block (Linux)."""
    import ctypes.util

    with patched(ctypes.util, "find_library", lambda name: None):
        yield


_IMPORTING = threading.Lock()


def import_weasyprint() -> None:
    """Import the PDF writer (and WeasyPrint), without what a pack's PDF does not use. Threads
    take turns: the patches are the process's, and one thread's end of the block must not
    undo them under another."""
    with _IMPORTING:
        if "assembler.render.pdf" in sys.modules:
            return
        linux = sys.platform.startswith("linux")
        with no_library_search() if linux else nullcontext(), deferred_modules():
            import assembler.render.pdf  # noqa: F401
