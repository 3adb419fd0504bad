"""Writing call folders for tests: call.yaml, a grid, dossiers/*.yaml, ratings/*.csv.

``make_call`` builds a real call folder on disk, the way a jury secretary would,
so that tests go through :func:`isgrid.call.load.load_call` like users do.
A test's own small grid text comes from :mod:`gridtexts`.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

FIXTURE_GRIDS = Path(__file__).parent / "fixtures" / "grids"

#: A rating row: (dossier, assessor, criterion, value) or with a fifth item, the comment.
#: ``value`` None writes an empty cell (a missing rating); any other value is written as is.
RatingRow = tuple[Any, ...]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _copy_fixture(name: str, folder: Path) -> str:
    """Copy a fixture grid (and the fixture grids it extends) into ``folder``."""
    stem = name[:-5] if name.endswith(".yaml") else name
    src = FIXTURE_GRIDS / f"{stem}.yaml"
    if not src.is_file():
        raise FileNotFoundError(src)
    shutil.copyfile(src, folder / src.name)
    parent = yaml.safe_load(src.read_text(encoding="utf-8")).get("extends")
    if parent:
        pid = str(parent).split("@")[0]
        if (FIXTURE_GRIDS / f"{pid}.yaml").is_file():
            _copy_fixture(pid, folder)
    return src.name


def _dossier_id(text: str) -> str:
    m = re.search(r"^id:\s*['\"]?([^'\"\s]+)", text, re.MULTILINE)
    if not m:
        raise ValueError("a raw dossier text needs an `id:` line")
    return m.group(1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def make_call(
    tmp_path: Path,
    grid: str,
    call: dict[str, Any] | None = None,
    dossiers: Sequence[dict[str, Any] | str] = (),
    ratings: Sequence[RatingRow] = (),
    *,
    name: str = "call",
    ratings_file: str | None = None,
) -> Path:
    """Write a call folder under ``tmp_path/name`` and return its path.

    ``grid`` is either YAML text (written to ``grid.yaml``) or the name of a
    fixture grid under ``tests/fixtures/grids`` (copied, with its parents).
    ``call`` is merged over ``{title, grid}``.  Each dossier is a dict (dumped to
    ``dossiers/<id>.yaml``) or raw YAML text (written verbatim, to keep how
    scalars were written).  Ratings go to ``ratings/<assessor>.csv`` (one file
    per assessor, rows in the given order), or all to ``ratings/<ratings_file>``.
    """
    folder = Path(tmp_path) / name
    folder.mkdir(parents=True, exist_ok=False)
    if "\n" in grid:
        (folder / "grid.yaml").write_text(grid, encoding="utf-8")
        grid_ref = "grid.yaml"
    else:
        grid_ref = _copy_fixture(grid, folder)
    config: dict[str, Any] = {"title": "Appel de test", "grid": grid_ref}
    config.update(call or {})
    (folder / "call.yaml").write_text(_dump(config), encoding="utf-8")
    ddir = folder / "dossiers"
    ddir.mkdir()
    for d in dossiers:
        if isinstance(d, str):
            (ddir / f"{_dossier_id(d)}.yaml").write_text(d, encoding="utf-8")
        else:
            data = {"title": f"Projet {d['id']}"} | d
            (ddir / f"{d['id']}.yaml").write_text(_dump(data), encoding="utf-8")
    if ratings:
        rdir = folder / "ratings"
        rdir.mkdir()
        files: dict[str, list[RatingRow]] = {}
        for row in ratings:
            target = ratings_file or f"{row[1]}.csv"
            files.setdefault(target, []).append(row)
        for fname, rows in files.items():
            buf = io.StringIO(newline="")
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(["dossier", "assessor", "criterion", "value", "comment"])
            for row in rows:
                d, a, c, v = row[:4]
                comment = row[4] if len(row) > 4 else ""
                w.writerow([d, a, c, _cell(v), comment])
            (rdir / fname).write_text(buf.getvalue(), encoding="utf-8")
    return folder


#: The facts of a table of dossiers with a fact of each kind (the dossier table's tests)
TABLE_FACTS: dict[str, Any] = {
    "amount_requested": {"type": "number"},
    "eligible_costs": {"type": "number", "maximum": 100000},
    "region": {"type": "string", "enum": ["Alsace", "Lorraine"]},
    "postcode": {"type": "string"},
    "submitted_at": {"type": "date", "required": True},
    "n": {"type": "integer", "minimum": 1},
    "ess": {"type": "boolean"},
    "partners": {"type": "array", "items": {"type": "object", "properties": {
        "name": {"type": "string"}, "type": {"type": "string", "enum": ["asso", "ent"]}}}},
}

