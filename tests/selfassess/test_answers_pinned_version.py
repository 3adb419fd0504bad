"""An answers file that names a version (``grid: loi-ess-2014-art15@1``) is scored on that
version when isgrid ships it, and the result says so; a command line naming another
version, or a file naming a version isgrid does not ship, is refused with a hint."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from clirun import norm
from isgrid.cli import cli

# 1° met (« Oui », 2), the II not met (« Non », 0): version 1's verdict is all of the I and
# the II, so « non caractérisé »; version 2's is the I alone (1° or 2°), so « caractérisé »
ANSWERS = """grid: {grid}
answers:
  A15-1: 2
  A15-2: 0
  A15-3: 2
  A15-4: 2
  A15-II: 0
"""


def _file(tmp_path: Path, grid: str) -> Path:
    path = tmp_path / "reponses.yaml"
    path.write_text(ANSWERS.format(grid=grid), encoding="utf-8")
    return path


def _run(*args: object, lang: str = "fr") -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--lang", lang, *[str(a) for a in args]])
    return res.exit_code, norm(res.output)


def test_a_file_naming_version_1_is_scored_on_version_1_and_says_so(tmp_path: Path) -> None:
    path = _file(tmp_path, "loi-ess-2014-art15@1")
    code, out = _run("assess", "loi-ess-2014-art15", path, "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["grid"]["version"] == "1"
    assert data["verdict"] == "non caractérisé"  # the II joined in version 1's verdict
    assert data["pinned"] == {"by": "file", "current": "2", "id": "loi-ess-2014-art15",
                              "ref": "loi-ess-2014-art15@1", "version": "1"}
    code, md = _run("assess", "loi-ess-2014-art15", path)
    assert code == 0, md
    assert ("Évalué avec loi-ess-2014-art15@1, la version que nomme le fichier ; la version "
            "actuelle est la 2 : pour l'évaluer avec elle, écrivez « grid: "
            "loi-ess-2014-art15@2 » dans le fichier.") in md
    code, html = _run("assess", "loi-ess-2014-art15", path, "--format", "html")
    assert code == 0 and "Évalué avec loi-ess-2014-art15@1" in html
    code, en = _run("assess", "loi-ess-2014-art15", path, lang="en")
    assert code == 0, en
    assert ("Assessed with loi-ess-2014-art15@1, the version the file names; the current "
            'version is 2: to assess it with that one, write "grid: loi-ess-2014-art15@2" '
            "in the file.") in en


def test_the_current_version_or_none_named_is_scored_on_it_without_a_note(
        tmp_path: Path) -> None:
    for grid in ("loi-ess-2014-art15@2", "loi-ess-2014-art15"):
        code, out = _run("assess", "loi-ess-2014-art15", _file(tmp_path, grid),
                         "--format", "json")
        assert code == 0, out
        data = json.loads(out)
        assert data["grid"]["version"] == "2"
        assert data["verdict"] == "caractérisé"  # the I alone: 1° is met
        assert "pinned" not in data


def test_a_command_line_naming_another_version_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, "loi-ess-2014-art15@1")
    code, out = _run("assess", "loi-ess-2014-art15@2", path)
    assert code == 2
    assert ("le fichier de réponses est pour loi-ess-2014-art15@1, la ligne de commande "
            "nomme loi-ess-2014-art15@2 [version-mismatch]") in out
    assert "reponses.yaml:1:7" in out  # the file's grid: line
    assert ("Retirez la version de la ligne de commande (isgrid assess loi-ess-2014-art15 "
            "FICHIER évalue avec la version que nomme le fichier), ou écrivez grid: "
            "loi-ess-2014-art15@2 dans le fichier") in out
    code, en = _run("assess", "loi-ess-2014-art15@2", path, lang="en")
    assert code == 2
    assert ("the answers file is for loi-ess-2014-art15@1, the command line names "
            "loi-ess-2014-art15@2") in en
    # the same version on both: scored, no note
    code, out = _run("assess", "loi-ess-2014-art15@1", path, "--format", "json")
    assert code == 0 and json.loads(out)["grid"]["version"] == "1"
    assert "pinned" not in json.loads(out)


def test_a_version_not_shipped_is_refused_with_the_versions_shipped(tmp_path: Path) -> None:
    path = _file(tmp_path, "loi-ess-2014-art15@7")
    code, out = _run("assess", "loi-ess-2014-art15", path)
    assert code == 2
    assert ("le fichier de réponses nomme loi-ess-2014-art15@7, une version qu'isgrid ne "
            "fournit pas") in out
    assert ("isgrid fournit les versions 1, 2 de loi-ess-2014-art15 : écrivez grid: "
            "loi-ess-2014-art15@2 dans le fichier") in out
    code, en = _run("assess", "loi-ess-2014-art15", path, lang="en")
    assert code == 2
    assert "isgrid ships the versions 1, 2 of loi-ess-2014-art15" in en
    # a grid of one version says it
    one = tmp_path / "avise.yaml"
    one.write_text("grid: avise-mouves-2011@3\nanswers:\n  AV-1.1: 2\n", encoding="utf-8")
    code, out = _run("assess", "avise-mouves-2011", one)
    assert code == 2
    assert ("isgrid ne fournit avise-mouves-2011 qu'en version 1 : écrivez grid: "
            "avise-mouves-2011@1 dans le fichier") in out
