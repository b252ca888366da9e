"""Editorial notes' light Markdown: the linear reader gives what the original regular expression
gave (kept here as the reference), and a megabyte of hostile note text reads in well under a
second (the regular expression took 9 s for 64 KB with one unclosed `**`)."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.pack.compose import note_runs
from assembler.pack.markdown import find_markup

# The rules as first written: correct, but quadratic on unclosed markers.
REFERENCE = re.compile(
    r"(?<![A-Za-z0-9/.])\*\*(?P<strong>\S(?:.*?\S)?)\*\*(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9/.*])\*(?P<em>[^\s*](?:[^*]*?[^\s*])?)\*(?![A-Za-z0-9*])"
    r"|\[(?P<label>[^\]]+)\]\((?P<href>https?://[^)\s]+)\)"
)


def reference(text: str) -> list[tuple[str, str, int, int, str]]:
    found = []
    for match in REFERENCE.finditer(text):
        if match["strong"] is not None:
            found.append(("strong", match["strong"], match.start(), match.end(), ""))
        elif match["em"] is not None:
            found.append(("emphasis", match["em"], match.start(), match.end(), ""))
        else:
            found.append(("link", match["label"], match.start(), match.end(), match["href"]))
    return found


def linear(text: str) -> list[tuple[str, str, int, int, str]]:
    return [(m.kind, m.text, m.start, m.end, m.href) for m in find_markup(text)]


NOTE_ALPHABET = st.sampled_from(
    ["*", "**", "[", "]", "(", ")", " ", "a", "Z", "1", "/", ".", "第", "段", "。",
     "http://", "https://", "x.org", "\t"]
)  # fmt: skip


@settings(max_examples=2000)
@given(st.lists(NOTE_ALPHABET, max_size=30).map("".join))
def test_the_linear_reader_finds_what_the_reference_finds(text: str) -> None:
    assert linear(text) == reference(text)


def test_strong_emphasis_and_links_in_a_chinese_note() -> None:
    text = "见**第 31 段**和*附件*，全文见[联合国文件](https://undocs.org/A/RES/72/194)。"
    assert linear(text) == [
        ("strong", "第 31 段", 1, 11, ""),
        ("emphasis", "附件", 12, 16, ""),
        ("link", "联合国文件", 20, 60, "https://undocs.org/A/RES/72/194"),
    ]
    assert [(s.text, s.kind) for s in note_runs(text)][:4] == [
        ("见", "text"),
        ("第 31 段", "strong"),
        ("和", "text"),
        ("附件", "emphasis"),
    ]


def test_a_megabyte_of_unclosed_markers_reads_in_linear_time() -> None:
    # Each shape once made the regular expression reread the rest of the note from every opener.
    for unit in ("**a ", "*a ", "[a](http://x ", "[a "):
        text = unit * (1_000_000 // len(unit))
        started = time.perf_counter()
        runs = note_runs(text)
        elapsed = time.perf_counter() - started
        assert "".join(span.text for span in runs) == text
        # A bound on blow-up, not a speed goal (`make bench` prints the figure): the quadratic
        # reader needed hours for this.
        assert elapsed < 10.0, (unit, elapsed)
