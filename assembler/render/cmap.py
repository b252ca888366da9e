"""The code points a font face maps to glyphs, read from its `cmap` table with `struct`.

The glyph coverage check (render/fonts.py) needs only this of a font, and only of a few
faces: fontTools would cost its import (~0.1 s) and a decompiled table per build. The
subtable chosen is the one fontTools' `getBestCmap` chooses (the same preference order), so
the set is the same; the formats read are those a Unicode cmap uses (0, 4, 6, 12, 13).
A face is found in a collection (.ttc) by its index, as fontconfig reports it.

Coverage is kept as sorted, disjoint code point ranges: Noto CJK maps 44,000 code points in
a few thousand ranges, so a membership test is a bisection, and building a set is avoided.
Reading Noto CJK's 15,000 groups takes ~20 ms a face, so the ranges are kept in a small cache
file (`cached_coverage`) keyed by the font file's path, face, size and modification time: a
reinstalled or updated font is read again.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import hashlib
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from assembler import atomic
from assembler.errors import AssemblerError

# fontTools.ttLib.tables._c_m_a_p.table__c_m_a_p.getBestCmap's order: full Unicode first.
PREFERENCE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
FORMATS = frozenset({0, 4, 6, 12, 13})


@dataclass(frozen=True)
class Coverage:
    """Sorted, disjoint, non-adjacent ranges [first, last] of mapped code points."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        at = bisect.bisect_right(self.starts, code) - 1
        return at >= 0 and code <= self.ends[at]

    def __len__(self) -> int:
        return sum(end - start + 1 for start, end in zip(self.starts, self.ends, strict=True))

    def codepoints(self) -> frozenset[int]:
        return frozenset(
            code
            for start, end in zip(self.starts, self.ends, strict=True)
            for code in range(start, end + 1)
        )


def merged(ranges: list[tuple[int, int]]) -> Coverage:
    """Ranges [first, last], in any order and overlapping, as a Coverage."""
    starts: list[int] = []
    ends: list[int] = []
    for first, last in sorted(ranges):
        if ends and first <= ends[-1] + 1:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    return Coverage(tuple(starts), tuple(ends))


def union(coverages: list[Coverage]) -> Coverage:
    return merged([pair for c in coverages for pair in zip(c.starts, c.ends, strict=True)])


class _Table:
    """A font file opened at its cmap table; reads are relative to the table."""

    def __init__(self, stream: BinaryIO, offset: int, length: int) -> None:
        stream.seek(offset)
        self.data = stream.read(length)
        if len(self.data) != length:
            raise ValueError("the cmap table runs past the end of the file")

    def unpack(self, layout: str, offset: int) -> tuple[int, ...]:
        return struct.unpack_from(layout, self.data, offset)


def _table_offset(stream: BinaryIO, index: int) -> tuple[int, int]:
    """Offset and length of the cmap table of face `index` (0 for a single font)."""
    head = stream.read(12)
    if head[:4] == b"ttcf":
        (count,) = struct.unpack(">I", head[8:12])
        if not 0 <= index < count:
            raise ValueError(f"no face {index} in a collection of {count}")
        stream.seek(12 + 4 * index)
        (start,) = struct.unpack(">I", stream.read(4))
        stream.seek(start)
        head = stream.read(12)
    elif index != 0:
        raise ValueError(f"face {index} asked of a file that is not a collection")
    (tables,) = struct.unpack(">H", head[4:6])
    directory = stream.read(16 * tables)
    for tag, _, offset, length in struct.iter_unpack(">4sIII", directory):
        if tag == b"cmap":
            return offset, length
    raise ValueError("the font has no cmap table")


