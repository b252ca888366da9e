"""Term glossing, a transform on the pack model: after the first occurrence of each glossary
concept in the pack's Chinese text, its English equivalent in brackets:
外国恐怖主义作战人员（foreign terrorist fighters）. Inside brackets already there, the
gloss joins them with "；" rather than stacking a second pair: （《马德里指导原则》；Madrid
Guiding Principles）, 联合国毒品和犯罪问题办公室（毒品和犯罪问题办公室；United Nations Office on
Drugs and Crime，UNODC）."""

from __future__ import annotations

from dataclasses import replace

from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Concept, Glossary
from assembler.model.pack import (
    Block,
    CrossReference,
    Item,
    Pack,
    Passage,
    Runs,
    Section,
    SourceHeading,
    Span,
)
from assembler.pack import labels
from assembler.pack.i18n import Localiser


def equivalent(concept: Concept, say: Localiser) -> str:
    """The English a first occurrence is glossed with, whichever Chinese form it is: the full
    name, with the acronym the text may use after it, as UN style introduces a name
    ("United Nations Office on Drugs and Crime，UNODC"); the full name alone when the
    glossary has no English acronym."""
    english = [t for t in concept.in_language("en") if t.status == "preferred"]
    if not english:
        return ""
    full = next((t for t in english if t.type == "full-form"), english[0])
    acronym = next(
        (t for t in english if t is not full and t.type in ("acronym", "abbreviation")), None
    )
    if acronym is None:
        return full.text
    return say(labels.GLOSS_ACRONYM, term=full.text, acronym=acronym.text)


def gloss_position(text: str, end: int) -> int:
    """Where the gloss of a term ending at `end` goes: after the closing 》 of a title the
    term ends, and after the term's own bracketed short form, so that neither a title nor
    "全称（简称）" is cut: 《联合国全球反恐战略》（…）, 联合国开发计划署（开发署）（…）."""
    if text.startswith("》", end):
        end += 1
    if text.startswith("（", end):
        close = text.find("）", end)
        if close != -1:
            end = close + 1
    return end


class _Glosser:
    """Walks the pack in reading order and glosses each concept once."""

    def __init__(self, glossary: Glossary, only: frozenset[str], say: Localiser) -> None:
        # The whole glossary is matched, so that a listed concept is never found inside the
        # longer term of another (反恐怖主义委员会 inside 反恐怖主义委员会执行局).
        self._matcher = Matcher(glossary, ("zh-Hans",))
        self._only = only
        self._concepts = glossary.by_id()
        self._say = say
        self._done: set[str] = set()

    def runs(self, runs: Runs) -> Runs:
        out: list[Span] = []
        for span in runs:
            if span.kind != "text":
                out.append(span)
                continue
            position = 0
            for hit in self._matcher.find(span.text):
                concept = self._concepts[hit.concept]
                if (
                    hit.concept in self._done
                    or hit.start < position
                    or hit.concept not in self._only
                    or hit.ambiguous  # several concepts' term, no rule tells them apart here
                ):
                    continue  # glossed already, inside a bracket a gloss was put after, or unlisted
                english = equivalent(concept, self._say)
                if not english:
                    continue
                self._done.update(hit.concepts)
                at = gloss_position(span.text, hit.end)
                if at > hit.end and span.text[at - 1] == "）":
                    at -= 1  # inside the term's own bracket: 全称（简称；English）
                    gloss = self._say(labels.GLOSS_JOINED, term=english)
                elif span.text.startswith("）", at):  # the term closes a bracket: （…；English）
                    gloss = self._say(labels.GLOSS_JOINED, term=english)
                else:
                    gloss = self._say(labels.GLOSS, term=english)
                out.append(Span(span.text[position:at]))
                out.append(Span(gloss, "gloss", lang="en"))
                position = at
            if position < len(span.text):
                out.append(Span(span.text[position:]))
        return tuple(out)

    def passage(self, passage: Passage, chinese: bool) -> Passage:
        if not chinese:
            return passage
        return replace(
            passage,
            runs=self.runs(passage.runs),
            items=tuple(Item(i.label, self.runs(i.runs)) for i in passage.items),
        )

    def block(self, block: Block, chinese_langs: set[str]) -> Block:
        # Headings stay as the document has them; a pointer back quotes a section heading.
        if isinstance(block, SourceHeading | CrossReference):
            return block
        passages = tuple(self.passage(p, p.lang in chinese_langs) for p in block.passages)
        return replace(block, passages=passages)


def gloss_first(pack: Pack, glossary: Glossary, only: frozenset[str], say: Localiser) -> Pack:
    """The pack with the first occurrence of each concept in `only` glossed."""
    glosser = _Glosser(glossary, only, say)
    chinese = {t.lang for t in pack.typefaces if t.east_asian}
    sections = tuple(
        Section(s.anchor, s.heading, s.note, tuple(glosser.block(b, chinese) for b in s.blocks))
        for s in pack.sections
    )
    return replace(pack, sections=sections)
