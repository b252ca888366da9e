"""The one term matcher (assembler.glossary.matcher): leftmost-longest, non-overlapping.

At the leftmost place where a term stands, the longest term there wins, and the search goes on
after it: a term inside a longer hit is not reported again, and a term straddling two hits
(国会 across 联合国|会员国) is not reported at all. Latin terms stand at word boundaries only.
The property test compares the matcher with a brute-force reference written from that
definition alone.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Concept, Glossary, Term


def glossary_of(*terms: str, lang: str = "zh-Hans") -> Glossary:
    """One concept per term, ids c0, c1, ... in the order given."""
    return Glossary(
        tuple(
            Concept(id=f"c{n}", terms=(Term(text, lang, "preferred"),))
            for n, text in enumerate(terms)
        )
    )


def found(matcher: Matcher, text: str) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, text[h.start : h.end]) for h in matcher.find(text)]


def test_the_longest_term_at_the_leftmost_place_wins() -> None:
    matcher = Matcher(glossary_of("联合国", "国会", "会员国", "联合国会员国"))
    assert found(matcher, "联合国会员国") == [(0, 6, "联合国会员国")]


def test_a_term_straddling_two_hits_is_not_reported() -> None:
    matcher = Matcher(glossary_of("联合国", "国会", "会员国"))
    assert found(matcher, "联合国会员国") == [(0, 3, "联合国"), (3, 6, "会员国")]
    assert found(matcher, "美国国会") == [(2, 4, "国会")]


def test_hits_carry_their_term_and_concept() -> None:
    matcher = Matcher(glossary_of("外国恐怖主义作战人员", "恐怖主义"))
    (hit,) = matcher.find("关于外国恐怖主义作战人员的报告")
    assert (hit.start, hit.end, hit.concept, hit.term.text) == (2, 12, "c0", "外国恐怖主义作战人员")


def test_offsets_count_characters_even_beyond_the_basic_plane() -> None:
    matcher = Matcher(glossary_of("禁毒办"))
    text = "𠮷𠮷禁毒办"  # U+20BB7 is one Python character (four UTF-8 bytes)
    assert found(matcher, text) == [(2, 5, "禁毒办")]


def test_latin_terms_stand_at_word_boundaries() -> None:
    matcher = Matcher(glossary_of("UN", "UNODC", "UN Women", lang="en"), languages=["en"])
    assert found(matcher, "UNODC and UN") == [(0, 5, "UNODC"), (10, 12, "UN")]
    assert found(matcher, "FUNDS") == []
    # The longest term continues a word here, so the shorter one at the same place is the hit.
    assert found(matcher, "UN Womenfolk") == [(0, 2, "UN")]
    # Chinese next to a Latin term is a boundary: there are no spaces in Chinese text.
    assert found(matcher, "由UNODC提供") == [(1, 6, "UNODC")]


def test_a_term_on_two_concepts_names_both() -> None:
    glossary = Glossary(
        (
            Concept(id="a", terms=(Term("委员会", "zh-Hans", "preferred"),)),
            Concept(id="b", note="why", terms=(Term("委员会", "zh-Hans", "admitted"),)),
        )
    )
    (hit,) = Matcher(glossary).find("委员会")
    assert hit.concepts == ("a", "b")


def test_only_the_chosen_languages_are_matched() -> None:
    glossary = Glossary(
        (
            Concept(
                id="unodc",
                terms=(Term("禁毒办", "zh-Hans", "superseded"), Term("UNODC", "en", "preferred")),
            ),
        )
    )
    assert found(Matcher(glossary), "禁毒办 UNODC") == [(0, 3, "禁毒办")]
    assert found(Matcher(glossary, languages=["en"]), "禁毒办 UNODC") == [(4, 9, "UNODC")]
    assert len(Matcher(glossary, languages=["zh-Hans", "en"])) == 2


def test_an_empty_glossary_finds_nothing() -> None:
    assert Matcher(Glossary(())).find("联合国") == []


# -- the reference ------------------------------------------------------------------------------
def is_word_char(char: str) -> bool:
    return char in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"


def stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (
        (before and is_word_char(before) and is_word_char(text[start]))
        or (after and is_word_char(after) and is_word_char(text[end - 1]))
    )


def reference(text: str, terms: set[str]) -> list[tuple[int, int, str]]:
    """Brute force: at each place from the left, try every term, longest first."""
    longest_first = sorted(terms, key=len, reverse=True)
    hits = []
    place = 0
    while place < len(text):
        for term in longest_first:
            if text.startswith(term, place) and stands_alone(text, place, place + len(term)):
                hits.append((place, place + len(term), term))
                place += len(term)
                break
        else:
            place += 1
    return hits


# A small alphabet makes hits, nested terms and straddling terms frequent.
ALPHABET = "联合国会员A N"
TERM = st.text(alphabet=ALPHABET, min_size=1, max_size=5).filter(lambda t: t.strip() == t)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=120),
    terms=st.sets(TERM, min_size=1, max_size=8),
    cut=st.lists(st.tuples(st.integers(0, 120), st.integers(1, 6)), max_size=3),
    window=st.sampled_from([1, 9, 17, 4096]),
)
def test_the_matcher_equals_the_brute_force_reference(
    text: str, terms: set[str], cut: list[tuple[int, int]], window: int
) -> None:
    # Terms cut out of the text itself make sure most examples have hits; small windows make
    # matches fall across the automaton's window ends.
    terms |= {text[a : a + n] for a, n in cut if text[a : a + n].strip() == text[a : a + n] != ""}
    matcher = Matcher(glossary_of(*sorted(terms)), window=window)
    assert found(matcher, text) == reference(text, terms)


def test_a_long_english_text_full_of_near_misses_is_matched_whole() -> None:
    # Every "UN" inside "FUNDS" is a near miss that restarts the search; a restart re-reads
    # one window, not the rest of the text (this text took over a minute before).
    matcher = Matcher(glossary_of("UN", "UNODC", lang="en"), languages=["en"])
    text = "FUNDS and the UN. " * 20_000
    hits = matcher.find(text)
    assert len(hits) == 20_000 and all(text[h.start : h.end] == "UN" for h in hits)


# -- context rules and shared terms -------------------------------------------------------------
def ruled(
    concept_id: str, text: str, before: tuple[str, ...] = (), after: tuple[str, ...] = ()
) -> Concept:
    term = Term(text, "zh-Hans", "preferred", not_before=before, not_after=after)
    return Concept(id=concept_id, terms=(term,))


def test_a_term_is_not_found_where_its_rule_forbids_it() -> None:
    glossary = Glossary((ruled("central-africa", "中非", before=("稳定团", "经共体")),))
    matcher = Matcher(glossary)
    assert found(matcher, "中非稳定团和中非经共体") == []
    assert found(matcher, "中非和西非") == [(0, 2, "中非")]
    # The rule looks at the text right after the term only: 稳定团 later on does not count.
    assert found(matcher, "中非的稳定团") == [(0, 2, "中非")]


def test_not_after_looks_at_the_text_before_the_term() -> None:
    matcher = Matcher(Glossary((ruled("compact", "全球契约", after=("联合国",)),)))
    assert found(matcher, "联合国全球契约") == []
    assert found(matcher, "该全球契约") == [(1, 5, "全球契约")]


def test_a_forbidden_longest_term_leaves_the_place_to_a_shorter_one() -> None:
    glossary = Glossary((ruled("long", "中非共和国", before=("特派团",)), ruled("short", "中非")))
    assert [(h.end, h.concepts) for h in Matcher(glossary).find("中非共和国特派团")] == [
        (2, ("short",))
    ]


def test_a_shared_term_is_a_hit_of_the_concepts_its_rules_allow() -> None:
    glossary = Glossary(
        (
            ruled("region", "中非", before=("稳定团",)),
            ruled("other", "中非"),
            ruled("third", "中非"),
        )
    )
    (hit,) = Matcher(glossary).find("中非稳定团")
    assert hit.concepts == ("other", "third") and hit.ambiguous
    (hit,) = Matcher(Glossary(glossary.concepts[:2])).find("中非稳定团")
    assert hit.concepts == ("other",) and not hit.ambiguous


def reference_with_rules(
    text: str, concepts: list[Concept]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Brute force with context rules: at each place from the left, the longest term that some
    concept allows there, with every concept that allows it."""
    owners: dict[str, list[tuple[str, Term]]] = {}
    for concept in concepts:
        for term in concept.terms:
            owners.setdefault(term.text, []).append((concept.id, term))
    hits = []
    place = 0
    while place < len(text):
        for term in sorted(owners, key=len, reverse=True):
            end = place + len(term)
            if not text.startswith(term, place) or not stands_alone(text, place, end):
                continue
            allowed = tuple(
                cid
                for cid, t in owners[term]
                if not any(text[end:].startswith(w) for w in t.not_before)
                and not any(text[:place].endswith(w) for w in t.not_after)
            )
            if allowed:
                hits.append((place, end, allowed))
                place = end
                break
        else:
            place += 1
    return hits


