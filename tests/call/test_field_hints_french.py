"""The hints of call.yaml's blocks in the command line's language.

A wrong value, a missing key or a bad choice in a block (``sensitivity``, ``meeting``,
``dispositif``…) gets a hint describing the key (``isgrid.validation.describe_field``):
its words and the field's ``description`` are in French when the command line is
(``--lang fr`` or a French locale, never call.yaml's ``lang``), numbers with a decimal
comma; the English text is the one isgrid always wrote.
"""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, Field, ValidationError

from callfactory import make_call
from gridtexts import criterion, grid, section
from isgrid.call.block_hints import block_hint
from isgrid.cli import cli
from isgrid.validation import describe_field, field_descriptions, pydantic_message
from testpaths import EXAMPLES, ROOT

NBSP = "\u00a0"
GRID = grid("blocks", "Blocs", section("s", "Section", criterion("C", "Critère")))


def folder_with(tmp_path: Path, blocks: str, lang: str = "fr", name: str = "call") -> Path:
    folder = make_call(tmp_path, GRID, dossiers=[{"id": "D1"}], ratings=[("D1", "j1", "C", 3)],
                       name=name)
    (folder / "call.yaml").write_text(f"title: Appel\ngrid: grid.yaml\nlang: {lang}\n{blocks}",
                                      encoding="utf-8")
    return folder


def check(folder: Path, *args: str, env: dict[str, str | None] | None = None) -> str:
    result = CliRunner().invoke(cli, [*args, "call", "check", str(folder)],
                                env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8",
                                     **(env or {})})
    assert result.exit_code == 1, result.output
    return result.stderr


def hints(err: str) -> list[str]:
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


# « draws » is an int with ge=0, le=MAX_DRAWS (10000), default 0, described « Default number
# of draws. »; « Indice : » and « draws : » with a no-break space before the colon, ≥ and ≤
# with one after them.
DRAWS_FR = (f"Indice{NBSP}: draws{NBSP}: un entier ≥{NBSP}0 et ≤{NBSP}10000, par défaut 0 "
            "(Nombre de tirages par défaut). Voir docs/jury.md (sensitivity).")
DRAWS_EN = ("Hint: draws: an integer >= 0 and <= 10000, default 0 (Default number of draws). "
            "See docs/jury.md (sensitivity).")


def test_a_wrong_type_in_french_in_full(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "sensitivity: {draws: beaucoup}\n")
    assert hints(check(folder, "--lang", "fr")) == [DRAWS_FR]
    # a French locale says the same; call.yaml's lang (en here) never decides
    english_call = folder_with(tmp_path, "sensitivity: {draws: beaucoup}\n", "en", "c2")
    assert hints(check(english_call, env={"LANG": "fr_FR.UTF-8"})) == [DRAWS_FR]
    # and in English, whatever the call's lang: the text isgrid always wrote
    assert hints(check(folder)) == [DRAWS_EN]
    assert hints(check(folder, "--lang", "en", env={"LANG": "fr_FR.UTF-8"})) == [DRAWS_EN]


def test_a_missing_key_a_bad_date_and_a_bad_choice_in_french(tmp_path: Path) -> None:
    blocks = ("constraints:\n  - {id: a, kind: min, fact: t, value: x}\n"
              "meeting:\n  date: demain\n  members:\n    - {name: X, present: peut-être}\n"
              "dispositif: {id: AAP, recurrence: Jamais}\n")
    err = check(folder_with(tmp_path, blocks), "--lang", "fr")
    assert sorted(hints(err)) == sorted([
        # count: int, ge=1, required
        f"Indice{NBSP}: count{NBSP}: un entier ≥{NBSP}1, obligatoire. "
        "Voir docs/decisions.md (constraints).",
        # date: str | None with the ISO date pattern, no default
        f"Indice{NBSP}: date{NBSP}: un texte au format AAAA-MM-JJ ou JJ/MM/AAAA, facultatif. "
        "Voir docs/decisions.md (meeting).",
        # present: bool = True
        f"Indice{NBSP}: present{NBSP}: true ou false, par défaut true. "
        "Voir docs/decisions.md (meeting).",
        # recurrence: Literal[...] = "Ponctuelle"; the values as written
        f"Indice{NBSP}: recurrence{NBSP}: une valeur parmi Permanente, Ponctuelle, Récurrente, "
        "par défaut Ponctuelle. Voir docs/reports.md (dispositif).",
    ]), err
    # pydantic's list of the choices says « ou » before the last one
    assert ("La valeur doit être «\xa0Permanente\xa0», «\xa0Ponctuelle\xa0» ou «\xa0Récurrente\xa0» («\xa0Jamais\xa0» trouvé)"
            in err), err
    assert " or " not in err and "See docs" not in err, err


