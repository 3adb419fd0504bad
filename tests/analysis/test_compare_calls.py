"""The same dossiers under two grids: Kendall's tau-b, selections, gates, verdicts, projection.

The case is small enough to work out by hand (see each test's comment).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from callfactory import make_call
from gridtexts import NPM, S04, YESNO, criterion, grid, scale, section
from isgrid.analysis.compare import compare, kendall_tau_b, render, render_bytes
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.grid.load import load_grid
from testpaths import EXAMPLES

#: The compare grids' one source, in flow style.
INLINE_SOURCES = "sources: [{id: T, title: Test}]\n"

GRID_A = grid("grille-a", "Grille A",
              section("tout", "Tout",
                      criterion("AN", "Besoin"),
                      criterion("AE", "Effets", dimension="D6")),
              head=INLINE_SOURCES, scales=[S04, YESNO])

GRID_B = grid("grille-b", "Grille B",
              section("tout", "Tout",
                      criterion("BN", "Besoin <b>social</b>"),
                      criterion("BE", "Effets", dimension="D6"),
                      criterion("BR", "Recherche", dimension="D7",
                                question="Quel lien avec la recherche ?"),
                      criterion("X", "Pas d'action ponctuelle", "yesno", "D8", eliminatory=True,
                                rated_by="instructeur")),
              head=INLINE_SOURCES, scales=[S04, YESNO])

# Totals under A = 100 x (AN + AE) / 8:
#   d1 100, d2 75, d3 50, d4 50 (tied with d3), d5 25, d6 0
#   ranks: d1 1, d2 2, d3 3, d4 3, d5 5, d6 6; top 2 selected: d1, d2.
A_RATINGS = {"d1": (4, 4), "d2": (4, 2), "d3": (2, 2), "d4": (3, 1), "d5": (1, 1), "d6": (0, 0)}
# Totals under B = 100 x (BN + BE + BR) / 12; X = 0 makes d6 ineligible:
#   d2 100, d3 11/12, d1 10/12, d5 3/12, d4 2/12
#   ranks: d2 1, d3 2, d1 3, d5 4, d4 5; d6 not ranked; top 2 selected: d2, d3.
B_RATINGS = {"d1": (2, 4, 4, 1), "d2": (4, 4, 4, 1), "d3": (3, 4, 4, 1), "d4": (0, 1, 1, 1),
             "d5": (1, 1, 1, 1), "d6": (4, 4, 4, 0)}

# Kendall's tau-b by hand, over d1..d5 (ranked in both):
#   A ranks (1, 2, 3, 3, 5), B ranks (3, 1, 2, 5, 4) for d1..d5.
#   Of the 10 pairs: discordant (d1,d2), (d1,d3), (d4,d5); tied in A only (d3,d4);
#   the 6 others concordant.  tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2))
#   = (6 - 3) / sqrt((10 - 1)(10 - 0)) = 3 / sqrt(90) = 1 / sqrt(10).
TAU_BY_HAND = 3 / math.sqrt(90)


def _calls(tmp_path: Path) -> tuple[Path, Path]:
    dossiers = [{"id": d} for d in A_RATINGS]
    a = make_call(tmp_path, GRID_A, {"selection": {"top": 2}}, dossiers,
                  [(d, "j1", c, v) for d, vals in A_RATINGS.items()
                   for c, v in zip(("AN", "AE"), vals, strict=True)], name="call-a")
    b = make_call(tmp_path, GRID_B, {"selection": {"top": 2}}, dossiers,
                  [(d, "j1", c, v) for d, vals in B_RATINGS.items()
                   for c, v in zip(("BN", "BE", "BR", "X"), vals, strict=True)],
                  name="call-b")
    return a, b


@pytest.fixture
def report(tmp_path: Path) -> dict[str, Any]:
    a, b = _calls(tmp_path)
    ca, cb = load_call(a), load_call(b)
    return compare([ca.grid, cb.grid], [ca, cb])


def test_kendall_tau_b_by_hand() -> None:
    k = kendall_tau_b([1, 2, 3, 3, 5], [3, 1, 2, 5, 4])
    assert k["n"] == 5 and k["reason"] is None
    assert math.isclose(k["tau_b"] or 0, TAU_BY_HAND, rel_tol=1e-12)
    # A second hand case with ties on both sides: x (1, 1, 2), y (1, 2, 2):
    # pairs: (1,2) tied in x, (1,3) concordant, (2,3) tied in y.
    # tau-b = 1 / sqrt((3 - 1)(3 - 1)) = 1/2.
    k = kendall_tau_b([1, 1, 2], [1, 2, 2])
    assert math.isclose(k["tau_b"] or 0, 0.5, rel_tol=1e-12)
    assert kendall_tau_b([1], [1])["reason"] == "fewer-than-two"
    assert kendall_tau_b([1, 1], [1, 2])["reason"] == "all-tied"


def test_ranks_and_selection_by_hand(report: dict[str, Any]) -> None:
    calls = report["calls"]
    assert [c["grid"] for c in calls["calls"]] == ["grille-a@1", "grille-b@1"]
    (pair,) = calls["pairs"]
    ranks = {r["dossier"]: (r["rank_a"], r["rank_b"]) for r in pair["ranks"]}
    assert ranks == {"d1": (1, 3), "d2": (2, 1), "d3": (3, 2), "d4": (3, 5), "d5": (5, 4),
                     "d6": (6, None)}
    assert pair["kendall"]["n"] == 5
    assert math.isclose(pair["kendall"]["tau_b"], TAU_BY_HAND, rel_tol=1e-12)
    sel = pair["selection"]
    assert sel["available"]
    assert sel["selected_a_not_b"] == ["d1"]
    assert sel["selected_b_not_a"] == ["d3"]
    assert sel["selected_both"] == ["d2"]
    assert pair["ranked_only_a"] == ["d6"] and pair["ranked_only_b"] == []
    assert pair["gates"] == [{"dossier": "d6", "passed_in": "grille-a@1",
                              "failed_in": "grille-b@1", "failed": ["X"]}]
    assert pair["verdicts"] is None  # scored grids have no verdict


def test_undecided_dossiers_are_listed_apart_only() -> None:
    from isgrid.analysis.comparison.results import _selection

    def result(selected: dict[str, bool | None]) -> dict[str, Any]:
        return {"selection": {}, "dossiers": [{"id": i, "selected": v}
                                              for i, v in selected.items()]}

    # the reviewer's calls: E03 and E04 tied at the line under A (selected null), all
    # taken under B; E05 left out under A, taken under B; E06 taken under A, its amount
    # to check under B (null); E01 taken in neither
    ra = result({"E01": False, "E02": True, "E03": None, "E04": None, "E05": False,
                 "E06": True})
    rb = result({"E01": False, "E02": True, "E03": True, "E04": True, "E05": True,
                 "E06": None})
    sel = _selection(ra, rb, ["E01", "E02", "E03", "E04", "E05", "E06"])
    assert sel["selected_b_not_a"] == ["E05"]  # not E03, E04: A has not decided them
    assert sel["selected_a_not_b"] == []  # not E06: B has not decided it
    assert sel["selected_both"] == ["E02"]
    assert sel["undecided"] == ["E03", "E04", "E06"]


def test_projection_is_an_approximation_and_never_a_score(report: dict[str, Any]) -> None:
    proj = report["projection"]
    assert proj["approximation"] is True
    by = {(p["source"], p["target"]): p for p in proj["pairs"]}
    assert set(by) == {("grille-a@1", "grille-b@1"), ("grille-b@1", "grille-a@1")}
    a_to_b = by[("grille-a@1", "grille-b@1")]
    assert a_to_b["approximation"] is True
    d2 = next(d for d in a_to_b["dossiers"] if d["dossier"] == "d2")
    assert d2["approximation"] is True
    # d2 under A: AN 4 -> D1 level 1; AE 2 -> D6 level 1/2.  A does not ask about D7 or D8.
    reading = {c["id"]: (c["level"], c["reading"]) for c in d2["criteria"]}
    assert reading["BN"] == (1.0, "shown")
    assert reading["BE"] == (0.5, "partly")
    assert reading["BR"] == (None, "not-asked")
    assert reading["X"] == (None, "not-asked")
    assert d2["needs"] == ["BR", "X"]
    for p in proj["pairs"]:
        for d in p["dossiers"]:
            assert not {"total", "verdict", "profile", "rank", "score"} & set(d)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_projection_labelled_approximation_in_every_format(report: dict[str, Any],
                                                            lang: str) -> None:
    js = json.loads(render(report, "json", lang))
    assert js["projection"]["approximation"] is True
    assert "pproximation" in js["projection"]["notice"]
    pairs = js["projection"]["pairs"]
    assert len(pairs) == 2  # A to B, B to A
    assert all(p["approximation"] for p in pairs)
    for fmt in ("md", "html"):
        text = render(report, fmt, lang)
        label = "(approximation)"
        start = text.index("Projection")
        section = text[start:]
        assert label in section.split("\n", 1)[0]
        assert "approximation" not in text[:start].lower()  # nowhere else, nothing unlabelled
        # every projected table is headed as an approximation: its pair heading, the level
        # and reading columns, and what the project would need to show
        n_tables = sum(len(p["dossiers"]) for p in report["projection"]["pairs"])
        assert section.count(label) >= 3 * n_tables


def test_outputs_are_deterministic_and_escaped(tmp_path: Path) -> None:
    outs = []
    for name in ("x", "y"):
        a, b = _calls(tmp_path / name)
        ca, cb = load_call(a), load_call(b)
        rep = compare([ca.grid, cb.grid], [ca, cb])
        outs.append({fmt: render(rep, fmt, "fr") for fmt in ("json", "md", "html")})
    assert outs[0] == outs[1]
    html = outs[0]["html"]
    assert "Besoin <b>social</b>" not in html
    assert "Besoin &lt;b&gt;social&lt;/b&gt;" in html
    assert "<svg" in html and "D10</text>" in html
    assert "<b>social" not in outs[0]["md"]


def test_call_that_matches_no_grid_is_a_usage_error(tmp_path: Path) -> None:
    a, _ = _calls(tmp_path)
    r = CliRunner().invoke(cli, ["compare", "csess-2017", "rallynov", "--call", str(a)])
    assert r.exit_code == 2
    assert "matches none" in r.output


def test_cli_writes_each_format(tmp_path: Path) -> None:
    a, b = _calls(tmp_path)
    ga, gb = str(a / "grid.yaml"), str(b / "grid.yaml")
    for fmt in ("json", "md", "html"):
        out = tmp_path / f"cmp.{fmt}"
        r = CliRunner().invoke(cli, ["compare", ga, gb, "--call", str(a), "--call", str(b),
                                     "--format", fmt, "-o", str(out), "--lang", "en"])
        assert r.exit_code == 0, r.output
        assert "approximation" in out.read_text("utf-8")
    r = CliRunner().invoke(cli, ["compare", ga, gb, "--format", "json", "-o",
                                 str(tmp_path / "cmp.json")])
    assert r.exit_code == 2  # exists, no --force
    r = CliRunner().invoke(cli, ["compare", "csess-2017"])
    assert r.exit_code == 2


def _checklist(gid: str, *crits: str) -> str:
    return grid(gid, f"Liste {gid}", section("s", "S", *crits), mode="checklist",
                head="counts_as: {met: 2, partly: 1}\n" + INLINE_SOURCES, scales=[NPM, YESNO])


CHK_1 = _checklist("chk1",
                   criterion("S1", "Besoin", "npm", core=True),
                   criterion("S2", "Implication", "npm", "D3", core=True),
                   criterion("C1", "Ancrage", "npm", "D5"),
                   criterion("E1", "Statut", "yesno", "D4", eliminatory=True,
                             rated_by="instructeur"))
CHK_2 = _checklist("chk2",
                   criterion("K1", "Besoin", "npm", core=True),
                   criterion("K2", "Ancrage", "npm", "D5", core=True))


def test_verdict_agreement_of_two_checklists(tmp_path: Path) -> None:
    # chk1: S1 (D1, core), S2 (D3, core), C1 (D5), E1 eliminatory; met at 2, partly at 1.
    #   p1: S1 2, S2 2 -> caractérisé; p2: S1 1, S2 2 -> partiellement; p3: S1 0 -> non.
    # chk2: K1 (D1, core), K2 (D5, core).
    #   p1: 2, 2 -> caractérisé; p2: 2, 2 -> caractérisé; p3: 0, 2 -> non caractérisé.
    # Same verdict for p1 and p3: 2 of 3.
    dossiers = [{"id": p} for p in ("p1", "p2", "p3")]
    m = {"p1": (2, 2, 2, 1), "p2": (1, 2, 0, 1), "p3": (0, 2, 2, 1)}
    k = {"p1": (2, 2), "p2": (2, 2), "p3": (0, 2)}
    a = make_call(tmp_path, CHK_1, None, dossiers,
                  [(d, "j1", c, v) for d, vals in m.items()
                   for c, v in zip(("S1", "S2", "C1", "E1"), vals, strict=True)], name="a")
    b = make_call(tmp_path, CHK_2, None, dossiers,
                  [(d, "j1", c, v) for d, vals in k.items()
                   for c, v in zip(("K1", "K2"), vals, strict=True)], name="b")
    ca, cb = load_call(a), load_call(b)
    rep = compare([load_grid(a / "grid.yaml"), load_grid(b / "grid.yaml")], [ca, cb])
    (pair,) = rep["calls"]["pairs"]
    v = pair["verdicts"]
    assert (v["agree"], v["n"]) == (2, 3)
    assert v["disagree"] == [{"dossier": "p2", "a": "partiellement", "b": "caractérisé"}]
    assert v["table"]["caractérisé"] == {"caractérisé": 1}
    # the disagreement in the catalog's words (common.json's verdict.*), as the score table
    # and the reports say them: the identifiers « partiellement / caractérisé » were printed
    # in both languages
    assert "p2\u00a0: partiellement caractérisé / caractérisé" in render(rep, "md", "fr")
    assert "p2: partly characterised / characterised" in render(rep, "md", "en")
    assert "<li>p2: partly characterised / characterised</li>" in render(rep, "html", "en")
    # Shared dimensions D1 and D5.  p2: D1 partly under chk1 (S1 1), met under chk2 (K1 2);
    # D5: C1 0 (not met) vs K2 2 (met).  So p2 differs on D1 and D5, present only under chk2.
    dims = pair["dimensions"]
    assert dims["shared"] == ["D1", "D5"]
    per = {x["dossier"]: x for x in dims["dossiers"]}
    assert per["p2"]["only_b"] == ["D1", "D5"] and per["p2"]["only_a"] == []
    # p3: D1 not met in either; D5 met in both.
    assert per["p3"]["only_a"] == [] and per["p3"]["only_b"] == []
    assert dims["agree"] == 2
    assert not pair["selection"]["available"]


def test_local_changes_of_a_call_are_diffed(tmp_path: Path) -> None:
    a = make_call(tmp_path, GRID_A, {"set": {"criteria.AE.weight": 3}},
                  [{"id": "d1"}], [("d1", "j1", "AN", 4), ("d1", "j1", "AE", 2)], name="local")
    _, b = _calls(tmp_path / "other")
    ca, cb = load_call(a), load_call(b)
    grid_a = load_grid(a / "grid.yaml")
    rep = compare([grid_a, cb.grid], [ca, cb])
    (d,) = rep["diffs"]
    assert d["relation"] == "call" and d["before"] == "grille-a@1"
    assert d["criteria_changed"] == [
        {"id": "AE", "changes": [{"field": "weight", "before": 1, "after": 3}]}]
    assert rep["calls"]["missing"] == {"grille-a@1": ["d2", "d3", "d4", "d5", "d6"]}


def test_template_dir_overrides(tmp_path: Path, report: dict[str, Any]) -> None:
    (tmp_path / "compare.md.j2").write_text(
        '{% extends "default:compare.md.j2" %}', encoding="utf-8")
    assert render(report, "md", "fr", tmp_path) == render(report, "md", "fr")


PROFILE_PARENT = grid("marqueurs", "Marqueurs",
                      section("s", "S",
                              criterion("M1", "Besoin", "i03"),
                              criterion("M2", "Gouvernance", "i03", "D4"),
                              criterion("M3", "Recherche", "i03", "D7")),
                      mode="profile", head=INLINE_SOURCES,
                      scales=[scale("i03", "absent", "faible", "présent", "fort", present=2)])

PROFILE_CHILD = """id: marqueurs-appel
version: "1"
title: Appel
extends: marqueurs
set:
  scales.i03.counts_as: {present: 3}
