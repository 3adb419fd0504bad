"""isgrid.web.security: CSRF, headers, clean errors and local links, on a small app
and on the self-assessment app (the séance dashboard's static page: its CSP)."""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask, Response, request

from isgrid.grid.load import load_grid
from isgrid.web import security
from isgrid.web.selfassess import create_app
from testpaths import FIXTURES

ORIGIN = "http://localhost"


def small_app() -> Flask:
    app = Flask(__name__)
    security.install(app)
    state = {"saved": ""}

    @app.get("/form")
    def form() -> str:
        return f'<form method="post" action="/save">{security.csrf_field()}</form>'

    @app.post("/save")
    def save() -> str:
        state["saved"] = request.form.get("x", "")
        return "saved"

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("/secret/path/to/file.py")

    @app.get("/go")
    def go() -> Response:
        return security.safe_redirect(request.args.get("next"))

    app.extensions["state"] = state
    return app


def token_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, html
    return m.group(1)


def test_a_same_origin_post_with_the_token_passes() -> None:
    app = small_app()
    c = app.test_client()
    tok = token_of(c.get("/form").get_data(as_text=True))
    r = c.post("/save", data={"x": "1", "csrf_token": tok}, headers={"Origin": ORIGIN})
    assert r.status_code == 200 and app.extensions["state"]["saved"] == "1"
    # a Referer of this origin stands for a missing Origin
    r = c.post("/save", data={"x": "2", "csrf_token": tok},
               headers={"Referer": ORIGIN + "/form"})
    assert r.status_code == 200 and app.extensions["state"]["saved"] == "2"


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},                 # another site
    {"Origin": "null"},                                  # a cross-site post under no-referrer
    {"Origin": "http://localhost.evil.example"},         # a prefix is not the origin
    {"Referer": "https://evil.example/http://localhost/"},
    {},                                                   # neither Origin nor Referer
    {"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"},
    {"Origin": ORIGIN, "Sec-Fetch-Site": "same-site"},
], ids=["other-origin", "null-origin", "prefix", "foreign-referer", "no-origin",
        "fetch-cross-site", "fetch-same-site"])
def test_a_post_from_elsewhere_is_refused_even_with_a_token(headers: dict[str, str]) -> None:
    app = small_app()
    c = app.test_client()
    tok = token_of(c.get("/form").get_data(as_text=True))
    r = c.post("/save", data={"x": "evil", "csrf_token": tok}, headers=headers)
    assert r.status_code == 403
    assert app.extensions["state"]["saved"] == ""


@pytest.mark.parametrize("token", [None, "", "forged"])
def test_a_same_origin_post_without_the_session_token_is_refused(token: str | None) -> None:
    app = small_app()
    c = app.test_client()
    c.get("/form")
    data = {"x": "evil"} | ({"csrf_token": token} if token is not None else {})
    r = c.post("/save", data=data, headers={"Origin": ORIGIN})
    assert r.status_code == 403 and app.extensions["state"]["saved"] == ""
    # a token from another session (another browser) is not this session's
    other = app.test_client()
    tok = token_of(other.get("/form").get_data(as_text=True))
    fresh = app.test_client()
    r = fresh.post("/save", data={"x": "evil", "csrf_token": tok}, headers={"Origin": ORIGIN})
    assert r.status_code == 403


def test_headers_and_clean_errors() -> None:
    c = small_app().test_client()
    r = c.get("/form")
    h = r.headers
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "same-origin"
    assert h["X-Frame-Options"] == "DENY"
    csp = h["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert "script-src 'none'" in csp  # no nonce used: no script at all
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    cookie = h["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie  # (security.CSRF_COOKIE_SAMESITE)
    r = c.get("/boom")
    body = r.get_data(as_text=True)
    assert r.status_code == 500
    assert "secret" not in body and "Traceback" not in body and ".py" not in body
    r = c.get("/nope/../../etc/passwd")
    assert r.status_code == 404 and "passwd" not in r.get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example",
                                    "/%0d%0aSet-Cookie:x", "javascript:alert(1)", "\\\\evil"])
def test_safe_redirect_stays_on_the_site(target: str) -> None:
    r = small_app().test_client().get("/go", query_string={"next": target})
    assert r.status_code == 303 and r.headers["Location"] in ("/", target)
    assert security.is_local_url(r.headers["Location"])
    assert r.headers["Location"] == "/" or target == "/%0d%0aSet-Cookie:x"


def test_local_url_quotes_every_segment() -> None:
    assert security.local_url("g", "a/b", "result", lang="fr") == "/g/a%2Fb/result?lang=fr"
    assert security.local_url("\\evil.example") == "/%5Cevil.example"
    assert security.local_url() == "/"
    assert security.is_local_url(security.local_url("", "//evil"))


@pytest.fixture(scope="module")
def selfassess() -> Flask:
    lg = load_grid(FIXTURES / "selfassess" / "sa-scored.yaml")
    return create_app(grids={lg.grid.id: lg})


@pytest.mark.parametrize("path", ["/%5Cevil.example", "//evil.example", "/%2F%2Fevil.example",
                                  "/g/%5Cevil.example", "/\\evil.example/"])
