"""A verdict rule's labels are the grid's own words, not quotations (review s12 grids #9).

The self-assessment and `grids show` printed art. 15's rule as « l'un de : « I : l'une des
caractéristiques suivantes » » and glued « « II : condition des financements publics (pas
ceux des collectivités territoriales) » » after the law's sentence: a reader took isgrid's
labels (loi-ess-2014-art15.yaml `verdict:`) for the article's text.  A label now leads its
line, unquoted, before a dash.  The expected lines are written from the grid file: version 1
(`loi-ess-2014-art15@1`, kept), whose rule still joins I and II under two labels; version 2's
rule is the I alone (tests/selfassess/test_art15_definition.py).
"""

from __future__ import annotations

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.grid.logic import verdict_lines
from isgrid.grid.model import VerdictRule
from isgrid.selfassess.assess import Answer, assess, render_result

NB = "\u00a0"
I_LABEL = "I : l'une des caractéristiques suivantes"
II_LABEL = "II : condition des financements publics (pas ceux des collectivités territoriales)"
II_TEXT = ("Le caractère innovant de son activité doit en outre engendrer pour cette entreprise "
           "des difficultés à en assurer le financement intégral aux conditions normales de "
           "marché")


def test_labels_lead_their_line_unquoted() -> None:
    rule = VerdictRule.model_validate({"all": [
        {"label": "Premier", "any": [{"criterion": "C1"}, {"criterion": "C2"}]},
        {"label": "Second", "criterion": "C3"}]})
    assert verdict_lines(rule, "", "fr") == [
        f"chacun de{NB}:", "  Premier \u2014 l'un de\u00a0:", "    C1", "    C2",
        "  Second \u2014 C3"]
    assert verdict_lines(rule, "", "en")[1] == "  Premier \u2014 one of:"


def test_art15_self_assessment_rule_without_quotes() -> None:
    g = load_grid("loi-ess-2014-art15@1")
    two = Answer(2.0, False, None)
    res = assess(g, {"A15-1": two, "A15-2": two, "A15-3": two, "A15-4": two, "A15-II": two})
    md = render_result(res, "md", "fr")
    lines = md.splitlines()
    assert f"  - {I_LABEL} \u2014 l'un de{NB}:".replace(" : ", f"{NB}: ") in lines
    assert f"  - {II_LABEL} \u2014 {II_TEXT}".replace(" : ", f"{NB}: ") in lines
    rule = md[md.index("Règle du verdict de cette grille"):]
    rule = rule[:rule.index("\n#")]
    assert "«" not in rule


def test_grids_show_art15_rule_without_quotes() -> None:
    run = CliRunner().invoke(cli, ["--lang", "fr", "grids", "show", "loi-ess-2014-art15@1"])
    assert run.exit_code == 0, run.output
    lines = run.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Verdict"))
    assert [line.replace(NB, " ") for line in lines[at + 1:at + 5]] == [
        "  chacun de :", f"    {I_LABEL} \u2014 l'un de :", "      A15-1", "      A15-2"]
    assert lines[at + 5].replace(NB, " ") == f"    {II_LABEL} \u2014 A15-II"
