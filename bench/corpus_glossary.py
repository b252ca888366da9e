"""Throughput and latency figures for ingest, search and the glossary (load, term matcher):
`python3 -m bench.corpus_glossary`.

Prints numbers, asserts nothing. Timings are wall-clock (time.perf_counter); on a small,
shared machine they are noisy, so throughput is the best of several runs and latency is
given as median and 95th percentile, with ratios that survive a change of machine better
than the absolute figures do.
"""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ahocorasick_rs
import yaml

from assembler.corpus import store
from assembler.corpus.catalog import Corpus
from assembler.corpus.index import ensure_index, search
from assembler.corpus.ingest import IngestResult, ingest
from assembler.corpus.sources import SIDECAR_SUFFIX, list_sources, load_sidecar
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Concept, Glossary, Term
from assembler.glossary.scan import record_segments
from assembler.glossary.store import dump_concepts, glossary_files, load_glossary
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY
from assembler.text.cjk import is_cjk

BUNDLED = DEFAULT_CORPUS / "sources"
# 000 and 002 are one document and 001 another, so each copy of the three sources adds two
# documents: 50 copies make the 100-document corpus.
COPIES = 50
RUNS = 3
QUERIES_PER_LENGTH = 16
SYMBOL_QUERIES = ("E/CN.15", "S/2006/")


def non_space_chars(paths: list[Path]) -> int:
    return sum(sum(not c.isspace() for c in p.read_text(encoding="utf-8")) for p in paths)


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def timed_ingest(paths: list[Path], scratch: Path) -> tuple[float, IngestResult]:
    results: list[IngestResult] = []

    def run() -> None:
        results.append(ingest(paths, scratch, write=False))

    seconds = best_of(RUNS, run)
    result = results[-1]
    if result.errors or result.skipped:
        raise SystemExit(f"ingest failed: {[str(e) for e in result.errors]} {result.skipped}")
    return seconds, result


def copy_corpus(paths: list[Path], bundled: IngestResult, target: Path, copies: int) -> None:
    """Copies that stay separate documents: each copy's sidecar gives an id of its own, shared
    by the sources of one original document so that they still group together."""
    document_of = {s.name: d.meta.id for d in bundled.documents for s in d.meta.sources}
    target.mkdir()
    for number in range(copies):
        for path in paths:
            copy = target / f"{number:03d}_{path.name}"
            copy.write_bytes(path.read_bytes())
            fields = load_sidecar(path).model_dump(exclude_none=True)
            fields["id"] = f"bench-{number:03d}-{document_of[path.name]}"
            sidecar = copy.with_name(copy.stem + SIDECAR_SUFFIX)
            sidecar.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")


def report_ingest(label: str, paths: list[Path], seconds: float, result: IngestResult) -> float:
    chars = non_space_chars(paths)
    records = sum(len(d.records) for d in result.documents)
    rate = chars / seconds
    print(
        f"{label}: {len(paths)} sources, {len(result.documents)} documents, {records} records, "
        f"{chars:,} chars in {seconds:.3f} s = {rate:,.0f} chars/s (best of {RUNS})"
    )
    return rate


def sample_queries(result: IngestResult, rng: random.Random) -> dict[str, list[str]]:
    """Runs of Chinese characters cut from the paragraphs, as a reader would type them."""
    texts = [r.text for d in result.documents for r in d.records if len(r.text) >= 8]
    classes = {"2 chars": (2, 2), "3 chars": (3, 3), "4-8 chars": (4, 8)}
    queries: dict[str, list[str]] = {}
    for name, (shortest, longest) in classes.items():
        chosen: list[str] = []
        while len(chosen) < QUERIES_PER_LENGTH:
            text = rng.choice(texts)
            length = rng.randint(shortest, longest)
            start = rng.randrange(len(text) - length + 1)
            term = text[start : start + length]
            if all(is_cjk(c) for c in term) and term not in chosen:
                chosen.append(term)
        queries[name] = chosen
    queries["symbol"] = list(SYMBOL_QUERIES)
    return queries


