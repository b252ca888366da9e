"""Writers of the pack model: html.render_html -> pdf.render_pdf (after fonts.check_coverage),
and docx. They render the model and decide nothing. Nothing is imported here, so that a DOCX
build does not pay for importing WeasyPrint."""
