"""The build driver: from a spec file to written outputs. It is the one place that wires the
stages together (corpus and glossary loaded, the spec resolved and composed into the pack model
by assembler.pack, transforms applied, writers called through assembler.render.registry), so the
command line and the web workspace build packs through the same functions."""
