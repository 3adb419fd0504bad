"""A grid number written the French way (``1,5``, ``55 %``, ``11 000``) is refused as a
number to write with a decimal point, with the number to write (review s9, F5).

Found by a review: ``set: {criteria.VDM-2.weight: 1,5}`` (YAML reads the text « 1,5 »)
was refused as « La valeur doit être un nombre entier » (pydantic's first member of
``int | float``), which would have made the author round her 1,5 to 2, with the hint
« Voir `isgrid grids schema` », and the key path of the resolved grid
(``sections[0].criteria[1].weight``), not the ``set`` she wrote.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import validate_grid_file
from testpaths import FIXTURES

GRIDS = FIXTURES / "grids"
CHILD = (GRIDS / "mini-child.yaml").read_text(encoding="utf-8")
MINI = (GRIDS / "mini-scored.yaml").read_text(encoding="utf-8")
READ = "Write {n}: a number in YAML has a decimal point (1.5) and no spaces."
UNREAD = "Write the number alone, with a decimal point and without spaces, unit or % (1.5, " \
    "not 1,5)."


def _problems(path: Path) -> list[tuple[str, int | None, int | None, str | None, str, str]]:
    return [(d.code, d.location.line, d.location.column, d.location.key_path, str(d.message),
             str(d.effective_hint)) for d in validate_grid_file(path).errors]


@pytest.mark.parametrize(("written", "message", "hint"), [
    ("1,5", "a number is expected here, written with a decimal point and no spaces "
            "(got '1,5')", READ.format(n="1.5")),
    ("3 000", "a number is expected here, written with a decimal point and no spaces "
              "(got '3 000')", READ.format(n="3000")),
    ('"2 %"', "a number is expected here, written with a decimal point and no spaces "
              "(got '2 %')", UNREAD),
])
def test_a_set_weight(tmp_path: Path, written: str, message: str, hint: str) -> None:
    shutil.copy(GRIDS / "mini-scored.yaml", tmp_path)
    grid = tmp_path / "child.yaml"
    grid.write_text(CHILD.replace("criteria.I1.weight: 3", f"criteria.I1.weight: {written}"),
                    encoding="utf-8")
    # line 11 « criteria.I1.weight: 1,5 »: the value after the key's 2 + 18 + 2 characters
    assert _problems(grid) == [("schema-invalid", 11, 23, "set.criteria.I1.weight", message,
                                hint)]


def test_a_weight_and_a_threshold_of_the_grid_itself(tmp_path: Path) -> None:
    grid = tmp_path / "g.yaml"
    grid.write_text(MINI.replace("threshold: 50\n", "threshold: 55,5\n")
                    .replace("    weight: 2\n", "    weight: 1,5\n"), encoding="utf-8")
    # threshold: line 7, column 12; the section besoin's weight: line 50, column 13
    assert _problems(grid) == [
        ("schema-invalid", 7, 12, "threshold", "a number is expected here, written with a "
         "decimal point and no spaces (got '55,5')", READ.format(n="55.5")),
        ("schema-invalid", 50, 13, "sections[0].weight", "a number is expected here, "
         "written with a decimal point and no spaces (got '1,5')", READ.format(n="1.5")),
    ]


def test_a_number_in_quotes_is_still_read(tmp_path: Path) -> None:
    """``threshold: "55.5"`` was read as 55.5 by pydantic, and still is."""
    grid = tmp_path / "g.yaml"
    grid.write_text(MINI.replace("threshold: 50\n", 'threshold: "55.5"\n'), encoding="utf-8")
    assert _problems(grid) == []


def test_in_french(tmp_path: Path) -> None:
    grid = tmp_path / "g.yaml"
    grid.write_text(MINI.replace("threshold: 50\n", "threshold: 55,5\n"), encoding="utf-8")
    res = CliRunner().invoke(cli, ["--lang", "fr", "grids", "check", str(grid)])
    out = res.output.replace("\xa0", " ").replace("\u202f", " ")
    assert res.exit_code == 2, out
    assert ("g.yaml:7:12 (threshold) : un nombre est attendu ici, écrit avec un point décimal "
            "et sans espace (« 55,5 » trouvé) [schema-invalid]") in out
    assert "Indice : Écrivez 55.5 : en YAML, un nombre s'écrit avec un point décimal (1.5) " \
        "et sans espace." in out
    assert "entier" not in out
