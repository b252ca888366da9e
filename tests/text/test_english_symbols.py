"""Resolution citations in English UN text become document symbols, as Chinese ones do.

"General Assembly resolution 72/194" names no symbol: it is A/RES/72/194 because the General
Assembly numbers its resolutions by session, and "resolution 2341 (2017)" is S/RES/2341(2017)
because only the Security Council writes the year after the number. The organ is the one last
named before the citation, across sentences; where it cannot be told, nothing is guessed.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assembler.text.symbols import find_symbols


def symbols(text: str) -> list[str]:
    return [c.symbol for c in find_symbols(text)]


# Paragraph 2 of the English test fixture (tests/fixtures/en, not an official UN text).
FIXTURE_PARA_2 = (
    "The General Assembly has reaffirmed the mandate of UNODC to provide technical assistance"
    " in countering terrorism in a number of resolutions, in particular resolution 72/123 on"
    " measures to eliminate international terrorism; resolution 72/180 on the protection of"
    " human rights and fundamental freedoms while countering terrorism; resolution 72/194 on"
    " technical assistance for implementing the international conventions and protocols"
    " related to counter-terrorism; and resolution 72/196 on strengthening the United Nations"
    " crime prevention and criminal justice programme, in particular its technical cooperation"
    " capacity."
)


def test_the_organ_named_once_applies_to_every_later_resolution() -> None:
    assert symbols(FIXTURE_PARA_2) == [
        "A/RES/72/123",
        "A/RES/72/180",
        "A/RES/72/194",
        "A/RES/72/196",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Security Council resolution 1244 (1999).", ["S/RES/1244(1999)"]),
        (
            "pursuant to resolutions 1526 (2004) and 2253 (2015)",
            ["S/RES/1526(2004)", "S/RES/2253(2015)"],
        ),
        (
            "General Assembly resolutions 60/288, 61/40 and 61/181",
            ["A/RES/60/288", "A/RES/61/40", "A/RES/61/181"],
        ),
        ("the Assembly, in its resolution 72/284,", ["A/RES/72/284"]),
        ("General Assembly resolution 72/194 of 19 December 2017", ["A/RES/72/194"]),
        (
            "Economic and Social Council resolution 2016/18 and Council resolution 2017/19",
            ["E/RES/2016/18", "E/RES/2017/19"],
        ),
        (
            "the Security Council adopted resolution 2396 (2017); the Council, in resolution"
            " 2322 (2016),",
            ["S/RES/2396(2017)", "S/RES/2322(2016)"],
        ),
        # The General Assembly's reach ends where another body is named.
        ("General Assembly resolution 72/194 and Commission resolution 61/11", ["A/RES/72/194"]),
        ("Human Rights Council resolution 37/1", []),
        ("Commission on Narcotic Drugs resolution 61/11", []),
        ("the Council in its resolution 2016/18", []),  # which council? not guessed
        ("in paragraph 5 of resolution 72/194", []),  # which organ? not guessed
        ("General Assembly draft resolution A/C.3/72/L.11", ["A/C.3/72/L.11"]),
        ("General Assembly draft resolution 72/1", []),  # draft resolutions have no symbol
        ("General Assembly decision 72/543", []),
        ("resolution 1373", []),  # a Security Council number without its year is not completed
    ],
)
def test_english_resolution_citations(text: str, expected: list[str]) -> None:
    assert symbols(text) == expected


def test_the_span_covers_the_number_and_the_year() -> None:
    text = "Security Council resolutions 2341 (2017) and 2347 (2017)"
    assert [text[c.start : c.end] for c in find_symbols(text)] == ["2341 (2017)", "2347 (2017)"]
    assert {c.form for c in find_symbols(text)} == {"resolution"}


def test_literal_symbols_and_citations_come_in_text_order() -> None:
    text = "see E/CN.15/2019/1 and General Assembly resolution 72/194; also A/RES/72/123"
    assert symbols(text) == ["E/CN.15/2019/1", "A/RES/72/194", "A/RES/72/123"]


@given(st.integers(1, 99), st.integers(1, 999), st.integers(1, 2999), st.integers(1946, 2100))
def test_any_english_citation_maps_to_its_symbol(
    session: int, number: int, council: int, year: int
) -> None:
    text = (
        f"The General Assembly, in its resolution {session}/{number}, recalled Security Council"
        f" resolution {council} ({year})."
    )
    assert symbols(text) == [f"A/RES/{session}/{number}", f"S/RES/{council}({year})"]
