"""Three dossiers tied at the funding line, one refused: the others' tie stays open
(branch tie-three; docs/decisions.md, "Ties at the funding line").  It was settled « for
good » by the first decision on one of the tied, and the letters then said the tie went
« en faveur de votre dossier » to each of the others.

The séance call of tests/decisions_calls.py with D5 at 75 asking 10 000 like D3 and D4:
D1 20 000 (rank 1), D2 15 000 (rank 2), D3, D4, D5 10 000 each, tied at rank 3, D6 5 000
(rank 6), a reserve of 2.  Budget 50 000: 50 000 - 35 000 = 15 000 left at the line, one of
the tied fits (3 x 10 000 > 15 000): three tied for one place, the walk stops, the reserve
is D6 alone (the tied are not on it while open).  Budget 55 000: 20 000 left, three tied
for two places.
"""

from __future__ import annotations

from pathlib import Path

from decisions_calls import DOSSIERS, seance_call
from isgrid.analysis.zone import zone_grise
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.documents.context import Builder
from isgrid.documents.letters import letter, reasons
from isgrid.documents.minutes import build_minutes
from isgrid.documents.seance import build_seance
from isgrid.engine import Result, score

NBSP, NNBSP = "\u00a0", "\u202f"
HEAD = f"Ex æquo sur la ligne de financement{NBSP}: "
# an open tie at the line is the letter's outcome (tests/documents/test_letter_tied_outcome.py)
OPEN = (f"Votre dossier est ex æquo sur la ligne de financement{NBSP}: le jury doit encore "
        "départager les dossiers ex æquo.")
OUT = (HEAD + f"une décision a écarté votre dossier{NNBSP}; les autres dossiers ex æquo "
       "restent à départager.")
WON = HEAD + "une décision a départagé les dossiers ex æquo en faveur de votre dossier."
LOST = HEAD + "une décision a départagé les dossiers ex æquo en faveur d'un autre dossier."
LOST_MANY = HEAD + "une décision a départagé les dossiers ex æquo en faveur d'autres dossiers."
# taken together in a freed place (branch tie-words: nobody broke the tie, a place freed by
# another dossier's withdrawal or refusal took them all, as the minutes say: « D3, D4 et
# D5, ex æquo à la ligne de financement, sont proposés ensemble à sa place »)
TOGETHER = HEAD + "les dossiers ex æquo ont tous pu être proposés ensemble à une place libérée."
TOGETHER_EN = ("Tied at the funding line: the tied dossiers could all be proposed together "
               "in a freed place.")
OUT_EN = ("Tied at the funding line: a decision has left your dossier out; the other tied "
          "dossiers are still to be settled.")
TIED = ("D3", "D4", "D5")


def three_tied(tmp_path: Path, budget: int = 50000) -> Path:
    dossiers = dict(DOSSIERS, D5=(3, 3, 10000, 20000, "rural", "association", "mobilite"))
    return seance_call(tmp_path, dossiers=dossiers, call={"budget": budget})


def decide(folder: Path, did: str, outcome: str) -> None:
    append(folder, kind="decision", dossier=did, outcome=outcome, stage="jury", by="Jury",
           reason="choix")


def scored(folder: Path) -> tuple[Result, dict[str, str], dict[str, str]]:
    """The result, each dossier's status and its letter's tie reason (French), or its
    outcome when that is the open tie."""
    call = load_call(folder)
    r = score(call)
    b = Builder(call, r, "feedback", "communicable", "fr")
    said = {d.id: next((x for x in (letter(b, d).outcome, *reasons(b, d))
                        if x.startswith(HEAD) or x == OPEN), "")
            for d in r.dossiers}
    return r, {d.id: str(d.status) for d in r.dossiers}, said


def open_ties(folder: Path) -> tuple[list[str], list[str]]:
    """The zone grise's dossiers tied at the line, and the séance's ties to settle."""
    call = load_call(folder)
    r = score(call)
    grey = [g.id for g in zone_grise(call, r) if "tie" in g.reasons]
    todo = [x.split(NBSP)[0] for x in build_seance(call, r, "fr").todo if "ex æquo" in x]
    return grey, todo


