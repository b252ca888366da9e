"""`assembler convert`: the pack's script conversion for any text file or stdin, to stdout,
protecting the glossary's zh-Hans terms (--glossary) and --protect lists."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.corpus.catalog import Corpus

CORPUS = Corpus(Path(__file__).resolve().parents[2] / "corpus")
GLOSSARY = """\
concepts:
  - id: chad
    subject: countries
    terms:
      zh-Hans:
        - term: 乍得
          status: preferred
      en:
        - term: Chad
          status: preferred
  - id: partnership
    subject: cooperation
    terms:
      zh-Hans:
        - term: 合作伙伴关系
          status: preferred
          zh-TW: 合作伙伴關係
"""
# Paragraph 27 of the 2019 report and paragraph 34 of E/CN.15/2007/9, as a reader would paste.
PARA_27 = next(r.text for r in CORPUS.resolve("ccpcj28-terrorism-ta").records if r.para == "27")
PARA_34 = next(r.text for r in CORPUS.resolve("E/CN.15/2007/9").records if r.para == "34")


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    return folder


def run(argv: list[str], capsysbinary: pytest.CaptureFixture[bytes]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


def test_convert_a_file_protecting_the_glossary(
    tmp_path: Path, glossary: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "excerpt.txt"
    source.write_text(f"{PARA_27}\r\n{PARA_34}\r\n", encoding="utf-8")
    argv = ["--glossary", str(glossary), "convert", "--script", "hant-tw-phrases", str(source)]
    code, out, err = run(argv, capsysbinary)
    assert (code, err) == (0, "")
    assert out == (
        # 乍得 is a glossary term; 支持, 布基纳法索, 尼日尔 are not, and s2twp rewrites them (保存 is a correction).
        "在西部和中部非洲，毒品和犯罪問題辦公室繼續支援布吉納法索、乍得、馬里和尼日建立並執行專門的"
        "國家反恐機構。例如，在布吉納法索，由於毒品和犯罪問題辦公室的援助，專門的反恐警官成功保存了"
        "一個恐怖主義犯罪現場的證據。\r\n"
        # The glossary's explicit zh-TW form (keeping 伙) wins over the 合作伙伴 correction.
        "為最大限度地擴大技術援助的影響並避免重複工作，禁毒辦繼續加強業務合作伙伴關係。\r\n"
    )


def test_convert_stdin_with_a_protect_list(
    tmp_path: Path,
    glossary: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    protect = tmp_path / "protect.txt"
    protect.write_text("# UN terms\n\n支持\n 布基纳法索 \n尼日尔\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PARA_27.encode("utf-8"))))
    argv = ["--glossary", str(glossary), "convert", "--script", "hant-tw-phrases"]
    code, out, err = run([*argv, "--protect", str(protect), "-"], capsysbinary)
    assert (code, err) == (0, "")
    assert out == (
        "在西部和中部非洲，毒品和犯罪問題辦公室繼續支持布基納法索、乍得、馬里和尼日爾建立並執行專門的"
        "國家反恐機構。例如，在布基納法索，由於毒品和犯罪問題辦公室的援助，專門的反恐警官成功保存了"
        "一個恐怖主義犯罪現場的證據。"
    )


def test_hong_kong_characters(
    glossary: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "邀请小组负责人参加在线反恐学习平台的培训，保持着联系。\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, _ = run(
        ["--glossary", str(glossary), "convert", "--script", "hant-hk"], capsysbinary
    )
    assert (code, out) == (0, "邀請小組負責人參加在線反恐學習平台的培訓，保持着聯繫。\n")


def test_no_glossary_skips_loading_it(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "terms.yaml").write_text("concepts: [\n", encoding="utf-8")
    source = tmp_path / "para.txt"
    source.write_text(PARA_34, encoding="utf-8")
    argv = ["--glossary", str(broken), "convert", "--script", "hant", str(source)]
    code, _, err = run(argv, capsysbinary)
    assert code == 1
    assert f"{broken / 'terms.yaml'}:" in err
    code, out, err = run([*argv, "--no-glossary"], capsysbinary)
    assert (code, err) == (0, "")
    assert out == "為最大限度地擴大技術援助的影響並避免重複工作，禁毒辦繼續加強業務合作夥伴關係。"


def test_simplified_output_is_the_input(
    tmp_path: Path, glossary: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "para.txt"
    source.write_bytes(f"{PARA_27}\n\n".encode())
    argv = ["--glossary", str(glossary), "convert", "--script", "hans", str(source)]
    assert run(argv, capsysbinary) == (0, f"{PARA_27}\n\n", "")


def test_s2t_is_refused_with_the_reason(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = run(["convert", "--script", "s2t", "-"], capsysbinary)
    assert (code, out) == (1, "")
    assert err == (
        "assembler: error: script 's2t' is not a variant: OpenCC's s2t gives OpenCC's own "
        "standard forms (爲, 着, 裏) that neither Taiwan nor Hong Kong uses, so it is not offered\n"
        "  hint: use --script hant (valid scripts: hans, hant, hant-hk, hant-tw-phrases)\n"
    )


def test_unknown_script_lists_the_valid_ones(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, _, err = run(["convert", "--script", "traditional", "-"], capsysbinary)
    assert code == 1
    assert err == (
        "assembler: error: unknown script 'traditional'\n"
        "  hint: valid scripts: hans, hant, hant-hk, hant-tw-phrases\n"
    )


def test_input_that_is_not_utf8_names_file_and_line(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes("第一行\n".encode() + "会员国".encode("gb18030"))
    code, out, err = run(
        ["convert", "--no-glossary", "--script", "hant", str(source)], capsysbinary
    )
    assert (code, out) == (1, "")
    assert err.startswith(f"assembler: error: {source}:2: not UTF-8 (byte 0xbb at offset 10)")
    assert "iconv -f GB18030 -t UTF-8" in err


def test_missing_input_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    missing = tmp_path / "nowhere.txt"
    code, _, err = run(["convert", "--no-glossary", "--script", "hant", str(missing)], capsysbinary)
    assert code == 1
    assert err == f"assembler: error: {missing}: cannot read: No such file or directory\n"


def test_protect_list_with_a_private_use_character(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    protect = tmp_path / "protect.txt"
    protect.write_text("文件\n\uf0b7项目\n", encoding="utf-8")
    argv = ["convert", "--no-glossary", "--script", "hant", "--protect", str(protect), "-"]
    code, _, err = run(argv, capsysbinary)
    assert code == 1
    assert err.startswith(
        f"assembler: error: {protect}:2: NUL or a private-use character in a protected term"
    )


def test_script_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["convert", "-"])
    assert caught.value.code == 2
    assert "the following arguments are required: --script" in capsys.readouterr().err