WORDS = st.lists(TERM, max_size=2).map(tuple)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=100),
    entries=st.lists(st.tuples(TERM, WORDS, WORDS, st.integers(0, 3)), min_size=1, max_size=8),
    cut=st.lists(st.tuples(st.integers(0, 100), st.integers(1, 6)), max_size=3),
    window=st.sampled_from([1, 9, 17, 4096]),
)
def test_the_matcher_with_rules_equals_the_brute_force_reference(
    text: str,
    entries: list[tuple[str, tuple[str, ...], tuple[str, ...], int]],
    cut: list[tuple[int, int]],
    window: int,
) -> None:
    # Up to four concepts, so that terms are shared between concepts with different rules.
    extra = [(text[a : a + n], (), (), a % 4) for a, n in cut]
    by_concept: dict[str, dict[str, Term]] = {}
    for term_text, before, after, owner in entries + extra:
        if term_text.strip() != term_text or not term_text:
            continue
        term = Term(term_text, "zh-Hans", "preferred", not_before=before, not_after=after)
        by_concept.setdefault(f"c{owner}", {}).setdefault(term_text, term)
    concepts = [Concept(id=c, terms=tuple(terms.values())) for c, terms in by_concept.items()]
    matcher = Matcher(Glossary(tuple(concepts)), window=window)
    got = [(h.start, h.end, h.concepts) for h in matcher.find(text)]
    assert got == reference_with_rules(text, concepts)
