"""« Reprendre avec un fichier de réponses »: a file naming a superseded version isgrid ships
(``grid: loi-ess-2014-art15@1``) is resumed on that version, and its result says so; a file
naming a version isgrid does not ship is refused with the versions it ships."""

from __future__ import annotations

import io
import re

import pytest
from flask.testing import FlaskClient

from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app
from webclients import same_origin_client

# 1° met (« Oui », 2), the II not met (« Non », 0): « non caractérisé » on version 1 (I and II
# joined), « caractérisé » on version 2 (the I alone)
ANSWERS = "grid: {grid}\nanswers:\n  A15-1: 2\n  A15-2: 0\n  A15-3: 2\n  A15-4: 2\n  A15-II: 0\n"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    grids = {g: load_grid(g) for g in ("loi-ess-2014-art15", "avise-mouves-2011")}
    return same_origin_client(create_app(grids=grids))


def _upload(client: FlaskClient, grid: str, lang: str = "fr"):  # type: ignore[no-untyped-def]
    data = ANSWERS.format(grid=grid).encode()
    return client.post(f"/upload?lang={lang}", data={"answers": (io.BytesIO(data), "r.yaml")},
                       content_type="multipart/form-data")


def _plain(resp) -> str:  # type: ignore[no-untyped-def]
    html = resp.get_data(as_text=True).replace("\u202f", " ").replace("\xa0", " ")
    return html.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')


def test_a_file_naming_version_1_is_resumed_and_scored_on_it(client: FlaskClient) -> None:
    r = _upload(client, "loi-ess-2014-art15@1")
    assert r.status_code == 200
    html = _plain(r)
    assert ("Réponses chargées depuis le fichier, avec la version qu'il nomme : "
            "loi-ess-2014-art15@1 (la version actuelle est la 2).") in html
    # the questionnaire posts back to version 1's pages
    assert 'action="/g/loi-ess-2014-art15@1/result?lang=fr"' in html
    form = {"v:A15-1": "2", "v:A15-2": "0", "v:A15-3": "2", "v:A15-4": "2", "v:A15-II": "0",
            "lang": "fr"}
    result = _plain(client.post("/g/loi-ess-2014-art15@1/result", data=form))
    assert "Grille loi-ess-2014-art15, version 1" in result
    assert "non caractérisé" in result
    assert ("Évalué avec loi-ess-2014-art15@1, la version que nomme le fichier ; la version "
            "actuelle est la 2") in result
    current = _plain(client.post("/g/loi-ess-2014-art15/result", data=form))
    assert "Grille loi-ess-2014-art15, version 2" in current
    assert "Évalué avec" not in current
    # the index lists the current versions only
    index = _plain(client.get("/"))
    assert "loi-ess-2014-art15@1" not in index
    en = _plain(_upload(client, "loi-ess-2014-art15@1", lang="en"))
    assert ("Answers loaded from the file, with the version it names: loi-ess-2014-art15@1 "
            "(the current version is 2).") in en


def test_the_current_version_is_resumed_as_before(client: FlaskClient) -> None:
    html = _plain(_upload(client, "loi-ess-2014-art15@2"))
    assert "Réponses chargées depuis le fichier." in html
    assert 'action="/g/loi-ess-2014-art15/result?lang=fr"' in html


def test_a_version_not_shipped_is_refused_with_those_shipped(client: FlaskClient) -> None:
    r = _upload(client, "loi-ess-2014-art15@7")
    assert r.status_code == 400
    html = _plain(r)
    assert ("Ce fichier de réponses nomme la version 7 de la grille « loi-ess-2014-art15 », "
            "qu'isgrid ne fournit pas. Versions fournies : 1, 2.") in html
    assert client.get("/g/loi-ess-2014-art15@7").status_code == 404
    assert client.get("/g/avise-mouves-2011@1").status_code == 404  # its current: /g/<id>
    en = _plain(_upload(client, "loi-ess-2014-art15@7", lang="en"))
    assert "Versions shipped: 1, 2." in en
    assert re.search(r"isgrid does not ship", en)


def test_a_grid_isgrid_does_not_ship_names_its_own_version() -> None:
    from testpaths import FIXTURES

    lg = load_grid(FIXTURES / "selfassess" / "sa-checklist.yaml")
    client = same_origin_client(create_app(grids={lg.grid.id: lg}))
    data = f"grid: {lg.grid.id}@9\nanswers:\n  c1: 3\n".encode()
    r = client.post("/upload", data={"answers": (io.BytesIO(data), "r.yaml")},
                    content_type="multipart/form-data")
    assert r.status_code == 400
    assert f"Versions fournies : {lg.grid.version}." in _plain(r)
