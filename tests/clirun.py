"""isgrid's commands run in a test (click's CliRunner, no process), and what they write
read with plain spaces."""

from __future__ import annotations

from click.testing import CliRunner

from isgrid.cli import cli


def run(*args: object) -> str:
    """``isgrid ARGS...``'s output; the test fails, with that output, unless it exits 0."""
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def norm(text: str) -> str:
    """French money and numbers with plain spaces (isgrid writes narrow no-break ones)."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def table_cells(lines: list[str], n: int) -> list[list[str]]:
    """A fixed-width table's cells, without knowing its widths: its ``n`` columns are the
    runs of positions where some line has a character, between gutters where every line
    has a space (a table whose columns are as wide as their widest cell); the last column
    runs to the end of the line (free text, spaces included).  Fails when the lines do not
    show ``n - 1`` gutters."""
    width = max(len(x) for x in lines)
    used = [any(i < len(x) and x[i] != " " for x in lines) for i in range(width)]
    starts = [i for i in range(width) if used[i] and (i == 0 or not used[i - 1])]
    assert len(starts) >= n, (starts, lines)
    starts = starts[:n]
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    return [[x[a:b].strip() for a, b in bounds] for x in lines]
