"""What each feature of the pack's look costs, and a whole-corpus pack of ~600 pages:
`python -m bench.features [COPIES]` (part of `make bench`).

1. spec -> PDF of a pack picking the whole corpus many times (generated here, not committed):
   seconds and peak memory in a fresh process (goal: 600 pages under 20 s and 600 MB).
2. Per character, the pack's PDF against WeasyPrint setting the same text as plain paragraphs
   (same font, size, leading and page; goal: at most 1.5x), on a pack of the whole corpus.
3. The same pack with one feature of pack.css, the template or the PDF writer turned off at a
   time: what remains is that feature's cost. CSS features are turned off by a style sheet
   appended to the page (hanging numbers, footnotes, target-counter contents, tables,
   page-break rules, justified text, the typesetting's joiners and compressed punctuation);
   the writer's own by not applying them (CJK inter-character justification, title
   balancing, footnote breaks with the layout corrections, the collector's thresholds: see
   render/justify.py, balance.py, footnote_breaks.py, corrections.py, assembler/collection.py).

Times are CPU seconds of this process (time.process_time), the best of RUNS rounds that each
measure every variant once, in a new order: on a small shared machine other processes change
wall time far more than they change CPU time.
"""

from __future__ import annotations

import gc
import html as html_escape
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assembler.paths import PROJECT_ROOT
from bench.pack import large_spec

TEMPLATES = PROJECT_ROOT / "templates"
RUNS = 3
TOGGLE_COPIES = 1  # the pack the features are measured on: both reports once, ~50 pages
LARGE_COPIES = 17  # ~600 pages: a copy of both reports is ~35 (487 pages for 14)

CSS_OFF = {
    "hanging numbers": ".para{padding-left:0;text-indent:0}.para>.number{display:inline;"
    "width:auto}ol.items li{padding-left:0;text-indent:0}ol.items .label{display:inline}",
    "footnotes": ".footnote{display:none}",
    "target-counter contents": ".toc a::after{content:none}",
    "tables": "table,thead,tbody,tr,td,th,colgroup,col{display:block}",
    "page-break rules": "*{break-before:auto!important;break-after:auto!important;"
    "break-inside:auto!important;orphans:1!important;widows:1!important}",
    "justified text": "*{text-align:start!important}",
}
MARKUP_OFF = "joiners, gaps, compressed punctuation"


@dataclass(frozen=True)
class Options:
    justify: bool = True
    balance: bool = True
    correct: bool = True
    # The writer's collector thresholds (collection.py); WeasyPrint's reference runs
    # keep Python's defaults.
    rare_gc: bool = True


def pdf_seconds(html: str, options: Options = Options()) -> tuple[float, int]:
    """CPU seconds of render_pdf's steps on `html`, with its extensions less those `options`
    turn off, and the page count."""
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    from assembler.collection import rare_collections
    from assembler.render import pdf
    from assembler.render.balance import balance_title, title_width
    from assembler.render.corrections import corrected
    from assembler.render.footnote_breaks import notes_on_the_page_of_their_call
    from assembler.render.justify import inter_character_justification

    off: set[object] = {
        extension
        for extension, wanted in (
            (inter_character_justification, options.justify),
            (notes_on_the_page_of_their_call, options.correct),
            (rare_collections, options.rare_gc),
        )
        if not wanted
    }
    layout = tuple(f for f in pdf.LAYOUT_EXTENSIONS if f not in off)
    start = time.process_time()
    root = TEMPLATES.resolve()
    source = {"base_url": root.as_uri() + "/", "url_fetcher": pdf.TemplateFetcher(root)}
    fonts = {"font_config": FontConfiguration()}
    with pdf.extensions(layout):
        document = HTML(string=html, **source)
        width = title_width(html, fonts, **source) if options.balance else None
        if width is not None:
            balance_title(document, width)
        rendered = document.render(**fonts)
        if options.correct:
            rendered = corrected(document, rendered, fonts)
        with pdf.extensions(pdf.DRAWING_EXTENSIONS):
            rendered.write_pdf()
    return time.process_time() - start, len(rendered.pages)


