"""Script variants (assembler.script.variants): the four variants a pack or `assembler
convert` may ask for, and what each means downstream: the OpenCC configuration, the language
tags of HTML and Word, the Noto CJK fonts and the Babel locale of the labels."""

from __future__ import annotations

import subprocess

import pytest
from babel import Locale

from assembler.errors import AssemblerError
from assembler.pack.i18n import LOCALES
from assembler.script.variants import VARIANTS, get_variant


def test_four_variants_and_their_opencc_configurations() -> None:
    assert {name: v.config for name, v in VARIANTS.items()} == {
        "hans": None,
        "hant": "s2tw",
        "hant-hk": "s2hk",
        "hant-tw-phrases": "s2twp",
    }
    assert [name for name, v in VARIANTS.items() if v.converts] == [
        "hant",
        "hant-hk",
        "hant-tw-phrases",
    ]


def test_protected_terms_get_the_character_only_variant() -> None:
    # Taiwan vocabulary (s2twp) never reaches a protected term: it gets s2tw's characters.
    assert {name: v.characters for name, v in VARIANTS.items()} == {
        "hans": "hans",
        "hant": "hant",
        "hant-hk": "hant-hk",
        "hant-tw-phrases": "hant",
    }
    assert {name: v.glossary_tag for name, v in VARIANTS.items()} == {
        "hans": None,
        "hant": "zh-TW",
        "hant-hk": "zh-HK",
        "hant-tw-phrases": "zh-TW",
    }


def test_language_tags_for_html_and_word() -> None:
    assert {name: (v.html_lang, v.docx_lang) for name, v in VARIANTS.items()} == {
        "hans": ("zh-Hans", "zh-CN"),
        "hant": ("zh-TW", "zh-TW"),
        "hant-hk": ("zh-HK", "zh-HK"),
        "hant-tw-phrases": ("zh-TW", "zh-TW"),
    }


def test_fonts_follow_the_region() -> None:
    assert {name: (v.serif_font, v.sans_font) for name, v in VARIANTS.items()} == {
        "hans": ("Noto Serif CJK SC", "Noto Sans CJK SC"),
        "hant": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
        "hant-hk": ("Noto Serif CJK HK", "Noto Sans CJK HK"),
        "hant-tw-phrases": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
    }


def test_every_font_family_is_installed() -> None:
    listed = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=True
    ).stdout
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    wanted = {f for v in VARIANTS.values() for f in (v.serif_font, v.sans_font)}
    assert wanted - families == set(), "install fonts-noto-cjk (scripts/install.sh does)"


def test_babel_locales_carry_script_and_region() -> None:
    # Labels and dates of a variant's pack follow its HTML language tag (one table, in i18n).
    locales = {name: Locale.parse(LOCALES[v.html_lang].babel) for name, v in VARIANTS.items()}
    assert {name: (loc.script, loc.territory) for name, loc in locales.items()} == {
        "hans": ("Hans", "CN"),
        "hant": ("Hant", "TW"),
        "hant-hk": ("Hant", "HK"),
        "hant-tw-phrases": ("Hant", "TW"),
    }


def test_get_variant_by_name() -> None:
    assert get_variant("hant-hk") is VARIANTS["hant-hk"]


def test_s2t_is_refused_with_the_reason() -> None:
    with pytest.raises(AssemblerError) as caught:
        get_variant("s2t")
    assert "爲, 着, 裏" in caught.value.message
    assert "neither Taiwan nor Hong Kong" in caught.value.message
    assert caught.value.hint == (
        "use --script hant (valid scripts: hans, hant, hant-hk, hant-tw-phrases)"
    )


@pytest.mark.parametrize(
    ("config", "variant"), [("s2tw", "hant"), ("s2hk", "hant-hk"), ("s2twp", "hant-tw-phrases")]
)
def test_opencc_configuration_names_point_to_their_variant(config: str, variant: str) -> None:
    with pytest.raises(AssemblerError) as caught:
        get_variant(config)
    assert f"behind `{variant}`" in caught.value.message
    assert caught.value.hint is not None
    assert caught.value.hint.startswith(f"use --script {variant} ")


def test_unknown_variant_lists_the_valid_ones() -> None:
    with pytest.raises(AssemblerError) as caught:
        get_variant("zh-Hant")
    assert str(caught.value) == (
        "unknown script 'zh-Hant'\n  hint: valid scripts: hans, hant, hant-hk, hant-tw-phrases"
    )
