"""isgrid's own scale and equal weights in the published grids are « inféré » (review s12,
grids #4).

None of the published sources gives a scale or weights; the grids called isgrid's 0-4 scale
and equal weights « reconstitué » (« rebâtie par isgrid d'après des sources partielles »),
while the conventions (docs/grids.md) say every choice not in a source is `inferred`, as
the seed grids do (alsace-aap-2016's « Échelle 0-4 choisie par isgrid » is inféré).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.grid.provenance import parameter_status, provenance_summary

SCORED = ["la-france-s-engage-2024", "paris-2024-impact", "paris-2024-impact-local",
          "fdva2-innovation", "val-de-marne-ess-2024"]
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


@pytest.mark.parametrize("gid", SCORED)
def test_the_published_grids_own_scale_and_weights_are_inferred(gid: str) -> None:
    g = load_grid(gid).grid
    assert parameter_status(g, "criteria.*.weight") == "inferred"
    assert parameter_status(g, "scales.note04") == "inferred"
    assert g.scales["note04"].provenance is not None
    assert g.scales["note04"].provenance.status == "inferred"
    assert provenance_summary(g)["parameters"]["reconstructed"] == 0


def test_the_self_assessment_says_inferred(tmp_path: Path) -> None:
    answers = tmp_path / "vdm.yaml"
    answers.write_text("answers:\n  VDM-1: 4\n  VDM-2: 3\n  VDM-3: 2\n  VDM-4: 1\n  VDM-5: 2\n",
                       encoding="utf-8")
    run = CliRunner().invoke(cli, ["--lang", "fr", "assess", "val-de-marne-ess-2024",
                                   str(answers)], env=FRENCH)
    assert run.exit_code == 0, run.output
    out = run.stdout.replace("\u202f", " ").replace("\u00a0", " ")
    # (4 + 3 + 2 + 1 + 2) / 5 / 4 = 0.6
    assert "60,0 / 100" in out
    assert "**Les poids des critères** [inféré]" in out
    assert "[reconstitué]" not in out
