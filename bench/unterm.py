"""UNTERM import time for about 200 country records: `python3 -m bench.unterm`.

SYNTHETIC DATA: UNTERM's "Country names" subset has about 200 records; the project holds 8 real
ones (tests/data/unterm/countries-sample.ttl). This bench makes 200 records from them: the 8
real ones as they are, and 24 copies of each in which every record and term id is replaced by
a new UUID and every term gets " <copy number>" appended (so the copies are new concepts, not
merges). The records are fake; only their shape and size are UNTERM's.

Each run imports them (Turtle, through rdflib, and the same records as API JSON) into a
fresh copy of the bundled glossary in a temp dir, written, the 8 real records merging into the
bundled countries; the best of RUNS is printed. Prints numbers, asserts nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path

from assembler.glossary import exchange, unterm
from assembler.paths import DEFAULT_GLOSSARY, PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "tests" / "data" / "unterm" / "countries-sample.ttl"
COPIES = 24  # 8 real records + 8 x 24 synthetic ones = 200
RUNS = 3
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
VALUE = re.compile(r'(unterm:termValue ")([^"]*)(")')


def synthetic_turtle(text: str, copies: int) -> str:
    """The real records, then `copies` renamed copies of them (a Turtle file may repeat its
    prefixes only once, so the copies are the records' text without the prefix lines)."""
    prefixes = "".join(line + "\n" for line in text.splitlines() if line.startswith("@prefix"))
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    parts = [prefixes, body]
    for number in range(1, copies + 1):
        renamed = UUID.sub(partial(_new_uuid, number), body)
        parts.append(VALUE.sub(partial(_numbered_value, number), renamed))
    return "\n".join(parts)


def _new_uuid(number: int, match: re.Match[str]) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{match[0]}/{number}"))


def _numbered_value(number: int, match: re.Match[str]) -> str:
    return f"{match[1]}{match[2]} {number}{match[3]}"


def as_json(records: list[unterm.Record]) -> str:
    """The records in the API's JSON shape (the fields the importer reads)."""
    sections = {lang: name for name, lang in unterm.JSON_SECTIONS.items()}
    back = {ours: theirs for theirs, ours in unterm.LANGUAGE.items()}
    kinds = {"full-form": "full", "short-form": "short"}
    items = []
    for record in records:
        item: dict[str, object] = {"recordID": record.id, "recordType": record.kind}
        for term in record.terms:
            block = item.setdefault(sections[back[term.lang]], {"terms": []})
            assert isinstance(block, dict)
            block["terms"].append(
                {"term": term.text, "termStatus": term.status, "termType": kinds[term.type]}
            )
        items.append(item)
    return json.dumps(items, ensure_ascii=False)


def timed_import(scratch: Path, source: Path) -> tuple[float, exchange.Imported]:
    best, result = float("inf"), None
    for run in range(RUNS):
        folder = scratch / f"glossary-{source.suffix[1:]}-{run}"
        shutil.copytree(DEFAULT_GLOSSARY, folder, ignore=shutil.ignore_patterns(".*"))
        started = time.perf_counter()
        result = exchange.import_file(folder, source, into=folder / "unterm-countries.yaml")
        best = min(best, time.perf_counter() - started)
    assert result is not None
    return best, result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="assembler-bench-unterm-") as name:
        scratch = Path(name)
        turtle = scratch / "countries-synthetic.ttl"
        turtle.write_text(synthetic_turtle(SAMPLE.read_text(encoding="utf-8"), COPIES), "utf-8")
        records = unterm.read_records(turtle.read_bytes(), turtle)
        api = scratch / "countries-synthetic.json"
        api.write_text(as_json(records), encoding="utf-8")
        print(
            f"UNTERM import, SYNTHETIC records: {len(records)} country records (8 real, "
            f"{len(records) - 8} renamed copies), {turtle.stat().st_size / 1e6:.1f} MB Turtle, "
            f"{api.stat().st_size / 1e6:.1f} MB JSON"
        )
        for source in (turtle, api):
            seconds, result = timed_import(scratch, source)
            merge = result.merge
            assert merge is not None
            print(
                f"  {source.suffix[1:]:>4}: {seconds:.2f} s (best of {RUNS}, written) = "
                f"{len(records) / seconds:,.0f} records/s; {len(merge.new)} new concepts, "
                f"{len(merge.merged)} merged, {len(merge.conflicts)} conflicts"
            )


if __name__ == "__main__":
    main()
