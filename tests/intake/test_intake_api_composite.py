"""``isgrid intake --api`` reads a « Département », « Région » or « Commune » champ as the
export's columns give it: the name under the champ's label, the code under « … (Code) »
(« … (Code INSEE) », « … (Département) » for a commune), so that one mapping serves both.

The API's ``stringValue`` of a Département champ is « 68 - Haut-Rhin » and its ``code``
went unread: a call mapping ``departement`` to « Département de réalisation (Code) », as
the French guide says for an export, found no such field in the API's answer, and the
one mapped to the champ read « 68 - Haut-Rhin », which no rule on codes (67, 68) takes.

The champs below are shaped as the stored query ``ds-query-v2`` gives them (its
ChampFragment: ``... on DepartementChamp { departement { name code } }``, ``... on
RegionChamp { region { name code } }``, ``... on CommuneChamp { commune { name code }
departement { name code } }``; ``stringValue`` as the platform's ``for_api_v2``: « 68 -
Haut-Rhin » with a hyphen); no network: ``api.post`` answers the recorded page.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from dnexport import make_intake_call
from isgrid.cli.main import cli
from isgrid.intake import api

NAME, CODE = "Département de réalisation", "Département de réalisation (Code)"
DEP_ID, TITLE_ID = "Q2hhbXAtMTAy", "Q2hhbXAtMTAx"
#: (number, title, the département's code and name)
ROWS = [(201, "Atelier vélo solidaire de Colmar", "68", "Haut-Rhin"),
        (202, "Tiers-lieu nourricier de Sélestat", "67", "Bas-Rhin"),
        (203, "Garage solidaire de Metz", "57", "Moselle")]


def _departement(code: str | None, name: str | None) -> dict[str, Any]:
    return {"id": f"Q2hhbXAtMTAyfDIw{code}", "__typename": "DepartementChamp",
            "champDescriptorId": DEP_ID, "label": NAME,
            "stringValue": f"{code} - {name}" if code else "",
            "departement": {"name": name, "code": code} if code else None}


def _node(number: int, title: str, code: str, name: str) -> dict[str, Any]:
    return {"id": f"RG9zc2llci0{number}", "number": number, "state": "en_instruction",
            "dateDepot": "2026-02-10T17:05:00+01:00",
            "dateDerniereModification": "2026-02-12T09:00:00+01:00",
            "usager": {"email": f"contact-{number}@asso.example"}, "demandeur": None,
            "champs": [{"id": "x", "__typename": "TextChamp", "champDescriptorId": TITLE_ID,
                        "label": "Intitulé du projet", "stringValue": title},
                       _departement(code, name)],
            "annotations": [], "avis": []}


def _page(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"demarche": {"id": "UHJvY2VkdXJlLTQyNDI=", "number": 4242, "dossiers": {
        "pageInfo": {"hasPreviousPage": False, "hasNextPage": False, "endCursor": "c1"},
        "nodes": nodes}}}


def test_the_champs_read_as_the_export_s_columns() -> None:
    commune = {"id": "c", "__typename": "CommuneChamp", "champDescriptorId": "Q29t",
               "label": "Commune du projet", "stringValue": "Colmar (68000)",
               "commune": {"name": "Colmar", "code": "68066"},
               "departement": {"name": "Haut-Rhin", "code": "68"}}
    region = {"id": "r", "__typename": "RegionChamp", "champDescriptorId": "UmVn",
              "label": "Région", "stringValue": "Grand Est",
              "region": {"name": "Grand Est", "code": "44"}}
    empty = {**_departement(None, None), "label": "Département du siège",
             "champDescriptorId": "U2ll"}
    node = _node(201, "Atelier", "68", "Haut-Rhin")
    node["champs"] += [commune, region, empty]
    got = [(f.label, f.value, f.champ) for f in api._dossier(node, "api").fields]
    assert got[-10:] == [
        ("Intitulé du projet", "Atelier", TITLE_ID),
        (NAME, "Haut-Rhin", DEP_ID), (CODE, "68", DEP_ID),
        # the export's « Commune » columns: the name with its postcode, the INSEE code, and
        # the département as « code – name » (an en dash, as the export writes it)
        ("Commune du projet", "Colmar (68000)", "Q29t"),
        ("Commune du projet (Code INSEE)", "68066", "Q29t"),
        ("Commune du projet (Département)", "68 \u2013 Haut-Rhin", "Q29t"),
        ("Région", "Grand Est", "UmVn"), ("Région (Code)", "44", "UmVn"),
        # an empty champ: its cells empty, as the export's
        ("Département du siège", "", "U2ll"), ("Département du siège (Code)", None, "U2ll")]


def _call(folder: Path) -> Path:
    return make_intake_call(folder, intake={
        "demarche": 4242, "endpoint": "https://demarche.numerique.gouv.fr/api/v2/graphql",
        "states": ["en_instruction"], "title": "Intitulé du projet",
        "facts": {"departement": CODE}, "experts": {}, "lists": {}, "ignore": []})


def test_one_mapping_to_the_code_column_for_the_export_and_the_api(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``departement: "Département de réalisation (Code)"``: the codes 68, 67, 57 through
    the API as through the CSV export; the name beside the code read is no column « mapped
    to no fact » in either."""
    export = tmp_path / "export.csv"
    with open(export, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["ID", "Email", "État du dossier", "Déposé le", "Intitulé du projet",
                    NAME, CODE])
        for number, title, code, name in ROWS:
            w.writerow([number, f"contact-{number}@asso.example", "En instruction",
                        "2026-02-10 17:05:00 +0100", title, name, code])
    asked: list[dict[str, Any]] = []

    def post(endpoint: str, token: str, payload: dict[str, Any], where: str) -> dict[str, Any]:
        asked.append(payload)
        return _page([_node(*row) for row in ROWS])

    monkeypatch.setattr(api, "post", post)
    env = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C",
           "DEMARCHE_NUMERIQUE_TOKEN": "t0ken-for-tests"}
    runner = CliRunner()
    got = {}
    for how, args in (("api", ["--api"]), ("export", ["--from", str(export)])):
        call = _call(tmp_path / how)
        res = runner.invoke(cli, ["intake", str(call), *args], env=env,
                            catch_exceptions=False)
        assert res.exit_code == 0, res.output
        assert "[intake-unknown-column]" not in res.output, res.output
        assert "[intake-missing-column]" not in res.output, res.output
        got[how] = {n: yaml.safe_load((call / "dossiers" / f"DN-{n}.yaml").read_text(
            encoding="utf-8"))["departement"] for n, *_ in ROWS}
    assert got["api"] == got["export"] == {201: "68", 202: "67", 203: "57"}
    assert len(asked) == 1  # the API was asked (one page)
