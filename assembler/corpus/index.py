"""Full-text search over the committed records: an SQLite FTS5 index with the trigram tokenizer.

Chinese has no spaces between words, so a word tokenizer finds nothing useful; trigrams turn
any query of three or more characters into an exact substring test. Shorter terms (反恐, 乍得)
have no trigram, so they are matched by a plain scan of the same rows: slower, equally exact.

The index is a cache of the record files. It carries a fingerprint of them and is rebuilt
whenever they change; a rebuild writes a new file next to the old one and renames it into
place, so a reader (or a crash) never meets half an index. One build at a time per folder: a
build holds a lock on the folder (flock on the folder itself, so no lock file sits beside the
index) and first removes the temporary files of builds that were killed.

Matching is case-insensitive (English text, names and symbols) and otherwise literal: what the
user types is a list of space-separated terms that must all occur in a record, never FTS5
syntax. Every language version of every document is indexed; a search looks in one language
(by default the corpus's base language, Chinese) or in all.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from assembler.corpus.model import BASE_LANGUAGE, Record
from assembler.corpus.store import META_SUFFIX, RECORDS_SUFFIX, document_versions, load_document
from assembler.errors import AssemblerError
from assembler.locking import wait_for_flock

# Bumped when the schema or the searchable text changes, so old index files are rebuilt.
SCHEMA_VERSION = "2"
TRIGRAM = 3
SNIPPET_WIDTH = 40
ELLIPSIS = "…"
# How long a search waits for another process's index build before building its own (without
# removing temporary files, which may be that build's).
BUILD_WAIT = 60.0

_SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT NOT NULL, lang TEXT NOT NULL, symbol TEXT NOT NULL, PRIMARY KEY (id, lang)
);
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL,
    lang TEXT NOT NULL,
    seq INTEGER NOT NULL,
    para TEXT,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    body TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX records_doc_seq ON records (doc, lang, seq);
CREATE VIRTUAL TABLE records_fts USING fts5(
    folded, content='records', content_rowid='id', tokenize='trigram case_sensitive 1'
);
"""


@dataclass(frozen=True)
class Hit:
    doc: str
    lang: str
    symbol: str
    seq: int
    para: str | None
    kind: str
    path: tuple[str, ...]
    snippet: str
    matches: int


def searchable_text(record: Record) -> str:
    """What a query is matched against. Parts are joined by a newline, which no query term can
    contain (terms are split on whitespace), so a match never straddles two parts."""
    parts = [record.text]
    parts += [f"{item.label} {item.text}" for item in record.items]
    parts += [note.text for note in record.notes]
    return "\n".join(parts)


def fold(text: str) -> str:
    """Lower case, character by character, so that offsets in the folded text are offsets in
    the original (str.lower can lengthen a string: "İ" becomes two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def query_terms(query: str) -> list[str]:
    return [fold(term) for term in query.split()]


def fingerprint(records_dir: Path) -> str:
    """Names, sizes and content hashes of the record files. Content rather than mtime: a
    record rewritten within one timestamp tick at the same size must still count as changed,
    and hashing a corpus of record files costs milliseconds."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    if records_dir.is_dir():
        files = sorted(
            p
            for p in records_dir.iterdir()
            if p.is_file() and p.name.endswith((RECORDS_SUFFIX, META_SUFFIX))
        )
        for path in files:
            data = path.read_bytes()
            line = f"{path.name}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\n"
            digest.update(line.encode())
    return digest.hexdigest()


def _connect_readonly(index_path: Path) -> sqlite3.Connection:
    # mode=ro: looking at a missing index must not create an empty one.
    return sqlite3.connect(f"{index_path.resolve().as_uri()}?mode=ro", uri=True)


def _stored_fingerprint(index_path: Path) -> str | None:
    if not index_path.is_file():
        return None
    try:
        with closing(_connect_readonly(index_path)) as conn:
            row = conn.execute("SELECT value FROM info WHERE key = 'fingerprint'").fetchone()
    except sqlite3.DatabaseError:
        # Not an index of ours (or damaged): rebuilding replaces it.
        return None
    return str(row[0]) if row else None