def test_english_hints_are_unchanged(tmp_path: Path) -> None:
    """The English text, byte for byte, as describe_field wrote it before it had French."""
    expected = {
        ("sensitivity", "margin"): "margin: a number >= 0 and <= 100, default 5 (Points around "
                                   "the line). See docs/jury.md (sensitivity).",
        ("meeting", "members", 0, "present"): "present: true or false, default true. "
                                              "See docs/decisions.md (meeting).",
        ("meeting", "attribuant", "conditions_versement"):
            "conditions_versement: a text not empty and of at most 256 characters, default "
            "unique. See docs/decisions.md (meeting).",
        ("retention", "since"): "since: a text as YYYY-MM-DD or DD/MM/YYYY, optional (Start "
                                "date (default: meeting.vote.date, else meeting.date)). See "
                                "docs/personal-data.md (retention).",
        ("dispositif", "porteur_siren"): r"porteur_siren: a text matching ^\d{9}$, optional. "
                                         "See docs/reports.md (dispositif).",
        ("constraints", 0, "min", "value"): "value: a text, a number or true/false, required. "
                                            "See docs/decisions.md (constraints).",
        ("calibration",): "calibration is a mapping of k. See docs/jury.md (calibration).",
        ("constraints", 0): "Each constraint has a kind: min, max or envelope. "
                            "See docs/decisions.md (constraints).",
    }
    for loc, text in expected.items():
        hint = block_hint(loc)
        assert hint == text and hint is not None and hint.translated("en") == text, loc
    err = check(folder_with(tmp_path, "dispositif: {id: AAP, recurrence: Jamais}\n"))
    assert ("Input should be 'Permanente', 'Ponctuelle' or 'Récurrente' (got 'Jamais')"
            in err), err


class Step(BaseModel):
    step: float = Field(0.01, gt=0, le=2.5, description="Default number of draws.")
    code: str = Field(min_length=1, max_length=12, pattern=r"^[A-Z]+$")
    either: int | str | None = None
    flag: bool = False


@pytest.mark.parametrize(("name", "english", "french"), [
    ("step", "step: a number > 0 and <= 2.5, default 0.01 (Default number of draws)",
     f"step{NBSP}: un nombre >{NBSP}0 et ≤{NBSP}2,5, par défaut 0,01 (Nombre de tirages par "
     "défaut)"),
    ("code", "code: a text not empty and of at most 12 characters and matching ^[A-Z]+$, "
             "required",
     f"code{NBSP}: un texte non vide et d'au plus 12 caractères et conforme au motif ^[A-Z]+$, "
     "obligatoire"),
    ("either", "either: an integer or a text, optional",
     f"either{NBSP}: un entier ou un texte, facultatif"),
    ("flag", "flag: true or false, default false",
     f"flag{NBSP}: true ou false, par défaut false"),
])
def test_describe_field_in_both_languages(name: str, english: str, french: str) -> None:
    text = describe_field(name, Step.model_fields[name])
    assert text == english
    assert text.translated("fr") == french
    # a diagnostic's hint crosses process pools: pickled, it keeps both languages
    again = pickle.loads(pickle.dumps(text))
    assert (again, again.translated("fr")) == (english, french)


class Inner(BaseModel):
    deep: int = Field(0, description="A description nobody translated yet.")


