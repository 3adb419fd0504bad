"""``isgrid validate-scdl FILE``: an SCDL Subventions file checked against its published
schema before it is published (review-data19 §12: the user had no way to check a file;
docs/decisions.md said how the tests do).  The schema shipped with isgrid is the one the
tests vendor; frictionless checks the fields, isgrid's SIRET rule Validata's check; each
problem at its line and column, in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_scdl_211 import SCHEMAS, _voted_copy, siret

from isgrid.cli.main import cli
from isgrid.documents.scdlcheck import schema
from testpaths import EXAMPLES

NBSP, NNBSP = "\u00a0", "\u202f"


def _run(*args: str) -> tuple[int, list[str]]:
    """The exit code, and what is said on stderr then stdout (the answer)."""
    res = CliRunner().invoke(cli, ["--lang", "fr", "validate-scdl", *args])
    return res.exit_code, res.stderr.splitlines() + res.stdout.splitlines()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("scdl")
    call = _voted_copy(EXAMPLES / "alsace-2016", tmp)
    out = tmp / "subventions.csv"
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_the_shipped_schemas_are_the_published_ones() -> None:
    for version in ("2.1.1", "2.0.0"):
        assert schema(version) == __import__("json").loads(
            (SCHEMAS / f"subventions-{version}.schema.json").read_text("utf-8"))


def test_isgrids_export_follows_the_schema(exported: Path) -> None:
    code, err = _run(str(exported))
    assert code == 0, err
    assert err == [f"{exported}{NBSP}: conforme au schéma SCDL Subventions 2.1.1 "
                   "(2 subventions)"]


def test_each_problem_at_its_line_and_column(exported: Path, tmp_path: Path) -> None:
    lines = exported.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")  # the first grant: no comma inside its cells
    assert len(cells) == len(header) == 16
    cells[header.index("dateConvention")] = "02/04/2026"   # column 3
    cells[header.index("idBeneficiaire")] = siret(102)[:-1] + str(
        (int(siret(102)[-1]) + 1) % 10)                      # column 6: a digit off
    cells[header.index("rnaBeneficiaire")] = ""
    cells[header.index("montant")] = "27 000"                # column 9
    cells[header.index("notificationUE")] = "false"          # column 14
    bad = tmp_path / "subventions.csv"
    bad.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", "utf-8")
    code, err = _run(str(bad))
    assert code == 1
    said = [line for line in err if line.startswith("Erreur") and "[scdl-invalid]" in line]
    assert said == [
        f"Erreur{NBSP}: {bad}:2:3{NBSP}: dateConvention{NBSP}: «\xa002/04/2026\xa0» n'est pas une "
        "date (AAAA-MM-JJ) [scdl-invalid]",
        f"Erreur{NBSP}: {bad}:2:6{NBSP}: idBeneficiaire{NBSP}: "
        f"«\xa0{cells[5]}\xa0» n'est pas un SIRET (14 chiffres, le dernier une clé de contrôle) "
        "[scdl-invalid]",
        f"Erreur{NBSP}: {bad}:2:9{NBSP}: montant{NBSP}: «{NBSP}27 000{NBSP}» n'est pas un nombre "
        "écrit avec un point (12000.50) [scdl-invalid]",
        f"Erreur{NBSP}: {bad}:2:14{NBSP}: notificationUE{NBSP}: «\xa0false\xa0» n'est ni oui ni non "
        "[scdl-invalid]",
    ], err


def test_a_row_without_a_beneficiarys_id(exported: Path, tmp_path: Path) -> None:
    lines = exported.read_text("utf-8").splitlines()
    cells = lines[2].split(",")
    cells[5] = cells[6] = ""  # idBeneficiaire, rnaBeneficiaire
    bad = tmp_path / "s.csv"
    bad.write_text("\n".join([*lines[:2], ",".join(cells)]) + "\n", "utf-8")
    code, err = _run(str(bad))
    assert code == 1
    assert f"Erreur{NBSP}: {bad}:3:6{NBSP}: ni idBeneficiaire ni rnaBeneficiaire n'est " \
           f"donné{NBSP}: l'un des deux est obligatoire [scdl-invalid]" in err, err


def test_a_file_a_spreadsheet_saved_again(exported: Path, tmp_path: Path) -> None:
    """Excel's « CSV (séparateur : point-virgule) »: cp1252 and semicolons; its « CSV UTF-8 »:
    a BOM (said, a warning: the file is read all the same)."""
    text = exported.read_text("utf-8")
    cp1252 = tmp_path / "cp1252.csv"
    cp1252.write_bytes(text.replace(",", ";").encode("cp1252"))
    code, err = _run(str(cp1252))
    assert code == 1
    # « Région » of the first grant's nomAttribuant, line 2: é is 0xe9 in cp1252
    assert err[0] == (f"Erreur{NBSP}: {cp1252}:2{NBSP}: le fichier n'est pas en UTF-8 "
                      f"(l'octet 0xe9){NBSP}: enregistré à nouveau par un tableur{NNBSP}? "
                      "[scdl-invalid]")
    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_text(text.replace(",", ";"), "utf-8")
    code, err = _run(str(semicolons))
    assert code == 1 and "séparées par des points-virgules" in err[0], err
    bom = tmp_path / "bom.csv"
    bom.write_text("\ufeff" + text, "utf-8")
    code, err = _run(str(bom))
    assert code == 0, err
    assert err[0].startswith(f"Avertissement{NBSP}: {bom}:1:1{NBSP}: le fichier commence par "
                             "une marque d'ordre des octets (BOM)")


@pytest.mark.parametrize(("content", "said"), [
    (b"", "le fichier est vide"),
    (b"a,b\n1,2\n", f"1:1{NBSP}: la colonne 1 de l'en-tête est «\xa0a\xa0», là où le schéma a "
                    "nomAttribuant"),
    (b"\x00\xff\xfe", f"1{NBSP}: le fichier n'est pas en UTF-8 (l'octet 0xff)"),
])
def test_what_is_no_scdl_file_is_said_never_a_crash(tmp_path: Path, content: bytes,
                                                     said: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    code, err = _run(str(path))
    assert code == 1
    assert said in err[0] and err[0].endswith("[scdl-invalid]"), err
