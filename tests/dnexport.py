"""A Démarche Numérique démarche made up for the tests, as an export file and as API answers.

One list of dossiers (:data:`DOSSIERS`) is written the way the platform does:
an XLSX or ODS export (``Dossiers`` sheet with the platform's columns, one
sheet per repeatable block ``(<stable_id>) <libellé>``, an ``Avis`` sheet), a
CSV export (the dossiers table alone), and the pages of ``getDemarche`` (the
stored query ``ds-query-v2``) shaped like the published GraphQL schema
(``nodes``, ``pageInfo { hasNextPage endCursor }``, ``champs`` with
``__typename``, ``champDescriptorId``, ``stringValue`` and typed values).
The same facts go to both, so the two channels must give the same call.

The export uses a custom export template that renamed « Montant demandé »
to « Montant sollicité (€) »; the API gives the form's label.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

from testpaths import EXAMPLES

#: champDescriptorIds (GraphQL ids of the form's fields), as the API gives them.
CHAMPS = {
    "title": "Q2hhbXAtMTAx", "departement": "Q2hhbXAtMTAy", "amount_requested": "Q2hhbXAtMTAz",
    "eligible_costs": "Q2hhbXAtMTA0", "siret": "Q2hhbXAtMTA1", "rna": "Q2hhbXAtMTA2",
    "phone": "Q2hhbXAtMTA3", "partners": "Q2hhbXAtMTIz", "partner_name": "Q2hhbXAtMTI0",
    "partner_type": "Q2hhbXAtMTI1", "note": "Q2hhbXAtOTAx", "scic": "Q2hhbXAtMTA4",
}
LABELS = {
    "title": "Intitulé du projet", "departement": "Département de réalisation",
    "amount_requested": "Montant demandé", "eligible_costs": "Dépenses éligibles (HT)",
    "siret": "SIRET de la structure", "rna": "Numéro RNA", "phone": "Téléphone du contact",
    "scic": "Structure en SCIC",
    "partners": "Partenaires du projet", "partner_name": "Nom du partenaire",
    "partner_type": "Type de partenaire", "note": "Commentaire interne",
}
#: The label the custom export template gives the amount column.
RENAMED_AMOUNT = "Montant sollicité (€)"

DOSSIERS: list[dict[str, Any]] = [
    {"number": 101, "state": "en_instruction", "email": "contact@recyclerie.example",
     "depot": dt.datetime(2016, 3, 14, 10, 22), "title": "Recyclerie solidaire du Sundgau",
     "departement": "68", "amount": 25000, "amount_text": "25 000 €", "costs": 70000,
     "costs_text": "70 000 €", "siret": "12345678900015", "rna": "W681000001",
     "phone": "03 89 00 00 01", "scic": True, "note": "Dossier complet.",
     "partners": [("Ville d'Altkirch", "collectivite"), ("Emmaüs Mundo", "asso")]},
    {"number": 102, "state": "accepte", "email": "bonjour@epicerie.example",
     "depot": dt.datetime(2016, 3, 20, 9, 0), "title": "Épicerie sociale mobile",
     "departement": "67", "amount": 18000, "amount_text": "18 000 €", "costs": 40000,
     "costs_text": "40 000 €", "siret": "98765432100023", "rna": "",
     "phone": "03 88 00 00 02", "scic": False, "note": "",
     "partners": [("CCAS de Sélestat", "collectivite")]},
    {"number": 103, "state": "en_instruction", "email": "info@tiers-lieu.example",
     "depot": dt.datetime(2016, 4, 2, 17, 45), "title": "Tiers-lieu des savoir-faire",
     "departement": "67", "amount": 12000, "amount_text": "12 000 €", "costs": 30000,
     "costs_text": "30 000 €", "siret": "11122233300036", "rna": "W672000003",
     "phone": "03 88 00 00 03", "scic": False, "note": "", "partners": []},
    {"number": 104, "state": "refuse", "email": "x@refuse.example",
     "depot": dt.datetime(2016, 4, 5, 8, 0), "title": "Projet hors délai",
     "departement": "68", "amount": 5000, "amount_text": "5 000 €", "costs": 9000,
     "costs_text": "9 000 €", "siret": "44455566600049", "rna": "", "phone": "",
     "scic": False, "note": "", "partners": []},
]
AVIS = [  # (dossier, expert, question, answer, yes/no)
    (101, "claire.martin@region.example", "Êtes-vous favorable à ce projet ?",
     "Oui : aucune offre de réemploi dans le Sundgau.", True),
    (102, "claire.martin@region.example", "Êtes-vous favorable à ce projet ?", "", None),
    (103, "marc.wendling@region.example", "Êtes-vous favorable à ce projet ?",
     "Projet intéressant, modèle économique fragile.", False),
]
STATE_LABELS = {"en_construction": "En construction", "en_instruction": "En instruction",
                "accepte": "Accepté", "refuse": "Refusé", "sans_suite": "Sans suite"}
BLOCK_SHEET = "(123) Partenaires du projet"

GRID = """\
id: dn-test
version: "1"
title: Grille de test (Alsace 2016 et faits de la démarche)
extends: alsace-aap-2016
facts:
  holder: {type: string, label: Porteur}
  siret: {type: string, label: SIRET}
  rna: {type: string, label: RNA}
  email: {type: string, label: Courriel}
  phone: {type: string, label: Téléphone}
  scic: {type: boolean, label: SCIC}
  partners:
    type: array
    items:
      type: object
      properties:
        name: {type: string}
        type: {type: string}