def money(r: Result) -> tuple[tuple[str, ...], tuple[str, ...], float | None]:
    assert r.selection is not None
    d = r.selection.decided
    return d.selected, d.reserve, d.committed


def test_one_of_three_refused_leaves_the_others_tied_then_one_retained(
        tmp_path: Path) -> None:
    folder = three_tied(tmp_path)
    r, st, said = scored(folder)
    assert [st[i] for i in TIED] == ["classé"] * 3 and all(said[i] == OPEN for i in TIED)
    # (a) the jury refuses D5: D3 and D4, 20 000 > 15 000, still cannot both be taken
    decide(folder, "D5", "non retenu")  # seq 1
    r, st, said = scored(folder)
    assert r.line_tie is not None
    assert (r.line_tie["rank"], r.line_tie["tied"], r.line_tie["settled"],
            r.line_tie["chosen"]) == (3, TIED, None, ())
    assert (st["D3"], st["D4"], st["D5"]) == ("classé", "classé", "non retenu")
    assert [r.dossier(i).selected for i in TIED] == [None, None, False]
    assert [r.tie_open(r.dossier(i)) for i in TIED] == [True, True, False]
    assert (said["D3"], said["D4"], said["D5"]) == (OPEN, OPEN, OUT)
    call = load_call(folder)
    en = Builder(call, r, "feedback", "communicable", "en")
    assert OUT_EN in reasons(en, r.dossier("D5"))
    # nothing settled: D1, D2 hold 35 000, the reserve is D6 (the tied are not on it)
    assert money(r) == (("D1", "D2"), ("D6",), 35000)
    assert st["D6"] == "réserve"
    assert open_ties(folder) == (["D3", "D4"], ["D3", "D4"])
    m = build_minutes(call, r, "pv", "fr")
    assert [(x["id"], x["status"]) for x in m["ranking"]] == [  # type: ignore[attr-defined]
        ("D1", "retenu"), ("D2", "retenu"), ("D3", "classé"), ("D4", "classé"),
        ("D5", "non retenu"), ("D6", "réserve")]
    assert [x["id"] for x in m["reserve"]] == ["D6"]  # type: ignore[attr-defined]
    # (b) the jury retains D3: 45 000 held, D4 (10 000) does not fit the 5 000 left: the
    # tie is settled by that decision, for D3; D4 heads the reserve, then D6
    decide(folder, "D3", "retenu")  # seq 2
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D3", "seq": 2}, ("D3",))
    assert (st["D3"], st["D4"], st["D5"]) == ("retenu", "réserve", "non retenu")
    assert (said["D3"], said["D4"], said["D5"]) == (WON, LOST, LOST)
    assert money(r) == (("D1", "D2", "D3"), ("D4", "D6"), 45000)
    assert open_ties(folder) == ([], [])
    m = build_minutes(load_call(folder), r, "pv", "fr")
    assert [x["id"] for x in m["reserve"]] == ["D4", "D6"]  # type: ignore[attr-defined]
    assert [x["id"] for x in m["retained"]] == ["D1", "D2", "D3"]  # type: ignore[attr-defined]


def test_three_tied_for_two_places_one_refused_both_others_fit(tmp_path: Path) -> None:
    folder = three_tied(tmp_path, budget=55000)
    r, st, said = scored(folder)
    assert [st[i] for i in TIED] == ["classé"] * 3  # 30 000 > 20 000 left
    # (c) D5 refused: D3 + D4 = 20 000 <= 55 000 - 35 000: both taken, the tie settled by
    # D5's refusal, in favour of both
    decide(folder, "D5", "non retenu")  # seq 1
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D5", "seq": 1}, ("D3", "D4"))
    assert (st["D3"], st["D4"], st["D5"]) == ("retenu", "retenu", "non retenu")
    assert [r.dossier(i).decision.proposed for i in TIED] == ["retenu", "retenu", None]
    assert (said["D3"], said["D4"], said["D5"]) == (WON, WON, LOST_MANY)
    # 20 000 + 15 000 + 10 000 + 10 000 = 55 000: nothing left, D6 on the reserve
    assert money(r) == (("D1", "D2", "D3", "D4"), ("D6",), 55000)
    assert open_ties(folder) == ([], [])
    m = build_minutes(load_call(folder), r, "pv", "fr")
    assert [x["id"] for x in m["retained"]] == ["D1", "D2", "D3", "D4"]  # type: ignore[attr-defined]


