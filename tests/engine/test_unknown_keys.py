"""Which of a dossier's values are still unknown, and which role rates each: one reading
(:func:`isgrid.engine.eligibility.unknown_keys`, :meth:`DossierResult.unknown_keys`) and
one rule for the role (:meth:`isgrid.grid.model.Grid.rated_by`), that the letters, the
séance pages and the committee report all call.

On ``examples/alsace-2016`` (grid alsace-aap-2016: the rule ``territoire-alsace`` on the
fact ``departement``, then the eliminatory criteria ALS-E1, ALS-E2, ALS-E3, each
``rated_by: instructeur``; the funding rate needs ``eligible_costs``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.engine import Result, score
from isgrid.engine.eligibility import unknown_keys
from testpaths import EXAMPLES


def _alsace(tmp_path: Path, *, drop: tuple[str, ...] = (), consensus: bool = False) -> Result:
    """alsace-2016 scored without the instructor i1's ratings ``drop`` (« dossier,criterion »
    each, all « oui » in the example); ``consensus``: with ``require_consensus: true``."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ratings = folder / "ratings" / "i1.csv"
    lines = ratings.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith(tuple(
        f"{d},i1,{c},oui," for d, c in (k.split(",") for k in drop)))]
    assert len(kept) == len(lines) - len(drop)
    ratings.write_text("".join(kept), encoding="utf-8")
    if consensus:
        with (folder / "call.yaml").open("a", encoding="utf-8") as f:
            f.write("require_consensus: true\n")
    return score(load_call(folder))


def test_the_reading_by_hand() -> None:
    # rules and criteria in the eligibility's order (a pass and a fail are known), then
    # the facts in the flags' order; a rule's own unknown: flag is not said twice; the
    # ratings the jurors owe are no value to check
    eligibility = {"r1": "pass", "r2": "unknown", "E1": "fail", "E2": "unknown"}
    flags = ("ineligible:E1", "unknown:r2", "unknown:E2", "unknown:eligible_costs",
             "consensus-missing:C1", "incomplete:C2", "below-min-ratings",
             "unknown:amount_requested", "below-threshold")
    assert unknown_keys(eligibility, flags) == ("r2", "E2", "eligible_costs",
                                                "amount_requested")
    assert unknown_keys({"r1": "pass", "E1": "fail"}, ("ineligible:E1",)) == ()


def test_an_eliminatory_value_the_instructor_rates(tmp_path: Path) -> None:
    # AL16-03 without i1's ALS-E1: that criterion unknown, rated by the instructor;
    # AL16-04 without its ALS-E2: one instructor's criterion only
    result = _alsace(tmp_path, drop=("AL16-03,ALS-E1", "AL16-04,ALS-E2"))
    grid = load_call(tmp_path / "appel").grid.grid
    d = result.dossier("AL16-03")
    assert d.status == "à vérifier"
    assert d.unknown_keys() == ("ALS-E1",)
    assert [grid.rated_by(k) for k in d.unknown_keys()] == ["instructeur"]
    assert result.dossier("AL16-04").unknown_keys() == ("ALS-E2",)
    # a rule on a fact, a fact the money needs, a criterion every juror rates, an id the
    # grid does not have: nobody's but the applicant's
    assert grid.rated_by("territoire-alsace") is None
    assert grid.rated_by("eligible_costs") is None
    assert grid.rated_by("ALS-1") is None
    assert grid.rated_by("nothing") is None
    # AL16-05: its eligible costs are not given (the example's)
    assert result.dossier("AL16-05").unknown_keys() == ("eligible_costs",)


def test_a_missing_consensus_is_nothing_to_check(tmp_path: Path) -> None:
    # require_consensus: only AL16-02's ALS-5 has a consensus value; every other counting
    # criterion of every dossier lacks one: AL16-02 « incomplet », nothing to check
    result = _alsace(tmp_path, drop=("AL16-03,ALS-E1",), consensus=True)
    d = result.dossier("AL16-02")
    assert d.status == "incomplet"
    assert "consensus-missing:ALS-1" in d.flags and "consensus-missing:ALS-5" not in d.flags
    assert d.unknown_keys() == ()
    # AL16-03 lacks a consensus value on each of the grid's seven counting criteria, and
    # i1's ALS-E1: only the latter is to check
    d = result.dossier("AL16-03")
    assert d.status == "à vérifier"
    assert sum(f.startswith("consensus-missing:") for f in d.flags) == 7
    assert d.unknown_keys() == ("ALS-E1",)


def test_a_complete_dossier(tmp_path: Path) -> None:
    result = _alsace(tmp_path)
    d = result.dossier("AL16-01")
    assert d.status == "retenu"
    assert set(d.eligibility.values()) == {"pass"}
    assert d.unknown_keys() == ()
    # AL16-06 failed ALS-E3 (« non »): a value known, nothing left to check
    d = result.dossier("AL16-06")
    assert d.status == "irrecevable" and d.eligibility["ALS-E3"] == "fail"
    assert d.unknown_keys() == ()
