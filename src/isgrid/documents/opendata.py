"""Open data: the laureates in the SCDL Subventions format (socle commun des données locales).

Default target: **SCDL Subventions 2.1.1** (OpenDataFrance, 28/09/2023,
``https://gitlab.com/opendatafrance/scdl/subventions/raw/v2.1.1/schema.json``):
the 14 columns of 2.0.0 plus ``rnaBeneficiaire`` (after ``idBeneficiaire``) and
``dispositifAide`` (last), 16 columns.  ``idBeneficiaire`` (SIRET) becomes
optional when ``rnaBeneficiaire`` (``W`` and nine digits) is given: one of the
two is required (the schema's ``one-of-required`` check).  ``rnaBeneficiaire``
comes from the fact named by ``attribuant.beneficiary_rna`` (default ``rna``)
when the dossier gives it; ``dispositifAide`` from the ``dispositif`` block of
call.yaml (its ``id``), which also gives the companion record in the
« dispositif d'aide » schema (etalab/schema-dispositif-aide):
:func:`dispositif_csv`.  ``schema_version="2.0.0"`` writes the former format:

Former target: **SCDL Subventions 2.0.0** (OpenDataFrance ``scdl/subventions``, schema
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

Rules: only dossiers a vote retained, while that vote stands (status ``retenu``
and :func:`isgrid.engine.status.vote_stands`: the grants the letters call
« attribué »; never a proposal of the jury, never a withdrawn dossier, never one
proposed in a freed place that no vote retained); only public content (no
assessor, no score).  Values:

* ``nomAttribuant``/``idAttribuant``: ``meeting.attribuant.name``/``siret``;
* ``referenceDecision``: the dossier's deliberation (:mod:`.deliberation`): a vote
  recorded with its own ``--reference`` gives that reference, otherwise
  ``meeting.vote.reference``;
* ``dateConvention``: the grant agreement's date (the schema's « Date de la convention de
  subvention »): the dossier fact named by ``attribuant.convention_date`` (default
  ``convention_date``); else, for ``meeting.vote``'s deliberation,
  ``meeting.vote.convention_date``; else the decision's date stands in for it (the
  deliberation's: a later one's ``--at`` date; ``meeting.vote``'s: the vote decision's
  ``--at`` date, else ``meeting.vote.date``), and one ``convention-date-missing`` warning
  says for how many grants;
* ``nomBeneficiaire``/``idBeneficiaire``: the dossier facts named by
  ``attribuant.beneficiary_name`` (default ``holder``) and
  ``attribuant.beneficiary_id`` (default ``siret``, 14 digits);
* ``objet``: the dossier's title (or the fact named by ``attribuant.objet``),
  cut to 256 characters;
* ``montant``: the granted amount (``DossierResult.amount_granted``), with a point as
  decimal separator; a vote « retenu » of 0 € an older journal holds is no grant and has no
  row (``vote-zero-grant``, :mod:`.zerogrant`);
* ``nature``, ``conditionsVersement``, ``datesPeriodeVersement``, ``idRAE``,
  ``notificationUE`` (``oui``/``non``): from ``meeting.attribuant``;
* ``pourcentageSubvention``: ``1.00`` (one beneficiary per dossier).

The CSV is UTF-8 without BOM, comma-separated, ``\\n`` line ends, one row per
laureate in dossier-id order: byte-identical for the same inputs.  A missing
required value is an ``export-incomplete`` error naming the dossier and field.  Cells
are written as they are (no « ' » before « + de lien social »: programs read the file);
a cell that is a spreadsheet formula (``=HYPERLINK(…)``) is an ``export-formula`` error
(docs/opendata.md).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ..call.meeting import load_meeting
from ..call.model import Call
from ..call.siret import siret_digits, siret_valid
from ..engine import Result
from ..engine.status import vote_stands
from ..errors import CallError, Collector, Diagnostic, Location, Message, Plural, Quote
from ..grid.facts import fact_value, iso_date
from ..io.cells import runs_as_formula
from ..vocabulary import Status
from .deliberation import deliberation, zone_of
from .incomplete import SHOWN
from .zerogrant import grants_nothing, montant, zero_grant_warnings

SCDL_VERSION = "2.1.1"
SCDL_VERSIONS = ("2.1.1", "2.0.0")
#: The columns of 2.0.0 (and the name the first writer gave them).
SCDL_COLUMNS = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision",
    "nomBeneficiaire", "idBeneficiaire", "objet", "montant", "nature",
    "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE",
    "pourcentageSubvention",
)
SCDL_COLUMNS_2_1_1 = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision",
    "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature",
    "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE",
    "pourcentageSubvention", "dispositifAide",
)
#: Required by the schema (the others are optional: referenceDecision, idRAE).
REQUIRED = tuple(c for c in SCDL_COLUMNS if c not in ("referenceDecision", "idRAE"))
REQUIRED_2_1_1 = tuple(c for c in REQUIRED if c != "idBeneficiaire")
_RNA = re.compile(r"^W\d{9}$")


def columns(version: str = SCDL_VERSION) -> tuple[str, ...]:
    return SCDL_COLUMNS if version == "2.0.0" else SCDL_COLUMNS_2_1_1


_SIRET = re.compile(r"^\d{14}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$")


def _fact_hint(fact: str, declared: dict[str, Any]) -> Message:
    """How to give a beneficiary's fact: the grid must declare it, each dossier give it."""
    if fact in declared:
        return Message("Give the fact {fact} in the dossier's file (or column).", fact=fact)
    return Message("The grid does not declare the fact {fact}: add it to the call's grid "
                   "(set: {{facts.{fact}: {{type: string}}}}, docs/decisions.md), then give "
                   "it in each dossier.", fact=fact)


