"""One table of output formats (assembler.render.registry): the spec's `outputs`, the CLI's
`--format` and the output names all follow it, so a new format is one module and one line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.render.registry import FORMATS, Format

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"

PLAIN_TEXT_WRITER = """
from assembler.render.registry import Rendered


def write(pack, context):
    with context.stage("txt"):
        lines = [pack.meta.title] + [section.heading for section in pack.sections]
    return Rendered("\\n".join(lines).encode("utf-8"))
"""


def test_the_three_formats_and_their_writers() -> None:
    assert list(FORMATS) == ["docx", "pdf", "html"]
    for fmt in FORMATS.values():
        assert callable(fmt.writer())


def test_a_new_format_is_one_module_and_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plain_text_writer.py").write_text(textwrap.dedent(PLAIN_TEXT_WRITER), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(FORMATS, "txt", Format("txt", "plain_text_writer", "headings only"))
    out = tmp_path / "out"
    assert main(["build", str(EXAMPLE), "--out", str(out), "--format", "txt"]) == 0
    assert (out / "ccpcj28-item6c.txt").read_text("utf-8").splitlines() == [
        "恐怖主义问题相关国际公约和议定书执行过程中的技术援助",
        "导言",
        "制止资助恐怖主义行为",
        "外国恐怖主义作战人员",
        "伙伴关系",
        "结论与意见",
    ]
    # The spec accepts it too, since it validates against the same table.
    spec = tmp_path / "spec.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8").replace("[docx, pdf]", "[txt]"), "utf-8")
    assert main(["build", str(spec), "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out


def test_an_unknown_format_is_refused_with_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(EXAMPLE.read_text("utf-8").replace("[docx, pdf]", "[docx, pfd]"), "utf-8")
    assert main(["build", "--check", str(spec)]) == 1
    err = capsys.readouterr().err
    assert f"{spec}:13:17: " in err
    assert "must be one of 'docx', 'pdf' or 'html', not 'pfd'" in err
    assert "did you mean `pdf`?" in err
    with pytest.raises(SystemExit):
        main(["build", str(EXAMPLE), "--format", "odt"])
    assert "unknown format 'odt': use any of docx, pdf, html" in capsys.readouterr().err
