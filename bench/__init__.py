"""Benchmarks (`make bench`): figures printed, never asserted. They run from the project root
as `python -m bench.NAME` and import the installed package like any user of it."""
