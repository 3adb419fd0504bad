"""The grid version an answers file names (``grid: loi-ess-2014-art15@1``).

An answers file written for one version of a shipped grid is scored on that version when
isgrid ships it (``grids/versions/``), and the result says so: the command line that names
the grid without a version (``isgrid assess loi-ess-2014-art15 file.yaml``) leaves the
version to the file.  A command line that names another version than the file is refused,
and so is a file that names a version isgrid does not ship (the error names those it ships).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Collector, Diagnostic, Location, Message, UsageError
from ..grid.load import (
    LoadedGrid,
    grid_versions,
    is_shipped,
    load_grid,
    shipped_grid_file,
    split_ref,
    version_found,
)
from ..io.text import MAX_YAML_BYTES, read_text
from ..io.yamlio import parse_yaml


def declared_ref(text: str, file: str) -> tuple[str | None, Location]:
    """The ``grid:`` an answers file's text names (``id`` or ``id@version``) and where;
    None when it names none or cannot be read (reading it says why)."""
    diags = Collector()
    doc = parse_yaml(text, file, diags)
    if doc is None or not isinstance(doc.data, dict) or doc.data.get("grid") is None:
        return None, Location(file)
    return str(doc.data["grid"]).strip(), doc.loc(("grid",))


def declared_in_file(path: Path) -> tuple[str | None, Location]:
    """:func:`declared_ref` of the answers file ``path`` (None if it cannot be read)."""
    if not path.is_file():
        return None, Location(str(path))
    text = read_text(path, Collector(), max_bytes=MAX_YAML_BYTES)
    if text is None:
        return None, Location(str(path))
    return declared_ref(text, str(path))


def shipped_versions_of(gid: str) -> list[str]:
    """Every version isgrid ships of ``gid``, oldest first ([] if it ships no such grid)."""
    current = shipped_grid_file(gid)
    if current is None:
        return []
    loaded = load_grid(current)
    return grid_versions(loaded) or [loaded.grid.version]


def pinned_note(pinned: LoadedGrid, current: str) -> dict[str, Any]:
    """What the result says of a grid scored at the version the answers file names:
    ``{ref, id, version, current, by}`` (``by``: « file »)."""
    return {"ref": pinned.grid.ref, "id": pinned.grid.id, "version": pinned.grid.version,
            "current": current, "by": "file"}


def grid_for_answers(asked: str, loaded: LoadedGrid, declared: str | None,
                     at: Location) -> tuple[LoadedGrid, dict[str, Any] | None]:
    """The grid to score an answers file with, and the note the result then carries.

    ``asked``: the grid as the command line names it, ``loaded`` that grid; ``declared``:
    the file's ``grid:`` (located at ``at``).  A file naming another grid, or no version,
    or the version loaded, is scored on ``loaded`` (reading it says the other grid).  A
    command line naming a grid file (``.yaml``) is the grid chosen, at its version."""
    if declared is None or "@" not in declared or asked.endswith((".yaml", ".yml")):
        return loaded, None
    gid, version = split_ref(declared)
    if gid != loaded.grid.id or version == loaded.grid.version:
        return loaded, None
    if "@" in asked:  # the command line names a version, the file another: which?
        message = Message("the answers file is for {file}, the command line names {asked}",
                          file=declared, asked=loaded.grid.ref)
        raise UsageError(message, [Diagnostic(
            "version-mismatch", message, at,
            hint=Message("Leave the version out of the command line (isgrid assess {grid} "
                         "FILE scores the version the file names), or write grid: {asked} in "
                         "the file to score it with that version.", grid=gid,
                         asked=loaded.grid.ref))])
    if not is_shipped(loaded.path) or not version or not version_found(declared):
        message = Message("the answers file names {file}, a version isgrid does not ship",
                          file=declared)
        shipped = shipped_versions_of(gid) if is_shipped(loaded.path) else []
        hint = (Message("isgrid ships the versions {versions} of {grid}: write grid: {current} "
                        "in the file to score it with the current version.",
                        versions=", ".join(shipped), grid=gid, current=loaded.grid.ref)
                if len(shipped) > 1 else
                Message("isgrid ships {grid} at version {version} only: write grid: {current} "
                        "in the file to score it with that version.", grid=gid,
                        version=loaded.grid.version, current=loaded.grid.ref))
        raise UsageError(message, [Diagnostic("version-mismatch", message, at, hint=hint)])
    pinned = load_grid(declared)
    return pinned, pinned_note(pinned, loaded.grid.version)
