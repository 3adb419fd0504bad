"""Last year's workbook, returned to this year's copy of the call, is told (review year2,
finding 4): a workbook names its call by its title, which a copied call keeps, and the
dossiers re-apply under the same ids.  It now records what each dossier was when written;
most of them changed: ``sheet-dossiers-changed``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


@pytest.fixture()
def last_year(tmp_path: Path) -> tuple[Path, Path]:
    """The call and j1's workbook written for it, j1's ratings file set aside (the import
    writes it back)."""
    folder = tmp_path / "aap"
    shutil.copytree(EXAMPLE, folder)
    out = tmp_path / "fiches"
    res = CliRunner().invoke(cli, ["sheets", str(folder), "-o", str(out), "--assessor", "j1"])
    assert res.exit_code == 0, res.output
    (folder / "ratings" / "j1.csv").unlink()
    return folder, out / "j1.xlsx"


def _reapply(folder: Path, ids: list[str]) -> None:
    """This year's dossiers under last year's ids: another title and amount."""
    for did in ids:
        path = folder / "dossiers" / f"{did}.yaml"
        text = path.read_text(encoding="utf-8")
        assert "\namount_requested: " in text
        path.write_text(text.replace("\namount_requested: ", "\namount_requested: 1"),
                        encoding="utf-8")


def _import(folder: Path, workbook: Path) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--lang", "en", "sheets", "import", str(folder),
                                   str(workbook)])
    return res.exit_code, res.output


def test_a_workbook_whose_dossiers_all_changed_is_told(last_year: tuple[Path, Path]) -> None:
    folder, workbook = last_year
    ids = sorted(p.stem for p in (folder / "dossiers").glob("*.yaml"))
    _reapply(folder, ids)
    code, out = _import(folder, workbook)
    assert code == 0, out  # imported all the same: the secretariat decides
    # j1 is given seven dossiers in call.yaml (not AL16-06): all seven changed
    assert ("7 of the workbook's 7 dossiers are no longer what it was written with (AL16-01, "
            "AL16-02, AL16-03, AL16-04, AL16-05 and 2 more): the workbook probably comes from "
            "another edition of the call [sheet-dossiers-changed]") in out
    assert (folder / "ratings" / "j1.csv").is_file()


def test_a_few_corrections_during_the_campaign_say_nothing(
        last_year: tuple[Path, Path]) -> None:
    folder, workbook = last_year
    _reapply(folder, ["AL16-01", "AL16-02", "AL16-03"])  # three of j1's seven: not most
    code, out = _import(folder, workbook)
    assert code == 0 and "sheet-dossiers-changed" not in out, out


def test_strict_stops_the_import(last_year: tuple[Path, Path]) -> None:
    folder, workbook = last_year
    _reapply(folder, sorted(p.stem for p in (folder / "dossiers").glob("*.yaml")))
    res = CliRunner().invoke(cli, ["--strict", "sheets", "import", str(folder), str(workbook)])
    assert res.exit_code == 1, res.output
    assert not (folder / "ratings" / "j1.csv").exists()
