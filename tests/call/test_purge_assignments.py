"""``isgrid call purge`` and the previous distributions ``assign --force --change-rated``
keeps as ``replaced/assignments.<date>.csv`` (jurors' and dossiers' ids, who rated what):
the purge removed ``ratings/replaced/`` and ``opinions/replaced/`` but left the call's own
``replaced/`` folder, so the old distributions outlived the retention period."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from callfactory import make_call
from isgrid.cli.main import cli

JURY = [{"id": "j1"}, {"id": "j2"}]
SENT = "dossier,assessor\nD1,j1\nD2,j1\nD2,j2\n"


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _reassigned(tmp_path: Path) -> Path:
    """Two dossiers, two jurors; j1 rated D1 and D2 on the distribution sent out; a new
    one (one juror a dossier: D1 j1, D2 j2) takes D2 from j1, written with
    ``--change-rated``, the previous file kept under replaced/."""
    ratings = [(d, "j1", c, 3) for d in ("D1", "D2") for c in ("B1", "B2", "I1")]
    folder = make_call(tmp_path, "mini-scored", call={
        "assessors": JURY, "retention": {"months": 12, "since": "2026-01-31"}},
        dossiers=[{"id": "D1"}, {"id": "D2"}], ratings=ratings)
    (folder / "assignments.csv").write_text(SENT, encoding="utf-8")
    res = _run("--lang", "en", "assign", folder, "--per-dossier", "1", "--force",
               "--change-rated")
    assert res.exit_code == 0, res.output
    return folder


def test_the_purge_removes_the_kept_distributions(tmp_path: Path) -> None:
    folder = _reassigned(tmp_path)
    kept = sorted((folder / "replaced").glob("assignments.*.csv"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == SENT
    dry = _run("--lang", "en", "call", "purge", folder, "--today", "2027-01-31")
    assert dry.exit_code == 0, dry.output
    assert "would remove: replaced/" in dry.output
    assert kept[0].is_file()
    res = _run("--lang", "en", "call", "purge", folder, "--apply", "--today", "2027-01-31")
    assert res.exit_code == 0, res.output
    assert not (folder / "replaced").exists()
    # the distribution in force is the decision record's: it stays
    assert (folder / "assignments.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "D1,j1", "D2,j2"]


def test_not_due_the_copies_stay(tmp_path: Path) -> None:
    folder = _reassigned(tmp_path)
    res = _run("--lang", "en", "call", "purge", folder, "--apply", "--today", "2027-01-30")
    assert res.exit_code == 2, res.output
    assert len(list((folder / "replaced").glob("assignments.*.csv"))) == 1
