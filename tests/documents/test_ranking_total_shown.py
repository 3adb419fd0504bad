"""Which total a reader is shown when the grid ranks with ranking weights: the letters
compare an applicant with the funding line on the total the ranking used, and say it
(a review found a reserve dossier told it scored above the last funded one: the line was
read as the lowest *plain* total among the funded, the ranking ordered ranking totals);
the minutes (PV), ``isgrid score``'s table and its CSV show the ranking total beside the
total, as the committee report does (they showed a rank computed on a total they did not
show: a higher total ranked below a lower one, no word why).

Worked by hand.  The grid of tests/zonecalls.py (Q1 with a floor of 2, Q2, both 0..4),
Q1 given ``ranking_weight: 3``: total = 100 x (Q1 + Q2) / 8, ranking total =
100 x (3 Q1 + Q2) / 16; three jurors rate each dossier alike.

    dossier  Q1 Q2   total  ranking total
    A         4  4   100    100
    B         4  0    50     75
    C         2  4    75     62.5
    G         2  3    62.5   56.25
    E         2  2    50     50

Ranked by the ranking total: A, B, C, G, E.  Budget 20 000 at 10 000 each: A and B are
proposed; the last proposed is B, at 75 on the ranking total (50 on the plain one).  C's
letter: 62,5 for C against 75,0 for B, on the ranking total (it said « le dernier dossier
proposé au financement totalise 50,0 / 100 » beside C's own 75,0).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.documents.context import Builder
from isgrid.documents.letters import letter, letters_csv_pieces
from isgrid.documents.minutes import build_minutes, render_minutes
from isgrid.documents.score_outputs import score_csv, score_table
from isgrid.documents.seance import build_seance
from isgrid.engine import Result, score
from zonecalls import GRID

NBSP = "\u00a0"
WEIGHTED = GRID.replace("{id: Q1, label: Utilité sociale, scale: s04, floor: 2,",
                        "{id: Q1, label: Utilité sociale, scale: s04, floor: 2, "
                        "ranking_weight: 3,")
RATINGS = {"A": (4, 4), "B": (4, 0), "C": (2, 4), "G": (2, 3), "E": (2, 2)}


def ranking_call(tmp_path: Path, weighted: bool = True) -> Path:
    assert WEIGHTED != GRID
    ds = [{"id": d, "title": f"Projet {d}", "amount_requested": 10000} for d in RATINGS]
    ratings: list[Any] = []
    for d, (q1, q2) in RATINGS.items():
        for j in ("j1", "j2", "j3"):
            ratings += [(d, j, "Q1", q1), (d, j, "Q2", q2)]
    return make_call(tmp_path, WEIGHTED if weighted else GRID, {
        "title": "Total de classement (test)", "budget": 20000,
        "assessors": [{"id": j} for j in ("j1", "j2", "j3")]}, ds, ratings)


def scored(tmp_path: Path, weighted: bool = True) -> tuple[Any, Result]:
    call = load_call(ranking_call(tmp_path, weighted))
    result = score(call)
    by = {d.id: d for d in result.dossiers}
    if weighted:  # the premise, by hand
        assert {d: by[d].total for d in RATINGS} == pytest.approx(
            {"A": 100, "B": 50, "C": 75, "G": 62.5, "E": 50})
        assert {d: by[d].ranking_key for d in RATINGS} == pytest.approx(
            {"A": 100, "B": 75, "C": 62.5, "G": 56.25, "E": 50})
        assert [d.id for d in result.dossiers if d.rank is not None] == list("ABCGE")
    assert result.current is not None and set(result.current.selected) == (
        {"A", "B"} if weighted else {"A", "C"})
    return call, result


def test_the_letters_compare_on_the_ranking_total_and_say_it(tmp_path: Path) -> None:
    call, result = scored(tmp_path)
    fr = Builder(call, result, "feedback", "communicable", "fr")
    c = letter(fr, result.dossier("C"))
    assert (c.total, c.ranking_total, c.line_total, c.line_ranking) == (75, 62.5, 75, True)
    assert c.line_words == (
        f"Le classement suit le total de classement, calculé avec les poids de classement "
        f"de la grille{NBSP}: 62,5 / 100 pour votre dossier, 75,0 / 100 pour le dernier "
        f"dossier proposé au financement.")
    assert "50,0" not in (c.line_words or "")  # B's plain total is not the line
    en = Builder(call, result, "feedback", "communicable", "en")
    g = letter(en, result.dossier("G"))
    assert g.line_words == (
        "The ranking follows the ranking total, worked out with the grid's ranking "
        "weights: 56.3 / 100 for your dossier, 75.0 / 100 for the last dossier proposed "
        "for funding.")
    # the mail merge: the line in ``ligne_classement`` beside ``total_classement``; the
    # plain ``ligne_financement`` left empty, never a ranking total beside a plain one
    text = b"".join(letters_csv_pieces([c], "fr")).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert (row["total"], row["total_classement"], row["ligne_financement"],
            row["ligne_classement"]) == ("75,0", "62,5", "", "75,0")


def test_without_ranking_weights_the_letter_is_as_before(tmp_path: Path) -> None:
    # plain weights: totals A 100, C 75, G 62.5, B 50, E 50; A and C proposed, line 75
    call, result = scored(tmp_path, weighted=False)
    g = letter(Builder(call, result, "feedback", "communicable", "fr"), result.dossier("G"))
    assert (g.total, g.ranking_total, g.line_total, g.line_ranking) == (62.5, None, 75, False)
    assert g.line_words == "Le dernier dossier proposé au financement totalise 75,0 / 100."


def test_the_minutes_score_table_and_csv_show_the_total_the_rank_follows(
        tmp_path: Path) -> None:
    # ranks 1-5: A, B, C, G, E; plain totals 100, 50, 75, 62.5, 50 read out of order
    # without the ranking totals 100, 75, 62.5, 56.25, 50 (56,25 rounds half up to 56,3)
    call, result = scored(tmp_path)
    pv = build_minutes(call, result, "pv", "fr")
    rows = {r["id"]: r["total_words"] for r in pv["ranking"]}
    assert [rows[d] for d in "ABCGE"] == [
        "100,0 · pour le classement 100,0", "50,0 · pour le classement 75,0",
        "75,0 · pour le classement 62,5", "62,5 · pour le classement 56,3",
        "50,0 · pour le classement 50,0"]
    # the séance board's dossier under discussion, as the PV says it
    now = build_seance(call, result, "fr", dossier="C").current
    assert now is not None and now.total_words == "75,0 · pour le classement 62,5"
    html = render_minutes(call, result, "pv", "html", lang="en").decode("utf-8")
    # the HTML/PDF PV: the ranking total in a column of its own (test_pv_ranking_total.py)
    assert "<td class=\"num\">50.0</td><td class=\"num\">75.0</td>" in html
    table = score_table(result, "fr").splitlines()
    assert "Total · classement Statut" in next(x for x in table if x.startswith("Rang"))
    assert [x.split()[2:5] for x in table if re.match(r"\s+\d ", x)] == [
        ["100,0", "·", "100,0"], ["50,0", "·", "75,0"], ["75,0", "·", "62,5"],
        ["62,5", "·", "56,3"], ["50,0", "·", "50,0"]]
    said = " ".join(score_table(result, "en").split())
    assert ("Total · ranking: the total, then the total for ranking (worked out with the "
            "grid's ranking weights), which the rank follows.") in said
    rows_csv = list(csv.reader(io.StringIO(score_csv(result, "fr").decode("utf-8-sig")),
                               delimiter=";"))
    at = rows_csv[0].index("ranking_total")
    assert rows_csv[0][at - 1] == "total"
    assert [(r[0], r[1], r[at - 1], r[at]) for r in rows_csv[1:6]] == [
        ("1", "A", "100", "100"), ("2", "B", "50", "75"), ("3", "C", "75", "62,5"),
        ("4", "G", "62,5", "56,25"), ("5", "E", "50", "50")]


def test_without_ranking_weights_the_tables_are_as_before(tmp_path: Path) -> None:
    call, result = scored(tmp_path, weighted=False)
    assert "ranking_total" not in score_csv(result, "fr").decode("utf-8-sig").splitlines()[0]
    assert "Total · classement" not in score_table(result, "fr")
    pv = build_minutes(call, result, "pv", "fr")
    assert {r["id"]: r["total_words"] for r in pv["ranking"]}["C"] == "75,0"


@pytest.mark.parametrize("weighted", [True, False])
def test_the_live_dashboard_shows_the_total_the_rank_follows(tmp_path: Path,
                                                             weighted: bool) -> None:
    """``isgrid watch``'s ranking: B, ranked second, shows « 50,0 · pour le classement 75,0 »
    (it showed 50,0 alone, under A's 100,0 and above C's 75,0); without ranking weights, the
    total alone, as before."""
    from isgrid.web.watch import render_dashboard

    call, result = scored(tmp_path, weighted)
    page = render_dashboard(result, lang="fr", call=call)
    page = page.decode("utf-8") if isinstance(page, bytes) else page
    cells = {m.group(1): m.group(2) for m in re.finditer(
        r'<td[^>]*>(A|B|C|G|E)</td>.*?<td class="num">([^<]*)</td>', page, re.DOTALL)}
    if weighted:
        assert cells["B"] == "50,0 · pour le classement 75,0"
        assert cells["C"] == "75,0 · pour le classement 62,5"
    else:
        assert cells["B"] == "50,0"
        assert cells["C"] == "75,0"
