"""``isgrid grids show GRID --format yaml [-o FILE]``: a grid's own file, to copy and adapt.

A secretariat that follows the French guide and wants its own grid had no way to get a
shipped grid's YAML (``grids show`` offered text and json only, and an installed isgrid
keeps its grids inside the package).  The file is given as written, byte for byte: its
comments and its ``extends:`` kept, not the resolved grid.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from isgrid.cli import cli
from isgrid.paths import grids_dir
from testpaths import FIXTURES

ALSACE = grids_dir() / "alsace-aap-2016.yaml"
#: A grid that extends a shipped one, with comments, a blank line and Windows line ends:
#: all of it kept.
CHILD = (
    "# Grille du secrétariat, appel 2027\r\n"
    "id: ma-grille\r\n"
    "version: \"1\"\r\n"
    "title: Ma grille\r\n"
    "extends: alsace-aap-2016@1   # la grille de départ\r\n"
    "\r\n"
    "set:\r\n"
    "  threshold: 60\r\n"
    "parameters:\r\n"
    "  threshold: {status: inferred, note: choix du secrétariat}\r\n"
)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_a_shipped_grid_as_its_file() -> None:
    res = invoke("grids", "show", "alsace-aap-2016", "--format", "yaml")
    assert res.exit_code == 0, res.output
    assert res.stdout_bytes == ALSACE.read_bytes()
    # its own file: the comments and the extends: of the file, not the resolved grid
    assert res.stdout.startswith("# Région Alsace, appel à projets")
    assert "\nextends: avise-mouves-2011@1\n" in res.stdout
    assert "\nremove:\n  - AV-1.2\n" in res.stdout
    pinned = invoke("grids", "show", "alsace-aap-2016@1", "--format", "yaml")
    assert pinned.stdout_bytes == ALSACE.read_bytes()


def test_a_grid_that_extends_as_its_file(tmp_path: Path) -> None:
    child = tmp_path / "ma-grille.yaml"
    child.write_bytes(CHILD.encode("utf-8"))
    res = invoke("grids", "show", str(child), "--format", "yaml")
    assert res.exit_code == 0, res.output
    assert res.stdout_bytes == CHILD.encode("utf-8")
    # the fixture's child too (in the repository's tests)
    mini = FIXTURES / "grids" / "mini-child.yaml"
    assert invoke("grids", "show", str(mini), "--format", "yaml").stdout_bytes == \
        mini.read_bytes()
    # while text shows it resolved: the parent's criteria, the threshold set
    text = invoke("grids", "show", str(child)).stdout
    assert "extends: alsace-aap-2016" not in text and "ALS-4" in text
    assert "threshold 60" in text


def test_written_with_o_never_over_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "ma-grille.yaml"
    res = invoke("grids", "show", "alsace-aap-2016", "--format", "yaml", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert res.stderr == f"wrote {out}\n"
    assert out.read_bytes() == ALSACE.read_bytes()
    # an existing file is refused, and left as it was
    out.write_text("# mes changements\n", encoding="utf-8")
    again = invoke("grids", "show", "alsace-aap-2016", "--format", "yaml", "-o", str(out))
    assert again.exit_code == 2
    assert "[output-exists]" in again.stderr and "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == "# mes changements\n"
    forced = invoke("grids", "show", "alsace-aap-2016", "--format", "yaml", "-o", str(out),
                    "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() == ALSACE.read_bytes()
    # the grid shown is never written over itself, even with --force
    itself = invoke("grids", "show", str(out), "--format", "yaml", "-o", str(out), "--force")
    assert itself.exit_code == 2
    assert "[output-is-input]" in itself.stderr
    assert out.read_bytes() == ALSACE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ma-grille.yaml"]  # no temp left


def test_the_o_files_extension_chooses_yaml(tmp_path: Path) -> None:
    out = tmp_path / "copie.yaml"
    assert invoke("grids", "show", "alsace-aap-2016", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == ALSACE.read_bytes()
    text = tmp_path / "alsace.txt"
    assert invoke("grids", "show", "alsace-aap-2016", "-o", str(text)).exit_code == 0
    assert text.read_text(encoding="utf-8") == invoke("grids", "show",
                                                      "alsace-aap-2016").stdout


def test_the_help_says_yaml_is_the_file_as_written() -> None:
    en = invoke("grids", "show", "--help").stdout
    assert "--format [text|json|yaml|csv]" in en
    assert "-o, --output PATH" in en and "--force" in en
    assert " ".join(en.split()).count("(not the resolved grid)") == 1
    fr = invoke("--lang", "fr", "grids", "show", "--help").stdout
    words = " ".join(fr.split())
    assert "(pas la grille résolue)" in words
    assert "son propre fichier tel qu'il est écrit" in words
    assert "-o, --output CHEMIN" in fr
    assert "isgrid grids show alsace-aap-2016 --format yaml -o ma-grille.yaml" in fr
