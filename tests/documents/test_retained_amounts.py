"""The committee report's list of retained dossiers shows what each one holds: the amount
granted by a decision, else the proposed one (:func:`isgrid.engine.maps.held`), as the
minutes and the CP annex do (docs/decisions.md), in md, html and docx.

alsace-2016 (budget 52 000 €): the proposal retains AL16-01 (27 000 € proposed) and
AL16-02 (24 000 €).  The Commission permanente votes AL16-01 retenu for 20 000 € and
AL16-02 retenu (no amount: its proposed 24 000 €).  Found by a review: the list still
read « AL16-01 (27 000 €) » while the minutes said 20 000 €."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from votecalls import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NBSP, NNBSP = "\u00a0", "\u202f"
GRANTED = f"20{NNBSP}000{NNBSP}€"  # fr money: narrow no-break spaces
PROPOSED_01 = f"27{NNBSP}000{NNBSP}€"
PROPOSED_02 = f"24{NNBSP}000{NNBSP}€"


@pytest.fixture(scope="module")
def voted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("retained") / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "retenu",
        "--amount", "20000", "--by", "CP", "--reason", "vote")
    run("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "retenu",
        "--by", "CP", "--reason", "vote")
    return folder


def page(folder: Path, fmt: str) -> bytes:
    call = load_call(folder)
    [(_, data)] = render_report(call, score(call), "committee", fmt)
    return data


def test_md_lists_the_granted_amount(voted: Path) -> None:
    text = page(voted, "md").decode("utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("**Dossiers retenus**"))
    assert line == (f"**Dossiers retenus** (2){NBSP}: AL16-01 ({GRANTED}), "
                    f"AL16-02 ({PROPOSED_02})")
    assert PROPOSED_01 not in line


def test_html_lists_the_granted_amount(voted: Path) -> None:
    html = page(voted, "html").decode("utf-8")
    part = html.split("<h3>Dossiers retenus (2)</h3>", 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', part)
    # per row: rank, requested, held
    assert cells[2] == GRANTED and cells[5] == PROPOSED_02
    # the column says « Montant » once an amount is granted (not « Proposé »)
    assert "<th class=\"num\">Montant</th>" in part and "Proposé" not in part


def test_docx_lists_the_granted_amount(voted: Path) -> None:
    docx = pytest.importorskip("docx")
    doc = docx.Document(io.BytesIO(page(voted, "docx")))
    heads = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    # the list of retained dossiers: rank, id, title, requested, and what each one holds
    assert ["Rang", "Dossier", "Titre", "Demandé", "Montant"] in heads
    table = doc.tables[heads.index(["Rang", "Dossier", "Titre", "Demandé", "Montant"])]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert list(rows) == ["AL16-01", "AL16-02"]
    assert rows["AL16-01"][-1] == GRANTED
    assert rows["AL16-02"][-1] == PROPOSED_02
