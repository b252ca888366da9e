"""No input loses data or reaches the terminal unchecked, through the real command line
(`assembler.cli.main`) on copies of the bundled corpus:

- `corpus ingest` holds the corpus lock for its whole run and removes what a killed run left
  (temporary record files, a half-built search index); a search that rebuilds the index cleans
  up too, never touching a build in progress; an index path that is a directory is an error;
- a different report under an existing document id is refused, naming both sources, and the
  records on disk stay as they were (the threshold is checked against its measurements);
- document ids, from sidecars or file names, are safe file names;
- control and bidi characters are dropped at ingest and counted;
- UTF-16 and UTF-32 sources with a byte order mark are read, and without one are named.
"""

from __future__ import annotations

import codecs
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import reports_only

from assembler.cli import main
from assembler.corpus import service as commands
from assembler.corpus.assemble import MIN_COMMON_SHARE, Parsed, source_records
from assembler.corpus.ids import id_from_name, id_problem
from assembler.corpus.index import remove_stale_builds
from assembler.corpus.ingest import parse_file
from assembler.corpus.parse import parse_source
from assembler.corpus.reconcile import SourceRecords, common_share
from assembler.corpus.sources import Sidecar, Source
from assembler.locking import folder_lock

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "corpus" / "sources"
COMMITTED = ROOT / "corpus" / "records"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "en"

REPORT_2019 = "000_04cc4b375e09ec40"  # its sidecar gives the id ccpcj28-terrorism-ta
WITNESS_2019 = "002_14443a4334fef884"  # a second extraction of the same document, no sidecar
REPORT_2007 = "001_81204fd17484f806"  # E/CN.15/2007/9, from its running headers
ID_2019 = "ccpcj28-terrorism-ta"
ID_2007 = "E-CN.15-2007-9"
COMMITTED_FILES = {
    f"{ID_2019}.jsonl",
    f"{ID_2019}.meta.json",
    f"{ID_2007}.jsonl",
    f"{ID_2007}.meta.json",
}
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus root with copies of the bundled sources and of the committed records."""
    shutil.copytree(SOURCES, tmp_path / "sources", ignore=reports_only)
    shutil.copytree(COMMITTED, tmp_path / "records", ignore=reports_only)
    return tmp_path


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A corpus root with copies of the bundled sources and no records."""
    shutil.copytree(SOURCES, tmp_path / "sources", ignore=reports_only)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(root), "corpus", *args])
    out, err = capsys.readouterr()
    return code, out, err