def percentile_95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def bench_search(records_dir: Path, index_path: Path, queries: dict[str, list[str]]) -> None:
    def build() -> None:
        index_path.unlink(missing_ok=True)
        ensure_index(records_dir, index_path)

    build_seconds = best_of(RUNS, build)
    size = sum(p.stat().st_size for p in records_dir.iterdir())
    print(
        f"index build: {build_seconds:.3f} s (best of {RUNS}) for {size / 1e6:.1f} MB of "
        f"records; index file {index_path.stat().st_size / 1e6:.1f} MB"
    )
    checks = []
    for _ in range(10):
        start = time.perf_counter()
        ensure_index(records_dir, index_path)
        checks.append(time.perf_counter() - start)
    check = statistics.median(checks)
    print(f"staleness check (hash the record files, no rebuild): median {check * 1e3:.1f} ms")

    for limit in (50, 1_000_000):
        bench_queries(records_dir, index_path, queries, limit, check)


def bench_queries(
    records_dir: Path,
    index_path: Path,
    queries: dict[str, list[str]],
    limit: int,
    check: float,
) -> None:
    latencies: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for name, terms in queries.items():
        for term in terms:
            start = time.perf_counter()
            found = search(records_dir, index_path, term, limit=limit)
            latencies.setdefault(name, []).append(time.perf_counter() - start)
            hits[name] = hits.get(name, 0) + len(found)
    every = [t for ts in latencies.values() for t in ts]
    print(
        f"search, limit {limit:,} ({len(every)} queries, staleness check included): "
        f"median {statistics.median(every) * 1e3:.1f} ms, p95 {percentile_95(every) * 1e3:.1f} ms"
    )
    trigram = statistics.median(latencies["3 chars"])
    for name, times in latencies.items():
        median = statistics.median(times)
        print(
            f"  {name:>9}: {len(times):2d} queries, {hits[name] / len(times):7.1f} hits each, "
            f"median {median * 1e3:6.1f} ms = {median / trigram:4.2f} x 3-char median, "
            f"{(median - check) * 1e3:6.1f} ms beyond the check"
        )


# -- glossary: load, matcher build, matcher throughput --------------------------------------------
GLOSSARY = DEFAULT_GLOSSARY
CORPUS = DEFAULT_CORPUS
SYNTHETIC_TERMS = 50_000  # UNTERM scale
# Scan at least this many characters per timed run, repeating the corpus as needed.
SCAN_CHARS = 2_000_000


