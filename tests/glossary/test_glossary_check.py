"""`glossary check`: the glossary's rules (errors, exit 1) and corpus-aware QA (warnings, exit 0):
terms never found in documents of their language, deprecated or superseded terms used in the
corpus (document and paragraph), concepts with no English term. Counts close the report.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from support import Cli

from assembler.corpus.catalog import Corpus
from assembler.glossary import qa
from assembler.glossary.store import load_glossary

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

# Real names: the Office under its current and its 2007 names, and two bodies, one of which
# (ECOSOC) the bundled documents never mention. One concept lacks its English term on purpose.
SMALL = """\
concepts:
  - id: unodc
    terms:
      zh-Hans:
        - term: 联合国毒品和犯罪问题办公室
          status: preferred
        - term: 毒品和犯罪问题办公室
          status: preferred
          type: short-form
        - term: 禁毒办
          status: superseded
          type: short-form
      en:
        - term: United Nations Office on Drugs and Crime
          status: preferred
  - id: ecosoc
    terms:
      zh-Hans:
        - term: 经济及社会理事会
          status: preferred
      en:
        - term: Economic and Social Council
          status: preferred
  - id: ccpcj
    terms:
      zh-Hans:
        - term: 预防犯罪和刑事司法委员会
          status: preferred
"""


def small_glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL, encoding="utf-8")
    return folder


def test_the_bundled_glossary_passes(cli: Cli) -> None:
    glossary = load_glossary(ROOT / "glossary")
    code, out, _ = cli("glossary", "check")
    assert code == 0
    terms = sum(len(c.terms) for c in glossary.concepts)
    files = len(list((ROOT / "glossary").glob("*.yaml")))
    lines = out.splitlines()
    assert (
        f"glossary: {len(glossary.concepts)} concepts, {terms} terms in {files} files; 0 errors"
        in lines
    )
    assert lines[-2].startswith("corpus: 2 documents, ")
    # The 2007 report's names for UNODC are in use there, and flagged as such.
    assert any(
        "unodc: superseded zh-Hans term '禁毒办' ×106 in E-CN.15-2007-9: " in line
        and line.endswith("; use 毒品和犯罪问题办公室")
        for line in lines
    )


def test_qa_findings_on_a_small_glossary(cli: Cli, tmp_path: Path) -> None:
    folder = small_glossary(tmp_path)
    file = folder / "small.yaml"
    code, out, _ = cli("--glossary", str(folder), "glossary", "check")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == [
        "terms never found in the corpus (1):",
        f"  {file}:19: zh-Hans term '经济及社会理事会' (preferred) is never found in the corpus",
    ]
    uses = lines.index("uses of deprecated or superseded terms in the corpus (106):")
    assert lines[uses + 1].startswith(
        f"  {file}:10: unodc: superseded zh-Hans term '禁毒办' ×106 in E-CN.15-2007-9: "
        "record 1, para 2, para 4,"
    )
    assert "para 22 note 2, para 25 note 3," in lines[uses + 1]
    assert lines[uses + 3 :] == [
        "concepts with no English term (1):",
        f"  {file}:24: ccpcj has no English term",
        "",
        "glossary: 3 concepts, 7 terms in 1 file; 0 errors",
        "corpus: 2 documents, 5 terms in their languages checked",
        "108 warnings: 1 term never found in the corpus, 106 uses of deprecated or superseded "
        "terms in the corpus, 1 concept with no English term, 0 terms shared by concepts with "
        "no rule telling them apart",
    ]


def test_qa_json_gives_every_use_with_its_place(cli: Cli, tmp_path: Path) -> None:
    folder = small_glossary(tmp_path)
    code, out, _ = cli("--glossary", str(folder), "glossary", "check", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["errors"] == []
    assert data["counts"] == {
        "errors": 0,
        "warnings": 108,
        "concepts": 3,
        "terms": 7,
        "files": 1,
        "documents": 2,
        "unused-term": 1,
        "discouraged-use": 106,
        "no-english": 1,
        "ambiguous-term": 0,
    }
    use = next(w for w in data["warnings"] if w["where"] == "para 22 note 2")
    assert use == {
        "kind": "discouraged-use",
        "concept": "unodc",
        "message": "superseded zh-Hans term '禁毒办' used in E-CN.15-2007-9 para 22 note 2; "
        "use 毒品和犯罪问题办公室",
        "place": f"{folder / 'small.yaml'}:10",
        "lang": "zh-Hans",
        "term": "禁毒办",
        "status": "superseded",
        "doc": "E-CN.15-2007-9",
        "where": "para 22 note 2",
        "use": "毒品和犯罪问题办公室",
    }


def test_a_term_inside_a_longer_one_is_not_unused(tmp_path: Path) -> None:
    """The 2019 report's summary names the Commission (预防犯罪和刑事司法委员会) and never
    writes 刑事司法 on its own: 刑事司法 is still in the corpus."""
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "g.yaml").write_text(
        SMALL + "  - id: criminal-justice\n    terms:\n      zh-Hans:\n        - term: 刑事司法\n"
        "          status: preferred\n      en:\n        - term: criminal justice\n"
        "          status: preferred\n",
        encoding="utf-8",
    )
    glossary = load_glossary(folder)
    document = Corpus(CORPUS).resolve("ccpcj28-terrorism-ta")
    summary_only = dataclasses.replace(document, records=document.records[:1])
    report = qa.check(glossary, [summary_only])
    unused = {f.term for f in report.findings if f.kind == "unused-term"}
    assert "刑事司法" not in unused
    assert unused == {"禁毒办", "经济及社会理事会"}
    assert report.terms_checked == 6


def test_errors_fail_the_check_with_every_place(cli: Cli, tmp_path: Path) -> None:
    folder = small_glossary(tmp_path)
    file = folder / "small.yaml"
    file.write_text(
        SMALL.replace("status: superseded", "status: old").replace("id: ccpcj", "id: CCPCJ"),
        encoding="utf-8",
    )
    code, out, _ = cli("--glossary", str(folder), "glossary", "check")
    assert code == 1
    assert out.splitlines() == [
        f"{file}:10: unodc: zh-Hans term '禁毒办': unknown status 'old' (use preferred, "
        "admitted, deprecated, superseded)",
        f"{file}:24: bad concept id 'CCPCJ' (use lowercase letters, digits and single '-' "
        "between them, e.g. unodc)",
        "2 errors in 1 file; corpus checks skipped",
    ]
    code, out, _ = cli("--glossary", str(folder), "glossary", "check", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["counts"] == {"errors": 2, "warnings": 0}
    assert data["errors"][0]["place"] == f"{file}:10"


def test_syntax_errors_are_errors_too(cli: Cli, tmp_path: Path) -> None:
    folder = small_glossary(tmp_path)
    (folder / "broken.yaml").write_text("concepts:\n  - id: x\n   terms: [\n", encoding="utf-8")
    code, out, _ = cli("--glossary", str(folder), "glossary", "check")
    assert code == 1
    assert out.splitlines()[0].startswith(f"{folder / 'broken.yaml'}:3: invalid YAML")


def test_without_a_corpus_only_the_glossary_is_checked(cli: Cli, tmp_path: Path) -> None:
    folder = small_glossary(tmp_path)
    empty = tmp_path / "no-corpus"
    code, out, _ = cli("--glossary", str(folder), "--corpus", str(empty), "glossary", "check")
    assert code == 0
    assert out.splitlines()[-2:] == [
        f"corpus: no documents in {empty}; corpus checks skipped",
        "1 warning: 0 terms never found in the corpus, 0 uses of deprecated or superseded "
        "terms in the corpus, 1 concept with no English term, 0 terms shared by concepts with "
        "no rule telling them apart",
    ]


def test_a_missing_glossary_folder_is_an_error(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("--glossary", str(tmp_path / "none"), "glossary", "check")
    assert code == 1
    assert err.startswith(f"assembler: error: no glossary folder {tmp_path / 'none'}\n")
