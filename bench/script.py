"""Script conversion figures: `python -m bench.script`.

Prints numbers, asserts nothing. A configuration's load time is measured in a fresh process
(best of several), since that is what a build pays once per variant. Throughput is the best of
several runs over the whole bundled corpus text: OpenCC alone, with the corrections, and with
300 protected terms as well, as a glossary-backed pack would have.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from functools import partial

from assembler.corpus.catalog import Corpus
from assembler.glossary.store import load_glossary
from assembler.paths import PROJECT_ROOT
from assembler.script.convert import Engines, build_converter
from assembler.script.variants import VARIANTS
from assembler.text.cjk import is_cjk
from bench.corpus_glossary import best_of

ROOT = PROJECT_ROOT
TERMS = 300
RUNS = 5


def corpus_text() -> str:
    documents = Corpus(ROOT / "corpus").documents()
    return "\n".join(
        text
        for document in documents
        for r in document.records
        for text in (r.text, *(i.text for i in r.items), *(n.text for n in r.notes))
    )


def protected_terms(text: str, count: int) -> list[str]:
    """The bundled glossary's Simplified terms, topped up with runs of 2-8 Chinese characters
    cut from the corpus (as many terms as a real glossary, and terms that do occur)."""
    glossary = load_glossary(ROOT / "glossary")
    terms = dict.fromkeys(t.text for c in glossary.concepts for t in c.in_language("zh-Hans"))
    rng = random.Random(2019)
    while len(terms) < count:
        length = rng.randint(2, 8)
        start = rng.randrange(len(text) - length)
        candidate = text[start : start + length]
        if all(is_cjk(c) for c in candidate):
            terms[candidate] = None
    return list(terms)[:count]


_LOAD = (
    "import time, opencc; start = time.perf_counter(); opencc.OpenCC({config!r}); "
    "print(time.perf_counter() - start)"
)


def load_seconds(config: str) -> float:
    """One configuration's load time in a fresh interpreter, best of RUNS."""
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", _LOAD.format(config=config)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(RUNS)
    ]
    return min(runs)


def main() -> None:
    engines = Engines()
    text = corpus_text()
    terms = protected_terms(text, TERMS)
    print(f"corpus text: {len(text):,} chars; {len(terms)} protected terms; best of {RUNS} runs")
    for name, variant in VARIANTS.items():
        if variant.config is None:
            continue
        load = load_seconds(variant.config)
        engine = engines.get(variant.config)
        raw = best_of(RUNS, partial(engine, text))
        corrected = best_of(RUNS, partial(build_converter(name, engines=engines).convert, text))
        start = time.perf_counter()
        converter = build_converter(name, terms=terms, engines=engines)
        built = time.perf_counter() - start
        seconds = best_of(RUNS, partial(converter.convert, text))
        print(
            f"{name:>15} ({variant.config}): load {load * 1e3:.0f} ms; OpenCC alone "
            f"{raw * 1e3:.1f} ms, with corrections {corrected * 1e3:.1f} ms, with "
            f"{len(converter.spans(text)):,} protected spans {seconds * 1e3:.1f} ms = "
            f"{len(text) / seconds / 1e6:.2f} M chars/s; converter built in {built * 1e3:.1f} ms"
        )


if __name__ == "__main__":
    main()
