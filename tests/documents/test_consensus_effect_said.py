"""What a consensus did to its dossier's standing, in the minutes (review s16 recours,
task 1), and who recorded an entry when that member stayed out of the dossier's
deliberation (task 2).

tests/recourscalls.py, worked by hand: AL16-07's ALS-4, rated 1, 2, 1 by the jurors
(mean 1,33 under the floor 2), set to 2 by the séance's consensus (journal entry 1):

* without it, AL16-07 is below a floor: not ranked, the proposal's status « non classé »;
  the vote of CP-2016-06-02 retains it all the same (status « retenu »);
* with it, its total is 73,81: 4th after AL16-01 (84,8), AL16-02 (77,4) and AL16-05
  (75,0); the proposal's walk of the 52 000 € takes AL16-01 (27 000) and AL16-02
  (24 000), 51 000 €, and AL16-05's 20 000 € do not fit the 1 000 € left: AL16-07 is
  « réserve » in the proposal, « retenu » after the withdrawal and the vote.

A consensus at 4 on AL16-01's ALS-1 (j1's 3 and j3's 4: 3,5; j2, who rated 4, is recused
from AL16-01) raises the first total of the call: AL16-01 stays 1st and retained, « sans effet sur la proposition ».
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pvwords import pv_words, scored

import isgrid
from clirun import norm, run
from isgrid.call.model import Consensus
from isgrid.engine import Scenario
from isgrid.engine.consensus_effect import (
    ConsensusEffect,
    Standing,
    consensus_effects,
    yaml_consensus_effects,
)
from isgrid.errors import UsageError
from recourscalls import recours_call


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return " ".join(norm(html.unescape(re.sub(r"<[^>]+>", " ", raw))).split())


def test_the_engine_says_the_standing_without_and_with_each_consensus(tmp_path: Path) -> None:
    folder = recours_call(tmp_path)
    run("consensus", "set", folder, "AL16-01", "ALS-1", "4", "--by", "Jury", "--reason", "r")
    call = isgrid.load_call(folder)
    result = isgrid.score(call)
    effects = consensus_effects(call, result)
    assert effects[1] == ConsensusEffect(
        1, "AL16-07", "ALS-4", without=Standing("non classé", None),
        with_=Standing("réserve", 4))
    assert effects[1].proposal_moved
    last = max(effects)
    assert effects[last].without == effects[last].with_ == Standing("retenu", 1)
    assert not effects[last].proposal_moved
    # one dossier's only (the access document's): one proposal run, not two
    assert list(consensus_effects(call, result, dossiers=["AL16-01"])) == [last]


def test_the_minutes_say_what_each_consensus_did(tmp_path: Path) -> None:
    folder = recours_call(tmp_path)
    run("consensus", "set", folder, "AL16-01", "ALS-1", "4", "--by", "Jury", "--reason", "r")
    run("minutes", folder, "-o", tmp_path / "pv.html")
    pv = _text(tmp_path / "pv.html")
    # AL16-07 is voted retenu; that is the vote's line, not the consensus's: the consensus
    # says what it did to the jury's proposal (s16 guide, finding 2)
    assert ("consensus ALS-4 : 1,3 → 2 (sous le plancher de 2 → plancher atteint) ; sans ce "
            "consensus, le jury proposait : non classé ; avec : 4ᵉ, réserve ") in pv
    assert "consensus ALS-1 : 3,5 → 4 ; sans effet sur la proposition" in pv
    # the Word minutes print the same line
    docx = " ".join(norm(pv_words(*scored(folder), "docx")).split())
    assert ("sans ce consensus, le jury proposait : non classé ; avec : 4ᵉ, réserve") in docx
    # call.yaml's consensus on AL16-02's ALS-5 (weight 1 of 7, the jurors' 2,67 -> 3):
    # without it AL16-02 totals 77,38 - 100 x (1/3) / 28 = 76,19, still above AL16-05's 75
    assert "call.yaml AL16-02 consensus ALS-5 : 2,7 → 3 ; sans effet sur la proposition" in pv
    run("minutes", folder, "-o", tmp_path / "pv-en.html", "--lang", "en")
    en = _text(tmp_path / "pv-en.html")
    assert ("; without this consensus the jury proposed: not ranked; with it: 4th, reserve "
            in en)
    assert "consensus ALS-1: 3.5 → 4; no effect on the proposal" in en


def test_a_cancelled_consensus_says_no_effect(tmp_path: Path) -> None:
    folder = recours_call(tmp_path)
    run("journal", "cancel", folder, "1", "--by", "Secrétariat", "--reason", "erreur")
    call = isgrid.load_call(folder)
    assert consensus_effects(call, isgrid.score(call)) == {}
    run("minutes", folder, "-o", tmp_path / "pv.html")
    pv = _text(tmp_path / "pv.html")
    assert "consensus ALS-4 : 1,3 → 2" in pv
    # nothing of entry 1's effect; call.yaml's AL16-02 ALS-5 only says it did nothing
    assert "sans ce consensus" not in pv
    assert pv.count("sans effet sur la proposition") == 1
    assert "consensus ALS-5 : 2,7 → 3 ; sans effet sur la proposition" in pv


def test_a_consensus_replaced_later_has_no_effect_of_its_own(tmp_path: Path) -> None:
    # AL16-07's ALS-4 set to 2 (entry 1), then to 3 (entry 6): entry 1 is not in effect;
    # without entry 6 the cell holds entry 1's 2, the total 73,81: AL16-07 4th all the same
    folder = recours_call(tmp_path)
    run("consensus", "set", folder, "AL16-07", "ALS-4", "3", "--by", "Jury", "--reason", "r")
    call = isgrid.load_call(folder)
    effects = consensus_effects(call, isgrid.score(call))
    assert list(effects) == [6]
    assert effects[6].without.rank == 4


MEETING_OUT = """
  interests:
    - {member: Hélène Schaeffer, dossier: AL16-07, text: association partenaire}
  left_room:
    - {member: Hélène Schaeffer, dossier: AL16-07}
    - {member: Sophie Kuntz, dossier: AL16-03}
