"""The interface's strings: every web.* msgid a template or route uses is in the English and
Simplified Chinese catalogs, with the same placeholders; and pages follow ?lang=, the cookie
it sets, and Accept-Language, Chinese by default."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from assembler.pack.i18n import read_catalog
from assembler.paths import PROJECT_ROOT
from assembler.web.context import LANGUAGES

LOCALE_DIR = PROJECT_ROOT / "templates" / "locale"
SOURCES = [
    *sorted((PROJECT_ROOT / "templates" / "web").glob("*.html")),
    *sorted((PROJECT_ROOT / "assembler" / "web").glob("*.py")),
]
# Built from a value at run time ("web.status." ~ status): each value is listed here.
DYNAMIC = {
    "web.lang.": ("zh", "en"),
    "web.status.": ("preferred", "admitted", "deprecated", "superseded"),
    "web.type.": ("full-form", "short-form", "acronym", "abbreviation"),
}


def used_msgids() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"""["'](web\.[a-z_]+(?:\.[a-z_-]+)+)["']""", text))
    for prefix, values in DYNAMIC.items():
        found |= {prefix + value for value in values}
    return found


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("catalog", sorted(LANGUAGES.values()))
def test_every_interface_string_is_translated(catalog: str) -> None:
    messages = read_catalog(LOCALE_DIR / catalog / "LC_MESSAGES" / "assembler.po")
    missing = sorted(m for m in used_msgids() if m not in messages)
    assert not missing, f"{catalog} lacks {missing}"


def test_translations_keep_the_placeholders() -> None:
    en = read_catalog(LOCALE_DIR / "en" / "LC_MESSAGES" / "assembler.po")
    zh = read_catalog(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "assembler.po")
    for msgid in used_msgids():
        assert placeholders(en[msgid]) == placeholders(zh[msgid]), msgid


def test_chinese_by_default_and_english_on_request(client: TestClient) -> None:
    assert "<h1>文件库</h1>" in client.get("/corpus").text
    english = client.get("/corpus", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert "<h1>Corpus</h1>" in english
    chosen = client.get("/corpus?lang=en", headers={"Accept-Language": "zh-CN"})
    assert "<h1>Corpus</h1>" in chosen.text
    assert chosen.cookies.get("lang") == "en"
    # The cookie the choice set wins over the browser's language on the next page.
    later = client.get("/glossary", headers={"Accept-Language": "zh-CN"}).text
    assert "<h1>Glossary</h1>" in later


def test_unknown_language_falls_back_to_chinese(client: TestClient) -> None:
    assert "<h1>文件库</h1>" in client.get("/corpus?lang=xx").text


def test_the_sources_are_scanned() -> None:
    # A wrong glob would make the tests above pass on nothing.
    assert len(used_msgids()) > 100
