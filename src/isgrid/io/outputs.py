"""Which files a command may write: never one of its inputs, never a file of a call
folder, never an existing output without ``--force`` (:func:`check_output`).

The checks of :mod:`isgrid.io.write` (:func:`~isgrid.io.write.write_output` makes them
before it writes), apart from the writing itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import Diagnostic, Location, Message, UsageError
from .folder import ASSIGNMENTS_FILE, CALL_INPUT_DIRS
from .writelock import LOCK_NAME, PENDING_NAME


def _input_at(path: Path, inputs: Iterable[Path]) -> Path | None:
    """The input that ``path`` names (the same file once links are followed), if any.

    Each input is compared by file identity first (one ``stat``, where resolving every
    path of a national call's 20,000 dossier files took seconds), and only a file found
    the same is compared as the resolved path, as before.  Nothing is there: only an
    input of the same name (one missing too) can be the same path.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        name = path.name
        for inp in inputs:
            if os.path.basename(inp) == name and _resolved(path) == _resolved(Path(inp)):
                return inp
        return None
    key = (st.st_dev, st.st_ino)
    for inp in inputs:
        try:
            other = os.stat(inp)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == key and _resolved(path) == _resolved(Path(inp)):
            return inp
    return None


def _resolved(path: Path) -> Path | None:
    """``path`` with its links followed, or None where that fails (a loop of links)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


#: Files of a call folder that isgrid reads: never an output, even with --force.
CALL_FILES = frozenset({"call.yaml", ASSIGNMENTS_FILE, "journal.jsonl", "dossiers.csv",
                        "dossiers.xlsx", ".journal.lock", PENDING_NAME, LOCK_NAME})


def call_input_of(path: Path) -> Path | None:
    """The call folder of which ``path`` is an input file, if it is one.

    A call folder is the nearest folder above ``path`` that holds ``call.yaml``;
    its inputs are :data:`CALL_FILES`, every YAML file at its top (the grid,
    answers), every file under :data:`CALL_INPUT_DIRS`, and hidden files.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        return None
    for folder in target.parents:
        if not (folder / "call.yaml").is_file():
            continue
        parts = target.relative_to(folder).parts
        if not parts:
            return None
        top = parts[0]
        if (len(parts) == 1 and (top in CALL_FILES or top.lower().endswith((".yaml", ".yml"))))\
                or (len(parts) > 1 and top in CALL_INPUT_DIRS) or top.startswith("."):
            return folder
        return None
    return None


def check_output(path: Path, *, inputs: Iterable[Path] = (), force: bool = False,
                 call_file: str | None = None) -> None:
    """Raise :class:`UsageError` if writing ``path`` would lose something.

    Never an input of the command (``inputs``), never a file of a call folder
    (:func:`call_input_of`: call.yaml, the grid, assignments.csv, the journal,
    ratings/…), even with ``force``; ``call_file``: the one call file the command
    writes (``isgrid assign``: ``assignments.csv``).
    """
    folder = call_input_of(path)
    if folder is not None and not (call_file is not None and path.name == call_file
                                   and path.resolve().parent == folder):
        raise UsageError(f"{path} is an input", [Diagnostic(
            "output-is-input", Message("refusing to overwrite {path}: the call {folder} reads it",
                                       path=path, folder=folder),
            Location(str(path)), hint="Write outputs elsewhere (e.g. a subfolder such as "
            "CALL/out/).")])
    if _input_at(path, inputs) is not None:
        raise UsageError(
            f"{path} is an input",
            [Diagnostic("output-is-input", Message("refusing to overwrite the input {path}",
                                                   path=path),
                        Location(str(path)))],
        )
    if path.exists() and not force:
        raise _exists(path)
    if path.exists() and path.is_dir():
        raise UsageError(
            f"{path} is a folder",
            [Diagnostic("output-exists", Message("{path} is a folder", path=path),
                        Location(str(path)),
                        hint="Give a file name.")],
        )


def _exists(path: Path) -> UsageError:
    """The refusal of an existing output without ``--force`` (one message for both checks)."""
    return UsageError(f"{path} exists", [Diagnostic(
        "output-exists", Message("a file of this name already exists"), Location(str(path)))])


def refuse_existing_output(path: Path | None, force: bool, named: Iterable[Path] = ()) -> None:
    """Before a command works: an ``-o`` file that exists, without ``--force``, is refused
    at once, as :func:`check_output` refuses it when the command writes (a national
    call's sensitivity was computed for 18.5 s before being refused).  A folder, and a file
    of a call folder (refused or allowed by the command's own check, which knows what it
    writes: ``isgrid assign`` replaces ``assignments.csv``), are left to that check; so is
    a file the command line names otherwise (``named``: the command may read it, and then
    refuses it as its input, whatever ``--force``)."""
    if path is None or force or not path.exists() or path.is_dir() \
            or call_input_of(path) is not None or _input_at(path, named) is not None:
        return
    raise _exists(path)


def refuse_inside_call_inputs(path: Path, folder: Path) -> None:
    """Raise :class:`UsageError` if ``path`` is inside one of the input folders
    (:data:`CALL_INPUT_DIRS`: ``ratings/``, ``dossiers/``, ``opinions/``, ``conflicts/``)
    of the call in ``folder``: it would be read as an input next time."""
    for sub in CALL_INPUT_DIRS:
        try:
            path.resolve().relative_to((folder / sub).resolve())
        except ValueError:
            continue
        raise UsageError("output inside an input folder", [Diagnostic(
            "output-is-input", Message("{path} is inside the call's {sub}/ folder, which isgrid "
                                       "reads as input",
                                       path=path, sub=sub), Location(str(path)),
            hint="Write results outside the call's ratings/, dossiers/, opinions/ and "
                 "conflicts/ folders.")])


#: at most this many of the other files are named
_OTHERS_SHOWN = 5


def others_beside(folder: Path, written: Iterable[Path]) -> Diagnostic | None:
    """A warning (``output-others``) naming the files of ``folder`` of the kinds a run just
    wrote (their suffixes) that it did not write: the letters of last year's call left in
    ``lettres/`` when this year's are written over them with ``--force`` would be mailed
    with them (review year2, finding 9).  None when there are none."""
    mine = {p.resolve() for p in written}
    kinds = {p.suffix for p in mine}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    others = [e.name for e in entries if e.is_file(follow_symlinks=False)
              and Path(e.name).suffix in kinds and Path(e.path).resolve() not in mine]
    if not others:
        return None
    from ..messages import Plural, shown_names

    return Diagnostic(
        "output-others",
        Plural("{n} file of the folder was not written by this command (another run's?): "
               "{names}", "{n} files of the folder were not written by this command "
               "(another run's?): {names}", len(others),
               names=shown_names(others, _OTHERS_SHOWN)),
        Location(str(folder)), severity="warning",
        hint=Message("They would be sent or handed out with these: empty the folder, or "
                     "write into a new one."))
