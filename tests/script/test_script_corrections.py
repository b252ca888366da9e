"""Known OpenCC errors, corrected from data (assembler/script/corrections.tsv).

Every row is checked against the pinned OpenCC: the error it fixes must still happen (else the
row is dead weight and should go), and the converter must put the fixed output in its place.
A row that contains another row's source (了如指掌 holds 了如) shields its text from the
shorter row and may agree with OpenCC."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.script.convert import Engines, build_converter
from assembler.script.corrections import Correction, load_corrections, parse_corrections
from assembler.script.variants import VARIANTS

CORPUS = Corpus(Path(__file__).resolve().parents[2] / "corpus")
CORRECTIONS = load_corrections()
ENGINES = Engines()
CONVERTERS = {
    name: build_converter(name, engines=ENGINES) for name, v in VARIANTS.items() if v.converts
}
HEADER = "source\thant\thant-hk\thant-tw-phrases\twhy\n"


def raw(variant: str, text: str) -> str:
    config = VARIANTS[variant].config
    assert config is not None
    return ENGINES.get(config)(text)


def shields(correction: Correction) -> bool:
    return any(o.source != correction.source and o.source in correction.source for o in CORRECTIONS)


def test_the_known_errors_of_the_field_notes_are_corrected() -> None:
    for variant, converter in CONVERTERS.items():
        assert raw(variant, "被发明") == "被髮明"
        assert converter.convert("被发明") == "被發明"
        assert raw(variant, "参与制造") == "參與制造"
        assert converter.convert("参与制造") == "參與製造"
        assert raw(variant, "展示了如何") == "展示瞭如何"
        assert converter.convert("展示了如何") == "展示了如何"


@pytest.mark.parametrize("row", CORRECTIONS, ids=lambda c: f"line{c.line}-{c.source}")
def test_each_correction_is_still_needed_and_applied(row: Correction) -> None:
    for variant, converter in CONVERTERS.items():
        fixed = row.output(variant)
        if fixed is None:
            assert converter.convert(row.source) == raw(variant, row.source)
            continue
        assert converter.convert(row.source) == fixed
        if not shields(row):
            assert raw(variant, row.source) != fixed, (
                f"corrections.tsv line {row.line}: OpenCC now gives {fixed!r} for "
                f"{row.source!r} under {variant}; remove the correction"
            )


def test_corrections_in_corpus_sentences() -> None:
    report = {r.para: r.text for r in CORPUS.resolve("ccpcj28-terrorism-ta").records}
    launch = "12 月 6 日，作为改革的一部分，秘书长发起了《联合国全球反恐协调契约》"
    assert launch in report["83"]
    assert CONVERTERS["hant"].convert(launch) == (
        "12 月 6 日，作為改革的一部分，秘書長發起了《聯合國全球反恐協調契約》"
    )
    audit = "审计小组还提出了如下建议"
    assert audit in report["113"]
    assert CONVERTERS["hant-tw-phrases"].convert(audit) == "審計小組還提出了如下建議"
    older = {r.para: r.text for r in CORPUS.resolve("E/CN.15/2007/9").records}
    invite = "邀请小组负责人参加预防恐怖主义处举办的次区域和区域讲习班"
    assert invite in older["48"]
    assert raw("hant-hk", invite).startswith("邀請小組負責人蔘加")
    assert CONVERTERS["hant-hk"].convert(invite) == (
        "邀請小組負責人參加預防恐怖主義處舉辦的次區域和區域講習班"
    )


def test_variant_only_corrections_leave_the_other_variants_to_opencc() -> None:
    text = "在纽约，毒品和犯罪问题办公室发布了手册"
    assert CONVERTERS["hant"].convert(text) == "在紐約，毒品和犯罪問題辦公室發佈了手冊"
    assert CONVERTERS["hant-tw-phrases"].convert(text) == "在紐約，毒品和犯罪問題辦公室發布了手冊"
    assert raw("hant-tw-phrases", text) == "在紐約，毒品和犯罪問題辦公室釋出了手冊"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("被发\t被發\t被發\t被發\twhy\n", 1, "the first row must be the header"),
        (HEADER + "被发\t被發\t被發\twhy\n", 2, "expected 5 tab-separated cells, found 4"),
        (HEADER + "被发\t被發\t\t被發\twhy\n", 2, "empty cell"),
        (HEADER + "被发\t-\t-\t-\twhy\n", 2, "no variant is corrected in the row for '被发'"),
        (HEADER + "被发\t被發\t被發\t被發\t\n# note\n被发\t-\t被發\t-\t\n", 4, "corrected twice"),
        (HEADER + "被发\t被\ue000發\t-\t-\twhy\n", 2, "NUL or a private-use character"),
    ],
)
def test_bad_rows_are_refused_with_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(AssemblerError, match=message) as caught:
        parse_corrections(text, "corrections.tsv")
    assert (caught.value.path, caught.value.line) == ("corrections.tsv", line)


def test_rows_keep_only_the_variants_they_fix() -> None:
    rows = parse_corrections(HEADER + "# a comment\n\n人参加\t-\t人參加\t-\tginseng\n", "x.tsv")
    assert rows == (Correction("人参加", (("hant-hk", "人參加"),), "ginseng", 4),)
