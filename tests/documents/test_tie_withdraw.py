"""A dossier tied at the funding line that withdraws takes part in settling the tie exactly
as a refused one does (branch tie-withdraw; docs/decisions.md, "Ties at the funding line").
Before, a withdrawal settled nothing: the others stayed « à départager » until a decision
on one of them.

The call of test_tie_three: D1 20 000 (rank 1), D2 15 000 (rank 2), D3, D4, D5 10 000 each
tied at rank 3, D6 5 000 (rank 6), a reserve of 2.  Budget 50 000: 15 000 left at the line,
one place for three; 55 000: 20 000 left, two places for three.
"""

from __future__ import annotations

from pathlib import Path

from test_tie_three import (
    HEAD,
    LOST,
    LOST_MANY,
    NNBSP,
    OPEN,
    TIED,
    WON,
    decide,
    money,
    open_ties,
    scored,
    three_tied,
)

from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.documents.context import Builder
from isgrid.documents.letters import reasons
from isgrid.documents.minutes import build_minutes

# settled by a tied dossier's withdrawal (branch tie-words: it said « une décision a
# départagé », and no decision had)
WON_W = HEAD + "un retrait a départagé les dossiers ex æquo en faveur de votre dossier."
LOST_W = HEAD + "un retrait a départagé les dossiers ex æquo en faveur d'un autre dossier."
WON_W_EN = "Tied at the funding line: a withdrawal has settled the tie in favour of your dossier."
LOST_W_EN = ("Tied at the funding line: a withdrawal has settled the tie in favour of another "
             "dossier.")


def withdraw(folder: Path, did: str) -> None:
    append(folder, kind="withdrawal", dossier=did, by="Secrétariat", reason="retrait")


def test_a_tied_dossier_withdrawing_settles_the_tie_when_the_others_fit(
        tmp_path: Path) -> None:
    folder = three_tied(tmp_path, budget=55000)
    # D5 withdraws (it held no place: nothing freed): D3 + D4 = 20 000 <= 55 000 - 35 000,
    # both fit: taken, the tie settled by the withdrawal, as a refusal of D5 does
    withdraw(folder, "D5")  # seq 1
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D5", "seq": 1}, ("D3", "D4"))
    assert (st["D3"], st["D4"], st["D5"]) == ("retenu", "retenu", "retiré")
    assert [r.dossier(i).decision.proposed for i in TIED] == ["retenu", "retenu", "retiré"]
    assert [r.tie_open(r.dossier(i)) for i in TIED] == [False, False, False]
    assert (said["D3"], said["D4"]) == (WON_W, WON_W)  # D5's letter is not sent (withdrawn)
    en = Builder(load_call(folder), r, "feedback", "communicable", "en")
    assert WON_W_EN in reasons(en, r.dossier("D4"))
    # 20 000 + 15 000 + 10 000 + 10 000 = 55 000: nothing left; D6 on the reserve
    assert money(r) == (("D1", "D2", "D3", "D4"), ("D6",), 55000)
    assert r.selection is not None and r.selection.decided.remaining == 0
    assert r.freed_places == () and r.withdrawals[0]["freed"] is None
    assert open_ties(folder) == ([], [])
    m = build_minutes(load_call(folder), r, "pv", "fr")
    assert [(x["id"], x["status"]) for x in m["ranking"]] == [  # type: ignore[attr-defined]
        ("D1", "retenu"), ("D2", "retenu"), ("D3", "retenu"), ("D4", "retenu"),
        ("D5", "retiré"), ("D6", "réserve")]
    assert [x["id"] for x in m["retained"]] == ["D1", "D2", "D3", "D4"]  # type: ignore[attr-defined]
    # the minutes' « Retraits » say what the withdrawal did (it said « il n'était pas
    # retenu » only); the line's tie taken whole: « sont donc proposés »
    assert [x["text"] for x in m["withdrawals"]] == [  # type: ignore[attr-defined]
        f"D5 s'est retiré (il n'était pas retenu){NNBSP}; D3 et D4, ex æquo à la ligne de "
        "financement, sont donc proposés."]
    en = build_minutes(load_call(folder), r, "pv", "en")
    assert [x["text"] for x in en["withdrawals"]] == [  # type: ignore[attr-defined]
        "D5 withdrew (it was not selected); D3 and D4, tied at the funding line, are "
        "therefore proposed."]


