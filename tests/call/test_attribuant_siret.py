"""The grantor's SIRET (``meeting.attribuant.siret``) is checked where it is typed, by the
beneficiaries' rule.

Found by a review (an instructeur): « 22670001500017 » (a typo: its check digit is
wrong) went into every row's ``idAttribuant`` of the SCDL export without a word, and
data.gouv.fr's validator (``french-siret-value``) refused every row; the beneficiaries'
SIRETs, in the same run, were checked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.siret import siret_valid
from isgrid.cli import cli
from testpaths import EXAMPLES


def _call(tmp_path: Path, siret: str) -> tuple[Path, int]:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call = folder / "call.yaml"
    lines = call.read_text(encoding="utf-8").count("\n")
    with call.open("a", encoding="utf-8") as f:
        f.write("meeting:\n  attribuant:\n    name: Département du Bas-Rhin (fictif)\n"
                f'    siret: "{siret}"\n')
    return folder, lines + 4  # the line of siret:


def test_a_wrong_check_digit_is_refused_at_its_line(tmp_path: Path) -> None:
    # by hand (Luhn): 2 2 6 7 0 0 0 1 5 0 0 0 1 7, from the right, every second digit
    # doubled (a two-digit product's digits added): 7 + 2 + 0 + 0 + 0 + 1 (5×2=10) + 1 + 0
    # + 0 + 0 + 7 + 3 (6×2=12) + 2 + 4 = 27, not a multiple of 10; ending 10: 20
    assert not siret_valid("22670001500017") and siret_valid("22670001500010")
    folder, line = _call(tmp_path, "22670001500017")
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert res.exit_code == 1, res.output
    out = " ".join(res.output.split())
    assert f"call.yaml:{line}:" in out and "meeting.attribuant.siret" in out
    assert "22670001500017 n'est pas un SIRET" in out and "clé de contrôle" in out


def test_a_right_one_passes(tmp_path: Path) -> None:
    folder, _ = _call(tmp_path, "22670001500010")
    res = CliRunner().invoke(cli, ["call", "check", str(folder)])
    assert res.exit_code == 0, res.output
