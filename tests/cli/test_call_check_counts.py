"""Counts of ratings that say what counts.

``call check`` said « 810 notes données », NE and the ratings of a juror déporté from a
dossier (never counted: ``conflict-excluded``) among them, and the committee report's
jury table « Dossiers notés 15 » for a juror whose ratings on one of them are excluded:
a secretary read those counts as what the ranking uses.  Both now read the engine's
counts (:func:`isgrid.engine.aggregate.counts_of`): « 7 notes reçues (dont 2 « NE » et
2 écartées par déport ; 1 cellule vide) », « 3 dont 1 écarté (déport) »."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from click.testing import CliRunner

from callfactory import make_call
from gridtexts import ONE_CRITERION
from isgrid.call.load import load_call
from isgrid.cli import cli

NBSP, NNBSP = "\u00a0", "\u202f"

#: Worked out by hand.  Déports: a2 on d2, a3 on d1, a1 on d3 (an empty cell there).
#: given (a value or NE): 7 rows, of which
#:   NE counted as NE: d2/a1, d3/a2                  -> 2
#:   excluded (déport): d2/a2 (2), d1/a3 (NE)        -> 2 (an NE under a déport is excluded)
#:   read by the aggregate: d1/a1, d1/a2, d2/a3      -> 3
#: empty cells (a cell a juré owes, isgrid.call.expected): d3/a3, never rated by a3,
#: expected on every dossier but d1 -> 1; the blank row d3/a1 is under a1's déport: a1
#: owes nothing there, it is no empty cell
#: dossiers per juror whose ratings count / excluded:
#:   a1: d1, d2 / -     a2: d1, d3 / d2     a3: d2 / d1
ROWS = [("d1", "a1", "C", 3), ("d2", "a1", "C", "NE"), ("d3", "a1", "C", None),
        ("d1", "a2", "C", 4), ("d2", "a2", "C", 2), ("d3", "a2", "C", "NE"),
        ("d1", "a3", "C", "NE"), ("d2", "a3", "C", 1)]


def _call(tmp_path: Path) -> Path:
    return make_call(tmp_path, ONE_CRITERION, {
        "lang": "fr",
        "assessors": [{"id": "a1", "name": "Anne Un", "role": "juré"},
                      {"id": "a2", "name": "Bruno Deux", "role": "juré"},
                      {"id": "a3", "name": "Chloé Trois", "role": "juré"}],
        "conflicts": [{"assessor": "a2", "dossier": "d2", "reason": "r"},
                      {"assessor": "a3", "dossier": "d1", "reason": "r"},
                      {"assessor": "a1", "dossier": "d3", "reason": "r"}],
    }, [{"id": f"d{i}", "title": f"Dossier {i}"} for i in (1, 2, 3)], ROWS)


def test_call_check_says_the_ne_and_the_excluded_among_the_ratings(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    en = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert en.exit_code == 0, en.output
    assert en.stdout.splitlines()[-1] == (
        "ok: 3 dossiers, 7 ratings received (of which 2 marked NE and 2 excluded by a "
        "conflict; 1 empty cell), 3 assessors, grid un-critere version 1")
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert fr.stdout.splitlines()[-1] == (
        f"ok{NBSP}: 3 dossiers, 7 notes reçues (dont 2 «{NBSP}NE{NBSP}» et 2 écartées par "
        f"déport{NNBSP}; 1 cellule vide), 3 évaluateurs, grille un-critere version 1")


def test_a_call_where_every_rating_counts_says_no_more(tmp_path: Path) -> None:
    folder = make_call(tmp_path, ONE_CRITERION, None, [{"id": "d1"}],
                       [("d1", "a1", "C", 3), ("d1", "a2", "C", None)])
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert fr.stdout.splitlines()[-1] == (
        f"ok{NBSP}: 1 dossier, 1 note reçue (1 cellule vide), 2 évaluateurs, grille "
        "un-critere version 1")


def test_the_counts_are_the_aggregates(tmp_path: Path) -> None:
    """What the engine reads (cell_stats' n) is what is received less NE and excluded."""
    from isgrid.call.deports import conflict_pairs
    from isgrid.engine.aggregate import cell_stats, counts_of

    call = load_call(_call(tmp_path))
    counts = counts_of(call)
    assert (counts.given, counts.na, counts.excluded) == (7, 2, 2)
    assert counts.rated == {"a1": 2, "a2": 2, "a3": 1}
    assert counts.rated_excluded == {"a2": 1, "a3": 1}
    cs = cell_stats(call.table, call.grid.grid, "mean",
                    conflict_pairs(call.table, call.config.conflicts), {}, None)
    assert int(np.sum(cs.n)) == 3 and int(np.sum(cs.na)) == counts.na


def test_the_jury_table_counts_the_dossiers_whose_ratings_count(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = tmp_path / "comite.md"
    run = CliRunner().invoke(cli, ["report", str(folder), "--format", "md", "-o", str(out)])
    assert run.exit_code == 0, run.output
    text = out.read_text(encoding="utf-8")
    assert "| Anne Un | juré | 2 | d3 |" in text
    assert "| Bruno Deux | juré | 3 dont 1 écarté (déport) | d2 |" in text
    assert "| Chloé Trois | juré | 2 dont 1 écarté (déport) | d1 |" in text
    en = tmp_path / "committee.md"
    run = CliRunner().invoke(cli, ["report", str(folder), "--format", "md", "--lang", "en",
                                   "-o", str(en)])
    assert run.exit_code == 0, run.output
    assert "| 3, of which 1 excluded (conflict) | d2 |" in en.read_text(encoding="utf-8")
