"""A séance command run twice records nothing the second time: a second withdrawal of the
same dossier said « retiré (il n'était pas sélectionné : aucun montant libéré) » and added
an entry; a second identical consensus recorded « 2 -> 2 »."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NB = "\u00a0"


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--lang", "fr", *args])
    return res.exit_code, res.output


def _entries(folder: Path) -> int:
    return len((folder / "journal.jsonl").read_text(encoding="utf-8").splitlines())


def test_twice(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    f = str(folder)
    assert _run("withdraw", f, "AL16-02", "--by", "S", "--reason", "courrier")[0] == 0
    code, out = _run("withdraw", f, "AL16-02", "--by", "S", "--reason", "courrier")
    assert code == 1 and "AL16-02 est déjà retiré (entrée 1 du journal) [bad-decision]" in out
    assert _entries(folder) == 1
    args = ("consensus", "set", f, "AL16-07", "ALS-4", "2", "--by", "P", "--reason", "r")
    assert _run(*args)[0] == 0
    code, out = _run(*args)
    assert code == 1 and "ALS-4 d'AL16-07 vaut déjà 2 (entrée 2 du journal)" in out, out
    assert _entries(folder) == 2
    # another value is a new decision of the committee
    assert _run("consensus", "set", f, "AL16-07", "ALS-4", "3", "--by", "P",
                "--reason", "r")[0] == 0
    assert _entries(folder) == 3
    last = json.loads((folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert (last["kind"], last["value"]) == ("consensus", 3)


def test_journal_show_in_french(tmp_path: Path) -> None:
    """Kinds in words, money as money, « qui : motif » (it printed « withdrawal »,
    « retenu 27000 », « Présidente: relecture » under --lang fr)."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    f = str(folder)
    assert _run("consensus", "set", f, "AL16-07", "ALS-4", "2,5", "--by", "Présidente",
                "--reason", "relecture")[0] == 0
    assert _run("decide", f, "AL16-01", "--stage", "vote", "--outcome", "retenu", "--amount",
                "27000", "--by", "CP", "--reason", "délibération")[0] == 0
    assert _run("withdraw", f, "AL16-02", "--by", "S", "--reason", "courrier")[0] == 0
    code, out = _run("journal", "show", f)
    assert code == 0
    lines = [re.sub(" +", " ", x.strip()) for x in out.splitlines()]
    assert lines == [f"1 jury consensus AL16-07 ALS-4=2,5 Présidente{NB}: relecture",
                     f"2 vote décision AL16-01 retenu 27\u202f000\u202f€ CP{NB}: délibération",
                     f"3 jury retrait AL16-02 retiré S{NB}: courrier"]


def test_the_value_call_yaml_already_holds(tmp_path: Path) -> None:
    """alsace-2016's call.yaml sets ALS-5 of AL16-02 to 3: « 3 -> 3 » was recorded."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    code, out = _run("consensus", "set", str(folder), "AL16-02", "ALS-5", "3", "--by", "P",
                     "--reason", "r")
    assert code == 1 and "ALS-5 d'AL16-02 vaut déjà 3 (consensus de call.yaml)" in out, out
    assert not (folder / "journal.jsonl").exists()

