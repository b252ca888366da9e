"""The bytes of a text file a user gives (a corpus source, a protect list) -> its text: UTF-8, or
UTF-8, UTF-16 or UTF-32 behind a byte order mark. Anything else (UTF-16 or UTF-32 without a
mark, binary data, a legacy encoding such as GB18030) and a file of whitespace alone are errors
that say where the file stops being text and how to convert it."""

from __future__ import annotations

import codecs
from pathlib import Path

from assembler.errors import AssemblerError

# (mark, codec, name). UTF-32 LE first: its mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
# (codec, name, iconv's name, code unit size, which byte of a unit is NUL for ASCII text)
_WIDE = (
    ("utf-32-le", "UTF-32 LE", "UTF-32LE", 4, 3),
    ("utf-32-be", "UTF-32 BE", "UTF-32BE", 4, 0),
    ("utf-16-le", "UTF-16 LE", "UTF-16LE", 2, 1),
    ("utf-16-be", "UTF-16 BE", "UTF-16BE", 2, 0),
)
# A UTF-16 text has a NUL byte for every ASCII character (newlines, spaces, digits): a real one
# has hundreds (E/CN.15/2007/9: 4,116 at the high byte, 139 at the low one). A handful of NULs
# is as likely a scrap of binary data.
_WIDE_MIN_NULS = 4
_NO_BOM_HINT = "start it with a byte order mark, or convert it: iconv -f {} -t UTF-8"


def _binary(path: Path, line: int) -> AssemblerError:
    return AssemblerError(
        "binary data (a NUL byte): this is not an extracted text file",
        path=path,
        line=line,
        hint="extract the text first (pdftotext -layout, or save the Word file as UTF-8 text)",
    )


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """(name, iconv name) of UTF-32 or UTF-16 text saved without a byte order mark: its NUL
    bytes all sit at the same place in their code units, and the whole decodes."""
    for codec, name, iconv_name, size, high in _WIDE:
        if len(data) % size:
            continue
        units = len(data) // size
        high_nuls = data[high::size].count(0)
        if size == 4:
            # Every code point is below 2**24: the top byte of each unit is NUL.
            if high_nuls != units:
                continue
        elif high_nuls < _WIDE_MIN_NULS or data[1 - high :: size].count(0) * 4 > high_nuls:
            # The other byte is NUL only for U+xx00 characters (一 is U+4E00): a few.
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\n" in text:
            return name, iconv_name
    return None


def _decode_as(path: Path, data: bytes, codec: str, name: str, skipped: int) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        offset = skipped + exc.start
        hint = "convert it, e.g. iconv -f GB18030 -t UTF-8"
        if skipped:
            hint = f"it starts with a {name} byte order mark; export the text again as {name}"
        raise AssemblerError(
            f"not {name} (byte 0x{data[exc.start]:02x} at offset {offset})",
            path=path,
            line=line,
            hint=hint,
        ) from exc


def decode(path: Path, data: bytes) -> str:
    """The text of a UTF-8 file, or of a UTF-8, UTF-16 or UTF-32 file that starts with a byte
    order mark; otherwise an error that says where the file stops being text."""
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            text = _decode_as(path, data[len(mark) :], codec, name, len(mark))
            break
    else:
        if b"\x00" in data:
            wide = _wide_without_bom(data)
            if wide is not None:
                raise AssemblerError(
                    f"{wide[0]} text without a byte order mark: sources are UTF-8, or UTF-16"
                    " or UTF-32 starting with a byte order mark",
                    path=path,
                    hint=_NO_BOM_HINT.format(wide[1]),
                )
            raise _binary(path, data[: data.index(b"\x00")].count(b"\n") + 1)
        text = _decode_as(path, data, "utf-8", "UTF-8", 0)
    if "\x00" in text:
        raise _binary(path, text[: text.index("\x00")].count("\n") + 1)
    if not text.strip():
        raise AssemblerError(
            "the file is empty", path=path, hint="export the document's text again"
        )
    return text
