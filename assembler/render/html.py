"""The HTML writer: the pack model through the Jinja2 template `pack.html.j2` (with
`pack.css`) into one self-contained HTML document, which WeasyPrint paginates (render/pdf.py)
and which is also the `.html` output.

All model text is escaped (autoescape), links keep only web and mail schemes, and the few
values that go into CSS (font names, the localised "page X of Y" label) are written as CSS
strings with every special character escaped, so no text of a pack can add markup, styles or
resource references to the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from markupsafe import Markup

from assembler.errors import AssemblerError
from assembler.model.pack import Excerpt, Pack, PageField, Runs, SourceHeading, Span
from assembler.render.fonts import check_coverage
from assembler.render.registry import RenderContext, Rendered
from assembler.render.typeset import typeset, typeset_head, typeset_last, typeset_symbol
from assembler.text.cjk import is_cjk_or_punct

TEMPLATE = "pack.html.j2"
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Characters kept as they are inside a CSS string; the others are written as \HEX escapes
# (quotes and backslashes would end the string, "<" could close the <style> element).
_CSS_PLAIN = re.compile(r"[\w \-.,:;!?()/'\u0080-\U0010ffff]")


def css_string(value: str) -> Markup:
    """`value` as a quoted CSS string literal, safe inside an HTML <style> element."""
    escaped = "".join(char if _CSS_PLAIN.fullmatch(char) else f"\\{ord(char):x} " for char in value)
    return Markup(f'"{escaped}"')


def font_stack(families: Sequence[str]) -> Markup:
    """A font-family value naming each family once, in order, all quoted."""
    return Markup(", ").join(css_string(name) for name in dict.fromkeys(families))


def page_counters(label: tuple[str | PageField, ...]) -> Markup:
    """A localised "page X of Y" label as a CSS `content` value: the fields become the page
    and pages counters, the rest stays literal text."""
    parts = [
        Markup(f"counter({piece.name})") if isinstance(piece, PageField) else css_string(piece)
        for piece in label
    ]
    return Markup(" ").join(parts) if parts else Markup("none")


def link(href: str) -> str:
    """The href if it is a web or mail link, else "" (the text is then shown unlinked): a pack
    must not put javascript: or file: links into the HTML output."""
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return ""
    return href if scheme in LINK_SCHEMES else ""


# A paragraph's last line holds at least this many Chinese characters: the last ones are
# glued together (a line of one or two characters under a full paragraph looks lost).
TAIL = 3


@dataclass(frozen=True)
class Piece:
    """A run as the template draws it; `call` is a footnote call glued to the run's last
    character; `following` is the character drawn right after the run ("" before a call),
    which decides whether a closing mark is compressed; `glued` is how many of the run's
    last characters may not start a line (render/typeset.py)."""

    span: Span
    call: Span | None = None
    following: str = ""
    glued: int = 0


def _glue_tail(out: list[Piece]) -> list[Piece]:
    """The paragraph's last TAIL characters glued, if they are all Chinese (English breaks
    between words, where gluing letters would change nothing worth it)."""
    tail: list[tuple[int, str]] = []  # (piece index, character), last first
    for index in reversed(range(len(out))):
        if out[index].span.kind == "note" or len(tail) == TAIL:
            break
        tail += [(index, char) for char in reversed(out[index].span.text)][: TAIL - len(tail)]
    if len(tail) < TAIL or not all(is_cjk_or_punct(char) for _, char in tail):
        return out
    glued = Counter(index for index, _ in tail[:-1])  # every tail character but the first
    return [replace(piece, glued=glued[n]) if glued[n] else piece for n, piece in enumerate(out)]


def typeset_paragraph(text: str) -> Markup:
    """A paragraph given as one string, typeset, its last characters glued as in `pieces`."""
    tail = text[-TAIL:]
    solid = len(tail) == TAIL and all(is_cjk_or_punct(char) for char in tail)
    return typeset(text, glued=TAIL - 1 if solid else 0)


def pieces(runs: Runs) -> list[Piece]:
    """The runs, each footnote call that follows plain text attached to that text."""
    out: list[Piece] = []
    for span in runs:
        previous = out[-1].span if out else None
        gluable = previous is not None and previous.kind == "text" and not previous.lang
        if span.kind == "note" and gluable and previous and previous.text and not out[-1].call:
            out[-1] = Piece(previous, span)
        else:
            out.append(Piece(span))
    followed = [
        replace(piece, following=after.span.text[:1] if after.span.kind != "note" else "")
        if after is not None and piece.call is None
        else piece
        for piece, after in zip(out, [*out[1:], None], strict=True)
    ]
    return _glue_tail(followed)


def is_excerpt(block: Excerpt | SourceHeading) -> bool:
    return isinstance(block, Excerpt)


def environment(templates: Path) -> Environment:
    # Compiling the template costs ~0.1 s a build; Jinja's bytecode cache (a private folder
    # in the temp directory, keyed by template source) makes it a one-time cost.
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=FileSystemBytecodeCache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(css_string=css_string, page_counters=page_counters, link=link, pieces=pieces)
    env.globals.update(font_stack=font_stack, is_excerpt=is_excerpt)
    env.filters.update(
        typeset=typeset,
        typeset_head=typeset_head,
        typeset_last=typeset_last,
        typeset_symbol=typeset_symbol,
        typeset_paragraph=typeset_paragraph,
    )
    return env


def render_html(pack: Pack, templates: Path) -> str:
    """The pack as one HTML document (CSS inlined, so the file stands alone)."""
    try:
        template = environment(templates).get_template(TEMPLATE)
        return template.render(pack=pack)
    except TemplateNotFound as missing:
        raise AssemblerError(
            f"no template {missing.name!r} in {templates}",
            path=templates,
            hint=f"the template directory needs {TEMPLATE} and pack.css",
        ) from missing
    except TemplateSyntaxError as error:
        raise AssemblerError(
            f"template error: {error.message}",
            path=error.filename or templates / TEMPLATE,
            line=error.lineno,
            hint="see the Jinja2 template syntax; the bundled templates/ are a working example",
        ) from error
    except TemplateError as error:
        raise AssemblerError(
            f"template error: {error.message}",
            path=templates / TEMPLATE,
            hint="the template may only use the pack model's fields (assembler/pack/model.py)",
        ) from error


def page(pack: Pack, context: RenderContext) -> str:
    """The pack's HTML page, made once per build and shared with the PDF writer; the fonts'
    coverage of every character is checked first (a missing glyph would print as a box)."""
    made = context.shared.get("html")
    if not isinstance(made, str):
        with context.stage("fonts"):
            check_coverage(pack)
        with context.stage("html"):
            made = render_html(pack, context.templates)
        context.shared["html"] = made
    return made


def write(pack: Pack, context: RenderContext) -> Rendered:
    """The registry's entry (assembler.render.registry): the HTML page as UTF-8."""
    return Rendered(page(pack, context).encode("utf-8"))