def temporaries(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.tmp"))


def assert_as_committed(root: Path, names: set[str] = COMMITTED_FILES) -> None:
    assert {p.name for p in (root / "records").iterdir()} == names
    for name in names:
        assert (root / "records" / name).read_bytes() == (COMMITTED / name).read_bytes(), name
    assert temporaries(root) == []


def meta_of(root: Path, doc_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (root / "records" / f"{doc_id}.meta.json").read_text(encoding="utf-8")
    )
    return data


def committed_meta(doc_id: str) -> dict[str, Any]:
    return meta_of(ROOT / "corpus", doc_id)


# -- 1. the corpus lock and what killed runs leave -------------------------------------------
def test_ingest_removes_the_temporary_files_of_a_killed_run(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    half_record = corpus / "records" / f".{ID_2019}.jsonl.x8k2p0qz.tmp"
    half_record.write_bytes(b'{"doc": "ccpcj28-terrorism-ta", "la')
    half_index = corpus / ".index.sqlite.a1b2c3d4.tmp"
    half_index.write_bytes(b"SQLite format 3\x00" + bytes(1 << 20))

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 0
    assert err == (
        f"assembler: removed {half_record}, left by an interrupted run\n"
        f"assembler: removed {half_index}, left by an interrupted run\n"
    )
    assert f"written      {corpus / 'records' / ID_2019}.jsonl" in out
    assert_as_committed(corpus)


def _killed_build(root: Path) -> None:
    """Run an index build in another process that is killed (SIGKILL) halfway through."""
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from assembler.corpus import index\n"
        "fill = index._fill\n"
        "def killed(conn, records_dir, stamp):\n"
        "    fill(conn, records_dir, stamp)\n"
        "    conn.commit()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "index._fill = killed\n"
        "root = Path(sys.argv[1])\n"
        "index.ensure_index(root / 'records', root / 'index.sqlite')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == -9


def test_a_search_after_a_killed_index_build_removes_its_temporary_file(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    _killed_build(corpus)
    [left] = temporaries(corpus)
    assert re.fullmatch(r"\.index\.sqlite\.\w+\.tmp", left)
    assert (corpus / left).stat().st_size > 100_000
    assert not (corpus / "index.sqlite").exists()

    code, out, err = run(capsys, corpus, "search", "外国恐怖主义作战人员", "--limit", "1")

    assert (code, err) == (0, "")
    assert out.endswith("1 records\n")
    assert temporaries(corpus) == []
    assert sorted(p.name for p in corpus.iterdir()) == ["index.sqlite", "records", "sources"]


def test_an_ingest_after_a_killed_index_build_removes_its_temporary_file(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    _killed_build(corpus)
    [left] = temporaries(corpus)

    code, _, err = run(capsys, corpus, "ingest")

    assert code == 0
    assert err == f"assembler: removed {corpus / left}, left by an interrupted run\n"
    assert_as_committed(corpus)


@pytest.fixture
def build_in_progress(corpus: Path) -> Iterator[Path]:
    """The temporary file of an index build that another process is running: it holds the
    build lock (flock on the corpus folder)."""
    folder = os.open(corpus, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        live = corpus / ".index.sqlite.l1v3b1ld.tmp"
        live.write_bytes(b"SQLite format 3\x00")
        yield live
    finally:
        os.close(folder)


def test_a_build_in_progress_keeps_its_temporary_file(
    capsys: pytest.CaptureFixture[str], corpus: Path, build_in_progress: Path
) -> None:
    assert remove_stale_builds(corpus / "index.sqlite") == []

    code, _, err = run(capsys, corpus, "ingest")

    assert (code, err) == (0, "")
    assert build_in_progress.read_bytes() == b"SQLite format 3\x00"


def test_ingest_holds_the_corpus_lock(
    capsys: pytest.CaptureFixture[str], fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "folder_lock", functools.partial(folder_lock, timeout=0.2))
    with folder_lock(fresh):  # another ingest, in the middle of its run
        code, out, err = run(capsys, fresh, "ingest")

    assert (code, out) == (1, "")
    assert err == (
        f"assembler: error: {fresh / '.assembler.lock'}: another assembler command has been"
        f" changing {fresh} for 0 s\n"
        "  hint: wait for it to finish, or stop it, then run this command again\n"
    )
    assert not (fresh / "records").exists()


def test_an_index_path_that_is_a_directory_is_an_error(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "index.sqlite").mkdir()

    code, out, err = run(capsys, corpus, "search", "恐怖主义")

    assert (code, out) == (1, "")
    assert err == (
        f"assembler: error: {corpus / 'index.sqlite'}: the search index is a directory here,"
        " not a file\n"
        "  hint: move that directory away or rename it (the index is no part of the corpus:"
        " assembler rebuilds it from records/)\n"
    )
    assert temporaries(corpus) == []
    # Ingest does not need the index: it still works.
    assert run(capsys, corpus, "ingest")[0] == 0
    assert_as_committed(corpus)


# -- 2. one document per id -------------------------------------------------------------------
def test_a_different_report_under_an_existing_id_is_refused(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    wrong = corpus / "sources" / f"{REPORT_2007}.meta.yaml"
    wrong.write_text(f"id: {ID_2019}\n", encoding="utf-8")

    code, out, err = run(capsys, corpus, "ingest")

    assert (code, out) == (1, "")
    assert err == (
        f"assembler: error: {corpus / 'sources' / REPORT_2007}.txt: {REPORT_2007}.txt and"
        f" {REPORT_2019}.txt are taken for one document, {ID_2019} (both sidecars give the id"
        f" {ID_2019}), but their texts differ: only 8% of the shorter one is in the other,"
        " where copies of one document share at least 40%. ccpcj28-terrorism-ta is not"
        " written; its records on disk are unchanged\n"
        f"  hint: if one of them is another document, give it its own id (the `id` in {wrong}"
        f" or {corpus / 'sources' / REPORT_2019}.meta.yaml); if it is a translation, give its"
        " `lang`\n"
    )
    assert_as_committed(corpus)


def _parsed(name: str, text: str) -> Parsed:
    return Parsed(Source(Path(name), text, "", Sidecar()), parse_source(name, text))


def _records(item: Parsed) -> SourceRecords:
    return SourceRecords(item.source.name, source_records(item, "zh"))


def _without(text: str, first: str, until: str) -> str:
    """`text` without the lines from the one starting `first` to the one before `until`."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
    end = next(i for i, line in enumerate(lines) if i > start and line.strip().startswith(until))
    return "\n".join(lines[:start] + lines[end:])


def _line(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.strip().startswith(start))


def _source(stem: str) -> Parsed:
    return parse_file(SOURCES / f"{stem}.txt")


def test_the_threshold_lies_between_copies_and_different_reports() -> None:
    """The figures written beside MIN_COMMON_SHARE."""
    report, witness, other = (
        _records(_source(s)) for s in (REPORT_2019, WITNESS_2019, REPORT_2007)
    )
    text_2019 = (SOURCES / f"{REPORT_2019}.txt").read_text(encoding="utf-8")
    text_2007 = (SOURCES / f"{REPORT_2007}.txt").read_text(encoding="utf-8")
    no_chapter_3 = _records(_parsed("x.txt", _without(text_2019, "三. ", "四. ")))
    no_chapter_3_2007 = _records(_parsed("y.txt", _without(text_2007, "三、", "四、")))
    # E/CN.15/2007/9 with its introduction replaced by that of the 2019 report.
    lines_2019, lines_2007 = text_2019.split("\n"), text_2007.split("\n")
    intro_2019 = lines_2019[_line(lines_2019, "一. 导言") : _line(lines_2019, "二. ")]
    spliced = lines_2007[: _line(lines_2007, "一、导言")] + intro_2019
    spliced += lines_2007[_line(lines_2007, "二、") :]
    pasted = _records(_parsed("z.txt", "\n".join(spliced)))

    shares = {
        "real pair": common_share(report, witness),
        "2019 without chapter 三": common_share(report, no_chapter_3),
        "2007 without chapter 三": common_share(other, no_chapter_3_2007),
        "2019 vs 2007": common_share(report, other),
        "2019 witness vs 2007": common_share(witness, other),
        "2019 vs 2007 with the 2019 introduction": common_share(report, pasted),
    }

    assert {name: round(share, 3) for name, share in shares.items()} == {
        "real pair": 1.0,
        "2019 without chapter 三": 1.0,
        "2007 without chapter 三": 0.974,
        "2019 vs 2007": 0.079,
        "2019 witness vs 2007": 0.078,
        "2019 vs 2007 with the 2019 introduction": 0.146,
    }
    assert MIN_COMMON_SHARE == 0.4
    # Told `enough`, the records read alike settle a copy without matching the others
    # character by character; a share below it is still counted exactly, for the message.
    settled = common_share(report, witness, enough=MIN_COMMON_SHARE)
    assert MIN_COMMON_SHARE <= settled <= shares["real pair"]
    assert settled < shares["real pair"]  # the bound: the records that differ are not counted
    assert common_share(report, other, enough=MIN_COMMON_SHARE) == shares["2019 vs 2007"]
    assert (
        common_share(report, pasted, enough=MIN_COMMON_SHARE)
        == shares["2019 vs 2007 with the 2019 introduction"]
    )
    assert min(shares["real pair"], shares["2007 without chapter 三"]) > 2 * MIN_COMMON_SHARE
    assert max(shares["2019 vs 2007"], shares["2019 witness vs 2007"]) < MIN_COMMON_SHARE / 4
    assert shares["2019 vs 2007 with the 2019 introduction"] < MIN_COMMON_SHARE / 2


def test_a_copy_that_lost_a_chapter_is_still_reconciled(
    capsys: pytest.CaptureFixture[str], fresh: Path
) -> None:
    text = (SOURCES / f"{REPORT_2019}.txt").read_text(encoding="utf-8")
    partial = fresh / "sources" / "003_partial.txt"
    partial.write_text(_without(text, "三. ", "四. "), encoding="utf-8")
    partial.with_name("003_partial.meta.yaml").write_text(f"id: {ID_2019}\n", encoding="utf-8")

    code, _, err = run(capsys, fresh, "ingest")

    assert (code, err) == (0, "")
    meta = meta_of(fresh, ID_2019)
    assert [(s["name"], s["role"]) for s in meta["sources"]] == [
        (f"{REPORT_2019}.txt", "base"),
        (f"{WITNESS_2019}.txt", "witness"),
        ("003_partial.txt", "witness"),
    ]
    assert (fresh / "records" / f"{ID_2007}.jsonl").read_bytes() == (
        COMMITTED / f"{ID_2007}.jsonl"
    ).read_bytes()
    assert temporaries(fresh) == []


def test_two_documents_that_come_out_with_one_id_are_both_refused(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    # The 2019 report's sidecar claims the id that E/CN.15/2007/9 gets from its symbol: the
    # two share no id, symbol or cover, so they are not reconciled, but one would overwrite
    # the other's records.
    (corpus / "sources" / f"{REPORT_2019}.meta.yaml").write_text(
        f"id: {ID_2007}\n", encoding="utf-8"
    )

    code, out, err = run(capsys, corpus, "ingest")

    sources = corpus / "sources"
    assert (code, out) == (1, "")
    assert err == (
        f"assembler: error: {sources / REPORT_2019}.txt: {sources / REPORT_2007}.txt and"
        f" {sources / REPORT_2019}.txt + {sources / WITNESS_2019}.txt are different"
        f" documents with the same id, {ID_2007}: none of them is written; the records on disk"
        " are unchanged\n"
        "  hint: give each document its own `id` in a sidecar; if they are copies of one"
        " document, give them the same `id` and `symbol` in their sidecars\n"
    )
    assert_as_committed(corpus)


def test_a_language_version_under_the_same_id_is_still_its_own_document(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    for path in FIXTURES.iterdir():
        shutil.copy(path, corpus / "sources" / path.name)

    code, _, err = run(capsys, corpus, "ingest")

    assert (code, err) == (0, "")
    english = {f"{ID_2019}.en.jsonl", f"{ID_2019}.en.meta.json"}
    assert {p.name for p in (corpus / "records").iterdir()} == COMMITTED_FILES | english
    for name in COMMITTED_FILES:
        assert (corpus / "records" / name).read_bytes() == (COMMITTED / name).read_bytes()
    assert meta_of(corpus, f"{ID_2019}.en")["lang"] == "en"
    assert temporaries(corpus) == []


# -- 3. ids -----------------------------------------------------------------------------------
RULE = (
    "an id is 1-100 ASCII letters, digits, '.', '-' or '_', not starting with a dot,"
    " e.g. ccpcj28-terrorism-ta"
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('".."', f"'..' names a folder, not a file: {RULE}"),
        ('"."', f"'.' names a folder, not a file: {RULE}"),
        (".hidden", f"'.hidden' would be a hidden file: {RULE}"),
        ('"a\\nb"', f"'a\\nb' has the character U+000A: {RULE}"),
        ('"a\\0b"', f"'a\\x00b' has the character U+0000: {RULE}"),
        ('"a\\e[2Jb"', f"'a\\x1b[2Jb' has the character U+001B: {RULE}"),
        ('"a\\u202Eb"', f"'a\\u202eb' has the character U+202E RIGHT-TO-LEFT OVERRIDE: {RULE}"),
        ("x" * 300, f"300 characters, more than 100: {RULE}"),
        ('""', f"empty: {RULE}"),
        ("a/b", f"'a/b' has the character '/': {RULE}"),
        ("报告", f"'报告' has the character '报': {RULE}"),
    ],
    ids=[
        "dotdot",
        "dot",
        "hidden",
        "newline",
        "nul",
        "escape",
        "bidi",
        "300",
        "empty",
        "slash",
        "chinese",
    ],
)
def test_a_sidecar_id_that_is_no_safe_file_name_is_refused(
    capsys: pytest.CaptureFixture[str], corpus: Path, value: str, message: str
) -> None:
    sidecar = corpus / "sources" / f"{REPORT_2019}.meta.yaml"
    sidecar.write_text(f"# the 2019 report\nid: {value}\n", encoding="utf-8")

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert f"assembler: error: {sidecar}:2:1: id: {message}\n" in err
    assert UNSAFE.search(out + err) is None
    assert_as_committed(corpus)


def test_the_longest_id_is_written(capsys: pytest.CaptureFixture[str], fresh: Path) -> None:
    longest = "x" * 99 + "9"
    (fresh / "sources" / f"{REPORT_2019}.meta.yaml").write_text(
        f"id: {longest}\n", encoding="utf-8"
    )
    code, _, err = run(capsys, fresh, "ingest")
    assert (code, err) == (0, "")
    assert (fresh / "records" / f"{longest}.jsonl").read_bytes() == (
        COMMITTED / f"{ID_2019}.jsonl"
    ).read_bytes().replace(ID_2019.encode(), longest.encode())


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("ccpcj28-terrorism-ta", None),
        ("E-CN.15-2007-9", None),
        ("a_b.c-d", None),
        ("x" * 100, None),
        ("x" * 101, f"101 characters, more than 100: {RULE}"),
        ("-leading-dash", None),
        (
            "doc.en",
            "an id may not end in a language code ('doc.en'): give the document's own id"
            " and its language in `lang`, e.g. id: ccpcj28-terrorism-ta, lang: en",
        ),
        ("a\tb", f"'a\\tb' has the character U+0009: {RULE}"),
        ("a\x85b", f"'a\\x85b' has the character U+0085: {RULE}"),
        ("a\u2066b", f"'a\\u2066b' has the character U+2066 LEFT-TO-RIGHT ISOLATE: {RULE}"),
    ],
)
def test_id_problem(value: str, problem: str | None) -> None:
    assert id_problem(value) == problem


@pytest.mark.parametrize(
    ("stem", "derived"),
    [
        ("002_14443a4334fef884", "002_14443a4334fef884"),
        ("my report (draft)", "my-report-draft"),
        (".hidden copy", "hidden-copy"),
        ("report.en", "report-en"),
        ("2019年报告", "2019"),
        ("报告", None),
        ("..", None),
        ("a\x1b[2Jb", "a-2Jb"),
        ("y" * 150, "y" * 100),
    ],
)
def test_id_from_name(stem: str, derived: str | None) -> None:
    assert id_from_name(stem) == derived
    assert derived is None or id_problem(derived) is None


def test_an_id_is_made_safe_from_the_file_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The witness alone has no sidecar and no symbol: its id comes from its file name.
    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCES / f"{WITNESS_2019}.txt", tmp_path / "sources" / "report (draft).zh.txt")

    code, out, err = run(capsys, tmp_path, "ingest")

    assert (code, err) == (0, "")
    assert out.startswith("report-draft-zh  (no symbol)  ")
    assert sorted(os.listdir(tmp_path / "records")) == [
        "report-draft-zh.jsonl",
        "report-draft-zh.meta.json",
    ]
    assert meta_of(tmp_path, "report-draft-zh")["id"] == "report-draft-zh"


def test_a_file_name_without_an_id_in_it_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "sources").mkdir()
    source = tmp_path / "sources" / "报告.txt"
    shutil.copy(SOURCES / f"{WITNESS_2019}.txt", source)

    code, out, err = run(capsys, tmp_path, "ingest")

    assert (code, out) == (1, "")
    assert err == (
        f"assembler: error: {source}: no document id: the sources give no `id` and no symbol,"
        " and the file name '报告.txt' has no ASCII letters or digits to make one from\n"
        f"  hint: give the document an id in a sidecar, {tmp_path / 'sources' / '报告.meta.yaml'}:"
        " `id: ccpcj28-terrorism-ta` (ASCII letters, digits, '.', '-', '_')\n"
    )
    assert not (tmp_path / "records").exists() or os.listdir(tmp_path / "records") == []


def test_a_file_name_with_a_control_character_is_refused(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    shutil.copy(SOURCES / f"{WITNESS_2019}.txt", corpus / "sources" / "copy\x1b[2J.txt")

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert (
        f"assembler: error: {corpus / 'sources'}: the file name 'copy\\x1b[2J.txt' contains"
        " U+001B\n  hint: rename the file\n"
    ) in err
    assert UNSAFE.search(out + err) is None
    assert_as_committed(corpus)


# -- 4. control and bidi characters in a source ------------------------------------------------
def test_control_and_bidi_characters_are_dropped_and_counted(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    source = corpus / "sources" / f"{REPORT_2007}.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    assert lines[26].startswith("1. 本报告应同以下文件")
    lines[26] = "\x1b" + lines[26][:10] + "\u202e\x07" + lines[26][10:] + "\x1b\x7f"
    assert lines[60].startswith("授权拟定这项")
    lines[60] = "\x85" + lines[60] + "\u2066\x0c"
    source.write_text("\n".join(lines), encoding="utf-8")

    code, out, err = run(capsys, corpus, "ingest")

    assert (code, err) == (0, "")
    assert UNSAFE.search(out) is None
    # The records are those of the clean text; the metadata counts what was dropped.
    assert (corpus / "records" / f"{ID_2007}.jsonl").read_bytes() == (
        COMMITTED / f"{ID_2007}.jsonl"
    ).read_bytes()
    meta = meta_of(corpus, ID_2007)
    assert meta["dropped"] == {"control": 8, "page-number": 1, "running-header": 14, "separator": 8}
    assert meta["warnings"] == [
        f"{REPORT_2007}.txt: dropped control or bidi characters: U+0007 ×1 (first on line 27),"
        " U+001B ×2 (first on line 27), U+007F ×1 (first on line 27), U+0085 ×1 (first on line"
        " 61), U+202E RIGHT-TO-LEFT OVERRIDE ×1 (first on line 27), U+2066 LEFT-TO-RIGHT"
        " ISOLATE ×1 (first on line 61)"
    ]
    expected = committed_meta(ID_2007)
    for changed in ("dropped", "warnings", "sources"):
        del meta[changed], expected[changed]
    assert meta == expected
    assert (
        "  dropped      31 characters of page furniture and control or bidi characters:"
        " control 8, page-number 1, running-header 14, separator 8\n"
    ) in out

    code, out, err = run(capsys, corpus, "show", ID_2007, "1")
    assert (code, err) == (0, "")
    assert UNSAFE.search(out) is None


def test_form_feeds_are_counted_without_a_warning(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    source = corpus / "sources" / f"{REPORT_2007}.txt"
    text = source.read_text(encoding="utf-8")
    pages = text.count("\n\n")
    source.write_text(text.replace("\n\n", "\n\x0c\n"), encoding="utf-8")

    code, _, err = run(capsys, corpus, "ingest")

    assert (code, err) == (0, "")
    meta = meta_of(corpus, ID_2007)
    assert meta["warnings"] == []
    assert pages == 530
    assert meta["dropped"] == {
        "control": pages,
        "page-number": 1,
        "running-header": 14,
        "separator": 8,
    }
    assert (corpus / "records" / f"{ID_2007}.jsonl").read_bytes() == (
        COMMITTED / f"{ID_2007}.jsonl"
    ).read_bytes()


def test_a_bidi_override_in_a_sidecar_is_refused_with_its_place(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    sidecar = corpus / "sources" / f"{REPORT_2019}.meta.yaml"
    sidecar.write_text(f"id: {ID_2019}\ntitle: abc\u202edef\n", encoding="utf-8")

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert (
        f"assembler: error: {sidecar}:2:11: U+202E RIGHT-TO-LEFT OVERRIDE in the sidecar\n"
        "  hint: remove it: a sidecar holds plain text\n"
    ) in err
    assert UNSAFE.search(out + err) is None
    assert_as_committed(corpus)


def test_an_escaped_control_character_in_a_sidecar_field_is_refused(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    sidecar = corpus / "sources" / f"{REPORT_2019}.meta.yaml"
    sidecar.write_text(f'id: {ID_2019}\nvenue: "Vienna\\e[2J"\n', encoding="utf-8")

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert (
        f"assembler: error: {sidecar}:2:1: venue: U+001B is not allowed in a sidecar field\n" in err
    )
    assert UNSAFE.search(out + err) is None
    assert_as_committed(corpus)


# -- 5. UTF-16 and UTF-32 -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("mark", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
    ids=["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_a_source_with_a_byte_order_mark_is_read(
    capsys: pytest.CaptureFixture[str], corpus: Path, mark: bytes, codec: str
) -> None:
    source = corpus / "sources" / f"{REPORT_2007}.txt"
    data = mark + source.read_text(encoding="utf-8").encode(codec)
    source.write_bytes(data)

    code, _, err = run(capsys, corpus, "ingest")

    assert (code, err) == (0, "")
    assert (corpus / "records" / f"{ID_2007}.jsonl").read_bytes() == (
        COMMITTED / f"{ID_2007}.jsonl"
    ).read_bytes()
    # The metadata differs by the file's hash only.
    meta, expected = meta_of(corpus, ID_2007), committed_meta(ID_2007)
    expected["sources"][0]["sha256"] = hashlib.sha256(data).hexdigest()
    assert meta == expected
    assert temporaries(corpus) == []


@pytest.mark.parametrize(
    ("codec", "name", "iconv"),
    [
        ("utf-16-le", "UTF-16 LE", "UTF-16LE"),
        ("utf-16-be", "UTF-16 BE", "UTF-16BE"),
        ("utf-32-le", "UTF-32 LE", "UTF-32LE"),
        ("utf-32-be", "UTF-32 BE", "UTF-32BE"),
    ],
)
def test_a_wide_source_without_a_byte_order_mark_is_named(
    capsys: pytest.CaptureFixture[str], corpus: Path, codec: str, name: str, iconv: str
) -> None:
    source = corpus / "sources" / f"{REPORT_2007}.txt"
    source.write_bytes(source.read_text(encoding="utf-8").encode(codec))

    code, _, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert err.endswith(
        f"assembler: error: {source}: {name} text without a byte order mark: sources are UTF-8,"
        " or UTF-16 or UTF-32 starting with a byte order mark\n"
        f"  hint: start it with a byte order mark, or convert it: iconv -f {iconv} -t UTF-8\n"
    )
    assert_as_committed(corpus)


def test_a_broken_utf16_source_names_its_line(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    source = corpus / "sources" / f"{REPORT_2007}.txt"
    data = source.read_text(encoding="utf-8").encode("utf-16-le")
    cut = len("\n".join(source.read_text(encoding="utf-8").split("\n")[:40]).encode("utf-16-le"))
    # A lone high surrogate (0xD800) on line 41: not UTF-16.
    source.write_bytes(codecs.BOM_UTF16_LE + data[:cut] + b"\x00\xd8" + data[cut:])

    code, _, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert f"assembler: error: {source}:40: not UTF-16 LE (byte 0x" in err
    assert "  hint: it starts with a UTF-16 LE byte order mark; export the text again as" in err
    assert_as_committed(corpus)


def test_a_scrap_of_binary_data_is_not_taken_for_utf16(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    source = corpus / "sources" / "scrap.txt"
    source.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe")

    code, _, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert f"assembler: error: {source}:2: binary data (a NUL byte)" in err
    assert_as_committed(corpus)
