"""The séance commands' hints say what to type (review s18 F8): a dossier id without its
zero (« IS-9 » for « IS-09 »), a consensus value off the scale (its levels and labels)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from clirun import norm
from isgrid.cli import cli
from testpaths import ROOT


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    return folder


def test_decide_on_an_id_without_its_zero_names_the_dossier(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    res = CliRunner().invoke(cli, ["--lang", "fr", "decide", str(folder), "AL16-7",
                                   "--outcome", "retenu", "--by", "x", "--reason", "y"])
    assert res.exit_code != 0
    assert "Vouliez-vous dire « AL16-07 » ?" in norm(res.output), res.output


def test_a_consensus_value_off_the_scale_lists_its_levels(tmp_path: Path) -> None:
    # ALS-3 is on note04 (0 Insuffisant … 4 Très bon), with half steps (call.yaml's set)
    folder = _call(tmp_path)
    args = ["consensus", "set", str(folder), "AL16-02", "ALS-3", "7", "--by", "x",
            "--reason", "y"]
    res = CliRunner().invoke(cli, ["--lang", "fr", *args])
    assert res.exit_code != 0
    assert ("Indice : Donnez un des niveaux de l'échelle : 0 (Insuffisant) ; 1 (Faible) ; "
            "2 (Moyen) ; 3 (Bon) ; 4 (Très bon) ; les demi-points (0,5 ; 1,5 ; 2,5 ; 3,5) "
            "sont acceptés aussi.") in norm(res.output), res.output
    res = CliRunner().invoke(cli, ["--lang", "en", *args])
    assert ("Hint: Give one of the scale's levels: 0 (Insuffisant), 1 (Faible), 2 (Moyen), "
            "3 (Bon), 4 (Très bon); half steps (0.5, 1.5, 2.5, 3.5) are accepted too."
            ) in res.output, res.output
