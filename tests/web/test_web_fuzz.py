"""Fuzzing the web routes (bounded: a few seconds): never a 500, never a foreign link.

Random paths built from the routes' shapes and hostile segments, random methods,
raw (often broken) bodies, with and without the same-origin headers and token.
Every answer must be a page of the app: status below 500, the security headers,
no traceback or path, every link and redirect on the site; a state-changing
request without the token is refused (403).
"""

from __future__ import annotations

import re
import sys
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isgrid.grid.load import load_grid
from isgrid.web import security
from isgrid.web.selfassess import create_app
from testpaths import FIXTURES
from webclients import ORIGIN

SEGMENTS = ["g", "sa-scored", "result", "answers.yaml", "download", "md", "html", "json",
            "upload", "%5Cevil.example", "%2F%2Fevil.example", "..", "%00", "%ED%A0%80",
            "%FF", "é", "9" * 400, "<script>", "%0d%0aSet-Cookie:x=1", "", "\\evil"]
BODIES = [b"", b"v%3Aa1=3", b"v%3Aa1=%ED%A0%80", b"c%3Aa1=" + b"9" * 400, b"target=%00",
          b"lang=%FF&v%3Aa1=1e308", b"\xff\xfe\x00", b"v:a1=nan&c:a1=-1", b"a=" * 300]


@pytest.fixture(scope="module")
def app():  # type: ignore[no-untyped-def]
    lg = load_grid(FIXTURES / "selfassess" / "sa-scored.yaml")
    return create_app(grids={lg.grid.id: lg}, max_upload=4096)


requests = st.tuples(
    st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]),
    st.lists(st.sampled_from(SEGMENTS), min_size=0, max_size=4),
    st.sampled_from(["", "?lang=en", "?lang=%FF", "?lang=fr&x=%5C", "?next=//evil.example"]),
    st.sampled_from(BODIES),
    st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                     "text/plain", "application/json"]),
    st.booleans(),  # with the same-origin headers and the session's token
)


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(req=requests)
def test_fuzzed_requests_get_clean_answers(app, req) -> None:  # type: ignore[no-untyped-def]
    method, segments, query, body, ctype, trusted = req
    client = app.test_client()
    headers = {"Content-Type": ctype}
    if trusted:
        with client.session_transaction() as sess:
            sess["_csrf"] = "tok"
        headers.update({"Origin": ORIGIN, security.CSRF_HEADER: "tok"})
    path = "/" + "/".join(segments)
    resp = client.open(path + query, method=method, data=body, headers=headers,
                       # the raw path as a WSGI server passes it (bytes as latin-1)
                       environ_overrides={"PATH_INFO": unquote_to_bytes(path).decode("latin-1")})
    text = resp.get_data(as_text=True)
    assert resp.status_code < 500, (method, path, text[-500:])
    assert "Traceback" not in text and "site-packages" not in text and sys.prefix not in text
    assert "Content-Security-Policy" in resp.headers
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    location = resp.headers.get("Location")
    if location is not None:
        assert security.is_local_url(location) or location.startswith(ORIGIN + "/"), location
    for link in re.findall(r'(?:href|action|formaction)="([^"]*)"', text):
        assert link.startswith("#") or security.is_local_url(link.replace("&amp;", "&")), link
    if method in ("POST", "PUT", "DELETE", "PATCH") and not trusted:
        assert resp.status_code in (403, 404, 405, 413), (method, path, resp.status_code)