def _undated(reference: str | None) -> Message:
    """How to date a deliberation recorded with its vote (``--reference`` without
    ``--at``): meeting.vote's date is another deliberation's."""
    return Message("The vote records its own deliberation ({reference}) without its date: "
                   "record the vote again with --reference {reference} --at YYYY-MM-DD.",
                   reference=reference)


def scdl_rows(call: Call, result: Result, version: str = SCDL_VERSION,
              warnings: list[Diagnostic] | None = None) -> list[dict[str, str]]:
    """The rows of the export (dicts keyed by :data:`SCDL_COLUMNS`), from
    :func:`isgrid.engine.score`'s result: the dossiers a vote retained, while that vote
    stands, with their granted amount (:attr:`DossierResult.amount_granted`).
    ``warnings``, when given, gets what the export says without stopping (the decision's
    date written for an agreement's, ``convention-date-missing``)."""
    meeting = load_meeting(call)
    file = str(call.folder / "call.yaml")
    diags = Collector()
    att = meeting.attribuant
    vote = meeting.vote
    if att is None:
        diags.add("export-incomplete", Message("call.yaml has no meeting.attribuant block (name, "
                                               "siret)"),
                  Location(file, key_path="meeting.attribuant"))
        raise CallError("nothing to export", diags.items)
    facts = {d.id: d.facts for d in call.dossiers}
    files = {d.id: d.file for d in call.dossiers}
    declared = call.grid.grid.facts
    rows: list[dict[str, str]] = []
    in_place: list[str] = []  # grants whose dateConvention is the decision's date
    cut: list[str] = []  # grants whose objet is longer than the schema's 256 characters
    for d in sorted(result.dossiers, key=lambda d: d.id):
        # a grant: a vote retained it and the vote stands (the one reading of a vote,
        # isgrid.engine.status.vote_stands, as the letters' « attribué » and the CP annex
        # read it); never a jury's proposal, nor a dossier proposed in a freed place since
        if d.status != Status.RETENU or not vote_stands(d.status, d.decision.stages):
            continue
        if grants_nothing(d):  # a vote of 0 € an older journal holds: no grant (said below)
            continue
        f = facts.get(d.id, {})
        # the deliberation that voted it: its own (a later one), else meeting.vote's
        cited = deliberation(d, vote, zone=zone_of(result))
        # dateConvention: the agreement's date, the dossier's fact, else meeting.vote's
        # for its deliberation; else the decision's date in its place (said, once, below)
        signed = fact_value(f, att.convention_date)
        date = (iso_date(signed) or str(signed)) if signed is not None and signed != "" \
            else cited.convention_date
        if date is None and cited.date:
            date = cited.date
            in_place.append(d.id)
        name = fact_value(f, att.beneficiary_name)
        bid = fact_value(f, att.beneficiary_id)
        rna = fact_value(f, att.beneficiary_rna)
        objet = d.title if att.objet == "title" else fact_value(f, att.objet)
        granted = d.amount_granted  # None when unknown: export-incomplete below
        row = {
            "nomAttribuant": att.name,
            "idAttribuant": att.siret,
            "dateConvention": date or "",
            "referenceDecision": cited.reference or "",
            "nomBeneficiaire": str(name).strip() if name is not None else "",
            "idBeneficiaire": siret_digits(bid) if bid is not None else "",
            "objet": _objet(fold_breaks(str(objet or ""))),
            "montant": montant(granted) if granted is not None else "",
            "nature": att.nature,
            "conditionsVersement": att.conditions_versement,
            "datesPeriodeVersement": att.dates_periode_versement or "",
            "idRAE": att.id_rae or "",
            "notificationUE": "oui" if att.notification_ue else "non",
            "pourcentageSubvention": "1.00",
            "rnaBeneficiaire": str(rna).replace(" ", "").upper() if rna else "",
            "dispositifAide": call.config.dispositif.id if call.config.dispositif else "",
        }
        # the dossier's own facts are said at its file; the call's settings at call.yaml
        own = Location(files.get(d.id) or file, key_path=f"dossier {d.id}")
        where = Location(file, key_path=f"dossier {d.id}")
        facts_of = {"nomBeneficiaire": att.beneficiary_name, "idBeneficiaire": att.beneficiary_id}
        for col in (REQUIRED if version == "2.0.0" else REQUIRED_2_1_1):
            if not row[col]:
                fact = facts_of.get(col)
                diags.add("export-incomplete", Message("{dossier}: {column} is empty",
                                                       dossier=d.id, column=col),
                          own if fact else where,
                          hint=_fact_hint(fact, declared) if fact else _undated(cited.reference)
                          if col == "dateConvention" and cited.own else None)
        if version != "2.0.0" and not row["idBeneficiaire"] and not row["rnaBeneficiaire"]:
            diags.add("export-incomplete", Message("{dossier}: neither idBeneficiaire (SIRET) nor "
                                                   "rnaBeneficiaire (RNA) is given; one of the two "
                                                   "is required",
                                                   dossier=d.id), own,
                      hint=_fact_hint(att.beneficiary_id, declared))
        if version != "2.0.0" and row["rnaBeneficiaire"] \
                and not _RNA.match(row["rnaBeneficiaire"]):
            diags.add("export-incomplete", Message("{dossier}: rnaBeneficiaire {rna_beneficiaire} "
                                                   "is not an RNA number (W and 9 digits)",
                                                   dossier=d.id, rna_beneficiaire=Quote(row['rnaBeneficiaire'])),
                      own, hint=Message("An RNA number is W and 9 digits (W671234567): correct "
                                        "the dossier's fact {fact}.",
                                        fact=att.beneficiary_rna))
        if row["idBeneficiaire"] and not _SIRET.match(row["idBeneficiaire"]):
            diags.add("export-incomplete",
                      Message("{dossier}: idBeneficiaire {id_beneficiaire} is not a SIRET (14 "
                              "digits)",
                              dossier=d.id, id_beneficiaire=Quote(row['idBeneficiaire'])), own,
                      hint=Message("A SIRET is 14 digits, the SIREN's 9 then the "
                                   "establishment's 5 (spaces between them are allowed): "
                                   "correct the dossier's fact {fact}.",
                                   fact=att.beneficiary_id))
        elif row["idBeneficiaire"] and not siret_valid(row["idBeneficiaire"]):
            diags.add("export-incomplete",
                      Message("{dossier}: idBeneficiaire {id_beneficiaire} is not a SIRET (its "
                              "check digit is wrong)", dossier=d.id,
                              id_beneficiaire=Quote(row["idBeneficiaire"])), own,
                      hint="Check the SIRET against the INSEE's directory (a digit mistyped).")
        if row["dateConvention"] and not _DATE.match(row["dateConvention"]):
            diags.add("export-incomplete", Message("{dossier}: dateConvention is not YYYY-MM-DD",
                                                   dossier=d.id),
                      own if signed is not None else where)
        if row["datesPeriodeVersement"] and not _PERIOD.match(row["datesPeriodeVersement"]):
            diags.add("export-incomplete", Message("{dossier}: datesPeriodeVersement is malformed",
                                                   dossier=d.id),
                      where)
        row = {k: fold_breaks(v) for k, v in row.items()}  # one line per grant
        for col in (c for c in row if runs_as_formula(row[c])):  # as written, or refused
            diags.add("export-formula", _formula(d.id, col, row[col]),
                      own if col in _OWN else where)
        if row["objet"] != fold_breaks(str(objet or "")).strip():
            cut.append(d.id)
        rows.append(row)
    said = _in_place(call, att.convention_date, in_place) + _cut(call, att.objet, cut) \
        + zero_grant_warnings(call, result)
    diags.extend(said)
    if warnings is not None:
        warnings.extend(said)
    diags.raise_if_errors(CallError, "the open-data export is incomplete")
    return rows


