"""What the jury proposed stays « Proposé » once the vote granted it (review s11 rev-chair
F3): alsace-2016's AL16-01 asks 32 000 €, the call computes 27 000 €; the jury retains it
with 20 000 €, the vote grants 20 000 €.  Before, once voted, the PV's and the JSON's
« proposed » fell back to the computed 27 000 €: a reader understood the jury proposed
27 000 € and the commission cut it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES


def _run(*args: object) -> None:
    res = CliRunner().invoke(cli, ["--lang", "fr", *map(str, args)])
    assert res.exit_code == 0, res.output


def _amounts(tmp_path: Path, jury_amount: str | None) -> tuple[dict, str]:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    if jury_amount is not None:
        _run("decide", folder, "AL16-01", "--outcome", "retenu", "--amount", jury_amount,
             "--by", "Jury", "--reason", "r", "--motivation", "Le jury ramène l'aide.")
    _run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "retenu", "--amount",
         "20000", "--by", "CP", "--reason", "v")
    _run("score", folder, "--format", "json", "-o", tmp_path / "r.json")
    _run("minutes", folder, "-o", tmp_path / "pv.html")
    d = next(x for x in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["dossiers"]
             if x["id"] == "AL16-01")
    page = re.sub(r"<[^>]+>", " ", (tmp_path / "pv.html").read_text(encoding="utf-8"))
    page = re.sub(r"\s+", " ", page.replace("\u202f", " ").replace("\xa0", " "))
    row = page[page.index("1 AL16-01 "):][:160]
    return d["amounts"], row


def test_the_jury_s_amount_stays_proposed_once_voted(tmp_path: Path) -> None:
    amounts, row = _amounts(tmp_path, "20 000")
    assert amounts == {"requested": 32000, "proposed": 20000, "granted": 20000}
    assert "32 000 € 20 000 € 20 000 €" in row


def test_without_a_jury_amount_the_computed_one_is_proposed(tmp_path: Path) -> None:
    amounts, row = _amounts(tmp_path, None)  # the vote alone cuts 27 000 to 20 000
    assert amounts == {"requested": 32000, "proposed": 27000, "granted": 20000}
    assert "32 000 € 27 000 € 20 000 €" in row
