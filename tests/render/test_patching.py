"""An attribute replaced for a block (render/patching.py): what it held comes back, an inherited
or missing one is not left behind, an exception restores too, and a routine whose source is
not the one a copy was checked against is left alone."""

from __future__ import annotations

import types

import pytest

from assembler.render.patching import patched
from assembler.render.upstream import source_digest


class Base:
    def greet(self) -> str:
        return "base"


class Child(Base):
    pass


def test_the_value_held_on_entry_comes_back() -> None:
    module = types.ModuleType("m")
    module.ffi = "upstream"  # type: ignore[attr-defined]
    with patched(module, "ffi", "ours"):
        assert module.ffi == "ours"  # type: ignore[attr-defined]
        with patched(module, "ffi", "inner"):
            assert module.ffi == "inner"  # type: ignore[attr-defined]
        assert module.ffi == "ours"  # type: ignore[attr-defined]
    assert module.ffi == "upstream"  # type: ignore[attr-defined]


def test_an_inherited_attribute_is_not_left_on_the_subclass() -> None:
    with patched(Child, "greet", lambda self: "child"):
        assert Child().greet() == "child"
    assert "greet" not in vars(Child) and Child().greet() == "base"


def test_an_exception_in_the_block_restores_too() -> None:
    with pytest.raises(ValueError), patched(Base, "greet", lambda self: "ours"):
        raise ValueError("layout failed")
    assert Base().greet() == "base"


def test_a_routine_of_another_source_is_left_alone() -> None:
    digest = source_digest(Base.greet)
    assert digest is not None
    with patched(Base, "greet", lambda self: "ours", checked=digest):
        assert Base().greet() == "ours"
    with patched(Base, "greet", lambda self: "ours", checked="0" * 64):
        assert Base().greet() == "base"
