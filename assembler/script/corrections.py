"""Known OpenCC errors, kept as data in corrections.tsv (shipped with the package).

Each row is a Simplified source and its fixed output per variant; the converter protects the
source like a term and puts the fixed output in its place, so a correction works with any
engine and never depends on how the engine segments the text around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from assembler.errors import AssemblerError
from assembler.script.protect import has_escaped
from assembler.script.variants import VARIANTS

BUNDLED_NAME = "corrections.tsv"
NOT_NEEDED = "-"  # OpenCC is right for this variant
# The converting variants, in the order of the file's columns.
COLUMNS: tuple[str, ...] = tuple(name for name, v in VARIANTS.items() if v.converts)
HEADER = ("source", *COLUMNS, "why")


@dataclass(frozen=True)
class Correction:
    source: str
    fixed: tuple[tuple[str, str], ...]  # (variant name, output) where OpenCC is wrong
    why: str
    line: int

    def output(self, variant: str) -> str | None:
        return dict(self.fixed).get(variant)


def _parse_row(cells: list[str], path: str, line: int) -> Correction:
    if len(cells) != len(HEADER):
        raise AssemblerError(
            f"expected {len(HEADER)} tab-separated cells, found {len(cells)}",
            path=path,
            line=line,
            hint="columns: " + ", ".join(HEADER),
        )
    source, *outputs, why = (cell.strip() for cell in cells)
    if not source or any(not out for out in outputs):
        raise AssemblerError(
            "empty cell", path=path, line=line, hint=f"write {NOT_NEEDED!r} where OpenCC is right"
        )
    if has_escaped(source) or any(has_escaped(out) for out in outputs):
        raise AssemblerError("NUL or a private-use character in a correction", path=path, line=line)
    fixed = tuple((v, out) for v, out in zip(COLUMNS, outputs, strict=True) if out != NOT_NEEDED)
    if not fixed:
        raise AssemblerError(
            f"no variant is corrected in the row for {source!r}", path=path, line=line
        )
    return Correction(source, fixed, why, line)


def parse_corrections(text: str, path: str) -> tuple[Correction, ...]:
    """Rows of a corrections file; `#` lines and blank lines are comments."""
    corrections: list[Correction] = []
    seen: dict[str, int] = {}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cells) != HEADER:
                raise AssemblerError(
                    "the first row must be the header",
                    path=path,
                    line=number,
                    hint="\\t".join(HEADER),
                )
            header_seen = True
            continue
        correction = _parse_row(cells, path, number)
        if correction.source in seen:
            raise AssemblerError(
                f"{correction.source!r} is corrected twice (first on line "
                f"{seen[correction.source]})",
                path=path,
                line=number,
            )
        seen[correction.source] = number
        corrections.append(correction)
    return tuple(corrections)


def load_corrections() -> tuple[Correction, ...]:
    """The bundled list."""
    bundled = resources.files("assembler.script").joinpath(BUNDLED_NAME)
    return parse_corrections(bundled.read_text(encoding="utf-8"), str(bundled))
