"""`grids check` and `grids show` warn, at its `id:`, of a copy of a shipped grid edited
under the same id (review s9, F8).

Found by a review: `grids show val-de-marne-ess-2024 --format yaml -o vdm-modif.yaml`, one
label reworded, then `grids check vdm-modif.yaml` said « ok » and `grids show` presented the
new wording as « sourcé VDM »; only `call init` and `call check` warned (shadowed-grid).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import shipped_grid_file

SHIPPED = shipped_grid_file("val-de-marne-ess-2024")
WARNING = ("Warning: {file}:{line}:5 (id): the grid is read from {file}, whose id "
           "'val-de-marne-ess-2024' is the id of a grid isgrid ships, but it is not that grid "
           "[shadowed-grid]")


def _copy(tmp_path: Path, edit: bool) -> tuple[Path, int]:
    assert SHIPPED is not None
    text = SHIPPED.read_text(encoding="utf-8")
    if edit:
        text = text.replace('label: "Viabilité économique"',
                            'label: "Viabilité économique et sociale"', 1)
        assert "économique et sociale" in text
    path = tmp_path / "vdm-modif.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("id: "))
    return path, line


def test_an_edited_copy_is_warned_by_check_and_show(tmp_path: Path) -> None:
    path, line = _copy(tmp_path, edit=True)
    warning = WARNING.format(file=path, line=line)
    for args in (["grids", "check", str(path)], ["grids", "show", str(path)]):
        res = CliRunner().invoke(cli, ["--lang", "en", *args])
        assert res.exit_code == 0, res.output
        assert res.output.count(warning) == 1, res.output
    strict = CliRunner().invoke(cli, ["--lang", "en", "--strict", "grids", "check", str(path)])
    assert strict.exit_code != 0


def test_a_faithful_copy_and_the_shipped_grid_are_not(tmp_path: Path) -> None:
    path, _ = _copy(tmp_path, edit=False)
    for ref in (str(path), "val-de-marne-ess-2024"):
        res = CliRunner().invoke(cli, ["--lang", "en", "grids", "check", ref])
        assert res.exit_code == 0 and "shadowed-grid" not in res.output, res.output
