"""The system's refusals (an :class:`OSError`) in words a user reads: the commonest in French
too (a French message no longer quotes « No space left on device »), any other as the system
wrote it; and the errors of a multi-file write (:func:`isgrid.io.write.write_files`) that say
what is left where."""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import Count, Diagnostic, IsgridError, Location, UsageError
from ..messages import Message
from . import writelock
from .replace import HeldFile, held_elsewhere

#: The commonest refusals of a write, each as a catalog message whose English text is the
#: system's own (``strerror`` on Linux): the English output stays as it was.
_WORDS: dict[int, Message] = {
    errno.ENOSPC: Message("No space left on device"),
    errno.EACCES: Message("Permission denied"),
    errno.EPERM: Message("Operation not permitted"),
    errno.EROFS: Message("Read-only file system"),
    errno.EEXIST: Message("File exists"),
    errno.ENOTDIR: Message("Not a directory"),
    errno.EISDIR: Message("Is a directory"),
    errno.EDQUOT: Message("Disk quota exceeded"),
}


def system_words(exc: OSError) -> str:
    """What the system said, as a :class:`Message` for the commonest refusals (said in
    French in a French message), else its own text (or the error's name)."""
    words = _WORDS.get(exc.errno) if exc.errno is not None else None
    if words is not None and (exc.strerror in (None, str(words))):
        return words
    return exc.strerror or type(exc).__name__


def file_where_folder_goes(exc: OSError, folder: Path) -> Path | None:
    """The file that stands where a write needs ``folder`` or one of the folders above it
    (``opinions`` as a file, when the write puts ``opinions/j1.csv``), if that is what the
    system refused (« File exists », « Not a directory »)."""
    if exc.errno not in (errno.EEXIST, errno.ENOTDIR):
        return None
    for path in (folder, *folder.parents):
        if path.is_file() or (path.is_symlink() and not path.is_dir()):
            return path
        if path.is_dir():
            return None
    return None


class WriteFailed(IsgridError):
    """The system refused a write of :func:`write_files`; the hint says what is left."""


#: What a file held by another program is said as (:class:`.replace.HeldFile`).
HELD = Message("this file is open in another program (Excel, Word, a synchronisation such "
                "as OneDrive, an antivirus?): the system refused to replace it")


def _held(exc: HeldFile, hint: Message) -> WriteFailed:
    """``file-in-use`` at the file another program holds (the target of the rename)."""
    return WriteFailed(f"{exc.filename} is open in another program", [Diagnostic(
        "file-in-use", HELD, Location(str(exc.filename)), hint=hint)])


def refused(exc: OSError, where: Path | None, hint: Message | None = None) -> WriteFailed:
    """The one « the system refused » diagnostic (``write-failed``): at ``where``, or at no
    place when the refusal names no file.  A file another program holds (Windows:
    :class:`.replace.HeldFile`) is said so (``file-in-use``), at that file."""
    if isinstance(exc, HeldFile):
        return _held(exc, Message(
            "Close it in that program (or wait until the synchronisation or the scan ends), "
            "then run the command again: this file is as it was before."))
    return WriteFailed(f"cannot write {where}" if where is not None else "the system refused",
                       [Diagnostic("write-failed", Message("the system refused: {value}",
                                                           value=system_words(exc)),
                                   Location(str(where)) if where is not None else Location(),
                                   hint=hint)])


def blocked(exc: OSError, folder: Path, left: OSError | None) -> WriteFailed | None:
    """A file where the write makes a folder (a file named ``opinions`` where it writes
    ``opinions/j1.csv``): said so, rather than « File exists »; the write was undone."""
    path = file_where_folder_goes(exc, folder)
    if path is None or left is not None:
        return None
    return WriteFailed(f"{path} is a file", [Diagnostic(
        "write-failed", Message("this is a file where a folder must be"),
        Location(str(path)), hint=Message(
            "Move or rename that file: isgrid writes a folder of that name; nothing was "
            "changed."))])


class Vanished(FileNotFoundError):
    """Temporary files of a committed write found gone (``gone``: their targets)."""

    def __init__(self, gone: list[str]) -> None:
        super().__init__(errno.ENOENT, os.strerror(errno.ENOENT))
        self.gone = gone


