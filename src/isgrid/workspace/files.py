"""The CSV files the jury workspace writes besides the ratings contracts: déports
(``conflicts/<juror>.csv``) and the invitations' mail merge."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from ..call.model import Assessor, Call
from ..errors import Collector
from ..io.folder import CONFLICTS_DIR
from ..io.write import neutralise_cell, neutralise_row
from ..io.yamlio import load_yaml
from .db import Deport


def conflicts_csv(call: Call, aid: str, deports: list[Deport]) -> bytes:
    """``conflicts/<juror>.csv``: assessor,dossier,reason, in the call's dossier order."""
    order = {d.id: i for i, d in enumerate(call.dossiers)}
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["assessor", "dossier", "reason"])
    for d in sorted(deports, key=lambda d: order.get(d.dossier, len(order))):
        w.writerow(neutralise_row([aid, d.dossier, d.reason]))
    return buf.getvalue().encode("utf-8")


def declared_deports(folder: Path) -> set[tuple[str, str]]:
    """(juror, dossier) of the déports the workspace did not write and cannot lift: those
    of call.yaml's ``conflicts`` and the rows of a conflicts/*.csv file naming another
    juror than the file's (the workspace writes conflicts/<juror>.csv from its database)."""
    doc = load_yaml(folder / "call.yaml", Collector())
    listed = doc.data.get("conflicts") if doc is not None else None
    out = {(str(c.get("assessor", "")), str(c.get("dossier", "")))
           for c in listed or () if isinstance(c, dict)}
    for path in sorted((folder / CONFLICTS_DIR).glob("*.csv")):
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
        out |= {(a, d) for r in rows
                if (a := (r.get("assessor") or "").strip()) != path.stem
                and (d := (r.get("dossier") or "").strip())}
    return out


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
