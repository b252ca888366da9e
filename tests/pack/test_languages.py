"""Language honesty: an English or side-by-side pack whose picks lack English fails, listing
them, unless the spec asks for notices; spec texts take a value per language."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler.cli import main

# The `cli` fixture of tests/conftest.py: (exit code, stdout, stderr) of a command.
Cli = Callable[..., tuple[int, str, str]]

SPEC = """\
title: {zh: 反恐技术援助, en: Technical assistance against terrorism}
subtitle: {zh: 摘录, en: Excerpts}
prepared_by: Briefing team
outputs: [docx]
sections:
  - heading: {zh: 导言, en: Introduction}
    note: {zh: 报告第一章。, en: Chapter I of the report.}
    select:
      - ccpcj28-terrorism-ta: 1-3, 5
      - E/CN.15/2007/9: 21
"""


def test_an_english_pack_without_english_fails_listing_the_paragraphs(
    tmp_path: Path, cli: Cli
) -> None:
    spec = tmp_path / "en.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    code, out, err = cli("build", spec, "--out", tmp_path, "--language", "en")
    assert code == 1 and out == "" and list(tmp_path.iterdir()) == [spec]
    assert err == (
        f"assembler: error: {spec}:9:9: the corpus has no English text of 5 picked paragraphs of this en "
        "pack: ccpcj28-terrorism-ta paragraphs 1-3, 5; E/CN.15/2007/9 paragraph 21\n"
        "  hint: pick paragraphs the corpus has in English, or add `missing: notice` to the spec "
        "to print a notice in their place\n"
    )
    code, _, err = cli("build", spec, "--out", tmp_path, "--language", "zh+en")
    assert code == 1 and "of this zh+en pack" in err


def test_missing_notice_prints_the_notice_and_english_values(tmp_path: Path, cli: Cli) -> None:
    spec = tmp_path / "en.yaml"
    spec.write_text(SPEC + "missing: notice\n", encoding="utf-8")
    code, out, _ = cli("build", spec, "--out", tmp_path, "--language", "en", "--check")
    assert code == 0
    assert f"{spec}: Technical assistance against terrorism (en-en)" in out
    assert "  Introduction: 5 paragraphs from E/CN.15/2007/9, ccpcj28-terrorism-ta" in out
    code, out, _ = cli("build", spec, "--out", tmp_path, "--check")
    assert code == 0 and f"{spec}: 反恐技术援助 (en)" in out and "  导言: 5 paragraphs" in out


def test_a_per_language_text_without_the_packs_language_is_placed(tmp_path: Path, cli: Cli) -> None:
    spec = tmp_path / "zh-only.yaml"
    spec.write_text(
        SPEC.replace("{zh: 导言, en: Introduction}", "{zh: 导言}") + "missing: notice\n",
        encoding="utf-8",
    )
    code, _, err = cli("build", spec, "--language", "en", "--check")
    assert code == 1
    assert err.startswith(
        f"assembler: error: {spec}:6:5: `heading` has no `en` value for this en pack (it gives zh)\n"
        "  hint: add `en: ...`, or give one string for every language"
    )


@pytest.mark.parametrize(
    ("text", "error", "hint"),
    [
        (
            "title: {zh: 标题, fr: Titre}\n",
            "1:17: unknown key `fr`",
            "allowed keys: zh, en",
        ),
        (
            "title: {}\n",
            "1:1: `title`: give the text in `zh`, `en` or both (or one string for all)",
            None,
        ),
        (
            "title: 标题\nmissing: notce\n",
            "2:1: `missing` must be one of 'error' or 'notice', not 'notce'",
            "did you mean `notice`?",
        ),
    ],
)
def test_spec_errors_of_the_new_keys_are_placed(
    tmp_path: Path, cli: Cli, text: str, error: str, hint: str | None
) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        text + "sections:\n  - heading: 导言\n    select:\n      - ccpcj28-terrorism-ta: 1\n",
        encoding="utf-8",
    )
    code, _, err = cli("build", spec, "--check")
    assert code == 1
    assert err.splitlines()[0] == f"assembler: error: {spec}:{error}"
    if hint:
        assert err.splitlines()[1] == f"  hint: {hint}"


def test_an_english_pack_from_resolutions_cites_the_agenda_as_adopted(tmp_path: Path) -> None:
    # A resolution is adopted under an item of the agenda, not of the provisional agenda (that
    # is for reports issued before the session); the name carries no -en: en is the spec's own.
    spec = Path(__file__).resolve().parents[2] / "examples" / "ga78-crime-resolutions.yaml"
    assert main(["build", str(spec), "--out", str(tmp_path), "--format", "html"]) == 0
    html = (tmp_path / "ga78-crime-resolutions.html").read_text("utf-8")
    assert "Agenda item 107" in html
    assert "provisional agenda" not in html
    assert "Seventy-eighth session" in html


def test_an_english_pack_finds_its_terms_in_english_and_lists_them_english_first(
    tmp_path: Path,
) -> None:
    # The resolutions are matched in English (there is no Chinese text to match): the annex
    # holds the instruments they name, English column first, in English order as the spec asks.
    spec = Path(__file__).resolve().parents[2] / "examples" / "ga78-crime-resolutions.yaml"
    assert main(["build", str(spec), "--out", str(tmp_path), "--format", "html"]) == 0
    html = (tmp_path / "ga78-crime-resolutions.html").read_text("utf-8")
    annex = html[html.index('<section class="annex"') :]
    assert "<thead><tr><th>English</th><th>Chinese</th></tr></thead>" in annex
    rows = re.findall(r'<tr><td lang="en">(.*?)</td><td lang="zh-Hans">(.*?)</td></tr>', annex)
    english = [e for e, _ in rows]
    assert english == sorted(english, key=str.casefold)
    assert ("capacity-building", "能力建设") in rows
    assert (
        "Convention on Psychotropic Substances of 1971 (Convention on Psychotropic Substances)",
        "精神药物公约",
    ) in rows
    # No Chinese name was confirmed for the Conference of the Parties: a dash, not a guess.
    assert (
        "Conference of the Parties to the United Nations Convention against Transnational"
        " Organized Crime",
        "—",
    ) in rows
