"""The words of a tie settled on the reserve, and one reading of a freed place (branch
ties-places; docs/decisions.md, « Ties at the funding line », « Places freed »):

1. a tie for a freed place settled because one of the tied withdrew says a withdrawal
   settled it (it said « une décision a départagé »), as the tie at the line does;
2. a dossier tied at the line retained by its own decision says so, and what became of
   the others: still to settle (it said « une décision a écarté votre dossier »), or
   taken together in a freed place since (it said « une décision a départagé les dossiers
   ex æquo en faveur de votre dossier »: no decision chose between them);
3. the zone grise calls every tied dossier left at the first rank below the line « premier
   dossier sous la ligne » (only the first of them was);
4. a withdrawn dossier's letter says no tie;
5. how a freed place stands after an offer is read once (isgrid.engine.places), by the
   minutes and by ``decide``/``withdraw``.

The séance call of tests/decisions_calls.py: D1 20 000 (100, rank 1), D2 15 000 (87,5,
rank 2), D3 and D4 10 000 each (75, rank 3), D5 8 000 (62,5), D6 5 000 (50); budget
50 000, a reserve of 2.
"""

from __future__ import annotations

from pathlib import Path

from test_place_story import NBSP, NNBSP, cli_says, letter_reasons, said
from test_tie_three import decide, three_tied

from decisions_calls import DOSSIERS, seance_call
from isgrid.analysis import zone
from isgrid.analysis.zone import zone_grise
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.documents.seance import build_seance
from isgrid.engine import score
from isgrid.engine.places import offer_kind, place_kind

LINE = f"Ex æquo sur la ligne de financement{NBSP}: "
FREED = f"Ex æquo pour une place libérée{NBSP}: "


def withdraw(folder: Path, did: str) -> None:
    append(folder, kind="withdrawal", dossier=did, by="Secrétariat", reason="retrait")


def reserve_tie(tmp_path: Path) -> Path:
    """D3 alone at 75 (10 000), D4 at 62,5 asking 25 000, D5 and D6 at 50 (5 000 each), a
    reserve of 3: D1, D2, D3 retained (45 000), the reserve D4, D5, D6.  D2 withdraws:
    50 000 - 30 000 = 20 000 for its place, D4 (25 000) does not fit, D5 and D6 (rank 5)
    are tied for it (room for one), on the reserve, not at the line."""
    dossiers = dict(DOSSIERS, D4=(3, 2, 25000, 50000, "urbain", "scop", "emploi"),
                    D5=(2, 2, 5000, 10000, "rural", "association", "mobilite"))
    folder = seance_call(tmp_path, dossiers=dossiers, call={"selection": {"reserve": 3}})
    withdraw(folder, "D2")  # seq 1
    return folder


def test_a_reserve_tie_settled_by_a_withdrawal_says_a_withdrawal_settled_it(
        tmp_path: Path) -> None:
    folder = reserve_tie(tmp_path)
    assert letter_reasons(folder, "D6")[0] == FREED + "le jury doit départager."
    # D5 withdraws (seq 2): the place offered again, D6 alone (5 000 <= 20 000) proposed
    withdraw(folder, "D5")
    r = score(load_call(folder))
    [place] = r.freed_places
    assert (place["replacement"], place["tied"], place["offered_at"], place["settled"]) == (
        "D6", (), 2, None)
    d6 = letter_reasons(folder, "D6")
    assert d6[:2] == [
        FREED + "un retrait a départagé les dossiers ex æquo en faveur de votre dossier.",
        f"Un dossier retenu s'est retiré{NBSP}: votre dossier a été proposé à sa place."]
    assert not any("une décision" in x for x in d6)
    assert letter_reasons(folder, "D6", "en")[0] == (
        "Tied for a freed place: a withdrawal has settled the tie in favour of your "
        "dossier.")
    # the minutes told it right already: the withdrawal offered the place again
    assert said(folder, "withdrawals")[0] == (
        f"D2 s'est retiré{NNBSP}; D5 et D6, ex æquo, pouvaient le remplacer{NNBSP}; D5 "
        f"s'est retiré{NBSP}: D6 (liste de réserve) est proposé à sa place.")


def test_a_withdrawn_dossier_s_letter_says_no_tie(tmp_path: Path) -> None:
    folder = reserve_tie(tmp_path)
    withdraw(folder, "D5")
    # D5, withdrawn: its letter (generated, not sent) says no tie: it gives no reason at
    # all, only that the dossier was withdrawn (a "not any" over its reasons held for an
    # empty list whatever they said)
    assert letter_reasons(folder, "D5") == []
    assert letter_reasons(folder, "D5", "en") == []


def test_a_reserve_tie_settled_by_a_refusal_still_says_a_decision(tmp_path: Path) -> None:
    folder = reserve_tie(tmp_path)
    decide(folder, "D5", "non retenu")  # seq 2: D6 proposed in D2's place
    assert letter_reasons(folder, "D6")[0] == (
        FREED + "une décision a départagé les dossiers ex æquo en faveur de votre dossier.")
    assert letter_reasons(folder, "D5")[0] == (
        FREED + "une décision a départagé les dossiers ex æquo en faveur d'un autre "
        "dossier.")


