"""The terminology base: concept entries kept in YAML, a term matcher, QA and CAT exchange."""
