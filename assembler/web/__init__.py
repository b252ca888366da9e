"""The local web workspace (`assembler serve`): corpus, packs and glossary in the browser, over
the same services as the command line. A layer above assembler.build, below assembler.cli."""