def vanished(root: Path, exc: Vanished, pairs: list[list[str]]) -> WriteFailed:
    """The error of a committed write whose temporary files something else removed: the
    files they held are lost, their targets as they were; the others are in place."""
    temps = dict((target, tmp) for tmp, target in pairs)
    done = Count(len(pairs) - len(exc.gone))
    return WriteFailed("temporary files gone", [Diagnostic(
        "write-failed", Message("the new content of {path} was lost before it was put in "
                                "place: its temporary file {tmp} is gone",
                                path=root / target, tmp=root / temps[target]),
        Location(str(root / target)), hint=Message(
            "Another program removed it (a cleaner of hidden files, a synchronisation?): "
            "{path} is as it was before the command; the other files of the write are in "
            "place ({done} of {total}). Run the command again to write it.",
            path=root / target, done=done, total=Count(len(pairs))))
        for target in exc.gone])


def refused_in(folder: Path, exc: OSError, where: Path) -> Path:
    """The file the system refused to delete in ``folder`` (the removal names it by its
    name alone), else ``where``."""
    if isinstance(exc.filename, str | Path) and not Path(exc.filename).is_absolute():
        name = Path(exc.filename)
        with contextlib.suppress(OSError):
            return next((p for p in [folder / name, *folder.rglob(name.name)]
                         if os.path.lexists(p)), folder if folder.exists() else where)
    return where


def stopped(root: Path, exc: OSError, pairs: list[list[str]],
             removes: list[list[str]], manifest: Path) -> WriteFailed:
    """The refusal of the system after the commit: the files put in place so far, or,
    every one in place, the removal that stopped (what it removes still in its hidden
    folder), at the file the system refused; the next command finishes the write."""
    done = sum(not (root / tmp).exists() for tmp, _ in pairs)
    where = Path(exc.filename) if isinstance(exc.filename, str | Path) else manifest
    if isinstance(exc, HeldFile) and done < len(pairs):
        return _held(exc, Message(
            "The write stopped partway (files in place: {done} of {total}; the others wait "
            "beside them). Close {path} in that program, then run the command again: it "
            "first finishes this write. Do not delete {record}: it lists what is left to put "
            "in place.", done=Count(done), total=Count(len(pairs)), path=where,
            record=manifest))
    if done < len(pairs):
        return refused(exc, where, Message(
            "The write stopped partway (files in place: {done} of {total}; the others wait "
            "beside them). Free some space or make the folder writable, then run the command "
            "again: it first finishes this write (listed in {record}).",
            done=Count(done), total=Count(len(pairs)), record=manifest))
    left = next(((h, r) for h, r in removes
                 if os.path.lexists(root / h) or os.path.lexists(root / r)), None)
    if held_elsewhere(exc):  # Windows: a program holds the folder, a file in it, the record
        at = where if left is None else refused_in(root / left[0], exc, where)
        return _held(HeldFile(exc.errno, exc.strerror, str(at)), Message(
            "Every file of the write is in place ({total} of {total}); only its record "
            "{record} could not be deleted. Close it in that program (or wait until the "
            "synchronisation or the scan ends), then run the command again: it deletes the "
            "record first.", total=Count(len(pairs)), record=manifest) if left is None else
            Message(
            "Every file of the write is in place ({total} of {total}), but {folder} is not "
            "deleted yet: a program holds it or a file in it (a file open in Excel, an "
            "Explorer window on the folder, a synchronisation, an antivirus?); what it held "
            "(for a purge, the dated copies with the jurors' comments) is still in {hidden}. "
            "Close it in that program, then run the command again: it first finishes this "
            "write (listed in {record}).", total=Count(len(pairs)), folder=root / left[1],
            hidden=root / left[0] if os.path.lexists(root / left[0]) else root / left[1],
            record=manifest))
    if left is None:  # every file in place, every removal done: the record stayed
        return refused(exc, where, Message(
            "Every file of the write is in place ({total} of {total}); only its record "
            "{record} could not be deleted. Make the folder writable, then run the command "
            "again: it deletes the record first.", total=Count(len(pairs)), record=manifest))
    hidden, rel = left
    return refused(exc, refused_in(root / hidden, exc, where), Message(
        "Every file of the write is in place ({total} of {total}), but {folder} is not "
        "deleted yet: what it held (for a purge, the dated copies with the jurors' comments) "
        "is still in {hidden}. Make it deletable, then run the command again: it first "
        "finishes this write (listed in {record}).", total=Count(len(pairs)),
        folder=root / rel, hidden=root / hidden, record=manifest))


