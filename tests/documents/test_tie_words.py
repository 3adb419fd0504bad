"""The letters and ``isgrid withdraw`` tell a tie at the funding line as the minutes do
(branch tie-words, an integration review; docs/decisions.md, « Ties at the funding line »,
« Places freed »).

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000 (rank 1)
and D2 15 000 (rank 2) retained, 35 000; D3 and D4 10 000 each tied at the line (75, rank
3): 15 000 left, 20 000 needed; the reserve D5 8 000, D6 5 000.

* D2 withdraws: 50 000 - 20 000 (D1) = 30 000 for its place, D3 + D4 = 20 000 fit: both
  proposed together in it (the minutes: « D3 et D4, ex æquo à la ligne de financement, sont
  proposés ensemble à sa place »).  Nobody broke the tie: the letters said « une décision a
  départagé les dossiers ex æquo en faveur de votre dossier ».  Then the vote retains D1
  and D3 and refuses D4: D4's letter said « … en faveur de votre dossier » above
  « Décision : dossier non retenu ».
* D4 withdraws instead (it held no place): D3 alone, 10 000 <= 15 000, is taken: the tie is
  settled by that withdrawal; ``isgrid withdraw`` said only « D4 retiré (il n'était pas
  sélectionné : aucun montant libéré). » and the minutes « D4 s'est retiré (il n'était pas
  retenu). ».
"""

from __future__ import annotations

from pathlib import Path

from test_place_story import NBSP, NNBSP, cli_says, letter_reasons, said, vote
from test_tie_three import decide, three_tied

from decisions_calls import seance_call
from isgrid.call.journal_append import append

HEAD = f"Ex æquo sur la ligne de financement{NBSP}: "
TOGETHER = HEAD + "les dossiers ex æquo ont tous pu être proposés ensemble à une place libérée"
TOGETHER_EN = ("Tied at the funding line: the tied dossiers could all be proposed together "
               "in a freed place")
PROMOTED = f"Un dossier retenu s'est retiré{NBSP}: votre dossier a été proposé à sa place"


def tie_said(folder: Path, did: str, lang: str = "fr") -> str:
    """The letter's reason about the tie at the line (exactly one)."""
    head = HEAD if lang == "fr" else "Tied at the funding line: "
    [found] = [x for x in letter_reasons(folder, did, lang) if x.startswith(head)]
    return found


def test_taken_together_in_a_freed_place_then_one_refused_by_the_vote(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    append(folder, kind="withdrawal", dossier="D2", by="S", reason="r")  # seq 1
    for did in ("D3", "D4"):
        assert tie_said(folder, did) == TOGETHER + ".", did
        assert tie_said(folder, did, "en") == TOGETHER_EN + ".", did
        assert PROMOTED + "." in letter_reasons(folder, did)
    assert said(folder, "withdrawals") == [
        f"D2 s'est retiré{NNBSP}; D3 et D4, ex æquo à la ligne de financement, sont "
        "proposés ensemble à sa place."]
    vote(folder, "D1", "retenu")  # seq 2
    vote(folder, "D3", "retenu")  # seq 3
    vote(folder, "D4", "non retenu")  # seq 4: its place (10 000) goes to D5 (8 000)
    # D3: taken, then retained by the vote (the promotion's sentence says it)
    assert tie_said(folder, "D3") == TOGETHER + "."
    assert PROMOTED + ", puis retenu par le vote." in letter_reasons(folder, "D3")
    # D4: taken, then refused by the vote: never « en faveur de votre dossier » alone
    assert tie_said(folder, "D4") == (
        TOGETHER + f"{NNBSP}; votre dossier n'a ensuite pas été retenu par le vote.")
    assert tie_said(folder, "D4", "en") == (
        TOGETHER_EN + "; your dossier was then not selected by the vote.")
    assert PROMOTED + "." in letter_reasons(folder, "D4")


def test_the_ones_left_taken_together_and_one_refused_before(tmp_path: Path) -> None:
    # three tied (D5 at 75 asking 10 000, test_tie_three), 50 000: D5 refused (seq 1): D3 +
    # D4 = 20 000 > 15 000, still tied; D2 withdraws (seq 2): 30 000 for its place, D3 and
    # D4 fit: taken together, the tie settled by D2's withdrawal; D5 was out before
    folder = three_tied(tmp_path)
    decide(folder, "D5", "non retenu")
    append(folder, kind="withdrawal", dossier="D2", by="S", reason="r")
    for did in ("D3", "D4"):
        assert tie_said(folder, did) == (
            HEAD + "les dossiers ex æquo encore en lice, dont le vôtre, ont pu être proposés "
            "ensemble à une place libérée."), did
    assert tie_said(folder, "D3", "en") == (
        "Tied at the funding line: the tied dossiers still in the running, yours among "
        "them, could be proposed together in a freed place.")
    assert tie_said(folder, "D5") == (
        HEAD + "les autres dossiers ex æquo ont ensuite été proposés ensemble à une place "
        "libérée.")
    assert tie_said(folder, "D5", "en") == (
        "Tied at the funding line: the other tied dossiers were then proposed together in a "
        "freed place.")


def test_withdraw_of_a_tied_dossier_says_what_it_settled(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    # D4 withdraws: it held no place; D3 alone, 10 000 <= 15 000: taken (« classé » ->
    # « retenu »), the moves said as decide says a refusal's
    assert cli_says("withdraw", folder, "D4", "--by", "S", "--reason", "r") == [
        f"D4 retiré (il n'était pas sélectionné{NBSP}: aucun montant libéré).",
        f"  D3{NBSP}: classé -> retenu",
        f"  D4{NBSP}: classé -> retiré"]
    assert said(folder, "withdrawals") == [
        f"D4 s'est retiré (il n'était pas retenu){NNBSP}; D3, ex æquo à la ligne de "
        "financement, est donc proposé."]
    assert said(folder, "withdrawals", "en") == [
        "D4 withdrew (it was not selected); D3, tied at the funding line, is therefore "
        "proposed."]
    assert tie_said(folder, "D3") == (
        HEAD + "un retrait a départagé les dossiers ex æquo en faveur de votre dossier.")


def test_withdraw_of_an_unselected_untied_dossier_moves_nothing_else(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    # D6 (reserve, 5 000) withdraws: no money freed, nothing settled; D6 leaves the reserve
    # (2 places: D5 alone is left on it); the minutes say only the withdrawal
    assert cli_says("withdraw", folder, "D6", "--by", "S", "--reason", "r") == [
        f"D6 retiré (il n'était pas sélectionné{NBSP}: aucun montant libéré).",
        f"  D6{NBSP}: réserve -> retiré"]
    assert said(folder, "withdrawals") == ["D6 s'est retiré (il n'était pas retenu)."]
