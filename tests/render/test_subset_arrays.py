"""Font subsetting's arrays without a C parse per size (render/subset_arrays.py): the same
arrays as WeasyPrint's declarations give, and no new declaration parsed for a new size."""

from __future__ import annotations

from weasyprint.pdf import fonts  # type: ignore[import-untyped]

from assembler.render.subset_arrays import open_subset_arrays


def test_a_sized_array_holds_what_the_sized_declaration_would() -> None:
    with open_subset_arrays():
        glyphs = fonts.ffi.new("hb_codepoint_t[3]", [7, 1, 65535])
        tags = fonts.ffi.new("hb_tag_t[100]")
        count = fonts.ffi.new("unsigned int *", 100)
    assert list(glyphs) == list(fonts.ffi.new("hb_codepoint_t[3]", [7, 1, 65535]))
    assert fonts.ffi.sizeof(glyphs) == fonts.ffi.sizeof("hb_codepoint_t[3]")
    assert len(tags) == 100 and set(tags) == {0}
    assert count[0] == 100


def test_a_char_array_filled_from_bytes_is_left_to_cffi() -> None:
    with open_subset_arrays():
        name = fonts.ffi.new("char[4]", b"ab")
    assert fonts.ffi.string(name) == b"ab" and len(name) == 4


def test_a_new_size_parses_no_declaration() -> None:
    with open_subset_arrays():
        fonts.ffi.new("hb_codepoint_t[1]", [1])
        parsed = set(fonts.ffi._parsed_types)
        fonts.ffi.new("hb_codepoint_t[48611]", range(48611))
        assert set(fonts.ffi._parsed_types) == parsed


def test_weasyprint_has_its_own_ffi_again_after_the_block() -> None:
    upstream = fonts.ffi
    with open_subset_arrays():
        assert fonts.ffi is not upstream
    assert fonts.ffi is upstream
