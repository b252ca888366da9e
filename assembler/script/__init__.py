"""Script variants: Simplified Chinese text into Taiwan or Hong Kong Traditional characters,
with UN terms protected from the engine's vocabulary rewriting and its known errors corrected
from a data file."""