def test_a_tied_dossier_withdrawing_leaves_the_others_tied_when_they_cannot_all_fit(
        tmp_path: Path) -> None:
    folder = three_tied(tmp_path)
    # D5 withdraws: D3 + D4 = 20 000 > 15 000: still a tie, the jury must choose
    withdraw(folder, "D5")  # seq 1
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        None, ())
    assert (st["D3"], st["D4"], st["D5"]) == ("classé", "classé", "retiré")
    assert (said["D3"], said["D4"]) == (OPEN, OPEN)
    assert money(r) == (("D1", "D2"), ("D6",), 35000)
    assert open_ties(folder) == (["D3", "D4"], ["D3", "D4"])
    # the jury retains D3: 45 000 held, D4 (10 000) does not fit the 5 000 left: settled
    decide(folder, "D3", "retenu")  # seq 2
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D3", "seq": 2}, ("D3",))
    assert (st["D3"], st["D4"], st["D5"]) == ("retenu", "réserve", "retiré")
    assert (said["D3"], said["D4"]) == (WON, LOST)
    assert money(r) == (("D1", "D2", "D3"), ("D4", "D6"), 45000)


def test_a_withdrawal_after_a_refusal_settles_the_tie(tmp_path: Path) -> None:
    folder = three_tied(tmp_path)
    # D4 refused: D3 + D5 = 20 000 > 15 000, still open; D5 withdraws: D3 alone, 10 000
    # <= 15 000: taken, the tie settled by D5's withdrawal (before: D3 stayed « classé »)
    decide(folder, "D4", "non retenu")  # seq 1
    r, st, _ = scored(folder)
    assert r.line_tie is not None and r.line_tie["settled"] is None
    withdraw(folder, "D5")  # seq 2
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D5", "seq": 2}, ("D3",))
    assert (st["D3"], st["D4"], st["D5"]) == ("retenu", "non retenu", "retiré")
    assert r.dossier("D3").decision.proposed == "retenu"
    assert (said["D3"], said["D4"]) == (WON_W, LOST_W)
    en = Builder(load_call(folder), r, "feedback", "communicable", "en")
    assert LOST_W_EN in reasons(en, r.dossier("D4"))
    m = build_minutes(load_call(folder), r, "pv", "fr")
    assert [x["text"] for x in m["withdrawals"]] == [  # type: ignore[attr-defined]
        f"D5 s'est retiré (il n'était pas retenu){NNBSP}; D3, ex æquo à la ligne de "
        "financement, est donc proposé."]
    # 20 000 + 15 000 + 10 000 = 45 000; D4 decided non retenu is off the reserve
    assert money(r) == (("D1", "D2", "D3"), ("D6",), 45000)
    assert open_ties(folder) == ([], [])


def test_a_withdrawal_before_a_refusal(tmp_path: Path) -> None:
    folder = three_tied(tmp_path, budget=55000)
    # at 55 000 the withdrawal of D5 already settled it (first test); at 50 000 it leaves
    # D3, D4 tied, and refusing D4 leaves D3 alone: 10 000 <= 15 000, taken
    folder = three_tied(tmp_path / "b")
    withdraw(folder, "D5")  # seq 1
    decide(folder, "D4", "non retenu")  # seq 2
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D4", "seq": 2}, ("D3",))
    assert (st["D3"], st["D4"], st["D5"]) == ("retenu", "non retenu", "retiré")
    assert (said["D3"], said["D4"]) == (WON, LOST)
    assert money(r) == (("D1", "D2", "D3"), ("D6",), 45000)


def test_a_tied_dossier_retained_by_the_line_withdrawing_frees_its_place(tmp_path: Path) -> None:
    # 55 000: D4 refused settles it for D3 and D5 (both fit); D5, retained by the line,
    # withdrawing after frees its place (10 000): 55 000 - 45 000 = 10 000 available, the
    # reserve's D6 (5 000) fits and is proposed in it.  The tie stays settled by D4's
    # refusal, in favour of D3 and D5 (D4's letter: « d'autres dossiers »)
    folder = three_tied(tmp_path, budget=55000)
    decide(folder, "D4", "non retenu")  # seq 1: D3 + D5 = 20 000 <= 20 000: settled
    withdraw(folder, "D5")  # seq 2
    r, st, said = scored(folder)
    assert r.line_tie is not None and (r.line_tie["settled"], r.line_tie["chosen"]) == (
        {"dossier": "D4", "seq": 1}, ("D3", "D5"))
    assert (st["D3"], st["D4"], st["D5"]) == ("retenu", "non retenu", "retiré")
    assert (said["D3"], said["D4"]) == (WON, LOST_MANY)
    [place] = r.freed_places
    assert (place["dossier"], place["freed"], place["available"], place["replacement"]) == (
        "D5", 10000, 10000, "D6")
    assert (st["D6"], r.dossier("D6").decision.replaces) == ("retenu", "D5")
    # 20 000 + 15 000 + 10 000 + 5 000 = 50 000
    assert money(r) == (("D1", "D2", "D3", "D6"), (), 50000)
