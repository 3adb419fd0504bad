"""A grid's « id@version » reference: written in one place (``Grid.ref``, ``LoadedGrid.ref``,
:func:`isgrid.grid.model.pinned_ref`), read back by ``split_ref``.  It was built by hand in
seven places (the journal's grid stamp, ``call init``'s pin, a derived grid's ``extends``, the
comparison's keys, the self-assessment's answers file…), each free to drift."""

from __future__ import annotations

import re

from isgrid.grid.load import find_grid_file, load_grid, split_ref
from isgrid.grid.model import pinned_ref
from testpaths import ROOT


def test_the_reference_of_a_shipped_grid_and_of_a_kept_version() -> None:
    # grids/csess-2017.yaml says version: "2"; grids/versions/csess-2017@1.yaml, "1"
    assert load_grid("csess-2017").ref == "csess-2017@2"
    assert load_grid("csess-2017@1").grid.ref == "csess-2017@1"
    assert pinned_ref("alsace-aap-2016", "1+call") == "alsace-aap-2016@1+call"
    assert split_ref(load_grid("csess-2017@1").ref) == ("csess-2017", "1")
    found = find_grid_file(pinned_ref("csess-2017", "1"))
    assert found is not None and found.name == "csess-2017@1.yaml"


def test_no_module_builds_the_reference_by_hand() -> None:
    by_hand = re.compile(r"\{[^{}]*\.id\}@\{[^{}]*version[^{}]*\}|\{gid\}@\{version\}")
    src = ROOT / "src" / "isgrid"
    found = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.py")
                   if by_hand.search(p.read_text("utf-8")))
    assert found == ["grid/model.py"]
