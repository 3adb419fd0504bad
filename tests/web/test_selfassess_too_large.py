"""A request too large for the self-assessment pages is said as what was sent: a
questionnaire's answers and comments (a form over 8 MB, no file in it) are not « ce
fichier » nor held to an answers file's 2 MB; an uploaded file still is (a review: the
page said « Ce fichier est trop gros pour un fichier de réponses (au plus 2048 Ko) » to a
holder who had sent only her answers)."""

from __future__ import annotations

import html
import io
import re

import pytest
from flask.testing import FlaskClient

from isgrid.grid.load import load_grid
from isgrid.web.selfassess import MAX_REQUEST, create_app
from testpaths import FIXTURES
from webclients import same_origin_client

#: 9 MB of comment: over the 8 MB a request may carry (MAX_REQUEST)
BIG = "x" * (9 * 1024 * 1024)
FORM_FR = ("Ces réponses sont trop volumineuses pour être reçues (plus de 8 Mo avec leurs "
           "commentaires) : rien n'a été lu. Revenez en arrière (bouton Précédent du "
           "navigateur) pour retrouver ce que vous aviez saisi, raccourcissez les commentaires "
           "les plus longs (au plus 20 000 caractères chacun), puis recommencez.")
FORM_EN = ("These answers are too large to be received (more than 8 MB with their comments): "
           "nothing was read. Go back (the browser's Back button) to find what you had typed, "
           "shorten the longest comments (at most 20,000 characters each), then try again.")


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    lg = load_grid(FIXTURES / "selfassess" / "sa-checklist.yaml")
    return same_origin_client(create_app(grids={lg.grid.id: lg}))


def alert(resp) -> str:  # type: ignore[no-untyped-def]
    (said,) = re.findall(r'role="alert"[^>]*>(.*?)</', resp.get_data(as_text=True), re.S)
    return html.unescape(said).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("path", ["/g/sa-checklist/result", "/g/sa-checklist",
                                  "/g/sa-checklist/answers.yaml",
                                  "/g/sa-checklist/download/html"])
def test_a_questionnaire_too_large_is_said_as_answers_not_a_file(client: FlaskClient,
                                                                 path: str) -> None:
    assert MAX_REQUEST == 8 * 1024 * 1024
    for lang, said in (("fr", FORM_FR), ("en", FORM_EN)):
        r = client.post(f"{path}?lang={lang}", data={"c:c1": BIG, "lang": lang})
        assert r.status_code == 413
        assert alert(r) == said
        assert "fichier" not in said and "file" not in said


def test_a_file_too_large_is_still_said_as_a_file(client: FlaskClient) -> None:
    for size in (3 * 1024 * 1024, 9 * 1024 * 1024):  # over its 2 MB; over the 8 MB of a request
        form = {"answers": (io.BytesIO(b"#" * size), "a.yaml"), "grid": "sa-checklist"}
        r = client.post("/upload?lang=en", data=form, content_type="multipart/form-data")
        assert r.status_code == 413
        assert alert(r) == "This file is too large for an answers file (at most 2048 KB)."
