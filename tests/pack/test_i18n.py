"""Labels come from the gettext catalogs, one per locale; dates, numbers and session names
are formatted for the reader."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from assembler.pack import labels
from assembler.pack.i18n import LOCALES, localiser, read_catalog
from assembler.pack.numbers import chinese_numeral, english_ordinal

LOCALE_DIR = Path(__file__).resolve().parents[2] / "templates" / "locale"
CATALOGS = sorted({locale.catalog for locale in LOCALES.values()})


DATE_LABELS = {
    labels.DATE,
    labels.DATE_RANGE_SAME_MONTH,
    labels.DATE_RANGE_SAME_YEAR,
    labels.DATE_RANGE,
}
DATE_FIELDS = {
    "day",
    "month",
    "month_name",
    "year",
    "end_day",
    "end_month",
    "end_month_name",
    "end_year",
}


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("catalog", CATALOGS)
def test_every_label_is_translated_in_every_catalog(catalog: str) -> None:
    messages = read_catalog(LOCALE_DIR / catalog / "LC_MESSAGES" / "assembler.po")
    # The web workspace's strings (web.*) have their own test: tests/web/test_catalog.py.
    messages = {k: v for k, v in messages.items() if not k.startswith("web.")}
    assert set(messages) == set(labels.ALL)
    for msgid, msgstr in messages.items():
        if msgid in DATE_LABELS:
            # A date pattern takes any of the date's parts (Chinese: month numbers, not names).
            assert placeholders(msgstr) <= DATE_FIELDS, (catalog, msgid)
            assert {"day", "year"} <= placeholders(msgstr), (catalog, msgid)
        else:
            assert placeholders(msgstr) == placeholders(msgid), (catalog, msgid)


def test_catalogs_are_the_four_reading_audiences() -> None:
    assert CATALOGS == ["en", "zh_Hans", "zh_Hant", "zh_Hant_HK"]


@pytest.mark.parametrize(
    ("tag", "contents", "dates", "session"),
    [
        ("zh-Hans", "目录", "2019年5月20日至24日", "第二十八届会议"),
        ("zh-TW", "目錄", "2019年5月20日至24日", "第二十八屆會議"),
        ("zh-HK", "目錄", "2019年5月20日至24日", "第二十八屆會議"),
        ("en", "Contents", "20–24 May 2019", "Twenty-eighth session"),
    ],
)
def test_labels_dates_and_sessions_per_locale(
    tag: str, contents: str, dates: str, session: str
) -> None:
    say = localiser(tag, LOCALE_DIR)
    assert say(labels.CONTENTS) == contents
    assert say.date_range(dt.date(2019, 5, 20), dt.date(2019, 5, 24)) == dates
    assert say.session(28) == session


@pytest.mark.parametrize(
    ("tag", "start", "end", "expected"),
    [
        ("zh-Hans", (2019, 5, 30), (2019, 6, 2), "2019年5月30日至6月2日"),
        ("zh-TW", (2019, 5, 30), (2019, 6, 2), "2019年5月30日至6月2日"),
        ("zh-HK", (2019, 5, 30), (2019, 6, 2), "2019年5月30日至6月2日"),
        ("en", (2019, 5, 30), (2019, 6, 2), "30 May–2 June 2019"),
        ("zh-Hans", (2019, 12, 30), (2020, 1, 2), "2019年12月30日至2020年1月2日"),
        ("en", (2019, 12, 30), (2020, 1, 2), "30 December 2019–2 January 2020"),
        ("zh-Hans", (2019, 5, 20), (2019, 5, 20), "2019年5月20日"),
        ("zh-HK", (2019, 5, 20), (2019, 5, 20), "2019年5月20日"),
        ("en", (2019, 5, 20), (2019, 5, 20), "20 May 2019"),
        ("en", (2007, 4, 23), (2007, 4, 27), "23–27 April 2007"),
    ],
)
def test_date_ranges_in_un_editorial_style(
    tag: str, start: tuple[int, int, int], end: tuple[int, int, int], expected: str
) -> None:
    # UN style, not CLDR's interval formats (Babel 2.19 writes "20 – 24 May 2019" and
    # "2019年5月20日 – 24日"): the patterns are the project's, in its catalogs.
    say = localiser(tag, LOCALE_DIR)
    assert say.date_range(dt.date(*start), dt.date(*end)) == expected


def test_single_dates_in_un_editorial_style() -> None:
    assert localiser("zh-Hans", LOCALE_DIR).date(dt.date(2019, 5, 2)) == "2019年5月2日"
    assert localiser("zh-TW", LOCALE_DIR).date(dt.date(2019, 5, 2)) == "2019年5月2日"
    assert localiser("en", LOCALE_DIR).date(dt.date(2019, 5, 2)) == "2 May 2019"


def test_numerals_as_un_documents_write_session_numbers() -> None:
    assert [chinese_numeral(n) for n in (1, 10, 15, 20, 28, 61, 100, 105, 115)] == [
        "一", "十", "十五", "二十", "二十八", "六十一", "一百", "一百零五", "一百一十五",
    ]  # fmt: skip
    assert [english_ordinal(n) for n in (1, 2, 3, 12, 20, 21, 28, 40, 62)] == [
        "first", "second", "third", "twelfth", "twentieth", "twenty-first", "twenty-eighth",
        "fortieth", "sixty-second",
    ]  # fmt: skip


def test_unknown_language_is_refused() -> None:
    with pytest.raises(Exception, match="no localisation for language 'fr'"):
        localiser("fr", LOCALE_DIR)
