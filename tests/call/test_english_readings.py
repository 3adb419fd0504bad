"""An English call read in its own words (a review of an English programme's call).

* ``role: juror`` / ``role: instructor`` in call.yaml were refused (« Input should be
  'instructeur' or 'juré' »): they are the roles they name, the loaded call keeping the
  canonical value.
* A ratings file's « yes » / « no » on the oui/non scale were refused (« 'yes' is neither a
  value nor a label (non, oui) »), and so were « N.A. », « n.a. », « not applicable »; the
  hint offered « NE for n/a », a French abbreviation.  In a call whose language is English
  they read as the labels and n/a they mean; in a French call nothing changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.call.purge import _pseudonyms
from isgrid.errors import CODES, CallError
from isgrid.grid.model import Scale
from isgrid.grid.scales import parse_value
from isgrid.i18n import gettext

ELIGIBLE = {"region": "Alsace", "amount_requested": 10000,
            "partners": [{"name": "U", "type": "recherche"},
                         {"name": "V", "type": "collectivite"}]}
YESNO = Scale.model_validate({"levels": [{"value": 0, "label": "non"},
                                         {"value": 1, "label": "oui"}], "na": False})
S04 = Scale.model_validate({"levels": [{"value": v, "label": w} for v, w in
                                       enumerate(["Insuffisant", "Faible", "Moyen", "Bon",
                                                  "Excellent"])], "na": True})


def _call(tmp_path: Path, lang: str, ratings: list[tuple[str, str, str, str]]) -> Path:
    """mini-scored (B1, B2, I1 on s04, n/a allowed; X1 on yesno, eliminatory, rated by an
    instructor): j1 a juror and i1 an instructor, named in English."""
    return make_call(tmp_path, "mini-scored", call={
        "lang": lang,
        "assessors": [{"id": "j1", "name": "Ann Lee", "role": "juror"},
                      {"id": "i1", "name": "Programme Office", "role": "Instructor"}],
    }, dossiers=[{"id": "D1"} | ELIGIBLE, {"id": "D2"} | ELIGIBLE], ratings=ratings)


@pytest.mark.parametrize(("written", "value", "na"), [
    ("yes", 1.0, False), ("No", 0.0, False), ("YES", 1.0, False), ("oui", 1.0, False),
])
def test_yes_and_no_read_as_oui_and_non_in_english(written: str, value: float,
                                                   na: bool) -> None:
    parsed = parse_value(written, YESNO, "yesno", "en")
    assert (parsed.value, parsed.na, parsed.error) == (value, na, None)


def test_yes_is_refused_in_a_french_call_as_before() -> None:
    parsed = parse_value("yes", YESNO, "yesno", "fr")
    assert parsed.value is None and parsed.error is not None
    assert parsed.error.values["labels"] == "non, oui"


def test_a_wrong_word_in_english_lists_the_english_readings() -> None:
    parsed = parse_value("maybe", YESNO, "yesno", "en")
    assert parsed.error is not None
    assert parsed.error.values["labels"] == "non (no), oui (yes)"


@pytest.mark.parametrize("written", ["N.A.", "n.a.", "n.a", "not applicable",
                                     "Not Applicable", "N/A", "NE"])
def test_the_english_spellings_of_na_read_as_na(written: str) -> None:
    parsed = parse_value(written, S04, "s04", "en")
    assert (parsed.value, parsed.na, parsed.error) == (None, True, None)


@pytest.mark.parametrize("written", ["N.A.", "not applicable"])
def test_french_calls_keep_their_na_words(written: str) -> None:
    assert parse_value(written, S04, "s04", "fr").error is not None


def test_the_hints_say_na_in_english_and_keep_the_french_words() -> None:
    hint = CODES["value-out-of-scale"].hint
    assert hint == ("Use a level value or label of the scale, N/A (not applicable) or NE, "
                    "or leave the cell empty.")
    assert gettext(hint, "fr") == ("Utilisez une valeur ou un libellé de niveau de "
                                   "l'échelle, NE pour sans objet, ou laissez la cellule "
                                   "vide.")
    no_na = parse_value("N.A.", YESNO, "yesno", "en")
    assert no_na.error is not None and no_na.hint is not None
    assert "this scale takes no N/A (not applicable) or NE." in no_na.hint.template


def test_an_english_call_reads_its_roles_and_its_ratings(tmp_path: Path) -> None:
    folder = _call(tmp_path, "en", [
        ("D1", "i1", "X1", "yes"), ("D2", "i1", "X1", "no"),
        ("D1", "j1", "B1", "3"), ("D1", "j1", "B2", "N.A."), ("D1", "j1", "I1",
                                                              "not applicable"),
        ("D2", "j1", "B1", "2"), ("D2", "j1", "B2", "n.a."), ("D2", "j1", "I1", "1")])
    call = load_call(folder)
    assert [(a.id, a.role) for a in call.config.assessors or []] == [
        ("j1", "juré"), ("i1", "instructeur")]
    got = {(r.dossier, r.assessor, r.criterion): (r.value, r.na) for r in call.ratings}
    assert got[("D1", "i1", "X1")] == (1.0, False)
    assert got[("D2", "i1", "X1")] == (0.0, False)
    assert got[("D1", "j1", "B2")] == (None, True)
    assert got[("D1", "j1", "I1")] == (None, True)
    assert got[("D2", "j1", "B2")] == (None, True)
    # the pseudonyms of the purge know an instructor named in English
    assert _pseudonyms({"assessors": [{"name": "Programme Office", "role": "instructor"},
                                      {"name": "Ann Lee", "role": "juror"}]}) == {
        "Programme Office": "Instructeur 1", "Ann Lee": "Juré 1"}


def test_a_french_call_refuses_yes_as_before(tmp_path: Path) -> None:
    folder = _call(tmp_path, "fr", [("D1", "i1", "X1", "yes"), ("D2", "i1", "X1", "oui")])
    with pytest.raises(CallError) as exc:
        load_call(folder)
    (error,) = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert error.code == "value-out-of-scale"
    assert error.location.line == 2


def test_a_row_refused_in_an_english_call_leaves_the_english_words_read(
        tmp_path: Path) -> None:
    """The row reader (a file with a problem is read again row by row) reads as the
    column reader does: only « maybe » is refused, with the labels' English words."""
    folder = _call(tmp_path, "en", [("D1", "i1", "X1", "yes"), ("D2", "i1", "X1", "maybe"),
                                    ("D1", "j1", "B2", "N.A.")])
    with pytest.raises(CallError) as exc:
        load_call(folder)
    errors = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert [(d.code, Path(d.location.file).name, d.location.line) for d in errors] == [
        ("value-out-of-scale", "i1.csv", 3)]
    assert errors[0].message.values["labels"] == "non (no), oui (yes)"
