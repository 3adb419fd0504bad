"""``isgrid intake --api`` reads an « EPCI » champ as the export's three columns give it:
« <label> » the EPCI's name, « <label> (Code) » its SIREN, « <label> (Département) »
« 68 – Haut-Rhin » (the platform's ``EpciTypeDeChamp`` paths, ``departement_code_and_name``
with an en dash).

The stored query ``ds-query-v2`` (app/graphql/api/v2/stored_query.rb, since April 2023)
asks ``... on EpciChamp { epci { name code } departement { name code } }``.  isgrid took
such a champ for a Département one (its ``departement`` key): the champ's column read the
département's name « Haut-Rhin », and its « (Code) » the département's « 68 », where the
export gives the EPCI's name and SIREN: a rule on EPCI codes met by no dossier.

Colmar Agglomération: SIREN 246800726, in the Haut-Rhin (68); no network.
"""

from __future__ import annotations

from typing import Any

from isgrid.intake import api

LABEL, CHAMP = "Intercommunalité du projet", "RXBjaQ=="


def _epci(epci: dict[str, str] | None, dep: dict[str, str] | None,
          string: str) -> dict[str, Any]:
    return {"id": "e", "__typename": "EpciChamp", "champDescriptorId": CHAMP,
            "label": LABEL, "stringValue": string, "epci": epci, "departement": dep}


def _fields(champ: dict[str, Any]) -> list[tuple[str, Any, str | None]]:
    node = {"id": "RG9zc2llci0yMDE=", "number": 201, "state": "en_instruction",
            "dateDepot": "2026-02-10T17:05:00+01:00",
            "dateDerniereModification": "2026-02-12T09:00:00+01:00",
            "usager": {"email": "contact@asso.example"}, "demandeur": None,
            "champs": [champ], "annotations": [], "avis": []}
    return [(f.label, f.value, f.champ) for f in api._dossier(node, "api").fields
            if f.label.startswith(LABEL)]


def test_an_epci_champ_reads_as_the_export_s_three_columns() -> None:
    champ = _epci({"name": "Colmar Agglomération", "code": "246800726"},
                  {"name": "Haut-Rhin", "code": "68"}, "Colmar Agglomération")
    assert _fields(champ) == [
        (LABEL, "Colmar Agglomération", CHAMP),
        (f"{LABEL} (Code)", "246800726", CHAMP),
        (f"{LABEL} (Département)", "68 \u2013 Haut-Rhin", CHAMP)]


def test_an_epci_champ_with_only_its_departement_chosen() -> None:
    # the département chosen, no EPCI yet: the export's name and code cells are empty
    champ = _epci(None, {"name": "Haut-Rhin", "code": "68"}, "")
    assert _fields(champ) == [
        (LABEL, "", CHAMP), (f"{LABEL} (Code)", None, CHAMP),
        (f"{LABEL} (Département)", "68 \u2013 Haut-Rhin", CHAMP)]
