"""Every fixed label a pack shows, as gettext message ids. The words readers see come from
the catalogs in templates/locale/ (zh_Hans, zh_Hant, zh_Hant_HK, en); a test checks that
each catalog translates every id here and nothing else."""

from __future__ import annotations

CONTENTS = "Contents"
PAGE_OF = "Page {page} of {pages}"
TOC_HINT = "Update this field (F9) to show the table of contents."
NUMBER = "Para."
ANNEX_HEADING = "Glossary"
ANNEX_INTRO_FOUND = (
    "United Nations terms found in the excerpts of this pack, in order of first appearance, "
    "with their preferred Chinese and English forms."
)
ANNEX_INTRO_LIST = (
    "United Nations terms selected for this pack, with their preferred Chinese and English forms."
)
ANNEX_INTRO_FOUND_PINYIN = (
    "United Nations terms found in the excerpts of this pack, in the alphabetical order of the "
    "pinyin of their Chinese forms, with their preferred Chinese and English forms."
)
ANNEX_INTRO_FOUND_ENGLISH = (
    "United Nations terms found in the excerpts of this pack, in the alphabetical order of their "
    "English forms, with their preferred Chinese and English forms."
)
ANNEX_INTRO_LIST_PINYIN = (
    "United Nations terms selected for this pack, in the alphabetical order of the pinyin of "
    "their Chinese forms, with their preferred Chinese and English forms."
)
ANNEX_INTRO_LIST_ENGLISH = (
    "United Nations terms selected for this pack, in the alphabetical order of their English "
    "forms, with their preferred Chinese and English forms."
)
# A paragraph picked again in a later section points back to the section that prints it.
SEE_ABOVE = "Paragraph {number}: see section “{section}” above."
SEE_ABOVE_UNNUMBERED = "This paragraph: see section “{section}” above."
CHINESE = "Chinese"
ENGLISH = "English"
FORMERLY = "Formerly: {terms}"
WITH_SHORT_FORM = "{term} ({short})"
GLOSS = "({term})"
# A gloss inside brackets already there joins them instead of opening a second pair.
GLOSS_JOINED = "; {term}"
# The English of a first occurrence: the full name and the acronym the text may use after.
GLOSS_ACRONYM = "{term}, {acronym}"
TITLE = "“{title}”"
# Dates in UN editorial style, owned by the project so that a CLDR release cannot change a cover:
# Babel supplies only the month names (`month_name`); day, month and year numbers are digits.
DATE = "{day} {month_name} {year}"
DATE_RANGE_SAME_MONTH = "{day}–{end_day} {month_name} {year}"
DATE_RANGE_SAME_YEAR = "{day} {month_name}–{end_day} {end_month_name} {year}"
DATE_RANGE = "{day} {month_name} {year}–{end_day} {end_month_name} {end_year}"
CITATION_PARAGRAPH = "{document}, para. {number}"
CITATION_PLACE = "{document}, {place}"
SESSION = "{ordinal} session"
AGENDA_ITEM = "Item {item} of the provisional agenda"
# Documents adopted at the session (resolutions, decisions) cite the agenda as adopted.
AGENDA_ITEM_ADOPTED = "Agenda item {item}"
DATES_VENUE = "{dates}, {venue}"
PREPARED_BY = "Prepared by {name}"
MISSING_CHINESE = "The corpus has no Chinese text of this paragraph."
MISSING_ENGLISH = "The corpus has no English text of this paragraph."
MISSING_CHINESE_HEADING = "The corpus has no Chinese text of this heading."
MISSING_ENGLISH_HEADING = "The corpus has no English text of this heading."

ALL: tuple[str, ...] = (
    CONTENTS, PAGE_OF, TOC_HINT, NUMBER, ANNEX_HEADING, ANNEX_INTRO_FOUND, ANNEX_INTRO_LIST,
    CHINESE, ENGLISH, FORMERLY, WITH_SHORT_FORM, GLOSS, CITATION_PARAGRAPH, CITATION_PLACE,
    SESSION, AGENDA_ITEM, AGENDA_ITEM_ADOPTED, DATES_VENUE, PREPARED_BY, MISSING_CHINESE,
    MISSING_ENGLISH,
    MISSING_CHINESE_HEADING, MISSING_ENGLISH_HEADING, TITLE, DATE, DATE_RANGE_SAME_MONTH,
    DATE_RANGE_SAME_YEAR, DATE_RANGE, ANNEX_INTRO_FOUND_PINYIN, ANNEX_INTRO_FOUND_ENGLISH,
    ANNEX_INTRO_LIST_PINYIN, ANNEX_INTRO_LIST_ENGLISH, SEE_ABOVE, SEE_ABOVE_UNNUMBERED,
    GLOSS_JOINED, GLOSS_ACRONYM,
)  # fmt: skip
