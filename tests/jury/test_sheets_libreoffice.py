"""The jurors' workbooks as LibreOffice Calc saves them: again as .xlsx (« Utiliser le
format Excel 2007-365 ! »), as .ods (« Utiliser le format ODF ! »), and an .ods saved
back to .xlsx.  Each imports to exactly the ratings typed in the filled workbook.

Many administrations give their jurors LibreOffice, not Excel.  These tests run Debian's
``soffice`` (``./run test`` installs libreoffice-calc-nogui once, as root; skipped where
it is missing): three conversions for the whole module, every workbook of both layouts
in each (a private profile, a timeout), a few seconds in all.

The workbook holds no formula: nothing for Calc to compute differently from Excel (the
drop-downs' lists are ranges of ``_listes``, which Calc keeps).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_jury_sheets import FILL, comparable, fill_per_dossier, fill_rows, new_call, rating_set

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets

#: The per-dossier layout's workbooks are named apart from the rows layout's, so that
#: one soffice run converts both (it writes every output into one folder).
TAIL = {"rows": "", "per-dossier": "-par-dossier"}

#: j1's files after the import, worked out by hand from what fill_rows typed (FILL):
#: « Bon » is 3, « Excellent » 4, « Moyen » 2, the text « 2,5 » a half point, NE kept;
#: a comment Calc would run (« =SOMME(A1) ») written with its ', the line break kept.
J1_RATINGS = [
    "dossier,assessor,criterion,value,comment",
    'D1,j1,B1,3,"Besoin bien documenté, chiffres 2023"',
    "D1,j1,B2,4,",
    "D1,j1,I1,3,'=SOMME(A1)",
    "D2,j1,B1,2,",
    "D2,j1,B2,2.5,demi-point",
    "D2,j1,I1,2,",
    'D3,j1,B1,4,"ligne 1',
    'ligne 2"',
    "D3,j1,B2,3,",
    "D3,j1,I1,NE,je ne peux pas juger",
]
J1_OPINIONS = ["dossier,assessor,opinion,amount,comment",
               "D1,j1,favorable,18000,solide", "D2,j1,réservé,,"]
#: j2 typed the number 3.5 (what a French Calc makes of « 3,5 » typed), a label in lower
#: case (« bon »), the text « 3 »
J2_RATINGS = ["dossier,assessor,criterion,value,comment",
              "D1,j2,B1,2,", "D1,j2,B2,3.5,\"bien, mais\"", "D1,j2,I1,3,",
              "D3,j2,B1,3,", "D3,j2,B2,2,", "D3,j2,I1,4,"]


def soffice(target: str, outdir: Path, files: list[Path], profile: Path) -> list[Path]:
    """``files`` converted by LibreOffice to ``target`` (a filter) in ``outdir``: one run,
    in a session of its own, so that a run past its timeout is ended whole (``soffice`` is
    a script that starts ``oosplash``, which starts ``soffice.bin``)."""
    proc = subprocess.Popen(
        ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    assert proc.returncode == 0, err.decode(errors="replace")
    ext = target.split(":")[0]
    out = sorted(outdir / f"{f.stem}.{ext}" for f in files)
    assert out, "no file to convert"
    assert all(p.is_file() for p in out), sorted(outdir.iterdir())
    return out


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The call, the filled workbooks of both layouts and LibreOffice's saves of them:
    ``call``, ``filled`` (openpyxl's), ``xlsx`` (saved again as .xlsx), ``ods`` (saved as
    .ods), ``ods-xlsx`` (the .ods saved as .xlsx).  Skipped where LibreOffice is missing
    (the tests that need no soffice run everywhere)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    tmp = tmp_path_factory.mktemp("libreoffice")
    folder = new_call(tmp)
    filled = tmp / "filled"
    runner = CliRunner()
    for layout, tail in TAIL.items():
        out = tmp / layout
        res = runner.invoke(cli, ["sheets", str(folder), "--layout", layout, "-o", str(out)])
        assert res.exit_code == 0, res.output
        for aid in FILL:
            (fill_rows if layout == "rows" else fill_per_dossier)(out / f"{aid}.xlsx", aid)
            filled.mkdir(exist_ok=True)
            shutil.copy(out / f"{aid}.xlsx", filled / f"{aid}{tail}.xlsx")
    books = sorted(filled.glob("*.xlsx"))
    profile = tmp / "profile"
    soffice("xlsx:Calc MS Excel 2007 XML", tmp / "xlsx", books, profile)
    ods = soffice("ods", tmp / "ods", books, profile)
    soffice("xlsx:Calc MS Excel 2007 XML", tmp / "ods-xlsx", ods, profile)
    return {"call": folder, "filled": filled, "xlsx": tmp / "xlsx", "ods": tmp / "ods",
            "ods-xlsx": tmp / "ods-xlsx"}


def books_of(folder: Path, layout: str) -> list[Path]:
    """The workbooks of ``layout`` in ``folder``."""
    return sorted(p for p in folder.iterdir()
                  if p.stem.endswith(TAIL["per-dossier"]) == (layout == "per-dossier"))


@pytest.mark.parametrize("layout", list(TAIL))
@pytest.mark.parametrize("saved_as", ["xlsx", "ods", "ods-xlsx"])
def test_saved_by_libreoffice_imports_the_ratings_typed(
        tmp_path: Path, saved: dict[str, Path], layout: str, saved_as: str) -> None:
    folder = tmp_path / "call"
    shutil.copytree(saved["call"], folder)
    reference = new_call(tmp_path, "reference", ratings=True)
    books = books_of(saved[saved_as], layout)
    assert [p.suffix for p in books] == [".ods" if saved_as == "ods" else ".xlsx"] * 4
    res = CliRunner().invoke(cli, ["sheets", "import", str(folder), *map(str, books)])
    assert res.exit_code == 0, res.output
    assert "j1: 9 ratings" in res.output and "j2: 6 ratings" in res.output
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == \
        J1_RATINGS
    assert (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines() == \
        J1_OPINIONS
    assert (folder / "ratings" / "j2.csv").read_text(encoding="utf-8").splitlines() == \
        J2_RATINGS
    assert rating_set(folder) == rating_set(reference)  # every juror's, instructor's too
    assert comparable(score(load_call(folder)).to_json()) == \
        comparable(score(load_call(reference)).to_json())


def test_an_ods_folder_imports(tmp_path: Path, saved: dict[str, Path]) -> None:
    """« sheets import appel retour/ »: the .ods in the folder are the workbooks."""
    folder = tmp_path / "call"
    shutil.copytree(saved["call"], folder)
    retour = tmp_path / "retour"
    retour.mkdir()
    for p in books_of(saved["ods"], "rows"):
        shutil.copy(p, retour / p.name)
    (retour / ".~lock.j1.ods#").write_text("LibreOffice's, while j1.ods is open")
    report = import_sheets(load_call(folder), [retour])
    assert report.counts == {"i1": 3, "j1": 9, "j2": 6, "j3": 8}


def _content(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("content.xml").decode("utf-8")


def test_what_the_ods_keeps(saved: dict[str, Path]) -> None:
    """What LibreOffice's ODS save keeps of the workbook (docs/jury.md)."""
    xml = _content(saved["ods"] / "j2.ods")
    names = re.findall(r'<table:table table:name="([^"]+)" table:style-name="([^"]+)"', xml)
    assert [n for n, _ in names] == ["Notation", "Grille", "_listes", "_isgrid"]
    shown = {style: display for style, display in re.findall(
        r'style:name="(ta\d+)" style:family="table"[^>]*><style:table-properties '
        r'table:display="(true|false)"', xml)}
    # _listes hidden, _isgrid (very hidden in the .xlsx: ODS has hidden only) hidden
    assert [shown[s] for _, s in names] == ["true", "true", "false", "false"]
    assert 'table:protected="true"' in xml
    # the drop-downs: a level list on _listes, the opinions' too
    assert "of:cell-content-is-in-list([$_listes.$A$2:.$A$7])" in xml
    assert "of:cell-content-is-in-list([$_listes.$B$2:.$B$4])" in xml
    # j2's 3.5 a number (what « 3,5 » typed in a French Calc is), « 3 » typed as text a text
    assert 'office:value-type="float" office:value="3.5"' in xml
    assert 'office:value-type="string" calcext:value-type="string"><text:p>3</text:p>' in xml
    assert 'table:message-type="warning"' in xml  # a value typed instead: warned, kept
    # titles Calc would run, were they typed: texts, shown as written
    for title in ("=HYPERLINK(&quot;http://evil.example&quot;,&quot;clic&quot;)",
                  "+33 ressourcerie"):
        assert f'office:value-type="string" calcext:value-type="string"><text:p>{title}' \
            "</text:p>" in xml
    assert "table:formula" not in xml  # nothing for Calc to compute


