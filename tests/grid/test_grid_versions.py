"""Versions of a shipped grid side by side (review s12 grids #7).

csess-2017 version 1 made three criteria « socles » (isgrid's choice) and gave a verdict the
CSESS orientations do not give (their criteria are « non hiérarchisés », S5); version 2 is a
profile with no gate.  A call that pins ``csess-2017@1`` keeps version 1's verdict and hash
(the sha256 below is the one every result of version 1 recorded before version 2 existed);
a call that names ``csess-2017`` reads version 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import GridError, load_grid, shipped_versions

#: version 1's hash, as `isgrid grids show csess-2017` printed it before version 2
V1_SHA = "caaa7a8e77e0803067c9e055fd04e22f725063bb36f3a5f60ac67b485000fcb3"
FRENCH = {"LC_ALL": "fr_FR.UTF-8"}

#: one dossier rated on the presence scale (0..3): met is 3, partly 2, present (v2) 2
RATINGS = {"CS-1.1": 3, "CS-1.2": 1, "CS-2.1": 2, "CS-2.2": 0, "CS-2.3": 2, "CS-2.4": 3,
           "CS-3.1": 3, "CS-3.2": 1}


def test_version_1_is_kept_unchanged_and_version_2_has_no_gate() -> None:
    v1 = load_grid("csess-2017@1")
    assert (v1.grid.version, v1.grid.mode, v1.sha256) == ("1", "checklist", V1_SHA)
    assert sorted(c.id for c in v1.grid.criteria() if c.core) == ["CS-1.1", "CS-1.2", "CS-3.1"]
    v2 = load_grid("csess-2017")
    assert (v2.grid.version, v2.grid.mode) == ("2", "profile")
    assert [c.id for c in v2.grid.criteria() if c.core] == []
    assert "criteria.*.core" not in v2.grid.parameters
    assert load_grid("csess-2017@2").sha256 == v2.sha256 != V1_SHA
    assert shipped_versions("csess-2017") == ["1"]
    assert shipped_versions("avise-mouves-2011") == []


def test_an_unknown_version_names_the_versions_shipped() -> None:
    with pytest.raises(GridError) as err:
        load_grid("csess-2017@3")
    (diag,) = err.value.diagnostics
    assert diag.code == "version-mismatch"
    assert "1, 2" in str(diag.effective_hint) and "csess-2017@<version>" in str(
        diag.effective_hint)


def _call(folder: Path, grid: str) -> Path:
    (folder / "dossiers").mkdir(parents=True)
    (folder / "ratings").mkdir()
    (folder / "call.yaml").write_text(f"title: Appel\ngrid: {grid}\n", encoding="utf-8")
    (folder / "dossiers" / "D001.yaml").write_text("id: D001\ntitle: Projet\n",
                                                   encoding="utf-8")
    rows = "".join(f"D001,j1,{c},{v},\n" for c, v in RATINGS.items())
    (folder / "ratings" / "j1.csv").write_text(
        "dossier,assessor,criterion,value,comment\n" + rows, encoding="utf-8")
    return folder


def _score(folder: Path) -> dict:
    run = CliRunner().invoke(cli, ["score", str(folder), "--format", "json"])
    assert run.exit_code == 0, run.output
    return json.loads(run.stdout)


def test_a_call_pinning_version_1_keeps_its_verdict_a_new_call_reads_version_2(
        tmp_path: Path) -> None:
    old = _score(_call(tmp_path / "old", "csess-2017@1"))
    assert (old["grid"]["version"], old["grid"]["sha256"]) == ("1", V1_SHA)
    # core CS-1.1 = 3 (met), CS-1.2 = 1 (below « en partie », 2), CS-3.1 = 3: one core
    # criterion not even partly met -> « non caractérisé »
    assert old["dossiers"][0]["verdict"] == "non caractérisé"
    new = _score(_call(tmp_path / "new", "csess-2017"))
    assert new["grid"]["version"] == "2" and new["grid"]["mode"] == "profile"
    d = new["dossiers"][0]
    assert d["verdict"] is None  # no gate: no verdict
    # present from « Plutôt présent » (2): CS-1.1 3, CS-2.1 2, CS-2.3 2, CS-2.4 3, CS-3.1 3
    assert d["profile"]["present"] == ["CS-1.1", "CS-2.1", "CS-2.3", "CS-2.4", "CS-3.1"]


def test_call_init_keeps_a_kept_version_pinned(tmp_path: Path) -> None:
    shipped = load_grid("csess-2017@1").path
    assert shipped.parent.name == "versions" and shipped.name == "csess-2017@1.yaml"
    run = CliRunner().invoke(cli, ["call", "init", str(tmp_path / "c"), "--grid", str(shipped)])
    assert run.exit_code == 0, run.output
    text = (tmp_path / "c" / "call.yaml").read_text(encoding="utf-8")
    assert "grid: csess-2017@1\n" in text
    assert not (tmp_path / "c" / "csess-2017@1.yaml").exists()  # named, never copied


def test_a_grid_extends_a_kept_version(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(
        'id: mon-appel\nversion: "1"\ntitle: Mon appel\nextends: csess-2017@1\n',
        encoding="utf-8")
    loaded = load_grid(tmp_path / "g.yaml")
    assert loaded.grid.mode == "checklist" and loaded.chain == ["mon-appel", "csess-2017"]


def test_grids_list_and_show_say_the_versions() -> None:
    listed = json.loads(CliRunner().invoke(cli, ["grids", "list", "--format", "json"]).stdout)
    versions = {r["id"]: r["versions"] for r in listed}
    assert versions["csess-2017"] == ["1", "2"] and versions["alterincub"] == ["1"]
    assert len(listed) == 15  # one line per grid, not per version
    table = CliRunner().invoke(cli, ["--lang", "fr", "grids", "list"],
                               env={**FRENCH, "COLUMNS": "200"}).stdout
    assert "versions 1, 2 (csess-2017@<version>)" in table
    for ref in ("csess-2017", "csess-2017@1"):
        shown = CliRunner().invoke(cli, ["--lang", "fr", "grids", "show", ref],
                                   env=FRENCH).stdout
        assert ("  versions 1, 2\u00a0: un appel qui nomme csess-2017 lit la 2\u202f; une "
                "autre se nomme csess-2017@<version>") in shown
    shown = json.loads(CliRunner().invoke(cli, ["grids", "show", "csess-2017@1", "--format",
                                                "json"]).stdout)
    assert (shown["version"], shown["versions"]) == ("1", ["1", "2"])
    alone = CliRunner().invoke(cli, ["--lang", "en", "grids", "show", "alterincub"]).stdout
    assert "versions" not in alone.split("\n", 4)[3]


def test_compare_takes_two_versions() -> None:
    run = CliRunner().invoke(cli, ["--lang", "fr", "compare", "csess-2017@1", "csess-2017@2"],
                             env=FRENCH)
    assert run.exit_code == 0, run.output
    assert "csess-2017@1 et csess-2017@2 ont 8 critères en commun" in run.stdout


def test_a_jury_adds_its_own_gate_over_version_2(tmp_path: Path) -> None:
    # what docs/grids.md tells a jury that wants a gate
    (tmp_path / "jury.yaml").write_text(
        'id: jury-csess\nversion: "1"\ntitle: Jury\nextends: csess-2017\nset:\n'
        "  mode: checklist\n  counts_as: {met: 3, partly: 2}\n  criteria.CS-1.1.core: true\n"
        'parameters:\n  criteria.*.core: {status: inferred, note: "Choix du jury."}\n'
        '  counts_as: {status: inferred, note: "Choix du jury."}\n', encoding="utf-8")
    loaded = load_grid(tmp_path / "jury.yaml")
    assert loaded.grid.mode == "checklist" and loaded.chain == ["jury-csess", "csess-2017"]
    assert [c.id for c in loaded.grid.criteria() if c.core] == ["CS-1.1"]


def test_the_self_assessment_template_of_a_kept_version_names_it(tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    run = CliRunner().invoke(cli, ["--lang", "fr", "assess", "csess-2017@1", "--template",
                                   "-o", str(out)], env=FRENCH)
    assert run.exit_code == 0, run.output
    text = out.read_text(encoding="utf-8")
    assert "isgrid assess csess-2017@1 CE-FICHIER.yaml" in text
    assert "\ngrid: csess-2017@1\n" in text