def test_a_tied_dossier_retained_by_its_own_decision_says_so(tmp_path: Path) -> None:
    """Three tied at rank 3 (D5 at 75 asking 10 000), budget 55 000: 20 000 left at the
    line, two places for three.  The jury retains D3 (seq 1): 45 000 held, D4 and D5
    (20 000 > 10 000 left) still tied for the one place left.  D2 withdraws (seq 2): 15 000
    more, 25 000 left, D4 and D5 (20 000) fit: taken together in its place."""
    folder = three_tied(tmp_path, budget=55000)
    decide(folder, "D3", "retenu")
    r = score(load_call(folder))
    assert r.line_tie is not None and r.line_tie["settled"] is None
    assert str(r.dossier("D3").status) == "retenu"
    assert letter_reasons(folder, "D3")[0] == (
        LINE + f"votre dossier a été retenu par le jury{NNBSP}; les autres dossiers ex æquo "
        "restent à départager.")  # it said « une décision a écarté votre dossier »
    assert letter_reasons(folder, "D3", "en")[0] == (
        "Tied at the funding line: your dossier was selected by the jury; the other tied "
        "dossiers are still to be settled.")
    # D4's tie still open: its letter's outcome says it, not a reason
    assert not any("départag" in x for x in letter_reasons(folder, "D4"))


def test_a_tied_dossier_retained_then_the_others_taken_together_says_so(
        tmp_path: Path) -> None:
    """As above; then D2 withdraws (seq 2): 15 000 more, 25 000 left, D4 and D5 (20 000)
    fit: taken together in its place."""
    folder = three_tied(tmp_path, budget=55000)
    decide(folder, "D3", "retenu")
    withdraw(folder, "D2")
    r = score(load_call(folder))
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"],
                                       r.line_tie["taken"]) == (
        {"dossier": "D2", "seq": 2}, ("D3", "D4", "D5"), ("D4", "D5"))
    d3 = letter_reasons(folder, "D3")
    assert d3[0] == (
        LINE + f"votre dossier a été retenu par le jury{NNBSP}; les autres dossiers ex æquo "
        "ont ensuite été proposés ensemble à une place libérée.")
    assert not any("en faveur de votre dossier" in x for x in d3)
    assert letter_reasons(folder, "D3", "en")[0] == (
        "Tied at the funding line: your dossier was selected by the jury; the other tied "
        "dossiers were then proposed together in a freed place.")
    # the vote refuses D3 since: that is said after it
    append(folder, kind="decision", dossier="D3", outcome="non retenu", stage="vote",
           by="CP", reason="vote")
    assert letter_reasons(folder, "D3")[0] == (
        LINE + f"votre dossier a été retenu par le jury{NNBSP}; les autres dossiers ex æquo "
        "ont ensuite été proposés ensemble à une place libérée" + NNBSP + "; votre dossier "
        "n'a ensuite pas été retenu par le vote.")


def test_the_tied_left_below_the_line_are_each_first_below_it(tmp_path: Path) -> None:
    """D4 asks 21 000: D3 + D4 = 31 000 > 15 000 left, tied at the line.  The jury refuses
    D3 (seq 1): D4 alone, 21 000 > 15 000, does not fit: the tie is settled, nobody taken;
    the line stays before rank 3, where D3 and D4 both are."""
    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi")))
    decide(folder, "D3", "non retenu")
    call = load_call(folder)
    r = score(call)
    assert r.line_tie is not None and r.line_tie["settled"] == {"dossier": "D3", "seq": 1}
    assert r.current is not None and (r.current.selected, r.current.line) == (
        ("D1", "D2"), 3)
    assert {g.id: g.reasons for g in zone_grise(call, r)} == {
        "D2": ("line-above",), "D3": ("line-below",), "D4": ("line-below",)}
    assert zone.first_below(r) == ("D3", "D4")
    grey = {g.id: g.reasons for g in build_seance(call, r, "fr").zone_grise}
    assert grey["D3"] == grey["D4"] == ["premier dossier sous la ligne de financement"]
    english = {g.id: g.reasons for g in build_seance(call, r, "en").zone_grise}
    assert english["D4"] == ["first dossier below the funding line"]


def test_a_place_is_read_once_by_the_minutes_and_by_decide(tmp_path: Path) -> None:
    offer = {"seq": 1, "dossier": "D2", "promoted": (), "tied": (), "reserve": (),
             "candidates": 0}
    assert offer_kind(offer) == ("nobody", ())
    assert offer_kind(dict(offer, candidates=2)) == ("none", ())
    assert offer_kind(dict(offer, tied=("D5", "D6"))) == ("tied", ("D5", "D6"))
    assert offer_kind(dict(offer, promoted=("D6",), reserve=("D6",))) == ("reserve", ("D6",))
    assert offer_kind(dict(offer, promoted=("D3",))) == ("proposed", ("D3",))
    assert offer_kind(dict(offer, promoted=("D3", "D4"))) == ("together", ("D3", "D4"))
    assert place_kind({"offers": ()}) == ("none", ())  # a withdrawal that freed nothing
    folder = reserve_tie(tmp_path)
    # the place left to D5 and D6, then D6 from the reserve: what decide says and what the
    # minutes say read the same last offer
    r = score(load_call(folder))
    assert place_kind(r.freed_places[0]) == ("tied", ("D5", "D6"))
    out = cli_says("decide", folder, "D5", "--stage", "jury", "--outcome", "non-retenu",
                   "--by", "J", "--reason", "choix")
    assert (f"La place de D2 est proposée à nouveau{NBSP}: D6 (liste de réserve) y est "
            "proposé.") in out
    r = score(load_call(folder))
    [place] = r.freed_places
    assert place_kind(place) == offer_kind(place["offers"][-1]) == ("reserve", ("D6",))
    assert said(folder, "withdrawals")[0].endswith(": D6 (liste de réserve) est proposé à "
                                                     "sa place.")
