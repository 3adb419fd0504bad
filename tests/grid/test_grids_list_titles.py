"""`grids list` shows each grid's whole title, wrapped to the terminal's width, never cut
(review s9, F10: « Appel à projets « Innovation(… » whatever the width)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.view import grid_list_text

ROWS = [{"id": "alsace-aap-2016", "mode": "scored", "criteria": 10, "sourced": 8,
         "reconstructed": 2, "inferred": 0,
         "title": "Appel à projets « Innovation(s) sociale(s) en Alsace » (Région Alsace, "
                  "2016)"}]
HEAD = "alsace-aap-2016            scored       10  8/2/0    "


def test_a_wide_terminal_has_the_title_on_one_line() -> None:
    lines = grid_list_text(ROWS, width=200).splitlines()
    assert lines[1] == HEAD + ROWS[0]["title"]


def test_a_narrow_one_wraps_it_under_itself() -> None:
    # 80 columns: the title starts at column 54, 27 characters a line; « stays with the
    # word it opens (isgrid.i18n.wrap)
    lines = grid_list_text(ROWS, width=80).splitlines()
    pad = " " * len(HEAD)
    assert lines[1:5] == [HEAD + "Appel à projets", pad + "« Innovation(s) sociale(s)",
                          pad + "en Alsace » (Région Alsace,", pad + "2016)"]
    assert max(len(line) for line in lines[1:5]) <= 80


@pytest.mark.parametrize("columns", ["80", "200"])
def test_the_command_uses_the_width_of_the_terminal(monkeypatch: pytest.MonkeyPatch,
                                                    columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = CliRunner().invoke(cli, ["--lang", "en", "grids", "list"]).stdout
    assert "…" not in out
    lines = out.splitlines()
    assert max(len(line) for line in lines[:-2]) <= int(columns)
    whole = "Appel à projets « Innovation(s) sociale(s) en Alsace » (Région Alsace, 2016)"
    alsace = lines.index(next(x for x in lines if x.startswith("alsace-aap-2016 ")))
    title = [lines[alsace][len(HEAD):]]
    for x in lines[alsace + 1:alsace + 4]:  # the lines under its title, up to the next row
        if not x.startswith(" " * len(HEAD)):
            break
        title.append(x.strip())
    assert " ".join(title).startswith(whole)
    assert len(title) == (1 if columns == "200" else 4)