class ContentFailed(Exception):
    """A file's content, made when its file is written (a function), failed with an error
    of the system (a template file missing): not a refusal of the write, so not said as one
    (``write-failed`` at the file written, with its hint to free disk space);
    :func:`isgrid.io.write.write_files` undoes the write and raises ``error`` again, as it
    was, for the caller to say (the CLI names the file the error names)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def made_now(make: Callable[[], bytes]) -> bytes:
    """``make()``, its errors of the system marked as the content's (:class:`ContentFailed`)."""
    try:
        return make()
    except OSError as exc:
        raise ContentFailed(exc) from exc


def writer_words(command: str, by: object) -> str:
    """Who writes, as a pending record names it: its ``command``, and who runs it when no
    command line does (its ``by``): « l'espace des jurés, isgrid jury serve » (the jury
    workspace writes a juror's files when they submit, from the process of ``isgrid jury
    serve``)."""
    if by == "jury-workspace":
        return Message("the jury workspace, {command}", command=command)
    return command


#: Who holds a folder's write lock: the command in words (a :class:`Message` for the
#: workspace's « l'espace du jury, isgrid jury serve ») and its process id.
Holder = tuple["str | Message", int]


class WriteInProgress(UsageError):
    """Another process's write held the folder longer than the wait (``write-in-progress``);
    ``holder``: who holds it (:func:`holder_of`), None when the lock file names no one."""

    def __init__(self, message: str, diagnostics: list[Diagnostic],
                 holder: Holder | None) -> None:
        super().__init__(message, diagnostics)
        self.holder = holder


def holder_of(root: Path, manifest: Path) -> Holder | None:
    """Who holds the write lock of ``root``: named by its manifest (``manifest``) when that
    reads, else by what the holder wrote into the lock file
    (:func:`isgrid.io.writelock.holder_of`: the hold of ``sheets import``, ``intake`` or
    ``call purge`` while they read, before any write); None when neither names it."""
    for read in (manifest.read_bytes, lambda: writelock.holder_of(root)):
        try:
            data = json.loads(read())
            command, pid = writer_words(str(data["command"]), data.get("by")), int(data["pid"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        return (command, pid) if pid else None
    return None


def busy(root: Path, manifest: Path, waited: float | None = None) -> WriteInProgress:
    """The refusal when another process's write has held ``root`` longer than the wait
    (``waited`` seconds, default :data:`isgrid.io.writelock.WAIT_SECONDS`), naming who
    holds it (:func:`holder_of`)."""
    holder = holder_of(root, manifest)
    message = Message("a write is in progress in this folder ({command}, pid {pid}): try again",
                      command=holder[0], pid=str(holder[1])) if holder else Message(
        "a write is in progress in this folder: try again")
    seconds = writelock.WAIT_SECONDS if waited is None else waited
    return WriteInProgress(f"a write is in progress in {root}", [Diagnostic(
        "write-in-progress", message, Location(str(root)), hint=Message(
            "isgrid waited {seconds} s for it to end; run the command again once it has.",
            seconds=Count(math.ceil(seconds))))], holder)


def unfinished(root: Path, exc: OSError, where: Path,
                hint: Message | None = None) -> UsageError | WriteFailed:
    """An interrupted write that this command cannot finish; a file another program holds
    (:class:`.replace.HeldFile`) is named, with what to close (``file-in-use``, exit 1
    as when the write itself stopped)."""
    if isinstance(exc, HeldFile):
        return _held(exc, Message(
            "An interrupted write waits to put this file in place. Close it in that "
            "program, then run the command again: it first finishes that write. Do not "
            "delete {record}: it lists what is left to put in place.",
            record=root / writelock.PENDING))
    return UsageError(f"cannot finish an interrupted write in {root}", [Diagnostic(
        "output-exists", Message("an interrupted write cannot be finished ({value})",
                                 value=system_words(exc)),
        Location(str(where)), hint=hint or "Make the folder writable and run the command "
        "again.")])
