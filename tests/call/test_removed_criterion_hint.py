"""A rating of a criterion call.yaml's `remove:` takes out: the `unknown-criterion` hint
names that `remove:` (file:line) and says to delete the rows, instead of sending the user
to `isgrid grids show`, which lists the criterion (the grid has it)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli

CALL = """\
title: Auditions sur trois critères
grid: val-de-marne-ess-2024
assessors:
  - {id: c1, role: juré}
remove: [VDM-4, VDM-5]
"""


def _check(tmp_path: Path, *args: str) -> str:
    folder = tmp_path / "few"
    (folder / "dossiers").mkdir(parents=True)
    (folder / "ratings").mkdir()
    (folder / "call.yaml").write_text(CALL, encoding="utf-8")
    (folder / "dossiers" / "P1.yaml").write_text("id: P1\ntitle: Projet\n", encoding="utf-8")
    rows = [f"P1,c1,VDM-{k},3" for k in range(1, 6)] + ["P1,c1,VDM-9,3"]
    (folder / "ratings" / "c1.csv").write_text(
        "dossier,assessor,criterion,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, [*args, "call", "check", str(folder)])
    assert res.exit_code == 1, res.output
    return res.output


def test_the_hint_names_the_calls_remove(tmp_path: Path) -> None:
    out = _check(tmp_path, "--lang", "en")
    where = f"{tmp_path / 'few' / 'call.yaml'}:5"  # `remove:` is line 5 of call.yaml
    # rows 5 and 6 of c1.csv (the header is line 1) rate VDM-4 and VDM-5
    assert "c1.csv:5:3: unknown criterion 'VDM-4' [unknown-criterion]" in out
    assert (f"Hint: VDM-4 is removed by the call: call.yaml's `remove:` ({where}). Delete "
            "the rows of VDM-4 from the ratings files") in out
    assert f"VDM-5 is removed by the call: call.yaml's `remove:` ({where})" in out
    assert "grids show" not in out.split("VDM-9")[0]
    # a criterion no grid has keeps the usual hint
    assert "c1.csv:7:3: unknown criterion 'VDM-9'" in out
    assert "VDM-9 is removed" not in out


def test_the_hint_in_french(tmp_path: Path) -> None:
    out = _check(tmp_path, "--lang", "fr")
    assert "VDM-4 est retiré par l'appel\u00a0: `remove:` de call.yaml (" in out
    assert "Supprimez les lignes de VDM-4 des fichiers de notes" in out
