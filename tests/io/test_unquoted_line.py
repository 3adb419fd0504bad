"""A row no cell of which needs quoting is its cells joined (isgrid.io.cells.unquoted_line):
the very line Python's csv writer writes, on random rows of awkward texts, and None where
the writer must quote or spell a cell itself."""

from __future__ import annotations

import csv
import io
import random

import pytest

from isgrid.io.cells import csv_writer, spreadsheet_csv, unquoted_line

#: characters a cell may hold: the two separators, a quote, both line ends, spaces of
#: several kinds, a tab, letters with accents and a character outside the BMP
ALPHABET = ['a', 'é', ' ', '\u202f', '\t', ';', ',', '"', '\r', '\n', '1', "'", '=', '😀']


def _written(row: list[object], sep: str) -> str:
    buf = io.StringIO(newline="")
    csv_writer(buf, delimiter=sep, lineterminator="\r\n").writerow(row)
    return buf.getvalue()


@pytest.mark.parametrize("sep", [";", ","])
def test_the_line_is_the_writers_on_random_rows(sep: str) -> None:
    rng = random.Random(20261207)
    joined = quoted = 0
    for _ in range(5000):
        row = ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 5)))
               for _ in range(rng.randrange(1, 6))]
        line = unquoted_line(row, sep)
        if len(row) < 2:
            assert line is None  # one cell: always the writer's (an empty one is quoted)
        elif line is None:
            quoted += 1
            assert '"' in _written(row, sep)  # the writer quotes a cell of it
        else:
            joined += 1
            assert line + "\r\n" == _written(row, sep)
    assert joined > 500 and quoted > 500  # both ways were tried


def test_what_the_writer_must_quote_or_spell_is_left_to_it() -> None:
    assert unquoted_line(["a", "b"], ";") == "a;b"
    assert unquoted_line(["3,5", "4"], ";") == "3,5;4"
    assert unquoted_line(["3,5", "4"], ",") is None  # the separator inside a cell
    assert unquoted_line(['say "x"', "b"], ";") is None
    assert unquoted_line(["a\nb", "c"], ";") is None
    assert unquoted_line(["a\rb", "c"], ";") is None
    assert unquoted_line([""], ";") is None  # one empty cell: the writer writes ""
    assert unquoted_line(["a"], ";") is None
    assert unquoted_line(["a", None], ";") is None  # not a text: the writer's spelling
    assert unquoted_line(["a", 2.5], ";") is None


def test_a_spreadsheet_csv_is_the_same_bytes_as_the_writers_alone() -> None:
    # the rows below the header, numbers given: the joined lines; a cell needing quotes
    # or a formula to neutralise in between goes through the writer, in its place
    rows = [["rang", "titre", "total"], ["1", "Ressourcerie", "84,5"],
            ["2", 'Le "Lien"', "80"], ["3", "=HYPERLINK(1)", "79,25"],
            ["4", "deux\nlignes", ""], ["5", "Café", "-1,5"]]
    for lang, sep, end in (("fr", ";", "\r\n"), ("en", ",", "\n")):
        got = spreadsheet_csv(rows, lang, line_end=end, bom=False, numbers={0, 2})
        buf = io.StringIO(newline="")
        w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
        for row in rows:
            w.writerow(["'=HYPERLINK(1)" if c == "=HYPERLINK(1)" else c for c in row])
        assert got == buf.getvalue().replace("\r\n", end).encode("utf-8")