def with_css(html: str, css: str) -> str:
    return html.replace("</head>", f"<style>{css}</style></head>", 1)


def without_markup(html: str) -> str:
    """The page without the typesetting's joiners, quarter-em gaps and halt spans."""
    html = re.sub(r'<span class="halt">(.*?)</span>', r"\1", html)
    return html.replace("\u2060\u2005\u2060", " ").replace("\u2060", "")


def visible_text(html: str) -> list[str]:
    """The text of each paragraph, item, cell and heading of the pack's page."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html)
    blocks = []
    for element in root.iter("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
        parent = element.getparent()
        if parent is not None and parent.tag in ("li", "td", "th"):
            continue
        text = " ".join("".join(str(t) for t in element.itertext()).split())
        if text:
            blocks.append(text)
    return blocks


def plain_page(blocks: list[str]) -> str:
    """The same text as plain paragraphs, in pack.css's body font, size, leading and page."""
    css = (
        "@page{size:A4;margin:25mm 22mm 24mm 22mm}html{font-family:'Noto Serif CJK SC';"
        "font-size:10.5pt;line-height:1.65}p{margin:0 0 5pt}"
    )
    body = "".join(f"<p>{html_escape.escape(block)}</p>" for block in blocks)
    head = f'<head><meta charset="utf-8"><style>{css}</style></head>'
    return f'<!DOCTYPE html><html lang="zh-Hans">{head}<body>{body}</body></html>'


def pack_page(copies: int, folder: Path) -> str:
    """The final HTML of a pack of the whole corpus `copies` times."""
    from assembler.cli import main

    spec = folder / f"corpus-{copies}.yaml"
    spec.write_text(large_spec(copies), encoding="utf-8")
    out = folder / "out"
    with open(folder / "log.txt", "w") as log:
        saved, sys.stdout = sys.stdout, log
        code = main(["build", str(spec), "--out", str(out), "--format", "html"])
        sys.stdout = saved
    if code != 0:
        raise SystemExit("building the corpus pack failed")
    return next(out.glob("*.html")).read_text(encoding="utf-8")


def feature_variants(html: str) -> Iterator[tuple[str, str, Options]]:
    yield "all features (the pack as built)", html, Options()
    for name, css in CSS_OFF.items():
        yield f"without {name}", with_css(html, css), Options()
    yield f"without {MARKUP_OFF}", without_markup(html), Options()
    yield "without CJK inter-character justification", html, Options(justify=False)
    yield "without title balancing", html, Options(balance=False)
    yield "without footnote breaks and layout corrections", html, Options(correct=False)
    yield "with Python's default collector thresholds", html, Options(rare_gc=False)


def per_character(folder: Path) -> None:
    html = pack_page(TOGGLE_COPIES, folder)
    blocks = visible_text(html)
    characters = sum(len(block) for block in blocks)
    plain = "plain paragraphs (WeasyPrint)"
    variants = [(plain, plain_page(blocks), Options(False, False, False, False))]
    variants += feature_variants(html)
    # Round after round over every variant in a new order, the best of each kept: a busy or
    # throttled machine, or a process grown by the runs before, then slows all of them alike
    # instead of the ones measured last.
    best: dict[str, tuple[float, int]] = {}
    order = random.Random(2026)
    for _ in range(RUNS):
        for name, page, options in order.sample(variants, len(variants)):
            gc.collect()  # the previous document's cycles, outside the time measured
            seconds, pages = pdf_seconds(page, options)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, pages)
    (plain_seconds, plain_pages), (full, pages) = best.pop(plain), best.pop(variants[1][0])
    print(f"per character, whole corpus once ({characters:,} characters, CPU s, best of {RUNS})")
    print(f"  {plain:<30} {plain_seconds:6.2f} s  {plain_pages:4d} pages")
    print(
        f"  the pack                       {full:6.2f} s  {pages:4d} pages  "
        f"= {full / plain_seconds:.2f}x per character (goal <= 1.5x)"
    )
    print("  cost of each feature (the pack's time less the time without it)")
    for name, (seconds, pages) in best.items():
        print(f"    {name:<52} {full - seconds:+6.2f} s  ({seconds:6.2f} s, {pages} pages)")


