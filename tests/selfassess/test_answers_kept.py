"""What a holder types is kept, and an answers file's errors speak to her (findings of the
holder's review: a long comment cut without a word, hints for a call's secretariat, the
printed next command failing for a grid that is a file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid, shipped_dir
from isgrid.messages import translate_message
from isgrid.selfassess.answers import MAX_COMMENT, answers_from_form, load_answers_text

AVISE = load_grid("avise-mouves-2011")  # 0 Totalement absent … 3 Totalement présent, na


def test_a_long_comment_is_kept_whole_in_a_file_and_a_form() -> None:
    diagnosis = ("Diagnostic partagé avec la mairie d'Hirson, « mobilité » des jeunes. " * 130)
    diagnosis = diagnosis.strip()
    assert 8900 < len(diagnosis) < MAX_COMMENT  # the reviewer's 8 940 characters were cut to 4 000
    text = f'answers:\n  AV-1.1: {{value: 3, comment: "{diagnosis}"}}\n'
    answers, diags = load_answers_text(text, AVISE.grid)
    assert not diags.errors
    assert answers["AV-1.1"].comment == diagnosis
    form = answers_from_form({"v:AV-1.1": "3", "c:AV-1.1": diagnosis}, AVISE.grid)
    assert form["AV-1.1"].comment == diagnosis


def test_a_comment_over_the_limit_is_refused_with_its_length_never_cut() -> None:
    assert MAX_COMMENT == 20_000
    text = 'AV-1.1: {value: 3, comment: "' + "é" * 25_000 + '"}\n'
    answers, diags = load_answers_text(text, AVISE.grid, "long.yaml")
    assert answers == {}
    (d,) = diags.errors
    assert d.code == "comment-too-long"
    assert d.location.line == 1
    fr = translate_message(d.message, "fr").replace("\u00a0", " ")
    assert fr == ("AV-1.1 : le commentaire a 25\u202f000 caractères, plus que les "
                  "20\u202f000 qu'une réponse garde")
    at_limit = 'AV-1.1: {value: 3, comment: "' + "x" * 20_000 + '"}\n'
    kept, more = load_answers_text(at_limit, AVISE.grid)
    assert not more.errors and len(kept["AV-1.1"].comment or "") == 20_000


def test_an_answer_off_the_scale_is_said_in_the_holders_words() -> None:
    text = "answers:\n  AV-1.1: <3\n  AV-2.1: 2,5\n"
    _, diags = load_answers_text(text, AVISE.grid, "cp.yaml")
    half, stray = sorted(diags.errors, key=lambda d: d.message.startswith("AV-1.1"))
    # 2,5 lies between the levels 2 and 3 of 0 ; 1 ; 2 ; 3: those two are named
    assert translate_message(half.message, "fr").replace("\u00a0", " ") == (
        "AV-2.1 : « 2,5 » tombe entre deux niveaux de l'échelle (0\u202f; 1\u202f; 2\u202f; "
        "3) : écrivez 2 ou 3")
    assert "«\u00a0<3\u00a0» n'est ni une valeur ni un libellé" in translate_message(stray.message, "fr")
    for d in (half, stray):
        said = translate_message(d.message, "fr") + translate_message(d.hint or "", "fr")
        for word in ("call.yaml", "cellule", "NE ", "Excel", "half_steps"):
            assert word not in said, (word, said)
        assert translate_message(d.hint or "", "fr").startswith(
            "Dans votre fichier de réponses, écrivez la valeur ou le libellé d'un niveau "
            "(Totalement absent, Plutôt absent, Plutôt présent, Totalement présent), na si")


def test_the_template_of_a_grid_file_prints_a_command_that_works(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "appel cress"
    folder.mkdir()
    grid = folder / "grille cress.yaml"
    shutil.copy(shipped_dir() / "avise-mouves-2011.yaml", grid)
    grid.write_text(grid.read_text(encoding="utf-8").replace(
        "\nid: avise-mouves-2011\n", "\nid: cress-aap-2027\n"), encoding="utf-8")
    runner = CliRunner()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    shutil.copy(grid, work / "grille.yaml")
    made = runner.invoke(cli, ["--lang", "fr", "assess", "grille.yaml", "--template"])
    assert made.exit_code == 0, made.output
    line = next(ln for ln in made.output.splitlines() if ln.startswith("# Puis"))
    assert line == ("# Puis\u00a0: isgrid assess grille.yaml CE-FICHIER.yaml --format html "
                    "-o resultat.html")
    Path("rep.yaml").write_text(made.output.replace("  AV-1.1:\n", "  AV-1.1: 3\n"),
                                encoding="utf-8")
    # the printed command, run as printed (with the answers file's name)
    ran = runner.invoke(cli, ["--lang", "fr", "assess", "grille.yaml", "rep.yaml",
                              "--format", "html", "-o", "resultat.html"])
    assert ran.exit_code == 0, ran.output
    assert Path("resultat.html").is_file()
    spaced = runner.invoke(cli, ["--lang", "fr", "assess", str(grid), "--template"])
    assert f'# Puis\u00a0: isgrid assess "{grid}" CE-FICHIER.yaml' in spaced.output
    shipped = runner.invoke(cli, ["--lang", "fr", "assess", "avise-mouves-2011", "--template"])
    assert "# Puis\u00a0: isgrid assess avise-mouves-2011 CE-FICHIER.yaml" in shipped.output
