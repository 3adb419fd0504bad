"""The rule that says which dossiers a vote decides (isgrid.engine.status.decided_by_vote,
Result.decided_by_vote; docs/decisions.md, "Which dossiers a vote decides").  alsace-2016
proposes AL16-01 (27 000 €) and AL16-02 (24 000 €), the reserve AL16-03 (15 000 €) and
AL16-04 (20 000 €); AL16-05 is to check (decided « non retenu » at the jury's stage
here), AL16-06 irrecevable, AL16-07 and AL16-08 non classés: eight dossiers, 52 000 €."""

from __future__ import annotations

from pathlib import Path

from isgrid.call.deliberations import MainVote
from isgrid.call.load import load_call
from isgrid.engine import Result, score
from isgrid.engine.status import confirmed_undated, decided_by_vote, list_voted, place_vote
from votecalls import example, run, vote

ALL = ["AL16-01", "AL16-02", "AL16-03", "AL16-04", "AL16-05", "AL16-06", "AL16-07",
       "AL16-08"]


def scored(folder: Path) -> Result:
    return score(load_call(folder))


def decided(result: Result) -> list[str]:
    return [d.id for d in result.dossiers if result.decided_by_vote(d)]


def test_a_vote_on_one_dossier_decides_that_dossier_only(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-03")
    result = scored(folder)
    assert result.voted and not result.list_voted  # AL16-01 and AL16-02 are not voted
    assert decided(result) == ["AL16-03"]
    assert result.decided_count == 1


def test_once_the_list_is_voted_every_status_is_a_decision(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    result = scored(folder)
    assert not result.list_voted and decided(result) == ["AL16-01"]
    vote(folder, "AL16-02")
    result = scored(folder)
    # both places of the list voted: the reserve, the dossier the jury did not retain, the
    # irrecevable and the non classés are decided by the deliberation that adopted it
    assert result.list_voted and result.decided_count == 8
    assert sorted(decided(result)) == ALL


def test_a_laureate_withdrawn_after_the_vote_leaves_the_list_voted(tmp_path: Path) -> None:
    """AL16-02 withdraws after its vote: 52 000 - 27 000 = 25 000 € left, AL16-03
    (15 000 €) proposed in its place.  Its place was voted; AL16-03 awaits its own vote."""
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    result = scored(folder)
    assert result.dossier("AL16-03").decision.replaces == "AL16-02"
    assert result.list_voted
    assert sorted(decided(result)) == [i for i in ALL if i != "AL16-03"]


def test_a_place_never_voted_keeps_the_list_a_proposition(tmp_path: Path) -> None:
    """AL16-02 withdraws before its vote: AL16-03 in its place, and that place was never
    voted: AL16-01's vote alone does not adopt the list."""
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    result = scored(folder)
    assert not result.list_voted and decided(result) == ["AL16-01"]


def test_the_rule_itself() -> None:
    """``list_voted`` follows a place from the dossier proposed in it to the withdrawn
    dossier it replaces, until one was voted, and only through a withdrawal (a place a
    refusal freed was emptied by it); ``decided_by_vote`` per status."""
    from types import SimpleNamespace

    voted = {"vote": SimpleNamespace(outcome="retenu")}
    w = "withdrawal"
    seats = {"A": ("retenu", voted, None, None), "B": ("retenu", {}, "C", w),
             "C": ("retiré", voted, None, None), "D": ("retenu", {}, "E", w),
             "E": ("retenu", voted, None, None), "F": ("retenu", {}, "G", w),
             "G": ("retiré", {}, "H", w), "H": ("retiré", {}, "G", w),
             # I in the place the vote's « non retenu » on J freed; K in the place a
             # refusal of L freed, L withdrawn since: neither place was voted
             "I": ("retenu", {}, "J", "decision"), "J": ("non retenu", voted, None, None),
             "K": ("retenu", {}, "L", "decision"), "L": ("retiré", voted, None, None)}
    assert list_voted(True, ["A", "B"], seats.__getitem__)  # B holds C's voted place
    assert not list_voted(False, ["A"], seats.__getitem__)  # no vote recorded
    assert not list_voted(True, ["A", "D"], seats.__getitem__)  # E reinstated: its own
    assert not list_voted(True, ["F"], seats.__getitem__)  # a loop of places, none voted
    assert not list_voted(True, ["A", "I"], seats.__getitem__)  # I awaits its own vote
    assert not list_voted(True, ["A", "K"], seats.__getitem__)  # so does K
    # a choice left to people: the list voted in every place is not whole yet; before any
    # vote that question is not even asked (it reads every dossier's flags)
    asked: list[bool] = []

    def left_open() -> bool:
        asked.append(True)
        return True

    assert not list_voted(True, ["A", "B"], seats.__getitem__, left_open) and asked == [True]
    assert not list_voted(False, ["A"], seats.__getitem__, left_open) and asked == [True]
    assert decided_by_vote("retenu", voted, False) and decided_by_vote("réserve", voted, False)
    assert not decided_by_vote("retenu", {}, True)  # retained, never voted
    assert decided_by_vote("non retenu", {}, True) and not decided_by_vote("non retenu", {},
                                                                          False)
    # a dossier still to check is never decided by the list's adoption, nor is one
    # classé (the engine proposed nothing on it: a tie at the line, or no selection)
    assert not decided_by_vote("à vérifier", {}, True)
    assert not decided_by_vote("classé", {}, True)
    assert decided_by_vote("classé", voted, True)
    # a laureate the vote put on the reserve, moved up since: its vote does not stand
    on_reserve = {"vote": SimpleNamespace(outcome="réserve")}
    assert not decided_by_vote("retenu", on_reserve, False)
    assert decided_by_vote("réserve", on_reserve, False)


def test_a_dossier_to_check_is_not_decided_by_the_list(tmp_path: Path) -> None:
    """AL16-05 left « à vérifier » (its eligible costs unknown): the list (AL16-01,
    AL16-02) voted decides the seven others, not it; 7 statuses of 8 are decisions."""
    folder = example(tmp_path, to_check=True)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    result = scored(folder)
    assert result.dossier("AL16-05").status == "à vérifier"
    assert result.list_voted
    assert sorted(decided(result)) == [i for i in ALL if i != "AL16-05"]
    assert result.decided_count == 7


def test_a_tie_at_the_line_is_not_decided_by_the_list(tmp_path: Path) -> None:
    """decisions_calls.seance_call: D1 20 000, D2 35 000 retained; D3 and D4 tied at rank 3
    (55 000 > 50 000 with both): « classé », the engine proposes neither; reserve D5, D6.
    The list's two places voted do not adopt it while the tie is open (found by a review:
    they decided D5 and D6, whose reserve depends on how it is settled): 2 statuses of 6
    are decisions, until a decision settles D3 or D4, which adopts the list."""
    from decisions_calls import seance_call

    folder = seance_call(tmp_path)
    vote(folder, "D1")
    vote(folder, "D2")
    result = scored(folder)
    assert [str(result.dossier(i).status) for i in ("D3", "D4")] == ["classé", "classé"]
    assert result.tie_open(result.dossier("D3")) and result.tie_open(result.dossier("D4"))
    assert not result.list_voted and result.adopted is None
    assert sorted(decided(result)) == ["D1", "D2"]
    assert result.decided_count == 2
    assert result.undecided == (("D3", "D4", "D5", "D6"), (), ())
    run("decide", folder, "D3", "--stage", "vote", "--outcome", "retenu", "--votes", "9/1/1",
        "--by", "Présidente", "--reason", "vote")
    result = scored(folder)
    # D3 voted in; D4, the tie's other member, heads the reserve, D6 leaves it: every
    # status decided, by the list adopted at D3's vote (journal line 3)
    assert [str(result.dossier(i).status) for i in ("D4", "D5", "D6")] == [
        "réserve", "réserve", "non retenu"]
    assert result.list_voted
    assert result.adopted is not None and result.adopted.seq == 3
    assert result.decided_count == 6


def test_a_laureate_the_vote_put_on_the_reserve_then_moved_up_awaits_its_own_vote(
        tmp_path: Path) -> None:
    """Found by a review: AL16-01 voted « retenu », AL16-02 voted « réserve » (AL16-03, 15 000
    €, proposed in its place), then AL16-01 withdraws: AL16-02, at the reserve's head, is
    proposed in AL16-01's place.  Its vote said « réserve », not « retenu »: it holds a
    place no vote gave it (engine.status.vote_stands), so it awaits a vote of its own, the
    list is not adopted, and neither its letter nor the annex of CP-2016-05-12 speaks of a
    grant that deliberation voted (both did: « Subventions votées », « Décision : dossier
    retenu » with the voies de recours)."""
    from isgrid.engine.status import awaiting_vote, vote_stands

    folder = example(tmp_path)
    vote(folder, "AL16-01")
    run("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "réserve",
        "--votes", "6/4/1", "--by", "president", "--reason", "vote")
    run("withdraw", folder, "AL16-01", "--by", "Secrétariat", "--reason", "courrier")
    result = scored(folder)
    d2 = result.dossier("AL16-02")
    assert str(d2.status) == "retenu" and d2.decision.stages["vote"].outcome == "réserve"
    assert not vote_stands(d2.status, d2.decision.stages)
    assert awaiting_vote(d2.status, d2.decision.stages, result.voted)
    assert not result.decided_by_vote(d2)
    assert not result.list_voted
    annex = tmp_path / "annexe.html"
    run("minutes", folder, "--kind", "cp-annex", "--reference", "CP-2016-05-12", "-o", annex)
    page = annex.read_text(encoding="utf-8")
    assert "AL16-02" not in page
    letters = tmp_path / "courriers"
    run("report", folder, "--kind", "feedback", "--format", "md", "-o", letters)
    letter = (letters / "AL16-02.md").read_text(encoding="utf-8")
    assert "CP-2016-05-12" not in letter and "recours" not in letter


def test_a_place_freed_and_left_to_a_tie_keeps_the_list_a_proposition(tmp_path: Path) -> None:
    """Found by a review.  decisions_calls.seance_call (budget 50 000): D1 20 000 and D2
    15 000 voted in; D3 and D4 (10 000 each) tied at the line.  The vote then refuses D2:
    its 15 000 € are freed, 50 000 - 20 000 = 30 000 € left; D4 asks 21 000 € here (with
    10 000 € both would fit and be taken together, branch tie-freed): 31 000 € do not fit,
    D3 and D4 are tied: nobody is proposed, the committee chooses.  Until it does, the list
    is not adopted (D5's letter said « Décision : placé sur la liste de réserve » with the
    voies de recours, while the choice may still change the reserve); once D3 is voted in,
    it is."""
    from decisions_calls import DOSSIERS, seance_call

    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi")))
    vote(folder, "D1")
    vote(folder, "D2")
    run("decide", folder, "D2", "--stage", "vote", "--outcome", "non-retenu",
        "--votes", "2/8/1", "--by", "Présidente", "--reason", "vote")
    result = scored(folder)
    [place] = result.freed_places
    assert (place["dossier"], place["replacement"], list(place["tied"])) == ("D2", None,
                                                                              ["D3", "D4"])
    assert not result.list_voted
    assert not result.decided_by_vote(result.dossier("D5"))
    letters = tmp_path / "courriers"
    run("report", folder, "--kind", "feedback", "--format", "md", "-o", letters)
    assert "recours" not in (letters / "D5.md").read_text(encoding="utf-8")
    # refusing one of the tied offers the place again: D3, alone, is proposed in it and
    # awaits its own vote (found by a second review, and by a third)
    run("decide", folder, "D4", "--stage", "vote", "--outcome", "non-retenu",
        "--votes", "2/8/1", "--by", "Présidente", "--reason", "vote")
    assert not scored(folder).list_voted
    vote(folder, "D3")
    result = scored(folder)
    assert result.list_voted
    assert result.decided_by_vote(result.dossier("D5"))


def _vote(seq: int, outcome: str = "retenu", reference: str | None = None,
          at: str | None = None) -> dict[str, object]:
    return {"seq": seq, "kind": "decision", "stage": "vote", "outcome": outcome,
            "reference": reference, "at": at}


def test_the_vote_that_gave_a_place_is_read_from_the_vote_in_effect() -> None:
    """engine.status.place_vote over a dossier's entries, worked out by hand (found by a
    review: it took the earliest « retenu » of a run, so a vote recorded again to correct
    its date or its reference left the list adopted with the wrong one)."""
    main = _vote(1)  # meeting.vote's deliberation, no --at
    wrong_day = _vote(2, reference="CP-06-02", at="2026-06-09")
    right_day = _vote(3, reference="CP-06-02", at="2026-06-02")
    typo = _vote(2, reference="CP-06-20", at="2026-06-02")
    # the same reference recorded again: a correction, the latest stands
    assert place_vote([wrong_day, right_day]) is right_day
    # another reference, the same day: a mistyped reference corrected
    assert place_vote([typo, right_day]) is right_day
    # another reference, an earlier day: a correction too
    assert place_vote([wrong_day, _vote(3, reference="CP-06-01", at="2026-06-01")])["seq"] == 3
    # another reference, a later day (or meeting.vote's, undated, before it): a later
    # deliberation confirms the place the first gave
    assert place_vote([right_day, _vote(4, reference="CP-07-01", at="2026-07-01")]) is right_day
    assert place_vote([main, right_day]) is main
    # a confirmation then its correction: still the first vote's place
    assert place_vote([main, wrong_day, right_day]) is main
    # another vote between breaks the run; a withdrawal too (``left``: the place before it)
    assert place_vote([main, _vote(2, "réserve"), right_day]) is right_day
    gone = {"seq": 4, "kind": "withdrawal", "stage": "vote"}
    assert place_vote([wrong_day, right_day, gone], left=True) is right_day
    assert place_vote([wrong_day, right_day, gone]) is None


def test_a_vote_without_reference_or_date_is_meeting_vote_s() -> None:
    """A vote recorded without --reference is meeting.vote's deliberation, and without --at
    (at meeting.vote) of meeting.vote.date (docs/decisions.md, « Which dossiers a vote
    decides »): ``main`` is meeting.vote, CP-04-117 voted on 2026-04-02."""
    main = MainVote("CP-04-117", "2026-04-02")
    undated = _vote(1)  # meeting.vote's, no --at: 2026-04-02
    # the same deliberation named, a later --at: a correction (its date), not a confirmation
    named = _vote(2, reference="CP-04-117", at="2026-04-09")
    assert place_vote([undated, named], main=main) is named
    assert confirmed_undated([undated], named, main) is None
    # another deliberation on a later day: a confirmation, both days known: no warning
    later = _vote(2, reference="CP-07-01", at="2026-07-01")
    assert place_vote([undated, later], main=main) is undated
    assert confirmed_undated([undated], later, main) is None
    # the same day, or an earlier one: a mistyped reference corrected
    typo = _vote(2, reference="CP-04-171", at="2026-04-02")
    assert place_vote([undated, typo], main=main) is typo
    # meeting.vote named on one vote, left out on the next: one deliberation still
    assert place_vote([named, _vote(3)], main=main)["seq"] == 3
    # another deliberation undated: read as confirming for want of its day (the warning)
    assert confirmed_undated([undated], _vote(2, reference="CP-07-01"), main) is undated
    # meeting.vote undated in call.yaml: an unknown day, read as confirming as before
    assert place_vote([undated, later], main=MainVote("CP-04-117", None)) is undated
    assert confirmed_undated([undated], later, MainVote("CP-04-117", None)) is undated
