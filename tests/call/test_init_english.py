"""``call init`` of an English call (a review: ``isgrid --lang en call init`` wrote
« # Dossier d'appel créé par… », « Nom Prénom, role: juré », « lien avec le porteur »,
« Projet exemple », « à compléter », and no ``lang:``); the blank example rows of
``ratings/ratings.csv``, left once the example dossier was replaced, were 7 « unknown
dossier 'D001' » errors whose hint did not say what they were."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.messages import translate_message


def _init(tmp_path: Path, *args: str) -> Path:
    folder = tmp_path / "call"
    res = CliRunner().invoke(cli, [*args[:2], "call", "init", str(folder), "--grid",
                                   "alsace-aap-2016", *args[2:]])
    assert res.exit_code == 0, res.output
    return folder


@pytest.mark.parametrize("args", [("--lang", "en"), ("--lang", "fr", "--lang", "en")])
def test_an_english_call_is_written_in_english(tmp_path: Path, args: tuple[str, ...]) -> None:
    folder = _init(tmp_path, *args)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ("# Call folder created by `isgrid call init`; every key: "
                                    "docs/calls.md.")
    assert "lang: en  # the language of the call's documents and workbooks\n" in text
    assert "#   - {id: j1, name: First Last, role: juror}\n" in text
    assert "#   - {assessor: j1, dossier: D001, reason: board member of the applicant}\n" in text
    dossier = (folder / "dossiers" / "D001.yaml").read_text(encoding="utf-8")
    assert dossier.splitlines()[:3] == ["# Example dossier: replace the values.", "id: D001",
                                        "title: Example project"]
    assert "departement: to be completed  # Département du lieu" in dossier  # grid's label
    for french in ("créé", "Nom Prénom", "juré", "porteur", "Exemple", "à compléter"):
        assert french not in text, french
    for french in ("Exemple", "Projet", "à compléter"):  # the facts' labels: the grid's
        assert french not in dossier, french
    # the example, uncommented, is an English call whose juror is a juré
    (folder / "call.yaml").write_text(text.replace("# assessors:\n#   - {id: j1",
                                                   "assessors:\n  - {id: j1"), "utf-8")
    call = load_call(folder)
    assert call.config.lang == "en"
    assert [(a.id, a.role) for a in call.config.assessors or []] == [("j1", "juré")]


def test_a_french_call_is_written_as_before_and_says_its_language(tmp_path: Path) -> None:
    folder = _init(tmp_path)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:4] == [
        "# Dossier d'appel créé par `isgrid call init` ; toutes les clés : docs/calls.md.",
        "title: Appel à projets « Innovation(s) sociale(s) en Alsace » (Région Alsace, 2016)",
        "grid: alsace-aap-2016",
        "lang: fr  # la langue des documents et des classeurs de l'appel"]
    assert "#   - {id: j1, name: Nom Prénom, role: juré}\n" in text
    dossier = (folder / "dossiers" / "D001.yaml").read_text(encoding="utf-8")
    assert dossier.splitlines()[:3] == ["# Exemple de dossier : remplacez les valeurs.",
                                        "id: D001", "title: Projet exemple"]
    assert load_call(folder).config.lang == "fr"
    assert yaml.safe_load(text)["lang"] == "fr"


def test_the_example_rows_left_behind_are_said_to_be_the_examples(tmp_path: Path) -> None:
    folder = _init(tmp_path, "--lang", "en")
    (folder / "dossiers" / "D001.yaml").unlink()
    (folder / "dossiers" / "P1.yaml").write_text("id: P1\ntitle: Real\n", encoding="utf-8")
    with pytest.raises(CallError) as exc:
        load_call(folder)
    unknown = [d for d in exc.value.diagnostics if d.code == "unknown-dossier"]
    assert len(unknown) == 7  # alsace-aap-2016's criteria that are not eligibility ones
    assert {translate_message(d.hint, "en") if d.hint else None for d in unknown} == {
        "The row is blank (no value, no comment), like the example rows `isgrid call init` "
        "writes for its dossier D001: delete the rows of D001, or the whole file if it "
        "holds nothing else."}
