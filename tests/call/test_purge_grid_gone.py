"""``isgrid call purge`` of an old call whose grid is gone: it loaded the whole call, grid
included, so a call whose grid file was deleted or renamed, or whose grid id this isgrid no
longer ships, could not be purged (unknown-grid, exit 2), which is exactly when an old call
is purged.  What the purge removes is read in the files themselves, never through the grid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from isgrid.cli.main import cli
from testpaths import EXAMPLES, ROOT


def _old_call(tmp_path: Path, grid: str) -> Path:
    """examples/alsace-2016 with its grid named ``grid`` in call.yaml (its file not there),
    kept 12 months since 2024-06-30 (due on 2025-06-30), ``email`` its contact fact, given
    by AL16-01."""
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["grid"] = grid
    cfg["retention"] = {"months": 12, "since": "2024-06-30", "contact_facts": ["email"]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    with (call / "dossiers" / "AL16-01.yaml").open("a", encoding="utf-8") as f:
        f.write('email: "contact@sundgau-reemploi.example"\n')
    return call


# a file deleted; an id isgrid does not ship; a version it does not keep (it ships
# alsace-aap-2016 at version 1 only)
@pytest.mark.parametrize("grid", ["grid.yaml", "alsace-aap-2009", "alsace-aap-2016@0"])
def test_a_call_whose_grid_is_gone_is_purged_and_says_so(tmp_path: Path, grid: str) -> None:
    call = _old_call(tmp_path, grid)
    if grid == "grid.yaml":  # the grid copied into the call, then deleted
        shutil.copy(ROOT / "grids" / "alsace-aap-2016.yaml", call / "grid.yaml")
        check = CliRunner().invoke(cli, ["call", "check", str(call)])
        assert check.exit_code == 0, check.output
        (call / "grid.yaml").unlink()
    dry = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2025-07-01"])
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    said = lines.index(f"the grid {grid} was not found: the purge does not need it (the "
                       "dossiers and ratings were not checked against it)")
    assert said < lines.index("would pseudonymise: Hélène Schaeffer -> Juré 1")
    assert "would remove: email from dossiers/AL16-01.yaml" in lines
    # examples/alsace-2016/ratings/j1.csv: 5 of its rows have a comment
    assert "would empty: 5 comments in ratings/j1.csv" in dry.output
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    assert "purged" in res.output.splitlines()
    text = (call / "call.yaml").read_text("utf-8")
    assert "Hélène Schaeffer" not in text and "Juré 1" in text
    assert "sundgau-reemploi" not in (call / "dossiers" / "AL16-01.yaml").read_text("utf-8")
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "purge", str(call),
                                  "--today", "2025-07-01"])
    assert fr.exit_code == 0, fr.output
    assert (
        f"la grille {grid} est introuvable\u00a0: la purge n'en a pas besoin (les dossiers "
        "et les notes n'ont pas été vérifiés avec elle)") in fr.output.splitlines()


def test_a_call_whose_grid_is_found_is_still_refused_with_its_errors(tmp_path: Path) -> None:
    """The grid there, the call is loaded as before: a call with errors is not purged."""
    call = _old_call(tmp_path, "alsace-aap-2016")
    (call / "dossiers" / "AL16-01.yaml").write_text("id: [oops\n", "utf-8")
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2025-07-01"])
    assert res.exit_code != 0
    assert "was not found" not in res.output


def test_a_grid_path_leaving_the_folder_is_no_missing_grid(tmp_path: Path) -> None:
    call = _old_call(tmp_path, "../grid.yaml")
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2025-07-01"])
    assert res.exit_code != 0 and "[path-escape]" in res.output
    assert "was not found" not in res.output
