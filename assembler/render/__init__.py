"""Writers of the pack model (assembler.model.pack), listed in registry.py: html.py (Jinja2
templates in templates/), pdf.py (that HTML paginated by WeasyPrint, after fonts.py has checked
that every character has a glyph) and docx.py (python-docx on templates/reference.docx). They
render the model and decide nothing: no selection, language or script logic lives here, and the
package imports nothing of corpus, glossary, script, pack or build (.importlinter).

Nothing is imported here, so that a DOCX build does not pay for importing WeasyPrint."""
