"""Self-assessment on grids with their own verdict rule: which improvement changes the verdict.

Worked out by hand from the laws' text (see tests/engine/test_verdict_rules_law.py for the
quotes): art. 2 is « l'une au moins » of 1°, 2°, 3°, and 4° only together with one of them;
art. 15 (version 2) is one of 1°, 2°, the II shown apart (a condition of the State's funding
only, never in the verdict).  Scale Non 0 / En partie 1 / Oui 2, Oui = met.
"""

from __future__ import annotations

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result


def A(v: int) -> Answer:
    return Answer(float(v), False, None)


ART2 = load_grid("ess-utilite-sociale-art2")
ART15 = load_grid("loi-ess-2014-art15")


def test_art2_only_the_fourth_the_first_three_would_each_change_the_verdict() -> None:
    res = assess(ART2, {"US-1": A(0), "US-2": A(0), "US-3": A(0), "US-4": A(2)})
    assert res.verdict == "non caractérisé"
    # 4° is met but counts only with 1°, 2° or 3°: meeting any one of them makes the
    # enterprise one of social utility -> the three, in the grid's order, each alone, and
    # each one of the rule's alternatives (« l'une au moins »), none of them required.
    assert [(i.id, i.kind, i.changes_verdict) for i in res.improvements] == [
        ("US-1", "verdict_alt", True), ("US-2", "verdict_alt", True),
        ("US-3", "verdict_alt", True)]
    assert res.verdict_rule is not None
    assert res.verdict_rule["ways"] == [["US-1"], ["US-2"], ["US-3"]]
    assert res.missing_core == ["US-1", "US-2", "US-3"]
    assert res.verdict_rule is not None
    assert "au moins 1 parmi" in res.verdict_rule["text"]


def test_art2_nothing_met_the_fourth_comes_last_and_changes_nothing_alone() -> None:
    res = assess(ART2, {"US-1": A(0), "US-2": A(1), "US-3": A(0), "US-4": A(0)})
    # 2° En partie -> partiellement.  Meeting 1°, 2° or 3° alone -> caractérisé (changes);
    # meeting 4° alone: it counts only as far as 2° does (partly): still partiellement.
    assert res.verdict == "partiellement"
    got = [(i.id, i.kind, i.changes_verdict) for i in res.improvements]
    # tier 1 (on a shortest way to caractérisé): 1°, 2°, 3°, each alone changes the
    # verdict; the nearest first: 2° (En partie, one step to Oui) before 1° and 3° (Non, two
    # steps), then 4°, which needs a second change.
    assert got == [("US-2", "verdict_alt", True), ("US-1", "verdict_alt", True),
                   ("US-3", "verdict_alt", True), ("US-4", "points", False)]


def test_art2_characterised_nothing_required() -> None:
    res = assess(ART2, {"US-1": A(0), "US-2": A(2), "US-3": A(0), "US-4": A(2)})
    assert res.verdict == "caractérisé"
    assert res.missing_core == []
    assert len(res.improvements) == 2  # US-1 and US-3, answered Non
    assert all(i.kind == "points" and i.changes_verdict is False for i in res.improvements)


def test_art15_the_financing_condition_never_changes_the_verdict() -> None:
    # 1° Oui, II Non: the I holds (1° met) -> caractérisé.  The II is a condition apart:
    # listed last of the improvements (« condition à part »), changing no verdict; 2°, 3°,
    # 4° are complements.
    res = assess(ART15, {"A15-1": A(2), "A15-2": A(0), "A15-3": A(0), "A15-4": A(0),
                         "A15-II": A(0)})
    assert res.verdict == "caractérisé"
    assert [(i.id, i.kind, i.changes_verdict) for i in res.improvements] == [
        ("A15-2", "points", False), ("A15-3", "points", False), ("A15-4", "points", False),
        ("A15-II", "apart", False)]


def test_art15_nothing_met_one_change_is_needed() -> None:
    # I needs 1° or 2°: two ways of one change each, 1° first (grid order, same distance);
    # the II is on neither way.
    res = assess(ART15, {c: A(0) for c in ("A15-1", "A15-2", "A15-3", "A15-4", "A15-II")})
    assert res.verdict == "non caractérisé"
    tier1 = [(i.id, i.kind) for i in res.improvements if i.kind.startswith("verdict")]
    assert tier1 == [("A15-1", "verdict_alt"), ("A15-2", "verdict_alt")]
    assert res.verdict_rule is not None
    assert res.verdict_rule["ways"] == [["A15-1"], ["A15-2"]]
    assert [i.id for i in res.improvements if i.changes_verdict] == ["A15-1", "A15-2"]


def test_the_result_page_shows_the_rule_and_the_change(tmp_path) -> None:
    res = assess(ART2, {"US-1": A(0), "US-2": A(0), "US-3": A(0), "US-4": A(2)})
    md = render_result(res, "md")
    assert "Règle du verdict de cette grille" in md
    assert "changerait le verdict" in md
    html = render_result(res, "html")
    assert "ne compte qu" in html


def test_assess_cli_on_the_art2_grid(tmp_path) -> None:
    answers = tmp_path / "r.yaml"
    answers.write_text("grid: ess-utilite-sociale-art2\nanswers:\n  US-1: 0\n  US-2: 0\n"
                       "  US-3: 0\n  US-4: 2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["assess", "ess-utilite-sociale-art2", str(answers),
                                      "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "non caractérisé" in result.stdout


def test_art15_alternatives_are_said_as_alternatives_nearest_first() -> None:
    # finding holder 9: 1° En partie (1), 2° Non (0), II Oui (2) -> partiellement.  Raising
    # 1° to Oui (one step) or 2° to Oui (two steps) each gives caractérisé: two ways, 1°
    # first; neither is « required » (the law asks for 1° or 2°).
    res = assess(ART15, {"A15-1": A(1), "A15-2": A(0), "A15-II": A(2)})
    assert res.verdict == "partiellement"
    assert res.verdict_rule is not None
    assert res.verdict_rule["ways"] == [["A15-1"], ["A15-2"]]
    assert [(i.id, i.kind, i.changes_verdict) for i in res.improvements] == [
        ("A15-1", "verdict_alt", True), ("A15-2", "verdict_alt", True)]
    md = render_result(res, "md", "fr").replace("\u202f", " ").replace("\u00a0", " ")
    assert ("### Ce qui mènerait au verdict « caractérisé » : l'un ou l'autre de ces chemins, "
            "le plus proche d'abord") in md
    assert "\n- **ou** 2° Soit répondre" in md
    assert "requis par le verdict" not in md
    assert "l'une des possibilités du verdict" in md
    # no « critères socles » in the introduction of a grid that has none
    assert "puis les critères de la règle du verdict" in md
    assert "critères socles non atteints" not in md