"""


def test_the_minutes_say_an_entry_recorded_by_a_member_out_of_the_room(
        tmp_path: Path) -> None:
    # the example's conflicts recuse Marc Wendling (j2) from AL16-01; the chair, Hélène
    # Schaeffer, declared an interest in AL16-07 and left the room; Sophie Kuntz left the
    # room for AL16-03
    folder = recours_call(tmp_path, seance=False)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8").replace(
        "  vote: {body: Commission permanente", MEETING_OUT.lstrip("\n")
        + "  vote: {body: Commission permanente")
    yaml.write_text(text, encoding="utf-8")
    run("consensus", "set", folder, "AL16-07", "ALS-4", "2", "--by", "Présidente",
        "--reason", "relecture du budget en séance")
    run("decide", folder, "AL16-01", "--outcome", "retenu", "--by", "j2", "--reason", "r")
    run("decide", folder, "AL16-03", "--outcome", "réserve", "--by", "Sophie Kuntz",
        "--reason", "r")
    run("decide", folder, "AL16-05", "--outcome", "non-retenu", "--by", "Jury",
        "--reason", "r")
    run("decide", folder, "AL16-04", "--outcome", "réserve", "--by", "Marc Wendling",
        "--reason", "r")
    run("minutes", folder, "-o", tmp_path / "pv.html")
    pv = _text(tmp_path / "pv.html")
    assert ("(enregistré par Hélène Schaeffer, qui avait déclaré un intérêt sur ce dossier "
            "et quitté la salle)") in pv
    assert "jury : retenu (enregistré par Marc Wendling, membre récusé sur ce dossier)" in pv
    assert ("jury : réserve (enregistré par Sophie Kuntz, qui avait quitté la salle pour ce "
            "dossier)") in pv
    assert pv.count("enregistré par") == 3  # not the Jury's, nor j2's on another dossier
    run("minutes", folder, "-o", tmp_path / "pv-en.html", "--lang", "en")
    en = _text(tmp_path / "pv-en.html")
    assert ("(recorded by Hélène Schaeffer, who had declared an interest in this dossier and "
            "left the room for it)") in en
    assert "(recorded by Marc Wendling, who is recused from this dossier)" in en
    assert "(recorded by Sophie Kuntz, who had left the room for this dossier)" in en


def test_call_yamls_consensus_values_are_read_alike(tmp_path: Path) -> None:
    folder = recours_call(tmp_path)
    call = isgrid.load_call(folder)
    result = isgrid.score(call)
    same = Standing("retenu", 2)  # AL16-02 (withdrawn since): proposed 2nd with or without
    assert yaml_consensus_effects(call, result) == {
        ("AL16-02", "ALS-5"): ConsensusEffect(None, "AL16-02", "ALS-5", same, same)}
    # without the value, the pipeline gives AL16-02 the jurors' 2,67: 76,19
    without = isgrid.score(call, Scenario(consensus=[]))
    assert round(without.dossier("AL16-02").total, 2) == 76.19
    # a journal consensus on the same cell replaces it: call.yaml's is no longer in effect
    run("consensus", "set", folder, "AL16-02", "ALS-5", "4", "--by", "Jury", "--reason", "r")
    call = isgrid.load_call(folder)
    assert yaml_consensus_effects(call, isgrid.score(call)) == {}


def test_a_scenario_refuses_consensus_values_that_do_not_fit(tmp_path: Path) -> None:
    call = isgrid.load_call(recours_call(tmp_path, seance=False))
    for bad in (["AL16-02 ALS-5 3"], [Consensus(dossier="X", criterion="ALS-5", value=3,
                                                reason="r")]):
        with pytest.raises(UsageError) as caught:
            isgrid.score(call, Scenario(consensus=bad))
        assert caught.value.diagnostics[0].code == "bad-scenario"


def test_a_status_moved_by_a_decision_alone_is_no_effect_on_the_proposal() -> None:
    # s16 guide, finding 2: the proposal (rank, proposed status) is the consensus's; a
    # status the decisions gave is their own line's (a standing holds none)
    from isgrid.documents.consensus_effect import effect_text
    from isgrid.i18n import translator
    same = ConsensusEffect(1, "D1", "Q1", without=Standing("réserve", 4),
                           with_=Standing("réserve", 4))
    assert not same.proposal_moved
    assert effect_text(same, translator("decisions", "fr"), "fr") \
        == "\u202f; sans effet sur la proposition"
    moved = ConsensusEffect(1, "D1", "Q1", without=Standing("non classé", None),
                            with_=Standing("réserve", 4))
    assert moved.proposal_moved
    assert effect_text(moved, translator("decisions", "en"), "en") \
        == "; without this consensus the jury proposed: not ranked; with it: 4th, reserve"
