"""What a French holder reads in a self-assessment result and answers file, and the
comparison's first sentence for one grid and its call (found walking docs/fr/)."""

from __future__ import annotations

import html
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, answers_yaml, assess, render_result
from testpaths import EXAMPLES

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


def _result(fmt: str) -> str:
    loaded = load_grid("avise-mouves-2011")
    # axis 1: AV-1.1 met (3), AV-1.2 partly (2): one of the two answered is met, 50 %
    answers = {"AV-1.1": Answer(3.0), "AV-1.2": Answer(2.0)}
    return render_result(assess(loaded, answers), fmt, "fr")


def test_markdown_result_is_readable_as_text() -> None:
    md = _result("md")
    # AV-3.4's label, « Démarche de R&D … », as the grid writes it (not R&amp;D)
    assert "- Démarche de R&D ou partenariat avec la recherche\n" in md
    assert "&amp;" not in md
    # a section's share: a narrow no-break space before « % »
    assert "- Axe 1 – Réponse à un besoin social mal satisfait\u00a0: 50\u202f%\n" in md


def test_result_says_the_criteria_are_reconstructed() -> None:
    # avise-mouves-2011: 0 criteria sourced, 19 reconstructed, 1 inferred (AV-3.5)
    line = "Critères sourcés / reconstitués / inférés\u00a0: 0 / 19 / 1."
    for fmt in ("md", "html"):
        text = html.unescape(_result(fmt))
        assert line in text, fmt
        assert "n'est pas le texte de la grille publiée" in text, fmt
    # a grid whose criteria are all sourced says so, without the warning
    loaded = load_grid("loi-ess-2014-art15")
    md = render_result(assess(loaded, {}), "md", "fr")
    assert "Critères sourcés / reconstitués / inférés\u00a0: 5 / 0 / 0." in md
    assert "n'est pas le texte de la grille publiée" not in md


def test_answers_file_marks_what_is_not_sourced() -> None:
    text = answers_yaml(load_grid("avise-mouves-2011"), None, "fr")
    assert ("# Critères sourcés / reconstitués / inférés : 0 / 19 / 1 (un critère reconstitué"
            " ou inféré n'est pas le texte de la grille publiée)\n") in text
    assert ("  # AV-1.1 Réponse à un besoin social nouveau ou mal satisfait "
            "(critère socle ; reconstitué)\n") in text
    assert "  # AV-3.5 Difficulté de financement aux conditions normales du marché (inféré)\n" \
        in text


def test_compare_one_grid_and_its_call_says_so(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / "appel")
    res = CliRunner().invoke(cli, ["compare", "alsace-aap-2016", "--call",
                                   str(tmp_path / "appel")], env=FRENCH)
    assert res.exit_code == 0, res.output
    first = res.stdout.splitlines()[2]
    assert first == ("Une seule grille comparée, alsace-aap-2016@1 (10 critères), avec les "
                     "appels jugés avec elle\u00a0: leurs modifications locales de la grille et "
                     "leurs résultats sont ci-dessous.")
