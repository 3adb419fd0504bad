"""« décidé ≠ proposé » (``stages[stage].overridden``) is judged against the proposal the
engine makes from the call as it is now, at the decision's place in the journal: the
journal records decisions, not what the engine proposed then (docs/decisions.md; found by a
review: the docs said « when the decision was recorded », while a refusal recorded while
the dossier was tied became « décidé ≠ proposé » once the budget was raised).

The séance call of tests/decisions_calls.py, worked by hand.  Budget 50 000: D1 (20 000)
and D2 (15 000) retained, 35 000, 15 000 left; D3 and D4 tied at the line (rank 3, 10 000
each), one fits: the engine proposes neither (computed None), the vote refuses D4: no
override.  Budget raised to 60 000: 35 000 + 10 000 + 10 000 = 55 000 <= 60 000, both fit:
the engine proposes D4 « retenu », and the refusal goes against it.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score


def test_the_flag_reads_the_call_as_it_is(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    append(folder, kind="decision", dossier="D4", outcome="non retenu", stage="vote",
           by="CP", reason="vote")
    d4 = score(load_call(folder)).dossier("D4")
    assert (d4.decision.computed, d4.decision.stages["vote"].overridden) == (None, False)
    assert "overridden:vote" not in d4.flags
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert text.count("budget: 50000\n") == 1
    yaml.write_text(text.replace("budget: 50000\n", "budget: 60000\n"), encoding="utf-8")
    r = score(load_call(folder))
    d4 = r.dossier("D4")
    assert (d4.decision.computed, d4.decision.stages["vote"].overridden) == ("retenu", True)
    assert "overridden:vote" in d4.flags
    assert str(r.dossier("D3").status) == "retenu"
    res = CliRunner().invoke(cli, ["--lang", "fr", "decisions", str(folder)])
    assert res.exit_code == 0, res.output
    row = next(line for line in res.output.splitlines() if " D4 " in line)
    assert row.split()[2:5] == ["retenu", "non", "retenu"] and "décidé ≠ proposé" in row
