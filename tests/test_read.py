"""Stage 1, read: bad sources are refused with the file, the line and what was found."""

import pytest

from diparchive.errors import InputError
from diparchive.read import read_source


def write(tmp_path, data: bytes):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    return path


def test_lines_are_numbered_as_an_editor_shows_them(tmp_path):
    source = read_source(write(tmp_path, "a\r\nb\n\nc\n".encode()), "x.txt")
    assert source.lines == ("a", "b", "", "c")


def test_a_byte_order_mark_is_not_text(tmp_path):
    assert read_source(write(tmp_path, "\ufeffHello\n".encode()), "x.txt").lines == ("Hello",)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "x.txt: expected the transcript's text; found an empty file"),
        (b"  \n\n", "x.txt: expected the transcript's text; found only white space"),
        (b"ok\nbin\x00ary", "x.txt, line 2: expected a text file; found a NUL byte (is this a binary file?)"),
        ("line one\nCaf\u00e9 ".encode("latin-1"), "x.txt, line 2, byte 4: expected UTF-8 text; found the byte 0xe9, which is not UTF-8"),
        (b"ok\n\x1b[1mbold", "x.txt, line 2: expected printable text; found the control character U+001B"),
    ],
)
def test_bad_sources_are_refused_with_a_clear_message(tmp_path, data, message):
    with pytest.raises(InputError) as error:
        read_source(write(tmp_path, data), "x.txt")
    assert str(error.value) == message


def test_a_missing_source_is_named(tmp_path):
    with pytest.raises(InputError, match="x.txt: expected a source text file; found no such file"):
        read_source(tmp_path / "nope.txt", "x.txt")
