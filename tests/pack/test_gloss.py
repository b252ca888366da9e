"""Glosses: one rule for the English form (the full name at first use, with the acronym the
text may use after it), and a gloss inside brackets joins them with "；" instead of stacking
a second pair."""

from __future__ import annotations

from assembler.glossary.model import Concept, Glossary, Term
from assembler.model.pack import Span
from assembler.pack.gloss import _Glosser
from assembler.pack.i18n import localiser
from assembler.paths import DEFAULT_TEMPLATES

GLOSSARY = Glossary(
    (
        Concept(
            "unodc",
            terms=(
                Term("联合国毒品和犯罪问题办公室", "zh-Hans", "preferred"),
                Term("毒品和犯罪问题办公室", "zh-Hans", "preferred", "short-form"),
                Term("United Nations Office on Drugs and Crime", "en", "preferred"),
                Term("UNODC", "en", "preferred", "acronym"),
            ),
        ),
        Concept(
            "madrid",
            terms=(
                Term("马德里指导原则", "zh-Hans", "preferred"),
                Term("Madrid Guiding Principles", "en", "preferred"),
            ),
        ),
    )
)


def glossed(text: str, tag: str = "zh-Hans") -> str:
    say = localiser(tag, DEFAULT_TEMPLATES / "locale")
    runs = _Glosser(GLOSSARY, frozenset({"unodc", "madrid"}), say).runs((Span(text),))
    assert all(s.lang == "en" for s in runs if s.kind == "gloss")
    return "".join(s.text for s in runs)


def test_a_short_form_at_first_use_is_glossed_with_the_full_name_and_acronym() -> None:
    assert glossed("毒品和犯罪问题办公室提供援助；毒品和犯罪问题办公室还") == (
        "毒品和犯罪问题办公室（United Nations Office on Drugs and Crime，UNODC）提供援助；"
        "毒品和犯罪问题办公室还"
    )


def test_a_gloss_after_the_terms_own_bracket_joins_it() -> None:
    assert glossed("联合国毒品和犯罪问题办公室（毒品和犯罪问题办公室）的责任") == (
        "联合国毒品和犯罪问题办公室（毒品和犯罪问题办公室；United Nations Office on Drugs and "
        "Crime，UNODC）的责任"
    )


def test_a_gloss_closing_a_bracket_joins_it() -> None:
    assert glossed("的指导原则（《马德里指导原则》）。") == (
        "的指导原则（《马德里指导原则》；Madrid Guiding Principles）。"
    )
    assert glossed("《马德里指导原则》的") == "《马德里指导原则》（Madrid Guiding Principles）的"


def test_traditional_catalogs_join_the_same_way() -> None:
    assert (
        glossed("（《马德里指导原则》）", "zh-TW")
        == "（《马德里指导原则》；Madrid Guiding Principles）"
    )