"""

INTAKE = {
    "demarche": 4242,
    "states": ["en_instruction", "accepte"],
    "title": {"labels": [LABELS["title"]], "champs": [CHAMPS["title"]]},
    "facts": {
        "departement": {"labels": [LABELS["departement"]], "champs": [CHAMPS["departement"]]},
        "amount_requested": {"labels": [LABELS["amount_requested"], RENAMED_AMOUNT],
                             "champs": [CHAMPS["amount_requested"]]},
        "eligible_costs": {"labels": [LABELS["eligible_costs"]],
                           "champs": [CHAMPS["eligible_costs"]]},
        "submitted_at": "Déposé le",
        "siret": {"labels": [LABELS["siret"]], "champs": [CHAMPS["siret"]]},
        "rna": {"labels": [LABELS["rna"]], "champs": [CHAMPS["rna"]]},
        "email": "Email",
        "phone": {"labels": [LABELS["phone"]], "champs": [CHAMPS["phone"]]},
        "scic": {"labels": [LABELS["scic"]], "champs": [CHAMPS["scic"]]},
        "holder": "Entreprise raison sociale",
    },
    "lists": {"partners": {"block": "123", "champs": [CHAMPS["partners"]],
                           "fields": {"name": {"labels": [LABELS["partner_name"]],
                                               "champs": [CHAMPS["partner_name"]]},
                                      "type": {"labels": [LABELS["partner_type"]],
                                               "champs": [CHAMPS["partner_type"]]}}}},
    "ignore": [LABELS["note"]],
    "experts": {"claire.martin@region.example": "j1", "marc.wendling@region.example": "j2"},
    # the démarche's avis question whose Oui/Non is the expert's opinion
    "opinion_questions": ["Êtes-vous favorable à ce projet ?"],
}


def make_intake_call(folder: Path, **extra: Any) -> Path:
    """A call folder with the test grid, jurors j1 j2 (+ instructor i1) and an intake block."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "grid.yaml").write_text(GRID, encoding="utf-8")
    config: dict[str, Any] = {
        "title": "Appel à projets de test (démarche fictive)", "grid": "grid.yaml",
        "lang": "fr", "fictitious": True, "budget": 40000,
        "funding": {"rate": 0.5, "cap": 27000, "minimum": 5000},
        "selection": {"rule": "rank-order", "reserve": 1},
        "assessors": [{"id": "i1", "name": "Service instructeur", "role": "instructeur"},
                      {"id": "j1", "name": "Claire Martin", "role": "juré"},
                      {"id": "j2", "name": "Marc Wendling", "role": "juré"}],
        "intake": INTAKE, **extra}
    (folder / "call.yaml").write_text(yaml.safe_dump(config, allow_unicode=True,
                                                     sort_keys=False), encoding="utf-8")
    return folder


