"""``isgrid decisions`` tells a freed place as the minutes tell it (found by an integration
review: after a withdrawal whose place went to a reserve dossier, then that dossier voted,
``decisions`` ended « AL16-01 retiré : AL16-02 est proposé à sa place. » while the minutes
said « …, puis retenu par le vote (délibération … du …) »): one narrative,
:func:`isgrid.documents.places.place_text`.

The séance call of tests/decisions_calls.py (budget 50 000, ``meeting.vote``
CP-2026-04-117 of 2 April 2026): D1 20 000, D2 15 000, D3 and D4 10 000 each tied at the
line.  The jury settles the tie for D3; D4 heads the reserve; D1 withdraws: D4 (reserve) is
proposed in its place; the vote retains D4 (no reference of its own: meeting.vote's).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.minutes import build_minutes
from isgrid.engine import score

NBSP, NNBSP = "\u00a0", "\u202f"

SAID = {
    "fr": f"D1 s'est retiré{NNBSP}; D4 (liste de réserve) est proposé à sa place, puis retenu "
          "par le vote (délibération CP-2026-04-117 du 2 avril 2026).",
    "en": "D1 withdrew; D4 (reserve) is proposed in its place, then selected by the vote "
          "(deliberation CP-2026-04-117 of 2 April 2026).",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_decisions_says_the_place_as_the_minutes_say_it(tmp_path: Path, lang: str) -> None:
    folder = seance_call(tmp_path)
    append(folder, kind="decision", dossier="D3", outcome="retenu", stage="jury", by="Jury",
           reason="ex æquo départagé")
    append(folder, kind="withdrawal", dossier="D1", by="Secrétariat", reason="courrier")
    append(folder, kind="decision", dossier="D4", outcome="retenu", stage="vote", by="CP",
           reason="vote")
    run = CliRunner().invoke(cli, ["--lang", lang, "decisions", str(folder)])
    assert run.exit_code == 0, run.output
    # the table, then the one freed place, in the minutes' very words
    assert run.output.splitlines()[-1] == SAID[lang]
    call = load_call(folder)
    minutes = build_minutes(call, score(call), "pv", lang)
    assert [x["text"] for x in minutes["withdrawals"]] == [SAID[lang]]


def test_decisions_says_a_place_left_to_a_tie(tmp_path: Path) -> None:
    """A refusal whose place two tied dossiers could take: said, as the minutes say it
    (the table said nothing of a place nobody was proposed in).  D4 asks 21 000: D3 + D4 =
    31 000 do not fit the 30 000 left (with 10 000 both take the place, branch tie-freed)."""
    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi")))
    append(folder, kind="decision", dossier="D2", outcome="non retenu", stage="vote",
           by="CP", reason="vote")
    run = CliRunner().invoke(cli, ["--lang", "fr", "decisions", str(folder)])
    assert run.exit_code == 0, run.output
    assert run.output.splitlines()[-1] == (
        f"D2 n'est pas retenu par le vote{NNBSP}; D3 et D4, ex æquo, peuvent prendre sa "
        f"place{NBSP}: le comité choisit.")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_table_columns_never_run_together(tmp_path: Path, lang: str) -> None:
    """Each column as wide as its widest cell, two spaces apart: « not selected » (12
    characters) filled its 12-character column, and the next one followed one space after
    (« not selected not selected » read as one cell)."""
    folder = seance_call(tmp_path)
    append(folder, kind="decision", dossier="D2", outcome="non retenu", stage="vote",
           by="CP", reason="vote")
    run = CliRunner().invoke(cli, ["--lang", lang, "decisions", str(folder)])
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    head = lines[0]
    starts = [head.index(w) for w in head.split()]  # where each heading begins
    row = next(x for x in lines if " D2 " in x)
    for at in starts[1:]:
        assert row[at - 2:at] == "  ", (row, at)  # two spaces before every column
    refused = "non retenu" if lang == "fr" else "not selected"
    assert row.split(None, 2)[2].startswith(f"{'retenu' if lang == 'fr' else 'selected'}")
    assert row.count(refused) == 2  # decided and status, apart
