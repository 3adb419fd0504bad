"""``compare --format csv`` carries every table of the comparison (review 19, finding 7):
the coverage table first (its header on the first line, as before), then, each after an
empty line and its title, the criteria correspondence table and, with calls, each
edition's dossiers already in the earlier one and each pair's per-dossier table.  Numbers
only in the numeric cells (a share « 25,0 », a rank, a total « 56,3 » as the document shows
it, the gap on the totals shown), the statuses as the document says them (« proposé
(retenu) » until the vote: :func:`isgrid.documents.text.status_said`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from test_compare_editions import _editions

from isgrid.analysis.comparison.csvtable import pair_rows
from isgrid.analysis.comparison.results import shown_gap
from isgrid.analysis.comparison.stagewords import StageWords
from isgrid.cli import cli
from isgrid.i18n import translator


def _tables(data: bytes, sep: str) -> list[list[list[str]]]:
    """The CSV's tables: its rows cut at each empty row (a table's title is its first row,
    but for the first table)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))
    tables: list[list[list[str]]] = [[]]
    for row in rows:
        if row:
            tables[-1].append([c.replace("\u202f", " ").replace("\xa0", " ") for c in row])
        else:
            tables.append([])
    return tables


def _editions_csv(tmp_path: Path, lang: str) -> list[list[list[str]]]:
    a, b = _editions(tmp_path)
    out = tmp_path / f"editions-{lang}.csv"
    res = CliRunner().invoke(cli, ["--lang", lang, "compare", str(a / "grid.yaml"), "--call",
                                   str(a), "--call", str(b), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return _tables(out.read_bytes(), ";" if lang == "fr" else ",")


def test_the_two_editions_every_table_with_the_values_worked_out_by_hand(
        tmp_path: Path) -> None:
    coverage, crosswalk, reapplied, pair = _editions_csv(tmp_path, "fr")
    # the coverage table as before: its header on the first line, one row per grid
    assert coverage[0][:2] == ["grille", "base"]
    assert [r[0] for r in coverage[1:]] == ["aap-2025", "aap-2026"]
    # 2025 weighs AN and AE 1 each: 50 % each; 2026 weighs AE 3 and AN 1: 1/4 = 25 %, 3/4 = 75 %
    assert crosswalk[0] == ["Table de correspondance"]
    assert crosswalk[1] == ["dimension", "intitulé de la dimension", "grille", "critère",
                            "libellé", "rôle", "part (%)", "règle du verdict",
                            "condition à part, hors du verdict", "provenance", "source"]
    assert [(r[0], r[2], r[3], r[5], r[6], r[9]) for r in crosswalk[2:]] == [
        ("D1", "aap-2025", "AN", "principale", "50,0", "inféré"),
        ("D1", "aap-2026", "AN", "principale", "25,0", "inféré"),
        ("D6", "aap-2025", "AE", "principale", "50,0", "inféré"),
        ("D6", "aap-2026", "AE", "principale", "75,0", "inféré")]
    assert crosswalk[2][1] == "Besoin social / aspiration"
    # d1 comes back under its id, d9 is d3's project (same SIRET); in 2025 the top 2 were
    # d1 (4, 4: 100) and d2 (4, 2: 75), d3 (2, 2: 50) was not: no vote, a proposition
    assert reapplied == [
        ["aap-2026 : dossiers déjà présents dans aap-2025"],
        ["dossier", "titre", "dossier dans aap-2025", "rapproché par", "statut aap-2025"],
        ["d1", "Projet d1", "d1", "identifiant", "proposé (retenu)"],
        ["d9", "Projet d9", "d3", "siret", "non proposé"]]
    # d1 in both: 2025 rank 1 of 3 (100,0); 2026 (2, 2) = 50,0, behind d9 (4, 4) = 100,0,
    # rank 2, and the top 1 only: not proposed; gap 50,0 - 100,0 = -50,0
    assert pair == [
        ["Dossiers des deux appels : aap-2025 et aap-2026"],
        ["dossier", "rang aap-2025", "rang aap-2026", "statut aap-2025", "statut aap-2026",
         "total aap-2025", "total aap-2026", "écart"],
        ["d1", "1", "2", "proposé (retenu)", "non proposé", "100,0", "50,0", "-50,0"]]


def test_in_english_commas_and_points(tmp_path: Path) -> None:
    _, crosswalk, reapplied, pair = _editions_csv(tmp_path, "en")
    assert crosswalk[0] == ["Crosswalk"]
    assert crosswalk[3][:7] == ["D1", "Social need / aspiration", "aap-2026", "AN", "Besoin",
                                "main", "25.0"]
    assert reapplied[2] == ["d1", "Projet d1", "d1", "id", "proposed (selected)"]
    assert pair[0] == ["Dossiers in both calls: aap-2025 and aap-2026"]
    assert pair[2] == ["d1", "1", "2", "proposed (selected)", "not proposed", "100.0", "50.0",
                       "-50.0"]


def _row(**kw: Any) -> dict[str, Any]:
    row = {"dossier": "x", "rank_a": None, "rank_b": None, "status_a": "non retenu",
           "status_b": "non retenu", "decided_a": True, "decided_b": True, "total_a": None,
           "total_b": None, "verdict_a": None, "verdict_b": None, "present_a": None,
           "present_b": None}
    return row | kw


def test_the_gap_is_on_the_totals_as_shown_and_numbers_stay_numbers() -> None:
    # 55,952 is shown 56,0 and 56,25 is shown 56,3 (half up): the gap a reader finds is
    # 0,3, never the 0,298 of the raw totals
    a = _row(dossier="d1", rank_a=3, rank_b=2, status_a="retenu", status_b="retenu",
             total_a=55.952, total_b=56.25)
    # not ranked in the second call (ineligible): no rank, no total, no gap, empty cells
    b = _row(dossier="d2", rank_a=7, total_a=40.04, status_b="irrecevable")
    assert str(shown_gap(a)) == "0.3"
    assert shown_gap(b) is None
    p = {"a": "c1", "b": "c2", "ranks": [a, b]}
    t = translator("compare", "fr")
    rows = pair_rows(p, "calls.pairs[0].ranks", {"c1": "scored", "c2": "scored"}, t,
                     StageWords({}, t), "fr", lambda where: "")
    # decided by the vote: the status's own word
    assert rows[1:] == [["d1", 3, 2, "retenu", "retenu", "56,0", "56,3", "0,3"],
                        ["d2", 7, "", "non retenu", "irrecevable", "40,0", "", ""]]


def test_markers_present_are_counted_and_a_cut_list_says_so() -> None:
    p = {"a": "c1", "b": "c2",
         "ranks": [_row(dossier="d1", present_a=2, present_b=5),
                   _row(dossier="d2", present_a=4, present_b=4)]}
    t = translator("compare", "en")
    rows = pair_rows(p, "calls.pairs[0].ranks", {"c1": "profile", "c2": "profile"}, t,
                     StageWords({}, t), "en", lambda where: f"… and 3 more ({where})")
    assert rows[0][5:] == ["markers present c1", "markers present c2", "difference"]
    # 5 - 2 = 3 markers more; 4 - 4 = 0
    assert [r[5:] for r in rows[1:3]] == [[2, 5, 3], [4, 4, 0]]
    assert rows[3] == ["… and 3 more (calls.pairs[0].ranks)"]


def test_the_correspondence_table_says_the_verdict_rule_and_the_condition_apart(
        tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    res = CliRunner().invoke(cli, ["--lang", "fr", "compare", "csess-2017@1",
                                   "loi-ess-2014-art15", "-o", str(out)])
    assert res.exit_code == 0, res.output
    _, crosswalk = _tables(out.read_bytes(), ";")
    rows = {(r[0], r[3]): r for r in crosswalk[2:]}
    # a checklist's share is its part of the counting criteria: CS has 8 (1/8 = 12,5 %), the
    # art. 15 five (A15-1..4 and A15-II: 1/5 = 20 %)
    assert rows["D1", "CS-1.1"][5:] == ["principale", "12,5", "socle, inféré", "", "sourcé",
                                        "S4, S3"]
    assert rows["D1", "A15-1"][5:8] == ["principale", "20,0",
                                        "au choix dans la règle du verdict"]
    # a secondary dimension carries no share
    assert rows["D2", "CS-3.1"][5:8] == ["secondaire", "", "socle, inféré"]
    assert rows["D8", "A15-II"][5:9] == ["principale", "20,0", "",
                                         "Condition du II (financements de l'État seulement)"]
    # no row for a grid with no criterion on a dimension: D9 and D10 have none
    assert not [r for r in crosswalk[2:] if r[0] in ("D9", "D10")]
