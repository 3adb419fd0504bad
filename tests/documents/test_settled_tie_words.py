"""A tie at the funding line that a decision settled is said settled, in the letters and
the séance's « décisions à prendre » (the engine's reading, Result.tie_open; found by a
review: the letters still said « le jury doit départager »).

The séance call of tests/decisions_calls.py: D1 and D2 retained, D3 and D4 tied at the
line (rank 3), nobody chose.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.context import Builder
from isgrid.documents.letters import reasons
from isgrid.documents.seance import build_seance
from isgrid.engine import score

NBSP = "\u00a0"
# an open tie at the line is the letter's outcome (not « Proposition du jury : dossier
# classé. » and a reason beside it)
OPEN_FR = (f"**Votre dossier est ex æquo sur la ligne de financement{NBSP}: le jury doit "
           "encore départager les dossiers ex æquo.**")
VOTE_FR = (f"**Votre dossier est ex æquo sur la ligne de financement{NBSP}: le vote doit "
           "encore départager les dossiers ex æquo.**")
SETTLED = (f"Ex æquo sur la ligne de financement{NBSP}: une décision a départagé les "
           "dossiers ex æquo")
WON_FR = f"{SETTLED} en faveur de votre dossier."
LOST_FR = f"{SETTLED} en faveur d'un autre dossier."
SETTLED_EN = "Tied at the funding line: a decision has settled the tie in favour of your dossier."


def letter(folder: Path, tmp: Path, did: str, lang: str = "fr") -> str:
    out = tmp / f"letters-{lang}"
    run = CliRunner().invoke(cli, [
        "--lang", lang, "report", str(folder), "--kind", "feedback", "--format", "md",
        "-o", str(out)])
    assert run.exit_code == 0, run.output
    return (out / f"{did}.md").read_text(encoding="utf-8")


def test_a_settled_tie_is_said_settled_in_the_letters(tmp_path: Path) -> None:
    # D4 asks 21 000 (D3 + D4 = 31 000 > 15 000 at the line, and > 30 000 once D2 is
    # refused: with 10 000 both would take D2's place together, branch tie-freed)
    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi")))
    r = score(load_call(folder))
    assert r.tie_open(r.dossier("D3")) and r.tie_open(r.dossier("D4"))
    assert OPEN_FR in letter(folder, tmp_path / "a", "D3")
    # the vote refuses D2: D3 and D4 tied for its place, still open; the vote chooses now,
    # not the jury (a review)
    append(folder, kind="decision", dossier="D2", outcome="non retenu", stage="vote",
           by="Présidente", reason="vote")
    text = letter(folder, tmp_path / "b", "D4")
    assert VOTE_FR in text and "jury doit" not in text
    # the vote refuses D4: the tie is settled, D3 proposed in D2's place
    append(folder, kind="decision", dossier="D4", outcome="non retenu", stage="vote",
           by="Présidente", reason="vote")
    r = score(load_call(folder))
    assert not r.tie_open(r.dossier("D3")) and not r.tie_open(r.dossier("D4"))
    # settled for D3 (the refusal of D4, the first decision on the tied), not for D4
    for did, said in (("D3", WON_FR), ("D4", LOST_FR)):
        text = letter(folder, tmp_path / f"c-{did}", did)
        assert said in text and "doit départager" not in text, did
    assert SETTLED_EN in letter(folder, tmp_path / "d", "D3", "en")


def test_a_tie_settled_on_one_member_is_no_more_to_settle_for_the_other(
        tmp_path: Path) -> None:
    """D3 retained by the jury: D4, which nobody decided, is no more « à départager » (its
    letter, and the séance's « décisions à prendre » listed it still)."""
    folder = seance_call(tmp_path)
    call = load_call(folder)
    todo = build_seance(call, score(call), "fr").todo
    assert any(x.startswith(f"D4{NBSP}: ex æquo") for x in todo), todo
    append(folder, kind="decision", dossier="D3", outcome="retenu", stage="jury",
           by="Jury", reason="choix")
    call = load_call(folder)
    r = score(call)
    d4 = r.dossier("D4")
    assert (str(d4.status), d4.decision.outcome, r.tie_open(d4)) == ("réserve", None, False)
    assert reasons(Builder(call, r, "feedback", "communicable", "fr"), d4)[0] == LOST_FR
    todo = build_seance(call, r, "fr").todo
    assert not any("ex æquo" in x for x in todo), todo
