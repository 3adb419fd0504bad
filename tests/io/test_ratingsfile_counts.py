"""The byte counts the ratings reader makes with numpy instead of ``bytes.count``.

``plainbytes.lines_in`` (how many lines Arrow must give) and ``returns_end_lines`` (every
carriage return ends a line) run in the reading thread beside the main thread's
imports; they count by numpy chunks so as not to hold the GIL.  The expected
values below are counted by hand.
"""

from __future__ import annotations

import pytest

from isgrid.io import plainbytes, ratingsfile


@pytest.mark.parametrize(("data", "start", "end", "lines"), [
    (b"a", 0, 1, 1),                    # no newline: one line
    (b"a\nb", 0, 3, 2),
    (b"h\na\nb\nc", 2, 7, 3),           # after the header: a, b, c
    (b"h\na\n\nb", 2, 6, 3),            # a blank line is a line
    (b"\n\n\n", 0, 3, 4),
    (b"x\ny\nz", 0, 2, 2),              # the end is exclusive: "x\n" then ""
])
def test_lines_are_newlines_plus_one(data: bytes, start: int, end: int, lines: int) -> None:
    assert plainbytes.lines_in(data, start, end) == lines


def test_lines_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plainbytes, "_CHUNK", 3)  # every chunk boundary is crossed
    data = b"ab\ncd\n\nef\ng\n"                    # 5 newlines
    assert plainbytes.lines_in(data, 0, len(data)) == 6
    assert plainbytes.lines_in(data, 3, 9) == 3   # "cd\n\nef": 2 newlines


@pytest.mark.parametrize(("data", "ok"), [
    (b"no returns\n", True),
    (b"a\r\nb\r\n", True),
    (b"a\r\nb", True),
    (b"a\rb\r\n", False),      # a stray return inside a line
    (b"a\r\nb\r", False),      # a return as the very last byte
    (b"\r\r\n", False),
    (b"", True),
])
def test_returns_end_lines(data: bytes, ok: bool) -> None:
    assert plainbytes.returns_end_lines(data) is ok


@pytest.mark.parametrize(("data", "ok"), [
    (b'"a","b",c,"d"', True),
    (b'"a""b",c\n', True),            # a doubled quote inside a quoted field
    (b'"",x\r\n""', True),            # empty quoted fields, the file's start and end
    (b'a,"3,5"\n"x"', True),
    (b'"ab"c,d', False),               # text after a closing quote
    (b'a,b"c"', False),                # a quote inside an unquoted field
    (b'a,"b', False),                  # a quote never closed
    (b'x"', False),
])
@pytest.mark.parametrize("chunk", [1, 2, 3, 5, None])
def test_quotes_in_small_chunks(data: bytes, ok: bool, chunk: int | None) -> None:
    """The quotes' check reads each chunk's quotes and their neighbours: its answer is
    the same wherever the chunks cut (a quote's neighbour in the next chunk, the parity
    carried over)."""
    assert plainbytes.quotes_plain(data, b",", chunk) is ok


@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_returns_across_chunks(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(plainbytes, "_CHUNK", chunk)  # a pair cut by every boundary
    assert plainbytes.returns_end_lines(b"ab\r\ncd\r\n") is True
    assert plainbytes.returns_end_lines(b"ab\r\ncd\rx\n") is False
    assert plainbytes.returns_end_lines(b"\r\n\r\n\r\n") is True
    assert plainbytes.returns_end_lines(b"\r\n\r\r\n") is False


@pytest.mark.parametrize(("body", "texts"), [
    ("D1,j1,C1,3,été\nD2,j1,C1,2,\n".encode(), ["été", ""]),   # UTF-8 accents: parsed
    (b"D1,j1,C1,3,\xe9t\xe9\nD2,j1,C1,2,\n", None),            # cp1252 in a comment
    (b"D\xe91,j1,C1,3,\nD2,j1,C1,2,\n", None),                 # cp1252 in an id (a dictionary)
])
def test_arrow_parse_refuses_what_is_not_utf8(body: bytes, texts: list[str] | None) -> None:
    """Arrow's parse skips its per-cell UTF-8 check and checks each dictionary's texts
    and the comments instead: a file that is not UTF-8 is still refused (then decoded
    as cp1252 with its warning, by the text path), wherever the byte is."""
    import pyarrow as pa

    names = [f"c{i}" for i in range(5)]
    text = pa.dictionary(pa.int32(), pa.string())
    types = {n: (pa.string() if i == 4 else text) for i, n in enumerate(names)}
    tbl = ratingsfile._arrow_parse(pa.py_buffer(body), ",", names, types)
    assert (None if tbl is None else tbl.column("c4").to_pylist()) == texts
