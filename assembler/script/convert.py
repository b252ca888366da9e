"""The converter: Simplified Chinese text into one script variant, with protected terms.

Protected terms (glossary terms, a user's list) keep their UN wording: each one gets its
explicit Traditional form from the glossary when there is one, else the character-only
conversion of the term (s2tw or s2hk, with the corrections), never the Taiwan vocabulary of
s2twp. Known engine errors (corrections.tsv) are protected spans with fixed outputs. Spans are
found leftmost-longest by the glossary's one matcher and swapped for placeholders around the
engine (protect.py), so nothing here depends on how OpenCC works inside.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import opencc

from assembler.errors import AssemblerError
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Concept, Glossary, Term
from assembler.script.corrections import Correction, load_corrections
from assembler.script.protect import Span, check_encodable, convert_protected, has_escaped
from assembler.script.variants import VARIANTS, Variant, get_variant

Engine = Callable[[str], str]


class Engines:
    """OpenCC configurations loaded on first use and then shared: loading one costs tens of
    milliseconds, converting a paragraph a few microseconds."""

    def __init__(self) -> None:
        self._loaded: dict[str, Engine] = {}

    def get(self, config: str) -> Engine:
        engine = self._loaded.get(config)
        if engine is None:
            engine = self._loaded[config] = opencc.OpenCC(config).convert
        return engine


def _checked_term(term: str) -> str:
    if not term.strip():
        raise AssemblerError("a protected term is empty")
    check_encodable(term)
    if has_escaped(term):
        raise AssemblerError(f"the protected term {term!r} holds NUL or a private-use character")
    return term


def _matching_glossary(texts: Iterable[str]) -> Glossary:
    """The matcher is built from a glossary: protected strings become one concept's terms."""
    terms = tuple(Term(text, "zh-Hans", "preferred") for text in texts)
    return Glossary((Concept("protected", terms=terms),))


class Converter:
    """Converts text to one variant. Build it once (engine, protected outputs, automaton);
    `convert` is then cheap per call and safe to call on every string of a pack."""

    def __init__(
        self,
        variant: Variant,
        *,
        terms: Iterable[str] = (),
        explicit: Mapping[str, str] | None = None,
        corrections: Iterable[Correction] = (),
        engines: Engines | None = None,
    ) -> None:
        """`terms` are protected; `explicit` maps protected terms to their fixed output for
        this variant (explicit glossary forms), its keys protected as well."""
        self.variant = variant
        self._engine: Engine | None = None
        self._outputs: dict[str, str] = {}
        self._matcher: Matcher | None = None
        if variant.config is None:
            return
        engines = engines or Engines()
        corrections = tuple(corrections)
        self._engine = engines.get(variant.config)
        for correction in corrections:
            fixed = correction.output(variant.name)
            if fixed is not None:
                self._outputs[correction.source] = fixed
        explicit = dict(explicit or {})
        protected = dict.fromkeys(_checked_term(t) for t in (*terms, *explicit))
        if protected:
            characters = Converter(
                VARIANTS[variant.characters], corrections=corrections, engines=engines
            )
            for term in protected:
                self._outputs[term] = explicit.get(term) or characters.convert(term)
            # A protected term already in its output form (labels from a Traditional
            # catalog: 臨時議程項目) must not be rewritten either: s2twp would give 專案.
            for output in list(self._outputs.values()):
                self._outputs.setdefault(output, output)
        if self._outputs:
            self._matcher = Matcher(_matching_glossary(self._outputs))

    @property
    def protected(self) -> Mapping[str, str]:
        """Every protected source string (terms and corrections) and its output."""
        return self._outputs

    def spans(self, text: str) -> list[Span]:
        """The protected spans of `text`, left to right, with their outputs."""
        if self._matcher is None:
            return []
        return [Span(h.start, h.end, self._outputs[h.term.text]) for h in self._matcher.find(text)]

    def convert(self, text: str) -> str:
        if self._engine is None:
            return text
        return convert_protected(text, self.spans(text), self._engine)


def glossary_protection(glossary: Glossary, variant: Variant) -> tuple[list[str], dict[str, str]]:
    """The glossary's Simplified terms, and the explicit forms they carry for `variant`."""
    terms: list[str] = []
    explicit: dict[str, str] = {}
    for concept in glossary.concepts:
        for term in concept.in_language("zh-Hans"):
            terms.append(term.text)
            form = term.variant(variant.glossary_tag) if variant.glossary_tag else None
            if form:
                explicit.setdefault(term.text, form)
    return terms, explicit


def build_converter(
    variant: Variant | str,
    *,
    glossary: Glossary | None = None,
    terms: Iterable[str] = (),
    engines: Engines | None = None,
) -> Converter:
    """A converter with the bundled corrections, protecting `glossary`'s zh-Hans terms (with
    their explicit forms) and `terms`."""
    chosen = get_variant(variant) if isinstance(variant, str) else variant
    protected = list(terms)
    explicit: dict[str, str] = {}
    if glossary is not None:
        glossary_terms, explicit = glossary_protection(glossary, chosen)
        protected += glossary_terms
    return Converter(
        chosen,
        terms=protected,
        explicit=explicit,
        corrections=load_corrections(),
        engines=engines,
    )
