"""A juré's forgotten cell (blank, no NE) is one reading, where ``ratings-missing`` is
worked out (:class:`isgrid.call.expected.MissingCells`): ``isgrid call check`` counts it
(« 1 cellule vide »; it said « 0 cellule vide » beside its own warning, counting the files'
blank rows, which a workbook's import never writes) and the fiche names the juré « non
noté » on that criterion, as it names a NE (the juré vanished from it).  alsace-2016: j1
(Hélène Schaeffer) is expected on AL16-02; its ALS-5 (1, « Insuffisant ») removed."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.engine import score
from testpaths import EXAMPLES

NBSP, NNBSP = "\u00a0", "\u202f"


def _call(tmp_path: Path, prefix: str) -> Path:
    """alsace-2016 without j1's rows of AL16-02 that start with ``prefix``."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    path = folder / "ratings" / "j1.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith(f"AL16-02,j1,{prefix}")]
    assert len(kept) < len(lines)
    path.write_text("".join(kept), encoding="utf-8")
    return folder


def _summary(folder: Path) -> str:
    run = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert run.exit_code == 0, run.output
    assert "[ratings-missing]" in run.stderr
    return run.stdout.splitlines()[-1].replace(NNBSP, " ").replace(NBSP, " ")


def test_one_forgotten_cell_is_counted_and_named(tmp_path: Path) -> None:
    folder = _call(tmp_path, "ALS-5,")
    call = load_call(folder)
    assert call.missing.cells == 1
    assert call.missing.readers("AL16-02", "ALS-5") == ["j1"]
    assert call.missing.readers("AL16-02", "ALS-4") == []
    # 171 ratings received in the example (call check), one less; the cell it leaves
    assert "170 notes reçues (dont 1 « NE » et 7 écartées par déport ; 1 cellule vide)" \
        in _summary(folder)
    result = score(call)
    fiche = build_context(call, result, "fiches", "interne", dossiers=["AL16-02"]).fiches[0]
    c = next(x for s in fiche.sections for x in s.criteria if x.id == "ALS-5")
    # j2 and j3 still rate it: n = 2, and one juré expected who did not
    assert (c.n, c.na, c.missing) == (2, 0, 1)
    said = [(r.assessor, r.value, r.value_label, r.missing) for r in c.ratings]
    assert ("Hélène Schaeffer", None, "non noté", True) in said and len(said) == 3
    page = render_report(call, result, "fiches", dossiers=["AL16-02"])[0][1].decode("utf-8")
    assert "(+1 non noté)" in page.replace(NNBSP, " ")
    assert '<span class="who">Hélène Schaeffer</span>' in page
    en = build_context(call, result, "fiches", "interne", "en", dossiers=["AL16-02"])
    c_en = next(x for s in en.fiches[0].sections for x in s.criteria if x.id == "ALS-5")
    assert [r.value_label for r in c_en.ratings if r.missing] == ["not rated"]


def test_a_dossier_not_rated_at_all_counts_every_criterion(tmp_path: Path) -> None:
    folder = _call(tmp_path, "")  # none of j1's seven ratings of AL16-02
    call = load_call(folder)
    # the seven criteria the jurors rate (AV-1.1, ALS-1..ALS-5, AV-4.2), each missing once
    assert call.missing.cells == 7
    assert len(call.missing.criteria) == 7
    assert all(call.missing.readers("AL16-02", c) == ["j1"] for c in call.missing.criteria)
    assert "164 notes reçues" in _summary(folder) and "; 7 cellules vides)" in _summary(folder)
