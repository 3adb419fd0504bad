"""The experts' avis of the dossiers a refresh does not read again are kept.

Found by a review (an instructeur): an incremental ``intake --api`` refresh
(``updatedSince``: DN-101 alone changed) rewrote ``opinions/demarche-numerique.csv`` from
its own answer, and DN-103's expert avis was gone; the same from an export where DN-103
had gone back « en construction ».  A partial answer is not « these are all the avis ».
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_intake_api import TOKEN, _call, _Server

from dnexport import DOSSIERS, api_pages, export_sheets, make_intake_call, write_xlsx
from isgrid.intake.refresh import refresh

#: the two avis of the first intake (dnexport.AVIS: 102's is unanswered), as written
FIRST = ("dossier,assessor,opinion,amount,comment\n"
         "DN-101,j1,favorable,,Oui : aucune offre de réemploi dans le Sundgau.\n"
         'DN-103,j2,défavorable,,"Projet intéressant, modèle économique fragile."\n')


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    yield s
    s.close()


def test_an_incremental_api_refresh_keeps_the_avis_of_the_dossiers_it_does_not_give(
        tmp_path: Path, server: _Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", TOKEN)
    call = _call(tmp_path, server.url)
    refresh(call, api=True, now=dt.datetime(2016, 5, 2, 8, 0, tzinfo=dt.UTC))
    avis = call / "opinions" / "demarche-numerique.csv"
    assert avis.read_text(encoding="utf-8") == FIRST
    # only DN-101 changed since: the answer holds DN-101 and its avis alone
    server.pages = api_pages([dict(DOSSIERS[0], amount=20000, amount_text="20 000 €")])
    report = refresh(call, api=True)
    assert list(report.changed) == ["DN-101"] and report.opinions == 1
    assert avis.read_text(encoding="utf-8") == FIRST  # DN-103's avis still there


def test_a_dossier_out_of_the_filter_keeps_its_avis_and_a_changed_avis_is_replaced(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    avis = call / "opinions" / "demarche-numerique.csv"
    assert avis.read_text(encoding="utf-8") == FIRST
    # DN-103 sent back « en construction » for correction; DN-101's expert rewrote its avis
    second = copy.deepcopy(DOSSIERS)
    second[2]["state"] = "en_construction"
    export = export_sheets(second)
    rows = export["Avis"]
    for row in rows[1:]:
        if "Oui : aucune offre de réemploi dans le Sundgau." in row:
            row[row.index("Oui : aucune offre de réemploi dans le Sundgau.")] = "Oui, confirmé."
    refresh(call, export=write_xlsx(tmp_path / "b.xlsx", export))
    assert avis.read_text(encoding="utf-8") == (
        "dossier,assessor,opinion,amount,comment\n"
        "DN-101,j1,favorable,,\"Oui, confirmé.\"\n"
        'DN-103,j2,défavorable,,"Projet intéressant, modèle économique fragile."\n')