def _criteria() -> tuple[list[str], list[str]]:
    import csv

    def crits(name: str) -> list[str]:
        with open(EXAMPLES / "alsace-2016" / "ratings" / name, encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        first = rows[0]["dossier"]
        return [r["criterion"] for r in rows if r["dossier"] == first]

    return crits("i1.csv"), crits("j1.csv")


def write_ratings(folder: Path, values: dict[str, int]) -> None:
    """Every criterion of dossier ``DN-<n>`` rated ``values[id]`` by j1 and j2 (i1: oui)."""
    elig, crits = _criteria()
    (folder / "ratings").mkdir(exist_ok=True)
    lines = {"i1": ["dossier,assessor,criterion,value,comment"],
             "j1": ["dossier,assessor,criterion,value,comment"],
             "j2": ["dossier,assessor,criterion,value,comment"]}
    for did, v in sorted(values.items()):
        for c in elig:
            lines["i1"].append(f"{did},i1,{c},oui,")
        for j in ("j1", "j2"):
            for c in crits:
                lines[j].append(f"{did},{j},{c},{v},")
    for a, rows in lines.items():
        (folder / "ratings" / f"{a}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- export file
def dossiers_rows(dossiers: list[dict[str, Any]] | None = None,
                  amount_label: str = RENAMED_AMOUNT) -> list[list[Any]]:
    """The ``Dossiers`` sheet: header then one row per dossier (legal entities)."""
    header = ["ID", "Email", "FranceConnect ?", "Entreprise raison sociale", "À archiver",
              "État du dossier", "Dernière mise à jour le", "Déposé le",
              "Passé en instruction le", "Traité le", "Motivation de la décision",
              "Instructeurs", LABELS["title"], LABELS["departement"], amount_label,
              LABELS["eligible_costs"], LABELS["siret"], LABELS["rna"], LABELS["phone"],
              LABELS["scic"], LABELS["partners"], LABELS["note"]]
    rows: list[list[Any]] = [header]
    for d in dossiers if dossiers is not None else DOSSIERS:
        rows.append([
            d["number"], d["email"], False, d["title"].split(" ")[0] + " (structure)", False,
            STATE_LABELS[d["state"]], dt.datetime(2016, 5, 1, 12, 0), d["depot"],
            dt.datetime(2016, 4, 10, 9, 0), None, None, "instruction@region.example",
            d["title"], d["departement"], d["amount_text"], d["costs_text"], d["siret"],
            d["rna"] or None, d["phone"] or None, "Oui" if d["scic"] else "Non",
            None, d["note"] or None])
    return rows


def block_rows(dossiers: list[dict[str, Any]] | None = None) -> list[list[Any]]:
    rows: list[list[Any]] = [["Dossier ID", "Ligne", LABELS["partner_name"],
                              LABELS["partner_type"]]]
    for d in dossiers if dossiers is not None else DOSSIERS:
        for i, (name, kind) in enumerate(d["partners"], start=1):
            rows.append([d["number"], i, name, kind])
    return rows


def avis_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [["Dossier ID", "Introduction", "Réponse", "Question",
                              "Réponse oui/non", "Créé le", "Répondu le", "Instructeur",
                              "Expert"]]
    for number, expert, question, answer, yes_no in AVIS:
        rows.append([number, "Merci de votre avis.", answer or None, question,
                     None if yes_no is None else ("Oui" if yes_no else "Non"),
                     dt.datetime(2016, 4, 12), dt.datetime(2016, 4, 20) if answer else None,
                     "instruction@region.example", expert])
    return rows


def export_sheets(dossiers: list[dict[str, Any]] | None = None,
                  amount_label: str = RENAMED_AMOUNT) -> dict[str, list[list[Any]]]:
    return {"Dossiers": dossiers_rows(dossiers, amount_label),
            "Etablissements": [["Dossier ID", "Champ", "Établissement SIRET"]],
            "Avis": avis_rows(), BLOCK_SHEET: block_rows(dossiers)}


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _ods_cell(v: Any) -> str:
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, bool):
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value='
                f'"{"true" if v else "false"}"><text:p>{"VRAI" if v else "FAUX"}</text:p>'
                "</table:table-cell>")
    if isinstance(v, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, dt.datetime | dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value='
                f'"{v.isoformat()}"><text:p>{v.isoformat()}</text:p></table:table-cell>')
    return f"<table:table-cell office:value-type=\"string\"><text:p>{escape(str(v))}" \
        "</text:p></table:table-cell>"


