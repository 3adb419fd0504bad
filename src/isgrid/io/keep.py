"""The dated copies a multi-file write keeps (:func:`isgrid.io.write.write_files`'s
``keep`` step: ``ratings/replaced/j1.20240312T101500Z.csv``): never over another file,
each named in the write's manifest before it is made, so that undoing the write removes
it and nothing else."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .leftovers import removed_on_failure

#: The refusals of a hard link that mean the system makes none there (a copy is written
#: instead); any other (« File exists » first) is a refusal of the write.
NO_LINKS = frozenset({errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK,
                      errno.ENOSYS})

#: The most names a copy tries (:meth:`Kept.make`): each one taken since the names were
#: chosen means another command is keeping copies beside this one at that very moment;
#: this many in a row is no longer that, and the last refusal is the write's.
MOST_NAMES = 100


def keep_copy(path: Path, keep: Path) -> None:
    """``keep`` becomes a copy of ``path``, which stays where it is: a hard link, else (a
    system that makes none there) a flushed copy; never over an existing file
    (:class:`FileExistsError`: another dated copy has that name).  A file where the
    folder goes (``replaced`` a file) is :class:`NotADirectoryError`, never the
    :class:`FileExistsError` of a name taken, that another name would get past."""
    try:
        keep.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file of the folder's name
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR),
                                 str(keep.parent)) from exc
    try:
        os.link(path, keep)
    except OSError as exc:
        if exc.errno not in NO_LINKS:
            raise
        _copy_anew(path, keep)


def _copy_anew(path: Path, keep: Path) -> None:
    """``path``'s bytes in ``keep``, made anew (``O_EXCL``) and flushed; removed if that
    fails partway."""
    data = path.read_bytes()
    fd = os.open(keep, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o666)  # (O_BINARY: Windows writes bytes as they are, never LF as CR LF)
    with removed_on_failure(keep), os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def free_name(keep: Path, taken: set[Path]) -> Path:
    """``keep``, or the first free ``<stem>-2<suffix>``, ``-3``… beside it (the dated name
    of a copy taken by another copy: never overwritten); ``taken``: names already chosen."""
    name, n = keep, 2
    while name in taken or os.path.lexists(name):
        name, n = keep.with_name(f"{keep.stem}-{n}{keep.suffix}"), n + 1
    taken.add(name)
    return name


class Kept:
    """The previous files a write keeps: ``rows`` of (the file, the name asked, the name
    used), each under a free name (:func:`free_name`), as the manifest records them."""

    def __init__(self, root: Path, files: Sequence[tuple[Path, Any, Path | None]]) -> None:
        self.root, self.taken = root, set[Path]()
        self.rows = [(path, keep, free_name(keep, self.taken)) for path, _, keep in files
                     if keep is not None and path.exists()]

    def record(self) -> list[list[str]]:
        """The manifest's ``kept``: ``[copy, file]``, relative to the write's root."""
        return [[os.path.relpath(name, self.root), os.path.relpath(path, self.root)]
                for path, _, name in self.rows]

    def names(self) -> dict[Path, Path]:
        """The name each copy was kept under, by the name asked for."""
        return {asked: name for _, asked, name in self.rows}

    def make(self, i: int, save: Callable[[list[list[str]]], None]) -> Path:
        """The i-th copy made (:func:`keep_copy`) under its recorded name; a name taken
        since it was chosen (another command's copy) is never overwritten: the next free
        one beside the name asked (``-3`` after ``-2``; it said ``-2-2``) is recorded
        (``save``, the manifest written again), then made.  At most :data:`MOST_NAMES`
        names: the last one's :class:`FileExistsError` is then raised, as is any other
        refusal at once (a file where the folder goes looped here for ever)."""
        path, asked, name = self.rows[i]
        for _ in range(MOST_NAMES - 1):
            try:
                keep_copy(path, name)
                return name
            except FileExistsError:
                name = free_name(asked, self.taken)
                self.rows[i] = (path, asked, name)
                save(self.record())
        keep_copy(path, name)
        return name


def own_copies(root: Path, kept: list[list[str]]) -> list[Path]:
    """The copies an uncommitted write recorded (``[copy, file]``) that are copies of their
    file: the same file, or the same bytes (the previous file is still in place, so removing
    one loses nothing); never a file of that name that holds something else."""
    out = []
    for rel_keep, rel_path in kept:
        keep, path = root / rel_keep, root / rel_path
        with contextlib.suppress(OSError):
            if os.path.samefile(keep, path) or keep.read_bytes() == path.read_bytes():
                out.append(keep)
    return out
