"""Text sources: extracted text as it came (pdftotext, copy and paste), decoded with its byte
order mark or as UTF-8. The parser's line rules deal with what extraction left in it."""

from __future__ import annotations

from pathlib import Path

from assembler.corpus.readers import Extraction
from assembler.text.decode import decode


def read(path: Path, data: bytes) -> Extraction:
    return Extraction(decode(path, data))
