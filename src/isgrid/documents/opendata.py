"""Open data: the laureates in the SCDL Subventions format (socle commun des données locales).

Target: **SCDL Subventions 2.0.0** (OpenDataFrance ``scdl/subventions``, schema
of 24/01/2019, published on schema.data.gouv.fr and derived from Etalab's
``etalab/format-subventions``): 14 columns, in this order, checked field by
field against the schema's documentation (``schema.md`` of version 2.0.0) from
a stored copy, since isgrid's build has no network:

``nomAttribuant, idAttribuant, dateConvention, referenceDecision,
nomBeneficiaire, idBeneficiaire, objet, montant, nature, conditionsVersement,
datesPeriodeVersement, idRAE, notificationUE, pourcentageSubvention``.

Note on ``dateDecision``: Etalab's first draft (2017, ``format-subventions.csv``)
named the third column ``dateDecision`` (and the 13th ``notificationDeMinimisUE``);
every published version of the schema (1.1, 2.0.x) calls them ``dateConvention``
and ``notificationUE``.  isgrid writes the published names.  Later revisions
(2.0.2 and after) add optional columns (``rnaBeneficiaire``,
``dispositifAide``...) that isgrid does not write.

Rules: only dossiers whose effective decision was recorded at the ``vote``
stage with the outcome ``retenu`` (never a proposal of the jury, never a
withdrawn dossier); only public content (no assessor, no score).  Values:

* ``nomAttribuant``/``idAttribuant``: ``meeting.attribuant.name``/``siret``;
* ``dateConvention``: ``meeting.vote.convention_date``, else the vote
  decision's ``--at`` date, else ``meeting.vote.date``;
* ``referenceDecision``: ``meeting.vote.reference``;
* ``nomBeneficiaire``/``idBeneficiaire``: the dossier facts named by
  ``attribuant.beneficiary_name`` (default ``holder``) and
  ``attribuant.beneficiary_id`` (default ``siret``, 14 digits);
* ``objet``: the dossier's title (or the fact named by ``attribuant.objet``),
  cut to 256 characters;
* ``montant``: the granted amount, with a point as decimal separator;
* ``nature``, ``conditionsVersement``, ``datesPeriodeVersement``, ``idRAE``,
  ``notificationUE`` (``oui``/``non``): from ``meeting.attribuant``;
* ``pourcentageSubvention``: ``1.00`` (one beneficiary per dossier).

The CSV is UTF-8 without BOM, comma-separated, ``\\n`` line ends, one row per
laureate in dossier-id order: byte-identical for the same inputs.  A missing
required value is an ``export-incomplete`` error naming the dossier and field.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ..call.meeting import load_meeting
from ..call.model import Call
from ..engine import Result
from ..errors import CallError, Collector, Location
from ..grid.facts import fact_value

SCDL_VERSION = "2.0.0"
SCDL_COLUMNS = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision",
    "nomBeneficiaire", "idBeneficiaire", "objet", "montant", "nature",
    "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE",
    "pourcentageSubvention",
)
#: Required by the schema (the others are optional: referenceDecision, idRAE).
REQUIRED = tuple(c for c in SCDL_COLUMNS if c not in ("referenceDecision", "idRAE"))
_SIRET = re.compile(r"^\d{14}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$")


def _amount(x: Any) -> str:
    v = float(x)
    return f"{v:.2f}"


def scdl_rows(call: Call, result: Result) -> list[dict[str, str]]:
    """The rows of the export (dicts keyed by :data:`SCDL_COLUMNS`), from
    :func:`isgrid.engine.score`'s result: the dossiers whose effective decision
    is ``retenu`` at the ``vote`` stage, with their granted amount."""
    meeting = load_meeting(call)
    file = str(call.folder / "call.yaml")
    diags = Collector()
    att = meeting.attribuant
    vote = meeting.vote
    if att is None:
        diags.add("export-incomplete", "call.yaml has no meeting.attribuant block (name, siret)",
                  Location(file, key_path="meeting.attribuant"))
        raise CallError("nothing to export", diags.items)
    facts = {d.id: d.facts for d in call.dossiers}
    rows: list[dict[str, str]] = []
    for d in sorted(result.dossiers, key=lambda d: d.id):
        dec = d.decision
        if dec.stage != "vote" or dec.outcome != "retenu":
            continue
        f = facts.get(d.id, {})
        vote_entry = dec.stages.get("vote")
        at = vote_entry.at if vote_entry is not None else None
        date = (vote.convention_date if vote and vote.convention_date else
                (at[:10] if isinstance(at, str) and _DATE.match(at[:10]) else
                 (vote.date if vote else None)))
        name = fact_value(f, att.beneficiary_name)
        bid = fact_value(f, att.beneficiary_id)
        objet = d.title if att.objet == "title" else fact_value(f, att.objet)
        granted = d.amounts.granted
        row = {
            "nomAttribuant": att.name,
            "idAttribuant": att.siret,
            "dateConvention": date or "",
            "referenceDecision": (vote.reference or "") if vote else "",
            "nomBeneficiaire": str(name).strip() if name is not None else "",
            "idBeneficiaire": str(bid).replace(" ", "") if bid is not None else "",
            "objet": str(objet or "")[:256],
            "montant": _amount(granted) if granted is not None else "",
            "nature": att.nature,
            "conditionsVersement": att.conditions_versement,
            "datesPeriodeVersement": att.dates_periode_versement or "",
            "idRAE": att.id_rae or "",
            "notificationUE": "oui" if att.notification_ue else "non",
            "pourcentageSubvention": "1.00",
        }
        where = Location(file, key_path=f"dossier {d.id}")
        for col in REQUIRED:
            if not row[col]:
                diags.add("export-incomplete", f"{d.id}: {col} is empty", where)
        if row["idBeneficiaire"] and not _SIRET.match(row["idBeneficiaire"]):
            diags.add("export-incomplete",
                      f"{d.id}: idBeneficiaire {row['idBeneficiaire']!r} is not a SIRET "
                      "(14 digits)", where)
        if row["dateConvention"] and not _DATE.match(row["dateConvention"]):
            diags.add("export-incomplete", f"{d.id}: dateConvention is not YYYY-MM-DD", where)
        if row["datesPeriodeVersement"] and not _PERIOD.match(row["datesPeriodeVersement"]):
            diags.add("export-incomplete", f"{d.id}: datesPeriodeVersement is malformed",
                      where)
        rows.append(row)
    diags.raise_if_errors(CallError, "the open-data export is incomplete")
    return rows


def scdl_csv(call: Call, result: Result) -> bytes:
    """The SCDL Subventions CSV (header always written, even with no laureate)."""
    from ..io.write import neutralise_row

    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SCDL_COLUMNS)
    for row in scdl_rows(call, result):
        w.writerow(neutralise_row(row[c] for c in SCDL_COLUMNS))
    return buf.getvalue().encode("utf-8")
