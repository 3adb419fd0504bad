"""``isgrid decisions``' table says what ``isgrid score``'s says, in the same words: the
statuses and outcomes in the table's language, the granted amount as money (« 14 000 € »,
« €14,000 »), the flags in words (« désaccord ALS-5 »); it printed ``14000`` and flag
codes (``disagreement:ALS-5``) under French headings before."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from clirun import table_cells
from isgrid.cli import cli
from testpaths import EXAMPLES

NNBSP = "\u202f"
NBSP = "\u00a0"
#: the note under the table when an amount is the jury's proposal
NOTES = ("proposé\u00a0:", "proposed:")


def _decided(tmp_path: Path) -> Path:
    """alsace-2016 with one vote: AL16-03 (réserve in the jury's proposal) retenu, 14 000 €."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run = CliRunner().invoke(cli, [
        "decide", str(folder), "AL16-03", "--stage", "vote", "--outcome", "retenu",
        "--amount", "14000", "--votes", "10/0/1", "--by", "président", "--reason", "vote"])
    assert run.exit_code == 0, run.output
    return folder


def _rows(folder: Path, *lang: str) -> dict[str, list[str]]:
    run = CliRunner().invoke(cli, [*lang, "decisions", str(folder)])
    assert run.exit_code == 0, run.output
    lines = [line for line in run.stdout.splitlines() if not line.startswith(NOTES)]
    assert all(line == line.rstrip() for line in lines)  # no trailing blanks
    # every line cut at the same places, the columns found from the table itself (each as
    # wide as its widest cell): rank, dossier, computed, decided, status, amount, nature,
    # flags; no column runs into the next (two spaces between them)
    cut = table_cells(lines, 8)
    return {c[1]: c for c in cut}


def test_the_table_in_french(tmp_path: Path) -> None:
    rows = _rows(_decided(tmp_path), "--lang", "fr")
    assert rows["dossier"] == ["rang", "dossier", "calculé", "décidé", "statut", "montant",
                               "nature", "signalements"]
    assert rows["AL16-03"] == ["4", "AL16-03", "réserve", "retenu", "retenu",
                               f"14{NNBSP}000{NNBSP}€", "attribué", "décidé ≠ proposé"]
    assert rows["AL16-02"][-1] == "désaccord ALS-5"
    assert rows["AL16-01"][-1] == "déport"  # never the juror's id (conflict-excluded:j2)
    assert rows["AL16-04"][2:] == ["réserve", "-", "réserve", "-", "", ""]  # nothing decided


def test_the_table_in_english(tmp_path: Path) -> None:
    rows = _rows(_decided(tmp_path), "--lang", "en")
    assert rows["AL16-03"] == ["4", "AL16-03", "reserve", "selected", "selected", "€14,000",
                               "granted", "not as proposed"]
    # the computed column says the
    # status the engine computed (« not ranked »), never that status as an outcome
    assert rows["AL16-07"][2:5] == ["not ranked", "-", "not ranked"]
    # the glossary's English word (docs/glossary.md: déport, recusal), never « déport »
    assert rows["AL16-01"][-1] == "recusal"


def test_a_jury_amount_is_proposed_until_the_vote(tmp_path: Path) -> None:
    """A jury-stage ``retenu --amount`` before any vote: the amount is the jury's
    proposal, never « attribué » (docs/decisions.md: amounts are granted by the vote); the
    vote's own amount is « attribué »."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run = CliRunner().invoke(cli, [
        "decide", str(folder), "AL16-02", "--stage", "jury", "--outcome", "retenu",
        "--amount", "12000", "--by", "président", "--reason", "jury"])
    assert run.exit_code == 0, run.output
    rows = _rows(folder, "--lang", "fr")
    assert rows["AL16-02"][5:7] == [f"12{NNBSP}000{NNBSP}€", "proposé"]
    out = CliRunner().invoke(cli, ["--lang", "fr", "decisions", str(folder)]).stdout
    assert out.splitlines()[-1] == (f"proposé{NBSP}: montant proposé par le jury{NNBSP}; "
                                    "seul le vote l'attribue.")
    assert "attribué " not in out and "proposed" not in out
    en = _rows(folder, "--lang", "en")
    assert en["AL16-02"][5:7] == ["€12,000", "proposed"]
    # the vote grants it: « attribué », the note gone
    run = CliRunner().invoke(cli, [
        "decide", str(folder), "AL16-02", "--stage", "vote", "--outcome", "retenu",
        "--votes", "10/0/1", "--by", "président", "--reason", "vote"])
    assert run.exit_code == 0, run.output
    rows = _rows(folder, "--lang", "fr")
    assert rows["AL16-02"][5:7] == [f"12{NNBSP}000{NNBSP}€", "attribué"]
    out = CliRunner().invoke(cli, ["--lang", "fr", "decisions", str(folder)]).stdout
    assert "montant proposé par le jury" not in out
