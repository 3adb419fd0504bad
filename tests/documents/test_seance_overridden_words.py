"""The séance board says in words which decision went against isgrid's proposal: the live
dashboard's ranking wrote the stage's cell in red only (« retenu » in red: lost to a screen
reader and in a black-and-white print, WCAG 1.4.1), and the tableau de séance's funded list
said « décidé » as for a decision that follows the proposal.  Both now say « décidé ≠
proposé », the minutes' words (seance catalogue ``short.overridden``).

The call (tests/decisions_calls.py, totals 100 x (Q1 + Q2) / 8, budget 50 000, reserve 2):
D1 100, D2 87,5, D3 75 are proposed (45 000); D6 37,5 (5 000) is not retained.  The
jury retains D2 as proposed; the vote retains D6 against the proposal: 50 000 committed."""

from __future__ import annotations

import re
from pathlib import Path

from test_pv_overridden_words import DOSSIERS
from test_vote_reference import words

from clirun import run
from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.documents.seance import render_seance
from isgrid.engine import score
from isgrid.web.watch import render_dashboard


def _scored(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = seance_call(tmp_path, call={"conflicts": []}, dossiers=DOSSIERS)
    run("decide", folder, "D6", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    run("decide", folder, "D2", "--stage", "jury", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    call = load_call(folder)
    return call, score(call)


def _row(page: str, dossier: str, marker: str) -> str:
    """The table row of ``dossier`` whose first cells match ``marker``."""
    rows = re.findall(r"<tr[^>]*>.*?</tr>", page, re.DOTALL)
    return next(r for r in rows if f'<td class="id">{dossier}</td>' in r and marker in r)


def test_the_dashboard_ranking_says_it_in_the_cell(tmp_path: Path) -> None:
    call, result = _scored(tmp_path)
    for lang, said in (("fr", "décidé ≠ proposé"), ("en", "not as proposed")):
        page = render_dashboard(result, lang=lang, call=call).decode("utf-8")
        d6 = _row(page, "D6", '<td class="title">Projet D6</td>')
        cells = [words(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", d6, re.DOTALL)]
        # rank, id, title, total, computed, jury, vote, status, …
        assert cells[:5] == ["6", "D6", "Projet D6", "37,5" if lang == "fr" else "37.5",
                             "non retenu" if lang == "fr" else "not selected"]
        assert cells[5] == "-"
        assert cells[6] == ("retenu " if lang == "fr" else "selected ") + said
        # the jury's « retenu » of D2 is the proposal's: no words, no red
        d2 = _row(page, "D2", '<td class="title">Projet D2</td>')
        assert said not in d2 and 'class="over"' not in d2


def test_the_tableau_says_it_beside_the_status(tmp_path: Path) -> None:
    call, result = _scored(tmp_path)
    page = render_seance(call, result, "html", lang="fr")
    page = page.decode("utf-8") if isinstance(page, bytes) else page
    d6 = words(_row(page, "D6", "Projet D6"))
    assert "retenu · décidé ≠ proposé 5 000 € 50 000 € 0 €" in d6
    d2 = words(_row(page, "D2", "Projet D2"))
    assert "proposé (retenu) · décidé 15 000 € 35 000 € 15 000 €" in d2
    assert "≠" not in d2
