"""Localisation: labels from the gettext catalogs in templates/locale/ (read with Babel); dates
and date ranges in UN editorial style from the same catalogs, with Babel's month names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from babel.dates import get_month_names
from babel.lists import format_list
from babel.messages.pofile import read_po

from assembler.errors import AssemblerError
from assembler.pack import labels
from assembler.pack.numbers import chinese_numeral, english_ordinal


@dataclass(frozen=True)
class Locale:
    """How one language tag of a pack is localised."""

    tag: str  # BCP 47: zh-Hans, zh-TW, zh-HK, en
    catalog: str  # folder under templates/locale/
    babel: str  # Babel locale for dates and numbers

    @property
    def chinese(self) -> bool:
        return self.tag.startswith("zh")


LOCALES: dict[str, Locale] = {
    locale.tag: locale
    for locale in (
        Locale("zh-Hans", "zh_Hans", "zh_Hans_CN"),
        Locale("zh-TW", "zh_Hant", "zh_Hant_TW"),
        Locale("zh-HK", "zh_Hant_HK", "zh_Hant_HK"),
        # UN English writes dates day first: "20-24 May 2019".
        Locale("en", "en", "en_GB"),
    )
}


def read_catalog(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file; untranslated and fuzzy entries are left out."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle)
    except OSError as exc:
        raise AssemblerError(
            f"cannot read the message catalog: {exc.strerror}",
            path=path,
            hint="reinstall the templates (templates/locale/) from the repository",
        ) from exc
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


@dataclass(frozen=True)
class Localiser:
    locale: Locale
    messages: dict[str, str]
    catalog_path: Path

    def __call__(self, msgid: str, **values: str) -> str:
        text = self.messages.get(msgid)
        if text is None:
            raise AssemblerError(
                f"no translation of {msgid!r}",
                path=self.catalog_path,
                hint="add it to the catalog (every label needs an entry in every catalog)",
            )
        # A catalog may leave out a value its language does not show (Chinese dates use the
        # month's number, not its name), so unused values are allowed.
        return text.format(**values) if values else text

    def date(self, day: dt.date) -> str:
        return self(labels.DATE, **self._date_fields(day, day))

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """UN style: 2019年5月20日至24日, 20–24 May 2019, 30 May–2 June 2019. The patterns are
        the catalogs' (CLDR's interval formats change between Babel releases)."""
        if start == end:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            pattern = labels.DATE_RANGE_SAME_MONTH
        elif start.year == end.year:
            pattern = labels.DATE_RANGE_SAME_YEAR
        else:
            pattern = labels.DATE_RANGE
        return self(pattern, **self._date_fields(start, end))

    def _date_fields(self, start: dt.date, end: dt.date) -> dict[str, str]:
        months = get_month_names("wide", locale=self.locale.babel)
        return {
            "day": str(start.day),
            "month": str(start.month),
            "month_name": str(months[start.month]),
            "year": str(start.year),
            "end_day": str(end.day),
            "end_month": str(end.month),
            "end_month_name": str(months[end.month]),
            "end_year": str(end.year),
        }

    def items(self, values: list[str]) -> str:
        return format_list(values, locale=self.locale.babel)

    def session(self, number: int) -> str:
        if self.locale.chinese:
            return self(labels.SESSION, ordinal=chinese_numeral(number))
        return self(labels.SESSION, ordinal=english_ordinal(number)).capitalize()


def localiser(tag: str, locale_dir: Path) -> Localiser:
    locale = LOCALES.get(tag)
    if locale is None:
        raise AssemblerError(
            f"no localisation for language {tag!r}", hint=f"known: {', '.join(LOCALES)}"
        )
    path = locale_dir / locale.catalog / "LC_MESSAGES" / "assembler.po"
    return Localiser(locale, read_catalog(path), path)
