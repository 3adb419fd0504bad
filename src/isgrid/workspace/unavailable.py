"""The workspace's database failing while it serves: said as such, never « an internal error ».

A full disk (SQLite: « database or disk is full »), PostgreSQL restarted or unreachable for a
moment, a database file made read-only: SQLAlchemy raises an ``OperationalError`` from any
request.  It was answered as a bug, HTTP 500 « Une erreur interne est survenue », the text a
juror had just typed on a dossier lost (a form posted without the script), and the server's
log held « internal error » and forty lines of traceback, the cause on the last one (review
ops20, finding 3).  It is now HTTP 503 with ``Retry-After``: the dossier's form shows back what
was typed, to copy (as a page no longer valid does); the autosave script is told
``{"reason": "database"}`` and keeps the text on the page; any other page says the workspace
cannot answer for the moment.  The log has one line naming the cause.  Nothing of the request
was recorded: its transaction was not committed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from flask import Flask, Response, request
from sqlalchemy.exc import OperationalError

from ..web.server import logged_text

if TYPE_CHECKING:
    from .scoring import Pages

log = logging.getLogger("isgrid.workspace")

#: Seconds a browser is told to wait before trying again (``Retry-After``).
RETRY_AFTER = 30


def cause(exc: OperationalError) -> str:
    """The database's own words, on one line (« database or disk is full », « connection
    … failed: … »), never the statement nor its parameters (a juror's comment)."""
    words = str(exc.orig if exc.orig is not None else exc).strip().splitlines()
    return logged_text(words[0]) if words else type(exc).__name__


def install(app: Flask, pages: Pages) -> None:
    """Answer a database failure of any request of ``app`` (see the module docstring)."""
    from .scoring import entry_of, typed_of

    @app.errorhandler(OperationalError)
    def _unavailable(exc: OperationalError) -> Response:
        log.error("the workspace's database failed, nothing of this request was recorded: "
                  "%s", cause(exc))
        if pages.autosave():
            resp = pages.not_saved(503, "database")
        elif request.endpoint == "dossier_post":
            try:
                typed = typed_of(pages.ws, pages.lang(), entry_of(request.form))
            except Exception:  # an unreadable body: the words alone
                typed = []
            resp = pages.render("unsaved.html", status=503, message="unsaved.database",
                                typed=typed)
        else:
            resp = pages.render("error.html", status=503, status_code=503, key="database")
        resp.headers["Retry-After"] = str(RETRY_AFTER)
        return resp
