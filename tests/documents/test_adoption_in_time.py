"""The list adopted by a deliberation is judged by what was true at that deliberation (the
journal up to it), not by what the journal says since (isgrid.engine.status.adopted_in_time,
Result.in_time; docs/decisions.md, "Which dossiers a vote decides").  Found by a review
(the call cd67: a tie at the funding line, a withdrawal weeks after the vote).

The call (tests/decisions_calls.py), worked out by hand: totals 100 x (Q1 + Q2) / 8, so
D1 100, D2 87,5, D3 and D4 75 each, D5 62,5, D6 50; budget 50 000 €.  D1 (20 000 €) and D2
(15 000 €) are retained: 35 000 €, 15 000 € left; D3 and D4 (10 000 € each) are tied at
the line and do not both fit (20 000 € > 15 000 €): the tie is left to people; the reserve
is D5 then D6.  meeting.vote: CP-2026-04-117 of 2 April 2026.

1. The Commission permanente votes D1 and D2 « retenu » (journal lines 1 and 2) and says
   nothing of D3 and D4: the tie at the line is open, the list is not adopted.
2. D2 withdraws on 25 April (line 3): its 15 000 € are freed, 50 000 - 20 000 = 30 000 €
   are left beside D1, D3 and D4 (20 000 €) both fit and are proposed in its place: the
   tie is settled, by a withdrawal.  No deliberation took place: CP-2026-04-117 left the
   tie open, so it did not adopt the list (isgrid said it did, and the reserve D5's letter
   became a « Décision » of 2 April with the appeal routes); the reserve stays a proposal.
3. A later deliberation, CP-2026-05-07 of 7 May, votes D3 « retenu » (line 4): the list is
   whole then (D1 voted, D3 voted, D4 in the place the vote gave D2), and that deliberation
   adopts it: D5's letter cites CP-2026-05-07 and 7 May.
"""

from __future__ import annotations

from pathlib import Path

from test_vote_reference import letters, words

from clirun import run
from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.engine import Result, score
from isgrid.engine.status import adopted_in_time

NBSP = "\u00a0"


def vote(folder: Path, dossier: str, *extra: str) -> None:
    run("decide", folder, dossier, "--stage", "vote", "--outcome", "retenu", *extra,
        "--by", "Commission permanente", "--reason", "délibération")


def minutes_text(folder: Path, tmp_path: Path, name: str) -> str:
    out = tmp_path / name
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out)
    return words(out.read_text(encoding="utf-8"))


def decided(result: Result) -> list[str]:
    return [d.id for d in result.dossiers if result.decided_by_vote(d)]


def test_a_withdrawal_after_the_vote_does_not_adopt_the_list(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    vote(folder, "D1")
    vote(folder, "D2")
    before = score(load_call(folder))
    assert [before.dossier(i).status for i in ("D3", "D4")] == ["classé", "classé"]
    assert not before.list_voted and before.adopted is None
    first = minutes_text(folder, tmp_path, "pv-1.html")
    assert "Liste proposée" in first and "Liste adoptée" not in first

    run("withdraw", folder, "D2", "--at", "2026-04-25", "--by", "Secrétariat",
        "--reason", "renonciation")
    result = score(load_call(folder))
    # D3 and D4 both in D2's place: the tie settled by the withdrawal (line 3)
    assert [result.dossier(i).status for i in ("D1", "D2", "D3", "D4", "D5", "D6")] == [
        "retenu", "retiré", "retenu", "retenu", "réserve", "réserve"]
    assert result.line_tie is not None and result.line_tie["settled"] == {
        "dossier": "D2", "seq": 3}
    # every place is voted as the journal stands (D3 and D4 in the place the vote gave D2)
    assert result.places_voted
    # ... but no deliberation adopted the list: CP-2026-04-117 left the tie open
    assert not result.list_voted and result.adopted is None
    assert result.to_json()["journal"]["adopted"] is None
    assert decided(result) == ["D1", "D2"]  # D1's vote, D2's vote then its withdrawal
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    for did in ("D5", "D6"):  # the reserve: a proposal still, no appeal routes
        assert ("**Proposition du jury" + NBSP + ": dossier placé sur la liste de réserve.**"
                in md[did]), md[did]
        assert "Ce courrier ne vaut pas décision." in md[did]
        assert "Délibération" not in md[did] and "recours" not in md[did]
    second = minutes_text(folder, tmp_path, "pv-2.html")
    assert "Liste proposée" in second and "Liste adoptée" not in second
    assert ("Décisions enregistrées lors du vote pour 2 dossiers sur 6 ; les statuts des "
            "autres restent des propositions du jury.") in second

    # a later deliberation votes D3: the list is whole then, and it adopts it (line 4)
    vote(folder, "D3", "--reference", "CP-2026-05-07", "--at", "2026-05-07")
    later = score(load_call(folder))
    assert later.list_voted
    adopted = later.adopted
    assert adopted is not None
    assert (adopted.seq, adopted.reference, adopted.at) == (4, "CP-2026-05-07", "2026-05-07")
    assert decided(later) == ["D1", "D2", "D3", "D5", "D6"]  # D4 awaits its own vote
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    assert "Le 7 mai 2026\n\nDélibération" + NBSP + ": CP-2026-05-07\n" in md["D5"]
    assert "CP-2026-04-117" not in md["D5"] and "2 avril 2026" not in md["D5"]
    third = minutes_text(folder, tmp_path, "pv-3.html")
    assert ("Liste adoptée par la délibération CP-2026-05-07 du 7 mai 2026, qui décide "
            "aussi des dossiers sans vote propre.") in third
    assert "Liste adoptée par la délibération CP-2026-04-117" not in third


def test_the_list_whole_at_its_vote_stays_adopted_by_it(tmp_path: Path) -> None:
    """The tie settled at the vote (the CP votes D3 « retenu » too, line 3: D4 refused
    by the walk since 20 000 + 15 000 + 10 000 = 45 000 € leave 5 000 €): the list is
    adopted at line 3; D2's withdrawal afterwards (line 4) hands its place on to D4
    (45 000 - 15 000 = 30 000 € held, 20 000 € left) and the adoption stays line 3."""
    folder = seance_call(tmp_path)
    for did in ("D1", "D2", "D3"):
        vote(folder, did)
    run("withdraw", folder, "D2", "--by", "Secrétariat", "--reason", "renonciation")
    result = score(load_call(folder))
    assert result.dossier("D4").status == "retenu"
    assert result.dossier("D4").decision.replaces == "D2"
    adopted = result.adopted
    assert result.list_voted and adopted is not None and adopted.seq == 3


def test_the_first_vote_whole_at_its_time_adopts() -> None:
    votes = [{"seq": 2}, {"seq": 5}, {"seq": 7}]
    assert adopted_in_time(votes, lambda seq: seq >= 5) == {"seq": 5}
    assert adopted_in_time(votes, lambda seq: seq == 2) == {"seq": 2}
    assert adopted_in_time(votes, lambda seq: False) is None
