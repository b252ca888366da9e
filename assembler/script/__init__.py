"""Script variants: Simplified Chinese text into Taiwan or Hong Kong Traditional characters,
with UN terms protected from the engine's vocabulary rewriting and its known errors corrected
from a data file. Imports the glossary (its terms are protected) and text; never corpus, pack
or the writers."""