def test_the_language_link_never_leaves_the_site(selfassess: Flask, path: str) -> None:
    # the raw path as a server receives it (the test client would read "//x" as a host)
    resp = selfassess.test_client().get("/", environ_overrides={"PATH_INFO": path})
    html = resp.get_data(as_text=True)
    assert "evil" not in resp.headers.get("Location", "")
    links = re.findall(r'href="([^"]+)"', html)
    assert links
    for link in links:
        assert security.is_local_url(link) or link.startswith("#"), link
        assert not link.startswith(("//", "/\\", "/%5C", "/%5c")), link


def test_selfassess_refuses_a_cross_site_post_and_keeps_the_answers(selfassess: Flask) -> None:
    """The issue's attack: another site posts answers; the page must not show (and save) them."""
    c = selfassess.test_client()
    r = c.post("/g/sa-scored", data={"v:a1": "1", "lang": "fr"},
               headers={"Origin": "https://evil.example"})
    body = r.get_data(as_text=True)
    assert r.status_code == 403
    assert ("Ce formulaire n'a pas été envoyé depuis une page de ce site\u00a0: rien n'a été "
            "fait.") in body.replace("&#39;", "'")
    assert 'value="1" checked' not in body
    # the same form from the page itself (its token, its origin) is accepted
    tok = token_of(c.get("/g/sa-scored").get_data(as_text=True))
    r = c.post("/g/sa-scored", data={"v:a1": "1", "csrf_token": tok},
               headers={"Origin": ORIGIN})
    assert r.status_code == 200


def test_selfassess_says_a_page_from_before_is_no_longer_valid(selfassess: Flask) -> None:
    """A form from this site without the browser's token (the server restarted since the
    page was opened, the cookies cleared) is refused as such: not « vient d'un autre site »."""
    c = selfassess.test_client()
    r = c.post("/g/sa-scored", data={"v:a1": "1", "csrf_token": "from-an-older-page"},
               headers={"Origin": ORIGIN})
    body = r.get_data(as_text=True).replace("&#39;", "'")
    assert r.status_code == 403
    assert ("Cette page datait d'avant un redémarrage du serveur (ou les cookies de ce "
            "navigateur ont été effacés)\u00a0: rien n'a été fait. Les réponses qu'elle "
            "portait sont reprises ci-dessous") in body
    assert 'value="1" checked' in body  # given back, to check and send again
    assert "autre site" not in body
    en = c.post("/g/sa-scored?lang=en", data={"v:a1": "1", "csrf_token": "x", "lang": "en"},
                headers={"Origin": ORIGIN}).get_data(as_text=True).replace("&#39;", "'")
    assert "This page was from before the server restarted" in en


def test_selfassess_pages_carry_the_token_in_every_form(selfassess: Flask) -> None:
    c = selfassess.test_client()
    for path in ("/", "/g/sa-scored"):
        html = c.get(path).get_data(as_text=True)
        forms = re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S)
        assert forms
        assert all('name="csrf_token"' in f for f in forms), path
        nonce = re.search(r"script-src 'nonce-([^']+)'",
                          c.get(path).headers["Content-Security-Policy"])
        assert nonce


def test_the_dashboard_page_has_the_static_policy() -> None:
    import html as _html

    from isgrid.web.watch import render_dashboard

    html = _html.unescape(render_dashboard(None, lang="fr", title="x", error="boom").decode())
    assert f'content="{security.STATIC_CSP}"' in html
    assert '<meta name="referrer" content="no-referrer">' in html


def test_the_built_in_page_says_what_happened_to_a_refused_form() -> None:
    """The built-in error page (an app without its own) says a form from this site without
    the session's token as a page no longer valid, with what was typed shown back to copy;
    it said « a expiré ou vient d'un autre site » to both, blaming the browser after a
    server restart.  A form from another origin is said as such, nothing of it shown."""
    app = small_app()
    c = app.test_client()
    c.get("/form")
    # the server restarted: the page's token is from a session the server no longer signs
    r = c.post("/save", data={"x": "Mon commentaire <b>long</b>", "csrf_token": "older"},
               headers={"Origin": ORIGIN})
    body = r.get_data(as_text=True)
    assert r.status_code == 403 and app.extensions["state"]["saved"] == ""
    assert ("Cette page n'était plus valable (le serveur a redémarré depuis qu'elle a été "
            "ouverte, ou la session de ce navigateur a expiré ou ses cookies ont été "
            "effacés)\u00a0: rien n'a été fait. Rechargez la page, puis recommencez."
            ) in html.unescape(body)
    assert "This page was no longer valid (the server restarted since it was opened" in body
    assert "Ce que vous aviez tapé, à recopier\u00a0:" in body
    assert "<dt>x</dt><dd><pre>Mon commentaire &lt;b&gt;long&lt;/b&gt;</pre></dd>" in body
    assert "older" not in body and "autre site" not in body
    # from another site: said so, nothing of the form shown back
    r = c.post("/save", data={"x": "evil text"}, headers={"Origin": "https://evil.example"})
    body = r.get_data(as_text=True)
    assert r.status_code == 403
    assert ("Ce formulaire n'a pas été reçu comme venant d'une page de ce site (il a été "
            "envoyé depuis un autre site, ou depuis une adresse de ce serveur qu'il ne "
            "connaît pas)\u00a0: rien n'a été fait.") in html.unescape(body)
    assert "evil text" not in body and "à recopier" not in body
