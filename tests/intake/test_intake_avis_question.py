"""An expert's yes/no answers the question the instructeur wrote: it is an opinion only
for a question the call lists (``intake.opinion_questions``).

Found by a review (an instructeur): « oui » to « Le projet présente-t-il un risque
financier important ? » was written « favorable » in opinions/demarche-numerique.csv,
then printed as a favourable opinion in the fiche and the committee report; the question
itself appeared nowhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dnexport
from dnexport import export_sheets, make_intake_call, write_xlsx
from isgrid.intake.refresh import refresh

RISK = "Le projet présente-t-il un risque financier important ?"
FAVOURABLE = "Êtes-vous favorable à ce projet ?"


def test_a_yes_to_another_question_is_no_opinion_and_keeps_its_question(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    avis = [
        (101, "claire.martin@region.example", FAVOURABLE, "Oui : projet utile.", True),
        (103, "marc.wendling@region.example", RISK,
         "Oui, le budget est très fragile : 80 % de subventions.", True),
        (102, "marc.wendling@region.example", "Le porteur a-t-il déjà été aidé ?", "", False),
    ]
    monkeypatch.setattr(dnexport, "AVIS", avis)
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "e.xlsx", export_sheets()))
    assert (call / "opinions" / "demarche-numerique.csv").read_text(encoding="utf-8") == (
        "dossier,assessor,opinion,amount,comment\n"
        # the call's opinion question: oui is favorable, the answer the comment
        "DN-101,j1,favorable,,Oui : projet utile.\n"
        # a « non » with no text, to another question: the question and the answer kept
        "DN-102,j2,,,Le porteur a-t-il déjà été aidé ? — non\n"
        # « oui » to a risk: no opinion, never « favorable »
        f'DN-103,j2,,,"{RISK} — oui — Oui, le budget est très fragile : 80 % de '
        'subventions."\n')


def test_without_opinion_questions_no_yes_no_is_an_opinion(tmp_path: Path) -> None:
    intake = {**dnexport.INTAKE, "opinion_questions": []}
    call = make_intake_call(tmp_path / "call", intake=intake)
    refresh(call, export=write_xlsx(tmp_path / "e.xlsx", export_sheets()))
    text = (call / "opinions" / "demarche-numerique.csv").read_text(encoding="utf-8")
    assert ",favorable," not in text and ",défavorable," not in text
    assert f"DN-101,j1,,,{FAVOURABLE} — oui — Oui : aucune offre de réemploi" in text
