"""The shape of the code, enforced so that the next change cannot undo it: the stages' layering
(the contracts in .importlinter), no import cycle between any two modules, no module over 600
lines, command modules that only parse and print (under 300 lines), benchmarks outside the
installed package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assembler"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def test_every_folder_of_the_package_is_a_regular_package() -> None:
    # A namespace package is invisible to the layering contracts.
    for folder in [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir())]:
        if folder.name == "__pycache__":
            continue
        assert (folder / "__init__.py").is_file(), folder


def test_the_layering_contracts_hold() -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "lint-imports"),
            "--config",
            str(ROOT / ".importlinter"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_no_two_modules_import_each_other_even_indirectly() -> None:
    graph = grimp.build_graph("assembler")
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                cycles.append((importer, *back))
    assert cycles == []


def test_no_module_is_over_600_lines() -> None:
    sizes = {name: len(path.read_text("utf-8").splitlines()) for name, path in modules().items()}
    assert {name: n for name, n in sizes.items() if n > 600} == {}


def test_command_modules_only_parse_and_print() -> None:
    commands = {n: p for n, p in modules().items() if n.startswith("assembler.cli.")}
    sizes = {name: len(path.read_text("utf-8").splitlines()) for name, path in commands.items()}
    assert {name: n for name, n in sizes.items() if n >= 300} == {}
    for name, path in commands.items():
        # A command's argument types may live beside it (cli/build_options.py): parsing too.
        if name not in ("assembler.cli", "assembler.cli.main") and not name.endswith("_options"):
            assert "def register(" in path.read_text("utf-8"), name


def test_benchmarks_live_outside_the_installed_package() -> None:
    assert not [name for name in modules() if "bench" in name.rsplit(".", 1)[-1]]
    assert (ROOT / "bench" / "pack.py").is_file()
