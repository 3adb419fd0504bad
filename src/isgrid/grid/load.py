"""Finding, loading, resolving and hashing grids.

A grid reference is a shipped grid id (``avise-mouves-2011``), an id pinned to a
version (``avise-mouves-2011@1.0``) or a path to a YAML file.  ``extends`` is
resolved here: the parent is looked up next to the child file, then among the
shipped grids; its changes are applied by :mod:`isgrid.grid.changes` in a fixed
order (remove, add, set) so that ``set`` can change a criterion that ``add`` just added.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Collector, Diagnostic, GridError, Location, Message, Quote
from ..io.yamlio import Doc, format_path, load_yaml
from ..paths import grids_dir
from ..validation import validation_diagnostics
from .changes import NOTES_KEY, apply_changes, note_grids
from .check import check_grid
from .dump import canonical_json as canonical_json
from .dump import grid_dump as grid_dump
from .dump import grid_hash as grid_hash
from .langtexts import warn_untranslated
from .model import CALL_VERSION as CALL_VERSION
from .model import Grid, pinned_ref
from .names import answers_instead, unknown_grid
from .names import meant_grid as meant_grid
from .provenance import CHANGED_KEY, check_sourced_sources
from .scoring import scoring_hash
from .setpaths import path_of, set_positions
from .weights import STALE_KEY


def shipped_dir() -> Path:
    """The folder of grids shipped with isgrid (inside the installed package)."""
    return grids_dir()


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    definition: str
    #: the same in English (``en:`` of dimensions.yaml): isgrid's comparison frame, said in
    #: the comparison's language (not a grid's content, which keeps its sources' words)
    label_en: str = ""
    definition_en: str = ""

    def words(self, lang: str) -> tuple[str, str]:
        """(label, definition) in ``lang``: English when asked and given, else French."""
        if lang == "en" and self.label_en:
            return self.label_en, self.definition_en or self.definition
        return self.label, self.definition


@cache
def dimensions() -> dict[str, Dimension]:
    """The shared dimensions D1..D10, from the shipped ``dimensions.yaml``."""
    diags = Collector()
    doc = load_yaml(shipped_dir() / DIMENSIONS_FILE, diags)
    if doc is None:  # pragma: no cover - packaging error
        raise GridError("cannot read the shipped dimensions.yaml", diags.items)
    return {
        d["id"]: Dimension(d["id"], d["label"], d["definition"],
                           (d.get("en") or {}).get("label", ""),
                           (d.get("en") or {}).get("definition", ""))
        for d in doc.data["dimensions"]
    }


@dataclass
class LoadedGrid:
    """A resolved grid, its hash, where it came from and the warnings met on the way."""

    grid: Grid
    sha256: str
    path: Path
    chain: list[str] = field(default_factory=list)  # ids from this grid up to the root
    warnings: list[Any] = field(default_factory=list)
    #: the files read, from this grid's up to the root's (one per id of ``chain``; a
    #: call's changes add none): what ``call init`` copies, never looked up again
    paths: list[Path] = field(default_factory=list)

    @property
    def ref(self) -> str:
        """``<id>@<version>`` of this grid (:attr:`Grid.ref`)."""
        return self.grid.ref

    @cached_property
    def scoring_sha256(self) -> str:
        """The hash of what of this grid scores (:func:`isgrid.grid.scoring.scoring_hash`,
        the result's ``grid.scoring_sha256``), beside :attr:`sha256`: computed once, when
        first read (by the result, by each journal entry appended)."""
        return scoring_hash(self.grid)


def split_ref(ref: str) -> tuple[str, str | None]:
    if "@" in ref:
        gid, version = ref.split("@", 1)
        return gid, version
    return ref, None


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the system cannot even look up (longer than a
    file name may be, a NUL): a grid name is looked up, never written, so such a name is no
    grid (``unknown-grid``), not a failed write in isgrid's install folder."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


#: the shipped file of isgrid's ten dimensions, beside the grids: not a grid
DIMENSIONS_FILE = "dimensions.yaml"


def find_grid_file(ref: str, near: Path | None = None) -> Path | None:
    """Locate a grid by path or id: next to ``near`` first, then shipped grids.  An id
    pinned to a version (``csess-2017@1``) is found in a folder's ``versions/`` as
    ``<id>@<version>.yaml`` (a superseded version kept for the calls that pin it), else as
    ``<id>.yaml`` (whose version :func:`load_grid` checks): the one lookup of every loader."""
    gid, version = split_ref(ref)
    as_path = Path(ref)
    if ref.endswith((".yaml", ".yml")):
        if near is not None and not as_path.is_absolute():
            candidate = near / as_path
            if _is_file(candidate):
                return candidate
        return as_path if _is_file(as_path) else None
    dirs = ([near] if near is not None else []) + [shipped_dir()]
    return next((found for d in dirs
                 if (found := _grid_file_in(d, gid, version)) is not None), None)


#: the subfolder of a grids folder that holds superseded versions, ``<id>@<version>.yaml``
VERSIONS_DIR = "versions"


def _grid_file_in(folder: Path, gid: str, version: str | None = None) -> Path | None:
    """The file of the grid ``gid`` in ``folder`` (``versions/<id>@<version>.yaml`` when a
    version is asked and kept there, else ``<id>.yaml``, else ``<id>.yml``): how a grid
    named by its id is found, beside a file and among the shipped grids."""
    if version is not None and gid and "/" not in version and "\\" not in version \
            and not version.startswith("."):
        kept = folder / VERSIONS_DIR / f"{pinned_ref(gid, version)}.yaml"
        if _is_file(kept):
            return kept
    for ext in (".yaml", ".yml"):
        candidate = folder / f"{gid}{ext}"
        if candidate.name != DIMENSIONS_FILE and _is_file(candidate):
            return candidate
    return None


def version_found(ref: str, near: Path | None = None) -> bool:
    """Whether the grid ``<id>@<version>`` ``ref`` is found at that very version, beside
    ``near`` or among the shipped grids (a superseded version isgrid keeps in
    ``grids/versions/``, or the current one): a call that names it in call.yaml then
    loads.  Told by ``grid-changed`` (:mod:`isgrid.call.gridstamp`): pin the séance's
    version only when there is one to pin."""
    gid, version = split_ref(ref)
    found = find_grid_file(ref, near) if gid and version else None
    if found is None:
        return False
    if found.parent.name == VERSIONS_DIR and found.stem == pinned_ref(gid, version or ""):
        return True
    try:  # <id>.yaml found: at that version, or load_grid refuses it
        return load_grid(ref, near=near).grid.version == version
    except GridError:
        return False


def shipped_grid_file(gid: str) -> Path | None:
    """The shipped grid file of the id ``gid`` (its current version); None when isgrid
    ships no grid of that id."""
    return _grid_file_in(shipped_dir(), gid)


def shipped_versions(gid: str) -> list[str]:
    """The superseded versions isgrid keeps of the shipped grid ``gid`` (``csess-2017@1``
    for ``csess-2017``), oldest first; a call names one as ``<id>@<version>``."""
    folder = shipped_dir() / VERSIONS_DIR
    found = [p.stem.split("@", 1)[1] for p in folder.glob(f"{gid}@*.yaml")]
    return sorted(found, key=_version_key)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """``1.10`` after ``1.9``: the numbers of a version compared as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


def is_shipped(path: Path) -> bool:
    """Whether the grid file ``path`` is one isgrid ships (a call names it by its id, or
    ``<id>@<version>`` for a superseded version kept in ``versions/``)."""
    parent = path.resolve().parent
    shipped = shipped_dir().resolve()
    return parent == shipped or parent == shipped / VERSIONS_DIR


def is_kept_version(path: Path) -> bool:
    """Whether ``path`` is a superseded version isgrid ships (``versions/<id>@<v>.yaml``)."""
    return path.resolve().parent == (shipped_dir() / VERSIONS_DIR).resolve()


def grid_versions(loaded: LoadedGrid) -> list[str]:
    """Every version isgrid ships of a shipped grid (the kept ones, then the current one),
    when it keeps more than one; else [] (a grid of one version, or not shipped)."""
    if not is_shipped(loaded.path):
        return []
    gid = loaded.grid.id
    kept = shipped_versions(gid)
    current = shipped_grid_file(gid)
    if not kept or current is None:
        return []
    latest = (loaded.grid.version if current.resolve() == loaded.path.resolve()
              else load_grid(current).grid.version)
    return [*kept, latest]


def list_shipped() -> list[Path]:
    return sorted(
        p for p in shipped_dir().glob("*.yaml") if p.name != DIMENSIONS_FILE
    )


def load_grid(ref: str | Path, *, near: Path | None = None,
              at: Location | None = None) -> LoadedGrid:
    """Load and resolve a grid; raise :class:`GridError` with every problem found.

    A grid named by id must be found with that id (``grid-id-mismatch``, located at ``at``,
    where the id is written, else at the ``id:`` of the file found), as a parent named by
    ``extends`` must (``extends-id-mismatch``)."""
    diags = Collector()
    path = find_grid_file(str(ref), near) if not isinstance(ref, Path) else ref
    if path is None or not Path(path).is_file():
        raise GridError(
            Message("no grid {ref}", ref=Quote(str(ref))),
            [unknown_grid(str(ref), [p.stem for p in list_shipped()])],
        )
    result = _load_resolved(Path(path), diags, stack=[])
    if result is None or diags.errors:
        raise GridError(f"the grid {path} has errors", diags.items)
    data, doc, chain, paths = result
    _check_named_id(str(ref) if not isinstance(ref, Path) else None, Path(path), chain[0],
                    doc.loc(("id",)) if at is None else at, diags)
    if diags.errors:
        raise GridError(f"the grid {path} is not the grid {ref}", diags.items)
    grid = _validate(data, doc, diags)
    if grid is None or diags.errors:
        raise GridError(f"the grid {path} has errors", diags.items)
    check_grid(grid, doc, diags, dimensions())
    if diags.errors:
        raise GridError(f"the grid {path} has errors", diags.items)
    # a file's name may hold an « @ » (versions/csess-2017@1.yaml): only an id pins
    pinned = None if str(ref).endswith((".yaml", ".yml")) else split_ref(str(ref))[1]
    if pinned is not None and pinned != grid.version:
        diags.add(
            "version-mismatch",
            Message("the shipped grid {grid} is at version {version}, not {pinned}",
                    grid=grid.id, version=grid.version, pinned=pinned)
            if is_shipped(Path(path)) else
            Message("the grid {grid} is at version {version}, not {pinned}",
                    grid=grid.id, version=grid.version, pinned=pinned),
            # a shipped grid is named, not by isgrid's install path (« /…/grids/x.yaml »)
            Location() if is_shipped(Path(path)) else Location(str(path)),
            hint=_versions_hint(grid.id) if is_shipped(Path(path)) else None,
        )
        raise GridError("version mismatch", diags.items)
    return LoadedGrid(grid, grid_hash(grid), Path(path), chain, diags.warnings, paths)


def _versions_hint(gid: str) -> Message | None:
    """The versions isgrid ships of ``gid``, for a pin that names none of them."""
    current = shipped_grid_file(gid)
    kept = shipped_versions(gid)
    if not kept or current is None:
        return None
    return Message("isgrid ships the versions {versions} of {grid}: name one as "
                   "{grid}@<version> (isgrid grids show {grid} lists them).",
                   versions=", ".join(grid_versions(load_grid(current))), grid=gid)


def _check_named_id(ref: str | None, path: Path, found: str, at: Location,
                    diags: Collector) -> None:
    """Refuse a grid named by id (``ref``, not a file) whose file, found by its name, is
    another grid (``found``): the grid checked and scored would not be the grid named."""
    if ref is None or ref.endswith((".yaml", ".yml")):
        return
    gid, _ = split_ref(ref)
    if found == gid:
        return
    diags.add("grid-id-mismatch",
              Message("the grid {ref} is named by its id, but the file {file} found for it "
                      "is the grid {found}", ref=Quote(gid), file=str(path), found=Quote(found)),
              at,
              hint=Message("To read this file, name the file itself (`grid: {name}`), or "
                           "rename it {found}.yaml and give its id (`grid: {found}`); to read "
                           "the grid {ref}, move {name} out of the folder.",
                           name=path.name, found=found, ref=gid))


def validate_grid_file(path: Path) -> Collector:
    """Check a grid file; return every diagnostic instead of raising."""
    try:
        loaded = load_grid(path)
    except GridError as exc:
        diags = Collector()
        diags.extend(exc.diagnostics)
        return diags
    diags = Collector()
    diags.extend(loaded.warnings)
    return diags




def derive_grid(
    parent: LoadedGrid, changes: dict[str, Any], doc: Doc, diags: Collector
) -> LoadedGrid | None:
    """Apply a call's local changes (``set``/``add``/``remove``) to its grid.

    The result keeps the parent's id; its version gets a ``+call`` suffix and its
    hash differs, so a result always says that the grid was changed locally.
    """
    pdata = grid_dump(parent.grid)
    pdata[CHANGED_KEY] = sorted(parent.grid.changed_without_provenance())
    pdata[STALE_KEY] = sorted(parent.grid.stale_weight_entries())
    pdata[NOTES_KEY] = list(parent.grid.note_grids())
    child: dict[str, Any] = {k: changes[k] for k in ("set", "add", "remove") if k in changes}
    child["id"] = parent.grid.id
    child["version"] = f"{parent.grid.version}{CALL_VERSION}"
    check_sourced_sources(doc, diags, ("set", "add"))
    # a call says nothing of its values' provenance: what it sets is shown as inferred
    merged = apply_changes(pdata, child, doc, diags, warn_stale=False)
    if merged is None:
        return None
    merged["extends"] = parent.ref
    grid = _validate(merged, Doc(merged, doc.file, set_positions(
        merged, child.get("set") or {}, doc)), diags)
    if grid is None:
        return None
    before = len(diags.errors)
    check_grid(grid, doc, diags, dimensions(), in_call=True)
    if len(diags.errors) > before:
        return None
    return LoadedGrid(grid, grid_hash(grid), parent.path, [grid.id, *parent.chain],
                      list(parent.warnings), list(parent.paths))


def _validate(data: dict[str, Any], doc: Doc, diags: Collector) -> Grid | None:
    changed = frozenset(data.pop(CHANGED_KEY, None) or ())
    stale = frozenset(data.pop(STALE_KEY, None) or ())
    notes_from = tuple(note_grids(data))
    data.pop(NOTES_KEY, None)
    try:
        grid = Grid.model_validate(data)
        grid.mark_changed_without_provenance(changed)
        grid.mark_stale_weight_entries(stale)
        grid.mark_note_grids(notes_from)
        return grid
    except ValidationError as exc:
        # Errors in a resolved grid are reported against the file that was loaded (a
        # value a ``set`` wrote, at its ``set`` entry).
        sets = doc.data.get("set") or {} if isinstance(doc.data, dict) else {}
        fake = Doc(data, doc.file, doc.positions if data is doc.data else set_positions(
            data, sets, doc), {})
        found = Collector()
        validation_diagnostics(exc, Grid, fake, found)
        diags.extend(_as_written(found.items, data, sets) if data is not doc.data
                     else found.items)
        return None


def _as_written(items: list[Diagnostic], data: dict[str, Any],
                sets: dict[str, Any]) -> list[Diagnostic]:
    """Problems of values a ``set`` wrote, with the key path written there
    (``set.criteria.VDM-2.weight``), not the path of the resolved grid nobody wrote
    (``sections[0].criteria[1].weight``)."""
    written = {format_path(path): f"set.{key}" for key in sets
               if (path := path_of(data, str(key))) is not None}
    return [replace(d, location=replace(d.location, key_path=written[d.location.key_path]))
            if d.location.key_path in written else d for d in items]


#: The longest ``extends`` chain read (a call's grid over a regional one over a national
#: one is 3): 1,500 files extending each other ended in a RecursionError.
MAX_EXTENDS = 32


def _load_resolved(
    path: Path, diags: Collector, stack: list[str]
) -> tuple[dict[str, Any], Doc, list[str], list[Path]] | None:
    """Read a grid file and resolve its ``extends`` chain, as plain data, with the ids
    and the files of the chain."""
    doc = load_yaml(path, diags)
    if doc is None:
        return None
    # Structural check of the file itself, located in this file.
    try:
        Grid.model_validate(doc.data)
    except ValidationError as exc:
        answers = answers_instead(path, doc.data)  # an answers file: said so, not its schema
        diags.extend([answers] if answers else [])
        if answers is None:
            validation_diagnostics(exc, Grid, doc, diags)
        return None
    check_sourced_sources(doc, diags)
    data: dict[str, Any] = copy.deepcopy(doc.data)
    data.pop("$schema", None)
    if isinstance(data.get("version"), int | float) and ("version",) in doc.raw:
        data["version"] = doc.raw[("version",)]  # 1.10 stays "1.10", not "1.1"
    gid = str(data.get("id"))
    if gid in stack:
        cycle = " -> ".join([*stack, gid])
        diags.add("extends-cycle", Message("grids extend each other in a cycle: {cycle}",
                                           cycle=cycle), doc.loc(("id",)))
        return None
    parent_ref = data.get("extends")
    if parent_ref is None:
        if data.get("mode") is None:
            diags.add("schema-invalid", Message("the key 'mode' is required"), doc.loc(()),
                      hint="mode is one of checklist, profile, scored.")
        if not data.get("sections"):
            diags.add("empty-grid", Message("the grid has no sections"), doc.loc(("sections",)))
        for key in ("set", "add", "remove"):
            if key in data:
                diags.add(
                    "schema-invalid", Message("{key} only makes sense with 'extends'",
                                              key=Quote(key)), doc.loc((key,))
                )
        if diags.errors:
            return None
        return data, doc, [gid], [path]
    parent_id, pinned = split_ref(str(parent_ref))
    if "/" in parent_id or "\\" in parent_id or parent_id.startswith("."):
        diags.add("path-escape", Message("extends names a path ({parent_id}), not a grid id",
                                         parent_id=Quote(parent_id)),
                  doc.loc(("extends",)),
                  hint="Give the parent's id; it is looked up next to this file, then among "
                  "the shipped grids.")
        return None
    if len(stack) + 1 >= MAX_EXTENDS:
        diags.add("extends-cycle", Message("the chain of grids extending each other is longer "
                                           "than {max}", max=MAX_EXTENDS),
                  doc.loc(("extends",)),
                  hint="A call's grid extends a shipped grid, or a grid that does: a few "
                  "steps, not dozens.")
        return None
    if parent_id in [*stack, gid]:
        cycle = " -> ".join([*stack, gid, parent_id])
        diags.add("extends-cycle", Message("grids extend each other in a cycle: {cycle}",
                                           cycle=cycle),
                  doc.loc(("extends",)))
        return None
    parent_path = find_grid_file(str(parent_ref), path.parent)
    if parent_path is None:
        d = unknown_grid(parent_id, [p.stem for p in list_shipped()])
        diags.add("unknown-grid", Message("the parent grid {parent_id} cannot be found",
                                          parent_id=Quote(parent_id)),
                  doc.loc(("extends",)), hint=d.hint)
        return None
    parent = _load_resolved(parent_path, diags, [*stack, gid])
    if parent is None:
        return None
    pdata, _pdoc, pchain, ppaths = parent
    if pchain[0] != parent_id:
        # found by its file name, it is another grid: checking one grid and scoring with
        # another (the shipped one a copy of the call would find) must not happen
        diags.add("extends-id-mismatch",
                  Message("extends names {parent_id} but the file {file} found for it is the "
                          "grid {found}", parent_id=Quote(parent_id), file=str(parent_path),
                          found=Quote(pchain[0])),
                  doc.loc(("extends",)),
                  # `extends: {found}` alone is not found (a parent is looked up by its
                  # file name): the hint says both steps
                  hint=Message("To extend the grid {found}, write `extends: {found}` and "
                               "rename {name} to {found}.yaml: a parent grid is found by its "
                               "file name, `<id>.yaml`. To extend {parent_id}, rename or "
                               "move {name}, which stands in its place.", found=pchain[0],
                               name=parent_path.name, parent_id=parent_id))
        return None
    _warn_shadowing(parent_id, parent_path, doc, diags)
    if pinned is not None and str(pdata.get("version")) != pinned:
        diags.add(
            "version-mismatch",
            Message("{parent_id} is at version {value}, not {pinned}",
                    parent_id=parent_id, value=pdata.get('version'), pinned=pinned),
            doc.loc(("extends",)),
        )
        return None
    merged = apply_changes(pdata, data, doc, diags)
    if merged is None:
        return None
    warn_untranslated(pdata, merged, data, doc, diags)
    return merged, doc, [gid, *pchain], [path, *ppaths]


def _warn_shadowing(parent_id: str, parent_path: Path, doc: Doc, diags: Collector) -> None:
    """Warn when the parent found beside a grid has the id of a shipped grid: the file
    stands in for the shipped grid (``shadowed-grid``)."""
    if is_shipped(parent_path):
        return
    if shipped_grid_file(parent_id) is None:
        return
    diags.add("shadowed-grid",
              Message("the parent {parent_id} is read from {file}, not from the grid isgrid "
                      "ships under that id", parent_id=Quote(parent_id), file=str(parent_path)),
              doc.loc(("extends",)), severity="warning",
              hint="Give a grid of your own an id of its own (`id: mon-appel-2026`), and "
                   "extend it by that id; a file beside the grid wins over the shipped grid.")


def warn_shadowing_grid(loaded: LoadedGrid, at: Location, diags: Collector) -> None:
    """Warn, at ``at`` (where a call names its grid), when the grid file a call reads is
    not a shipped one but says it is (its ``id:`` is a shipped grid's) and differs from it
    (another hash): the call's documents would name the shipped grid for a grid that is not
    it (``shadowed-grid``, as :func:`_warn_shadowing` for a parent).  A faithful copy (the
    same hash) is the shipped grid and is not warned."""
    if is_shipped(loaded.path):
        return
    gid = loaded.grid.id
    original = shipped_grid_file(gid)
    if original is None or load_grid(original).sha256 == loaded.sha256:
        return
    diags.add("shadowed-grid",
              Message("the grid is read from {file}, whose id {grid} is the id of a grid "
                      "isgrid ships, but it is not that grid", file=str(loaded.path),
                      grid=Quote(gid)),
              at, severity="warning",
              hint="Give a grid of your own an id of its own (`id: mon-appel-2026`): the "
                   "call's documents name the grid by its id.")


def shadowing_warnings(loaded: LoadedGrid) -> list[Diagnostic]:
    """:func:`warn_shadowing_grid` for a grid file read by itself (`grids check`, `grids
    show`), said at its ``id:``: a shipped grid's copy edited under the same id would be
    shown, compared and checked as the shipped grid (its reworded criteria « sourcé »)."""
    if is_shipped(loaded.path):
        return []
    found = Collector()
    doc = load_yaml(loaded.path, Collector())
    at = doc.loc(("id",)) if doc is not None else Location(str(loaded.path))
    warn_shadowing_grid(loaded, at, found)
    return found.items
