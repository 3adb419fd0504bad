"""``decision-unmotivated`` is about the decision the applicant's letter states: the
dossier's decision in effect.  A jury's « ajourné » without a motivation that a later
vote replaced (« non retenu », with its motivation) is not what the letter says: no
warning, and no hint asking to record the superseded decision again (found by a review:
the call cd67, T6).

The call (tests/decisions_calls.py): D6 (total 50, 5 000 €) is on the reserve (D1 and D2
retained, D3 and D4 tied at the line, D5 then D6 on the reserve of two).  « ajourné » and
« non retenu » both go against that proposal (« réserve »): both are overridden.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.engine import score

NB = "\u00a0"
WHY = "La commune d'implantation a émis un avis défavorable sur le local retenu."


def _run(*args: str | Path) -> tuple[int, str]:
    run = CliRunner().invoke(cli, [str(a) for a in args])
    return run.exit_code, run.output


def _warned(out: str) -> list[str]:
    return [x for x in out.splitlines() if "[decision-unmotivated]" in x]


def _said(folder: Path, line: int) -> str:
    return (f"Avertissement{NB}: {folder / 'journal.jsonl'}:{line}{NB}: la décision sur D6 "
            "va contre la proposition d'isgrid en l'état actuel de l'appel et n'a pas de "
            f"motivation{NB}: le courrier au porteur ne dira pas pourquoi "
            "[decision-unmotivated]")


def test_a_postponement_a_motivated_vote_replaced_is_not_warned(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    assert score(load_call(folder)).dossier("D6").status == "réserve"
    code, out = _run("--lang", "fr", "decide", folder, "D6", "--outcome", "ajourné",
                     "--by", "Jury", "--reason", "attente de l'avis de la commune")
    assert code == 0 and len(_warned(out)) == 1, out  # said before it is recorded
    code, out = _run("--lang", "fr", "call", "check", folder)
    assert code == 0 and _warned(out) == [_said(folder, 1)], out
    # the vote replaces it, with the words the applicant reads
    code, out = _run("--lang", "fr", "decide", folder, "D6", "--stage", "vote", "--outcome",
                     "non-retenu", "--by", "Commission permanente", "--reason", "avis",
                     "--motivation", WHY)
    assert code == 0 and _warned(out) == [], out
    d6 = score(load_call(folder)).dossier("D6")
    assert (d6.status, d6.decision.seq, d6.decision.stage) == ("non retenu", 2, "vote")
    assert d6.decision.stages["jury"].overridden and d6.decision.stages["vote"].overridden
    for args in (("call", "check", folder),
                 ("report", folder, "--kind", "feedback", "-o", tmp_path / "lettres")):
        code, out = _run("--lang", "fr", *args)
        assert code == 0 and _warned(out) == [], out
    call = load_call(folder)
    letter = dict(render_report(call, score(call), "feedback", "md"))["D6"].decode("utf-8")
    assert WHY in letter  # the letter says why: the vote's motivation


def test_a_vote_without_motivation_in_effect_is_still_warned(tmp_path: Path) -> None:
    """The same vote without a motivation: it is what the letter states, and the warning
    is at its line (2), not at the postponement's (1)."""
    folder = seance_call(tmp_path)
    for args in (("--outcome", "ajourné", "--by", "Jury"),
                 ("--stage", "vote", "--outcome", "non-retenu", "--by", "CP")):
        code, out = _run("decide", folder, "D6", *args, "--reason", "séance")
        assert code == 0, out
    code, out = _run("--lang", "fr", "call", "check", folder)
    assert code == 0 and _warned(out) == [_said(folder, 2)], out
