"""``funding.rate`` as French users write it: « 0,5 » and « 50 % » are texts to YAML, read
as the share they are; anything else is refused where it is, with a hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from testpaths import EXAMPLES


def _call(tmp_path: Path, rate: str) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "  rate: 0.5\n" in text
    yaml.write_text(text.replace("  rate: 0.5\n", f"  rate: {rate}\n"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("rate", "share"), [("0,5", 0.5), ('"0,5"', 0.5), ("50 %", 0.5),
                                             ("50%", 0.5), ("0,25", 0.25), ("12,5 %", 0.125)])
def test_a_share_written_the_french_way(tmp_path: Path, rate: str, share: float) -> None:
    call = load_call(_call(tmp_path, rate))
    assert call.config.funding is not None and call.config.funding.rate == share


def test_the_example_scores_the_same_with_a_decimal_comma(tmp_path: Path) -> None:
    """alsace-2016 proposes AL16-01 (27 000 €) and AL16-02 (24 000 €): 51 000 € of 52 000."""
    run = CliRunner().invoke(cli, ["--lang", "fr", "score", str(_call(tmp_path, "0,5"))])
    assert run.exit_code == 0, run.output
    assert "Enveloppe 52\u202f000\u202f€, engagé 51\u202f000\u202f€, reste 1\u202f000\u202f€" \
        in run.output


@pytest.mark.parametrize("rate", ["cinquante", "0,5,5", "1/2"])
def test_a_share_that_is_not_a_number_is_refused_where_it_is(tmp_path: Path,
                                                              rate: str) -> None:
    folder = _call(tmp_path, rate)
    run = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert run.exit_code == 1, run.output
    assert (f"call.yaml:39:9 (funding.rate)\u00a0: funding.rate\u00a0: «\u00a0{rate}\u00a0» n'est pas un "
            "nombre entre 0 et 1 [call-invalid]") in run.output
    assert "Indice\u00a0: Écrivez la part des coûts éligibles\u00a0: 0,5 ou 50\u202f% pour la " \
        "moitié." in run.output


@pytest.mark.parametrize(("rate", "written"), [("1,5", "«\u00a01,5\u00a0»"), ("150 %", "«\u00a0150 %\u00a0»"),
                                               ("50", "50"), ("1.5", "1.5")])
def test_a_share_above_one_is_refused_as_written(tmp_path: Path, rate: str,
                                                 written: str) -> None:
    """« rate: 50 » meant 50 %: said with what the user wrote, and the hint (the review
    found the schema's « ≤ 1 (1.5 trouvé) » alone)."""
    run = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(_call(tmp_path, rate))])
    assert run.exit_code == 1, run.output
    assert (f"(funding.rate)\u00a0: funding.rate\u00a0: {written} dépasse 1\u00a0: le taux "
            "est une part [call-invalid]") in run.output
    assert "0,5 ou 50\u202f% pour la moitié." in run.output


def test_true_is_no_rate(tmp_path: Path) -> None:
    """The schema's numbers took true for 1: a grant of 100 % of the eligible costs."""
    run = CliRunner().invoke(cli, ["call", "check", str(_call(tmp_path, "true"))])
    assert run.exit_code == 1, run.output
    assert "funding.rate: true is not a number between 0 and 1 [call-invalid]" in run.output
