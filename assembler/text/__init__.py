"""Text helpers shared by every stage, the bottom layer: Chinese characters and line joining
(cjk.py), English (english.py), language detection (language.py), UN document symbols
(symbols.py), characters that never belong in a text (hygiene.py) and the decoding of text
files (decode.py). It imports nothing of the stages above it."""
