"""The command line imports only the module of the command it runs (cli/main.py): a build
does not pay for the glossary and corpus commands' imports, and help and errors still list
every command."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assembler.cli.main import COMMANDS, build_parser, command_of


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["build", "examples/x.yaml"], "build"),
        (["--corpus", "build", "glossary", "lookup", "x"], "glossary"),
        (["--glossary=g", "corpus", "list"], "corpus"),
        (["--help"], None),
        ([], None),
        (["--corpus"], None),
        (["nope"], None),
    ],
)
def test_the_command_is_found_after_the_global_options(
    argv: list[str], command: str | None
) -> None:
    assert command_of(argv) == command


def test_without_a_command_every_command_is_listed_with_its_help_line() -> None:
    help_text = " ".join(build_parser([]).format_help().split())
    for name, (_, help_line) in COMMANDS.items():
        assert f"{name} {help_line}" in help_text


def _command_modules_imported(argv: list[str]) -> list[str]:
    code = (
        "import sys\n"
        "from assembler.cli.main import COMMANDS, build_parser\n"
        f"build_parser({argv!r})\n"
        "print(' '.join(n for n, (m, _) in COMMANDS.items() if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_a_parser_made_without_argv_parses_every_command() -> None:
    parser = build_parser()
    assert parser.parse_args(["build", "x.yaml", "--format", "pdf"]).format == ("pdf",)
    assert parser.parse_args(["glossary", "lookup", "恐怖主义"]).run is not None


def test_help_and_version_import_no_command() -> None:
    # Importing them all (the web server, the ingest stack...) made `assembler --help` take 1 s.
    assert _command_modules_imported([]) == []
    assert _command_modules_imported(["--version"]) == []
    assert _command_modules_imported(["glossary", "--help"]) == ["glossary"]


def test_a_build_imports_no_other_command() -> None:
    code = (
        "import sys\n"
        "from assembler.cli.main import build_parser\n"
        "build_parser(['build', 'spec.yaml'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('assembler.cli.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = out.stdout.strip()
    assert "assembler.cli.build" in modules
    for other in ("assembler.cli.glossary", "assembler.cli.corpus", "assembler.cli.convert"):
        assert f"'{other}'" not in modules


def test_an_unknown_command_is_refused_naming_the_commands() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "assembler", "nope"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert "invalid choice: 'nope'" in run.stderr
    assert "'glossary'" in run.stderr
