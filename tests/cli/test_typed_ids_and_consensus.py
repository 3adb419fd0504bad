"""A dossier id typed on the command line is read as in a workbook (its surrounding spaces
left out), and a consensus that changes nothing is said before it is sealed in the journal.

alsace-2016: AL16-05's ALS-2 is 3 by its three jurors' ratings, no consensus on it.  j2's
ratings of AL16-01, under a déport, are left out of the copy: their warning would stop every
``--strict`` command.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NB = "\u00a0"


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    j2 = folder / "ratings" / "j2.csv"
    lines = j2.read_text(encoding="utf-8").splitlines()
    j2.write_text("\n".join(x for x in lines if not x.startswith("AL16-01,")) + "\n",
                  encoding="utf-8")
    return folder


def _entries(folder: Path) -> list[dict[str, object]]:
    path = folder / "journal.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_dossier_id_pasted_with_spaces_is_the_dossier(tmp_path: Path) -> None:
    """« AL16-05 » pasted with a space after it was refused as unknown, with « Vouliez-vous
    dire 'AL16-05' ? »; in a workbook the same cell was read as AL16-05."""
    folder = _call(tmp_path)
    run = CliRunner().invoke(cli, ["--lang", "fr", "decide", str(folder), " AL16-05 ",
                                   "--outcome", "retenu", "--by", "Jury", "--reason", "ex æquo",
                                   "--motivation", "Projet solide."])
    assert run.exit_code == 0, run.output
    assert run.output.startswith("AL16-05 à l'étape jury")
    assert [(e["kind"], e["dossier"]) for e in _entries(folder)] == [("decision", "AL16-05")]
    run = CliRunner().invoke(cli, ["consensus", "set", str(folder), "AL16-05\u00a0", "ALS-4",
                                   "4", "--by", "Jury", "--reason", "séance"])
    assert run.exit_code == 0, run.output
    assert [(e["kind"], e["dossier"]) for e in _entries(folder)][-1] == ("consensus",
                                                                         "AL16-05")


def test_a_consensus_equal_to_the_jurors_value_is_said_before_it_is_recorded(
        tmp_path: Path) -> None:
    folder = _call(tmp_path)
    args = ["consensus", "set", str(folder), "AL16-05", "ALS-2", "3", "--by", "Présidente",
            "--reason", "le comité confirme"]
    run = CliRunner().invoke(cli, ["--lang", "fr", "--strict", *args])
    assert run.exit_code == 1
    assert (f"Avertissement{NB}: ALS-2 d'AL16-05 vaut déjà 3 d'après les notes des jurés{NB}: "
            "le consensus ne change rien maintenant, et garde 3 quelles que soient les notes à "
            "venir [consensus-unchanged]") in run.output
    assert _entries(folder) == []  # --strict: nothing sealed
    run = CliRunner().invoke(cli, ["--lang", "fr", *args])
    assert run.exit_code == 0
    assert "[consensus-unchanged]" in run.output
    assert f"AL16-05 ALS-2{NB}: 3 -> 3" in run.output
    assert [(e["kind"], e["criterion"], e["value"]) for e in _entries(folder)] == [
        ("consensus", "ALS-2", 3)]


def test_a_consensus_that_changes_the_value_says_nothing_more(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    run = CliRunner().invoke(cli, ["--lang", "fr", "--strict", "consensus", "set",
                                   str(folder), "AL16-05", "ALS-2", "4", "--by", "Présidente",
                                   "--reason", "audition"])
    assert run.exit_code == 0, run.output
    assert "consensus-unchanged" not in run.output
    assert f"AL16-05 ALS-2{NB}: 3 -> 4" in run.output
