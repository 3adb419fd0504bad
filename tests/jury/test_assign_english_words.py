"""The roles typed and said in English.  ``isgrid assign --role`` took only « juré » and
« instructeur » (call.yaml and ``decide`` take English words: the same rule,
:func:`isgrid.grid.model.canonical_role`), its help showed them in English too; an
unknown role in call.yaml was refused with the French words alone; and the English
sentences said « the role juré », « with the role instructeur », « The jurors (juré) »:
now the English role words (the common catalog's ``role.*``).  French as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from callfactory import make_call
from faultruns import DATED, run
from isgrid.cli import cli

NBSP = "\u00a0"
DOSSIERS = [{"id": f"D{i:02d}"} for i in range(1, 5)]
JURY = [{"id": "j1"}, {"id": "j2"}, {"id": "i1", "role": "instructeur"}]


def _call(tmp_path: Path, **extra: Any) -> Path:
    return make_call(tmp_path, "mini-scored", call={"assessors": JURY} | extra,
                     dossiers=DOSSIERS)


def _assign(folder: Path, *args: str, lang: str = "en") -> Any:
    return CliRunner().invoke(cli, ["--lang", lang, "assign", str(folder), *args])


@pytest.mark.parametrize(("typed", "rows"), [
    ("juror", ["D01,j1", "D02,j2", "D03,j1", "D04,j2"]),
    ("Jury member", ["D01,j1", "D02,j2", "D03,j1", "D04,j2"]),
    ("instructor", ["D01,i1", "D02,i1", "D03,i1", "D04,i1"]),
    ("juré", ["D01,j1", "D02,j2", "D03,j1", "D04,j2"]),  # French, as before
])
def test_the_role_is_typed_in_english_too(tmp_path: Path, typed: str, rows: list[str]) -> None:
    folder = _call(tmp_path)
    res = _assign(folder, "--per-dossier", "1", "--role", typed)
    assert res.exit_code == 0, res.output
    # one assessor a dossier, in turn: j1, j2, j1, j2 (the jurors), or i1 alone
    lines = (folder / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["dossier,assessor", *rows]


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Error: Invalid value for '--role': 'jurr' is not one of 'juror', 'instructor'."),
    ("fr", f"Erreur{NBSP}: Valeur invalide pour «\xa0--role\xa0»{NBSP}: «\xa0jurr\xa0» n'est pas l'une des "
           "valeurs «\xa0juré\xa0», «\xa0instructeur\xa0»."),
])
def test_a_wrong_role_is_refused_with_the_words_of_the_language(
        tmp_path: Path, lang: str, said: str) -> None:
    proc = run(DATED, "--lang", lang, "assign", _call(tmp_path), "--per-dossier", "1",
               "--role", "jurr")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == said


def test_the_help_names_the_roles_and_the_default_in_its_language() -> None:
    out = " ".join(CliRunner().invoke(cli, ["--lang", "en", "assign", "--help"]).output.split())
    assert "--role [juror|instructor] Which assessors to assign. [default: juror]" in out
    assert "juré" not in out and "instructeur" not in out
    out = " ".join(CliRunner().invoke(cli, ["--lang", "fr", "assign", "--help"]).output.split())
    assert "--role [juré|instructeur]" in out and "[par défaut : juré]" in out  # (split)


def test_the_english_sentences_say_the_role_in_english(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    assert _assign(folder, "--per-dossier", "1").exit_code == 0
    res = _assign(folder, "--per-dossier", "1", "--role", "juror")
    assert res.exit_code == 2
    # « 4 assignments of the role jury member » read as a garbled sentence (a review)
    assert (f"{folder / 'assignments.csv'} already has 4 assignments for the role "
            "“jury member” [output-exists]") in res.output
    res = _assign(folder, "--per-dossier", "1", "--role", "juré", lang="fr")
    assert (f"{folder / 'assignments.csv'} contient déjà 4 attributions pour le rôle "
            f"«{NBSP}juré{NBSP}» [output-exists]") in res.output
    # a call without an instructor
    folder = make_call(tmp_path, "mini-scored", call={"assessors": JURY[:2]},
                       dossiers=DOSSIERS, name="jurors")
    res = _assign(folder, "--per-dossier", "1", "--role", "instructor")
    assert res.exit_code == 1
    assert "the call declares no assessor who is an instructor [no-assessors]" in res.output
    res = _assign(folder, "--per-dossier", "1", "--role", "instructeur", lang="fr")
    assert ("l'appel ne déclare aucun évaluateur de rôle instructeur [no-assessors]"
            in res.output)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["Input should be 'instructor' or 'juror' (got 'jurr') [call-invalid]",
            "  Hint: role: one of instructor, juror, default juror. See docs/calls.md."]),
    ("fr", ["La valeur doit être «\xa0instructeur\xa0» ou «\xa0juré\xa0» («\xa0jurr\xa0» trouvé) [call-invalid]",
            f"  Indice{NBSP}: role{NBSP}: une valeur parmi instructeur, juré, par défaut juré. "
            "Voir docs/calls.md."]),
])
def test_an_unknown_role_in_call_yaml_is_refused_with_the_language_s_words(
        tmp_path: Path, lang: str, said: list[str]) -> None:
    folder = make_call(tmp_path, "mini-scored", call={"assessors": [
        {"id": "j1", "role": "jurr"}]}, dossiers=DOSSIERS)
    res = CliRunner().invoke(cli, ["--lang", lang, "call", "check", str(folder)])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "(assessors[0].role)" in line)
    assert lines[at].endswith(said[0]) and lines[at + 1] == said[1], lines
