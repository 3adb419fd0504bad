"""Small messages a French secretariat met, each said as it is.

* the same workbook given twice to ``sheets import``: « est donné deux fois », not « retour/
  j1.xlsx et retour/j1.xlsx sont tous deux pour j1 »;
* ``cap: -5``: « est un montant négatif », not the hint of too large an amount (« un chiffre est-il
  répété ? »);
* a ratings file's header: the hint names ``shareable`` too, as isgrid's own files write it;
* one apostrophe in the French catalogs: the straight one (« n'est », never « n’est »);
* the last line counts the errors whenever something else was printed, one error too.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po
from click.testing import CliRunner
from i18n_messages import PO

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.jury.sheets import write_sheets

NBSP = "\u00a0"
CALL = {"assessors": [{"id": "j1", "name": "Anne"}, {"id": "j2", "name": "Bruno"}]}
DOSSIERS = [{"id": "D1", "title": "Épicerie solidaire", "amount_requested": 20000,
             "region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                              {"name": "V", "type": "collectivite"}]}]


def _run(*args: str) -> tuple[int, list[str]]:
    res = CliRunner().invoke(cli, ["--lang", "fr", *args])
    return res.exit_code, res.stderr.splitlines()


def test_a_workbook_given_twice_is_said_given_twice(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    out = tmp_path / "retour"
    write_sheets(load_call(folder), out, only=["j1"])
    book = out / "j1.xlsx"
    code, err = _run("sheets", "import", str(folder), str(book), str(book))
    assert code == 1
    assert err[:2] == [
        f"Erreur{NBSP}: {book}{NBSP}: {book} est donné deux fois [sheet-assessor-twice]",
        f"  Indice{NBSP}: Donnez chaque classeur une seule fois."]
    # the folder and a workbook in it: the same file, given twice as well
    code, err = _run("sheets", "import", str(folder), str(out), str(book))
    assert f"{book} est donné deux fois" in err[0]


def test_two_workbooks_for_one_juror_still_say_so(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    out = tmp_path / "retour"
    write_sheets(load_call(folder), out, only=["j1"])
    copy = tmp_path / "j1-bis.xlsx"
    copy.write_bytes((out / "j1.xlsx").read_bytes())
    code, err = _run("sheets", "import", str(folder), str(out / "j1.xlsx"), str(copy))
    assert code == 1
    assert err[0] == (f"Erreur{NBSP}: {copy}{NBSP}: {out / 'j1.xlsx'} et {copy} sont tous "
                      "deux pour j1 [sheet-assessor-twice]")


def test_a_negative_cap_is_said_negative(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL | {"funding": {"cap": -5}},
                       dossiers=DOSSIERS)
    code, err = _run("call", "check", str(folder))
    assert code == 1
    assert err[0].endswith(f"(funding.cap){NBSP}: funding.cap{NBSP}: «\xa0-5\xa0» est un montant négatif "
                           "[call-invalid]"), err
    assert err[1] == f"  Indice{NBSP}: Un montant vaut 0 ou plus."
    assert not any("chiffre" in line for line in err)


def test_a_ratings_files_header_hint_names_shareable(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS,
                       ratings=[("D1", "j1", "B1", 3)])
    (folder / "ratings" / "j1.csv").write_text("dossier,juror,criterion,value,comment\n",
                                               encoding="utf-8")
    code, err = _run("call", "check", str(folder))
    assert code == 1
    assert f"  Indice{NBSP}: L'en-tête d'un fichier de notes{NBSP}: dossier,assessor,criterion," \
           "value,comment,shareable (les deux dernières colonnes sont facultatives)." in err, err


def _french_texts() -> list[str]:
    """Every French text of the catalogs: the command line's (the .po's translations) and
    the documents' (the French halves of the JSON catalogs)."""
    with PO.open("rb") as f:
        texts = [s for m in read_po(f) if m.id
                 for s in ([m.string] if isinstance(m.string, str) else m.string)]
    # the pages' catalogs (locale/*.json: the workspace's, the séance's, the
    # self-assessment's…), beside the .po's folder; not src/isgrid/*.json, which holds none
    for path in sorted((PO.parents[2]).glob("*.json")):
        texts += [v for v in json.loads(path.read_text(encoding="utf-8"))["fr"].values()
                  if isinstance(v, str)]
    return texts


def test_one_apostrophe_in_the_french_catalogs() -> None:
    """The straight apostrophe, as some 600 texts of the catalogs write it (« n'est »,
    « l'appel »); French typography's rule (isgrid.i18n.french_spacing) is about spaces,
    not apostrophes: a curly one (« n’est ») stood out next to them."""
    texts = _french_texts()
    assert len(texts) > 2000  # the .po's and the JSON catalogs' (the workspace's included)
    assert sum("'" in t for t in texts) > 500
    assert [t for t in texts if "\u2019" in t] == []


def test_the_cli_own_french_words_use_the_straight_apostrophe_too() -> None:
    """click's own words in French (« [variable d'environnement : … »), outside the .po."""
    from isgrid.cli.base import _EXTRAS_FR

    assert "[variable d'environnement\u00a0: " in [fr for _, fr in _EXTRAS_FR]
    assert not any("\u2019" in fr for _, fr in _EXTRAS_FR)


def test_one_error_followed_by_a_warning_ends_with_the_count(tmp_path: Path) -> None:
    """The count is the last line, so that the end of the output says the command failed:
    one error, then a warning (j1 rated nothing yet) printed after it."""
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS,
                       ratings=[("D1", "j1", "B1", 3), ("D1", "j2", "B1", 3)])
    (folder / "ratings" / "j1.csv").write_text("", encoding="utf-8")  # an empty file
    code, err = _run("call", "check", str(folder))
    assert code == 1
    heads = [line.split(NBSP)[0] for line in err if not line.startswith(" ")]
    assert heads[0] == "Erreur" and set(heads[1:-1]) == {"Avertissement"}, err
    assert err[-1] == f"Erreur{NBSP}: 1 erreur."


def test_one_error_alone_is_the_last_line_itself(tmp_path: Path) -> None:
    # a refused lang stops the reading at call.yaml (a refused funding would not: the
    # other files' warnings would follow it, docs/calls.md « What is checked »)
    folder = make_call(tmp_path, "mini-scored", call=CALL | {"lang": "de"},
                       dossiers=DOSSIERS, ratings=[("D1", "j1", "B1", 3),
                                                   ("D1", "j2", "B1", 3)])
    code, err = _run("call", "check", str(folder))
    assert code == 1
    assert len(err) == 2 and err[0].startswith(f"Erreur{NBSP}: ") and "Indice" in err[1], err


def test_the_pages_own_french_words_use_the_straight_apostrophe_too() -> None:
    """The web pages' words outside the JSON catalogs: the error pages of the workspace, the
    séance's pages and the self-assessment (« Cette page n'existe pas. »), and what the
    dashboard says of files a stopped server never wrote."""
    from isgrid.web.security import _DEFAULT_MESSAGES
    from isgrid.workspace.export import PENDING_WHY

    assert _DEFAULT_MESSAGES["not_found"][0] == "Cette page n'existe pas."
    assert not any("\u2019" in text for pair in _DEFAULT_MESSAGES.values() for text in pair)
    assert "\u2019" not in PENDING_WHY["fr"] + PENDING_WHY["en"]
