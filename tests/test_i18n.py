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

LOCALE_DIR = Path(__file__).resolve().parent.parent / "templates" / "locale"
CATALOGS = sorted({locale.catalog for locale in LOCALES.values()})


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("catalog", CATALOGS)
def test_every_label_is_translated_in_every_catalog(catalog: str) -> None:
    messages = read_catalog(LOCALE_DIR / catalog / "LC_MESSAGES" / "assembler.po")
    assert set(messages) == set(labels.ALL)
    for msgid, msgstr in messages.items():
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


def test_date_ranges_across_months_and_single_days() -> None:
    zh, en = localiser("zh-Hans", LOCALE_DIR), localiser("en", LOCALE_DIR)
    assert zh.date_range(dt.date(2019, 5, 30), dt.date(2019, 6, 2)) == "2019年5月30日至6月2日"
    # CLDR's en_GB interval pattern (it has no full-month form across months).
    assert en.date_range(dt.date(2019, 5, 30), dt.date(2019, 6, 2)) == (
        "30 May\u2009–\u20092 Jun 2019"
    )
    assert zh.date_range(dt.date(2019, 5, 20), dt.date(2019, 5, 20)) == "2019年5月20日"


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
