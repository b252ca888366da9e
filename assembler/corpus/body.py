"""The body of a source, line by line: the state machine that decides which block each line
opens or continues. The UN's numbering decides what starts a new block: a paragraph number in
sequence, a chapter/section/subsection/lettered heading, or a lettered/numbered item inside the
paragraph that introduced it with a colon; a `layout.Language` says how the language's lines
join and how its sentences and headings end. Between them, layout decides: a short line that
stands alone before the next numbered block is an unnumbered sub-heading, one level below the
nearest numbered heading (its siblings share that level); inside a list, such a line heads a
group of items; a heading line that fills the source's line width, or stops on a comma or a
particle, wraps onto the next line; numbering that restarts at 1 (an annex's own paragraphs)
keeps its numbers as labels. What is read against its look is said in `warnings`. Every
character taken goes into the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assembler.corpus import layout
from assembler.corpus.footnotes import FootnoteLayout, Marker, unmarked
from assembler.corpus.layout import Language, clean
from assembler.corpus.ledger import Span
from assembler.corpus.lines import Line, line_width
from assembler.corpus.model import Item, Note

# How long a line read as text may be and still be reported as looking like a heading: UN
# sub-headings run to about 25 Chinese characters or 80 English ones; longer lines that end
# without a full stop are wrapped lines of paragraphs.
MAX_DOUBTFUL_HEADING = {False: 25, True: 80}


@dataclass
class ItemBuf:
    label: str
    text: str = ""
    group: str = ""  # the unnumbered group heading the item stands under, if any


@dataclass
class Block:
    index: int
    kind: str  # heading | paragraph
    level: int | None
    label: str | None
    para: str | None
    path: tuple[str, ...]
    text: str = ""
    items: list[ItemBuf] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    last_hard: bool = True
    group: str = ""  # the group heading read last inside the paragraph's list

    @property
    def current_text(self) -> str:
        return self.items[-1].text if self.items else self.text

    def finished_items(self, language: Language) -> tuple[Item, ...]:
        return tuple(
            Item(i.label, clean(i.text, language), clean(i.group, language)) for i in self.items
        )


class BodyBuilder:
    """The body state machine: which block is open, which paragraph number comes next, which
    headings enclose it."""

    def __init__(
        self,
        notes: FootnoteLayout,
        ledger: list[Span],
        warnings: list[str],
        language: Language,
        wrap_width: int | None = None,
    ):
        self.language = language
        # The width (see `line_width`) at which the source's lines wrap, when it shows one: a
        # heading line that fills it runs on into the next line.
        self.wrap_width = wrap_width
        self.footnotes = notes
        self.ledger = ledger
        self.warnings = warnings
        self.blocks: list[Block] = []
        self.stack: list[tuple[int, str]] = []  # (level, path label) of enclosing headings
        self.unlabelled: set[int] = set()  # levels in `stack` held by unnumbered headings
        self.expected_para = 1
        self.restart_next: int | None = None  # the next number of a restarted sequence
        self.in_annex = False
        self.attached: set[int] = set()  # footnotes whose marks went into a block's notes
        # Body lines right after page furniture or footnotes (see parse._page_starts).
        self.page_starts: set[int] = set()
        # Every line is a block of its own (see readers.Extraction): nothing wraps.
        self.lines_are_blocks = False

    # -- blocks ---------------------------------------------------------------------------
    @property
    def current(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None

    def _path(self) -> tuple[str, ...]:
        return tuple(label for _, label in self.stack)

    def open_block(
        self, kind: str, level: int | None, label: str | None, para: str | None, line: Line
    ) -> Block:
        block = Block(len(self.blocks), kind, level, label, para, self._path(), first_line=line.no)
        self.blocks.append(block)
        return block

    def open_heading(
        self,
        level: int,
        label: str | None,
        title_start: int,
        line: Line,
        *,
        unlabelled: bool = False,
    ) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.unlabelled.discard(self.stack.pop()[0])
        if unlabelled:
            self.unlabelled.add(level)
        block = self.open_block("heading", level, label, None, line)
        self._take_label(block, line, line.start, title_start)
        self.take(block, "text", line, title_start, line.end)
        self.stack.append((level, label if label is not None else block.text))

    def _take_label(self, block: Block, line: Line, start: int, end: int) -> None:
        if end > start:
            self.ledger.append(Span(line.no, start, end, f"block:{block.index}", "label"))

    # -- text -----------------------------------------------------------------------------
    def take(self, block: Block, role: str, line: Line, start: int, end: int) -> None:
        """Append line[start:end] to the block's text (role "text") or its last item, moving
        fused footnote marks into the block's notes."""
        owner = f"block:{block.index}"
        marked = self.footnotes.markers.get(line.no)
        pieces = [(start, end, None)] if marked is None else _pieces(marked, start, end)
        first = True
        for piece_start, piece_end, cited in pieces:
            if cited is not None:
                self._attach_note(block, cited, line)
                continue
            segment = line.raw[piece_start:piece_end]
            self._append(block, role, segment, joined=first)
            first = False
            if segment.strip():
                self.ledger.append(Span(line.no, piece_start, piece_end, owner, role))
        block.last_line = line.no
        block.last_hard = line.hard

    def _append(self, block: Block, role: str, segment: str, joined: bool) -> None:
        join = self.language.join_wrapped
        if role == "group":
            block.group = join(block.group, segment) if joined else block.group + segment
        elif role == "text":
            block.text = join(block.text, segment) if joined else block.text + segment
        else:
            item = block.items[-1]
            item.text = join(item.text, segment) if joined else item.text + segment

    def _attach_note(self, block: Block, marker: Marker, line: Line) -> None:
        definition = self.footnotes.notes[marker.note]
        self.attached.add(marker.note)
        self.ledger.append(Span(line.no, marker.start, marker.end, f"block:{block.index}", "mark"))
        in_item = block.items[-1] if block.items else None
        where = in_item.text if in_item else block.text
        note = Note(
            mark=definition.label,
            text=clean(definition.text, self.language),
            item=in_item.label if in_item else None,
            offset=len(clean(where, self.language)),
        )
        block.notes.append(note)

    def _heading_like(self, lines: Sequence[Line], position: int, title_column: int) -> bool:
        """Whether the title starting at `title_column` of lines[position].text looks like a
        heading: by itself, or with the lines the language shows it runs on into ("(c)
        Addressing the threat ..., including" + "returning and relocating fighters")."""
        line = lines[position]
        title = unmarked(line, self.footnotes.markers, line.start + title_column)
        if self.language.is_heading_like(title):
            return True
        whole, _ = self._title(lines, position, title, soft_wraps=False)
        return whole != title and self.language.is_heading_like(whole)

    def _title(
        self, lines: Sequence[Line], position: int, title: str, *, soft_wraps: bool
    ) -> tuple[str, int]:
        """The title opening at lines[position] with the lines it runs on into, and the index
        of its last line. A title runs on where the source marks a soft wrap (if `soft_wraps`)
        or where the language shows it (see `Language.continues_heading`), never into a line
        that starts a block or ends like a sentence."""
        index = position
        while (
            not self.lines_are_blocks
            and index + 1 < len(lines)
            and len(title) <= self.language.max_heading_chars
            and not layout.starts_block(lines[index + 1].text)
            and self.language.is_heading_part(lines[index + 1].text)
            and (
                (soft_wraps and (not lines[index].hard or self._fills_line(lines[index])))
                or self.language.continues_heading(title, lines[index + 1].text)
            )
        ):
            index += 1
            title = self.language.join_lines(title, unmarked(lines[index], self.footnotes.markers))
        return title, index

    def _complete_heading(
        self, lines: Sequence[Line], position: int, title: str, level: int, *, gap: bool
    ) -> bool:
        """Whether the block opening at lines[position] with `title` is a whole heading of
        `level`: short, not ending like a sentence, and followed by what may follow a heading
        (see `_may_follow_heading`; `gap` allows paragraphs missing before the next one). A
        heading may wrap: the lines it runs on into belong to its title (see `_title`)."""
        title, index = self._title(lines, position, title, soft_wraps=True)
        return self.language.is_heading_like(title) and (
            index + 1 == len(lines) or self._may_follow_heading(lines, index + 1, level, gap)
        )

    def _may_follow_heading(
        self, lines: Sequence[Line], position: int, level: int, gap: bool
    ) -> bool:
        """Whether lines[position] may follow a heading of `level`: the paragraph numbered next
        (or, with `gap`, a later one: an excerpt), or a heading below it that is itself followed
        so. Not an item (items belong to a paragraph), not another paragraph number, not a
        heading of the same or a higher level nor an annex (UN documents have no empty
        headings): "1. Synthetic" + "A. end.", + "12. end.", + "Annex" or + "(b) States" +
        "end." is one paragraph, not subsection 1 and what follows it."""
        text = lines[position].text
        if match := layout.NUMBERED.match(text):
            number = int(match["label"])
            return number == self.expected_para or (gap and number > self.expected_para)
        for pattern, below in ((layout.CHAPTER, 1), (layout.SECTION, 2), (layout.LETTERED, 4)):
            if match := pattern.match(text):
                start = match.start("title")
                if below <= level or not self._heading_like(lines, position, start):
                    return False
                title = unmarked(lines[position], self.footnotes.markers, start)
                _, last = self._title(lines, position, title, soft_wraps=True)
                return last + 1 == len(lines) or self._may_follow_heading(
                    lines, last + 1, below, gap
                )
        return False

    # -- the body line by line --------------------------------------------------------------
    def feed(self, lines: Sequence[Line], position: int) -> None:
        """Take lines[position]; the lines after it are looked at, not taken."""
        line = lines[position]
        text = line.text
        block = self.current
        if not layout.may_start_block(text) or (
            self._mid_sentence(block) and not self._opens_next_item(block, text)
        ):
            self._unnumbered(lines, position)
            return
        if match := layout.ANNEX.match(text):
            self.in_annex = True
            self.stack.clear()
            self.unlabelled.clear()
            self.open_heading(1, None, line.start + match.start("title"), line)
            return
        if (
            (match := layout.CHAPTER.match(text))
            and self._heading_like(lines, position, match.start("title"))
            and not self._in_item_list(block)
            and not self._next_section(match["label"])
        ):
            self.in_annex = False
            self.open_heading(1, match["label"], line.start + match.start("title"), line)
            return
        if (match := layout.SECTION.match(text)) and self._heading_like(
            lines, position, match.start("title")
        ):
            self.open_heading(2, match["label"], line.start + match.start("title"), line)
            return
        if (match := layout.NUMBERED.match(text)) and self._numbered(
            match["label"], line.start + match.start("title"), lines, position
        ):
            return
        if match := layout.LETTERED.match(text):
            label = f"({match['label']})"
            title_start = line.start + match.start("title")
            if block is not None and self._is_item(block, label):
                self._open_item(block, label, title_start, line)
                return
            if self._heading_like(lines, position, match.start("title")):
                self.open_heading(4, label, title_start, line)
                return
            if block is not None and block.kind == "paragraph":
                self._open_item(block, label, title_start, line)
                return
        self._unnumbered(lines, position)

    def _numbered(self, label: str, title_start: int, lines: Sequence[Line], position: int) -> bool:
        line = lines[position]
        number = int(label)
        block = self.current
        if (
            block is not None
            and block.items
            and self._is_item(block, f"{number}.")
            and not (number == self.expected_para and self._list_closed(block))
        ):
            self._open_item(block, f"{number}.", title_start, line)
            return True
        # A line numbered like the next paragraph is that paragraph unless the next paragraph
        # follows it; one numbered otherwise may be a subsection before paragraphs missing from
        # an excerpt.
        heading = self._complete_heading(
            lines,
            position,
            unmarked(line, self.footnotes.markers, title_start),
            3,
            gap=number != self.expected_para,
        )
        if number == self.expected_para and not heading:
            self._open_paragraph(label, title_start, line)
            return True
        if block is not None and self._is_item(block, f"{number}."):
            self._open_item(block, f"{number}.", title_start, line)
            return True
        if heading and number != self.expected_para:
            self.open_heading(3, label, title_start, line)
            return True
        if number == self.expected_para:
            self.warnings.append(
                f"line {line.no}: {label}. is read as subsection heading {label}, not as"
                f" paragraph {label}: it is short and a paragraph {label} follows it"
            )
            self.open_heading(3, label, title_start, line)
            return True
        if number > self.expected_para:
            self.warnings.append(
                f"line {line.no}: paragraph {number} follows paragraph {self.expected_para - 1};"
                f" paragraphs {self.expected_para}-{number - 1} are not in this source"
            )
            self._open_paragraph(label, title_start, line)
            return True
        if number == self.restart_next:
            self._open_restarted(label, title_start, line)
            return True
        if number == 1 and (self.in_annex or block is None or block.kind == "heading"):
            where = " in the annex" if self.in_annex else ""
            self.warnings.append(
                f"line {line.no}: the numbering restarts at 1{where} after paragraph"
                f" {self.expected_para - 1}; these paragraphs keep their numbers as labels"
            )
            self._open_restarted(label, title_start, line)
            return True
        return False

    def _list_closed(self, block: Block) -> bool:
        """Whether the paragraph's list has ended: its items end their clauses ("；") and the
        last one ends its sentence ("。"), as the last item of a UN list does. The next
        paragraph's number is then that paragraph, not one more item."""
        *earlier, last = [item.text for item in block.items]
        return (
            bool(earlier)
            and self.language.ends_sentence(last)
            and not any(self.language.ends_sentence(text) for text in earlier)
        )

    def _open_paragraph(self, label: str, title_start: int, line: Line) -> None:
        block = self.open_block("paragraph", None, None, label, line)
        self._take_label(block, line, line.start, title_start)
        self.take(block, "text", line, title_start, line.end)
        self.expected_para = int(label) + 1

    def _open_restarted(self, label: str, title_start: int, line: Line) -> None:
        """A paragraph of a sequence that restarted at 1 (an annex's own paragraphs): its
        number is its label, not a paragraph number, which stays unique in the document."""
        block = self.open_block("paragraph", None, label, None, line)
        self._take_label(block, line, line.start, title_start)
        self.take(block, "text", line, title_start, line.end)
        self.restart_next = int(label) + 1

    def _open_item(self, block: Block, label: str, title_start: int, line: Line) -> None:
        block.items.append(ItemBuf(label, group=block.group))
        self._take_label(block, line, line.start, title_start)
        self.take(block, "item", line, title_start, line.end)

    def _next_section(self, label: str) -> bool:
        """Whether `label` is the letter after the section now open: "I." after section H is
        section I, not chapter I."""
        sections = [name for level, name in self.stack if level == 2]
        return bool(sections) and len(sections[-1]) == 1 and label == chr(ord(sections[-1]) + 1)

    def _mid_sentence(self, block: Block | None) -> bool:
        """Whether the paragraph being read stopped inside a sentence, so that the next line
        carries it on whatever number or label it starts with."""
        return (
            block is not None
            and block.kind == "paragraph"
            and not self.lines_are_blocks
            and self.language.ends_mid_sentence(block.current_text)
        )

    @staticmethod
    def _opens_next_item(block: Block | None, text: str) -> bool:
        """Whether `text` opens the next item of the block's list ("...; and" + "(c) ...")."""
        if block is None or not block.items:
            return False
        label = _item_label(text)
        return label is not None and label == _next_label(block.items[-1].label)

    @staticmethod
    def _in_item_list(block: Block | None) -> bool:
        return (
            block is not None
            and block.kind == "paragraph"
            and layout.ends_with_colon(block.current_text)
        )

    @staticmethod
    def _is_item(block: Block, label: str) -> bool:
        """An item continues a list the paragraph opened with a colon, or the next in one."""
        if block.kind != "paragraph":
            return False
        if block.items:
            return label == _next_label(block.items[-1].label)
        return layout.ends_with_colon(block.text) and label in ("(a)", "1.")

    def _heading_after(self, block: Block, lines: Sequence[Line], position: int) -> bool:
        """In a source whose lines are blocks: whether the unnumbered line at `position` is a
        heading, as between numbered paragraphs: the block before it ended its sentence and it
        is a whole heading before the next block."""
        text = unmarked(lines[position], self.footnotes.markers)
        return (
            block.kind == "heading" or self.language.ends_sentence(block.current_text)
        ) and self._complete_heading(lines, position, text, self._unlabelled_level(), gap=True)

    def _unnumbered(self, lines: Sequence[Line], position: int) -> None:
        line = lines[position]
        block = self.current
        text = unmarked(line, self.footnotes.markers)
        if block is None or (
            self.lines_are_blocks and not self._heading_after(block, lines, position)
        ):
            block = self.open_block("paragraph", None, None, None, line)
            self.take(block, "text", line, line.start, line.end)
            return
        if self.lines_are_blocks:
            self.open_heading(self._unlabelled_level(), None, line.start, line, unlabelled=True)
            return
        role = "item" if block.items else "text"
        if block.kind == "heading":
            previous = lines[position - 1] if position else line
            wraps = (
                not block.last_hard
                or self.language.continues_heading(block.text, text)
                or self._fills_line(previous)
            )
            if wraps and self.language.is_heading_part(text):
                self.take(block, "text", line, line.start, line.end)  # a heading wrapped
                if block.label is None and block.level is not None and self.stack:
                    # An unlabelled heading stands in the path by its text: all of it. (The
                    # heading being continued is the block just opened: the stack's top.)
                    self.stack[-1] = (block.level, block.text)
                return
            level = self._unlabelled_level()
            if (
                block.label is not None
                and self.language.is_heading_like(text)
                and self._complete_heading(lines, position, text, level, gap=True)
            ):
                # An unnumbered sub-heading right under a numbered one ("A. ..." + "合成的小标题"
                # + "1. ..."): UN documents have no empty headings, so it is not a paragraph.
                self.open_heading(level, None, line.start, line, unlabelled=True)
                return
            if self._looks_like_heading(line, text) and block.label is not None:
                self.warnings.append(
                    f"line {line.no}: {text[:30]!r} looks like a heading but is read as a"
                    " paragraph: no numbered paragraph follows it"
                )
            new = self.open_block("paragraph", None, None, None, line)
            self.take(new, "text", line, line.start, line.end)
            return
        if block.kind == "paragraph" and self._opens_group(block, lines, position, text):
            block.group = ""
            self.take(block, "group", line, line.start, line.end)
            return
        if block.para is None:
            # Unnumbered text (summaries, annexes): a block ends where the line ends hard.
            if (block.last_hard and self.language.ends_clause(block.current_text)) or (
                self.in_annex and block.last_hard
            ):
                new = self.open_block("paragraph", None, None, None, line)
                self.take(new, "text", line, line.start, line.end)
            else:
                self.take(block, role, line, line.start, line.end)
            return
        sentence_done = self.language.ends_sentence(block.current_text)
        if sentence_done and block.last_hard:
            level = self._unlabelled_level()
            if self._complete_heading(lines, position, text, level, gap=True):
                # An unnumbered sub-heading between numbered paragraphs: the paragraph before it
                # ended (its sentence is done and, where the source marks wraps, its line ended
                # hard), and the heading stands alone before the next block.
                self.open_heading(level, None, line.start, line, unlabelled=True)
                return
            if self._looks_like_heading(line, text):
                self.warnings.append(
                    f"line {line.no}: {text[:30]!r} looks like a heading but is read as part of"
                    f" paragraph {block.para}: no numbered paragraph follows it"
                )
            elif line.no in self.page_starts:
                self.warnings.append(
                    f"line {line.no}: paragraph {block.para} ended its sentence before a page"
                    " break, and the unnumbered text after the break is joined to it; check"
                    " the join"
                )
        self.take(block, role, line, line.start, line.end)

    def _unlabelled_level(self) -> int:
        """The level of an unnumbered sub-heading: one below the nearest numbered heading (or
        annex). Unnumbered sub-headings that follow one another are siblings at that level: the
        next one replaces the last in the path instead of nesting under it."""
        labelled = [level for level, _ in self.stack if level not in self.unlabelled]
        return labelled[-1] + 1 if labelled else 1

    def _looks_like_heading(self, line: Line, text: str) -> bool:
        """Whether a line read as text looks like a heading all the same: heading-like and
        shorter than the source's lines (a full line is a wrapped line of a paragraph)."""
        return (
            self.language.is_heading_like(text)
            and not self._fills_line(line)
            and len(text) <= MAX_DOUBTFUL_HEADING[self.language.spaced]
        )

    def _fills_line(self, line: Line) -> bool:
        """Whether `line` runs to the width at which the source wraps its lines: a heading line
        that does was cut there, and the next line carries it on."""
        return self.wrap_width is not None and line_width(line.text) >= self.wrap_width * 0.9

    def _opens_group(self, block: Block, lines: Sequence[Line], position: int, text: str) -> bool:
        """Whether lines[position] is an unnumbered group heading inside the list the paragraph
        opened ("建议大会考虑以下措施：" + "合成的第一组" + "1. ..."): short, heading-like, after
        the colon or after an item that ended its clause, and followed by the list's next item."""
        # The list's state first: most lines continue a paragraph that opened no list.
        if block.items:
            if not self.language.ends_clause(block.items[-1].text):
                return False
            expected = {_next_label(block.items[-1].label)}
        elif layout.ends_with_colon(block.text):
            expected = {"(a)", "1."}
        else:
            return False
        if position + 1 >= len(lines) or not self.language.is_heading_like(text):
            return False
        return _item_label(lines[position + 1].text) in expected


def _pieces(markers: list[Marker], start: int, end: int) -> list[tuple[int, int, Marker | None]]:
    """Columns [start, end) of a line cut at the footnote marks in it: text pieces (None) and
    marks."""
    pieces: list[tuple[int, int, Marker | None]] = []
    cursor = start
    for marker in markers:
        if start <= marker.start < end:
            pieces.append((cursor, marker.start, None))
            pieces.append((marker.start, marker.end, marker))
            cursor = marker.end
    pieces.append((cursor, end, None))
    return pieces


def _item_label(text: str) -> str | None:
    """The item label `text` opens with ("(c)", "3."), if any."""
    if lettered := layout.LETTERED.match(text):
        return f"({lettered['label']})"
    if numbered := layout.NUMBERED.match(text):
        return f"{int(numbered['label'])}."
    return None


def _next_label(label: str) -> str:
    if label.endswith("."):
        return f"{int(label[:-1]) + 1}."
    letter = label.strip("()")
    return f"({chr(ord(letter[-1]) + 1)})" if len(letter) == 1 else ""
