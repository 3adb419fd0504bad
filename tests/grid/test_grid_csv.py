"""``isgrid grids show --format csv``: a grid's criteria for a spreadsheet, one row per
criterion with its provenance (review 19, finding 7: nothing exported them)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli


def _rows(path: Path, sep: str) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=sep))


def test_the_alsace_grid_row_by_row(tmp_path: Path) -> None:
    # By hand (docs/fr/preparer-un-appel.md): seven rated criteria, each 1/7 of the total
    # (sections besoin-social 2 for AV-1.1 and ALS-2, effets-positifs 2 for ALS-3, ALS-4,
    # partenariats 1 for AV-4.2, the last section 2 for ALS-1 and ALS-5: 1/7 = 14,3 %);
    # floors 2 on AV-1.1 and ALS-4; three eliminatory conditions, with no weight
    out = tmp_path / "criteres.csv"  # -o's extension chooses the format
    run = CliRunner().invoke(cli, ["--lang", "fr", "grids", "show", "alsace-aap-2016",
                                   "-o", str(out)])
    assert run.exit_code == 0, run.output
    rows = _rows(out, ";")
    assert rows[0] == ["id", "libellé", "section", "dimension", "poids effectif (% du total)",
                       "plancher", "éliminatoire", "provenance", "source"]
    by_id = {r[0]: r for r in rows[1:]}
    assert len(by_id) == 10
    assert by_id["AV-1.1"][3:] == ["D1", "14,3", "2", "non", "reconstitué", "S2, S8"]
    assert by_id["ALS-4"][4:8] == ["14,3", "2", "non", "sourcé"]
    assert by_id["ALS-E1"][4:8] == ["", "", "oui", "sourcé"]
    assert sum(1 for r in rows[1:] if r[4] == "14,3") == 7
    assert out.read_bytes().startswith("\ufeff".encode())


def test_alterincub_in_english_counts_its_provenance_as_everywhere(tmp_path: Path) -> None:
    out = tmp_path / "ai.csv"
    run = CliRunner().invoke(cli, ["--lang", "en", "grids", "show", "alterincub",
                                   "--format", "csv", "-o", str(out)])
    assert run.exit_code == 0, run.output
    rows = _rows(out, ",")
    assert rows[0][4] == "effective weight (% of the total)"
    statuses = [r[7] for r in rows[1:]]
    # 3 / 10 / 2, as grids list says it (AI-E1..E3 sourced; grids.md §3.2)
    assert (statuses.count("sourced"), statuses.count("reconstructed"),
            statuses.count("inferred")) == (3, 10, 2)
    assert {r[0]: r[7] for r in rows[1:]}["AI-01"] == "reconstructed"
    assert all(r[4] == "" for r in rows[1:])  # a checklist: no weight
