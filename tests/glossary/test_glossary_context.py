"""Context in matching: a term's own rules (`not_before` / `not_after`), longer names the
glossary knows, and terms shared by concepts that no rule tells apart.

- The rules are term fields like the others: YAML lists (`not_before: [稳定团, 经共体]`), a
  "|"-joined CSV cell, a TBX term note starting with the key; `glossary edit` sets them and
  keeps the rest of the file. The random round trips of every format are in
  test_glossary_exchange.py, the matcher's exactness in test_matcher.py.
- On the bundled glossary: 中非 is not Central Africa inside 中非稳定团 (MINUSCA) or 中非经共体
  (ECCAS), and 联合国全球契约 is the UN Global Compact, not the Coordination Compact.
- A term on several concepts with the same rules is ambiguous: `glossary check` warns, and
  `glossary scan` lists its hits as ambiguous, counted for none of the concepts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import Cli

from assembler.glossary import qa
from assembler.glossary.model import Concept, Glossary, Term
from assembler.glossary.scan import scan_text
from assembler.glossary.store import dump_concepts, load_glossary
from assembler.glossary.validate import GlossaryError

CENTRAL_AFRICA = Concept(
    id="central-africa",
    terms=(
        Term("中非", "zh-Hans", "preferred", not_before=("稳定团", "经共体")),
        Term("Central Africa", "en", "preferred"),
    ),
)


def write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "terms.yaml").write_text(text, encoding="utf-8")
    return folder


def test_yaml_holds_a_rule_as_a_one_line_list_and_reads_it_back(tmp_path: Path) -> None:
    text = dump_concepts([CENTRAL_AFRICA])
    assert "        - term: 中非\n          status: preferred\n" in text
    assert "          not_before: [稳定团, 经共体]\n" in text
    folder = write(tmp_path / "g", text)
    assert load_glossary(folder).concepts == (CENTRAL_AFRICA,)


def test_a_word_that_needs_quotes_in_a_flow_list_gets_them(tmp_path: Path) -> None:
    concept = Concept(
        id="c", terms=(Term("x", "en", "preferred", not_after=("a, b", "[c]", "d: e")),)
    )
    text = dump_concepts([concept])
    assert 'not_after: ["a, b", "[c]", "d: e"]' in text
    assert load_glossary(write(tmp_path / "g", text)).concepts == (concept,)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("not_before: 稳定团", "'not_before' must be a list of words"),
        ("not_before: [稳定团, 2030]", "each word of 'not_before' must be text, not a number"),
        ('not_after: ["a|b"]', "each word of 'not_after' must be a non-empty word without '|'"),
    ],
)
def test_a_rule_that_is_not_a_list_of_words_is_refused_with_its_line(
    tmp_path: Path, rule: str, message: str
) -> None:
    text = (
        "concepts:\n  - id: c\n    terms:\n      zh-Hans:\n        - term: 中非\n"
        f"          status: preferred\n          {rule}\n"
    )
    with pytest.raises(GlossaryError) as caught:
        load_glossary(write(tmp_path / "g", text))
    assert f"terms.yaml:7: c: zh-Hans term '中非': {message}" in str(caught.value)


def test_glossary_edit_sets_and_removes_a_rule(tmp_path: Path, cli: Cli) -> None:
    plain = Concept(id="central-africa", terms=(Term("中非", "zh-Hans", "preferred"),))
    folder = write(tmp_path / "g", "# regions\n" + dump_concepts([plain]))
    code, _, err = cli(
        "--glossary", folder, "glossary", "edit", "central-africa", "--term", "中非",
        "--not-before", "稳定团|经共体",
    )  # fmt: skip
    assert code == 0, err
    text = (folder / "terms.yaml").read_text(encoding="utf-8")
    assert text.startswith("# regions\n")
    assert "          not_before: [稳定团, 经共体]\n" in text
    (concept,) = load_glossary(folder).concepts
    assert concept.terms[0].not_before == ("稳定团", "经共体")
    code, _, _ = cli(
        "--glossary", folder, "glossary", "edit", "central-africa", "--term", "中非",
        "--not-before", "",
    )  # fmt: skip
    assert code == 0
    assert "not_before" not in (folder / "terms.yaml").read_text(encoding="utf-8")


# -- the bundled glossary -------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(Path(__file__).resolve().parents[2] / "glossary")


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    result = scan_text(glossary, text, "t")
    return [(o.hit.term.text, o.hit.concept) for o in result.occurrences]


def test_central_africa_is_not_found_inside_minusca_or_eccas(bundled: Glossary) -> None:
    assert ("中非", "central-africa") not in found(bundled, "中非稳定团与中非经共体的合作")
    assert ("中非", "central-africa") not in found(bundled, "中非共和国")
    assert ("中非", "central-africa") in found(bundled, "西非和中非的恐怖主义")


def test_the_un_global_compact_is_not_the_coordination_compact(bundled: Glossary) -> None:
    assert found(bundled, "联合国全球契约") == [("联合国全球契约", "united-nations-global-compact")]
    assert found(bundled, "签署了全球契约") == [
        ("全球契约", "counter-terrorism-coordination-compact")
    ]
    english = scan_text(bundled, "the United Nations Global Compact", "t", "en")
    assert [o.hit.concept for o in english.occurrences] == ["united-nations-global-compact"]


# -- shared terms ---------------------------------------------------------------------------
def shared(*rules: tuple[str, ...]) -> Glossary:
    """Concepts a, b, ... sharing the term 契约, each with a note and the not_after words given."""
    return Glossary(
        tuple(
            Concept(
                id=chr(ord("a") + n),
                terms=(Term("契约", "zh-Hans", "preferred", note="two compacts", not_after=rule),),
            )
            for n, rule in enumerate(rules)
        )
    )


def test_check_warns_of_a_shared_term_no_rule_tells_apart() -> None:
    (finding,) = qa.ambiguous_terms(shared((), ()))
    assert finding.kind == "ambiguous-term" and finding.term == "契约"
    assert "is on a, b with no context rule telling them apart" in finding.message
    assert qa.ambiguous_terms(shared(("联合国",), ())) == []


def test_scan_reports_an_ambiguous_hit_instead_of_choosing(tmp_path: Path, cli: Cli) -> None:
    glossary = shared(("联合国",), (), ())
    result = scan_text(glossary, "联合国契约和契约", "t")
    assert [(o.start, o.hit.concepts) for o in result.ambiguous] == [
        (3, ("b", "c")),
        (6, ("a", "b", "c")),
    ]
    assert result.concepts == ()  # counted for none of them
    # With only two concepts, the rule on a leaves b after 联合国: no ambiguity there.
    two = scan_text(shared(("联合国",), ()), "联合国契约和契约", "t")
    assert [o.start for o in two.ambiguous] == [6]
    assert [(c.concept.id, c.count, c.shared) for c in two.concepts] == [("b", 1, True)]

    folder = write(tmp_path / "g", dump_concepts(glossary.concepts))
    text = tmp_path / "t.txt"
    text.write_text("联合国契约和契约\n", encoding="utf-8")
    code, out, _ = cli("--glossary", folder, "glossary", "scan", "--text", text)
    assert code == 0
    assert "ambiguous: 2 hits of terms no context rule tells apart\n" in out
    assert "  契约 ×1 could be b or c\n       line 1 @3\n" in out
    assert "  契约 ×1 could be a or b or c\n       line 1 @6" in out
    code, out, _ = cli("--glossary", folder, "glossary", "scan", "--text", text, "--json")
    data = json.loads(out)
    assert [(a["concepts"], a["start"]) for a in data["ambiguous"]] == [
        (["b", "c"], 3),
        (["a", "b", "c"], 6),
    ]