def edited_ods(source: Path, target: Path, typed: str, instead: str) -> Path:
    """A copy of the .ods ``source`` whose one cell ``typed`` (its XML, from the value
    type on) holds ``instead``: what Calc would have saved had the juror typed that."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) \
            as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "content.xml":
                text = data.decode("utf-8")
                assert text.count(typed) == 1
                data = text.replace(typed, instead).encode("utf-8")
            zout.writestr(info, data)
    return target


#: j3's cells (rows layout): D3's comment of B2 (row 9, column F) and D3's B1 rating (2:
#: row 8, column E), as the .ods holds them
J3_COMMENT = 'office:value-type="string" calcext:value-type="string"><text:p>pas encore lu</text:p>'
J3_RATING = 'office:value-type="float" office:value="2" calcext:value-type="float"><text:p>2</text:p>'


@pytest.mark.parametrize(("typed", "instead", "code", "cell", "message"), [
    # « - ancrage » typed without an apostrophe: a formula in Calc too, never the comment
    (J3_COMMENT, 'table:formula="of:=-[.A1]" office:value-type="string" '
     'calcext:value-type="error"><text:p>#NAME?</text:p>', "xlsx-formula", "F9",
     "the cell holds a formula (=-[.A1])"),
    # « 1/2 » typed for a half point: a date for a French Calc, said as the sheet shows it
    (J3_RATING, 'office:value-type="date" office:date-value="2026-02-01" '
     'calcext:value-type="date"><text:p>01/02/26</text:p>', "value-out-of-scale", "E8",
     "B1: the cell holds a date (01/02/2026): the spreadsheet took what was typed for a "
     "date, where a level of the scale is expected"),
    # a TRUE typed: no level
    (J3_RATING, 'office:value-type="boolean" office:boolean-value="true" '
     'calcext:value-type="boolean"><text:p>VRAI</text:p>', "value-out-of-scale", "E8",
     "B1: TRUE is not a level of the scale"),
])
def test_a_cell_calc_changed_is_said_at_its_cell(
        tmp_path: Path, saved: dict[str, Path], typed: str, instead: str, code: str,
        cell: str, message: str) -> None:
    """What Calc made of what the juror typed, refused at its cell, « j3.ods!Notation!F9 »;
    nothing written."""
    folder = tmp_path / "call"
    shutil.copytree(saved["call"], folder)
    book = edited_ods(saved["ods"] / "j3.ods", tmp_path / "j3.ods", typed, instead)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [book])
    found = [(d.code, d.location.file, d.location.sheet, d.location.cell, d.message)
             for d in exc.value.diagnostics if d.severity == "error"]
    assert found == [(code, str(book), "Notation", cell, message)]
    assert not (folder / "ratings").exists()


def test_an_ods_of_another_call_is_refused(tmp_path: Path, saved: dict[str, Path]) -> None:
    """The .ods is this call's workbook or nothing: its hidden _isgrid sheet, which the
    ODS keeps, names the call (« j1.ods!_isgrid!B2 »)."""
    folder = tmp_path / "call"
    shutil.copytree(saved["call"], folder)
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(
        "title: Appel de test", "title: Appel 2027", 1), encoding="utf-8")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [saved["ods"] / "j1.ods"])
    [found] = exc.value.diagnostics
    assert (found.code, found.location.sheet, found.location.cell) == \
        ("sheet-not-isgrid", "_isgrid", "B2")
    assert found.message == "the workbook was written for the call 'Appel de test', not " \
        "'Appel 2027'"


def test_an_ods_that_does_not_open_is_said_as_a_workbook(tmp_path: Path) -> None:
    """A .ods that is no spreadsheet is « impossible d'ouvrir le classeur »
    (``xlsx-unreadable``, as an .xlsx), not an export of the platform to take again."""
    folder = new_call(tmp_path)
    garbage, hollow = tmp_path / "j1.ods", tmp_path / "j2.ods"
    garbage.write_text("pas un classeur", encoding="utf-8")
    with zipfile.ZipFile(hollow, "w") as zf:  # a zip without content.xml
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [garbage, hollow])
    assert [(d.code, d.location.file, d.message) for d in exc.value.diagnostics] == [
        ("xlsx-unreadable", str(garbage), "cannot open the workbook (File is not a zip file)"),
        ("xlsx-unreadable", str(hollow), "cannot open the workbook (KeyError)")]


def test_an_ods_beyond_the_bounds_is_refused(tmp_path: Path) -> None:
    """A juror's .ods is read within the bounds of every workbook (docs/security.md): a
    value repeated down 300,000 rows is refused at once, not read into memory."""
    folder = new_call(tmp_path)
    book = tmp_path / "j1.ods"
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<office:document-content {ns}><office:body><office:spreadsheet>'
               '<table:table table:name="Notation"><table:table-row '
               'table:number-rows-repeated="300000"><table:table-cell office:value-type='
               '"string"><text:p>D1</text:p></table:table-cell></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [book])
    assert [(d.code, d.location.sheet, d.location.cell) for d in exc.value.diagnostics] == [
        ("xlsx-too-large", "Notation", "A200001")]


#: j3's row 9 (rows layout) from D3's B2 comment (column F) to the row's end: G and H
#: empty, then the empty cells up to the sheet's width (the header's last named column is
#: I, « Montant proposé (€) »)
J3_ROW_END = (J3_COMMENT + '</table:table-cell><table:table-cell table:style-name="ce5" '
              'table:number-columns-repeated="2"/><table:table-cell '
              'table:number-columns-repeated="16376"/>')


def test_a_value_beyond_the_header_is_refused_as_in_an_xlsx(
        tmp_path: Path, saved: dict[str, Path]) -> None:
    """A value typed in K9, two columns past the header's last named one (I), is refused
    at the column's empty header cell, K1 (``column-without-header``), in the .ods as in
    the .xlsx it was saved from; never silently left out; nothing written."""
    import openpyxl

    folder = tmp_path / "call"
    shutil.copytree(saved["call"], folder)
    book = edited_ods(saved["ods"] / "j3.ods", tmp_path / "j3.ods", J3_ROW_END, J3_ROW_END.replace(
        'table:number-columns-repeated="16376"/>',
        'table:number-columns-repeated="2"/><table:table-cell office:value-type="float" '
        'office:value="4" calcext:value-type="float"><text:p>4</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="16373"/>'))
    xlsx = tmp_path / "j3.xlsx"
    shutil.copy(saved["filled"] / "j3.xlsx", xlsx)
    wb = openpyxl.load_workbook(xlsx)
    assert wb["Notation"]["F9"].value == "pas encore lu" and wb["Notation"]["I1"].value
    assert wb["Notation"]["J1"].value is None
    wb["Notation"]["K9"] = 4
    wb.save(xlsx)
    for path in (book, xlsx):
        with pytest.raises(CallError) as exc:
            import_sheets(load_call(folder), [path])
        found = [(d.code, d.location.file, d.location.sheet, d.location.cell)
                 for d in exc.value.diagnostics if d.severity == "error"]
        assert found == [("column-without-header", str(path), "Notation", "K1")], path
        assert not (folder / "ratings").exists()


def test_a_comment_longer_than_isgrid_keeps_is_for_the_juror_to_shorten(
        tmp_path: Path, saved: dict[str, Path]) -> None:
    """A comment of 1,000,005 characters in j3's .ods (F9) is cut at 1,000,000 with the
    warning ``intake-text-cut`` at its cell, whose hint is the workbook's (shorten it, import
    again), not an export's (read it on the platform, take the dossiers by the API)."""
    folder = tmp_path / "call"
    shutil.copytree(saved["call"], folder)
    long = "long " * 200_001
    assert len(long) == 1_000_005
    book = edited_ods(saved["ods"] / "j3.ods", tmp_path / "j3.ods", J3_COMMENT,
                      J3_COMMENT.replace("pas encore lu", long))
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(book)])
    out = res.output.replace("\u202f", " ").replace("\u00a0", " ")
    assert f"Avertissement : {book}!Notation!F9 : le texte de cette cellule" in out, out
    assert ("Le commentaire est plus long que ce qu'isgrid garde : raccourcissez-le dans le "
            "classeur à 1 000 000 caractères au plus (gardez la suite dans un document à "
            "part), puis importez de nouveau le classeur.") in out, out
    assert "plateforme" not in out
    (folder / "ratings" / "j3.csv").unlink()
    with pytest.raises(CallError) as exc:  # --strict: the warning stops it, in English
        import_sheets(load_call(folder), [book], strict=True)
    [cut] = [d for d in exc.value.diagnostics if d.code == "intake-text-cut"]
    assert (cut.location.cell, cut.effective_hint) == ("F9", (
        "The comment is longer than isgrid keeps: shorten it in the workbook to at most "
        "1,000,000 characters (keep the rest in a document of your own), then import the "
        "workbook again."))
