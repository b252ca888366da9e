"""The command line: `assembler COMMAND ...`. Each module here parses the arguments of one family
of commands, calls the stage's functions and prints; no domain logic lives here (the web
workspace calls the same functions)."""

from assembler.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
