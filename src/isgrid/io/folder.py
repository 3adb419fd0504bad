"""Files of a call folder: which ones are read, and that none leaves the folder."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..errors import Collector, Location, Message

#: Folders of a call whose every file isgrid reads: the ratings, the dossiers, the
#: jurors' opinions and the déports they declare (``conflicts/<juror>.csv``).  No
#: output is ever written inside one (:func:`isgrid.io.write.check_output`), as it
#: would be read as an input the next time.
RATINGS_DIR, DOSSIERS_DIR, OPINIONS_DIR, CONFLICTS_DIR = "ratings", "dossiers", "opinions", \
    "conflicts"
CALL_INPUT_DIRS = (RATINGS_DIR, DOSSIERS_DIR, OPINIONS_DIR, CONFLICTS_DIR)
#: Who rates what (written by ``isgrid assign``; read by :mod:`isgrid.call.assignments`).
ASSIGNMENTS_FILE = "assignments.csv"


def rel(folder: Path, path: Path) -> str:
    """``path`` relative to ``folder``, with '/' (as ``relative_to``; the path itself when it
    is not below ``folder``)."""
    f, p = str(folder), str(path)
    if p.startswith(f) and p[len(f):len(f) + 1] == os.sep and len(p) > len(f) + 1:
        # the common case, as text: relative_to's parsing cost more than reading a
        # dossier file, 20,000 times in a national call
        return p[len(f) + 1:].replace(os.sep, "/")
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


def inside(folder: Path, path: Path) -> bool:
    """True when ``path`` (after resolving symlinks) stays inside ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def hash_into(folder: Path, path: Path, inputs: dict[str, str],
              read: dict[str, str] | None = None) -> None:
    """Record the sha256 of ``path`` in ``inputs`` (by its path relative to ``folder``).

    ``read``: hashes of the bytes already read (isgrid.io.text.read_bytes), used
    when the file is there: the hash of what was used, and no second read.
    """
    known = (read or {}).get(str(path))
    if known is not None:
        inputs[rel(folder, path)] = known
        return
    with contextlib.suppress(OSError):  # unreadable files are reported elsewhere
        inputs[rel(folder, path)] = hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path, suffixes: tuple[str, ...], diags: Collector) -> list[Path]:
    """The regular files of ``folder`` with one of ``suffixes`` (any case), sorted.

    ``D03.YAML`` or ``j2.CSV`` (as Windows tools write them) are read like the
    others; a named pipe or a device with such a name is reported, never opened.
    """
    return [folder / name for name, _link in listed(folder, suffixes, diags)]


def listed(folder: Path, suffixes: tuple[str, ...], diags: Collector
           ) -> list[tuple[str, bool]]:
    """:func:`files` as ``(name, is a symbolic link)``, sorted by name.

    One directory listing gives both (``os.scandir``: a regular file or a link costs no
    ``stat``; only a link is followed), where a national call's 20,000 dossier files
    cost two system calls each.
    """
    out = []
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        if os.path.splitext(name)[1].lower() not in suffixes or name.startswith(("~$", ".")):
            continue  # lock files of office software, hidden files
        if not _is(entry.is_file):  # follows a link, as Path.is_file
            if not _is(entry.is_dir):
                diags.add("file-not-found", Message("{name} is not a regular file", name=name),
                          Location(str(folder / name)), hint="Replace it by an ordinary file.")
            continue
        out.append((name, entry.is_symlink()))
    _nested(folder, [e.name for e in entries if _is(partial(e.is_dir, follow_symlinks=False))],
            suffixes, diags)
    return out


def _is(test: Callable[[], bool]) -> bool:
    """A DirEntry's ``is_file``/``is_dir``, False when the system cannot tell (a link that
    loops, a permission), as Path.is_file says."""
    try:
        return test()
    except OSError:
        return False


#: Subfolders isgrid itself writes (the dated copies of ``sheets import --replace``).
OWN_SUBFOLDERS = frozenset({"replaced"})


def _nested(folder: Path, dirs: list[str], suffixes: tuple[str, ...],
            diags: Collector) -> None:
    """A file of the kind read here, but in a subfolder: an error, never dropped silently.

    ``dirs``: the subfolders of ``folder`` (not links), from the listing :func:`listed`
    already made."""
    subs = sorted(n for n in dirs if not n.startswith(".") and n not in OWN_SUBFOLDERS)
    for name in subs:
        for path in sorted((folder / name).rglob("*")):
            if path.suffix.lower() in suffixes and not path.name.startswith(("~$", ".")):
                diags.add("file-ignored", Message("{path} is in a subfolder of {name}/, "
                                                  "which isgrid does not read",
                                                  path=path.relative_to(folder.parent).as_posix(), name=folder.name),
                          Location(str(path)),
                          hint=Message("Move it into {name}/ itself, or out of the call folder.",
                                       name=folder.name))
                break


def fingerprint(folder: Path, ignore: Path | None = None) -> str:
    """A hash of every file's path, size, modification and change times and inode under
    ``folder`` (hidden files and ``.tmp`` files left out; ``ignore``: a subfolder left out,
    such as an output folder inside the call).  A file written, replaced (an atomic write's
    rename gives a new inode), added or removed changes it."""
    return _fingerprint(folder, ignore)[0]


#: How recent a change must be for :func:`settled_fingerprint` not to trust a fingerprint:
#: above the coarsest modification-time step of the file systems a call folder lives on
#: (2 s on FAT/exFAT; Linux stamps files with a clock that steps every few milliseconds).
RECENT_NS = 3_000_000_000


def settled_fingerprint(folder: Path) -> str | None:
    """:func:`fingerprint`, or None when a file changed less than :data:`RECENT_NS` ago.

    Two equal fingerprints then mean no file changed between them: a write after the first
    one gives its file a time at least that far from the time it had (the « racy » case
    Git's index has, of a file written twice within one step of the clock, is excluded by
    refusing recent files, not by reading their contents)."""
    digest, newest = _fingerprint(folder, None)
    return digest if newest < time.time_ns() - RECENT_NS else None


def _fingerprint(folder: Path, ignore: Path | None) -> tuple[str, int]:
    """(the fingerprint, the newest modification or change time seen, in ns)."""
    h = hashlib.sha256()
    newest = 0
    skip = ignore.resolve() if ignore is not None else None
    for p in sorted(folder.rglob("*")):
        rel_parts = p.relative_to(folder).parts
        if any(part.startswith(".") or part.endswith(".tmp") for part in rel_parts):
            continue
        if skip is not None and ((r := p.resolve()) == skip or skip in r.parents):
            continue
        try:
            st = p.stat()
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):  # the stat just made, not a second one (is_file)
            newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
            h.update(f"{'/'.join(rel_parts)}\0{st.st_size}\0{st.st_mtime_ns}\0"
                     f"{st.st_ctime_ns}\0{st.st_ino}\n".encode())
    return h.hexdigest(), newest


def linked_out(path: Path, diags: Collector) -> None:
    """The error of an input file of a call folder that leads out of it (a symbolic link,
    or a file of a linked folder: ``ratings/``, ``dossiers/``, ``opinions/``,
    ``conflicts/``): never read, an error of every command (``path-escape``), the same
    words and hint for every folder (docs/security.md)."""
    diags.add("path-escape", Message("{name} links outside the call folder", name=path.name),
              Location(str(path)), hint="Copy the file into the folder instead.")
