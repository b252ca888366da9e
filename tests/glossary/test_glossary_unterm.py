"""UNTERM records into the glossary (assembler.glossary.unterm, `glossary import`), on the real
records in tests/data/unterm (SOURCES.md there): the API's JSON record of France and eight
country records of the SKOS/Turtle export.

- Terms come with their languages (zh -> zh-Hans; German and Portuguese left out), statuses
  and types (full -> full-form, short -> short-form) and the record's URI as their source.
- A record merges into the concept that has one of its terms: the terms it lacks are added,
  nothing is duplicated, a re-import changes nothing; a different status or type, or another
  preferred term, is a conflict that is reported and leaves the glossary's entry as it is.
- `--dry-run` prints the plan (new concepts, merged terms, conflicts) and writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import Cli

from assembler.errors import AssemblerError
from assembler.glossary import exchange, unterm
from assembler.glossary.model import Concept, Glossary, Term
from assembler.glossary.store import dump_concepts, load_glossary
from assembler.paths import DEFAULT_GLOSSARY

DATA = Path(__file__).resolve().parents[1] / "data" / "unterm"
FRANCE_JSON = DATA / "term-france.json"
COUNTRIES_TTL = DATA / "countries-sample.ttl"
FRANCE = unterm.URI_BASE + "956a3881-b5fe-406b-8177-9fe7d9b835af"
CHAD = unterm.URI_BASE + "7cc6e8c6-538b-4e08-85b8-f77bdc964de7"


def test_the_json_record_of_france_in_our_model() -> None:
    (record,) = unterm.read_records(FRANCE_JSON.read_bytes(), FRANCE_JSON)
    assert (record.id, record.kind, record.uri) == (FRANCE[-36:], "country", FRANCE)
    assert [(t.lang, t.text, t.status, t.type) for t in record.terms] == [
        ("zh-Hans", "法兰西共和国", "preferred", "full-form"),
        ("zh-Hans", "法国", "preferred", "short-form"),
        ("en", "French Republic", "preferred", "full-form"),
        ("en", "France", "preferred", "short-form"),
        ("fr", "la République française", "preferred", "full-form"),
        ("fr", "France (la)", "preferred", "short-form"),
        ("es", "la República Francesa", "preferred", "full-form"),
        ("es", "Francia", "preferred", "short-form"),
        ("ru", "Французская Республика", "preferred", "full-form"),
        ("ru", "Франция", "preferred", "short-form"),
        ("ar", "الجمهورية الفرنسية", "preferred", "full-form"),
        ("ar", "فرنسا", "preferred", "short-form"),
    ]
    assert {t.source for t in record.terms} == {FRANCE}


def test_the_turtle_export_gives_the_same_record_and_seven_more() -> None:
    records = unterm.read_records(COUNTRIES_TTL.read_bytes(), COUNTRIES_TTL)
    by_uri = {r.uri: r for r in records}
    assert len(records) == 8
    (json_france,) = unterm.read_records(FRANCE_JSON.read_bytes(), FRANCE_JSON)
    assert by_uri[FRANCE] == json_france
    english = {r.uri: [t.text for t in r.terms if t.lang == "en"] for r in records}
    assert english[CHAD] == ["Republic of Chad", "Chad"]
    # UNTERM gives 阿拉伯叙利亚共和国 as both the full and the short form: kept once.
    (syria,) = [r for r in records if "阿拉伯叙利亚共和国" in {t.text for t in r.terms}]
    assert [t.text for t in syria.terms if t.lang == "zh-Hans"] == ["阿拉伯叙利亚共和国"]
    assert all(
        t.lang in ("zh-Hans", "en", "fr", "es", "ru", "ar") for r in records for t in r.terms
    )


def small_glossary(tmp_path: Path) -> Path:
    """France with an English full form of our own that UNTERM does not give (a conflict); Chad with 乍得 typed as a full form;
    a concept sharing no term with any record."""
    concepts = [
        Concept(
            "france",
            subject="countries and territories",
            sources=("E-CN.15-2007-9",),
            terms=(
                Term("法国", "zh-Hans", "preferred", "short-form"),
                Term("France", "en", "preferred", "short-form"),
                Term("Republic of France", "en", "preferred"),
            ),
        ),
        Concept(
            "chad",
            subject="countries and territories",
            sources=("E-CN.15-2007-9",),
            terms=(
                Term("乍得", "zh-Hans", "preferred"),
                Term("Chad", "en", "preferred"),
            ),
        ),
        Concept("unodc", sources=("x",), terms=(Term("UNODC", "en", "preferred", "acronym"),)),
    ]
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "countries.yaml").write_text(
        "# Countries, kept by hand.\n" + dump_concepts(concepts), encoding="utf-8"
    )
    return folder


def test_a_record_merges_into_the_concept_with_its_terms(tmp_path: Path) -> None:
    folder = small_glossary(tmp_path)
    merge = unterm.plan_merge(
        load_glossary(folder), unterm.read_records(FRANCE_JSON.read_bytes(), FRANCE_JSON)
    )
    assert merge.new == () and merge.unchanged == ()
    ((france, added),) = merge.merged
    assert france.id == "france" and FRANCE in france.sources
    assert [(t.lang, t.text) for t in added] == [
        ("zh-Hans", "法兰西共和国"),
        ("fr", "la République française"),
        ("fr", "France (la)"),
        ("es", "la República Francesa"),
        ("es", "Francia"),
        ("ru", "Французская Республика"),
        ("ru", "Франция"),
        ("ar", "الجمهورية الفرنسية"),
        ("ar", "فرنسا"),
    ]
    # Our "Republic of France" is kept; UNTERM's "French Republic" is reported, not added.
    assert [c.message for c in merge.conflicts] == [
        "en: UNTERM prefers 'French Republic' (full-form), the glossary 'Republic of France'; "
        "not added"
    ]


def test_import_writes_the_merge_in_place_and_a_reimport_changes_nothing(tmp_path: Path) -> None:
    folder = small_glossary(tmp_path)
    imported = exchange.import_file(folder, COUNTRIES_TTL, into=folder / "countries.yaml")
    assert imported.format == "unterm" and imported.concepts == 8
    merge = imported.merge
    assert merge is not None
    assert sorted(c.id for c in merge.new) == [
        "china", "cote-d-ivoire", "mauritania", "north-macedonia", "syrian-arab-republic", "turkiye"
    ]  # fmt: skip
    assert [c.id for c, _ in merge.merged] == ["chad", "france"]
    text = (folder / "countries.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Countries, kept by hand.\n")
    glossary = load_glossary(folder)
    chad = glossary.get("chad")
    assert chad is not None
    # 乍得 is a full form here, a short form in UNTERM: a conflict, our type stays.
    assert [(t.text, t.type) for t in chad.in_language("zh-Hans")] == [
        ("乍得", "full-form"),
        ("乍得共和国", "full-form"),
    ]
    assert "zh-Hans '乍得': UNTERM says preferred short-form, the glossary preferred full-form" in [
        c.message for c in merge.conflicts
    ]
    # Every text once: nothing duplicated.
    texts = [(t.lang, t.text) for c in glossary.concepts for t in c.terms]
    assert len(texts) == len(set(texts))

    again = exchange.import_file(folder, COUNTRIES_TTL, into=folder / "countries.yaml")
    assert again.plan.edits == () and again.merge is not None
    assert again.merge.new == () and again.merge.merged == ()
    assert (folder / "countries.yaml").read_text(encoding="utf-8") == text


def test_a_record_whose_terms_are_on_two_concepts_is_a_conflict(tmp_path: Path) -> None:
    glossary = Glossary(
        (
            Concept("a", terms=(Term("France", "en", "preferred"),)),
            Concept("b", terms=(Term("法国", "zh-Hans", "preferred"),)),
        )
    )
    merge = unterm.plan_merge(glossary, unterm.read_records(FRANCE_JSON.read_bytes(), FRANCE_JSON))
    assert merge.concepts == ()
    assert [c.message for c in merge.conflicts] == [
        "its terms are on b, a: merge those concepts first"
    ]


def test_cli_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path, cli: Cli) -> None:
    folder = small_glossary(tmp_path)
    before = (folder / "countries.yaml").read_bytes()
    code, out, err = cli(
        "--glossary", folder, "glossary", "import", COUNTRIES_TTL, "--into",
        folder / "countries.yaml", "--dry-run",
    )  # fmt: skip
    assert code == 0, err
    assert (folder / "countries.yaml").read_bytes() == before
    assert list(folder.iterdir()) == [folder / "countries.yaml"]
    lines = out.splitlines()
    assert lines[0] == "UNTERM merge (dry run: nothing written):"
    assert (
        "  new concept china (12 terms: zh-Hans 中华人民共和国, zh-Hans 中国, en People's Republic of China, ...)"
        in lines
    )
    assert any(
        line.startswith(
            "  france: 9 terms would be added: zh-Hans 法兰西共和国 (preferred full-form); fr "
        )
        for line in lines
    )
    assert "conflicts (3; the glossary's entries are kept):" in lines
    assert (
        f"{COUNTRIES_TTL} (UNTERM): 8 records — 6 new concepts, 2 merged, 0 unchanged, 3 conflicts"
    ) in lines
    assert (
        f"  {folder / 'countries.yaml'} (would change): added mauritania, north-macedonia, "
        "syrian-arab-republic, turkiye, cote-d-ivoire, china; merged france, chad" in lines
    )
    assert (
        f"  france: en: UNTERM prefers 'French Republic' (full-form), the glossary 'Republic of France'; not added  [{FRANCE}]"
        in lines
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"recordID": "r1", "english": {"terms": [{"term": "X", "termStatus": "proposed"}]}}',
         "UNTERM record r1, en term 'X': unknown termStatus 'proposed'"),
        ('{"recordID": "r1", "english": {"terms": [{"term": "X", "termStatus": "preferred", '
         '"termType": "phrase"}]}}', "UNTERM record r1, en term 'X': unknown termType 'phrase'"),
        ('[{"id": 1}]', "not an UNTERM record: no recordID"),
        ('{"recordID": ', "not JSON"),
    ],
)  # fmt: skip
def test_bad_records_are_refused_with_what_is_wrong(
    tmp_path: Path, content: str, message: str
) -> None:
    folder = small_glossary(tmp_path)
    source = tmp_path / "records.json"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(AssemblerError) as caught:
        exchange.import_file(folder, source)
    assert str(caught.value).startswith(f"{source}: ")
    assert message in str(caught.value)


def test_turtle_that_rdflib_cannot_read_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "bad.ttl"
    source.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:x", "utf-8")
    with pytest.raises(AssemblerError, match="not Turtle that rdflib can read"):
        exchange.import_file(small_glossary(tmp_path), source)


def test_json_lists_of_records_are_read(tmp_path: Path) -> None:
    record = json.loads(FRANCE_JSON.read_text(encoding="utf-8"))
    source = tmp_path / "two.json"
    second = dict(record, recordID="00000000-0000-0000-0000-000000000000")
    source.write_text(json.dumps([record, second]), encoding="utf-8")
    records = unterm.read_records(source.read_bytes(), source)
    assert [r.id for r in records] == [record["recordID"], second["recordID"]]
    # Both records carry the same terms: the second joins the new concept the first made.
    merge = unterm.plan_merge(Glossary(()), records)
    assert [c.id for c in merge.new] == ["france"]
    assert [c.message for c in merge.conflicts] == ["a second record of this concept"]


def test_the_sample_records_merge_into_the_bundled_countries_without_conflict() -> None:
    # The bundled country names were taken from UNTERM, so the real records add only the four
    # other UN languages: English "the French Republic" / "Syrian Arab Republic (the)" are the
    # same names as our "French Republic" / "Syrian Arab Republic".
    merge = unterm.plan_merge(
        load_glossary(DEFAULT_GLOSSARY),
        unterm.read_records(COUNTRIES_TTL.read_bytes(), COUNTRIES_TTL),
    )
    assert merge.conflicts == () and merge.new == ()
    assert len(merge.merged) == 8
    added = {t.lang for _, terms in merge.merged for t in terms}
    assert added == {"fr", "es", "ru", "ar"}
