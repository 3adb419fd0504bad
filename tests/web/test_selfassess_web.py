"""The self-assessment pages through Flask's test client: every page, without JavaScript."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import load_answers_text
from isgrid.web.selfassess import create_app, is_loopback
from testpaths import FIXTURES
from webclients import same_origin_client

FIX = FIXTURES / "selfassess"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    grids = {g: load_grid(FIX / f"sa-{g}.yaml") for g in ("scored", "checklist", "profile")}
    app = create_app(grids={lg.grid.id: lg for lg in grids.values()}, max_upload=4096)
    return same_origin_client(app)


def text(resp) -> str:  # type: ignore[no-untyped-def]
    return resp.get_data(as_text=True)


def checked(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="(v:[^"]+)" value="([^"]+)" checked', html))


def upload(client: FlaskClient, data: bytes, name: str = "answers.yaml",
           grid: str | None = "sa-checklist"):  # type: ignore[no-untyped-def]
    form: dict[str, object] = {"answers": (io.BytesIO(data), name)}
    if grid:
        form["grid"] = grid
    return client.post("/upload", data=form, content_type="multipart/form-data")


def test_index_lists_grids_and_is_safe(client: FlaskClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    html = text(r)
    for gid in ("sa-scored", "sa-checklist", "sa-profile"):
        assert f'href="/g/{gid}?lang=fr"' in html
    assert 'lang="fr"' in html
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    # no external resource: the pages need no network
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "English" in html
    assert "Available grids" in text(client.get("/?lang=en"))


def test_questionnaire_has_every_question_levels_na_and_comment(client: FlaskClient) -> None:
    html = text(client.get("/g/sa-scored"))
    for cid in ("a1", "a2", "b1", "e1"):
        assert f'name="c:{cid}"' in html
    # a1 has a floor: five levels, no n/a (selfassess.answers.na_offered); a2 has n/a
    assert html.count('name="v:a1"') == 5
    assert html.count('name="v:a2"') == 6
    assert html.count('name="v:e1"') == 2  # yes/no, no n/a on this scale
    assert "Question a1\u202f?" in html  # the grid's « ? », printed as French prints it
    assert "condition éliminatoire" in html
    assert "plancher 2" in html
    assert '<progress id="progress-bar" max="4" value="0">' in html
    assert 'action="/g/sa-scored/result?lang=fr"' in html
    assert 'formaction="/g/sa-scored/answers.yaml?lang=fr"' in html
    desc = text(client.get("/g/sa-checklist"))
    assert "Présent, mais pas partout." in desc  # level descriptions are shown


def test_unknown_pages_are_clean(client: FlaskClient) -> None:
    r = client.get("/g/nope")
    assert r.status_code == 404 and "Cette page n&#39;existe pas." in text(r)
    r = client.get("/nothing/here")
    assert r.status_code == 404 and "Traceback" not in text(r)
    r = client.get("/g/sa-scored/result")
    assert r.status_code == 405


def test_result_page_checklist(client: FlaskClient) -> None:
    form = {"v:c1": "2", "v:c2": "0", "v:c3": "1", "v:c4": "0", "v:c5": "2", "v:c7": "3",
            "c:c1": "<img src=x onerror=alert(1)>", "lang": "fr"}
    r = client.post("/g/sa-checklist/result", data=form)
    assert r.status_code == 200
    html = text(r)
    assert "Verdict\u00a0: non caractérisé" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # improvements in the order worked out by hand (tests/selfassess/test_selfassess.py)
    section = html[html.index("Ce qui peut être renforcé"):]
    found = [m for m in re.findall(r"<li><strong>(Critère c\d)</strong>", section)]
    assert found == ["Critère c2", "Critère c3", "Critère c1", "Critère c4", "Critère c5"]
    # the answers travel on in hidden fields: edit, downloads, compare
    assert '<input type="hidden" name="v:c1" value="2">' in html
    assert 'action="/g/sa-checklist/download/html?lang=fr"' in html
    assert '<select id="target" name="target">' in html


def test_result_page_scored_and_profile(client: FlaskClient) -> None:
    html = text(client.post("/g/sa-scored/result",
                            data={"v:a1": "1", "v:a2": "2", "v:b1": "3", "v:e1": "0"}))
    assert "Total\u00a0: 54,2 / 100" in html
    assert "Il manque 5,8 points pour atteindre le seuil de 60 / 100." in html
    assert "le dossier serait irrecevable" in html
    assert "manque 1" in html
    html = text(client.post("/g/sa-profile/result?lang=en",
                            data={"v:m1": "0", "v:m2": "1", "v:m3": "2", "v:m4": "3"}))
    assert "<svg" in html and "Markers present: 2 of 4" in html
    assert "Total" not in html


def test_edit_returns_a_prefilled_questionnaire(client: FlaskClient) -> None:
    html = text(client.post("/g/sa-checklist", data={"v:c1": "2", "v:c2": "na",
                                                     "c:c3": "à revoir"}))
    assert checked(html) == {"v:c1": "2", "v:c2": "na"}
    assert ">à revoir</textarea>" in html
    assert 'data-prefilled="1"' in html


def test_download_answers_and_results(client: FlaskClient) -> None:
    form = {"v:c1": "2", "c:c1": 'dit "ceci"', "v:c2": "na"}
    r = client.post("/g/sa-checklist/answers.yaml", data=form)
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == 'attachment; filename="reponses-sa-checklist.yaml"'
    answers, diags = load_answers_text(text(r), load_grid(FIX / "sa-checklist.yaml").grid)
    assert not diags.items
    assert answers["c1"].comment == 'dit "ceci"' and answers["c2"].na
    for fmt, start in (("html", "<!DOCTYPE html>"), ("md", "# Autoévaluation"), ("json", "{")):
        r = client.post(f"/g/sa-checklist/download/{fmt}", data=form)
        assert r.status_code == 200 and text(r).startswith(start)
        assert "attachment" in r.headers["Content-Disposition"]
    assert client.post("/g/sa-checklist/download/pdf", data=form).status_code == 404


def test_compare_with_another_grid(client: FlaskClient) -> None:
    form = {"v:c1": "3", "v:c4": "0", "v:c2": "2", "target": "sa-profile"}
    html = text(client.post("/g/sa-checklist/result", data=form))
    assert "Approximation." in html
    assert "Marqueurs de test" in html
    assert '<input type="hidden" name="target" value="sa-profile">' in html
    r = client.post("/g/sa-checklist/download/json", data=form)
    assert '"approximation": {' in text(r)


def test_upload_resumes_and_nothing_is_stored(client: FlaskClient) -> None:
    r = upload(client, "grid: sa-checklist@1\nanswers:\n  c1: 3\n  c2: plutôt présent\n"
                       .encode())
    assert r.status_code == 200
    html = text(r)
    assert checked(html) == {"v:c1": "3", "v:c2": "2"}
    assert "Réponses chargées depuis le fichier." in html
    # the server remembers nothing
    assert checked(text(client.get("/g/sa-checklist"))) == {}
    # a file for another grid opens that grid
    r = upload(client, b"grid: sa-profile\nanswers: {m1: 2}\n")
    assert r.status_code == 200 and "Marqueurs de test" in text(r)
    assert checked(text(r)) == {"v:m1": "2"}
    # from the grid list, without a grid field; with a BOM and cp1252 text
    r = upload(client, "\ufeffgrid: sa-checklist\nc1: 3\n".encode(), grid=None)
    assert r.status_code == 200 and checked(text(r)) == {"v:c1": "3"}
    r = upload(client, "c1: {value: 3, comment: \"déjà\"}\n".encode("cp1252"))
    assert r.status_code == 200 and "déjà" in text(r)


@pytest.mark.parametrize(("data", "name", "status", "message"), [
    (b"c1: 3\n", "answers.pdf", 400, "«\u00a0answers.pdf\u00a0» n&#39;est pas un fichier de réponses"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image.yaml", 400, "«\u00a0image.yaml\u00a0» n&#39;est pas un fichier texte"),
    (b"c1: [\n", "broken.yaml", 400, "contient des erreurs"),
    (b"c1: 9\nzz: 1\n", "wrong.yaml", 400, "Ligne 2\u00a0: «\u00a0zz\u00a0» n&#39;est pas un critère"),
    (b"- a\n", "list.yaml", 400, "contient des erreurs"),
    (b"grid: autre-grille\nc1: 3\n", "other.yaml", 400, "fait pour une autre grille"),
    (b"grid: sa-scored\na1: 1\n" + b"#" * 5000, "big.yaml", 413, "trop gros"),
])
def test_malformed_uploads_are_refused_cleanly(client: FlaskClient, data: bytes, name: str,
                                               status: int, message: str) -> None:
    r = upload(client, data, name)
    assert r.status_code == status
    html = text(r)
    assert message in html
    assert "Traceback" not in html and "File \"" not in html
    assert 'role="alert"' in html


def test_upload_without_file_and_oversized_request(client: FlaskClient) -> None:
    r = client.post("/upload", data={"grid": "sa-checklist"},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and "Aucun fichier" in text(r)
    r = upload(client, b"grid: autre-grille\nc1: 3\n", grid=None)
    assert r.status_code == 400 and "que ce serveur ne propose pas" in text(r)
    r = upload(client, b"#" * 200_000)
    assert r.status_code == 413 and "trop gros" in text(r)
    r = upload(client, b"#" * 3_000_000)  # beyond any request
    assert r.status_code == 413 and "trop gros" in text(r)
    long = {f"c:c{i}": "x" * 4000 for i in range(1, 8)}  # a long questionnaire is fine
    assert client.post("/g/sa-checklist/result", data=long).status_code == 200


def test_shipped_grids_all_render() -> None:
    client = same_origin_client(create_app())
    html = text(client.get("/"))
    for gid in ("avise-mouves-2011", "alsace-aap-2016", "picardie-marqueurs-2013"):
        assert f"/g/{gid}?" in html
        assert client.get(f"/g/{gid}").status_code == 200
        assert client.post(f"/g/{gid}/result", data={}).status_code == 200


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0")


def test_serve_command_warns_off_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import isgrid.web.selfassess
    from isgrid.cli import cli

    calls: list[tuple[str, int, str]] = []

    def fake_serve(host: str, port: int, lang: str, on_ready=None, **proxy) -> None:  # type: ignore[no-untyped-def]
        calls.append((host, port, lang))
        on_ready(port)

    monkeypatch.setattr(isgrid.web.selfassess, "serve", fake_serve)
    r = CliRunner().invoke(cli, ["serve", "--port", "9999"])
    assert r.exit_code == 0 and calls[-1] == ("127.0.0.1", 9999, "fr")
    assert "http://127.0.0.1:9999/" in r.output and "Warning" not in r.output
    r = CliRunner().invoke(cli, ["--lang", "en", "serve", "--host", "0.0.0.0"])
    assert r.exit_code == 0 and calls[-1] == ("0.0.0.0", 8765, "en")
    assert "Warning: listening on 0.0.0.0" in r.output


def test_half_steps_are_offered(tmp_path: Path) -> None:
    text_ = (FIX / "sa-checklist.yaml").read_text(encoding="utf-8")
    path = tmp_path / "sa-half.yaml"
    path.write_text(text_.replace("id: sa-checklist", "id: sa-half")
                    .replace("  p4:\n", "  p4:\n    half_steps: true\n"), encoding="utf-8")
    lg = load_grid(path)
    client = same_origin_client(create_app(grids={"sa-half": lg}))
    html = text(client.get("/g/sa-half"))
    assert html.count('name="v:c1"') == 8  # 4 levels, 3 half steps, n/a
    assert "Entre «\u00a0Plutôt présent\u00a0» et «\u00a0Totalement présent\u00a0»" in html
    r = upload(client, b"grid: sa-half\nc1: 2,5\n", grid=None)
    assert checked(text(r)) == {"v:c1": "2.5"}


def test_the_list_counts_criteria_as_grids_list_and_compare() -> None:
    # review 19, finding 12: Alter'Incub, « 15 » criteria here, 12 and 3 eliminatory in
    # compare: now « 12 critères + 3 éliminatoires » (isgrid.grid.view.criteria_count_text)
    lg = load_grid("alterincub")
    html = text(same_origin_client(create_app(grids={"alterincub": lg})).get("/"))
    assert "15 questions · 12 critères + 3 éliminatoires ·" in html
    assert "3 / 10 / 2" in html


def test_a_grid_of_markers_is_counted_in_markers() -> None:
    # the Picardie grid calls its items « marqueurs » (its mode reads « profil de
    # marqueurs »): its 12 items (MIS-1..12, none eliminatory) are « 12 marqueurs » in the
    # list, as in grids show; a grid of criteria keeps « critères »
    lg = load_grid("picardie-marqueurs-2013")
    html = text(same_origin_client(create_app(grids={"picardie-marqueurs-2013": lg})).get("/"))
    assert " · 12 marqueurs ·" in html and "12 critères" not in html
    show = CliRunner().invoke(cli, ["--lang", "fr", "grids", "show", "picardie-marqueurs-2013"])
    assert show.output.splitlines()[3].startswith("  12 marqueurs\u00a0: 10 sourcés")
    show = CliRunner().invoke(cli, ["--lang", "en", "grids", "show", "picardie-marqueurs-2013"])
    assert show.output.splitlines()[3].startswith("  12 markers: 10 sourced")
