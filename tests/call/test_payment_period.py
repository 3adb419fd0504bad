"""A payment period (``meeting.attribuant.dates_periode_versement``, SCDL's
``datesPeriodeVersement``) that ends before it starts, or names a day no calendar has,
is refused where it is typed (review-data19 §12: ``2026-12-31/2026-05-01`` was accepted by
every command and published by the export; the schema's pattern lets it in)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NBSP = "\u00a0"


def _call(tmp_path: Path, period: str) -> tuple[Path, int]:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call = folder / "call.yaml"
    lines = call.read_text(encoding="utf-8").count("\n")
    with call.open("a", encoding="utf-8") as f:
        f.write('meeting:\n  attribuant:\n    name: Région Alsace\n    siret: "99999999900017"\n'
                f"    dates_periode_versement: {period}\n")
        # ^ line lines + 5, its value at column 30 (4 spaces, the key, « : »)
    return folder, lines + 5


def test_a_period_ending_before_it_starts_is_refused_at_call_check(tmp_path: Path) -> None:
    folder, line = _call(tmp_path, "2026-12-31/2026-05-01")
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert res.exit_code == 1, res.output
    assert (f"Erreur{NBSP}: {folder / 'call.yaml'}:{line}:30 "
            f"(meeting.attribuant.dates_periode_versement){NBSP}: la période de versement "
            "finit (2026-05-01) avant de commencer (2026-12-31)") in res.stderr, res.stderr
    assert "[call-invalid]" in res.stderr


@pytest.mark.parametrize(("period", "said"), [
    ("2026-05-01/2026-02-31", "'2026-02-31' is not a date"),
    ("2026-02-30", "'2026-02-30' is not a date"),  # block_date's
])
def test_a_day_no_calendar_has_is_refused(tmp_path: Path, period: str, said: str) -> None:
    folder, line = _call(tmp_path, period)
    res = CliRunner().invoke(cli, ["call", "check", str(folder)])
    assert res.exit_code == 1, res.output
    assert f"call.yaml:{line}:30 (meeting.attribuant.dates_periode_versement): {said}" \
        in res.stderr, res.stderr


def test_intake_refuses_it_and_writes_nothing(tmp_path: Path) -> None:
    folder, line = _call(tmp_path, "2026-12-31/2026-05-01")
    before = sorted(p.name for p in (folder / "dossiers").iterdir())
    res = CliRunner().invoke(cli, ["intake", str(folder), "--from",
                                   str(folder / "export-dossiers.csv")])
    assert res.exit_code == 1, res.output
    assert f"call.yaml:{line}:30 (meeting.attribuant.dates_periode_versement): the payment " \
           "period ends (2026-05-01) before it starts (2026-12-31)" in res.stderr
    assert sorted(p.name for p in (folder / "dossiers").iterdir()) == before


@pytest.mark.parametrize("period", ["2026-05-01/2026-12-31", "2026-05-01/2026-05-01",
                                    "2026-05-01"])
def test_a_right_period_passes(tmp_path: Path, period: str) -> None:
    folder, _ = _call(tmp_path, period)
    res = CliRunner().invoke(cli, ["call", "check", str(folder)])
    assert res.exit_code == 0, res.output
