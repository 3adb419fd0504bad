"""A yes/no criterion in an English juror's workbook (a review: its drop-down read « non,
oui » in a workbook otherwise in English).  An English workbook lists « no », « yes »
(its drop-down, its refusal, its guidance and a rating already given); the grid keeps its
labels « non », « oui » (its sources' words), and the import reads both languages' words.
A French workbook lists « non », « oui » as before."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.jury.importer import import_sheets
from isgrid.jury.sheets import write_sheets

ELIGIBLE = {"region": "Alsace", "amount_requested": 10000,
            "partners": [{"name": "U", "type": "recherche"},
                         {"name": "V", "type": "collectivite"}]}


def _call(tmp_path: Path, lang: str, ratings: list[tuple[str, str, str, str]] = ()) -> Path:
    """mini-scored (X1 on the scale yesno: 0 = non, 1 = oui), in ``lang``; i1 an
    instructor, who rates X1, of D1 and D2."""
    return make_call(tmp_path, "mini-scored", call={
        "lang": lang,
        "assessors": [{"id": "j1", "name": "Ann Lee"},
                      {"id": "i1", "name": "Programme Office", "role": "instructeur"}],
    }, dossiers=[{"id": "D1"} | ELIGIBLE, {"id": "D2"} | ELIGIBLE], ratings=list(ratings))


def _yes_no_list(book: Path) -> list[str]:
    """The entries of the drop-down of X1's cells (the hidden list sheet's yesno column)."""
    lists = openpyxl.load_workbook(book)["_listes"]
    col = next(c.column for c in lists[1] if c.value == "yesno")
    return [str(lists.cell(r, col).value) for r in range(2, lists.max_row + 1)
            if lists.cell(r, col).value is not None]


def _texts(book: Path) -> list[str]:
    wb = openpyxl.load_workbook(book)
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


@pytest.mark.parametrize(("lang", "words"), [("en", ["no", "yes"]), ("fr", ["non", "oui"])])
@pytest.mark.parametrize("layout", ["rows", "per-dossier"])
def test_the_drop_down_lists_the_workbook_s_words(tmp_path: Path, lang: str,
                                                    words: list[str], layout: str) -> None:
    out = tmp_path / "out"
    write_sheets(load_call(_call(tmp_path, lang)), out, lang=lang, layout=layout)
    assert _yes_no_list(out / "i1.xlsx") == words
    ws = openpyxl.load_workbook(out / "i1.xlsx").worksheets[0]
    errors = {v.error for v in ws.data_validations.dataValidation}
    # the refusal of a yes/no cell names the levels as the list shows them
    assert any(f"{words[0]}, {words[1]}" in (e or "") for e in errors), errors
    assert not any("non, oui" in (e or "") for e in errors) or lang == "fr"


def test_the_english_guidance_says_yes_and_no(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_sheets(load_call(_call(tmp_path, "en")), out, lang="en")
    texts = _texts(out / "i1.xlsx")
    assert "0 = no\n1 = yes" in texts
    assert not any(t.startswith("0 = non") for t in texts)


def test_a_rating_already_given_shows_the_english_word(tmp_path: Path) -> None:
    folder = _call(tmp_path, "en", ratings=[("D1", "i1", "X1", "1"), ("D2", "i1", "X1", "0")])
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, lang="en")
    ws = openpyxl.load_workbook(out / "i1.xlsx").worksheets[0]
    col = next(c.column for c in ws[1] if str(c.value).startswith("X1"))
    shown = {ws.cell(r, 1).value: ws.cell(r, col).value for r in range(2, ws.max_row + 1)
             if ws.cell(r, 4).value == "rating"}
    assert shown == {"D1": "yes", "D2": "no"}


def _fill(book: Path, values: list[str]) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    col = next(c.column for c in ws[1] if str(c.value).startswith("X1"))
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 4).value in ("rating", "note")]
    for r, v in zip(rows, values, strict=True):
        ws.cell(r, col).value = v
    wb.save(book)


@pytest.mark.parametrize("call_lang", ["en", "fr"])
def test_an_english_workbook_reads_back_in_both_languages(tmp_path: Path,
                                                          call_lang: str) -> None:
    """An English workbook (an English call's, or a French call's written with --lang en
    for an English-speaking juror) takes « yes » from its list and « non » typed."""
    folder = _call(tmp_path, call_lang)
    out = tmp_path / "out"
    write_sheets(load_call(folder), out, lang="en")
    _fill(out / "i1.xlsx", ["yes", "non"])
    import_sheets(load_call(folder), [out / "i1.xlsx"])
    got = {(r.dossier, r.criterion): r.value for r in load_call(folder).ratings
           if r.assessor == "i1"}
    assert got == {("D1", "X1"): 1.0, ("D2", "X1"): 0.0}
