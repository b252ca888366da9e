"""Writers of the pack model. HTML/PDF here (render_html -> render_pdf), glyph coverage
checked first (check_coverage); they render the model and decide nothing."""

from assembler.render.fonts import check_coverage
from assembler.render.html import render_html
from assembler.render.pdf import RenderedPdf, render_pdf

__all__ = ["RenderedPdf", "check_coverage", "render_html", "render_pdf"]
