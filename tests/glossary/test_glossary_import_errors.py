"""A bad import fails clearly and changes nothing, through the real command line.

For every kind of malformed or unacceptable file (broken XML, XML with entities, values TBX or
the glossary does not know, missing terms, data the glossary cannot hold, bad CSV rows, text
that is not UTF-8, glossary rules the result would break, ids that clash with the glossary):
the exit code is 1, stderr names the file and line and says what to do, and the glossary
folder is byte for byte as it was, with no temporary file left behind.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.locking import LOCK_NAME

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "glossary" / "README.md"


def readme_example() -> str:
    match = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match is not None
    return match[1]


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "entities.yaml").write_text(readme_example(), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file, hidden ones included (atomic writes go through hidden *.tmp files), but the
    lock file every import takes (assembler.locking), refused or not."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != LOCK_NAME}


def refused(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    path: Path,
    *options: str,
) -> str:
    """Import `path`, expect failure with nothing changed, return stderr."""
    before = snapshot(folder)
    code = main(["--glossary", str(folder), "glossary", "import", str(path), *options])
    out, err = capsys.readouterr()
    assert code == 1, out
    assert out == ""
    assert err.startswith("assembler: error: ")
    assert snapshot(folder) == before
    return err


def tbx(body: str, *, prolog: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{prolog}"
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>\n"
        f"<text><body>\n{body}</body></text>\n</tbx>\n"
    )


CTED_ZH = (
    "<termSec><term>反恐怖主义委员会执行局</term>"
    '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>\n'
)
CTED_EN = (
    "<termSec><term>Counter-Terrorism Committee Executive Directorate</term>"
    '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>\n'
)


def cted(zh: str = CTED_ZH, en: str = CTED_EN, extra: str = "") -> str:
    """A concept entry on eight lines, in a `tbx()` file: 5 conceptEntry, 6 langSec zh-Hans,
    7 its termSec, 8 </langSec>, 9 langSec en, 10 its termSec, 11 </langSec>, 12
    </conceptEntry> (`extra` lines go before the langSecs)."""
    return (
        '<conceptEntry id="cted">\n'
        f"{extra}"
        '<langSec xml:lang="zh-Hans">\n'
        f"{zh}</langSec>\n"
        '<langSec xml:lang="en">\n'
        f"{en}</langSec>\n"
        "</conceptEntry>\n"
    )


# -- TBX ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "unclosed.tbx",
            tbx(cted()).replace("</langSec>\n<langSec", "\n<langSec", 1),
            [
                "unclosed.tbx:12:16: not well-formed XML: Opening and ending tag mismatch",
                "hint: fix the XML at that position",
            ],
        ),
        (
            "status.tbx",
            tbx(cted(zh=CTED_ZH.replace("preferredTerm-admn-sts", "recommendedTerm"))),
            ["status.tbx:7: unknown administrativeStatus 'recommendedTerm'", "preferredTerm-admn"],
        ),
        (
            "type.tbx",
            tbx(
                cted(
                    en=CTED_EN.replace(
                        "</termSec>", '<termNote type="termType">phrase</termNote></termSec>'
                    )
                )
            ),
            ["type.tbx:10: unknown termType 'phrase'", "use one of: fullForm, shortForm"],
        ),
        (
            "noterm.tbx",
            tbx(
                cted(
                    zh='<termSec><termNote type="administrativeStatus">preferredTerm-admn-sts'
                    "</termNote></termSec>\n"
                )
            ),
            ["noterm.tbx:7: a termSec of concept 'cted' has no term", "add <term>"],
        ),
        (
            "blankterm.tbx",
            tbx(cted(zh=CTED_ZH.replace("反恐怖主义委员会执行局", "  "))),
            ["blankterm.tbx:7: a termSec of concept 'cted' has no term"],
        ),
        (
            "nostatus.tbx",
            tbx(cted(en="<termSec><term>CTED</term></termSec>\n")),
            ["nostatus.tbx:10: term 'CTED' has no administrativeStatus", "preferredTerm-admn-sts"],
        ),
        (
            "context.tbx",
            tbx(
                cted(
                    en=CTED_EN.replace(
                        "</termSec>", '<descrip type="context">ctx</descrip></termSec>'
                    )
                )
            ),
            [
                "context.tbx:10: <descrip type='context'> in termSec of 'cted' is not part of the "
                "glossary model",
                "hint: the glossary holds subjectField, definition, note and source",
            ],
        ),
        (
            "language.tbx",
            tbx(cted().replace('"zh-Hans"', '"zh-CN"')),
            ["language.tbx:6: langSec with xml:lang='zh-CN', not a glossary language", "zh-Hans"],
        ),
        (
            "twolangsec.tbx",
            tbx(cted().replace('"en"', '"zh-Hans"')),
            ["twolangsec.tbx:9: a second langSec for zh-Hans in concept 'cted'"],
        ),
        (
            "twonotes.tbx",
            tbx(cted(extra="<note>one</note>\n<note>two</note>\n")),
            ["twonotes.tbx:7: a second <note>", "merge them"],
        ),
        (
            "unlinked.tbx",
            tbx(
                cted(
                    extra='<langSec xml:lang="zh-TW">\n'
                    + CTED_ZH.replace("反恐怖主义委员会执行局", "反恐怖主義委員會執行局")
                    + "</langSec>\n"
                )
            ),
            [
                "unlinked.tbx:7: the zh-TW term '反恐怖主義委員會執行局' of concept 'cted' does not "
                "point to a zh-Hans term",
                'ref type="crossReference"',
            ],
        ),
        (
            "variantnote.tbx",
            tbx(
                cted(
                    extra='<langSec xml:lang="zh-Hant">\n<termSec><term>反恐怖主義委員會執行局'
                    "</term><note>n</note>"
                    '<ref type="crossReference" target="x">反恐怖主义委员会执行局</ref>'
                    "</termSec>\n</langSec>\n"
                )
            ),
            [
                "variantnote.tbx:7: a zh-Hant form of concept 'cted' has a note, which the "
                "glossary does not keep for Traditional forms",
                "move it to the zh-Hans term",
            ],
        ),
        (
            "noid.tbx",
            tbx(cted().replace(' id="cted"', "")),
            ["noid.tbx:5: a conceptEntry without an id"],
        ),
        (
            "noterms.tbx",
            tbx('<conceptEntry id="cted"><note>n</note></conceptEntry>\n'),
            ["noterms.tbx:5: concept 'cted' has no terms"],
        ),
        (
            "xliff.tbx",
            '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:'
            'document:2.0"><file id="f"/></xliff>\n',
            ["xliff.tbx:2: the root element is <xliff>", "not a TBX v3 (TBX-Basic"],
        ),
        (
            "notext.tbx",
            tbx("").replace("<text><body>\n</body></text>\n", ""),
            ["notext.tbx:2: no <text> element in the file"],
        ),
        (
            "empty.tbx",
            tbx(""),
            ["empty.tbx: the file holds no concepts"],
        ),
        # Glossary rules, checked on the imported concepts: errors point into the TBX file.
        (
            "nopreferred.tbx",
            tbx(cted(en=CTED_EN.replace("preferredTerm", "admittedTerm"))),
            ["nopreferred.tbx:5: nothing imported: cted: no preferred en term", "status: prefer"],
        ),
        (
            "badid.tbx",
            tbx(cted().replace('id="cted"', 'id="CTED_1"')),
            ["badid.tbx:5: nothing imported: bad concept id 'CTED_1'", "lowercase letters"],
        ),
        (
            "twice.tbx",
            tbx(cted() + cted()),
            [
                "nothing imported: 3 problems in the glossary:",
                "twice.tbx:13: duplicate concept id 'cted' (first at ",
                "twice.tbx:5) (give each concept its own id)",
            ],
        ),
    ],
)
def test_a_malformed_tbx_file_is_refused_with_its_line(
    name: str,
    text: str,
    expected: list[str],
    glossary: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    err = refused(capsys, glossary, path)
    for piece in expected:
        assert piece in err


def test_a_v3_file_read_as_v2_is_refused_with_the_right_option(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v3.tbx"
    path.write_text(tbx(cted()), encoding="utf-8")
    err = refused(capsys, glossary, path, "--format", "tbx2")
    assert f"{path}:2: the root element is <tbx> (namespace 'urn:iso:std:iso:30042:ed-2')" in err
    assert "hint: use --format auto, or --format tbx for TBX v3 and tbx2 for martif files" in err


def test_a_martif_file_with_v3_names_is_refused(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.tbx"
    path.write_text(
        '<martif type="TBX-Basic" xml:lang="en"><martifHeader/>\n<text><body>\n'
        + cted().replace("conceptEntry", "termEntry")
        + "</body></text></martif>\n",
        encoding="utf-8",
    )
    err = refused(capsys, glossary, path)
    assert f"{path}:4: <langSec> in termEntry 'cted' is not part of the glossary model" in err


# -- XML attacks --------------------------------------------------------------------------------
def test_an_external_entity_is_never_read(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(
        tbx(
            cted(zh=CTED_ZH.replace("反恐怖主义委员会执行局", "&xxe;")),
            prolog=f'<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n',
        ),
        encoding="utf-8",
    )
    err = refused(capsys, glossary, path)
    assert f"{path}:2: the DOCTYPE declares entities or elements; such files are refused" in err
    assert "TOP-SECRET-CONTENT" not in err
    assert all(b"TOP-SECRET" not in data for data in snapshot(glossary).values())


def test_entity_expansion_is_refused(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    path = tmp_path / "laughs.tbx"
    path.write_text(
        tbx(
            cted(zh=CTED_ZH.replace("反恐怖主义委员会执行局", "&l9;")),
            prolog=f"<!DOCTYPE tbx [{laughs}]>\n",
        ),
        encoding="utf-8",
    )
    err = refused(capsys, glossary, path)
    assert f"{path}:2: the DOCTYPE declares entities or elements; such files are refused" in err


def test_an_undeclared_entity_is_a_syntax_error(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "undeclared.tbx"
    path.write_text(tbx(cted(zh=CTED_ZH.replace("执行局", "&nbsp;"))), encoding="utf-8")
    err = refused(capsys, glossary, path)
    assert f"{path}:7:" in err and "not well-formed XML: Entity 'nbsp' not defined" in err


# -- CSV ----------------------------------------------------------------------------------------
HEADER = (
    "concept id,subject,definition,concept note,concept sources,language,term,status,type,"
    "term note,term source,zh-Hant,zh-TW,zh-HK\n"
)
ROW_ZH = "cted,UN entities,,,,zh-Hans,反恐怖主义委员会执行局,preferred,full-form,,,,,\n"
ROW_EN = (
    "cted,UN entities,,,,en,Counter-Terrorism Committee Executive Directorate,preferred,"
    "full-form,,,,,\n"
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "count.csv",
            # The note on line 2 spans two lines: the short row starts on line 4.
            (HEADER + ROW_ZH.replace(",,,,zh", ',,"two\nlines",,zh') + ROW_EN[:-6] + "\n"),
            ["count.csv:4: the row has 9 cells, the header 14", "double quotes"],
        ),
        (
            "status.csv",
            HEADER + ROW_ZH + ROW_EN.replace("preferred", "recommended"),
            ["status.csv:3: unknown status 'recommended'", "use one of: preferred, admitted"],
        ),
        (
            "type.csv",
            HEADER + ROW_ZH.replace("full-form", "phrase") + ROW_EN,
            ["type.csv:2: unknown type 'phrase'", "full-form, short-form, acronym"],
        ),
        (
            "noterm.csv",
            HEADER + ROW_ZH.replace("反恐怖主义委员会执行局", " ") + ROW_EN,
            ["noterm.csv:2: the row has no term", "fill in the term column"],
        ),
        (
            "noid.csv",
            HEADER + ROW_ZH + ROW_EN.replace("cted,", ",", 1),
            ["noid.csv:3: the row has no concept id"],
        ),
        (
            "header.csv",
            HEADER.replace("term note", "comment") + ROW_ZH + ROW_EN,
            [
                "header.csv:1: the header row does not name the glossary's columns (missing term "
                "note; unknown 'comment')",
                "in any order: concept id, subject,",
            ],
        ),
        (
            "disagree.csv",
            HEADER + ROW_ZH + ROW_EN.replace("UN entities", "UN bodies"),
            ["disagree.csv:3: concept 'cted': subject differs from line 2", "same on all its"],
        ),
        (
            "variant.csv",
            HEADER
            + ROW_ZH
            + ROW_EN.replace("full-form,,,,,\n", "full-form,,,反恐怖主義委員會執行局,,\n"),
            ["variant.csv:3: a en term with Traditional Chinese forms", "zh-Hans rows only"],
        ),
        (
            "quote.csv",
            HEADER + ROW_ZH + 'cted,"UN entities,,,,en\n',
            ["quote.csv:3: not valid CSV", "quotes doubled"],
        ),
        (
            "gbk.csv",
            (HEADER + ROW_ZH + ROW_EN).encode("gb18030"),
            ["gbk.csv:2: not UTF-8", "CSV UTF-8 (Comma delimited)", "iconv -f GB18030"],
        ),
        (
            "onlyheader.csv",
            HEADER,
            ["onlyheader.csv: the file holds no concepts"],
        ),
        (
            "nopreferred.csv",
            HEADER + ROW_ZH + ROW_EN.replace("preferred", "deprecated"),
            ["nopreferred.csv:2: nothing imported: cted: no preferred en term"],
        ),
        (
            "blank.csv",
            " \r\n\r\n",
            ["blank.csv: the file is empty"],
        ),
    ],
)
def test_a_malformed_csv_file_is_refused_with_its_line(
    name: str,
    data: str | bytes,
    expected: list[str],
    glossary: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    err = refused(capsys, glossary, path)
    for piece in expected:
        assert piece in err


def test_xml_given_as_csv_says_so(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(tbx(cted()), encoding="utf-8")
    err = refused(capsys, glossary, path, "--format", "csv")
    assert f"{path}:1: this is XML, not CSV" in err


# -- the glossary it would make -----------------------------------------------------------------
def test_a_clashing_id_names_both_places_and_the_option(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "unodc.csv"
    path.write_text(
        HEADER + "unodc,UN entities,,,,en,UNODC,preferred,acronym,,,,,\n", encoding="utf-8"
    )
    err = refused(capsys, glossary, path)
    assert (
        f"{path}:2: nothing imported: concept 'unodc' is already in the glossary "
        f"({glossary / 'entities.yaml'}:3) with other content"
    ) in err
    assert "hint: pass --replace to replace it with the imported one, or give it another id" in err


def test_a_term_shared_with_the_glossary_needs_a_note(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odc.csv"
    path.write_text(HEADER + "odc,UN entities,,,,en,UNODC,preferred,acronym,,,,,\n", "utf-8")
    err = refused(capsys, glossary, path)
    assert f"{path}:2: nothing imported: en term 'UNODC' is on unodc too" in err
    assert "add a note to the term on one of them" in err


def test_into_must_be_a_yaml_file_of_the_glossary(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cted.tbx"
    path.write_text(tbx(cted()), encoding="utf-8")
    err = refused(capsys, glossary, path, "--into", str(tmp_path / "elsewhere.yaml"))
    assert "is not a .yaml file directly in the glossary folder" in err
    err = refused(capsys, glossary, path, "--into", str(glossary / "cted.yml"))
    assert "is not a .yaml file directly in the glossary folder" in err


def test_an_invalid_glossary_takes_no_import(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entities = glossary / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("status: preferred", "status: best", 1),
        encoding="utf-8",
    )
    path = tmp_path / "cted.tbx"
    path.write_text(tbx(cted()), encoding="utf-8")
    err = refused(capsys, glossary, path)
    assert f"{entities}:11:" in err and "unknown status 'best'" in err


def test_a_missing_or_empty_file(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, glossary, tmp_path / "nowhere.tbx")
    assert f"{tmp_path / 'nowhere.tbx'}: no such file" in err
    (tmp_path / "empty.tbx").write_bytes(b"\xef\xbb\xbf\n")
    err = refused(capsys, glossary, tmp_path / "empty.tbx")
    assert f"{tmp_path / 'empty.tbx'}: the file is empty" in err


# -- export -------------------------------------------------------------------------------------
def test_text_xml_cannot_carry_fails_the_export_without_a_file(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entities = glossary / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace('note: ""', 'note: "not a character \\uffff"'),
        encoding="utf-8",
    )
    out = tmp_path / "out.tbx"
    code = main(["--glossary", str(glossary), "glossary", "export", "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 1
    assert f"{entities}:3: concept 'unodc' cannot be written as XML" in err
    assert not out.exists()
    assert list(tmp_path.glob(".out.tbx*")) == []
