"""``decision.proposed`` follows the reserve the journal recomputed (review s18 F6): a
dossier a withdrawal moved onto the reserve is proposed « réserve », never « non
retenu » beside ``status: réserve``.  Worked by hand below (tests/decisions_calls.py:
total = 100 x (Q1 + Q2) / 8, amounts half the eligible costs at most)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score

#: D1 100 (20 000), D2 87,5 (15 000), D3 75 (10 000), D4 62,5 (25 000), D5 50 (5 000),
#: D6 37,5 (3 000); budget 50 000, a reserve of 2
DOSSIERS = {
    "D1": (4, 4, 20000, 40000, "urbain", "association", "emploi"),
    "D2": (4, 3, 15000, 30000, "urbain", "scop", "emploi"),
    "D3": (3, 3, 10000, 25000, "rural", "association", "mobilite"),
    "D4": (3, 2, 25000, 50000, "urbain", "scop", "emploi"),
    "D5": (3, 1, 5000, 10000, "rural", "association", "mobilite"),
    "D6": (2, 1, 3000, 6000, "rural", "scop", "emploi"),
}


def test_a_dossier_the_withdrawal_moved_onto_the_reserve_is_proposed_reserve(
        tmp_path: Path) -> None:
    folder = seance_call(tmp_path, dossiers=DOSSIERS)
    # the proposal: D1 + D2 + D3 = 45 000, D4 (25 000) does not fit the 5 000 left: the
    # line; the reserve D4, D5; D6 not retained
    before = score(load_call(folder))
    assert before.current is not None
    assert before.current.selected == ("D1", "D2", "D3")
    assert before.current.reserve == ("D4", "D5")
    assert before.dossier("D6").decision.proposed == "non retenu"
    res = CliRunner().invoke(cli, ["withdraw", str(folder), "D1", "--by", "S",
                                   "--reason", "courrier"])
    assert res.exit_code == 0, res.output
    # D1 withdrawn frees 20 000: 25 000 left, D4 (25 000) is proposed in its place; the
    # reserve is recomputed: D5, then D6
    after = score(load_call(folder)).to_json()
    d = {x["id"]: x for x in after["dossiers"]}
    assert after["selection"]["decided"]["selected"] == ["D2", "D3", "D4"]
    assert after["selection"]["decided"]["reserve"] == ["D5", "D6"]
    assert (d["D6"]["status"], d["D6"]["decision"]["computed"],
            d["D6"]["decision"]["proposed"]) == ("réserve", "non retenu", "réserve")
    assert (d["D5"]["decision"]["computed"], d["D5"]["decision"]["proposed"]) == (
        "réserve", "réserve")
    assert d["D4"]["decision"]["proposed"] == "retenu"
    assert d["D1"]["decision"]["proposed"] == "retiré"
