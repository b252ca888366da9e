"""WeasyPrint imported for a PDF process (render/weasyprint_import.py): fontTools' subsetter and
instancer are not imported until WeasyPrint uses them, and then are the real ones; the PDF is
the one a process that imported everything makes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assembler.paths import DEFAULT_TEMPLATES
from assembler.render.pdf import render_pdf

PAGE = (
    '<html lang="zh"><body style="font-family: Noto Serif CJK SC">'
    "<p>联合国毒品和犯罪问题办公室<b>恐怖主义预防处</b></p>"
    '<p lang="en" style="font-family: Liberation Sans">Terrorism Prevention Branch</p></body></html>'
)

# Run in a fresh interpreter: this one imported WeasyPrint whole long ago.
CHILD = """
import json, sys
from pathlib import Path
from assembler.render.weasyprint_import import import_weasyprint
import_weasyprint()
deferred = ("fontTools.subset", "fontTools.varLib.instancer")
seen = {"after import": [m for m in deferred if m in sys.modules]}
from assembler.paths import DEFAULT_TEMPLATES
from assembler.render.pdf import render_pdf
Path(sys.argv[1]).write_bytes(render_pdf(sys.argv[2], DEFAULT_TEMPLATES).data)
seen["after a PDF"] = [m for m in deferred if m in sys.modules]
from weasyprint.pdf import fonts
seen["Subsetter"] = fonts.subset.Subsetter.__module__
seen["after use"] = [type(sys.modules[m]).__name__ for m in deferred if m in sys.modules]
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
def refusal(instantiate):
    try:
        instantiate(TTFont("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"), {"wght": 700})
    except Exception as error:
        return f"{type(error).__name__}: {error}"
seen["instancer"] = refusal(fonts.instantiateVariableFont)
seen["real instancer"] = refusal(instancer.instantiateVariableFont)
print(json.dumps(seen))
"""


def _child(tmp_path: Path) -> tuple[dict[str, object], bytes]:
    out = tmp_path / "child.pdf"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(out), PAGE],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), out.read_bytes()


def test_the_subsetter_and_instancer_wait_until_weasyprint_uses_them(tmp_path: Path) -> None:
    seen, _ = _child(tmp_path)
    assert seen["after import"] == []
    assert seen["after a PDF"] == []  # HarfBuzz subsets the fonts, no variable font
    assert seen["Subsetter"] == "fontTools.subset"
    assert seen["after use"] == ["module"]  # the real subsetter, imported on use
    # The stand-in calls the real instancer, which refuses a static font as it always does.
    assert seen["instancer"] == seen["real instancer"] == "ValueError: Missing required table fvar"


def test_the_pdf_is_the_one_a_process_that_imported_everything_makes(tmp_path: Path) -> None:
    _, child = _child(tmp_path)
    assert child == render_pdf(PAGE, DEFAULT_TEMPLATES).data
