"""An answers file made for another grid, uploaded from a questionnaire or the grid list,
is opened on its own grid and says so, with a link back to the grid she was on; an error
page's link goes back to where she was, not to the file's grid (review19, finding 9)."""

from __future__ import annotations

import html as htmllib
import io

import pytest
from flask.testing import FlaskClient

from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app
from webclients import same_origin_client

ALSACE = b"""grid: alsace-aap-2016@1
answers:
  AV-1.1: 3
  ALS-2: Moyen
  ALS-E1: oui
"""
BAD = b"""grid: alsace-aap-2016@1
answers:
  AV-1.1: 2,5
  ALS-9: 3
"""


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    grids = [load_grid(g) for g in ("picardie-marqueurs-2013", "alsace-aap-2016")]
    return same_origin_client(create_app(grids={lg.grid.id: lg for lg in grids}))


def _upload(client: FlaskClient, data: bytes, grid: str | None, lang: str = "fr") -> str:
    form: dict[str, object] = {"answers": (io.BytesIO(data), "a1.yaml"), "lang": lang}
    if grid is not None:
        form["grid"] = grid
    r = client.post(f"/upload?lang={lang}", data=form, content_type="multipart/form-data")
    return htmllib.unescape(r.get_data(as_text=True)).replace("\u00a0", " ").replace(
        "\u202f", " ")


def _titles() -> tuple[str, str]:
    return (load_grid("alsace-aap-2016").grid.title,
            load_grid("picardie-marqueurs-2013").grid.title)


def test_a_file_of_another_grid_says_so_with_the_way_back(client: FlaskClient) -> None:
    alsace, picardie = _titles()
    page = _upload(client, ALSACE, "picardie-marqueurs-2013")
    assert 'action="/g/alsace-aap-2016/result?lang=fr"' in page  # opened on its grid
    assert (f"Ce fichier est celui de la grille « {alsace} » : il est ouvert sur elle "
            f"(vous étiez sur « {picardie} »).") in page
    assert "« Voir avec une autre grille », depuis le résultat" in page
    assert (f'<a href="/g/picardie-marqueurs-2013?lang=fr" id="back-to-grid">Revenir à '
            f"« {picardie} »</a>") in page
    en = _upload(client, ALSACE, "picardie-marqueurs-2013", "en")
    assert f'This file is the one of the grid "{alsace}": it is opened on that grid' in en
    # from the grid list with Picardie chosen: the same; its own grid: nothing said
    assert "Ce fichier est celui de la grille" in _upload(client, ALSACE,
                                                          "picardie-marqueurs-2013")
    own = _upload(client, ALSACE, "alsace-aap-2016")
    assert "Réponses chargées depuis le fichier." in own
    assert "Ce fichier est celui" not in own and "back-to-grid" not in own
    assert "Ce fichier est celui" not in _upload(client, ALSACE, None)  # no grid chosen


def test_an_error_page_links_back_to_where_she_was(client: FlaskClient) -> None:
    _, picardie = _titles()
    page = _upload(client, BAD, "picardie-marqueurs-2013")
    assert "« 2,5 » tombe entre deux niveaux" in page
    assert f'href="/g/picardie-marqueurs-2013?lang=fr">{picardie}</a>' in page
    assert 'href="/g/alsace-aap-2016' not in page
    # from the list, no grid chosen: back to the list
    assert 'href="/?lang=fr"' in _upload(client, BAD, None)
