"""The same project taken in twice is said (review-data19 §12: both passed intake without
a word): two dossiers with the same SIRET and the same title (another number: the holder
submitted it again), and a dossier number the API's pages give twice.  A warning,
``intake-duplicate``, at the second's place: two numbers are two dossiers of the platform,
both taken in, the secretariat decides; a number given twice is taken once."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner

from dnexport import DOSSIERS, make_intake_call, write_csv
from isgrid.cli.main import cli

NBSP, NNBSP = "\u00a0", "\u202f"


def _twin() -> list[dict[str, object]]:
    rows = copy.deepcopy(DOSSIERS)
    twin = copy.deepcopy(rows[0])  # 101 again, as 105: same SIRET, the title retyped
    twin.update(number=105, title="  recyclerie SOLIDAIRE du  Sundgau ")
    return [*rows, twin]


def test_the_same_siret_and_title_under_two_numbers_is_said(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    export = write_csv(tmp_path / "export.csv", _twin())
    res = CliRunner().invoke(cli, ["--lang", "fr", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output
    # the fifth dossier's row is line 6, its number in column 1
    assert (f"Avertissement{NBSP}: {export}:6:1{NBSP}: le dossier 105 a le SIRET "
            f"(12345678900015) et l'intitulé («{NBSP}recyclerie SOLIDAIRE du  Sundgau{NBSP}») du dossier "
            f"101{NBSP}: le même projet déposé deux fois{NNBSP}? [intake-duplicate]") \
        in res.stderr, res.stderr
    # both taken in: the secretariat decides
    assert {"DN-101.yaml", "DN-105.yaml"} <= {p.name for p in (call / "dossiers").iterdir()}


def test_the_same_title_of_another_holder_is_not_a_twin(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    rows = _twin()
    rows[-1]["siret"] = "73282932000074"
    export = write_csv(tmp_path / "export.csv", rows)
    res = CliRunner().invoke(cli, ["intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output
    assert "intake-duplicate" not in res.output, res.output
