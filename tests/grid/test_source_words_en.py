"""isgrid ships no English text of a grid and does not translate grid content (review 19,
finding 8): where an English reader meets a French grid, one line says so, and French
output does not carry it."""

from __future__ import annotations

from html import unescape
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app

LINE = "riteria are shown in their sources' words (French)"


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def test_grids_show_says_it_in_english_only() -> None:
    en = _run("--lang", "en", "grids", "show", "picardie-marqueurs-2013").splitlines()
    assert en[4] == ("  criteria are shown in their sources' words (French): isgrid does not "
                     "translate a grid's content")
    assert LINE not in _run("--lang", "fr", "grids", "show", "picardie-marqueurs-2013")


def test_assess_and_compare_say_it_in_english(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("grid: picardie-marqueurs-2013\nanswers:\n  PIC-M0: 3\n",
                       encoding="utf-8")
    assert LINE in _run("--lang", "en", "assess", "picardie-marqueurs-2013", str(answers))
    assert LINE not in _run("--lang", "fr", "assess", "picardie-marqueurs-2013", str(answers))
    assert LINE in _run("--lang", "en", "compare", "avise-mouves-2011", "rallynov")
    assert LINE not in _run("--lang", "fr", "compare", "avise-mouves-2011", "rallynov")
    html = tmp_path / "c.html"
    _run("--lang", "en", "compare", "avise-mouves-2011", "rallynov", "-o", str(html))
    assert LINE in unescape(html.read_text(encoding="utf-8"))


def test_the_english_questionnaire_says_it() -> None:
    lg = load_grid("picardie-marqueurs-2013")
    client = create_app(grids={lg.grid.id: lg}).test_client()
    en = unescape(client.get("/g/picardie-marqueurs-2013?lang=en").get_data(as_text=True))
    assert LINE in en
    fr = unescape(client.get("/g/picardie-marqueurs-2013?lang=fr").get_data(as_text=True))
    assert LINE not in fr
