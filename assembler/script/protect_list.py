"""Lists of protected terms kept as text files, one term a line: the user's own (`--protect`)
and the bundled `protected.txt` of the glossary folder, which holds general UN wording that
Taiwan-vocabulary conversion would rewrite (文件 -> 檔案, 项目 -> 專案) and that is not a
glossary concept."""

from __future__ import annotations

from pathlib import Path

from assembler.errors import AssemblerError
from assembler.script.protect import has_escaped
from assembler.text.decode import decode

BUNDLED = "protected.txt"


def text_of(path: Path, data: bytes) -> str:
    """UTF-8 text; whitespace alone is text too here (`decode` refuses it as an empty source)."""
    return data.decode("utf-8") if not data.strip() else decode(path, data)


def read_protect_file(path: Path) -> list[str]:
    """Terms one a line; blank lines and lines starting with # are skipped."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssemblerError(f"cannot read the protect list: {exc.strerror}", path=path) from exc
    terms = []
    for number, line in enumerate(text_of(path, data).splitlines(), start=1):
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        if has_escaped(term):
            raise AssemblerError(
                "NUL or a private-use character in a protected term",
                path=path,
                line=number,
                hint="protected terms are plain text",
            )
        terms.append(term)
    return terms


def bundled_protected(glossary_dir: Path) -> list[str]:
    """The glossary folder's protected.txt, or nothing when the folder has none."""
    path = glossary_dir / BUNDLED
    return read_protect_file(path) if path.exists() else []
