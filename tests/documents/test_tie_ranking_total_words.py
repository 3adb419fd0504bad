"""Two dossiers a tie-break parted on equal *ranking* totals (the grid ranks with its ranking
weights) are not « à total égal »: the documents show the plain total, which differs.  The
jury's documents and the letters say « à total de classement égal » (« same ranking total »),
the letter gives that total, the ranking's few words and the legend say it too.

The grid of tests/tiebreak_calls.py with the section « Besoin social » weighted 3 for the
ranking only.  By hand, Q1 and Q2 on 0..4:

    total         = 100 x (Q1 + Q2) / 8
    ranking total = 100 x (3 Q1 + Q2) / 16

    D1 (4, 4)  total 100   ranking 100     20 000 €  deposited 2026-02-12
    D2 (3, 1)  total  50   ranking 62,5    10 000 €  2026-02-14
    D3 (2, 4)  total  75   ranking 62,5    10 000 €  2026-02-16
    D4 (1, 1)  total  25   ranking 25      10 000 €  2026-02-10

The cascade: the date of deposit alone (earliest first): D2 before D3 (14 before 16
February), though D3's total (75) is higher than D2's (50).  Budget 30 000 €: D1 + D2 funded,
D3 first below the line, on the reserve (1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tiebreak_calls
from isgrid.cli import cli

NBSP = "\u00a0"
BY_DATE = f"«{NBSP}Date de dépôt{NBSP}» (la plus ancienne d'abord)"
WEIGHTED = tiebreak_calls.GRID.replace(
    "  - id: besoin\n    label: Besoin social\n",
    "  - id: besoin\n    label: Besoin social\n    ranking_weight: 3\n").replace(
    "sections:\n", "parameters:\n  sections.*.ranking_weight: {status: inferred}\nsections:\n", 1)
DOSSIERS = {"D1": (4, 4, 20000, "2026-02-12"), "D2": (3, 1, 10000, "2026-02-14"),
            "D3": (2, 4, 10000, "2026-02-16"), "D4": (1, 1, 10000, "2026-02-10")}


def say(*args: object) -> str:
    run = CliRunner().invoke(cli, [*map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout


def report(folder: Path, lang: str, out: Path, *kind: str) -> str:
    """``isgrid --lang LANG report FOLDER [KIND] --format md -o OUT``: the committee report
    it wrote, or with ``--kind feedback`` D3's letter (the one below the line)."""
    say("--lang", lang, "report", folder, *kind, "--format", "md", "-o", out)
    return (out / "D3.md" if kind else out).read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert WEIGHTED != tiebreak_calls.GRID and "ranking_weight: 3" in WEIGHTED
    monkeypatch.setattr(tiebreak_calls, "GRID", WEIGHTED)
    return tiebreak_calls.tie_call(tmp_path, budget=30000, reserve=1, dossiers=DOSSIERS,
                                   tie_breaks=[{"by": "fact:submitted_at", "order": "asc"}])


def test_the_engine_parts_them_on_the_ranking_total(folder: Path) -> None:
    """The premise, by hand: D2 and D3 at 62,5 for the ranking, 50 and 75 shown."""
    from isgrid.call.load import load_call
    from isgrid.engine import score

    by = {d.id: d for d in score(load_call(folder)).dossiers}
    assert (by["D2"].total, by["D3"].total) == (50, 75)
    assert by["D2"].ranking_total == pytest.approx(62.5)
    assert by["D3"].ranking_total == pytest.approx(62.5)
    assert (by["D2"].rank, by["D3"].rank) == (2, 3)
    assert "tie-broken:fact:submitted_at" in by["D3"].flags


def test_the_committee_report_and_the_letter_say_ranking_total(folder: Path,
                                                                tmp_path: Path) -> None:
    md = report(folder, "fr", tmp_path / "comite.md")
    assert "à total égal" not in md and "(totaux égaux)" not in md
    # section 1 states the cascade, under what it parts
    assert (f"- Départage des ex æquo (totaux de classement égaux{NBSP}: les totaux avec les "
            f"poids de classement de la grille){NBSP}: {BY_DATE}\n") in md, md[:3000]
    assert (f"| à total de classement égal avec D2 (dernier dossier proposé au financement), "
            f"classé après lui par le départage que prévoit l'appel{NBSP}: {BY_DATE} |") in md
    # the zone grise, at D2: the dossier of its ranking total the tie-break put after it
    assert ("à total de classement égal avec D3, classé avant lui par le départage que "
            "prévoit l'appel") in md
    d3 = report(folder, "fr", tmp_path / "lettres", "--kind", "feedback")
    assert ("- À total de classement égal avec le dernier dossier proposé au financement, "
            f"votre dossier a été classé après lui par le départage que prévoit l'appel{NBSP}: "
            f"{BY_DATE}. Le classement suit le total calculé avec les poids de classement de "
            f"la grille{NBSP}: 62,5 pour les deux dossiers.\n") in d3, d3
    assert "75,0" in d3  # the total it is shown, which is not the one that was equal


def test_the_few_words_and_the_legend(folder: Path) -> None:
    from isgrid.call.load import load_call
    from isgrid.documents.build import build_context
    from isgrid.engine import score

    # the 80-column table's cell, cut (its « Total · classement » column is 18 wide)
    assert "même total de c" in say("score", folder)
    call = load_call(folder)
    ctx = build_context(call, score(call), "committee", "interne", "fr")
    legend = {x.term: x.meaning for x in ctx.flag_legend}
    assert legend["même total de classement, départage de l'appel"].startswith(
        "même total de classement (le total avec les poids de classement de la grille) que "
        "le dossier classé juste avant"), legend


def test_in_english(folder: Path, tmp_path: Path) -> None:
    md = report(folder, "en", tmp_path / "committee.md")
    assert "same total" not in md
    assert ("| same ranking total as D2 (the last dossier proposed for funding), ranked after "
            "it by the tie-break the call lays down: “Date de dépôt” (earliest first) |") in md
    d3 = report(folder, "en", tmp_path / "letters", "--kind", "feedback")
    assert ("With the same ranking total as the last dossier proposed for funding, your "
            "dossier was ranked after it by the tie-break the call lays down: “Date de dépôt” "
            "(earliest first). The ranking follows the total worked out with the grid's "
            "ranking weights: 62.5 for both dossiers.") in d3, d3