#: The columns a dossier's facts give (an error there is said at the dossier's file)
_OWN = ("nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire", "objet", "dateConvention")


def _formula(where: str, column: str, text: str) -> Message:
    """A published text that is a formula (:func:`isgrid.io.cells.runs_as_formula`):
    ``where`` a dossier's id, or ``dispositif``."""
    return Message("{dossier}: {column} {text} is a spreadsheet formula: a spreadsheet "
                   "opening the published file would run it", dossier=where, column=column,
                   text=Quote(text[:60]))


#: A line break, a tab, a carriage return (and the spaces around them)
_BREAKS = re.compile(r" *[\t\n\r\v\f\x85\u2028\u2029]+ *")


def fold_breaks(text: str) -> str:
    """A published text field on one line: each run of line breaks, tabs and carriage
    returns (« Recyclerie\\n du Sundgau », « -Recyclerie\\ttab ») folded to one space.  The
    schema's validators accept them, but data.gouv.fr's preview and most importers show a
    grant cut over two rows."""
    return _BREAKS.sub(" ", text)


#: The schema's ``maxLength`` of ``objet``.
OBJET_MAX = 256


def _objet(text: str) -> str:
    """``objet`` within the schema's :data:`OBJET_MAX` characters: a longer text cut at
    the last space before it, « … » after (never in the middle of a word)."""
    text = text.strip()
    if len(text) <= OBJET_MAX:
        return text
    head = text[:OBJET_MAX - 1]
    space = head.rfind(" ")
    if space > OBJET_MAX // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-–—") + "…"