class Outer(BaseModel):
    items: list[Inner] = Field(default_factory=list, description="Outer items.")
    other: str | None = None


def test_field_descriptions_follow_the_models_inside() -> None:
    assert field_descriptions([Outer]) == {"Outer items.", "A description nobody translated "
                                                           "yet."}


class Choice(BaseModel):
    pick: Literal["oui", "non", "ni oui or non"]


def test_pydantic_choices_say_ou_before_the_last_one() -> None:
    """« Input should be 'oui', 'non' or 'ni oui or non' »: only the « or » between the
    values is a word of the sentence; a value holding « or » stays as written."""
    with pytest.raises(ValidationError) as info:
        Choice(pick="peut-être")
    message = pydantic_message(info.value.errors()[0])
    assert message == "Input should be 'oui', 'non' or 'ni oui or non'"
    assert message.translated("fr") == "La valeur doit être «\xa0oui\xa0», «\xa0non\xa0» ou «\xa0ni oui or non\xa0»"


def test_the_french_guide_shows_the_hint_isgrid_gives(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/fr/preparer-un-appel.md shows the answer to a wrong draws in `appel` (the copy
    of examples/alsace-2016 the guide works on): it is isgrid's, byte for byte."""
    guide = (ROOT / "docs" / "fr" / "preparer-un-appel.md").read_text(encoding="utf-8")
    # every fenced block with its opening line, the untagged ones kept: isgrid's answers
    [shown] = [b for tag, b in re.findall(r"^```([^\n]*)\n(.*?)^```$", guide,
                                          flags=re.S | re.M)
               if not tag and "(sensitivity.draws)" in b]
    shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / "appel")
    with (tmp_path / "appel" / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("sensitivity: {draws: beaucoup}\n")
    monkeypatch.chdir(tmp_path)
    assert check(Path("appel"), "--lang", "fr") == shown
    assert DRAWS_FR in shown


def test_the_letters_block_says_what_each_key_expects(tmp_path: Path) -> None:
    """``letters`` was the one block of call.yaml left out of the hints: its errors said
    only « Voir docs/calls.md pour les clés de call.yaml »."""
    folder = folder_with(tmp_path, "letters: {place: 3}\n")
    assert hints(check(folder, "--lang", "fr")) == [
        f"Indice{NBSP}: place{NBSP}: un texte, facultatif («{NBSP}Fait à …{NBSP}»{NBSP}: le "
        "lieu de signature). Voir docs/calls.md (letters)."]
    assert hints(check(folder)) == [
        "Hint: place: a text, optional (« Fait à … »: the place of signature). "
        "See docs/calls.md (letters)."]


def test_a_float_bound_is_said_in_french_too(tmp_path: Path) -> None:
    """pydantic writes a float bound 0.0 as « 0 »: the French message compared its own
    « 0.0 » with it, found them different, and fell back to pydantic's English sentence
    inside a French diagnostic (« Input should be greater than or equal to 0 (-1 trouvé) »)."""
    from pydantic import BaseModel, Field, ValidationError

    from isgrid.messages import translate_message
    from isgrid.validation import pydantic_message

    folder = folder_with(tmp_path, "calibration: {k: -1}\n")
    err = check(folder, "--lang", "fr")
    assert (f"(calibration.k){NBSP}: La valeur doit être supérieure ou égale à 0 (-1 trouvé) "
            "[call-invalid]") in err

    class M(BaseModel):
        x: float = Field(1, le=2.5)

    try:
        M(x=3)
    except ValidationError as exc:
        msg = pydantic_message(exc.errors()[0])
    assert str(msg) == "Input should be less than or equal to 2.5"
    assert translate_message(msg, "fr") == "La valeur doit être inférieure ou égale à 2,5"


def test_a_boolean_found_is_written_as_yaml_writes_it(tmp_path: Path) -> None:
    """« (True trouvé) »: the value found was shown in Python's spelling."""
    folder = folder_with(tmp_path, "letters: {place: true}\n")
    err = check(folder)
    assert "(letters.place): Input should be a valid string (got true) [call-invalid]" in err
