"""`isgrid compare` of grids says where a verdict rule, a « socle » and an inherited
parameter's provenance come from (findings author F2, F6)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from isgrid.analysis.comparison.diff import grid_diff
from isgrid.cli import cli
from isgrid.grid.load import load_grid

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_csess_rule_and_socles_are_marked_inferred_the_law_s_sourced() -> None:
    # csess-2017 version 1, kept for the calls that pin it (version 2 has no socle)
    run = CliRunner().invoke(cli, ["compare", "csess-2017@1", "loi-ess-2014-art15"], env=FRENCH)
    assert run.exit_code == 0, run.output
    out = _plain(run.stdout)
    # csess-2017.yaml: `criteria.*.core: {status: inferred, source: "S5, S1", note: …}`
    assert ("- **csess-2017@1** : chacun de (CS-1.1 ; CS-1.2 ; CS-3.1) (par défaut : tous les "
            "critères socles) [inféré · S5, S1] : Les critères sont non hiérarchisés (S5)") in out
    # loi-ess-2014-art15.yaml (version 2: the I, the II apart): `verdict: {status: sourced,
    # source: L15}`: no warning; then the II, apart, with its own provenance
    assert ("- **loi-ess-2014-art15@2** : l'un de (A15-1 ; A15-2) [sourcé · L15] ; A15-II, "
            "condition à part : Condition du II (financements de l'État seulement), hors du "
            "verdict [sourcé · L15]\n") in out
    # the crosswalk: CSESS socles are isgrid's, the law's are the law's
    assert "CS-1.1 Réponse à des besoins sociaux non ou mal satisfaits (par le marché ou par " \
           "les politiques publiques) (socle, inféré)" in out
    # A15-II, the II, is a condition apart: not required by the verdict
    assert "aux conditions normales de marché (socle)" not in out
    data = json.loads(CliRunner().invoke(cli, ["compare", "csess-2017@1", "loi-ess-2014-art15",
                                               "--format", "json"], env=FRENCH).stdout)
    verdicts = {g["id"]: g["verdict"]["provenance"] for g in data["grids"]}
    assert verdicts["csess-2017"]["status"] == "inferred"
    assert verdicts["loi-ess-2014-art15"] == {"status": "sourced", "source": "L15",
                                              "note": verdicts["loi-ess-2014-art15"]["note"]}


def test_diff_resolves_an_inherited_wildcard(tmp_path: Path) -> None:
    # the parent gives every weight « inferred » through `criteria.*.weight` (equal weights,
    # isgrid's choice); the child sets VDM-2's weight with its own `sourced` entry (its
    # règlement): inféré -> sourcé, not - -> sourcé
    child = tmp_path / "g.yaml"
    child.write_text(
        'id: cress-t\nversion: "1"\ntitle: "T"\nextends: val-de-marne-ess-2024@1\n'
        "set:\n  criteria.VDM-2.weight: 2\n"
        "parameters:\n  criteria.VDM-2.weight: {status: sourced, source: \"Règlement CRESS 2026, "
        "art. 3\"}\n",
        encoding="utf-8")
    d = grid_diff(load_grid("val-de-marne-ess-2024"), load_grid(child))
    assert {"field": "criteria.VDM-2.weight", "before": "inferred",
            "after": "sourced"} in d["parameters_changed"]
    # the wildcard itself is the same in both: not listed
    assert not [p for p in d["parameters_changed"] if p["field"] == "criteria.*.weight"]
    run = CliRunner().invoke(cli, ["compare", "val-de-marne-ess-2024", str(child)], env=FRENCH)
    assert run.exit_code == 0, run.output
    assert "critère VDM-2, poids : inféré → sourcé" in _plain(run.stdout)
