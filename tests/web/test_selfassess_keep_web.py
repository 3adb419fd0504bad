"""The self-assessment pages keep what a holder typed, without JavaScript (Flask's test
client): a long comment, an upload's errors on the right question, the guide's answers
files, a page left open across a server restart, no false promise without JavaScript."""

from __future__ import annotations

import html as htmllib
import io
import re

import pytest
from flask.testing import FlaskClient

from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app
from testpaths import FIXTURES
from webclients import ORIGIN, same_origin_client

FIX = FIXTURES / "selfassess"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    grids = [load_grid("avise-mouves-2011"), load_grid(FIX / "sa-checklist.yaml")]
    return same_origin_client(create_app(grids={lg.grid.id: lg for lg in grids}))


def text(resp) -> str:  # type: ignore[no-untyped-def]
    return htmllib.unescape(resp.get_data(as_text=True)).replace("\u00a0", " ").replace(
        "\u202f", " ")


def checked(page: str) -> dict[str, str]:
    return dict(re.findall(r'name="(v:[^"]+)" value="([^"]+)" checked', page))


def plain(client: FlaskClient) -> FlaskClient:
    """A client that adds no token: a browser holding a page from before a restart."""
    return FlaskClient(client.application, client.application.response_class)


def upload(client: FlaskClient, data: bytes, name: str, grid: str | None = None):  # type: ignore[no-untyped-def]
    form: dict[str, object] = {"answers": (io.BytesIO(data), name)}
    if grid is not None:
        form["grid"] = grid
    return client.post("/upload", data=form, content_type="multipart/form-data")


def test_upload_errors_name_the_question_with_its_dots(client: FlaskClient) -> None:
    data = "grid: avise-mouves-2011@1\nanswers:\n  AV-1.1: <3\n  AV-1.2: 3\n  AV-2.1: 2,5\n"
    r = upload(client, data.encode(), "cp2.yaml")
    assert r.status_code == 400
    page = text(r)
    assert "« 1 »" not in page
    # the value between guillemets, the apostrophe typographic (review-web 8)
    assert ("Ligne 3 : AV-1.1 : « <3 » n'est ni une valeur ni un libellé (Totalement "
            "absent, Plutôt absent, Plutôt présent, Totalement présent)") in page
    # the half step keeps its reason: 2,5 lies between the levels 2 and 3
    assert "Ligne 5 : AV-2.1 : « 2,5 » tombe entre deux niveaux de l'échelle (0 ; 1 ; 2 ; 3) : " \
        "écrivez 2 ou 3" in page
    assert "na si la question ne s'applique pas" in page
    unknown = text(upload(client, b"grid: avise-mouves-2011\nAV-9.9: 3\n", "u.yaml"))
    assert "« AV-9.9 » n'est pas un critère de cette grille" in unknown


def test_the_guides_answers_file_without_grid_line(client: FlaskClient) -> None:
    guide = "answers:\n  AV-1.1: 3\n  AV-1.2: {value: 2, comment: \"Avec la mairie\"}\n"
    r = upload(client, guide.encode(), "mes-reponses.yaml", grid="")
    assert r.status_code == 400
    page = text(r)
    assert "ne dit pas à quelle grille il répond (il n'a pas de ligne « grid: »)" in page
    assert "pas un fichier de réponses" not in page
    # the grid chosen in the list beside the file: read as on the command line
    index = text(client.get("/"))
    assert '<select id="upload-grid" name="grid"><option value="">Celle que nomme le fichier' \
        in index
    ok = upload(client, guide.encode(), "mes-reponses.yaml", grid="avise-mouves-2011")
    assert ok.status_code == 200
    assert checked(ok.get_data(as_text=True)) == {"v:AV-1.1": "3", "v:AV-1.2": "2"}
    assert "Avec la mairie" in text(ok)


def test_a_file_notepad_saved_as_yaml_txt_is_read(client: FlaskClient) -> None:
    data = "grid: avise-mouves-2011@1\nanswers:\n  AV-1.1: Plutôt présent\n".encode("cp1252")
    r = upload(client, data, "mes réponses.yaml.txt")
    assert r.status_code == 200
    assert checked(r.get_data(as_text=True)) == {"v:AV-1.1": "2"}
    assert 'accept=".yaml,.yml,.txt,' in r.get_data(as_text=True)