CHINESE = ("ccpcj28-terrorism-ta", "E-CN.15-2007-9")


def copied_corpus(folder: Path, copies: int) -> Path:
    """A corpus holding the bundled Chinese reports `copies` times under other ids (a pack
    prints a paragraph picked twice only once, so a large pack needs distinct documents).
    Synthetic, in a temporary folder, never shown to anyone: ids and symbols get a suffix."""
    records = PROJECT_ROOT / "corpus" / "records"
    corpus = folder / "corpus"
    (corpus / "records").mkdir(parents=True)
    for n in range(1, copies + 1):
        for doc in CHINESE:
            copy = f"{doc}-copy{n}"
            meta = json.loads((records / f"{doc}.meta.json").read_text(encoding="utf-8"))
            meta["id"] = copy
            if meta.get("symbol"):
                meta["symbol"] = f"{meta['symbol']}/COPY{n}"
            (corpus / "records" / f"{copy}.meta.json").write_text(
                json.dumps(meta, ensure_ascii=False), encoding="utf-8"
            )
            lines = (records / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
            rows = [json.loads(line) | {"doc": copy} for line in lines if line.strip()]
            (corpus / "records" / f"{copy}.jsonl").write_text(
                "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows),
                encoding="utf-8",
            )
    return corpus


def copied_spec(copies: int) -> str:
    sections = "".join(
        f"  - heading: 汇编第 {n} 部分\n"
        "    select:\n" + "".join(f"      - {{document: {doc}-copy{n}}}\n" for doc in CHINESE)
        for n in range(1, copies + 1)
    )
    return (
        "title: 反恐技术援助报告全文汇编\n"
        "outputs: [pdf]\n"
        "glossary: {annex: found, gloss: first}\n"
        "sections:\n" + sections
    )


def large_child(spec: str, corpus: str, out: str) -> None:
    from assembler.cli import main

    with open(Path(out) / "log.txt", "w") as log:
        saved, sys.stdout = sys.stdout, log
        start = time.perf_counter()
        code = main(["--corpus", corpus, "build", spec, "--out", out, "--format", "pdf"])
        seconds = time.perf_counter() - start
        sys.stdout = saved
    if code != 0:
        raise SystemExit("the large build failed")
    pages = int(re.findall(r"(\d+) pages\)", (Path(out) / "log.txt").read_text())[-1])
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    used = sum(r.ru_utime + r.ru_stime for r in cpu)
    figures = {"seconds": seconds, "cpu": used, "pages": pages, "self": own, "pdf": children}
    print(json.dumps(figures))


def large_pack(folder: Path, copies: int) -> None:
    spec = folder / f"large-{copies}.yaml"
    spec.write_text(copied_spec(copies), encoding="utf-8")
    corpus = copied_corpus(folder, copies)
    out = folder / "large"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "bench.features", "--child", str(spec), str(corpus), str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    memory = (result["self"] + result["pdf"]) / 1024
    print(
        f"whole Chinese corpus x{copies}: {result['pages']} pages, spec -> PDF "
        f"{result['seconds']:.1f} s wall ({result['cpu']:.1f} s CPU, "
        f"{result['pages'] / result['seconds']:.0f} pages/s), peak {result['self'] / 1024:.0f} "
        f"MiB main + {result['pdf'] / 1024:.0f} MiB PDF process = {memory:.0f} MiB "
        "(goal: 600 pages under 20 s and 600 MB)"
    )


def main(argv: list[str]) -> None:
    if len(argv) == 4 and argv[0] == "--child":
        large_child(argv[1], argv[2], argv[3])
        return
    copies = int(argv[0]) if argv else LARGE_COPIES
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # The large pack first: Linux carries a process's peak memory over fork and exec, so a
        # child started once this process had rendered every variant would report its size.
        large_pack(folder, copies)
        per_character(folder)


if __name__ == "__main__":
    main(sys.argv[1:])
