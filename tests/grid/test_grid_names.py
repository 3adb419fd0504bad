"""A grid named wrongly (review s17 users, finding 12): « vouliez-vous dire csess-2017 ? »
wherever a grid is looked up by its name (grid.load._unknown_grid, the one place), and a
version isgrid does not ship names the shipped grid, never isgrid's install path."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import meant_grid
from isgrid.paths import grids_dir

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
IDS = ["csess-2017", "picardie-marqueurs-2013", "picardie-sieg-2015", "avise-mouves-2011"]


@pytest.mark.parametrize(("ref", "meant"), [
    ("csess", "csess-2017"),                            # the only id it begins
    ("csess@1", "csess-2017@1"),                        # the version kept
    ("picardie-marqeurs-2013", "picardie-marqueurs-2013"),  # one letter missing
    ("picardie", None),                                 # begins two ids: no guess
    ("zzz", None),
    ("grille.yaml", None),                              # a file is no name
    ("csess-2017.yaml", "csess-2017"),                  # a file not found, named after an id
    ("appel/csess-2017.yml", "csess-2017"),
])
def test_the_grid_meant(ref: str, meant: str | None) -> None:
    assert meant_grid(ref, IDS) == meant


def _run(*args: str) -> str:
    run = CliRunner().invoke(cli, list(args), env=FRENCH)
    assert run.exit_code != 0
    return run.output.replace("\u202f", " ").replace("\u00a0", " ")


def test_every_command_says_the_grid_meant(tmp_path: Path) -> None:
    out = _run("compare", "avise-mouves-2011", "picardie-marqeurs-2013")
    assert "pas de grille « picardie-marqeurs-2013 » [unknown-grid]" in out
    assert "Indice : Vouliez-vous dire picardie-marqueurs-2013 ? Grilles fournies :" in out
    answers = tmp_path / "r.yaml"
    answers.write_text("answers:\n  AV-1.1: 3\n", encoding="utf-8")
    out = _run("assess", "avise-mouves-2011", str(answers), "--grid", "csess")
    assert "Vouliez-vous dire csess-2017 ?" in out
    assert "Vouliez-vous dire csess-2017 ?" in _run("grids", "show", "csess")


def test_a_version_not_shipped_names_the_grid_not_the_install_path() -> None:
    out = _run("grids", "show", "csess-2017@3")
    assert "Erreur : la grille fournie csess-2017 est en version 2, pas 3 [version-mismatch]" in out
    assert str(grids_dir()) not in out and "csess-2017.yaml" not in out


def test_a_name_no_file_can_have_is_no_grid_not_a_failed_write() -> None:
    """A name longer than a file name may be (review s17 hostile, finding 9) was said as
    « the system refused: File name too long [write-failed] » in isgrid's install folder,
    with a hint to free some space: a grid name is looked up, never written."""
    long = "a" * 300
    out = _run("grids", "show", long)
    assert f"pas de grille « {long} » [unknown-grid]" in out
    assert "write-failed" not in out and str(grids_dir()) not in out
    out = _run("grids", "show", "csess-2017@" + "9" * 300)
    assert "[version-mismatch]" in out and "write-failed" not in out


def test_the_dimensions_file_is_not_a_grid() -> None:
    """isgrid's own dimensions.yaml, beside the shipped grids, was loaded as a grid
    (« the key 'id' is required [schema-invalid] »)."""
    out = _run("grids", "show", "dimensions")
    assert "pas de grille « dimensions » [unknown-grid]" in out


def test_a_shipped_grid_named_as_a_file_is_suggested_without_its_extension() -> None:
    out = _run("grids", "show", "csess-2017.yaml")
    assert "fichier introuvable : csess-2017.yaml [unknown-grid]" in out
    assert "Vouliez-vous dire csess-2017 ?" in out


def test_compare_of_a_file_that_does_not_exist_says_so(tmp_path: Path) -> None:
    # review 19, finding 12: « pas de grille 'nexiste.yaml' » for a path
    out = _run("compare", "avise-mouves-2011", str(tmp_path / "nexiste.yaml"))
    assert f"fichier introuvable : {tmp_path / 'nexiste.yaml'} [unknown-grid]" in out
    assert "pas de grille" not in out


def test_compare_of_an_answers_file_says_it_is_one(tmp_path: Path) -> None:
    # review 19, finding 12: five schema errors (« la clé 'id' est obligatoire »…)
    answers = tmp_path / "a1.yaml"
    answers.write_text("grid: alsace-aap-2016@1\nanswers:\n  ALS-2: 3\n", encoding="utf-8")
    out = _run("compare", "avise-mouves-2011", str(answers))
    assert (f"{answers} est un fichier de réponses (isgrid assess), pas une grille "
            "[answers-not-grid]") in out
    assert f"isgrid assess alsace-aap-2016@1 {answers}." in out
    assert "schema-invalid" not in out and "obligatoire" not in out