def _fill(conn: sqlite3.Connection, records_dir: Path, stamp: str) -> None:
    conn.executescript(_SCHEMA)
    for doc_id, lang in document_versions(records_dir):
        document = load_document(records_dir, doc_id, lang)
        conn.execute("INSERT INTO documents VALUES (?, ?, ?)", (doc_id, lang, document.meta.symbol))
        rows = []
        for record in document.records:
            body = searchable_text(record)
            path = json.dumps(record.path, ensure_ascii=False)
            rows.append(
                (doc_id, lang, record.seq, record.para, record.kind, path, body, fold(body))
            )
        conn.executemany(
            "INSERT INTO records (doc, lang, seq, para, kind, path, body, folded)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.execute("INSERT INTO records_fts (records_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO info VALUES ('fingerprint', ?)", (stamp,))
    conn.commit()


def _check_index_path(index_path: Path) -> None:
    if index_path.is_dir():
        raise AssemblerError(
            "the search index is a directory here, not a file",
            path=index_path,
            hint="move that directory away or rename it (the index is no part of the corpus:"
            " assembler rebuilds it from records/)",
        )


def _temporaries(index_path: Path) -> list[Path]:
    """Files named as a build names its temporary file (see `_build`)."""
    return sorted(index_path.parent.glob(f".{index_path.name}.*.tmp"))


@contextmanager
def _build_lock(folder: Path, *, wait: float) -> Iterator[bool]:
    """Whether this process holds the lock on index builds in `folder`: a kernel lock (flock)
    on the folder itself, so that no lock file appears beside the index and a killed build
    releases it. Yields False when the lock is not to be had within `wait` seconds, or when the
    file system cannot lock a folder; the caller then removes no temporary file, since one may
    belong to a build in progress."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        fd = -1
    if fd < 0:
        yield False
        return
    try:
        try:
            locked = wait_for_flock(fd, wait)
        except OSError:
            locked = False  # e.g. NFS, where flock needs a file opened for writing
        yield locked
    finally:
        os.close(fd)


def remove_stale_builds(index_path: Path) -> list[Path]:
    """Delete the temporary files of index builds that were killed (a full index of a large
    corpus: hundreds of megabytes). A build in progress holds the build lock and keeps its
    file; if the lock is busy, nothing is removed and the build that holds it cleans up."""
    with _build_lock(index_path.parent, wait=0) as locked:
        return _remove_temporaries(index_path) if locked else []


def _remove_temporaries(index_path: Path) -> list[Path]:
    removed = []
    for tmp in _temporaries(index_path):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _build(records_dir: Path, index_path: Path) -> None:
    """Build from scratch into a temporary file beside the index, then rename it into place."""
    # Taken before reading the records: if they change during the build, the stored
    # fingerprint is the older one and the next look rebuilds, never the reverse.
    stamp = fingerprint(records_dir)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{index_path.name}.", suffix=".tmp", dir=index_path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with closing(sqlite3.connect(tmp)) as conn:
            # The file is thrown away on any failure, so SQLite's own crash safety is not needed.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            _fill(conn, records_dir, stamp)
        # synchronous=OFF skipped the flushes: make the data durable before the rename
        # publishes it, or a power cut could leave a renamed but truncated index.
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, index_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _locked_build(records_dir: Path, index_path: Path, *, force: bool) -> bool:
    _check_index_path(index_path)
    index_path.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time per folder: the lock makes every other temporary file there stale.
    # Never taken by a process that already holds it (flock locks conflict across open files,
    # even within one process); nothing that builds the index runs inside another build.
    with _build_lock(index_path.parent, wait=BUILD_WAIT) as locked:
        if locked:
            if not force and _stored_fingerprint(index_path) == fingerprint(records_dir):
                return False  # another process built it while this one waited
            _remove_temporaries(index_path)
        _build(records_dir, index_path)
    return True


def build_index(records_dir: Path, index_path: Path) -> None:
    """Build the index from scratch (removing what killed builds left behind)."""
    _locked_build(records_dir, index_path, force=True)


def ensure_index(records_dir: Path, index_path: Path) -> bool:
    """Rebuild the index when it is missing, unreadable or older than the record files.
    Returns True if it rebuilt."""
    _check_index_path(index_path)
    if _stored_fingerprint(index_path) == fingerprint(records_dir):
        return False
    return _locked_build(records_dir, index_path, force=False)


def _resolve_doc(conn: sqlite3.Connection, doc: str) -> str:
    wanted = doc.strip()
    known = conn.execute("SELECT DISTINCT id, symbol FROM documents ORDER BY id").fetchall()
    for doc_id, symbol in known:
        if wanted == doc_id or (symbol and wanted.upper() == symbol.upper()):
            return str(doc_id)
    listing = ", ".join(f"{i} ({s})" if s else i for i, s in known) or "none"
    raise AssemblerError(
        f"unknown document {doc!r}",
        hint=f"give a document id or symbol; the corpus has: {listing}",
    )


def _spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of every term, overlapping ones merged, in text order."""
    found: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def snippet(
    text: str, spans: list[tuple[int, int]], mark: tuple[str, str], width: int = SNIPPET_WIDTH
) -> str:
    """About `width` characters of `text` centred on the first span, every span in view
    marked, one line."""
    first_start, first_end = spans[0]
    start = max(0, first_start - max(0, width - (first_end - first_start)) // 2)
    end = min(len(text), max(first_end, start + width))
    # Near the end of the text the window slides left rather than shrinking.
    start = max(0, min(start, end - width))
    out = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        lo, hi = max(span_start, start), min(span_end, end)
        if lo >= hi:
            continue
        out += [text[position:lo], mark[0], text[lo:hi], mark[1]]
        position = hi
    out.append(text[position:end])
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out).replace("\n", " ")


def _fts_phrase(term: str) -> str:
    # Inside double quotes FTS5 reads nothing as syntax: AND, NEAR, *, ( are just characters.
    return '"' + term.replace('"', '""') + '"'


def search(
    records_dir: Path,
    index_path: Path,
    query: str,
    *,
    doc: str | None = None,
    limit: int = 50,
    mark: tuple[str, str] = ("«", "»"),
    lang: str | None = BASE_LANGUAGE,
) -> list[Hit]:
    """Records in `lang` (None: in every language) containing every space-separated term of
    `query`, in reading order."""
    terms = query_terms(query)
    if not terms:
        raise AssemblerError(
            "empty search query", hint="type one or more words, e.g. 外国恐怖主义作战人员"
        )
    if limit < 1:
        raise AssemblerError(f"limit {limit} is not a positive number", hint="e.g. --limit 50")
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    ensure_index(records_dir, index_path)
    with closing(_connect_readonly(index_path)) as conn:
        if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
            raise AssemblerError(
                "the corpus has no records",
                path=records_dir,
                hint="run `assembler corpus ingest` first",
            )
        where: list[str] = []
        params: list[str | int] = []
        if long_terms:
            # The trigram index narrows the rows; the short terms are then checked on those.
            source = "records_fts JOIN records r ON r.id = records_fts.rowid"
            where.append("records_fts MATCH ?")
            params.append(" AND ".join(_fts_phrase(t) for t in long_terms))
        else:
            source = "records r"
        for term in short_terms:
            where.append("instr(r.folded, ?) > 0")
            params.append(term)
        if doc is not None:
            where.append("r.doc = ?")
            params.append(_resolve_doc(conn, doc))
        if lang is not None:
            where.append("r.lang = ?")
            params.append(lang)
        params += [BASE_LANGUAGE, limit]
        rows = conn.execute(
            f"SELECT r.doc, r.lang, d.symbol, r.seq, r.para, r.kind, r.path, r.body, r.folded"
            f" FROM {source} JOIN documents d ON d.id = r.doc AND d.lang = r.lang"
            f" WHERE {' AND '.join(where)}"
            f" ORDER BY r.doc, r.lang != ?, r.lang, r.seq LIMIT ?",
            params,
        ).fetchall()
    hits = []
    for doc_id, doc_lang, symbol, seq, para, kind, path, body, folded in rows:
        hits.append(
            Hit(
                doc=doc_id,
                lang=doc_lang,
                symbol=symbol,
                seq=seq,
                para=para,
                kind=kind,
                path=tuple(json.loads(path)),
                snippet=snippet(body, _spans(folded, terms), mark),
                matches=sum(folded.count(t) for t in terms),
            )
        )
    return hits
