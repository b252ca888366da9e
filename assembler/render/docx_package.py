"""The package around a DOCX body: settings, core properties, and byte-stable zipping (the
same pack gives the same bytes, so outputs can be compared and cached)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.opc.coreprops import CoreProperties
from docx.oxml.ns import qn
from lxml import etree

from assembler.errors import AssemblerError
from assembler.model.pack import Metadata, Typeface
from assembler.render.docx_xml import SETTINGS_TAIL_ORDER, child_in_order, clean

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_PROPERTY_LIMIT = 255


def update_fields_on_open(settings_root: etree._Element) -> None:
    """Word then offers to update the TOC and page fields when the file is opened."""
    child_in_order(settings_root, "w:updateFields", SETTINGS_TAIL_ORDER).set(qn("w:val"), "true")


def theme_font_lang(settings_root: etree._Element, face: Typeface) -> None:
    """The language Word resolves theme fonts for (python-docx's template says ja-JP)."""
    if face.east_asian:
        element = child_in_order(settings_root, "w:themeFontLang", SETTINGS_TAIL_ORDER)
        element.set(qn("w:eastAsia"), face.word_lang)


def set_properties(props: CoreProperties, meta: Metadata) -> None:
    try:
        created = dt.datetime.fromisoformat(meta.created)
    except ValueError:
        raise AssemblerError(
            f"the pack's date {meta.created!r} is not an ISO date (YYYY-MM-DD)"
        ) from None
    props.title = _fit(meta.title)
    props.author = _fit(meta.author)
    props.last_modified_by = _fit(meta.author)
    props.subject = _fit(meta.subject)
    props.keywords = _keywords(meta.keywords)
    props.language = meta.lang
    props.created = created
    props.modified = created
    props.revision = 1
    # What the reference template says of itself is not about the pack.
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""


def _fit(text: str) -> str:
    """Core properties hold at most 255 characters (Word's limit, enforced by python-docx)."""
    text = clean(text)
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "…"


def _keywords(words: tuple[str, ...]) -> str:
    """As many whole keywords, in the pack's order, as fit in a property."""
    kept: list[str] = []
    for word in (clean(w) for w in words):
        if len("; ".join([*kept, word])) > _PROPERTY_LIMIT:
            break
        kept.append(word)
    return "; ".join(kept)


def stable_zip(data: bytes) -> bytes:
    """The same zip with fixed entry times and attributes (python-docx stamps entries with the
    current time): equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(entry))
    return out.getvalue()
