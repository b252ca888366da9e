"""Briefing packs: a YAML spec resolves to one pack model; transforms work on the model."""
