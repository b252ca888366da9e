"""Document ids. An id becomes file names (records/<id>.jsonl, records/<id>.en.meta.json) and
is printed in summaries and errors, so it is held to what is safe as both: ASCII letters,
digits, `.`, `-` and `_`; never `.`, `..` or a hidden name; short enough for any file system
once suffixes and temporary-file decorations are added."""

from __future__ import annotations

import re

from assembler.corpus.model import LANGUAGES
from assembler.text.hygiene import describe, is_unsafe

# 100 ASCII characters plus ".en.meta.json" and atomic.write_bytes's ".<name>.XXXXXXXX.tmp" stay
# well under NAME_MAX (255 bytes). ASCII only for the same reason: 100 Chinese characters are
# 300 bytes of UTF-8, more than a file name may hold.
ID_MAX = 100
ID_RULE = (
    f"an id is 1-{ID_MAX} ASCII letters, digits, '.', '-' or '_', not starting with a dot,"
    " e.g. ccpcj28-terrorism-ta"
)
_ALLOWED = re.compile(r"[A-Za-z0-9._-]")
_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9._-]+")


def _show(char: str) -> str:
    if is_unsafe(char) or not char.isprintable():
        return describe(char)
    return repr(char)


def id_problem(value: str) -> str | None:
    """Why `value` cannot be a document id, or None when it can. The message never echoes an
    unsafe character: it may be a control or bidi character bound for a terminal."""
    if not value:
        return f"empty: {ID_RULE}"
    if len(value) > ID_MAX:
        return f"{len(value)} characters, more than {ID_MAX}: {ID_RULE}"
    bad = next((c for c in value if _ALLOWED.fullmatch(c) is None), None)
    if bad is not None:
        return f"{value!r} has the character {_show(bad)}: {ID_RULE}"
    if value in (".", ".."):
        return f"{value!r} names a folder, not a file: {ID_RULE}"
    if value.startswith("."):
        return f"{value!r} would be a hidden file: {ID_RULE}"
    if "." in value and value.rpartition(".")[2] in LANGUAGES:
        # records/<id>.en.jsonl is the English version of <id>: an id may not look like one.
        return (
            f"an id may not end in a language code ({value!r}): give the document's own id"
            " and its language in `lang`, e.g. id: ccpcj28-terrorism-ta, lang: en"
        )
    return None


def id_from_name(stem: str) -> str | None:
    """A valid id made from a source file's name (without .txt), for a document that has no
    sidecar id and no symbol; None when the name has nothing usable (e.g. all Chinese)."""
    if id_problem(stem) is None:
        return stem  # as every earlier version of assembler named such a document
    candidate = _NOT_ALLOWED.sub("-", stem)
    # "report (draft).zh" -> "report-draft-.zh" -> "report-draft.zh"
    candidate = re.sub(r"-*\.-*", ".", candidate).lstrip(".-")[:ID_MAX].rstrip(".-")
    head, dot, tail = candidate.rpartition(".")
    if dot and tail in LANGUAGES:
        # "report.en" would be read back as the English version of "report".
        candidate = f"{head}-{tail}"
    if not re.search(r"[A-Za-z0-9]", candidate) or id_problem(candidate) is not None:
        return None
    return candidate
