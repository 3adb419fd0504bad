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
from test_jury_sheets import new_call

from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.opinions import load_opinions
from isgrid.jury.sheets import write_sheets


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
        "«\xa0positive\xa0» n'est ni favourable, ni reserved, ni unfavourable\u202f; l'avis est écarté")
    # the English words are read (and « reserved » as réservé)
    _opinions_csv(folder, "Reserved")
    [o] = load_opinions(load_call(folder)).of("D1")
    assert o.opinion == "réservé"


def test_a_french_call_keeps_its_words(tmp_path: Path) -> None:
    folder = new_call(tmp_path)
    _opinions_csv(folder, "bof")
    [w] = [d for d in load_opinions(load_call(folder)).warnings if d.code == "bad-opinion"]
    assert w.message.translated("fr") == (
        "«\xa0bof\xa0» n'est ni favorable, ni réservé, ni défavorable\u202f; l'avis est écarté")
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


def test_an_english_call_s_files_store_its_own_words(tmp_path: Path) -> None:
    """The files an English call's import writes say what its jurors typed: "favourable",
    "unfavourable", "yes" under a shared comment (they stored « favorable », « défavorable »,
    « oui »); read back as the same opinions and marks (found by a review)."""
    from isgrid.jury.importer import JurorSheet, opinions_csv, ratings_csv

    folder = new_call(tmp_path, lang="en")
    call = load_call(folder)
    sheet = JurorSheet("j1.xlsx", "j1")
    sheet.ratings[("D1", "B1")] = ("3", "Clear need")
    sheet.shared.add(("D1", "B1"))
    sheet.opinions["D1"] = ("favorable", "12500", "")
    sheet.opinions["D2"] = ("défavorable", "", "")
    sheet.opinions["D3"] = ("réservé", "", "")
    (folder / "ratings").mkdir(exist_ok=True)
    (folder / "ratings" / "j1.csv").write_bytes(ratings_csv(call, sheet))
    (folder / "opinions").mkdir(exist_ok=True)
    (folder / "opinions" / "j1.csv").write_bytes(opinions_csv(call, sheet))
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()[1] == \
        "D1,j1,B1,3,Clear need,yes"
    assert (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "D1,j1,favourable,12500,", "D2,j1,unfavourable,,", "D3,j1,reserved,,"]
    back = load_opinions(load_call(folder))
    assert [(o.dossier, o.opinion) for d in ("D1", "D2", "D3") for o in back.of(d)] == [
        ("D1", "favorable"), ("D2", "défavorable"), ("D3", "réservé")]
    assert not back.warnings
    [r] = [r for r in load_call(folder).ratings if r.assessor == "j1" and r.dossier == "D1"]
    assert r.shareable is True
    # a French call's files keep their words
    french = load_call(new_call(tmp_path, name="fr"))
    assert opinions_csv(french, sheet).decode("utf-8").splitlines()[1] == \
        "D1,j1,favorable,12500,"
    assert ratings_csv(french, sheet).decode("utf-8").splitlines()[1].endswith(",oui")