def test_a_withdrawal_above_the_line_when_all_the_tied_fit(tmp_path: Path) -> None:
    folder = three_tied(tmp_path)
    # (d) D2 withdraws: its place (15 000; 50 000 - 20 000 = 30 000 beside D1) is offered
    # to the tied first, ahead of the reserve: D3 + D4 + D5 = 30 000 <= 30 000, all three
    # taken together in D2's place (branch tie-freed: it was left to people, room for
    # one), and that settles the line's tie (the withdrawal, seq 1), in favour of all three
    append(folder, kind="withdrawal", dossier="D2", by="Secrétariat", reason="retrait")
    r, st, said = scored(folder)
    [place] = r.freed_places
    assert (place["dossier"], place["available"], place["replacement"], place["promoted"],
            place["tied"]) == ("D2", 30000, "D3", TIED, ())
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D2", "seq": 1}, TIED)
    assert [st[i] for i in TIED] == ["retenu"] * 3 and all(said[i] == TOGETHER for i in TIED)
    en = Builder(load_call(folder), r, "feedback", "communicable", "en")
    assert TOGETHER_EN in reasons(en, r.dossier("D4"))
    assert [r.dossier(i).decision.replaces for i in TIED] == ["D2"] * 3
    assert r.dossier("D2").decision.replaced_by == TIED
    # 20 000 + 3 x 10 000 = 50 000: nothing left, D6 on the reserve
    assert money(r) == (("D1", "D3", "D4", "D5"), ("D6",), 50000)
    assert open_ties(folder) == ([], [])


def test_a_withdrawal_above_the_line_while_the_tie_is_open(tmp_path: Path) -> None:
    folder = three_tied(tmp_path, 45000)
    # budget 45 000: 45 000 - 35 000 = 10 000 at the line, three tied for one place.
    # (d) D2 withdraws: 45 000 - 20 000 (D1) = 25 000 for its place, 30 000 needed for
    # the three: never some of them, left to people; the line's tie stays open
    append(folder, kind="withdrawal", dossier="D2", by="Secrétariat", reason="retrait")
    r, st, said = scored(folder)
    [place] = r.freed_places
    assert (place["dossier"], place["available"], place["replacement"], place["tied"]) == (
        "D2", 25000, None, TIED)
    assert r.line_tie is not None and r.line_tie["settled"] is None
    assert [st[i] for i in TIED] == ["classé"] * 3 and all(said[i] == OPEN for i in TIED)
    assert open_ties(folder) == (list(TIED), list(TIED))
    # D5 refused (seq 2): D2's place offered again to D3 and D4: 20 000 <= 25 000, both
    # taken in it; that settles the line's tie (D5's refusal), in favour of D3 and D4
    decide(folder, "D5", "non retenu")  # seq 2
    r, st, said = scored(folder)
    [place] = r.freed_places
    assert (place["replacement"], place["promoted"], place["tied"], place["offered_at"]) == (
        "D3", ("D3", "D4"), (), 2)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D5", "seq": 2}, ("D3", "D4"))
    assert (st["D2"], st["D3"], st["D4"], st["D5"]) == ("retiré", "retenu", "retenu",
                                                        "non retenu")
    assert (said["D3"], said["D4"], said["D5"]) == (WON, WON, LOST_MANY)
    assert r.dossier("D2").decision.replaced_by == ("D3", "D4")
    # 20 000 + 10 000 + 10 000 = 40 000 committed, 5 000 left, D6 on the reserve
    assert money(r) == (("D1", "D3", "D4"), ("D6",), 40000)
    assert r.selection is not None and r.selection.decided.remaining == 5000
    assert open_ties(folder) == ([], [])
