"""A national call's dossiers.csv parsed by Arrow and typed column by column gives the
dossiers, diagnostics and hashes the row reader gives, and any table with a cell to
report is read row by row (:func:`isgrid.call.dossier_table._from_columns`)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from callfactory import TABLE_FACTS
from isgrid.call import dossier_table, dossiers
from isgrid.call.model import CallConfig
from isgrid.errors import Collector
from isgrid.grid.load import load_grid
from isgrid.io.ratingsfile import ARROW_MIN_BYTES
from testpaths import FIXTURES

FACTS = TABLE_FACTS


def _load(folder: Path, columns: dict[str, str] | None, arrow: bool
          ) -> tuple[list[Any], list[tuple[Any, ...]], dict[str, str], bool]:
    """The dossiers, diagnostics, hashes, and whether the columns made the dossiers."""
    config = CallConfig.model_validate(
        {"title": "t", "grid": "grid.yaml"}
        | ({"dossier_table": {"columns": columns}} if columns else {}))
    made: list[bool] = []
    real = dossier_table._from_columns

    def spy(*args: Any) -> Any:
        out = real(*args) if arrow else None
        made.append(out is not None)
        return out

    mp = pytest.MonkeyPatch()
    mp.setattr(dossier_table, "_from_columns", spy)
    try:
        diags, inputs = Collector(), {}
        out = dossiers.load_dossiers(folder, config, load_grid(folder / "grid.yaml"),
                                     diags, inputs)
    finally:
        mp.undo()
    found = [(d.code, str(d.message), d.location.file, d.location.line, d.location.column,
              d.severity) for d in diags.items]
    return ([(d.id, d.title, d.facts, d.file) for d in out], found, inputs, any(made))


def _folder(tmp_path: Path, header: list[str], rows: list[list[str]], *, sep: str = ",",
            end: str = "\n", bom: bool = False) -> Path:
    grid = yaml.safe_load((FIXTURES / "grids" / "mini-scored.yaml").read_text(encoding="utf-8"))
    grid["facts"] = FACTS
    grid["eligibility"] = []
    (tmp_path / "grid.yaml").write_text(yaml.safe_dump(grid, allow_unicode=True),
                                        encoding="utf-8")

    def cell(v: str) -> str:
        return f'"{v}"' if sep in v or '"' in v else v

    text = end.join(sep.join(cell(v) for v in r) for r in [header, *rows]) + end
    (tmp_path / "dossiers.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"")
                                            + text.encode("utf-8"))
    assert len(text) >= ARROW_MIN_BYTES
    return tmp_path


HEADER = ["id", "title", "amount_requested", "eligible_costs", "region", "postcode",
          "submitted_at", "n", "ess"]


def _rows(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    return [[f"D{i:05d}", rng.choice([f"Projet {i}", "", " Titre, avec virgule "]),
             rng.choice(["1 000", "3,5", "25000", ""]), str(rng.randrange(0, 100000)),
             rng.choice(["Alsace", " Lorraine ", ""]), rng.choice(["01000", " 67000"]),
             rng.choice(["01/02/2016", "2016-02-03"]), str(rng.randrange(1, 9)),
             rng.choice(["oui", "Non", "", "true"])] for i in range(n)]


@pytest.mark.parametrize(("sep", "end", "bom"), [(",", "\n", False), (";", "\r\n", True),
                                                 ("\t", "\n", False)])
def test_a_clean_table_is_typed_by_column_as_by_row(tmp_path: Path, sep: str, end: str,
                                                    bom: bool) -> None:
    folder = _folder(tmp_path, [*HEADER, "colonne_inconnue"],
                     [[*r, "x"] for r in _rows(3000)], sep=sep, end=end, bom=bom)
    by_column = _load(folder, None, arrow=True)
    by_row = _load(folder, None, arrow=False)
    assert by_column[3] and not by_row[3]
    assert by_column[:3] == by_row[:3]
    d0 = by_column[0][0]
    assert d0[3].endswith("dossiers.csv:2") and by_column[0][-1][3].endswith("dossiers.csv:3001")
    assert [f[0] for f in by_column[1]] == ["unknown-fact-key"]  # the header's, once


def test_mapped_columns_are_typed_by_column_as_by_row(tmp_path: Path) -> None:
    header = ["Numéro", "Nom du projet", "Montant", *HEADER[3:]]
    folder = _folder(tmp_path, header, _rows(3000, seed=2))
    columns = {"Numéro": "id", "Nom du projet": "title", "Montant": "amount_requested"}
    by_column = _load(folder, columns, arrow=True)
    assert by_column[3]
    assert by_column[:3] == _load(folder, columns, arrow=False)[:3]
    assert by_column[0][0][2]["amount_requested"] in (1000, 3.5, 25000, None)


#: a flaw, the column it is in and the cell's text
FLAWS = {"region not allowed": ("region", "Bretagne"), "below minimum": ("n", "0"),
         "negative amount": ("amount_requested", "-5"),
         "required missing": ("submitted_at", ""), "invalid id": ("id", "D 1500"),
         "no id": ("id", " "), "bad date": ("submitted_at", "31/02/2016")}


@pytest.mark.parametrize("flaw", sorted(FLAWS))
def test_a_cell_to_report_sends_the_table_row_by_row(tmp_path: Path, flaw: str) -> None:
    rows = _rows(3000, seed=3)
    column, text = FLAWS[flaw]
    rows[1500][HEADER.index(column)] = text
    folder = _folder(tmp_path, HEADER, rows)
    by_column = _load(folder, None, arrow=True)
    by_row = _load(folder, None, arrow=False)
    assert not by_column[3]  # the columns gave way to the rows
    assert by_column[:3] == by_row[:3]
    assert by_column[1] and all(f[3] == 1502 for f in by_column[1])  # the bad row's line


def test_a_list_fact_in_the_table_is_read_row_by_row(tmp_path: Path) -> None:
    rows = [[*r, "Asso; Mairie"] for r in _rows(3000, seed=4)]
    folder = _folder(tmp_path, [*HEADER, "partners[].name"], rows)
    by_column = _load(folder, None, arrow=True)
    assert not by_column[3]
    assert by_column[:3] == _load(folder, None, arrow=False)[:3]
    assert by_column[0][0][2]["partners"] == [{"name": "Asso"}, {"name": "Mairie"}]


def test_a_table_of_ids_and_titles_only_is_typed_by_column_as_by_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No fact column at all: every dossier's facts are empty, by column as by row."""
    monkeypatch.setitem(globals(), "FACTS", {"submitted_at": {"type": "date"}})  # not required
    folder = _folder(tmp_path, ["id", "title"],
                     [[f"D{i:05d}", f"Projet {i}"] for i in range(9000)])
    by_column = _load(folder, None, arrow=True)
    by_row = _load(folder, None, arrow=False)
    assert by_column[3] and not by_row[3]
    assert by_column[:3] == by_row[:3]
    assert by_column[0][0] == ("D00000", "Projet 0", {}, str(folder / "dossiers.csv") + ":2")
    assert len(by_column[0]) == 9000
