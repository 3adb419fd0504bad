"""``isgrid score --format csv`` writes every number to the places a total is kept to
(``engine.judge.TOTAL_DECIMALS``, 9): a criterion's mean of three ratings read
« 3,6666666666666665 » beside a total of « 84,821428571 ».  The JSON keeps full precision."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.cli import cli

ELIGIBLE = {"region": "Alsace", "amount_requested": 10000,
            "partners": [{"name": "U", "type": "recherche"},
                         {"name": "V", "type": "collectivite"}]}
# three jurors: B1 = (4 + 4 + 3) / 3 = 11/3, I1 = (3 + 3 + 4) / 3 = 10/3, B2 = 3; weights
# B1 2 x 2/3 = 4/3, B2 2 x 1/3 = 2/3, I1 1: total = 100 x (4/3 x 11/12 + 2/3 x 3/4
# + 10/12) / 3 = 100 x 23/27 = 85.185185185185...
RATINGS = [("D1", j, c, v) for j, b1, i1 in (("j1", 4, 3), ("j2", 4, 3), ("j3", 3, 4))
           for c, v in (("B1", b1), ("B2", 3), ("I1", i1))] + [("D1", "i1", "X1", 0)]


def scored(tmp_path: Path, *args: str) -> str:
    folder = make_call(tmp_path, "mini-scored", dossiers=[{"id": "D1"} | ELIGIBLE],
                       ratings=RATINGS,
                       call={"assessors": [{"id": j} for j in ("j1", "j2", "j3")]
                             + [{"id": "i1", "role": "instructeur"}]})
    res = CliRunner().invoke(cli, [*args[:2], "score", str(folder), *args[2:]])
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.mark.parametrize(("lang", "sep", "total", "b1", "i1"), [
    ("fr", ";", "85,185185185", "3,666666667", "3,333333333"),
    ("en", ",", "85.185185185", "3.666666667", "3.333333333")])
def test_criterion_values_to_nine_places(tmp_path: Path, lang: str, sep: str, total: str,
                                         b1: str, i1: str) -> None:
    text = scored(tmp_path, "--lang", lang, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep))
    assert [(r["id"], r["total"], r["B1"], r["B2"], r["I1"], r["X1"]) for r in rows] == [
        ("D1", total, b1, "3", i1, "0")]


def test_json_keeps_full_precision(tmp_path: Path) -> None:
    result = json.loads(scored(tmp_path, "--lang", "en", "--format", "json"))
    crit = result["dossiers"][0]["criteria"]
    assert crit["B1"]["value"] == 11 / 3 and crit["I1"]["value"] == 10 / 3
    assert result["dossiers"][0]["total"] == round(2300 / 27, 9)