def test_a_long_comment_is_kept_and_a_too_long_one_refused_whole(client: FlaskClient) -> None:
    page = text(client.get("/g/avise-mouves-2011"))
    assert "maxlength" not in page
    assert "Commentaire (facultatif, jusqu'à 20 000 caractères)" in page
    diagnosis = "Besoin : mobilité des jeunes ruraux, « diagnostic » partagé. " * 150
    assert 8900 < len(diagnosis.strip()) < 20_000
    r = client.post("/g/avise-mouves-2011/result", data={"v:AV-1.1": "3",
                                                          "c:AV-1.1": diagnosis})
    assert r.status_code == 200 and diagnosis.strip() in text(r)
    y = client.post("/g/avise-mouves-2011/answers.yaml", data={"v:AV-1.1": "3",
                                                                "c:AV-1.1": diagnosis})
    assert diagnosis.strip() in y.get_data(as_text=True)
    longer = "é" * 25_000
    for url in ("/g/avise-mouves-2011/result", "/g/avise-mouves-2011/answers.yaml",
                "/g/avise-mouves-2011/download/html"):
        r = client.post(url, data={"v:AV-1.1": "3", "c:AV-2.1": longer, "v:AV-2.1": "1"})
        assert r.status_code == 400, url
        page = text(r)
        # 25 000 - 20 000 = 5 000 too many; every answer and the whole text back in the form
        assert "AV-2.1 : 25 000 caractères, 5 000 de trop." in page
        assert f">{longer}</textarea>" in page
        assert checked(r.get_data(as_text=True)) == {"v:AV-1.1": "3", "v:AV-2.1": "1"}
        # the long comment's box is marked invalid, its count said under it (what the script
        # says, here without it), and the summary's line links to the box; no other box
        raw = r.get_data(as_text=True)
        assert raw.count('aria-invalid="true"') == 1
        assert re.search(r'<textarea id="c-AV-2\.1"[^>]*aria-describedby="n-AV-2\.1" '
                         r'aria-invalid="true">', raw)
        assert re.search(r'id="n-AV-2\.1" aria-live="polite">25 000 caractères : 5 000 de '
                         r"trop\.", page)
        assert '<li><a href="#c-AV-2.1">AV-2.1 : 25 000 caractères, 5 000 de trop.</a></li>' in page


def test_without_javascript_no_promise_of_keeping(client: FlaskClient) -> None:
    page = text(client.get("/g/avise-mouves-2011"))
    assert re.search(r'<strong class="no-js-only">JavaScript est désactivé : vos réponses ne '
                     r"sont pas gardées\. Téléchargez-les", page)
    assert re.search(r'<span class="js-only">Vos réponses sont gardées dans ce navigateur', page)
    howto = page.split('<p>Pour chaque question')[1].split("<span")[0]
    assert "gardées" not in howto
    assert '<div class="progress js-only"' in page
    index = text(client.get("/"))
    assert "Sur un ordinateur partagé" in index
    assert 'id="clear-all"' in index


def test_a_page_from_before_a_restart_gives_its_answers_back(client: FlaskClient) -> None:
    # a browser whose token is not this server's (the server restarted since the page
    # was opened): the form comes from this site, but with an old token
    stale = plain(client)
    sent = {"csrf_token": "old-token", "v:AV-1.1": "3", "v:AV-1.2": "na",
            "c:AV-1.1": "Diagnostic partagé avec la mairie d'Hirson"}
    for url in ("/g/avise-mouves-2011/result", "/g/avise-mouves-2011",
                "/g/avise-mouves-2011/answers.yaml", "/g/avise-mouves-2011/download/md"):
        r = stale.post(url, data=sent, headers={"Origin": ORIGIN})
        assert r.status_code == 403, url
        raw = r.get_data(as_text=True)
        page = text(r)
        assert "Cette page datait d'avant un redémarrage du serveur" in page
        assert checked(raw) == {"v:AV-1.1": "3", "v:AV-1.2": "na"}
        assert ">Diagnostic partagé avec la mairie d'Hirson</textarea>" in page
        # a fresh token, so that sending again works
        token = re.search(r'name="csrf_token" value="([^"]+)"', raw)
        assert token and token.group(1) != "old-token"
        again = stale.post("/g/avise-mouves-2011/result", headers={"Origin": ORIGIN},
                           data={**sent, "csrf_token": token.group(1)})
        assert again.status_code == 200 and "Diagnostic partagé" in text(again)
        stale = plain(client)  # the next one from before, too
    up = stale.post("/upload", headers={"Origin": ORIGIN}, content_type="multipart/form-data",
                    data={"csrf_token": "old", "grid": "avise-mouves-2011",
                          "answers": (io.BytesIO(b"AV-1.1: 3\n"), "a.yaml")})
    assert up.status_code == 403
    assert "choisissez à nouveau votre fichier" in text(up)
    assert 'href="/g/avise-mouves-2011?lang=fr"' in up.get_data(as_text=True)
    # another site's form: still refused, no answers shown
    other = stale.post("/g/avise-mouves-2011/result", data=sent,
                       headers={"Origin": "https://evil.example"})
    assert other.status_code == 403 and "Hirson" not in text(other)


def test_a_french_grid_on_an_english_page_is_marked_french(client: FlaskClient) -> None:
    """RGAA 8.7: the grid's own words (title, sections, questions, levels, guidance) read
    with a French voice on the English page; none marked on the French page."""
    en = client.get("/g/avise-mouves-2011?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in en
    assert re.search(r'<h1 lang="fr">[^<]+</h1>', en)
    legends = re.findall(r"<legend( lang=\"fr\")?>", en)
    assert legends and all(legends)  # every section's and question's legend
    assert 'lang="fr"><strong>' in en  # the levels' labels
    index = client.get("/?lang=en").get_data(as_text=True)
    assert re.search(r'<a href="/g/avise-mouves-2011\?lang=en" lang="fr">', index)
    fr = client.get("/g/avise-mouves-2011?lang=fr").get_data(as_text=True)
    assert ' lang="fr">' not in fr.replace('<html lang="fr"', "")
