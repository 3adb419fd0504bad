"""A decision that agreed with isgrid's proposal when it was recorded, without a motivation,
and that a change of the call (the budget raised after the séance) turns against the
proposal: ``isgrid decide`` had nothing to warn, the letter states the refusal with no reason
and nothing said so.  ``isgrid call check`` and ``isgrid report --kind feedback`` warn
``decision-unmotivated`` at the decision's journal line (docs/decisions.md).

alsace-2016 with a reserve of one: AL16-01 (27 000 €) and AL16-02 (24 000 €) retained, 51 000 €
of 52 000 €; AL16-05 to check; AL16-03 (15 000 €) on the reserve; AL16-04 (20 000 €) not
retained.  With a budget of 87 000 € = 51 000 + 15 000 + 20 000 + 1 000, AL16-03 and AL16-04
are retained too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NB = "\u00a0"


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    # without the example's own warning (j2's ratings of AL16-01, a déport)
    j2 = folder / "ratings" / "j2.csv"
    lines = j2.read_text(encoding="utf-8").splitlines(keepends=True)
    j2.write_text("".join(x for x in lines if not x.startswith("AL16-01,")), encoding="utf-8")
    _edit(folder, "  reserve: 2\n", "  reserve: 1\n")
    return folder


def _edit(folder: Path, old: str, new: str) -> None:
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert text.count(old) == 1
    yaml.write_text(text.replace(old, new), encoding="utf-8")


def _run(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(cli, list(args))
    return run.exit_code, run.output


def _decide(folder: Path, dossier: str, outcome: str, *more: str) -> None:
    code, out = _run("decide", str(folder), dossier, "--outcome", outcome, "--by", "Jury",
                     "--reason", "séance", *more)
    assert code == 0 and "decision-unmotivated" not in out, out


def _warned(out: str) -> list[str]:
    """The decision-unmotivated warnings, and the line under each (its hint)."""
    lines = out.splitlines()
    return [x for i, line in enumerate(lines) if "[decision-unmotivated]" in line
            for x in lines[i:i + 2]]


def _fr(folder: Path, line: int, dossier: str) -> list[str]:
    return [f"Avertissement{NB}: {folder / 'journal.jsonl'}:{line}{NB}: la décision sur "
            f"{dossier} va contre la proposition d'isgrid en l'état actuel de l'appel et n'a "
            f"pas de motivation{NB}: le courrier au porteur ne dira pas pourquoi "
            "[decision-unmotivated]",
            f"  Indice{NB}: Enregistrez-la à nouveau avec les mots que lira le porteur{NB}: "
            '--motivation "…" (--reason reste interne).']


def test_a_decision_the_budget_turned_against_the_proposal_is_warned(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    _decide(folder, "AL16-01", "retenu")  # line 1: as proposed, and still after
    _decide(folder, "AL16-04", "non-retenu")  # line 2: as proposed (no place left)
    _decide(folder, "AL16-03", "réserve")  # line 3: as proposed (the reserve of one)
    code, out = _run("--lang", "fr", "call", "check", str(folder))
    assert code == 0 and _warned(out) == [], out
    _edit(folder, "budget: 52000\n", "budget: 87000\n")
    code, out = _run("--lang", "fr", "call", "check", str(folder))
    # AL16-04 and AL16-03 are now funded: both decisions go against the proposal
    assert code == 0 and _warned(out) == [*_fr(folder, 2, "AL16-04"),
                                          *_fr(folder, 3, "AL16-03")], out
    assert out.splitlines()[-1].startswith("ok"), out
    code, out = _run("--lang", "en", "call", "check", str(folder))
    assert _warned(out)[:2] == [
        f"Warning: {folder / 'journal.jsonl'}:2: the decision on AL16-04 goes against "
        "isgrid's proposal as the call is now and has no motivation: the applicant's letter "
        "will not say why [decision-unmotivated]",
        '  Hint: Record it again with the words the applicant will read: --motivation "…" '
        "(--reason stays internal)."], out
    code, out = _run("--strict", "call", "check", str(folder))
    assert code == 1 and "[decision-unmotivated]" in out, out
    # AL16-04's refusal recorded again with its motivation (line 4) replaces line 2
    _decide(folder, "AL16-04", "non-retenu", "--motivation", "Budget prévisionnel non étayé.")
    code, out = _run("--lang", "fr", "call", "check", str(folder))
    assert code == 0 and _warned(out) == _fr(folder, 3, "AL16-03"), out


def test_feedback_letters_warn_for_the_dossiers_they_write(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    _decide(folder, "AL16-04", "non-retenu")
    _edit(folder, "budget: 52000\n", "budget: 87000\n")
    code, out = _run("--lang", "fr", "report", str(folder), "--kind", "feedback",
                     "-o", str(tmp_path / "lettres"))
    assert code == 0 and _warned(out) == _fr(folder, 1, "AL16-04"), out
    assert (tmp_path / "lettres" / "AL16-04.html").is_file()
    code, out = _run("--lang", "fr", "report", str(folder), "--kind", "feedback",
                     "--dossier", "AL16-01", "-o", str(tmp_path / "une"))
    assert code == 0 and _warned(out) == [], out  # AL16-01's letter says no such decision
    # not a letter: the committee report states the decision in its own words
    code, out = _run("--lang", "fr", "report", str(folder), "-o", str(tmp_path / "c.html"))
    assert code == 0 and _warned(out) == [], out
