"""The workspace's pages (Flask test client), on SQLite and PostgreSQL: sign-in, the
juror's sheet without JavaScript, authorization, CSRF, cookies, rate limiting."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest

from isgrid.workspace.app import COOKIE, create_app
from isgrid.workspace.draft import digest
from isgrid.workspace.store import Workspace
from webclients import SameOriginClient, same_origin_client
from workspacecalls import alsace


def signed_in(ws: Workspace, juror: str | None, **app_options: object) -> SameOriginClient:
    """A client signed in as ``juror`` (None: the secretariat), through the real pages."""
    app = create_app(ws, **app_options)  # type: ignore[arg-type]
    client = same_origin_client(app)
    secret = ws.secretary_link() if juror is None else ws.invite([juror])[0][1]
    page = client.get(f"/signin/{secret}")
    assert page.status_code == 200 and b'name="secret"' in page.data
    resp = client.post("/signin", data={"secret": secret})
    assert resp.status_code == 303
    return client


def test_a_juror_scores_without_javascript_and_submits(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    client = signed_in(ws, "j1")
    home = client.get("/").get_data(as_text=True)
    assert "AL16-02" in home and "AL16-06" not in home  # only j1's dossiers
    page = client.get("/dossier/AL16-02").get_data(as_text=True)
    # the grid's own levels (alsace-aap-2016, scale 0-4 with half steps here)
    assert 'name="v:ALS-2" value="2.5"' in page and "Montant proposé" in page
    assert "ALS-E1" not in page  # the instructor's eligibility criterion
    form = {"action": "save", "v:ALS-2": "3", "c:ALS-2": "Bien ancré", "v:ALS-3": "NE",
            "opinion": "favorable", "amount": "12000", "shared": "Bravo"}
    resp = client.post("/dossier/AL16-02", data=form)
    assert resp.status_code == 303 and resp.headers["Location"] == "/dossier/AL16-02?done=saved"
    again = client.get("/dossier/AL16-02?done=saved").get_data(as_text=True)
    assert "Brouillon enregistré" in again
    assert re.search(r'name="v:ALS-2" value="3" checked', again)
    assert ws.sheet("j1", "AL16-02")[1] == ("favorable", "12000", "Bravo")
    # a value off the scale: 422, nothing saved, the typed value shown back
    bad = client.post("/dossier/AL16-02", data={**form, "v:ALS-2": "9"})
    assert bad.status_code == 422 and ("«\u00a09\u00a0» n'est pas une valeur de l'échelle"
                                       in html.unescape(bad.get_data(as_text=True)))
    assert ws.sheet("j1", "AL16-02")[0]["ALS-2"] == ("3", "Bien ancré")
    # the autosave script's request: 200 and the bases of the fields saved (a form
    # without bases, as here, is written whole)
    auto = client.post("/dossier/AL16-02", data={**form, "v:ALS-2": "3.5"},
                       headers={"X-Autosave": "1"})
    assert auto.status_code == 200 and ws.sheet("j1", "AL16-02")[0]["ALS-2"][0] == "3.5"
    assert auto.get_json()["bases"]["v:ALS-2"] == digest("3.5")
    assert client.post("/submit", data={"confirmed": "yes"}).status_code == 303
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "AL16-02,j1,ALS-2,3.5,Bien ancré", "AL16-02,j1,ALS-3,NE,"]
    assert (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "AL16-02,j1,favorable,12000,Bravo")
    assert client.post("/dossier/AL16-02", data=form).status_code == 409  # submitted


def test_a_juror_cannot_reach_another_jurors_dossier_rating_or_deport(
        tmp_path: Path, db: str | None, caplog: pytest.LogCaptureFixture) -> None:
    folder = alsace(tmp_path)
    ws = Workspace(folder, db)
    ws.reopen("j2")
    client = signed_in(ws, "j2")
    caplog.set_level(logging.WARNING, logger="isgrid.workspace")
    # AL16-06: not assigned to j2; a dossier that does not exist (AL16-01, which j2 is
    # deported from, is theirs: test_a_juror_is_told_of_their_own_deport)
    for did in ("AL16-06", "XX-99", "..%2F..%2Fcall.yaml"):
        assert client.get(f"/dossier/{did}").status_code == 404
        assert client.get(f"/dossier/{did}/file").status_code == 404
        assert client.post(f"/dossier/{did}", data={"v:ALS-2": "0"}).status_code == 404
        assert client.post(f"/dossier/{did}", data={"action": "deport"}).status_code == 404
    # a criterion that is not a juré's, slipped into the form of their own dossier
    assert client.post("/dossier/AL16-02", data={"v:ALS-E1": "non"}).status_code == 404
    # the form names no juror: the juror is always the session's
    client.post("/dossier/AL16-02", data={"v:ALS-2": "0", "assessor": "j1", "juror": "j1"})
    assert ws.sheet("j1", "AL16-02")[0]["ALS-2"][0] == "3"  # j1's rating untouched
    assert client.get("/admin").status_code == 403
    assert client.post("/admin/reopen/j1").status_code == 403
    assert not (folder / "conflicts").exists()
    refused = [a for a in ws.audit_log() if a.action == "refused"]
    assert {a.target for a in refused} >= {"/dossier/AL16-06", "/admin"}
    assert all(a.actor == "j2" for a in refused)
    assert any("refused" in r.getMessage() for r in caplog.records)


def test_every_form_needs_the_csrf_token_and_the_same_origin(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, "j1")
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    plain = create_app(ws).test_client()
    plain.set_cookie(COOKIE, cookie.value)
    # signed in, but no token and no Origin: refused, nothing saved
    assert plain.post("/dossier/AL16-02", data={"v:ALS-2": "3"}).status_code == 403
    assert plain.post("/dossier/AL16-02", data={"v:ALS-2": "3"},
                      headers={"Origin": "https://evil.example"}).status_code == 403
    assert plain.post("/submit", headers={"Origin": "http://localhost"}).status_code == 403
    assert ws.sheet("j1", "AL16-02") == ({}, ("", "", ""))
    # every form of every page carries the token (the pages to confirm a submission and a
    # déport included)
    for path in ("/", "/dossier/AL16-02", "/submit", "/dossier/AL16-02/deport"):
        html = client.get(path).get_data(as_text=True)
        assert html.count("<form") == html.count('name="csrf_token"') > 0


def test_cookies_headers_and_session_expiry(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    app = create_app(ws, secure_cookies=True)
    client = same_origin_client(app)
    secret = ws.invite(["j1"])[0][1]
    client.get(f"/signin/{secret}")
    resp = client.post("/signin", data={"secret": secret})
    set_cookie = next(v for v in resp.headers.getlist("Set-Cookie") if v.startswith(COOKIE))
    assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    assert "Secure" in set_cookie
    page = client.get("/dossier/AL16-02")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce and f'src="/static/autosave.js" nonce="{nonce.group(1)}"' in page.get_data(
        as_text=True)
    assert "http://" not in page.get_data(as_text=True).replace('content="width', "")
    # the session ends: the juror is asked for their link again
    ws.clock = lambda: 4_000_000_000.0
    assert client.get("/dossier/AL16-02").status_code == 401


def test_sign_in_is_rate_limited(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = same_origin_client(create_app(ws, signin_limit=3))
    for _ in range(3):
        assert client.post("/signin", data={"secret": "guess"}).status_code == 403
    # a fourth wrong link from that address: refused by the limit
    assert client.post("/signin", data={"secret": "guess"}).status_code == 429
    # a valid link from the same address signs in all the same (rev-ops finding 4: jurors
    # behind one address, an office's NAT or a proxy, were all locked out by ten stale links)
    secret = ws.invite(["j1"])[0][1]
    assert client.post("/signin", data={"secret": secret}).status_code == 303
    assert client.get("/").status_code == 200


def test_the_secretariat_sees_progress_closes_and_reopens(tmp_path: Path,
                                                          db: str | None) -> None:
    folder = alsace(tmp_path)
    ws = Workspace(folder, db)
    client = signed_in(ws, None)
    page = client.get("/admin").get_data(as_text=True)
    assert 'id="juror-j2"' in page and "AL16-02" in page and "ALS-5" in page
    assert client.post("/admin/scoring", data={"scoring": "closed", "deadline": ""}
                       ).status_code == 303
    assert ws.state() == (False, None)
    assert client.post("/admin/scoring", data={"scoring": "open",
                                               "deadline": "2031-01-02 10:30"}
                       ).status_code == 303
    # 2031-01-02 10:30 in the call's time zone (Europe/Paris, by default: UTC+1 in winter)
    # is 09:30 UTC: 61 years of 365 days + 15 leap days (1972...2028) + 1 day
    # = 22 281 days × 86 400 s + 9.5 h × 3 600 s = 1 925 078 400 + 34 200
    assert ws.state() == (True, 1925112600.0)
    assert client.post("/admin/scoring", data={"scoring": "open", "deadline": "demain"}
                       ).status_code == 422
    assert client.post("/admin/reopen/j1").status_code == 303
    assert ws.juror("j1").status == "open"
    assert client.post("/admin/reopen/nobody").status_code == 404
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "grille rouverte" in audit and "notation réglée" in audit
    en = client.get("/admin?lang=en").get_data(as_text=True)
    assert "Secretariat dashboard" in en
    fr = client.get("/admin?lang=fr").get_data(as_text=True)
    # a non-breaking space before the colon, no capital after it
    assert "Notation\u00a0: ouverte</h2>" in fr
    # per dossier, the jurors who rated all of it (not « Dossiers complets »: it counts jurors)
    assert ('<tr><th scope="col">Dossier</th><th scope="col">Jurés</th><th scope="col">Jurés '
            'ayant tout noté</th><th scope="col">Grilles soumises</th>') in fr
    client.post("/admin/scoring", data={"scoring": "closed", "deadline": ""})
    assert "Notation\u00a0: fermée</h2>" in client.get("/admin").get_data(as_text=True)


def test_a_juror_downloads_the_dossiers_own_document(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    (folder / "dossiers" / "AL16-02.pdf").write_bytes(b"%PDF-1.4 dossier")
    ws = Workspace(folder)
    client = signed_in(ws, "j1")
    assert "/dossier/AL16-02/file" in client.get("/dossier/AL16-02").get_data(as_text=True)
    resp = client.get("/dossier/AL16-02/file")
    assert resp.status_code == 200 and resp.data == b"%PDF-1.4 dossier"
    assert resp.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in resp.headers["Content-Security-Policy"]
    assert client.get("/dossier/AL16-03/file").status_code == 404  # no document for it


def test_a_submitted_juror_sees_the_others_submitted_sheets_when_the_call_allows(
        tmp_path: Path) -> None:
    import yaml

    from isgrid.workspace.store import Entry
    folder = alsace(tmp_path, keep_ratings=False)
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["workspace"] = {"peer_ratings": "after_submission"}
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    ws = Workspace(folder)
    ws.save("j2", "AL16-02", Entry(values={"ALS-2": "1.5"}, comments={"ALS-2": "<b>fragile</b>"}))
    ws.submit("j2")
    client = signed_in(ws, "j1")
    before = client.get("/dossier/AL16-02").get_data(as_text=True)
    assert 'id="peers"' not in before and "Marc Wendling" not in before  # j1 has not submitted
    client.post("/dossier/AL16-02", data={"action": "save", "v:ALS-2": "3"})
    assert client.post("/submit", data={"confirmed": "yes"}).status_code == 303
    after = client.get("/dossier/AL16-02").get_data(as_text=True)
    peers = after[after.index('id="peers"'):]
    assert "Marc Wendling" in peers and "1,5" in peers  # French decimal comma
    assert "&lt;b&gt;fragile&lt;/b&gt;" in peers and "<b>fragile" not in peers  # escaped


def test_a_refusal_to_the_secretariat_leads_back_to_its_dashboard(tmp_path: Path) -> None:
    # it offered « Retour à mes dossiers » (the jurors' list, which the secretariat has not)
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, None)
    refused = client.post("/admin/reopen/j1")  # j1's sheet is not submitted
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "Cette grille n&#39;est pas soumise." in page
    assert '<p><a href="/admin">Retour au tableau de bord</a></p>' in page
    assert "Retour à mes dossiers" not in page
