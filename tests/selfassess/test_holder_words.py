"""What a French holder reads in a self-assessment result and answers file, and the
comparison's first sentence for one grid and its call (found walking docs/fr/)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
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
    # French spacing in isgrid's own words, as in the result (finding holder 12)
    assert ("# Critères sourcés / reconstitués / inférés\u00a0: 0 / 19 / 1 (un critère "
            "reconstitué ou inféré n'est pas le texte de la grille publiée)\n") in text
    assert ("  # AV-1.1 Réponse à un besoin social nouveau ou mal satisfait "
            "(critère socle\u202f; reconstitué)\n") in text
    assert text.startswith("# Autoévaluation\u00a0: Grille de caractérisation")
    assert "  # Question\u00a0: " in text and "«\u00a0na\u00a0» s'il ne s'applique pas" in text
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


#: The carried-over result's notice, worked out by hand from selfassess.json (French
#: spacing: a no-break space before « : »).
APPROX = {
    "fr": ("> **Approximation.** Ces niveaux sont reportés depuis la grille",
           "> Niveaux reportés ({n})\u00a0: ", "> Critères restés sans réponse ({n})\u00a0: "),
    "en": ("> **Approximation.** These levels are carried over from the grid",
           "> Levels carried over ({n}): ", "> Criteria left unanswered ({n}): "),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_approximation_notice_is_three_paragraphs(lang: str) -> None:
    """``assess … --grid``: the notice, the answers carried over and the criteria left
    unanswered are three paragraphs of one quote (a lone « > » between them), each on its
    own line: rendered, they no longer run together into one paragraph."""
    from isgrid.selfassess.carry import assess_carried

    source = load_grid("avise-mouves-2011")
    answers = {"AV-1.1": Answer(3.0), "AV-1.2": Answer(2.0), "AV-2.1": Answer(2.0)}
    # Alsace 2016 extends Avise: its AV-1.1 is Avise's (selfassess.carry)
    carried = assess_carried(source, answers, load_grid("alsace-aap-2016"))
    assert carried.approximation is not None
    n_carried = len(carried.approximation["carried"])
    n_left = len(carried.approximation["unanswered"])
    assert n_carried and n_left
    md = render_result([assess(source, answers), carried], "md", lang)
    lines = md.splitlines()
    head, mid, left = APPROX[lang]
    at = next(i for i, line in enumerate(lines) if line.startswith(head))
    assert lines[at + 1] == ">"
    assert lines[at + 2].startswith(mid.format(n=n_carried))
    assert lines[at + 3] == ">"
    assert lines[at + 4].startswith(left.format(n=n_left))
    assert lines[at + 5] == "" and lines[at + 6].startswith("## ")
    markdown_it = pytest.importorskip("markdown_it")
    quote = markdown_it.MarkdownIt("commonmark").render("\n".join(lines[at:at + 5]))
    assert quote.startswith("<blockquote>\n<p><strong>Approximation.</strong>")
    assert quote.count("<p>") == 3


def test_autoevaluation_is_spelled_one_way() -> None:
    """« autoévaluation », the reformed spelling (1990) that the command line uses (``serve``),
    in the result's title, the answers file, the web pages and the downloaded file's name."""
    md = _result("md")
    assert md.startswith("# Autoévaluation — Grille de caractérisation de l'innovation "
                         "sociale (Avise / Mouves, 2011)\n")
    assert "<title>Autoévaluation — " in _result("html")
    blank = answers_yaml(load_grid("avise-mouves-2011"), None, "fr")
    assert blank.splitlines()[0].startswith("# Autoévaluation")
    from isgrid.i18n import translator

    t = translator("selfassess", "fr")
    assert t("web.title") == "Autoévaluation d'un projet d'innovation sociale"
    assert t("web.brand") == "isgrid · autoévaluation"
    for text in (md, _result("html"), blank, t("web.title"), t("web.brand")):
        assert "uto-évaluation" not in text


def test_the_downloaded_result_is_named_autoevaluation() -> None:
    from isgrid.web.selfassess import create_app
    from webclients import same_origin_client

    lg = load_grid("avise-mouves-2011")
    client = same_origin_client(create_app(grids={lg.grid.id: lg}))
    r = client.post("/g/avise-mouves-2011/download/md", data={"v:AV-1.1": "3", "lang": "fr"})
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == (
        'attachment; filename="autoevaluation-avise-mouves-2011.md"')
