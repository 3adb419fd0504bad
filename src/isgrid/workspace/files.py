"""The invitations' mail merge, the file the jury workspace writes besides the call's
CSV contracts (the déports' ``conflicts/<juror>.csv`` is :mod:`.deports`')."""

from __future__ import annotations

import csv
import io
import time

from ..call.model import Assessor
from ..io.write import neutralise_cell


def mail_merge_csv(rows: list[tuple[Assessor, str, float]], base_url: str,
                   lang: str = "en") -> bytes:
    """The mail-merge file of ``isgrid jury invite``: one row per juror, cells that a
    spreadsheet would run as formulas neutralised.  In French (the call's language) as a
    French spreadsheet and word processor read it: ``;`` between cells, French headings
    (the merge fields: « juré », « nom », « lien », « expire le »), the date as
    « 04/01/2027 02:37 UTC »; a BOM either way."""
    fr = lang == "fr"
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", delimiter=";" if fr else ",")
    w.writerow(["juré", "nom", "lien", "expire le"] if fr else
               ["assessor", "name", "link", "expires"])
    when = "%d/%m/%Y %H:%M UTC" if fr else "%Y-%m-%d %H:%M UTC"
    for a, secret, expires in rows:
        w.writerow([neutralise_cell(a.id), neutralise_cell(a.name or ""),
                    f"{base_url.rstrip('/')}/signin/{secret}",
                    time.strftime(when, time.gmtime(expires))])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
