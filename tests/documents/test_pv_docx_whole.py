"""The Word minutes hold what the HTML and PDF minutes hold (one model,
``documents.minutes.build_minutes``): the « Date » column of the recorded changes (a
withdrawal's ``--at`` was nowhere in the DOCX), the ranking's « Projet », « Demandé » and
« Proposé » columns; and a date in the style of the minutes' other dates (« 10 mars
2026 », as « 2 avril 2026 » elsewhere, never « 10/03/2026 »)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
from tests.clirun import norm, run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def _withdrawn(tmp_path: Path) -> Path:
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLE, call)
    run("withdraw", call, "AL16-02", "--by", "Secrétariat", "--reason",
        "courrier du porteur du 3 mars", "--at", "2026-03-10")
    return call


def test_the_word_minutes_have_the_date_and_the_amounts(tmp_path: Path) -> None:
    call = _withdrawn(tmp_path)
    out = tmp_path / "pv.docx"
    run("--lang", "fr", "minutes", call, "-o", out)
    tables = docx.Document(str(out)).tables
    heads = {tuple(c.text for c in tb.rows[0].cells): tb for tb in tables}
    changes = heads[("n°", "Dossier", "Modification", "Motif", "Enregistré par", "Date")]
    row = [c.text for c in changes.rows[-1].cells]
    assert row == ["1", "AL16-02", "retrait du porteur", "courrier du porteur du 3 mars",
                   "Secrétariat", "10 mars 2026"], row
    ranking = heads[("Rang", "Dossier", "Projet", "Note", "Calculé", "Jury", "Vote", "Statut",
                     "Demandé", "Proposé", "Attribué")]
    first = [norm(c.text) for c in ranking.rows[1].cells]
    assert first[1] == "AL16-01" and first[7] == "retenu", first
    # AL16-01 asks 32 000 € on 70 000 € of costs: 50 % is 35 000 €, capped at 27 000 €
    # (the example's call.yaml: rate 0.5, cap 27000); no vote, nothing granted
    assert first[8:] == ["32 000 €", "27 000 €", "-"], first


def test_the_html_minutes_write_the_date_in_words(tmp_path: Path) -> None:
    call = _withdrawn(tmp_path)
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", call, "-o", out)
    html = out.read_text("utf-8")
    assert "<td>Secrétariat</td><td>10 mars 2026</td>" in html
    assert not re.search(r"\d\d/\d\d/\d{4}", html)
