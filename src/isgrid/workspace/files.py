"""The invitations' mail merge, the file the jury workspace writes besides the call's
CSV contracts (the déports' ``conflicts/<juror>.csv`` is :mod:`.deports`')."""

from __future__ import annotations

from ..call.model import Assessor
from ..io.cells import spreadsheet_csv
from .moments import fmt_time


def mail_merge_csv(rows: list[tuple[Assessor, str, float]], base_url: str,
                   lang: str = "en", zone: str = "Europe/Paris") -> bytes:
    """The mail-merge file of ``isgrid jury invite``: one row per juror, cells that a
    spreadsheet would run as formulas neutralised.  In French (the call's language) as a
    French spreadsheet and word processor read it: ``;`` between cells, French headings
    (the merge fields: « juré », « nom », « lien », « expire le »); the expiry in the
    call's time zone (``zone``: call.yaml's ``timezone``), in words as every time the
    workspace says (:func:`.moments.fmt_time`): « 4 janvier 2027 à 3 h 37 »; a BOM either
    way (:func:`isgrid.io.cells.spreadsheet_csv`)."""
    fr = lang == "fr"
    table = [["juré", "nom", "lien", "expire le"] if fr else
             ["assessor", "name", "link", "expires"]]
    for a, secret, expires in rows:
        table.append([a.id, a.name or "", f"{base_url.rstrip('/')}/signin/{secret}",
                      fmt_time(expires, "fr" if fr else "en", zone)])
    return spreadsheet_csv(table, lang)
