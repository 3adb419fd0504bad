"""One way to write a percentage (isgrid.messages.percent) in every document.

There were two: the workbook and the comparison wrote « 14,3 % », « 25 % » (``14.3%`` in
English) while the minutes and the CP annex took the decisions catalogue's ``percent``
(always one decimal, « 48,0 % », English « 48.0 % ») and the envelope table wrote
« ±10 % » in English too.  Now: a tenth unless whole; French, a decimal comma and U+202F
before « % »; English, the sign set close (« 48% »).

The example: alsace-2016 with the meeting block of docs/fr/apres-la-seance.md (the one of
test_french_spacing_documents).  Worked by hand:

* CP annex (amount over eligible costs): AL16-01 27 000 / 70 000 = 38,571… % → « 38,6 % »;
  AL16-02 24 000 / 50 000 = 48 % exactly → « 48 % » (it read « 48,0 % »);
* the minutes' envelope table: ±10 % of the budget (52 000 €) → « ±10 % », never « 10,0 % »;
* the jurors' workbook: the grid's seven scored criteria each count for 1/7 of the total
  (the grid's note: « chaque critère noté compte pour 1/7 du total ») = 14,285… % →
  « 14,3 % »; the three eliminatory ones count for nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.sheets import write_sheets
from isgrid.messages import percent
from pagetext import docx_text, visible
from testpaths import EXAMPLES

NNBSP = "\u202f"
NBSP = "\u00a0"
MEETING = """meeting:
  date: 2016-05-04
  place: à la Maison de la Région, salle 3
  chair: Mme Schaeffer
  secretary: M. Roth
  quorum: 2
  members:
    - {name: Hélène Schaeffer, role: présidente, assessor: j1}
    - {name: Marc Wendling, assessor: j2}
    - {name: Sophie Kuntz, assessor: j3}
  vote: {body: Commission permanente, date: 2016-05-12, reference: CP-2016-05-12}
"""


@pytest.fixture(scope="module")
def seance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pct") / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(MEETING)
    return folder


def minutes(folder: Path, kind: str, lang: str) -> list[str]:
    """The HTML's visible text and the DOCX's, of ``kind`` (pv, cp-annex) in ``lang``, as
    ``isgrid minutes`` writes them."""
    out = []
    for fmt in ("html", "docx"):
        path = folder.parent / f"{kind}-{lang}.{fmt}"
        res = CliRunner().invoke(cli, ["minutes", str(folder), "--kind", kind, "--lang", lang,
                                       "--format", fmt, "-o", str(path), "--force"])
        assert res.exit_code == 0, res.output
        out.append(visible(path.read_bytes()) if fmt == "html" else docx_text(path.read_bytes()))
    return out


def rows_with(text: str, *ids: str) -> dict[str, str]:
    """Each dossier's annex row as one line: its cells joined by a space."""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return {i: " ".join(lines[lines.index(i):lines.index(i) + 5]) for i in ids}


def test_the_rule_by_hand() -> None:
    assert percent(27000 / 70000, "fr") == f"38,6{NNBSP}%"
    assert percent(24000 / 50000, "fr") == f"48{NNBSP}%"
    assert percent(0.1, "fr") == f"10{NNBSP}%"
    assert percent(1 / 7, "fr") == f"14,3{NNBSP}%"
    assert percent(0.99996, "fr") == f"100{NNBSP}%"  # 99,996 to a tenth is whole
    assert percent(-0.0001, "fr") == f"0{NNBSP}%"  # never « -0 % »
    assert [percent(x, "en") for x in (27000 / 70000, 0.48, 0.1, 1 / 7)] == [
        "38.6%", "48%", "10%", "14.3%"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_cp_annex_rates(seance: Path, lang: str) -> None:
    pytest.importorskip("docx")
    want = ({"AL16-01": f"38,6{NNBSP}%", "AL16-02": f"48{NNBSP}%"} if lang == "fr" else
            {"AL16-01": "38.6%", "AL16-02": "48%"})
    for text in minutes(seance, "cp-annex", lang):
        rows = rows_with(text, "AL16-01", "AL16-02")
        for did, rate in want.items():
            assert rows[did].endswith(" " + rate), (did, rows[did])
        assert "48,0" not in text and "48.0" not in text and " %" not in text


def test_the_minutes_envelope_table_in_french(seance: Path) -> None:
    pytest.importorskip("docx")
    for text in minutes(seance, "pv", "fr"):
        assert f"Enveloppe ±10{NNBSP}%" in text
        assert (f"si l'enveloppe était plus petite ou plus grande de 10{NNBSP}%{NBSP}: la "
                "proposition du jury, classement inchangé") in text
        assert "10,0" not in text


def test_the_minutes_envelope_table_in_english(seance: Path) -> None:
    pytest.importorskip("docx")
    for text in minutes(seance, "pv", "en"):
        assert "Budget ±10%" in text
        assert "if the budget were 10% smaller or larger: the jury's proposal, same ranking" in text
        assert " %" not in text and NNBSP not in text


def _weights(path: Path) -> dict[str, object]:
    """The workbook's guidance sheet: criterion id -> its weight cell."""
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[1] in ("Critère", "Criterion"))
    return {r[1]: r[6] for r in rows[at + 1:] if r[1]}


def test_the_workbook_weights(seance: Path, tmp_path: Path) -> None:
    scored = ["AV-1.1", "AV-4.2", "ALS-1", "ALS-2", "ALS-3", "ALS-4", "ALS-5"]
    call = load_call(seance)
    write_sheets(call, tmp_path / "fr", only=["j1"])
    write_sheets(call, tmp_path / "en", only=["j1"], lang="en")
    fr = _weights(tmp_path / "fr" / "j1.xlsx")
    en = _weights(tmp_path / "en" / "j1.xlsx")
    assert sorted(fr) == sorted(en) == sorted(scored)
    # 1/7 each; alsace's weights are inferred, not published: said after the share
    # (tests/jury/test_sheets_weights.py)
    assert set(fr.values()) == {f"14,3{NNBSP}% (inféré)"}
    assert set(en.values()) == {"14.3% (inferred)"}
