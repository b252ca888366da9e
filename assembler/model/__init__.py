"""The document model in the middle, as pandoc's AST is: the pack model (assembler.model.pack)
is what the pack stage makes and what writers render. It imports no stage and nothing but the
standard library, so writers (assembler.render) depend on it alone."""