remove: [M3]
"""


def test_profiles_compare_shared_markers_and_dimensions(tmp_path: Path) -> None:
    # Parent: present at 2; the child (a call) asks for 3 and drops M3.
    # q1: M1 2, M2 3 (M3 3).  Parent: M1, M2 present; child: M1 absent, M2 present.
    # q2: M1 3, M2 0 (M3 0).  Parent: M1 present, M2 absent; child: the same.
    # Shared markers M1, M2: q2 agrees, q1 differs on M1 (present / absent).
    # Shared dimensions D1, D4: q1 D1 present only under the parent.
    dossiers = [{"id": "q1"}, {"id": "q2"}]
    a = make_call(tmp_path, PROFILE_PARENT, None, dossiers,
                  [("q1", "j", "M1", 2), ("q1", "j", "M2", 3), ("q1", "j", "M3", 3),
                   ("q2", "j", "M1", 3), ("q2", "j", "M2", 0), ("q2", "j", "M3", 0)], name="a")
    b = make_call(tmp_path, PROFILE_CHILD, None, dossiers,
                  [("q1", "j", "M1", 2), ("q1", "j", "M2", 3),
                   ("q2", "j", "M1", 3), ("q2", "j", "M2", 0)], name="b")
    (b / "marqueurs.yaml").write_text(PROFILE_PARENT, encoding="utf-8")
    ca, cb = load_call(a), load_call(b)
    rep = compare([ca.grid, cb.grid], [ca, cb])
    (diff,) = rep["diffs"]
    assert diff["relation"] == "extends"
    assert [c["id"] for c in diff["criteria_removed"]] == ["M3"]
    assert diff["scales_changed"][0]["changes"] == [
        {"field": "counts_as", "before": {"present": 2}, "after": {"present": 3}}]
    (pair,) = rep["calls"]["pairs"]
    assert pair["verdicts"] is None  # profiles have no verdict
    st = pair["states"]
    assert st["shared"] == ["M1", "M2"] and (st["agree"], st["n"]) == (1, 2)
    per = {x["dossier"]: x["differ"] for x in st["dossiers"]}
    assert per == {"q1": [{"criterion": "M1", "a": "present", "b": "absent"}], "q2": []}
    dims = {x["dossier"]: x for x in pair["dimensions"]["dossiers"]}
    assert pair["dimensions"]["shared"] == ["D1", "D4"]
    assert dims["q1"]["only_a"] == ["D1"] and dims["q1"]["only_b"] == []
    # Projections skip the other version of the same grid only: these ids differ.
    assert {(p["source"], p["target"]) for p in rep["projection"]["pairs"]} == {
        ("marqueurs@1", "marqueurs-appel@1"), ("marqueurs-appel@1", "marqueurs@1")}
    for fmt in ("md", "html"):
        text = render(rep, fmt, "fr")
        assert "Critères et marqueurs communs" in text


def test_large_calls_give_a_summary_unless_details_are_asked(tmp_path: Path) -> None:
    # 130 dossiers in both calls, every one ranked in both (X = 1 everywhere): the
    # per-dossier lists (ranks, common dossiers, the projection) keep their first 100
    # entries and the report says 30 were left out of each; the counts (Kendall's n,
    # the status table) and the selection lists are over all 130; --details keeps all.
    ids = [f"d{k:03d}" for k in range(130)]
    dossiers = [{"id": d} for d in ids]
    a = make_call(tmp_path, GRID_A, {"selection": {"top": 120}}, dossiers,
                  [(d, "j1", c, v) for k, d in enumerate(ids)
                   for c, v in (("AN", k % 5), ("AE", (k // 5) % 5))], name="big-a")
    b = make_call(tmp_path, GRID_B, {"selection": {"top": 120}}, dossiers,
                  [(d, "j1", c, v) for k, d in enumerate(ids)
                   for c, v in (("BN", k % 5), ("BE", (k // 5) % 5), ("BR", k % 3),
                                ("X", 1))], name="big-b")
    ca, cb = load_call(a), load_call(b)
    short = compare([ca.grid, cb.grid], [ca, cb])
    full = compare([ca.grid, cb.grid], [ca, cb], details=True)
    sp, fp = short["calls"]["pairs"][0], full["calls"]["pairs"][0]
    assert len(fp["ranks"]) == 130 and len(sp["ranks"]) == 100
    assert sp["ranks"] == fp["ranks"][:100]
    assert sp["kendall"] == fp["kendall"] and sp["kendall"]["n"] == 130
    assert sp["status"] == fp["status"]
    assert sum(sum(row.values()) for row in sp["status"].values()) == 130
    assert sp["selection"] == fp["selection"]
    sel = sp["selection"]
    assert len(sel["selected_both"]) + len(sel["selected_a_not_b"]) + len(sel["undecided"]) > 100
    assert short["omitted"]["calls.pairs[0].ranks"] == 30
    assert short["omitted"]["calls.dossiers"] == 30
    assert short["omitted"]["projection.pairs[0].dossiers"] == 30
    assert [len(p["dossiers"]) for p in short["projection"]["pairs"]] == [100, 100]
    assert [len(p["dossiers"]) for p in full["projection"]["pairs"]] == [130, 130]
    assert full["omitted"] == {} and full["detail_limit"] is None
    assert short["detail_limit"] == 100
    # the CLI: the summary by default, everything with --details
    out = CliRunner().invoke(cli, ["compare", str(a / "grid.yaml"), str(b / "grid.yaml"),
                                   "--call", str(a), "--call", str(b), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)["calls"]["pairs"][0]["ranks"]) == 100
    out = CliRunner().invoke(cli, ["compare", str(a / "grid.yaml"), str(b / "grid.yaml"),
                                   "--call", str(a), "--call", str(b), "--format", "json",
                                   "--details"])
    assert len(json.loads(out.output)["calls"]["pairs"][0]["ranks"]) == 130
    # the documents say in words where a list was cut: the ranks table and the two
    # projections lost 30 dossiers each (130 - 100); the common-dossiers list is not shown
    more_fr = "… et 30 autres\u202f; relancer avec --details pour tout voir"
    more_en = "… and 30 more; run again with --details to see them all"
    for fmt in ("md", "html"):
        fr, en = render(short, fmt, "fr"), render(short, fmt, "en")
        assert fr.count(more_fr) == 3 and en.count(more_en) == 3, fmt
        assert "--details" not in render(full, fmt, "fr")
    md = render(short, "md", "fr")
    # right after the 100th row of the ranks table, as a paragraph of its own
    # d099: A totals 100 x (4 + 4) / 8 = 100,0, B 100 x (4 + 4 + 0) / 12 = 66,7: -33,3
    assert f"| d099 | 1 | 8 | proposé (retenu) | proposé (retenu) | 100,0 | 66,7 | -33,3 |\n\n*{more_fr}*\n\n" in md
    assert f'<p class="muted cut">{more_en}</p>' in render(short, "html", "en")
    # the CSV, for a spreadsheet, keeps every dossier without --details (130 rows under
    # the pair table's header); a report cut elsewhere says so under the table, in words
    out_csv = tmp_path / "big.csv"
    res = CliRunner().invoke(cli, ["compare", str(a / "grid.yaml"), str(b / "grid.yaml"),
                                   "--call", str(a), "--call", str(b), "-o", str(out_csv)])
    assert res.exit_code == 0, res.output
    lines = out_csv.read_bytes().decode("utf-8-sig").split("\r\n")
    head = lines.index("dossier;rang grille-a@1;rang grille-b@1;statut grille-a@1;"
                       "statut grille-b@1;total grille-a@1;total grille-b@1;écart")
    assert len(lines) == head + 132 and lines[-1] == ""  # the last table: 130 rows
    assert lines[head + 100].startswith("d099;1;8;proposé (retenu);proposé (retenu);100,0;66,7;")
    assert lines[head + 130].startswith("d129;") and "--details" not in "".join(lines)
    cut = render_bytes(short, "csv", "fr").decode("utf-8-sig").split("\r\n")
    # (quoted: it holds the separator)
    assert cut[cut.index(lines[head + 100]) + 1] == f'"{more_fr}"'


def test_a_cut_list_says_how_many_in_grouped_thousands() -> None:
    from isgrid.analysis.comparison.output import omitted_text

    report = {"omitted": {"calls.pairs[0].ranks": 1234}}
    assert omitted_text(report, "calls.pairs[0].ranks", "fr") == (
        "… et 1\u202f234 autres\u202f; relancer avec --details pour tout voir")
    assert omitted_text(report, "calls.pairs[0].ranks", "en") == (
        "… and 1,234 more; run again with --details to see them all")
    assert omitted_text(report, "projection.pairs[0].dossiers", "fr") == ""


def test_each_call_is_loaded_with_its_own_early_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``compare --call A --call B``: both calls' ratings are read while the rest of isgrid
    is imported, and each load takes its own folder's reading, which is finished after."""
    import isgrid.call.load as load_module

    a, b = _calls(tmp_path)
    handed: list[tuple[Path, Any, int]] = []  # with the reading's files when handed over
    real = load_module.load_call

    def loading(folder: Path, *, reading: Any = None) -> Any:
        handed.append((folder, reading, len(reading.futures) if reading is not None else 0))
        return real(folder, reading=reading)

    monkeypatch.setattr(load_module, "load_call", loading)
    r = CliRunner().invoke(cli, ["compare", str(a / "grid.yaml"), str(b / "grid.yaml"),
                                 "--call", str(a), "--call", str(b), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [folder for folder, _, _ in handed] == [a, b]
    for folder, reading, files in handed:
        assert reading is not None and reading.folder == folder and files > 0
        assert reading.futures == {}  # each file taken out of the reading as it was read
    # and the comparison is the one of calls loaded without it
    plain = compare([load_grid(str(a / "grid.yaml")), load_grid(str(b / "grid.yaml"))],
                    [real(a), real(b)])
    assert json.loads(r.output) == json.loads(render(plain, "json", "fr", None))


@pytest.mark.parametrize("example", ["alsace-2016", "alterincub-2019", "lfse-2024",
                                     "picardie-sieg-2015"])
def test_the_slimmed_result_is_the_json_s_own_fields(example: str) -> None:
    """``slim`` reads the typed result (scored, checklist and profile calls); what it keeps
    of each dossier is exactly those fields of the result's JSON, as when it was cut from
    the JSON of every dossier (made only to be cut: most of a national compare's time)."""
    from isgrid.analysis.comparison.build import overview, slim
    from isgrid.engine import score

    result = score(load_call(EXAMPLES / example))
    full = result.to_json()
    keys = ("id", "title", "rank", "status", "eligible", "eligibility", "verdict", "selected",
            "total")
    want = {k: v for k, v in full.items() if k != "dossiers"}
    want["overview"] = overview(result)  # the call's line, from the typed result
    want["dossiers"] = [
        {k: d[k] for k in keys} | {"profile": {"present": d["profile"]["present"]}
                                   if d["profile"] else None} | {"criteria": {
            cid: {"state": c.get("state"), "value": c.get("value")}
            for cid, c in d["criteria"].items()}}
        # and whether its status is the vote's decision (the engine's rule, which the JSON
        # does not say per dossier): the comparison says a proposition « proposé (retenu) »
        | {"decided": result.decided_by_vote(result.dossiers.get(d["id"]))}
        for d in full["dossiers"]]
    assert slim(result) == want
    assert any(c["state"] is not None for d in want["dossiers"]
               for c in d["criteria"].values()) == (example in ("alterincub-2019",
                                                                "picardie-sieg-2015"))


@pytest.mark.parametrize(("lang", "heading", "intro"), [
    ("fr", "Les mêmes dossiers jugés avec plusieurs grilles",
     "Un appel par grille\u202f; les dossiers sont rapprochés par identifiant."),
    ("en", "The same dossiers judged under several grids",
     "One call per grid; dossiers are matched by id."),
])
def test_two_calls_keep_the_heading_of_several_grids(report: dict[str, Any], lang: str,
                                                     heading: str, intro: str) -> None:
    # one call alone has its own heading (tests/analysis/test_compare_words.py)
    assert f"\n## {heading}\n\n{intro}\n\n- " in render(report, "md", lang)


def test_a_projected_dossier_s_title_keeps_its_closing_hashes(report: dict[str, Any]) -> None:
    """A projected dossier's heading ends with its title: « Atelier C# » was written as it
    is, and a renderer took the « # » for the heading's closing sequence (Python-Markdown
    showed « Atelier C »); it is escaped there (documents.markdown.md_heading), and only
    there."""
    import copy

    rep = copy.deepcopy(report)
    first = rep["projection"]["pairs"][0]["dossiers"][0]
    first["title"] = "Atelier C#"
    lines = render(rep, "md", "fr").splitlines()
    assert f"#### {first['dossier']} Atelier C\\#" in lines