def synthetic_concepts(texts: list[str], rng: random.Random) -> list[Concept]:
    """UNTERM-scale concepts, two Chinese terms of 2-12 characters each: half cut from the
    corpus's runs of Chinese characters (so that scans find them at a realistic rate), half
    random characters of the corpus's alphabet (terms the corpus never uses)."""
    alphabet = sorted({c for text in texts for c in text if is_cjk(c)})
    runs = [run for text in texts for run in re.findall(r"[\u3400-\u9fff]{2,}", text)]
    terms: dict[str, None] = {}
    while len(terms) < SYNTHETIC_TERMS:
        length = rng.randint(2, 12)
        run = rng.choice(runs)
        if len(terms) % 2 and len(run) >= length:
            start = rng.randrange(len(run) - length + 1)
            terms[run[start : start + length]] = None
        else:
            terms["".join(rng.choice(alphabet) for _ in range(length))] = None
    texts_of = list(terms)
    return [
        Concept(
            id=f"synthetic-{n}",
            terms=(
                Term(texts_of[2 * n], "zh-Hans", "preferred"),
                Term(texts_of[2 * n + 1], "zh-Hans", "admitted"),
            ),
        )
        for n in range(SYNTHETIC_TERMS // 2)
    ]


def bench_matcher(label: str, glossary: Glossary, texts: list[str]) -> None:
    build = best_of(RUNS, lambda: Matcher(glossary))
    matcher = Matcher(glossary)
    chars = sum(len(t) for t in texts)
    repeat = max(1, SCAN_CHARS // chars)
    hits: list[int] = []

    def scan() -> None:
        hits.append(sum(len(matcher.find(t)) for _ in range(repeat) for t in texts))

    seconds = best_of(RUNS, scan)
    # The same automaton with no hits made: what the matcher's own work costs on top.
    automaton = ahocorasick_rs.AhoCorasick(
        list(
            dict.fromkeys(t.text for c in glossary.concepts for t in c.terms if t.lang == "zh-Hans")
        ),
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
    )
    raw = best_of(
        RUNS, lambda: [automaton.find_matches_as_indexes(t) for _ in range(repeat) for t in texts]
    )
    print(
        f"matcher, {label}: {len(matcher):,} patterns built in {build * 1e3:.0f} ms; "
        f"{chars * repeat:,} chars ({repeat} x the corpus text) in {seconds:.3f} s = "
        f"{chars * repeat / seconds:,.0f} chars/s, {hits[-1] // repeat:,} hits per pass "
        f"(best of {RUNS}); the automaton alone {chars * repeat / raw:,.0f} chars/s"
    )


def bench_glossary(scratch: Path) -> None:
    bundled_seconds = best_of(RUNS, lambda: load_glossary(GLOSSARY))
    bundled = load_glossary(GLOSSARY)
    terms = sum(len(c.terms) for c in bundled.concepts)
    files = len(glossary_files(GLOSSARY))
    print(
        f"glossary load, bundled: {len(bundled.concepts)} concepts, {terms} terms in {files} "
        f"files in {bundled_seconds * 1e3:.0f} ms (best of {RUNS})"
    )
    documents = Corpus(CORPUS).documents()
    texts = [s.text for d in documents for s in record_segments(d.records)]

    folder = scratch / "synthetic-glossary"
    folder.mkdir()
    concepts = synthetic_concepts(texts, random.Random(2019))
    started = time.perf_counter()
    text = dump_concepts(concepts)
    dumped = time.perf_counter() - started
    (folder / "synthetic.yaml").write_text(text, encoding="utf-8")
    large_seconds = best_of(RUNS, lambda: load_glossary(folder))
    large = load_glossary(folder)
    print(
        f"glossary load, synthetic: {len(large.concepts):,} concepts, {SYNTHETIC_TERMS:,} terms, "
        f"{len(text.encode()) / 1e6:.1f} MB of YAML in {large_seconds:.2f} s "
        f"({SYNTHETIC_TERMS / large_seconds:,.0f} terms/s, best of {RUNS}); "
        f"dump_concepts wrote it in {dumped:.2f} s"
    )
    print(
        f"corpus text for scans: {len(documents)} documents, {len(texts)} parts (texts, items, "
        f"footnotes), {sum(len(t) for t in texts):,} chars"
    )
    bench_matcher("bundled glossary", bundled, texts)
    bench_matcher(f"{SYNTHETIC_TERMS:,} synthetic terms", large, texts)


def main() -> None:
    started = time.perf_counter()
    # The two Chinese reports' text sources, as the ingest tests use them: the resolutions are
    # PDFs, read by another path (tests/corpus/test_pdf_*).
    paths = [p for p in list_sources(BUNDLED) if p.suffix.lower() != ".pdf"]
    with tempfile.TemporaryDirectory(prefix="assembler-bench-") as scratch_name:
        scratch = Path(scratch_name)
        seconds, bundled = timed_ingest(paths, scratch / "unused")
        base_rate = report_ingest("ingest, bundled corpus", paths, seconds, bundled)

        copy_corpus(paths, bundled, scratch / "sources", COPIES)
        copies = list_sources(scratch / "sources")
        seconds, large = timed_ingest(copies, scratch / "unused")
        rate = report_ingest(f"ingest, {COPIES} copies", copies, seconds, large)
        print(f"  throughput ratio large/bundled: {rate / base_rate:.2f}")

        records_dir = scratch / "records"
        records_dir.mkdir()
        for document in large.documents:
            store.write_document(records_dir, document)
        queries = sample_queries(bundled, random.Random(2019))
        bench_search(records_dir, scratch / "index.sqlite", queries)
        bench_glossary(scratch)
    print(f"total bench time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
