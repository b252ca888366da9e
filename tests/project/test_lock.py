"""requirements.lock pins every Python package exactly (direct and transitive, dev tools and the
installer itself) with hashes, and agrees with pyproject.toml: a dependency added, removed or
re-ranged there without `scripts/lock.sh` fails here, before a fresh install would differ."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)", re.MULTILINE)


def pins() -> dict[str, Version]:
    return {canonicalize_name(n): Version(v) for n, v in _PIN.findall(LOCK.read_text("utf-8"))}


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [Requirement(text) for text in declared]


def test_every_direct_dependency_is_pinned_within_its_range() -> None:
    locked = pins()
    for requirement in direct_requirements():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is in pyproject.toml but not in the lock: scripts/lock.sh"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} is outside {requirement.specifier}: scripts/lock.sh"
        )


def test_the_lock_holds_nothing_pyproject_no_longer_asks_for() -> None:
    # pip-compile marks what pyproject.toml asks for directly.
    text = LOCK.read_text("utf-8")
    marked = set()
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = _PIN.match(block)
        if match and re.search(r"#\s+(via\s+)?assembler \(pyproject\.toml\)", block):
            marked.add(canonicalize_name(match[1]))
    assert marked == {canonicalize_name(r.name) for r in direct_requirements()}


def test_every_pin_is_exact_and_hashed() -> None:
    text = LOCK.read_text("utf-8")
    blocks = [b for b in re.split(r"\n(?=[A-Za-z0-9])", text) if _PIN.match(b)]
    assert len(blocks) == len(pins()) >= 40
    for block in blocks:
        assert "--hash=sha256:" in block, block.splitlines()[0]
    # No index or local path in the lock: it must install the same on any machine.
    options = [line for line in text.splitlines() if line.startswith("-")]
    assert options == []
    assert "file://" not in text


def test_the_installer_and_build_backend_are_pinned_too() -> None:
    assert {"pip", "setuptools", "pip-tools"} <= set(pins())


def test_install_uses_the_lock_with_hashes() -> None:
    script = (ROOT / "scripts" / "install.sh").read_text("utf-8")
    assert "--require-hashes -r requirements.lock" in script
    assert "--no-deps" in script