def write_ods(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A minimal OpenDocument spreadsheet (as LibreOffice and the platform write them),
    with the trailing repeated empty rows and cells spreadsheets add."""
    body = []
    for name, rows in sheets.items():
        xml_rows = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row)
                           + '<table:table-cell table:number-columns-repeated="1000"/>'
                           "</table:table-row>" for row in rows)
        xml_rows += ('<table:table-row table:number-rows-repeated="1048000">'
                     '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
        body.append(f'<table:table table:name="{escape(name)}">{xml_rows}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(body)
        + "</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_csv(path: Path, dossiers: list[dict[str, Any]] | None = None,
              rename: dict[str, str] | None = None) -> Path:
    """The CSV export; ``rename``: headers as a custom export template renames them."""
    import csv

    rows = dossiers_rows(dossiers)
    rows[0] = [(rename or {}).get(h, h) for h in rows[0]]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        for row in rows:
            w.writerow(["" if v is None else v.strftime("%d/%m/%Y %H:%M")
                        if isinstance(v, dt.datetime) else v for v in row])
    return path


# ---------------------------------------------------------------- API answers
def _champ(key: str, typename: str, string_value: str | None, **typed: Any) -> dict[str, Any]:
    return {"id": CHAMPS[key] + "fA==", "champDescriptorId": CHAMPS[key],
            "__typename": typename, "label": LABELS[key], "stringValue": string_value,
            "updatedAt": "2016-05-01T12:00:00+02:00", **typed}


def api_node(d: dict[str, Any]) -> dict[str, Any]:
    """One ``Dossier`` node of getDemarche (the DossierFragment of ds-query-v2)."""
    rows = [{"id": f"row-{d['number']}-{i}", "champs": [
        _champ("partner_name", "TextChamp", name), _champ("partner_type", "TextChamp", kind)]}
        for i, (name, kind) in enumerate(d["partners"])]
    champs = [
        _champ("title", "TextChamp", d["title"]),
        _champ("departement", "TextChamp", d["departement"]),
        _champ("amount_requested", "DecimalNumberChamp", d["amount_text"],
               decimalNumber=float(d["amount"])),
        _champ("eligible_costs", "IntegerNumberChamp", str(d["costs"]),
               integerNumber=str(d["costs"])),
        _champ("siret", "TextChamp", d["siret"]),
        _champ("rna", "TextChamp", d["rna"] or None),
        _champ("phone", "PhoneChamp", d["phone"] or None),
        _champ("scic", "YesNoChamp", "Oui" if d["scic"] else "Non"),
        {**_champ("partners", "RepetitionChamp", None), "rows": rows},
    ]
    avis = [{"id": f"avis-{n}-{e}", "question": q, "questionLabel": q,
             "questionAnswer": yn, "reponse": a or None,
             "dateQuestion": "2016-04-12T00:00:00+02:00",
             "dateReponse": "2016-04-20T00:00:00+02:00" if a else None,
             "claimant": {"email": "instruction@region.example"}, "expert": {"email": e},
             "attachments": []} for n, e, q, a, yn in AVIS if n == d["number"]]
    return {
        "id": f"RG9zc2llci0{d['number']}", "number": d["number"], "archived": False,
        "state": d["state"], "dateDerniereModification": "2016-05-01T12:00:00+02:00",
        "dateDepot": d["depot"].isoformat() + "+01:00",
        "datePassageEnConstruction": d["depot"].isoformat() + "+01:00",
        "datePassageEnInstruction": "2016-04-10T09:00:00+02:00", "dateTraitement": None,
        "motivation": None, "usager": {"email": d["email"]},
        "groupeInstructeur": {"id": "R3JvdXBlLTE=", "number": 1, "label": "défaut"},
        "demandeur": {"__typename": "PersonneMorale", "siret": d["siret"],
                      "entreprise": {"raisonSociale": d["title"].split(" ")[0]
                                     + " (structure)"},
                      "association": {"rna": d["rna"]} if d["rna"] else None},
        "labels": [], "traitements": [], "champs": champs,
        "annotations": [_champ("note", "TextChamp", d["note"] or None)],
        "avis": avis,
    }


def api_pages(dossiers: list[dict[str, Any]] | None = None,
              per_page: int = 2) -> list[dict[str, Any]]:
    """The answers of getDemarche, page by page (cursor of page k: ``cursor-k``)."""
    ds = dossiers if dossiers is not None else DOSSIERS
    pages = []
    chunks = [ds[i:i + per_page] for i in range(0, len(ds), per_page)] or [[]]
    for k, chunk in enumerate(chunks):
        last = k == len(chunks) - 1
        pages.append({"data": {"demarche": {
            "id": "UHJvY2VkdXJlLTQyNDI=", "number": 4242, "title": "AAP test",
            "state": "publiee", "declarative": None, "dateCreation": "2016-01-01T00:00:00+01:00",
            "dateFermeture": None,
            "dossiers": {"pageInfo": {"hasPreviousPage": k > 0, "hasNextPage": not last,
                                      "endCursor": f"cursor-{k + 1}"},
                         "nodes": [api_node(d) for d in chunk]}}}})
    return pages