def _cut(call: Call, fact: str, dossiers: list[str]) -> list[Diagnostic]:
    """One ``scdl-objet-cut`` warning naming the grants whose ``objet`` was cut."""
    if not dossiers:
        return []
    shown = ", ".join(dossiers[:SHOWN]) + (", …" if len(dossiers) > SHOWN else "")
    return [Diagnostic(
        "scdl-objet-cut",
        Plural("SCDL's objet holds at most {max} characters: the objet of {n} grant was cut "
               "at a word, « … » after ({dossiers})",
               "SCDL's objet holds at most {max} characters: the objet of {n} grants was cut "
               "at a word, « … » after ({dossiers})", len(dossiers), max=OBJET_MAX,
               dossiers=shown),
        Location(str(call.folder / "call.yaml"), key_path="meeting.attribuant.objet"),
        severity="warning",
        hint=Message("To publish an objet of your own words, give each dossier a shorter "
                     "one in a fact (dossiers/<id>.yaml: `objet_scdl: …`, declared under set:) "
                     "and name it in call.yaml: `meeting: {{attribuant: {{objet: objet_scdl}}}}`"
                     " (now {fact}).", fact=fact))]


def _in_place(call: Call, fact: str, dossiers: list[str]) -> list[Diagnostic]:
    """One ``convention-date-missing`` warning when the decision's date stands in for the
    agreement's (``dateConvention``) for some grants: how many, which, and how to give it."""
    if not dossiers:
        return []
    shown = ", ".join(dossiers[:SHOWN]) + (", …" if len(dossiers) > SHOWN else "")
    declared = fact in call.grid.grid.facts
    return [Diagnostic(
        "convention-date-missing",
        Plural("SCDL's dateConvention is the date of the grant agreement: the decision's "
               "date was written in its place for {n} grant ({dossiers})",
               "SCDL's dateConvention is the date of the grant agreement: the decision's "
               "date was written in its place for {n} grants ({dossiers})",
               len(dossiers), dossiers=shown),
        Location(str(call.folder / "call.yaml"), key_path="meeting.vote"), severity="warning",
        hint=Message("Write the agreement's date in each dossier's file "
                     "(dossiers/<id>.yaml: `{fact}: 2026-06-20`{declare}); for the grants of "
                     "meeting.vote's deliberation, one date for all of them may go in "
                     "call.yaml: `meeting: {{vote: {{convention_date: 2026-06-20}}}}`.",
                     fact=fact, declare="" if declared else Message(
                         ", the fact declared in call.yaml under set: "
                         "`facts.{fact}: {{type: date}}`", fact=fact)))]


def scdl_csv(call: Call, result: Result, version: str = SCDL_VERSION,
             warnings: list[Diagnostic] | None = None) -> bytes:
    """The SCDL Subventions CSV (header always written, even with no laureate);
    ``warnings``: as :func:`scdl_rows`."""
    cols = columns(version)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for row in scdl_rows(call, result, version, warnings):  # as written: io.cells, open data
        w.writerow([row[c] for c in cols])
    return buf.getvalue().encode("utf-8")


