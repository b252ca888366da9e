"""The script variants a pack or `assembler convert` may ask for, and what each implies
downstream: the OpenCC configuration, the language tags for HTML and Word, fonts.
Labels and dates follow the HTML language tag (assembler.pack.i18n.LOCALES).

OpenCC's plain `s2t` is deliberately absent: it yields OpenCC's own standard forms (爲, 着,
裏) that no region uses, so nobody should receive it.
"""

from __future__ import annotations

from dataclasses import dataclass

from assembler.errors import AssemblerError


@dataclass(frozen=True)
class Variant:
    name: str
    description: str
    config: str | None  # OpenCC configuration; None: the text stays as it is
    characters: str  # the variant whose character-only conversion protected terms get
    glossary_tag: str | None  # which explicit form of a glossary term applies (Term.variant)
    html_lang: str  # BCP 47, for HTML/PDF `lang`
    docx_lang: str  # Word's w:lang w:eastAsia value
    serif_font: str
    sans_font: str

    @property
    def converts(self) -> bool:
        return self.config is not None


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant(
            name="hans",
            description="Simplified Chinese, as the UN publishes it (no conversion)",
            config=None,
            characters="hans",
            glossary_tag=None,
            html_lang="zh-Hans",
            docx_lang="zh-CN",
            serif_font="Noto Serif CJK SC",
            sans_font="Noto Sans CJK SC",
        ),
        Variant(
            name="hant",
            description="Traditional characters, Taiwan standard (OpenCC s2tw)",
            config="s2tw",
            characters="hant",
            glossary_tag="zh-TW",
            html_lang="zh-TW",
            docx_lang="zh-TW",
            serif_font="Noto Serif CJK TC",
            sans_font="Noto Sans CJK TC",
        ),
        Variant(
            name="hant-hk",
            description="Traditional characters, Hong Kong standard (OpenCC s2hk)",
            config="s2hk",
            characters="hant-hk",
            glossary_tag="zh-HK",
            html_lang="zh-HK",
            docx_lang="zh-HK",
            serif_font="Noto Serif CJK HK",
            sans_font="Noto Sans CJK HK",
        ),
        Variant(
            name="hant-tw-phrases",
            description="Traditional characters and Taiwan vocabulary (OpenCC s2twp)",
            config="s2twp",
            characters="hant",
            glossary_tag="zh-TW",
            html_lang="zh-TW",
            docx_lang="zh-TW",
            serif_font="Noto Serif CJK TC",
            sans_font="Noto Sans CJK TC",
        ),
    )
}

# Names people may type from OpenCC's vocabulary, and why they are not variants.
_REFUSED = {
    "s2t": (
        "OpenCC's s2t gives OpenCC's own standard forms (爲, 着, 裏) that neither Taiwan nor "
        "Hong Kong uses, so it is not offered"
    ),
    "s2tw": "s2tw is the OpenCC configuration behind `hant`",
    "s2hk": "s2hk is the OpenCC configuration behind `hant-hk`",
    "s2twp": "s2twp is the OpenCC configuration behind `hant-tw-phrases`",
}
_INSTEAD = {"s2t": "hant", "s2tw": "hant", "s2hk": "hant-hk", "s2twp": "hant-tw-phrases"}


def valid_names() -> str:
    return ", ".join(VARIANTS)


def get_variant(name: str) -> Variant:
    """The variant called `name`, or an error that lists the valid ones."""
    variant = VARIANTS.get(name)
    if variant is not None:
        return variant
    if name in _REFUSED:
        raise AssemblerError(
            f"script {name!r} is not a variant: {_REFUSED[name]}",
            hint=f"use --script {_INSTEAD[name]} (valid scripts: {valid_names()})",
        )
    raise AssemblerError(f"unknown script {name!r}", hint=f"valid scripts: {valid_names()}")
