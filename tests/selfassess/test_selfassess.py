"""Self-assessment: results and the improvement order, against cases worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import LoadedGrid, list_shipped, load_grid
from isgrid.selfassess.assess import (
    Answer,
    answers_from_form,
    answers_yaml,
    assess,
    form_values,
    load_answers_text,
    render_result,
)
from isgrid.selfassess.carry import assess_carried
from testpaths import FIXTURES

FIX = FIXTURES / "selfassess"


def grid(name: str) -> LoadedGrid:
    return load_grid(FIX / f"sa-{name}.yaml")


def A(v: float | None = None, na: bool = False, comment: str | None = None) -> Answer:
    return Answer(None if v is None else float(v), na, comment)


# ------------------------------------------------------------------ scored, by hand
def test_scored_total_floor_threshold_and_improvement_order() -> None:
    # eff: a1 = 2 x 1/4 = 0.5, a2 = 2 x 3/4 = 1.5, b1 = 1 x 1/1 = 1; sum 3.
    # total = 100 x (0.5 x 1/4 + 1.5 x 2/4 + 1 x 3/4) / 3 = 100 x 1.625 / 3 = 54.1666...
    res = assess(grid("scored"), {"a1": A(1), "a2": A(2), "b1": A(3), "e1": A(0)})
    assert res.total == pytest.approx(162.5 / 3)
    assert res.provisional is False
    assert res.threshold == 60
    assert res.threshold_gap == pytest.approx(60 - 162.5 / 3)
    assert res.threshold_met is False
    [floor] = res.floors
    assert (floor.id, floor.floor, floor.value, floor.met, floor.gap) == ("a1", 2, 1, False, 1)
    assert res.eligible is False  # e1 answered "non"
    # Points the target adds to the total shown: a1 to its floor (2, « Moyen »)
    # 100 x 0.5/3 x 1/4 = 4.17, a2 to the top 100 x 1.5/3 x 2/4 = 25, b1 100 x 1/3 x 1/4 =
    # 8.33.  Order: the condition, then the floor (even though a2 has more points), then the
    # points.
    order = [(i.id, i.kind) for i in res.improvements]
    assert order == [("e1", "condition"), ("a1", "floor"), ("a2", "points"), ("b1", "points")]
    points = {i.id: i.points for i in res.improvements}
    assert points["a1"] == pytest.approx(100 / 24)
    assert points["a2"] == pytest.approx(25)
    assert points["b1"] == pytest.approx(100 / 12)
    assert [i.rank for i in res.improvements] == [1, 2, 3, 4]
    assert res.improvements[1].advice == "Conseil a1."
    assert (res.improvements[1].target, res.improvements[1].target_level) == (2, "Moyen")
    assert (res.improvements[2].target, res.improvements[2].target_level) == (4, "Très bon")


def test_scored_unanswered_gives_a_provisional_total() -> None:
    # Only a2 and b1: 100 x (1.5 x 1/2 + 1 x 1) / 2.5 = 70; a1 unanswered counts as below floor.
    res = assess(grid("scored"), {"a2": A(2), "b1": A(4)})
    assert res.total == pytest.approx(70)
    assert res.provisional is True
    assert res.threshold_met is True
    assert res.floors[0].met is False and res.floors[0].gap is None
    assert res.unanswered == ["a1", "e1"]
    assert res.eligible is None
    assert [i.id for i in res.improvements] == ["a2"]  # b1 is at the top; a1 unanswered


# ------------------------------------------------------------------ checklist, by hand
def test_checklist_verdict_missing_core_and_improvement_order() -> None:
    answers = {"c1": A(2), "c2": A(0), "c3": A(1), "c4": A(0), "c5": A(2), "c7": A(3)}
    res = assess(grid("checklist"), answers)
    assert res.verdict == "non caractérisé"
    assert res.missing_core == ["c1", "c2", "c3", "c6"]
    assert res.core_met == []
    assert res.complementary_met == ["c7"]
    # Core not met first (they block even "partiellement"), most steps first: c2 (3), c3 (2);
    # then the core partly met: c1 (1); then complementary, most steps first: c4 (3), c5 (1).
    # c6 is unanswered (listed apart), c7 is met.
    assert [(i.id, i.kind, i.points) for i in res.improvements] == [
        ("c2", "core", 3), ("c3", "core", 2), ("c1", "core", 1),
        ("c4", "points", 3), ("c5", "points", 1)]
    assert res.unanswered == ["c6"]
    data = res.to_dict()
    assert "total" not in data


def test_checklist_verdicts() -> None:
    g = grid("checklist")
    full = {c: A(3) for c in ("c1", "c2", "c3", "c6")}
    assert assess(g, full).verdict == "caractérisé"
    assert assess(g, {**full, "c2": A(2)}).verdict == "partiellement"
    assert assess(g, {**full, "c6": A(na=True)}).verdict == "indéterminé"


# ------------------------------------------------------------------ profile, by hand
def test_profile_never_a_total_and_markers_first() -> None:
    res = assess(grid("profile"), {"m1": A(0), "m2": A(1), "m3": A(2), "m4": A(3)})
    assert res.present == ["m3", "m4"]
    assert [(i.id, i.kind, i.target) for i in res.improvements] == [
        ("m1", "marker", 2), ("m2", "marker", 2), ("m3", "points", 3)]
    data = res.to_dict()
    assert "total" not in data and "threshold" not in data and "verdict" not in data
    assert data["radar"]["points"][3]["value"] == 3
    assert "Total" not in render_result(res, "html")
    assert "Total" not in render_result(res, "md")


# ------------------------------------------------------------------ answers files
def test_blank_template_has_questions_and_levels_and_parses_empty() -> None:
    g = grid("scored")
    text = answers_yaml(g)
    assert "grid: sa-scored@1" in text
    assert "# Question\u00a0: Question a1 ?" in text
    assert "#   4 = Très bon" in text
    assert "condition éliminatoire" in text
    answers, diags = load_answers_text(text, g.grid)
    assert answers == {} and diags.items == []


def test_filled_file_round_trips() -> None:
    g = grid("checklist")
    answers = {"c1": A(2, comment='Un "commentaire": avec # et\nune ligne'), "c2": A(na=True),
               "c3": A(3)}
    text = answers_yaml(g, answers, "en")
    back, diags = load_answers_text(text, g.grid)
    assert diags.items == []
    assert back == answers


@pytest.mark.parametrize("comment", [
    "suivi\x85ligne",  # NEL: a YAML reader takes it for a line break outside double quotes
    "'06100'", "oui", "no", "2016-05-20", "a: b # c", "- tiret", "  espaces  ", "\u2028",
    "25\u202f000\u00a0€", "tab\there", "{x: [1]}"])
def test_filled_file_round_trips_hostile_comments(comment: str) -> None:
    g = grid("checklist")
    answers = {"c1": A(2, comment=comment.strip() or "x")}
    back, diags = load_answers_text(answers_yaml(g, answers, "fr"), g.grid)
    assert diags.items == []
    assert back == answers


def test_labels_flat_files_and_errors() -> None:
    g = grid("checklist")
    back, diags = load_answers_text("c1: plutôt présent\nc2: NE\nc3: 1,0\n", g.grid)
    assert diags.items == []
    assert back == {"c1": A(2), "c2": A(na=True), "c3": A(1)}
    _, diags = load_answers_text("answers:\n  c1: 7\n  zz: 1\n  c2: [1]\n", g.grid, "f.yaml")
    codes = [(d.code, d.location.line) for d in diags.errors]
    assert codes == [("value-out-of-scale", 2), ("unknown-criterion", 3),
                     ("value-out-of-scale", 4)]
    _, diags = load_answers_text("grid: other-grid@2\nanswers: {}\n", g.grid)
    assert [d.code for d in diags.errors] == ["unknown-grid"]
    _, diags = load_answers_text("- a\n- b\n", g.grid)
    assert [d.code for d in diags.errors] == ["yaml-not-mapping"]
    _, diags = load_answers_text("a: [\n", g.grid)
    assert [d.code for d in diags.errors] == ["yaml-syntax"]


def test_form_round_trip_ignores_what_is_not_a_level() -> None:
    g = grid("checklist")
    form = {"v:c1": "2", "c:c1": " note ", "v:c2": "na", "v:c3": "9", "v:zz": "1",
            "v:c4": "<script>"}
    answers = answers_from_form(form, g.grid)
    assert answers == {"c1": A(2, comment="note"), "c2": A(na=True)}
    assert form_values(answers) == {"v:c1": "2", "c:c1": "note", "v:c2": "na"}


# ------------------------------------------------------------------ outputs
def test_html_escapes_and_is_self_contained() -> None:
    res = assess(grid("checklist"), {"c1": A(3, comment="<script>alert(1)</script>")})
    html = render_result(res, "html")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html
    assert "@media print" in html
    md = render_result(res, "md")
    assert "<script>" not in md


def test_english_result() -> None:
    res = assess(grid("checklist"), {"c1": A(3)})
    html = render_result(res, "html", "en")
    assert "What to strengthen" in html and "Verdict:" in html


def test_carry_over_between_unrelated_grids_carries_nothing() -> None:
    # sa-checklist and sa-profile share dimensions (D1: c1, c4 and m1) but no criterion:
    # a shared dimension is no counterpart (selfassess.carry), every marker stays unanswered
    src, dst = grid("checklist"), grid("profile")
    res = assess_carried(src, {"c1": A(3), "c4": A(0), "c2": A(2), "c5": A(3)}, dst)
    assert res.approximation is not None
    assert res.approximation["carried"] == []
    assert res.approximation["unanswered"] == ["m1", "m2", "m3", "m4"]
    values = {c.id: c.value for c in res.criteria}
    assert values == {"m1": None, "m2": None, "m3": None, "m4": None}
    assert all(c.carried_from is None for c in res.criteria)
    assert "Approximation" in render_result(res, "html")


# ------------------------------------------------------------------ CLI
def test_cli_template_then_result(tmp_path: Path) -> None:
    runner = CliRunner()
    blank = tmp_path / "answers.yaml"
    gpath = str(FIX / "sa-scored.yaml")
    r = runner.invoke(cli, ["assess", gpath, "--template", "-o", str(blank)])
    assert r.exit_code == 0, r.output
    text = blank.read_text(encoding="utf-8")
    filled = (text.replace("  a1:\n", "  a1: 1\n").replace("  a2:\n", "  a2: Moyen\n")
              .replace("  b1:\n", "  b1: 3\n").replace("  e1:\n", "  e1: non\n"))
    blank.write_text(filled, encoding="utf-8")
    r = runner.invoke(cli, ["assess", gpath, str(blank), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["total"] == pytest.approx(162.5 / 3)
    assert [i["id"] for i in data["improvements"]] == ["e1", "a1", "a2", "b1"]
    out = tmp_path / "result.html"
    r = runner.invoke(cli, ["assess", gpath, str(blank), "--format", "html", "-o", str(out)])
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = runner.invoke(cli, ["assess", gpath, str(blank), "--format", "html", "-o", str(out)])
    assert r.exit_code == 2  # exists, no --force
    r = runner.invoke(cli, ["assess", gpath, str(blank), "-o", str(blank), "--force"])
    assert r.exit_code == 2  # never over an input
    r = runner.invoke(cli, ["--lang", "en", "assess", gpath, str(blank), "--format", "md"])
    assert r.exit_code == 0 and "## What to strengthen" in r.output


def test_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    gpath = str(FIX / "sa-checklist.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("c1: 9\n", encoding="utf-8")
    r = runner.invoke(cli, ["assess", gpath, str(bad)])
    assert r.exit_code == 1
    assert "value-out-of-scale" in r.output and "Traceback" not in r.output
    r = runner.invoke(cli, ["assess", gpath])
    assert r.exit_code == 2 and "--template" in r.output
    r = runner.invoke(cli, ["assess", gpath, str(tmp_path / "missing.yaml")])
    assert r.exit_code == 2


def test_cli_several_grids(tmp_path: Path) -> None:
    ans = tmp_path / "a.yaml"
    ans.write_text("c1: 3\nc2: 2\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["assess", str(FIX / "sa-checklist.yaml"), str(ans),
                                 "--grid", str(FIX / "sa-profile.yaml"), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    [other] = data["other_grids"]
    assert other["grid"]["id"] == "sa-profile"
    assert other["approximation"]["carried"] == []  # no criterion in common


@pytest.mark.parametrize("path", list_shipped(), ids=lambda p: p.stem)
def test_shipped_grids_render(path: Path) -> None:
    g = load_grid(path)
    top = {c.id: A(g.grid.scales[c.scale].max) for c in g.grid.criteria()}
    low = {c.id: A(g.grid.scales[c.scale].min) for c in g.grid.criteria()}
    assert assess(g, top).improvements == []
    for answers in (top, low, {}):
        res = assess(g, answers)
        for fmt in ("html", "md", "json"):
            for lang in ("fr", "en"):
                assert render_result(res, fmt, lang)
    blank = answers_yaml(g)
    assert load_answers_text(blank, g.grid)[0] == {}


def test_catalog_has_both_languages_and_every_key_the_templates_use() -> None:
    import re

    from isgrid.i18n import catalog
    from isgrid.paths import templates_dir

    cat = catalog("selfassess")
    assert set(cat["fr"]) == set(cat["en"])
    used: set[str] = set()
    for folder in ("selfassess", "web"):
        for path in (templates_dir() / folder).glob("*.j2"):
            used |= set(re.findall(r"\bt\('([^']+)'", path.read_text(encoding="utf-8")))
    dynamic = {k for k in used if k.endswith(".")}
    assert set(used - dynamic) <= set(cat["fr"]), sorted(used - dynamic - set(cat["fr"]))
    for prefix in dynamic:
        assert any(k.startswith(prefix) for k in cat["fr"]), prefix
    for mode in ("checklist", "profile", "scored"):
        assert f"impr.intro.{mode}" in cat["fr"] and f"sections.title.{mode}" in cat["fr"]
    for kind in ("condition", "core", "floor", "marker", "points"):
        assert f"kind.{kind}" in cat["fr"]
    for verdict in ("caractérisé", "partiellement", "non caractérisé", "indéterminé"):
        assert f"verdict.explain.{verdict}" in cat["fr"]
