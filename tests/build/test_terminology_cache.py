"""The glossary as a build loads it, through its cache file (build/driver.py): the same
terminology as reading the folder, and an edit, even one undone or within the same second,
read afresh; a broken glossary still fails the build with its problems."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from assembler.build.driver import Terminology, load_terminology
from assembler.errors import AssemblerError
from assembler.glossary.store import load_glossary
from assembler.pack.pinyin import sort_key, sort_keys
from assembler.script.protect_list import bundled_protected


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ASSEMBLER_CACHE", str(cache))
    return cache


def fresh(folder: Path) -> Terminology:
    glossary = load_glossary(folder)
    chinese = (t.text for c in glossary.concepts for t in c.in_language("zh-Hans"))
    return Terminology(glossary, tuple(bundled_protected(folder)), sort_keys(chinese))


def test_the_cached_terminology_is_the_folder_read(glossary_copy: Path, own_cache: Path) -> None:
    first = load_terminology(glossary_copy)
    assert list((own_cache / "glossary").glob("*.pickle"))
    assert load_terminology(glossary_copy) == first == fresh(glossary_copy)


def test_an_edit_is_read_afresh_and_its_undo_too(glossary_copy: Path) -> None:
    regions = glossary_copy / "regions.yaml"
    before = regions.read_text(encoding="utf-8")
    load_terminology(glossary_copy)
    regions.write_text(before.replace("term: 萨赫勒", "term: 萨赫勒地区"), encoding="utf-8")
    edited = load_terminology(glossary_copy)
    assert edited == fresh(glossary_copy)
    sahel = next(c for c in edited.glossary.concepts if c.id == "sahel")
    assert "萨赫勒地区" in repr(sahel)
    regions.write_text(before, encoding="utf-8")
    assert load_terminology(glossary_copy) == fresh(glossary_copy)


def test_a_broken_glossary_still_fails_after_a_good_load(glossary_copy: Path) -> None:
    load_terminology(glossary_copy)
    regions = glossary_copy / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n  - id: [\n", encoding="utf-8")
    with pytest.raises(AssemblerError):
        load_terminology(glossary_copy)


def test_a_damaged_cache_file_is_read_again_from_the_folder(
    glossary_copy: Path, own_cache: Path
) -> None:
    load_terminology(glossary_copy)
    (cache,) = (own_cache / "glossary").glob("*.pickle")
    cache.write_bytes(pickle.dumps("not a terminology")[:-2])
    assert load_terminology(glossary_copy) == fresh(glossary_copy)


def test_the_annex_keys_are_cached_beside_the_glossary(glossary_copy: Path) -> None:
    # A build takes the annex's pinyin keys from the cache and need not import pypinyin.
    keys = load_terminology(glossary_copy).sort_keys
    assert keys["秘书长"] == sort_key("秘书长") == (("mi", 4), ("shu", 1), ("zhang", 3))
    assert len(keys) > 600
