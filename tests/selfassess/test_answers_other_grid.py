"""An answers file checked against the wrong grid, a misspelt top key, a list answer
(review s17 users, findings 7 and 8): said once, in the answers file's words, on the
command line and on the web page alike."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app
from webclients import same_origin_client

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
# the guide's example (s-autoevaluer §3), without its `grid:` line: avise-mouves-2011's ids
AVISE = "answers:\n  AV-1.1: 3\n  AV-1.2: Plutôt présent\n  AV-1.3: 2\n  AV-2.1: na\n"


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("&#39;", "'")


def _assess(tmp_path: Path, grid: str, text: str, name: str = "rep.yaml") -> str:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    run = CliRunner().invoke(cli, ["assess", grid, str(f)], env=FRENCH)
    assert run.exit_code != 0
    return _plain(run.output)


def test_answers_of_another_grid_are_said_once(tmp_path: Path) -> None:
    out = _assess(tmp_path, "csess-2017", AVISE)
    assert ("ces réponses sont celles de la grille avise-mouves-2011, pas de csess-2017 "
            "[unknown-grid]") in out
    assert ("Indice : Ouvrez la grille avise-mouves-2011 (`isgrid assess avise-mouves-2011 "
            "rep.yaml`), ou voyez ces réponses sur csess-2017 avec `isgrid assess "
            "avise-mouves-2011 rep.yaml --grid csess-2017`.") in out
    assert "unknown-criterion" not in out and out.count("Erreur") == 1


def test_some_ids_of_this_grid_is_no_other_grid(tmp_path: Path) -> None:
    # CS-1.1 is csess-2017's: the AV-* ids are mistakes in this file, each said
    out = _assess(tmp_path, "csess-2017", AVISE + "  CS-1.1: 2\n")
    assert "celles de la grille" not in out
    assert "n'a pas de critère « AV-1.1 »" in out


def test_a_misspelt_top_key_and_a_list_answer(tmp_path: Path) -> None:
    out = _assess(tmp_path, "avise-mouves-2011", "answer:\n  AV-1.1: 3\n")
    assert "clé inconnue « answer » : vouliez-vous dire « answers » ? [unknown-key]" in out
    assert "n'a pas de critère" not in out
    out = _assess(tmp_path, "avise-mouves-2011", "answers:\n  AV-2.3: [2]\n")
    assert "la réponse à AV-2.3 est une liste" in out
    assert ("Indice : Dans votre fichier de réponses, écrivez la valeur ou le libellé d'un "
            "niveau (Totalement absent, Plutôt absent, Plutôt présent, Totalement présent), na "
            "si la question ne s'applique pas, ou laissez vide.") in out
    assert "cellule" not in out and "NE" not in out.split("[value-out-of-scale]")[1]


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    grids = {g: load_grid(g) for g in ("avise-mouves-2011", "csess-2017")}
    return same_origin_client(create_app(grids=grids))


def _upload(client: FlaskClient, data: str, grid: str) -> str:
    r = client.post("/upload", data={"answers": (io.BytesIO(data.encode()), "rep.yaml"),
                                     "grid": grid}, content_type="multipart/form-data")
    assert r.status_code == 400
    return _plain(r.get_data(as_text=True))


def test_the_web_page_says_the_same(client: FlaskClient) -> None:
    html = _upload(client, AVISE, "csess-2017")
    avise = load_grid("avise-mouves-2011").grid.title
    csess = load_grid("csess-2017").grid.title
    assert (f"Ces réponses sont celles de la grille « {avise} », pas de « {csess} » : "
            f"choisissez « {avise} » dans « Grille » pour les ouvrir, puis, sur son résultat, "
            f"« Voir avec une autre grille » pour les voir sur « {csess} ».") in html
    assert "n'est pas un critère" not in html
    html = _upload(client, "answer:\n  AV-1.1: 3\n", "avise-mouves-2011")
    assert "clé inconnue « answer » : vouliez-vous dire « answers » ?" in html
    html = _upload(client, "answers:\n  AV-2.3: [2]\n", "avise-mouves-2011")
    assert "na si la question ne s'applique pas, ou laissez vide" in html
    assert "cellule" not in html
