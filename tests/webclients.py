"""Flask test clients for the web apps (shared set-up of tests/web and tests/robustness).

Every state-changing request to an isgrid app must come from the app's own
origin and carry the session's CSRF token (``isgrid.web.security``).  A browser
does both by itself; Flask's test client does neither, so :class:`SameOriginClient`
adds them, like a page of the app would.  The tests of the protection itself
use the plain client.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from isgrid.web.security import CSRF_HEADER

ORIGIN = "http://localhost"


class SameOriginClient(FlaskClient):
    """A test client whose POSTs come from the app's own pages."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        method = str(kwargs.get("method", "GET")).upper()
        if method not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(kwargs.pop("headers", None) or {})
            with self.session_transaction() as sess:
                token = sess.setdefault("_csrf", "test-token")
            headers.setdefault("Origin", ORIGIN)
            headers.setdefault(CSRF_HEADER, token)
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)


def same_origin_client(app: Flask) -> SameOriginClient:
    app.test_client_class = SameOriginClient
    client = app.test_client()
    assert isinstance(client, SameOriginClient)
    return client
