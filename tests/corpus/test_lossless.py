"""Nothing a source says is lost: every non-space character of every bundled source is in a
record, a footnote, the metadata, or counted as dropped page furniture with its reason; and
each source's own reading can be rebuilt from the final records and the recorded differences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assembler.corpus.accounting import account_source, rebuild
from assembler.corpus.assemble import source_records
from assembler.corpus.catalog import Corpus
from assembler.corpus.ingest import parse_file
from assembler.corpus.reconcile import keyed, merge_text
from assembler.text.cjk import non_space

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Corpus(ROOT / "corpus")
SOURCES = sorted(CORPUS.sources_dir.glob("*.txt"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_character_of_every_source_is_accounted_for(path: Path) -> None:
    parsed = parse_file(path)
    account = account_source(parsed.parsed, source_records(parsed, "zh"))
    assert account.problems == []
    assert account.characters == len(non_space(path.read_text(encoding="utf-8")))
    assert sum(account.by_owner.values()) == account.characters
    assert account.by_owner["record"] > 0.9 * account.characters


def test_what_000_drops_is_page_furniture_only() -> None:
    parsed = parse_file(CORPUS.sources_dir / "000_04cc4b375e09ec40.txt").parsed
    assert parsed.dropped == {"separator": 36, "url": 486}
    # The URL dumps are hyperlink targets; every one is cited in a record on its page.
    assert len(parsed.url_targets) == 15


@pytest.mark.parametrize("name", ["000_04cc4b375e09ec40.txt", "002_14443a4334fef884.txt"])
def test_each_source_reading_rebuilds_from_the_final_records(name: str) -> None:
    document = CORPUS.resolve("ccpcj28-terrorism-ta")
    final = keyed(document.records)
    own = keyed(source_records(parse_file(CORPUS.sources_dir / name), "zh"))
    assert own.keys() == final.keys()
    for key, record in own.items():
        diffs = [d for d in document.meta.differences if d.source == name and d.key == key]
        text_diffs = [d for d in diffs if d.field == "text"]
        assert non_space(rebuild(final[key].text, text_diffs)) == non_space(record.text), key


def test_reconciliation_reports_every_difference_between_000_and_002() -> None:
    meta = CORPUS.resolve("ccpcj28-terrorism-ta").meta
    found = {(d.key, d.kind, d.final, d.other) for d in meta.differences}
    assert found == {
        ("para 12", "omitted", "怖主义", ""),  # 反恐怖主义办公室 / 反恐办公室
        ("para 13", "omitted", "打击恐怖主义", ""),
        ("para 14", "omitted", "怖主义", ""),
        ("para 24", "omitted", "保护恐怖主", ""),  # 002 loses 5 characters at a page break
        ("para 29", "replaced", "－", "—"),
        ("para 37", "replaced", "员", "师"),  # 培训员 / 培训师
        ("para 44", "doubled", "", "的"),  # 002: 的的
        ("para 51", "omitted", "和", ""),
        ("para 61", "doubled", "", "有"),  # 002: 有有效
        ("para 96", "replaced", "员", "师"),
        ("para 110", "replaced", "员", "师"),
        ("para 115", "omitted", "持。", ""),  # 002 truncates: ends 保护和支
        ("para 121", "replaced", "员", "师"),
    }
    assert all(d.source == "002_14443a4334fef884.txt" for d in meta.differences)


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)


@st.composite
def damaged_copies(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a copy of it that lost a span and doubled a character, as extraction does."""
    base = draw(st.text(_HAN, min_size=2, max_size=60))
    copy = list(base)
    if len(copy) > 3 and draw(st.booleans()):
        start = draw(st.integers(0, len(copy) - 2))
        end = draw(st.integers(start + 1, min(len(copy), start + 6)))
        del copy[start:end]
    if copy and draw(st.booleans()):
        at = draw(st.integers(0, len(copy) - 1))
        copy.insert(at, copy[at])
    return base, "".join(copy)


@given(damaged_copies())
def test_merging_never_loses_the_base_and_rebuilds_both_readings(pair: tuple[str, str]) -> None:
    base, copy = pair
    final, changes = merge_text(base, copy, "a", "b")
    from assembler.corpus.model import Difference

    def undo(source: str) -> str:
        diffs = [
            Difference("k", c.source, c.kind, c.offset, c.final, c.other)
            for c in changes
            if c.source == source
        ]
        return non_space(rebuild(final, diffs))

    assert undo("a") == non_space(base)
    assert undo("b") == non_space(copy)
    # The final reading holds every character of the base, in order: it is never shortened.
    iterator = iter(final)
    assert all(char in iterator for char in non_space(base))


@given(st.text(_HAN, min_size=1, max_size=40), st.text(_HAN, min_size=1, max_size=40))
def test_merging_two_unrelated_texts_still_rebuilds_both(base: str, other: str) -> None:
    from assembler.corpus.model import Difference

    final, changes = merge_text(base, other, "a", "b")
    for source, original in (("a", base), ("b", other)):
        diffs = [
            Difference("k", c.source, c.kind, c.offset, c.final, c.other)
            for c in changes
            if c.source == source
        ]
        assert non_space(rebuild(final, diffs)) == non_space(original)
