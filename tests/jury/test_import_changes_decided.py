"""``isgrid sheets import`` of a workbook returned after the vote: ratings that change what
the meeting decided (a decided dossier's rank, status or amount, the list's adoption) are
named dossier by dossier and written only with ``--change-decided``, the rule of ``isgrid
intake`` (isgrid.call.decided_changes; docs/jury.md, docs/fr/jury.md).

The call: alsace-2016 with a deliberation, AL16-02 voted « retenu » (rank 2) and AL16-05
refused at the jury's stage.  AL16-02's ratings (j1, j2, j3; ALS-5 set by consensus at 3),
seven criteria of equal weight on a 0-4 scale, total on 100:

- before: means 11/3, 10/3, 9/3, 8/3, 8/3, 10/3 and 3, sum 56/3 + 3, total
  100 × (56/3 + 3) / 28 = 77.38;
- j3's late workbook rating AL16-02 0 everywhere: means 7/3, 7/3, 6/3, 5/3, 6/3, 7/3 and
  3, sum 38/3 + 3, total 100 × (38/3 + 3) / 28 = 55.95, under a floor: not ranked.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from isgrid.cli.main import cli
from votecalls import example, vote


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _late_book(folder: Path, out: Path, dossier: str, value: int) -> Path:
    """j3's workbook (``isgrid sheets``), every mark of ``dossier`` set to ``value``."""
    res = _run("sheets", folder, "--assessor", "j3", "-o", out)
    assert res.exit_code == 0, res.output
    book = out / "j3.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["Notation"]
    heads = [str(c.value) for c in ws[1]]
    marks = [i + 1 for i, h in enumerate(heads) if h.split(" ")[0].startswith(("AV-", "ALS-"))]
    assert len(marks) == 7, heads
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == dossier and ws.cell(r, 4).value == "note":
            for c in marks:
                ws.cell(r, c).value = value
    wb.save(book)
    return book


