"""The dossier under discussion as the secretariat types it into dossier-en-cours.txt
(review F11): a BOM (Notepad's « UTF-8 with BOM ») and spaces are left out, as every
command reads a typed id; an id the call has not (lower case, a zero missing) is said on
every page and in the terminal, with the « Vouliez-vous dire …? » of every command,
instead of the page silently going back to the overview (the recused member no longer
told to leave the room)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.documents.seance import unknown_current
from isgrid.web.watch import current_dossier, pages
from pagetext import unescaped as text
from workspacecalls import alsace


@pytest.mark.parametrize("data", [b"\xef\xbb\xbfAL16-01\r\n", b"  AL16-01 \n", b"AL16-01"])
def test_the_file_is_read_as_a_typed_id(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "dossier-en-cours.txt").write_bytes(data)
    assert current_dossier(tmp_path) == "AL16-01"


def test_a_bom_names_the_dossier_and_sends_the_recused_member_out(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    out = tmp_path / "seance"
    out.mkdir()
    (out / "dossier-en-cours.txt").write_bytes(b"\xef\xbb\xbfAL16-01\r\n")
    res = CliRunner().invoke(cli, ["--lang", "fr", "watch", str(folder), "-o", str(out),
                                   "--once"])
    assert res.exit_code == 0, res.output
    assert "Dossier en discussion" in text((out / "index.html").read_bytes())
    # j2 (Marc Wendling) is recused from AL16-01 in the example's call.yaml
    assert "Vous êtes en déport pour le dossier AL16-01" in text(
        (out / "membre-j2.html").read_bytes())
    assert "n'est pas un dossier de l'appel" not in res.output


@pytest.mark.parametrize(("typed", "meant"), [("al16-01", "AL16-01"), ("AL16-1", "AL16-01")])
def test_an_id_the_call_has_not_is_said_on_the_page_and_in_the_terminal(
        tmp_path: Path, typed: str, meant: str) -> None:
    folder = alsace(tmp_path)
    out = tmp_path / "seance"
    out.mkdir()
    (out / "dossier-en-cours.txt").write_text(typed + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["--lang", "fr", "watch", str(folder), "-o", str(out),
                                   "--once"])
    assert res.exit_code == 0, res.output
    said = (f"Le dossier en discussion « {typed} » n'est pas un dossier de l'appel : aucun "
            "dossier n'est montré en discussion et aucun membre déporté n'est invité à "
            f"quitter la salle. Vouliez-vous dire « {meant} » ?")
    assert said in res.output.replace("\u202f", " ").replace("\xa0", " ")
    assert res.output.count("n'est pas un dossier de l'appel") == 1
    for page in ("index.html", "membre-j2.html"):
        shown = text((out / page).read_bytes())
        assert said in shown
        assert "Dossier en discussion :" not in shown


def test_english_page_and_no_guess_when_nothing_is_near(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    out = pages(folder, dossier="XYZ", lang="en")
    page = text(out["index.html"])
    assert ("The dossier under discussion 'XYZ' is not a dossier of the call: no dossier is "
            "shown under discussion and no recused member is asked to leave the room. "
            "Write one of the ids of the ranking.") in page


def test_nothing_said_for_a_known_id_or_none() -> None:
    assert unknown_current("AL16-01", {"AL16-01", "AL16-02"}) is None
    assert unknown_current(None, {"AL16-01"}) is None
    assert unknown_current("", {"AL16-01"}) is None
