"""The open-data export says how to give a beneficiary's name and SIRET (the French guide
said « parmi les faits du dossier », and the error pointed at call.yaml with no hint),
and refuses a SIRET whose check digit is wrong (it was exported)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.documents.opendata import siret_valid
from testpaths import EXAMPLES

NB = "\u00a0"
ATTRIBUANT = ("meeting:\n  vote: {date: 2016-05-12, reference: CP-2016-05-12}\n"
              '  attribuant: {name: Région Alsace, siret: "23670001400012", nature: aide en '
              "numéraire, conditions_versement: unique, "
              "dates_periode_versement: 2016-06-01/2017-05-31}\n")


def test_siret_check_digits() -> None:
    assert siret_valid("23350001600040") and siret_valid("00000000000018")
    assert not siret_valid("23670001400016")  # a digit off
    assert siret_valid("35600000000010")  # La Poste: the digits' sum a multiple of 5
    assert siret_valid("35600000000048")  # La Poste's head office passes Luhn instead


def _voted(tmp_path: Path, facts: str = "", declare: bool = False) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call = folder / "call.yaml"
    assert call.read_text(encoding="utf-8").rstrip().endswith("half_steps: true")  # set: ends it
    with call.open("a", encoding="utf-8") as f:
        if declare:  # as the hint says: the call's grid declares the facts
            f.write("  facts.holder: {type: string}\n  facts.siret: {type: string}\n")
        f.write(ATTRIBUANT)
    if facts:
        with (folder / "dossiers" / "AL16-01.yaml").open("a", encoding="utf-8") as f:
            f.write(facts)
    run = CliRunner().invoke(cli, ["decide", str(folder), "AL16-01", "--stage", "vote",
                                   "--outcome", "retenu", "--amount", "27000", "--by", "CP",
                                   "--reason", "délibération"])
    assert run.exit_code == 0, run.output
    return folder


def _export(folder: Path, tmp_path: Path) -> tuple[int, str]:
    run = CliRunner().invoke(cli, ["--lang", "fr", "export", str(folder), "--format",
                                   "scdl-subventions", "-o", str(tmp_path / "s.csv")])
    return run.exit_code, run.output


def test_an_undeclared_fact_says_how_to_declare_it(tmp_path: Path) -> None:
    folder = _voted(tmp_path)
    code, out = _export(folder, tmp_path)
    assert code == 1
    where = str(folder / "dossiers" / "AL16-01.yaml")  # the dossier's file, not call.yaml
    assert f"{where} (dossier AL16-01){NB}: AL16-01{NB}: nomBeneficiaire est vide" in out, out
    assert ("La grille ne déclare pas le fait holder" in out
            and "(set: {facts.holder: {type: string}}, docs/decisions.md)" in out), out


def test_a_wrong_check_digit_is_refused(tmp_path: Path) -> None:
    folder = _voted(tmp_path, 'holder: "Recyclerie du Sundgau"\nsiret: "12345678900011"\n',
                    declare=True)
    code, out = _export(folder, tmp_path)
    assert code == 1
    assert ("AL16-01\u00a0: idBeneficiaire «\u00a012345678900011\u00a0» n'est pas un SIRET (sa clé de "
            "contrôle est fausse)") in out, out
    # the right one: exported
    path = folder / "dossiers" / "AL16-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("12345678900011",
                                                             "12345678900015"), "utf-8")
    code, out = _export(folder, tmp_path)
    assert code == 0, out
    assert "12345678900015" in (tmp_path / "s.csv").read_text(encoding="utf-8")


def test_a_siret_of_13_digits_says_how_many_and_where(tmp_path: Path) -> None:
    """The hint said « fill in the block meeting.attribuant », which was filled (a new
    user's walk-through, session 26): a SIRET of the wrong length is the dossier's fact."""
    folder = _voted(tmp_path, 'holder: "Recyclerie du Sundgau"\nsiret: "1234567890001"\n',
                    declare=True)
    code, out = _export(folder, tmp_path)
    assert code == 1
    assert (f"AL16-01{NB}: idBeneficiaire «{NB}1234567890001{NB}» n'est pas un SIRET "
            "(14 chiffres)") in out, out
    assert ("Un SIRET compte 14 chiffres, les 9 du SIREN puis les 5 de l'établissement (les "
            f"espaces entre eux sont admises){NB}: corrigez le fait siret du dossier.") in out
    assert "meeting.attribuant" not in out.split("n'est pas un SIRET", 1)[1].split("\n")[1]


def test_a_setting_of_call_yaml_is_said_at_call_yaml(tmp_path: Path) -> None:
    """Only the beneficiary's facts are said at the dossier's file; a missing setting of
    meeting.attribuant (its payment period) at call.yaml, where it is fixed."""
    folder = _voted(tmp_path, 'holder: "Recyclerie"\nsiret: "12345678900015"\n', declare=True)
    call = folder / "call.yaml"
    text = call.read_text(encoding="utf-8")
    call.write_text(text.replace(", dates_periode_versement: 2016-06-01/2017-05-31", ""),
                    encoding="utf-8")
    code, out = _export(folder, tmp_path)
    assert code == 1
    assert f"{call} (dossier AL16-01){NB}: AL16-01{NB}: datesPeriodeVersement est vide" in out

