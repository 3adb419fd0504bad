"""``sheets write``'s two refusals of what it was asked (a layout it does not know, a --link
that is no web address): the value quoted as each language quotes a value (« ftp://x » in
French, 'ftp://x' in English, messages.Quote), the sentence in French under ``--lang fr``,
where both were English only and Python's repr (« unknown layout 'grid' »)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import UsageError
from isgrid.jury.sheets import write_sheets

NBSP = "\u00a0"
CALL = {"assessors": [{"id": "j1", "name": "Anne"}]}
DOSSIERS = [{"id": "D1", "title": "Projet 1", "amount_requested": 10000}]


def test_a_link_that_is_no_web_address_is_said_in_french(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", str(folder), "--link",
                                   "ftp://x/{id}", "-o", str(tmp_path / "out")])
    assert res.exit_code != 0
    assert res.stderr.splitlines()[0] == (
        f"Erreur{NBSP}: --link «{NBSP}ftp://x/{{id}}{NBSP}» n'est pas une adresse http(s){NBSP}: "
        "donnez un modèle d'adresse tel que https://plateforme.example/dossiers/{id}")
    assert not (tmp_path / "out").exists()  # nothing written


def test_an_unknown_layout_names_the_two_layouts(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS)
    with pytest.raises(UsageError) as e:
        write_sheets(load_call(folder), tmp_path / "out", layout="grid")
    assert e.value.text("en") == "unknown layout 'grid': the layouts are 'rows', 'per-dossier'"
    assert e.value.text("fr") == (
        f"disposition «{NBSP}grid{NBSP}» inconnue{NBSP}: les dispositions sont "
        f"«{NBSP}rows{NBSP}», «{NBSP}per-dossier{NBSP}»")
