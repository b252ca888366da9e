"""Full-text search over the corpus records (assembler.corpus.index).

Every expectation is computed here by brute force from the record files with plain Python
`in`: a record matches a query when each space-separated term, ignoring case, occurs in its
text, in one of its items ("(a) text") or in one of its notes. The tests work on copies of
corpus/records in a temporary directory and never write into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support import reports_only

from assembler.corpus.index import Hit, ensure_index, search
from assembler.errors import AssemblerError

RECORDS = Path(__file__).resolve().parents[2] / "corpus" / "records"
REPORT_2019 = "ccpcj28-terrorism-ta"
REPORT_2007 = "E-CN.15-2007-9"
SYMBOL_2007 = "E/CN.15/2007/9"
ALL = 100_000


@dataclass(frozen=True)
class Row:
    doc: str
    seq: int
    para: str | None
    parts: tuple[str, ...]

    def contains(self, term: str) -> bool:
        return any(term.lower() in part.lower() for part in self.parts)

    def count(self, term: str) -> int:
        return sum(part.lower().count(term.lower()) for part in self.parts)


def read_rows(records_dir: Path) -> list[Row]:
    rows = []
    for path in sorted(records_dir.glob("*.jsonl")):
        if reports_only(str(records_dir), [path.name]):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            parts = [data["text"]]
            parts += [f"{item['label']} {item['text']}" for item in data["items"]]
            parts += [note["text"] for note in data["notes"]]
            rows.append(Row(data["doc"], data["seq"], data["para"], tuple(parts)))
    return rows


ROWS = read_rows(RECORDS)


def brute_force(query: str, doc: str | None = None) -> list[tuple[str, int]]:
    terms = query.split()
    found = [
        (r.doc, r.seq)
        for r in ROWS
        if all(r.contains(t) for t in terms) and (doc is None or r.doc == doc)
    ]
    return sorted(found)


def keys(hits: list[Hit]) -> list[tuple[str, int]]:
    return [(h.doc, h.seq) for h in hits]


@dataclass(frozen=True)
class Corpus:
    records: Path
    index: Path

    def search(
        self, query: str, *, doc: str | None = None, mark: tuple[str, str] = ("«", "»")
    ) -> list[Hit]:
        return search(self.records, self.index, query, doc=doc, limit=ALL, mark=mark)


def copy_corpus(root: Path) -> Corpus:
    records = root / "records"
    shutil.copytree(RECORDS, records, ignore=reports_only)
    return Corpus(records, root / "index.sqlite")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """One shared copy for the read-only tests (and for hypothesis, which re-runs a test body
    many times and cannot use a fresh tmp_path per example)."""
    yield copy_corpus(tmp_path_factory.mktemp("search"))


@pytest.fixture
def own_corpus(tmp_path: Path) -> Corpus:
    """A private copy for tests that change the records."""
    return copy_corpus(tmp_path)


# --- finding paragraphs -----------------------------------------------------------------------


def test_foreign_terrorist_fighters_in_the_2019_report(corpus: Corpus) -> None:
    term = "外国恐怖主义作战人员"
    hits = corpus.search(term, doc=REPORT_2019)
    expected = [r for r in ROWS if r.doc == REPORT_2019 and r.contains(term)]
    expected_paras = {r.para for r in expected if r.para is not None}
    assert len(expected_paras) >= 5  # a real, recurring term of that report
    assert {(h.doc, h.para) for h in hits if h.para} == {(REPORT_2019, p) for p in expected_paras}
    assert keys(hits) == [(r.doc, r.seq) for r in expected]
    # One heading names the term too: section "应对包括返回和转移的作战人员在内的外国恐怖主义…".
    assert [h.kind for h in hits if h.para is None] == ["heading"]
    for hit in hits:
        assert f"«{term}»" in hit.snippet
        row = next(r for r in expected if r.seq == hit.seq)
        assert hit.matches == row.count(term)
        assert hit.symbol == ""  # the 2019 extraction does not print its symbol


def test_a_hit_says_where_it_is(corpus: Corpus) -> None:
    hit = corpus.search("马德里指导原则", doc=REPORT_2019)[0]
    assert (hit.doc, hit.para, hit.path) == (REPORT_2019, "4", ("一",))
    assert hit.seq == 6


def test_snippet_is_about_forty_characters_and_uses_the_callers_marks(corpus: Corpus) -> None:
    hits = corpus.search("技术援助", mark=("\x1b[1m", "\x1b[0m"))
    assert hits
    for hit in hits:
        assert "\x1b[1m技术援助\x1b[0m" in hit.snippet
        visible = hit.snippet.replace("\x1b[1m", "").replace("\x1b[0m", "").strip("…")
        assert len(visible) <= 40
        assert "\n" not in hit.snippet


def test_results_are_in_reading_order_and_limited(corpus: Corpus) -> None:
    every = corpus.search("恐怖主义")
    assert keys(every) == brute_force("恐怖主义")
    assert len(every) > 100
    assert keys(search(corpus.records, corpus.index, "恐怖主义", limit=7)) == keys(every)[:7]
    assert len(search(corpus.records, corpus.index, "恐怖主义")) == 50  # the default limit


def test_several_terms_must_all_occur(corpus: Corpus) -> None:
    hits = corpus.search("乍得 尼日尔")
    assert keys(hits) == brute_force("乍得 尼日尔")
    assert hits
    assert len(hits) < len(brute_force("乍得"))


def test_case_is_ignored_in_latin_text(corpus: Corpus) -> None:
    assert corpus.search("HTTP://WWW.UNODC.ORG") == corpus.search("http://www.unodc.org")
    assert keys(corpus.search("UNODC")) == brute_force("unodc") != []


# --- terms shorter than a trigram -------------------------------------------------------------


@pytest.mark.parametrize("term", ["反恐", "乍得", "禁毒办", "恐", "（", "6"])
def test_short_terms_fall_back_to_a_scan_with_the_same_answer(corpus: Corpus, term: str) -> None:
    hits = corpus.search(term)
    assert keys(hits) == brute_force(term) != []
    assert all(f"«{term}»" in h.snippet for h in hits)


def test_short_and_long_terms_combine(corpus: Corpus) -> None:
    query = "反恐 外国恐怖主义作战人员"
    assert keys(corpus.search(query)) == brute_force(query) != []


# --- the document filter ----------------------------------------------------------------------


def test_filter_by_document_id(corpus: Corpus) -> None:
    hits = corpus.search("反恐", doc=REPORT_2007)
    assert keys(hits) == brute_force("反恐", doc=REPORT_2007) != []
    assert {h.symbol for h in hits} == {SYMBOL_2007}


def test_filter_by_document_symbol(corpus: Corpus) -> None:
    by_symbol = corpus.search("反恐", doc=SYMBOL_2007)
    assert by_symbol == corpus.search("反恐", doc=REPORT_2007)
    assert corpus.search("反恐", doc="e/cn.15/2007/9") == by_symbol


def test_unknown_document_is_an_error_with_a_hint(corpus: Corpus) -> None:
    with pytest.raises(AssemblerError) as caught:
        corpus.search("反恐", doc="E/CN.15/2099/1")
    assert caught.value.hint is not None
    assert REPORT_2007 in caught.value.hint


@pytest.mark.parametrize("query", ["", "   ", "\u3000\t"])
def test_empty_query_is_an_error_with_a_hint(corpus: Corpus, query: str) -> None:
    with pytest.raises(AssemblerError) as caught:
        corpus.search(query)
    assert caught.value.hint


# --- user input is text, not FTS5 syntax ------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"恐怖主义',
        '"恐怖主义" OR 乍得',
        "AND",
        "恐怖 AND 乍得",
        "NOT 乍得",
        "*",
        "恐怖*",
        "(",
        "(a)",
        "NEAR(恐怖 乍得)",
        "^恐怖",
        "恐怖:乍得",
        "text:恐怖",
        "folded : 恐怖",
        "'; DROP TABLE records; --",
        "%",
        "_",
    ],
)
def test_fts5_syntax_is_taken_literally(corpus: Corpus, query: str) -> None:
    assert keys(corpus.search(query)) == brute_force(query)


def test_brackets_in_item_labels_are_found(corpus: Corpus) -> None:
    hits = corpus.search("(a)")
    assert keys(hits) == brute_force("(a)") != []


# --- the index file ---------------------------------------------------------------------------


def test_index_is_built_once_and_reused(own_corpus: Corpus) -> None:
    assert not own_corpus.index.exists()
    assert ensure_index(own_corpus.records, own_corpus.index) is True
    assert ensure_index(own_corpus.records, own_corpus.index) is False
    assert sorted(p.name for p in own_corpus.index.parent.iterdir()) == ["index.sqlite", "records"]


def test_search_builds_a_missing_index(own_corpus: Corpus) -> None:
    assert own_corpus.search("乍得")
    assert own_corpus.index.is_file()
    assert ensure_index(own_corpus.records, own_corpus.index) is False


def replace_in_records(records: Path, doc: str, old: str, new: str) -> None:
    path = records / f"{doc}.jsonl"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_changed_records_rebuild_the_index(own_corpus: Corpus) -> None:
    ensure_index(own_corpus.records, own_corpus.index)
    assert own_corpus.search("斑马线上的长颈鹿") == []
    replace_in_records(
        own_corpus.records, REPORT_2019, "（《马德里指导原则》）", "斑马线上的长颈鹿"
    )
    hits = own_corpus.search("斑马线上的长颈鹿")
    assert [(h.doc, h.para) for h in hits] == [(REPORT_2019, "4")]
    assert own_corpus.search("（《马德里指导原则》）") == []
    assert ensure_index(own_corpus.records, own_corpus.index) is False


def test_a_change_that_keeps_size_and_mtime_is_still_seen(own_corpus: Corpus) -> None:
    """The fingerprint hashes content: a same-size rewrite within one timestamp tick counts."""
    ensure_index(own_corpus.records, own_corpus.index)
    path = own_corpus.records / f"{REPORT_2019}.jsonl"
    before = path.stat()
    replace_in_records(
        own_corpus.records, REPORT_2019, "（《马德里指导原则》）", "（《长颈鹿指导原则》）"
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert ensure_index(own_corpus.records, own_corpus.index) is True
    assert [h.para for h in own_corpus.search("长颈鹿")] == ["4"]


def test_a_removed_document_leaves_the_index(own_corpus: Corpus) -> None:
    ensure_index(own_corpus.records, own_corpus.index)
    (own_corpus.records / f"{REPORT_2007}.jsonl").unlink()
    (own_corpus.records / f"{REPORT_2007}.meta.json").unlink()
    assert {h.doc for h in own_corpus.search("反恐")} == {REPORT_2019}
    with pytest.raises(AssemblerError):
        own_corpus.search("反恐", doc=SYMBOL_2007)


def test_a_failed_rebuild_keeps_the_old_index_and_leaves_no_temp_file(
    own_corpus: Corpus,
) -> None:
    ensure_index(own_corpus.records, own_corpus.index)
    old = own_corpus.index.read_bytes()
    with (own_corpus.records / f"{REPORT_2007}.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not a record\n")
    with pytest.raises(AssemblerError):
        ensure_index(own_corpus.records, own_corpus.index)
    assert own_corpus.index.read_bytes() == old
    assert sorted(p.name for p in own_corpus.index.parent.iterdir()) == ["index.sqlite", "records"]


def test_a_damaged_index_file_is_rebuilt(own_corpus: Corpus) -> None:
    own_corpus.index.write_bytes(b"half an index")
    assert ensure_index(own_corpus.records, own_corpus.index) is True
    assert keys(own_corpus.search("乍得")) == brute_force("乍得")


def test_no_records_is_an_error_with_a_hint(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    with pytest.raises(AssemblerError) as caught:
        search(tmp_path / "records", tmp_path / "index.sqlite", "反恐")
    assert caught.value.hint is not None
    assert "ingest" in caught.value.hint


# --- property: search equals brute force ------------------------------------------------------

TEXTS = [part for row in ROWS for part in row.parts if part]


@st.composite
def substrings(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    length = draw(st.integers(min_value=1, max_value=6))
    start = draw(st.integers(min_value=0, max_value=max(0, len(text) - length)))
    return text[start : start + length]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=substrings())
def test_search_returns_exactly_the_records_containing_the_substring(
    corpus: Corpus, query: str
) -> None:
    assume(query.split())
    hits = corpus.search(query)
    assert keys(hits) == brute_force(query)
    rows = {(r.doc, r.seq): r for r in ROWS}
    for hit in hits:
        assert hit.matches >= 1
        assert hit.matches == sum(rows[(hit.doc, hit.seq)].count(t) for t in query.split())
