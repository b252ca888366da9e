"""The typefaces of a pack's languages: Noto CJK in the script's regional form for Chinese,
Liberation (Times and Arial metrics) for English, the fonts the PDF embeds. Languages, Word
language codes and roles are chosen here for every writer; the DOCX writer takes the font
names themselves from the reference document's Font styles of the same Word language (SimSun,
PMingLiU ... as office PCs have them), where users restyle them."""

from __future__ import annotations

from assembler.model.pack import Typeface
from assembler.script.variants import Variant

ENGLISH = Typeface(
    lang="en",
    word_lang="en-US",
    east_asian=False,
    body="Liberation Serif",
    heading="Liberation Sans",
    latin="Liberation Serif",
)


def chinese_typeface(variant: Variant) -> Typeface:
    return Typeface(
        lang=variant.html_lang,
        word_lang=variant.docx_lang,
        east_asian=True,
        body=variant.serif_font,
        heading=variant.sans_font,
        latin=variant.serif_font,
    )
