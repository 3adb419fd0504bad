"""The SCDL file is open data, read by programs against its schema: its cells are the
applicant's words as written.  The hostile review found « '@Home Solidaire » and
« '+ de lien social dans le Kochersberg » published (the formula guard of spreadsheet CSV
files); the jurors' workbook showed the « ' » too.  The mail-merge CSV, which a secretariat
opens in a spreadsheet, keeps its guard (docs/security.md)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from test_scdl_211 import _voted_copy, validate

from isgrid.cli.main import cli
from testpaths import EXAMPLES

TITLE = "+ de lien social dans le Kochersberg"
HOLDER = "@Home Solidaire"


def _call(tmp_path: Path) -> Path:
    call = _voted_copy(EXAMPLES / "alsace-2016", tmp_path, rna_only=False)
    voted = [json.loads(line)["dossier"]
             for line in (call / "journal.jsonl").read_text("utf-8").splitlines()]
    path = call / "dossiers" / f"{voted[0]}.yaml"
    d = yaml.safe_load(path.read_text("utf-8"))
    d["title"], d["holder"] = TITLE, HOLDER
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    return call


def test_the_scdl_file_holds_the_words_as_written_and_validates(tmp_path: Path) -> None:
    call = _call(tmp_path)
    out = tmp_path / "subventions.csv"
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    row = next(r for r in rows if r["nomBeneficiaire"] == HOLDER)
    assert row["objet"] == TITLE
    assert "'" not in out.read_text("utf-8")
    assert validate(out) == []


def test_the_jurors_workbook_shows_the_title_as_written(tmp_path: Path) -> None:
    call = _call(tmp_path)
    out = tmp_path / "sheets"
    res = CliRunner().invoke(cli, ["sheets", str(call), "-o", str(out), "--assessor", "j1"])
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(out / "j1.xlsx") as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert f't="inlineStr"><is><t>{TITLE}</t></is></c>' in xml
    assert f"'{TITLE}" not in xml


def test_the_mail_merge_csv_keeps_its_guard(tmp_path: Path) -> None:
    call = _call(tmp_path)
    out = tmp_path / "publipostage.csv"
    res = CliRunner().invoke(cli, ["report", str(call), "--kind", "feedback", "--format", "csv",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert "'" + TITLE in [cell for row in rows for cell in row]


def test_a_title_that_is_a_formula_is_refused_not_published(tmp_path: Path) -> None:
    """``=HYPERLINK(…)`` as a title was published as written (review-data19 §12): the
    open-data rule keeps the applicant's words without « ' », but a formula is no title,
    and every downloader's spreadsheet would run it.  The export refuses it at the
    dossier's file (docs/opendata.md) and writes nothing; « + de lien social » and
    « @Home Solidaire » (the other voted dossier) stay words, as above."""
    call = _call(tmp_path)
    voted = [json.loads(line)["dossier"]
             for line in (call / "journal.jsonl").read_text("utf-8").splitlines()]
    path = call / "dossiers" / f"{voted[1]}.yaml"
    d = yaml.safe_load(path.read_text("utf-8"))
    d["title"] = '=HYPERLINK("http://x.example","Cliquez ici")'
    d["holder"] = "-cmd|' /C calc'!A0"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    out = tmp_path / "subventions.csv"
    res = CliRunner().invoke(cli, ["--lang", "fr", "export", str(call), "--format",
                                   "scdl-subventions", "-o", str(out)])
    assert res.exit_code == 1, res.output
    nbsp = "\u00a0"
    said = [line for line in res.stderr.splitlines() if "[export-formula]" in line]
    assert said == [
        f"Erreur{nbsp}: {path} (dossier {voted[1]}){nbsp}: {voted[1]}{nbsp}: {column} «{nbsp}{text}{nbsp}» "
        f"est une formule de tableur{nbsp}: un tableur qui ouvrirait le fichier publié "
        "l'exécuterait [export-formula]"
        for column, text in (("nomBeneficiaire", d["holder"]), ("objet", d["title"]))]
    assert not out.exists()


def test_a_title_with_a_plural_in_brackets_is_published_as_written(tmp_path: Path) -> None:
    """« -Projet(s) de territoire » starts with « - » and holds « Projet( », which the formula
    check read as a function's call: the export refused a title (review data21, item 6).
    A plural in brackets is no call; a real one after it still is."""
    call = _call(tmp_path)
    voted = [json.loads(line)["dossier"]
             for line in (call / "journal.jsonl").read_text("utf-8").splitlines()]
    path = call / "dossiers" / f"{voted[0]}.yaml"
    d = yaml.safe_load(path.read_text("utf-8"))
    d["title"] = "-Projet(s) de territoire : habitant(e)s et acteur(rice)s"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    out = tmp_path / "subventions.csv"
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert next(r for r in rows if r["nomBeneficiaire"] == HOLDER)["objet"] == d["title"]
    assert validate(out) == []
    d["title"] = "-Projet(s) +HYPERLINK(\"http://x.example\")"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions",
                                   "-o", str(tmp_path / "again.csv")])
    assert res.exit_code == 1 and "[export-formula]" in res.output