#: The columns of the « dispositif d'aide » schema (etalab/schema-dispositif-aide), in order.
DISPOSITIF_COLUMNS = (
    "id_aide", "nom_aide", "nom_aide_normalise", "programme_aides", "porteur_aide",
    "porteur_siren", "instructeurs_aide", "beneficiaires_aide", "types_aides",
    "taux_subvention_minimum", "taux_subvention_maximum", "taux_subvention_commentaire",
    "aap_ami", "description", "exemple_projet", "thematique_aide", "recurrence_aide",
    "date_ouverture", "date_pre_depot", "date_cloture", "condition_eligibilite",
    "etat_avancement_projet", "type_depense", "zone_geographique", "url_descriptif",
    "url_demarche", "contact", "date_mise_a_jour",
)


#: The record's required columns and the key of the ``dispositif`` block that gives each
#: (the porteur's two fall back on ``meeting.attribuant``'s name and SIRET)
_DISPOSITIF_KEYS = {"porteur_aide": "porteur", "porteur_siren": "porteur_siren",
                    "zone_geographique": "zone", "contact": "contact"}
#: An example value of each key, for the hint
_DISPOSITIF_EXAMPLES = {"porteur": "Région Grand Est", "porteur_siren": "200052264",
                        "zone": "Grand Est", "contact": "aap@region.example"}


def _dispositif_hint(column: str, key: str) -> Message:
    """Where a column of the « dispositif d'aide » record comes from: a key of call.yaml's
    ``dispositif`` block (not ``meeting.attribuant``, the grants' block)."""
    if key in ("porteur", "porteur_siren"):
        return Message("Write it in the dispositif block of call.yaml: `dispositif: {{{key}: "
                       "{example}}}`; without it, the grantor of meeting.attribuant (name, "
                       "siret) is written as {column} (docs/decisions.md §7).", key=key,
                       column=column, example=_DISPOSITIF_EXAMPLES[key])
    return Message("Write it in the dispositif block of call.yaml: `dispositif: {{{key}: "
                   "{example}}}` (docs/decisions.md §7).", key=key,
                   example=_DISPOSITIF_EXAMPLES[key])


def dispositif_record(call: Call) -> dict[str, str]:
    """The call as one « dispositif d'aide » record (the ``dispositif`` block of call.yaml)."""
    file = str(call.folder / "call.yaml")
    disp = call.config.dispositif
    meeting = call.config.meeting
    att = meeting.attribuant if meeting else None
    diags = Collector()
    if disp is None:
        diags.add("export-incomplete", Message("call.yaml has no dispositif block (id, …)"),
                  Location(file, key_path="dispositif"),
                  hint="Add a dispositif block to call.yaml: the call's id in the « dispositif "
                       "d'aide » schema (id), and its zone, contact, date_ouverture and "
                       "date_cloture (docs/decisions.md).")
        raise CallError("nothing to export", diags.items)
    funding = call.config.funding
    rate = f"{funding.rate * 100:g}" if funding and funding.rate else ""
    porteur = disp.porteur or (att.name if att else "")
    siren = disp.porteur_siren or (att.siret[:9] if att else "")
    rec = {c: "" for c in DISPOSITIF_COLUMNS}
    rec.update({
        "id_aide": disp.id, "nom_aide": disp.nom or call.config.title,
        "nom_aide_normalise": (disp.nom or call.config.title)[:180],
        "porteur_aide": porteur, "porteur_siren": siren,
        "beneficiaires_aide": disp.beneficiaires, "types_aides": disp.types,
        "taux_subvention_maximum": rate, "aap_ami": "Oui",
        "description": disp.description or call.config.description or call.config.title,
        "thematique_aide": disp.thematique, "recurrence_aide": disp.recurrence,
        "date_ouverture": disp.date_ouverture or "", "date_cloture": disp.date_cloture or "",
        "zone_geographique": disp.zone or "", "url_descriptif": disp.url or "",
        "contact": disp.contact or "",
    })
    for col, key in _DISPOSITIF_KEYS.items():
        if not rec[col]:
            diags.add("export-incomplete", Message("dispositif: {column} is empty", column=col),
                      Location(file, key_path="dispositif"), hint=_dispositif_hint(col, key))
    for col in (c for c in DISPOSITIF_COLUMNS if runs_as_formula(rec[c])):
        diags.add("export-formula", _formula("dispositif", col, rec[col]),
                  Location(file, key_path="dispositif"))
    diags.raise_if_errors(CallError, "the dispositif record is incomplete")
    return rec


def dispositif_csv(call: Call) -> bytes:
    """The companion « dispositif d'aide » CSV: one row describing the call."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(DISPOSITIF_COLUMNS)
    rec = dispositif_record(call)
    w.writerow([rec[c] for c in DISPOSITIF_COLUMNS])  # as written: open data (io.cells)
    return buf.getvalue().encode("utf-8")
