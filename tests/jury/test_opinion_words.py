"""An overall opinion refused in the words the juror's workbook offers (found by a review:
an English workbook's drop-down says « Choose favourable, reserved or unfavourable. », and
a wrong word was refused with « 'positive' is not favorable, réservé or défavorable » and
the hint « Write favorable, réservé or défavorable », French words no English juror saw).
The words are the call's workbook's (``locale/sheets.json`` ``opinion.*``), the message
the command line's language."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.opinions import load_opinions
from isgrid.jury.sheets import write_sheets
from test_jury_sheets import new_call


def _opinions_csv(folder: Path, word: str) -> None:
    (folder / "opinions").mkdir(exist_ok=True)
    (folder / "opinions" / "j1.csv").write_text(
        f"dossier,assessor,opinion,amount,comment\nD1,j1,{word},5000,\n", encoding="utf-8")


def test_an_english_call_s_opinion_file_is_told_its_own_words(tmp_path: Path) -> None:
    folder = new_call(tmp_path, lang="en")
    _opinions_csv(folder, "positive")
    [w] = [d for d in load_opinions(load_call(folder)).warnings if d.code == "bad-opinion"]
    assert w.message == ("'positive' is not favourable, reserved or unfavourable; the "
                         "opinion is left out")
    assert w.hint == "Write favourable, reserved or unfavourable, or leave the cell empty."
    # a French reader of the same call: French sentence, the words the workbook offers
    assert w.message.translated("fr") == (
        "'positive' n'est ni favourable, ni reserved, ni unfavourable\u202f; l'avis est écarté")
    # the English words are read (and « reserved » as réservé)
    _opinions_csv(folder, "Reserved")
    [o] = load_opinions(load_call(folder)).of("D1")
    assert o.opinion == "réservé"


def test_a_french_call_keeps_its_words(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    _opinions_csv(folder, "bof")
    [w] = [d for d in load_opinions(load_call(folder)).warnings if d.code == "bad-opinion"]
    assert w.message.translated("fr") == (
        "'bof' n'est ni favorable, ni réservé, ni défavorable\u202f; l'avis est écarté")
    assert w.hint.translated("fr") == (
        "Écrivez favorable, réservé ou défavorable, ou laissez la cellule vide.")


def test_an_english_workbook_s_opinion_is_refused_in_english(tmp_path: Path) -> None:
    folder = new_call(tmp_path, lang="en")
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, lang="en")
    wb = openpyxl.load_workbook(out / "j1.xlsx")
    ws = wb.worksheets[0]
    col = next(c.column for c in ws[1] if c.value == "Overall opinion")
    ws.cell(2, col).value = "positive"  # D1's rating row
    wb.save(out / "j1.xlsx")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [out / "j1.xlsx"])
    [d] = [d for d in exc.value.diagnostics if d.code == "bad-opinion"]
    assert d.message == "'positive' is not favourable, reserved or unfavourable"
