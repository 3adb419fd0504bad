"""``isgrid call init``: a call folder to start from, for a given grid."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import Collector, Diagnostic, Location, Message, UsageError
from ..grid.load import LoadedGrid, is_kept_version, is_shipped, load_grid, warn_shadowing_grid
from ..grid.model import FactSpec
from ..i18n import translator
from ..io import yamlemit as emit
from ..io.folder import inside
from ..io.refusal import refused
from ..io.write import write_files, writing
from ..io.writelock import LOCK_NAME

#: The words ``call init`` writes into a new call, in the call's language (``lang``): the
#: comments and the examples the user replaces (the grid's own words stay as they are).
WORDS: dict[str, dict[str, str]] = {
    "fr": {"header": "Dossier d'appel créé par `isgrid call init` ; toutes les clés : "
                     "docs/calls.md.",
           "lang": "la langue des documents et des classeurs de l'appel",
           "name": "Nom Prénom", "role": "juré", "reason": "lien avec le porteur",
           "dossier": "Exemple de dossier : remplacez les valeurs.",
           "title": "Projet exemple", "todo": "à compléter",
           "call": "Appel à projets"},
    "en": {"header": "Call folder created by `isgrid call init`; every key: docs/calls.md.",
           "lang": "the language of the call's documents and workbooks",
           "name": "First Last", "role": "juror", "reason": "board member of the applicant",
           "dossier": "Example dossier: replace the values.",
           "title": "Example project", "todo": "to be completed",
           "call": "Call for projects"},
}


def _example(spec: FactSpec, lang: str = "fr") -> Any:
    if spec.enum:
        return spec.enum[0]
    return {
        "string": WORDS[lang]["todo"],
        "integer": 0,
        "number": 0,
        "boolean": False,
        "date": "2026-01-31",
    }.get(spec.type)


def _yaml_scalar(value: Any, flow: bool = False) -> str:
    """``value`` as YAML that reads back as itself: the one writer of new YAML values
    (:func:`isgrid.io.yamlemit.scalar`), as ``isgrid intake`` and the edits write them."""
    return emit.scalar(value, flow)


def _grid_in_folder(grid_ref: str, loaded: LoadedGrid, folder: Path
                    ) -> tuple[str, list[tuple[Path, bytes]]]:
    """What call.yaml names as the call's grid, and the grid files to copy into the folder.

    A call reads its grid by id (a shipped grid) or as a file inside its folder, never
    elsewhere (``path-escape``): a grid given by a path outside the folder is copied into
    it, with the files of its ``extends`` chain the loader read (:attr:`LoadedGrid.paths`:
    the very files checked, never looked up again; shipped ones are named by id), so that
    the call is whole and reads the same grid wherever it is run from.  A shipped grid
    given by its path is named by its id."""
    if not grid_ref.endswith((".yaml", ".yml")):
        return grid_ref, []
    source = loaded.path.resolve()
    if is_shipped(source):  # a kept older version stays pinned (versions/<id>@<v>.yaml)
        return (loaded.ref if is_kept_version(source)
                else loaded.grid.id), []
    root = folder.resolve() if folder.exists() else folder.absolute()
    if inside(root, source):
        return source.relative_to(root).as_posix(), []
    copies = [(folder / source.name, source)]
    for found in loaded.paths[1:]:
        if not is_shipped(found):
            copies.append((folder / found.name, found.resolve()))
    out: list[tuple[Path, bytes]] = []
    for target, origin in copies:
        data = origin.read_bytes()
        if target.exists() and target.read_bytes() != data:
            raise UsageError(f"{target} exists", [Diagnostic(
                "output-exists", Message("{path} already exists and is not the grid {grid}",
                                         path=target, grid=origin),
                Location(str(target)),
                hint="Move it away, or put the grid inside the call folder and give its "
                     "path there.")])
        if not target.exists():
            out.append((target, data))
    return source.name, out


def default_title(grid_title: str, lang: str = "fr") -> str:
    """The call's title when none is given: « Appel à projets » (« Call for projects »
    in English) and the grid's title, unless the grid's title already names a call
    (« Appel à projets … », « AAP … »)."""
    head = grid_title.strip().casefold()
    if head.startswith(("appel", "aap ", "call for", "concours", "trophée")):
        return grid_title.strip()
    return f"{WORDS[lang]['call']} – {grid_title.strip()}"


def init_call(folder: Path, grid_ref: str, title: str | None,
              warn: Callable[[list[Diagnostic]], None] | None = None,
              lang: str = "fr") -> list[Path]:
    """Write call.yaml, dossiers/D001.yaml and ratings/ratings.csv; never overwrite.

    ``lang``: the call's language, written as call.yaml's ``lang`` (French, the default of
    a call without it, written too: the file says what it is), and the language of the
    comments and examples written (:data:`WORDS`).

    A folder that holds a call's files but no call.yaml (dossiers and ratings exported
    from elsewhere: the error of every command there says « create one with call init »)
    gets its call.yaml, and the examples only where it has no such folder yet; the
    example ratings only for the example dossier it writes (none beside the call's own
    dossiers: they would name a D001 the call does not have).  ``warn`` is given, before
    anything is written, the grid's ``shadowed-grid`` warnings (a file beside the grid
    stands in for a shipped grid, or the grid itself has a shipped grid's id and is not
    it).

    Every file or none (:func:`isgrid.io.write.write_files`): a call folder with its
    call.yaml but no ratings (a full disk partway) was not one ``call init`` could make
    again (« not empty »), and the other commands read it as a call without ratings; a
    folder the refused write made is removed, and one left by a kill is empty once the
    next command (this one again) has undone the write, or whole once it has finished it.

    The folder is made first (unless it exists), and its write lock held from the check
    that it is empty until the files are written (:func:`isgrid.io.write.writing`): two
    ``call init`` of the same folder at once, the second waits for the first, then finds
    the folder not empty (both found it empty, and the second replaced the first's
    files).  A folder this command made is removed if it writes nothing, with the parent
    folders it made."""
    made = _make(folder)
    try:
        if folder.is_dir():
            with writing(folder):  # (an interrupted `call init` here: finished or undone)
                return _init_held(folder, grid_ref, title, warn, lang)
        return _init_held(folder, grid_ref, title, warn, lang)
    except BaseException:
        for path in made:  # (each empty once the write is undone and the lock let go)
            try:
                path.rmdir()
            except OSError:
                break
        raise


def _make(folder: Path) -> list[Path]:
    """Make ``folder`` and the parents it lacks; the folders made, ``folder`` first (none
    if it exists: made by another ``call init`` a moment ago, it is another's)."""
    missing = list(itertools.takewhile(lambda p: not os.path.lexists(p),
                                       (folder, *folder.parents)))
    if not missing:
        return []
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        return []
    except OSError as exc:
        raise refused(exc, folder) from None
    return missing


def _init_held(folder: Path, grid_ref: str, title: str | None,
               warn: Callable[[list[Diagnostic]], None] | None, lang: str) -> list[Path]:
    """:func:`init_call` once its folder exists, its write lock held."""
    adding = (folder.is_dir() and _holds_files(folder)
              and not (folder / "call.yaml").exists() and not (folder / "call.yaml").is_symlink()
              and ((folder / "dossiers").exists() or (folder / "ratings").exists()
                   or any(folder.glob("dossiers.*"))))
    if folder.exists() and _holds_files(folder) and not adding:
        raise UsageError(
            f"{folder} is not empty",
            [Diagnostic("output-exists", Message("{folder} already exists and is not empty",
                                                 folder=folder),
                        Location(str(folder)), hint="Choose a new folder name.")],
        )
    # a grid named by id is read as the call will read it: a file of that name in the
    # folder first (refused if it is another grid, grid-id-mismatch; warned if it stands in
    # for a shipped grid, shadowed-grid), then the shipped grids
    by_id = (not grid_ref.endswith((".yaml", ".yml")) and folder.is_dir()
             and not any(c in grid_ref for c in "/\\"))
    loaded = load_grid(grid_ref, near=folder if by_id else None)
    g = loaded.grid
    if warn is not None:
        top = Collector()  # the grid itself says it is a shipped grid, and is not it
        warn_shadowing_grid(loaded, Location(str(loaded.path)), top)
        warn([d for d in loaded.warnings if d.code == "shadowed-grid"] + top.items)
    grid_value, grid_files = _grid_in_folder(grid_ref, loaded, folder)
    w = WORDS[lang]
    call_yaml = (
        f"# {w['header']}\n"
        f"title: {_yaml_scalar(title or default_title(g.title, lang))}\n"
        f"grid: {_yaml_scalar(grid_value)}\n"
        f"lang: {lang}  # {w['lang']}\n"
        f"# assessors:\n#   - {{id: j1, name: {w['name']}, role: {w['role']}}}\n"
        f"# conflicts:\n#   - {{assessor: j1, dossier: D001, reason: {w['reason']}}}\n"
    )
    if g.mode == "scored":
        call_yaml += ("# budget: 50000\n# funding: {rate: 0.8, cap: 30000, minimum: 5000}\n"
                      "# selection: {rule: rank-order, reserve: 2}\n")
    else:
        call_yaml += "# selection: {top: 5, reserve: 2}\n"
    lines = [f"# {w['dossier']}", "id: D001", f"title: {_yaml_scalar(w['title'])}"]
    for name, spec in g.facts.items():
        comment = f"  # {spec.label}" if spec.label else ""
        if spec.type == "array" and spec.items is not None and spec.items.properties:
            lines.append(f"{name}:{comment}")
            props = ", ".join(f"{emit.key(k, True)}: {_yaml_scalar(_example(v, lang), True)}"
                              for k, v in spec.items.properties.items()
                              if v.type not in ("array", "object"))
            lines.append(f"  - {{{props}}}")
            continue
        if spec.type == "array":
            item = _example(spec.items, lang) if spec.items is not None else w["todo"]
            lines.append(f"{name}: [{_yaml_scalar(item, True)}]{comment}")
            continue
        if spec.type == "object":
            kind = translator("common", lang)(f"fact-type.{spec.type}")  # the call's words
            lines.append(f"# {name}: ({kind}){comment}")
            continue
        lines.append(f"{name}: {_yaml_scalar(_example(spec, lang))}{comment}")
    # One row per criterion for a first juror, values left empty (missing, not zero).
    ratings = "dossier,assessor,criterion,value,comment\n" + "".join(
        f"D001,j1,{c.id},,\n" for c in g.criteria() if not c.eliminatory)
    files = [(folder / "call.yaml", call_yaml),
             (folder / "dossiers" / "D001.yaml", "\n".join(lines) + "\n"),
             (folder / "ratings" / "ratings.csv", ratings)]
    out: list[Path] = []
    writes: list[tuple[Path, bytes, Path | None]] = []
    for path, data in grid_files:
        writes.append((path, data, None))
        out.append(path)
    own_dossiers = adding and ((folder / "dossiers").exists() or any(folder.glob("dossiers.*")))
    for path, text in files:
        if adding and path.name != "call.yaml" and (
                path.parent.exists() or (path.parent.name == "dossiers" and own_dossiers)):
            continue  # the call's own dossiers and ratings: no example beside them
        if path.name == "ratings.csv" and own_dossiers:
            text = text.split("\n", 1)[0] + "\n"  # the header: no rows for a D001 not written
        writes.append((path, text.encode("utf-8"), None))
        out.append(path)
    write_files(folder, writes)
    return out


def _holds_files(folder: Path) -> bool:
    """Whether ``folder`` holds anything but the write lock's file (its own, held)."""
    return any(p.name != LOCK_NAME for p in folder.iterdir())