def _voted(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    vote(folder, "AL16-02")
    return folder


def test_a_late_workbook_changing_a_voted_dossier_is_refused(tmp_path: Path) -> None:
    folder = _voted(tmp_path)
    book = _late_book(folder, tmp_path / "retard", "AL16-02", 0)
    before = (folder / "ratings" / "j3.csv").read_bytes()
    assert round(100 * (56 / 3 + 3) / 28, 2) == 77.38
    assert round(100 * (38 / 3 + 3) / 28, 2) == 55.95
    res = _run("--lang", "en", "sheets", "import", folder, book, "--replace")
    assert res.exit_code == 1, res.output
    assert ("the import changes what the meeting decided for AL16-02: rank 2, total 77.38, "
            "selected (computed selected, decided by the vote) -> rank -, total 55.95, "
            "selected (computed not ranked, decided ≠ proposed, decided by the vote) "
            "[import-changes-decided]") in res.output, res.output
    assert "--change-decided" in res.output
    # AL16-05, refused at the jury's stage, stays refused but moves up a rank (the minutes
    # and its letter print its rank)
    assert ("the import changes what the meeting decided for AL16-05: rank 3, total 75.00, "
            "not selected (computed to check, a proposal) -> rank 2, total 75.00, not selected "
            "(computed to check, a proposal)") in res.output
    assert (folder / "ratings" / "j3.csv").read_bytes() == before  # nothing written
    assert not (folder / "ratings" / "replaced").exists()
    # two dossiers, one hint: said once, under the first, not under every dossier
    assert res.output.count("Hint: ") == 1

    # in French, the same words as intake's, French typography
    res = _run("--lang", "fr", "sheets", "import", folder, book, "--replace")
    assert res.exit_code == 1
    assert ("Erreur\u00a0: " in res.output and "l'import change ce que la séance a décidé "
            "pour AL16-02\u00a0: rang 2, total 77,38, retenu") in res.output, res.output


def test_with_change_decided_it_writes_and_says_what_changed(tmp_path: Path) -> None:
    folder = _voted(tmp_path)
    book = _late_book(folder, tmp_path / "retard", "AL16-02", 0)
    res = _run("--lang", "en", "sheets", "import", folder, book, "--replace",
               "--change-decided")
    assert res.exit_code == 0, res.output
    assert "Warning: " in res.output
    assert "the import changes what the meeting decided for AL16-02: rank 2" in res.output
    # imported: once what is left to do, no « import it with --change-decided »
    assert res.output.count("[import-changes-decided]") == 2
    assert res.output.count("Hint: ") == 1
    assert ("Hint: Imported with --change-decided: record the decisions the new ranking "
            "calls for (isgrid decide); the minutes and letters written before say "
            "otherwise.") in res.output
    assert "Nothing is written without" not in res.output
    assert f"wrote {folder / 'ratings' / 'j3.csv'}" in res.output
    assert len(list((folder / "ratings" / "replaced").iterdir())) == 1  # the previous one
    rows = (folder / "ratings" / "j3.csv").read_text(encoding="utf-8").splitlines()
    assert [r.split(",")[3] for r in rows if r.startswith("AL16-02,")] == ["0"] * 7
    out = _run("--lang", "en", "score", folder).output
    assert "AL16-02" in out and "55.95" not in out  # shown to one decimal: 56.0
    assert any(line.split()[:2] == ["-", "AL16-02"] and "56.0" in line
               for line in out.splitlines()), out


def test_a_workbook_changing_only_undecided_dossiers_imports_as_before(
        tmp_path: Path) -> None:
    # AL16-08 (39.3, under the threshold, no decision) rated 1 everywhere by j3: no decided
    # dossier moves (AL16-02 stays 2nd, AL16-05 3rd)
    folder = _voted(tmp_path)
    book = _late_book(folder, tmp_path / "retard", "AL16-08", 1)
    res = _run("--lang", "en", "sheets", "import", folder, book, "--replace")
    assert res.exit_code == 0, res.output
    assert "changes-decided" not in res.output
    assert f"wrote {folder / 'ratings' / 'j3.csv'}" in res.output


def test_the_copy_scored_after_leaves_the_workspace_database_out(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule scores a copy of the folder with the planned files (the « after ») when a
    write is not a juror's file (a dossier's, here written as it is: jurors' files alone
    are re-scored as a scenario of the call loaded, isgrid.call.decided_scenario): the jury
    workspace's database, which loading never reads and which grows with every save, is
    not copied; the record naming the workspace is, and the change is still found."""
    import shutil

    from isgrid.call.decided_changes import IMPORT, decided_changes

    folder = _voted(tmp_path)
    (folder / ".isgrid").mkdir()
    for name in ("jury.sqlite3", "jury.sqlite3-wal", "jury.sqlite3-shm"):
        (folder / ".isgrid" / name).write_bytes(b"\0" * 1000)
    (folder / ".isgrid" / "workspace.json").write_text('{"url": "sqlite"}', encoding="utf-8")
    copied: list[str] = []
    copytree = shutil.copytree

    # (copytree calls itself for each folder, through the module's name: patched too)
    def spying(src: str, dst: str, symlinks: bool = False, ignore: object = None,
               copy_function: object = shutil.copy2, *args: object, **kw: object) -> object:
        def spy(src: str, dst: str) -> object:
            if Path(src).is_relative_to(folder):
                copied.append(Path(src).relative_to(folder).as_posix())
            return copy_function(src, dst)  # type: ignore[operator]

        return copytree(src, dst, symlinks, ignore, spy, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "copytree", spying)
    import csv
    import io

    with (folder / "ratings" / "j3.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows[1:]:
        if row[0] == "AL16-02":  # j3 rates AL16-02 0 everywhere (the module docstring)
            row[3] = "0"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    dossier = folder / "dossiers" / "AL16-01.yaml"
    found = decided_changes(folder, [(folder / "ratings" / "j3.csv",
                                      out.getvalue().encode("utf-8")),
                                     (dossier, dossier.read_bytes())], IMPORT)
    assert ".isgrid/workspace.json" in copied
    assert not [c for c in copied if c.startswith(".isgrid/jury.sqlite3")]
    assert [d.code for d in found] and all(d.code == "import-changes-decided" for d in found)
    assert any("AL16-02" in str(d.message) for d in found)