def _format4(table: _Table, at: int) -> list[tuple[int, int]]:
    """Segments of a format 4 subtable, less code points that map to glyph 0."""
    (segments,) = table.unpack(">H", at + 6)
    segments //= 2
    ends_at = at + 14
    starts_at = ends_at + 2 * segments + 2
    deltas_at = starts_at + 2 * segments
    offsets_at = deltas_at + 2 * segments
    ranges: list[tuple[int, int]] = []
    for n in range(segments - 1):  # the last segment is the 0xFFFF terminator
        (end,) = table.unpack(">H", ends_at + 2 * n)
        (start,) = table.unpack(">H", starts_at + 2 * n)
        (delta,) = table.unpack(">h", deltas_at + 2 * n)
        (range_offset,) = table.unpack(">H", offsets_at + 2 * n)
        for code in range(start, end + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = offsets_at + 2 * n + range_offset + 2 * (code - start)
                if where + 2 > len(table.data):
                    continue
                (glyph,) = table.unpack(">H", where)
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                ranges.append((code, code))
    return ranges


def _subtable(table: _Table, at: int, form: int) -> list[tuple[int, int]]:
    if form == 0:
        return [(code, code) for code in range(256) if table.data[at + 6 + code]]
    if form == 4:
        return _format4(table, at)
    if form == 6:
        first, count = table.unpack(">HH", at + 6)
        glyphs = table.unpack(f">{count}H", at + 10)
        return [(first + n, first + n) for n, glyph in enumerate(glyphs) if glyph]
    # Formats 12 and 13: groups of (first, last, glyph), read as fontTools (and HarfBuzz)
    # read them: clamped to U+10FFFF, an inverted group or one starting before the previous
    # one ends skipped; glyph 0 (.notdef) maps nothing: all of a format 13 group, the first
    # code point of a format 12 one.
    (groups,) = table.unpack(">I", at + 12)
    out: list[tuple[int, int]] = []
    previous_end = 0
    for first, last, glyph in struct.iter_unpack(
        ">III", table.data[at + 16 : at + 16 + 12 * groups]
    ):
        last = min(last, 0x10FFFF)
        if first > last or first < previous_end:
            continue
        previous_end = last
        if glyph == 0:
            if form == 13:
                continue
            first += 1
        if first <= last:
            out.append((first, last))
    return out


def read_coverage(path: Path, index: int = 0) -> Coverage:
    """The code points face `index` of the font file at `path` maps, or AssemblerError."""
    try:
        with path.open("rb") as stream:
            offset, length = _table_offset(stream, index)
            table = _Table(stream, offset, length)
        (count,) = table.unpack(">H", 2)
        found: dict[tuple[int, int], int] = {}
        for n in range(count):
            platform, encoding, start = table.unpack(">HHI", 4 + 8 * n)
            found.setdefault((platform, encoding), start)
        for key in PREFERENCE:
            if key in found:
                (form,) = table.unpack(">H", found[key])
                if form in FORMATS:
                    return merged(_subtable(table, found[key], form))
        return merged([])
    except (OSError, ValueError, struct.error) as error:
        raise AssemblerError(
            f"cannot read the character map of font file {path} (face {index}): {error}",
            path=path,
            hint="the font file may be damaged: reinstall the font, or name another font",
        ) from error


_MAGIC = b"assembler-cmap-1\n"


def cache_folder() -> Path:
    """Where cached coverages live: $ASSEMBLER_CACHE, else the user's cache directory."""
    chosen = os.environ.get("ASSEMBLER_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assembler"


def _cache_file(folder: Path, path: Path, index: int) -> Path:
    stat = path.stat()
    key = f"{path.resolve()}\0{index}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return folder / "cmap" / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.bin"


def _encode(coverage: Coverage) -> bytes:
    starts, ends = array.array("I", coverage.starts), array.array("I", coverage.ends)
    return _MAGIC + struct.pack("<I", len(starts)) + starts.tobytes() + ends.tobytes()


def _decode(data: bytes) -> Coverage | None:
    """The coverage a cache file holds, or None if it is not one (damaged, another version)."""
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 4:
        return None
    (count,) = struct.unpack_from("<I", data, len(_MAGIC))
    body = data[len(_MAGIC) + 4 :]
    if len(body) != 8 * count:
        return None
    starts, ends = array.array("I"), array.array("I")
    starts.frombytes(body[: 4 * count])
    ends.frombytes(body[4 * count :])
    return Coverage(tuple(starts), tuple(ends))


def cached_coverage(path: Path, index: int = 0, folder: Path | None = None) -> Coverage:
    """`read_coverage`, through a cache file in `folder` (default `cache_folder()`). A cache
    that cannot be read or written is only slower: the font is read instead."""
    try:
        cache = _cache_file(folder or cache_folder(), path, index)
        found = _decode(cache.read_bytes()) if cache.is_file() else None
    except OSError:
        return read_coverage(path, index)
    if found is not None:
        return found
    coverage = read_coverage(path, index)
    # A read-only home: the next build reads the font again.
    with contextlib.suppress(OSError):
        atomic.write_bytes(cache, _encode(coverage))
    return coverage
