"""What ``isgrid decide`` and ``isgrid withdraw`` say when a place left to a tie is
offered again, and the words of a decision contrary to the proposal (found by a review).

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000, D2
15 000 retained; D3 and D4 tied at the line; D5 8 000, D6 5 000 the reserve.  D4 asks
21 000 here: D3 + D4 = 31 000 do not fit the 30 000 a refusal of D2 leaves (with 10 000 they
would take D2's place together, branch tie-freed: tests/documents/test_place_story.py).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.cli import cli

NBSP, NNBSP = "\u00a0", "\u202f"
TIGHT = dict(DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi"))


def say(lang: str, *args: object) -> list[str]:
    run = CliRunner().invoke(cli, ["--lang", lang, *map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout.splitlines()


def refuse(folder: Path, dossier: str, lang: str = "fr") -> list[str]:
    return say(lang, "decide", folder, dossier, "--stage", "vote", "--outcome", "non-retenu",
               "--by", "Présidente", "--reason", "vote")


def test_a_refusal_of_a_tied_dossier_says_the_place_offered_again(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, dossiers=TIGHT)
    # D2 refused: 30 000 left < 31 000, D3 and D4 tied for its place.  The engine had proposed D2
    # retenu: the decision is contrary to that proposal
    assert refuse(folder, "D2") == [
        f"D2 à l'étape vote{NBSP}: calculé retenu, décidé non retenu (décidé ≠ proposé)"
        f"{NNBSP}; statut non retenu",
        f"  D2{NBSP}: retenu -> non retenu",
        # the place is named (« sa place » would be nobody's after the line above)
        f"D3 et D4, ex æquo, peuvent prendre la place de D2{NBSP}: enregistrez une décision "
        "(isgrid decide)."]
    # D4 refused: no override (the engine had proposed nothing for it); the place is
    # offered again and D3 is proposed in it: never « (liste de réserve) », D3 was tied at
    # the line, not on the reserve (a review)
    assert refuse(folder, "D4") == [
        f"D4 à l'étape vote{NBSP}: calculé ex æquo, décidé non retenu{NNBSP}; statut non retenu",
        f"  D3{NBSP}: classé -> retenu",
        f"  D4{NBSP}: classé -> non retenu",
        f"La place de D2 est proposée à nouveau{NBSP}: D3 y est proposé."]
    # D3, proposed in D2's place, refused: contrary to the proposal (not to the ranking's
    # outcome: the engine computed nothing for it, a tie); D3's place is offered in turn:
    # 30 000 left, D5 (8 000) first on the reserve
    assert refuse(folder, "D3", "en") == [
        "D3 at vote: computed tied, proposed selected, decided not selected (not as proposed); "
        "status not selected",
        "  D3: selected -> not selected", "  D5: reserve -> selected",
        "D5 (reserve) is proposed in place of D3."]


def test_a_withdrawal_of_a_tied_dossier_says_the_place_offered_again(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, dossiers=TIGHT)
    refuse(folder, "D2")
    assert say("en", "withdraw", folder, "D3", "--by", "Secrétariat", "--reason", "x") == [
        "D3 withdrawn (it was not selected: no money freed).",
        # the moves, as decide says them (branch tie-words: withdraw said none)
        "  D3: ranked -> withdrawn", "  D4: ranked -> selected",
        # tied, not on the reserve; D4 alone, 21 000 <= 30 000
        "The place of D2 is offered again: D4 is proposed in it."]


def test_a_place_is_named_with_the_elision_of_a_name() -> None:
    """« La place d'AL16-02 est proposée à nouveau », « AL16-03 prend la place d'AL16-02 »:
    every message naming a freed place goes through one rule (it read « la place de
    AL16-02 » in the messages of a place offered again or settled)."""
    from isgrid.cli.places import of

    assert (of("AL16-02", "fr"), of("D2", "fr"), of("AL16-02", "en")) == (
        "d'AL16-02", "de D2", "of AL16-02")
