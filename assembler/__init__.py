"""assembler: United Nations documents into bilingual briefing packs."""

__version__ = "0.1.0"
