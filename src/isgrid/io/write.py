"""Writing outputs so that nothing is ever lost.

Every file isgrid writes goes through :func:`write_output`: it refuses to
overwrite an input, refuses to replace an existing output unless asked
(``--force``), and writes atomically (a temporary file in the same folder,
flushed and renamed), so an interrupted run never leaves a half-written report
in place of a good one.

Which files may be written is :mod:`.outputs`' (:func:`check_output`), the formula
neutralisation of spreadsheet cells :mod:`.cells`' (:func:`neutralise_cell`); both are
named here too, where every writer finds them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import Diagnostic, Location, Message, Quote, UsageError
from . import writelock
from .behind import write_behind
from .cells import FORMULA_PREFIXES as FORMULA_PREFIXES
from .cells import csv_writer as csv_writer
from .cells import escape_cell as escape_cell
from .cells import escape_row as escape_row
from .cells import neutralise_cell as neutralise_cell
from .cells import neutralise_row as neutralise_row
from .cells import unescape_cell as unescape_cell
from .faults import FAULT_ENV as FAULT_ENV
from .faults import FAULT_STEPS as FAULT_STEPS
from .faults import fault_point
from .jsonout import RECORD_JOINER as RECORD_JOINER
from .jsonout import Encoded as Encoded
from .jsonout import EncodedRecords as EncodedRecords
from .jsonout import compact as compact
from .jsonout import dumps_json as dumps_json
from .jsonout import dumps_records as dumps_records
from .jsonout import dumps_records_bytes as dumps_records_bytes
from .jsonout import iter_records as iter_records
from .keep import Kept, own_copies
from .leftovers import hold, remove_stale, removed_on_failure
from .outputs import CALL_FILES as CALL_FILES
from .outputs import call_input_of as call_input_of
from .outputs import check_output as check_output
from .outputs import refuse_existing_output as refuse_existing_output
from .outputs import refuse_inside_call_inputs as refuse_inside_call_inputs
from .refusal import ContentFailed, made_now
from .refusal import Vanished as _Vanished
from .refusal import WriteFailed as WriteFailed
from .refusal import blocked as _blocked
from .refusal import busy as _busy
from .refusal import refused as _refused
from .refusal import stopped as _stopped
from .refusal import unfinished as _unfinished
from .refusal import vanished as _vanished
from .replace import replace
from .writelock import LOCK_NAME, Busy, write_lock
from .writelock import PENDING as PENDING
from .writelock import PENDING_NAME as PENDING_NAME

#: A file's new content: its bytes, pieces of them (written as they come), or a function
#: that makes them when the file is written (:func:`write_files`).
Content = bytes | Iterable[bytes] | Callable[[], bytes]


#: Bytes written as they are on Windows too, where a file opened without it turns every
#: LF into CR LF (a workbook's or a Word letter's zip then unreadable); 0 elsewhere.
_BINARY = getattr(os, "O_BINARY", 0)


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of bytes) to ``path`` atomically.

    A same-folder temporary file, flushed to disk, then renamed over ``path``.
    Pieces are written as they come (a large result is never joined in memory).  The
    temporary file is held (:func:`.leftovers.hold`) while it is written, and the ones a
    killed write of ``path`` left are removed first (:func:`.leftovers.remove_stale`).
    It is closed before its rename: Windows refuses to rename a file its own process
    holds open (WinError 32); closed, it is just written, far younger than a leftover.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with removed_on_failure(tmp):
        try:
            hold(fd)
            _fill(fd, path, data)
        finally:
            os.close(fd)
        replace(tmp, path)


#: The mode of a file only its owner reads: credentials, a database of personal data.
PRIVATE = 0o600


def staged(path: Path, data: bytes, *, private: bool = False) -> Path:
    """``data`` in a flushed hidden file beside ``path``, for :func:`put_in_place` once what
    it records is itself stored (``isgrid jury invite``: the links); named
    ``.NAME.staged.XXXXXXXX.tmp``, which no later write takes for a leftover of its own
    (:mod:`.leftovers`): it may be the only copy of what it holds.  ``private``: readable
    by its owner only (0600), whatever the umask or a replaced file's mode (the links are
    credentials)."""
    return _temp_for(path, data, prefix=f".{path.name}.staged.",
                     mode=PRIVATE if private else None)


def put_in_place(tmp: Path, path: Path, *, durable: bool = False, keep: bool = False) -> None:
    """The temporary file ``tmp`` (:func:`staged`) renamed over ``path``, removed if that
    fails (``keep``: left, when it is the only copy of what it holds); ``durable``: the
    folder flushed too, so that the rename survives a crash."""
    with removed_on_failure(tmp, keep=keep):
        replace(tmp, path)
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_for(path: Path, data: Content, name: Path | None = None, *,
              prefix: str | None = None, mode: int | None = None) -> Path:
    """``data`` in a flushed temporary file beside ``path`` (the mode ``path`` will have):
    ``name``, made anew (never an existing file), else a name of its own (``prefix``,
    else ``.NAME.``, then ``XXXXXXXX.tmp``).  ``data``: the bytes, pieces of them, or a
    function that makes them (called here, once); ``mode``: its mode, if not ``path``'s."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if name is None:
        fd, tmp = tempfile.mkstemp(prefix=prefix or f".{path.name}.", suffix=".tmp",
                                   dir=path.parent)
    else:
        fd, tmp = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY,
                          0o600), str(name)
    try:
        with removed_on_failure(tmp):
            _fill(fd, path, data, mode)
    finally:
        os.close(fd)
    return Path(tmp)


def _fill(fd: int, path: Path, data: Content, mode: int | None = None) -> None:
    """``data`` written to the open temporary file ``fd`` (left open) and flushed to disk,
    with the mode ``path`` will have (``mode`` when given)."""
    # mkstemp makes the file private (0600); an output is shared like any file
    # the user creates (a séance folder): the replaced file's mode, else the umask's
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
    if hasattr(os, "fchmod"):  # (Windows has it only from Python 3.13; modes are POSIX's)
        os.fchmod(fd, mode)
    with os.fdopen(fd, "wb", closefd=False) as fh:
        if callable(data):  # made now, when its file is written
            data = made_now(data)
        if isinstance(data, bytes | bytearray):
            fh.write(data)
        else:
            write_behind(fh.fileno(), data)  # nothing is buffered in fh before
        fh.flush()
        os.fsync(fh.fileno())


def write_files(root: Path, files: Sequence[tuple[Path, Content, Path | None]], *,
                remove: Iterable[Path] = (), command: str | None = None,
                by: str | None = None, more: bool = False,
                wait: float | None = None) -> dict[Path, Path]:
    """Write several files under ``root`` so that all change, or none does.

    ``files``: ``(path, data, keep)``; ``data``: the bytes, or pieces of them, or a
    function that makes them when the file is written (the letters of a call, one at a
    time: never all in memory); ``keep`` (or None) is where the previous
    content of ``path`` is kept (``ratings/replaced/j1.20240312T….csv``), never over
    another file: a name taken gets a suffix (``….csv`` → ``…-2.csv``); returned: the name
    each copy was kept under, by the name asked.  The steps: a
    manifest ``root/.isgrid-pending.json`` naming every temporary file (their names
    chosen first: it is written twice, for 20,000 dossiers too) and every folder the
    write makes (``begin``); every new content in a flushed temporary file beside its
    target (``temp``); the previous contents linked to their ``keep`` names (``keep``,
    the originals stay in place); the manifest marked committed (``commit``); each
    temporary file renamed over its target (``replace``); the manifest removed
    (``end``).  Killed before ``commit``: every previous file is in place and
    :func:`recover` removes the temporary files and the folders made; after it:
    :func:`recover` finishes the renames (loading a call runs it first).  Refused by the
    system (:class:`WriteFailed`): before the commit, the write is undone; after it, the
    hint says that the next command finishes it.

    ``remove``: folders under ``root`` that go with the write (``isgrid call purge``: the
    dated copies of ``ratings/replaced/``), named in the manifest too: untouched before
    the commit; after the renames, each renamed to a hidden name beside it
    (``ratings/.replaced.<token>.gone``, gone in one step) and deleted (``remove``).

    ``more``: the caller's hold of the lock (:func:`writing`) goes on after this write
    (``sheets import`` loads the call again to check what it wrote, and may write the
    previous files back): the write removes its manifest and leaves the lock file to that
    hold, whose end removes it; otherwise the write is the last act of its hold, and
    removes both (a kill after that leaves neither).

    The whole write, from before the manifest is written until it is removed, holds
    the folder's write lock (:mod:`isgrid.io.writelock`): another command waits for it
    to end rather than take it for an interrupted one; the manifest names the command
    and its process, for the message of one that waited too long: ``command``, else the
    command line's own (``isgrid sheets import``); ``by``, who writes when no command line
    does (``"jury-workspace"``: its request threads have no click context, and the record
    said « isgrid »), said with it (:func:`isgrid.io.refusal.busy`).  ``wait``: how long
    to wait for another's hold (default :data:`isgrid.io.writelock.WAIT_SECONDS`; the
    workspace's request threads wait a moment only).
    """
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refused(exc, root) from None
    writer = _writer(command, by)
    # (held already by a caller that read what it writes: taken again, at once)
    with writing(root, command=command, by=by, wait=wait):
        return _write_held(root, files, remove, writer, more)


def _write_held(root: Path, files: Sequence[tuple[Path, Content, Path | None]],
                remove: Iterable[Path], writer: dict[str, str], more: bool) -> dict[Path, Path]:
    """:func:`write_files` once its lock is held and any interrupted write recovered."""
    folders_named = [path for path, _, _ in files if path.is_dir()]  # never renamed over
    if folders_named:
        raise UsageError("a folder where a file goes", [Diagnostic(
            "output-exists", Message("{path} is a folder", path=path), Location(str(path)),
            hint="Move the folder away: isgrid writes a file of that name; nothing was "
            "changed.") for path in folders_named])
    manifest = root / PENDING
    token = secrets.token_hex(8)
    temps = [path.with_name(f".{path.name}.{token}.tmp") for path, _, _ in files]
    pairs = [[os.path.relpath(tmp, root), os.path.relpath(path, root)]
             for tmp, (path, _, _) in zip(temps, files, strict=True)]
    kept = Kept(root, files)
    folders = _missing_folders(root, [*(path for path, _, _ in files),
                                      *(name for _, _, name in kept.rows)])
    removes = [[os.path.relpath(path.with_name(f".{path.name}.{token}.gone"), root),
                os.path.relpath(path, root)] for path in remove]
    record = {"state": "writing", "pid": os.getpid(), **writer, "files": pairs,
              "kept": kept.record(),
              "folders": [os.path.relpath(f, root) for f in folders], "remove": removes}
    made: list[Path] = []
    where = manifest

    def save(rows: list[list[str]]) -> None:  # a dated name taken since: the next one
        record["kept"] = rows
        atomic_write(manifest, json.dumps(record).encode())

    try:
        atomic_write(manifest, json.dumps(record).encode())
        fault_point("begin")
        for folder in folders:
            where = folder
            folder.mkdir(exist_ok=True)
        for tmp, (path, data, _) in zip(temps, files, strict=True):
            where = path
            _temp_for(path, data, tmp)
            made.append(tmp)
            fault_point("temp")
        for i, (_, _, name) in enumerate(kept.rows):
            where = name
            made.append(kept.make(i, save))
            fault_point("keep")
        where = manifest
        atomic_write(manifest, json.dumps({**record, "state": "commit"}).encode())
    except BaseException as exc:
        left = _undo(root, made, folders)
        if left is None and not more:  # its record gone: the lock file too, as the hold
            writelock.drop(root)  # ends (the lock is still held)
        if not isinstance(exc, OSError):
            raise
        blocked = _blocked(exc, where if where in folders else where.parent, left)
        if blocked is not None:
            raise blocked from None
        raise _refused(exc, where, None if left is None else Message(
            "Free some space or make the folder writable, then run the command again: nothing "
            "was changed, and it first removes the temporary files this write left (listed in "
            "{record}).", record=manifest)) from None
    fault_point("commit")
    try:
        _finish(root, pairs, removes, resumed=False, more=more)
    except _Vanished as exc:
        raise _vanished(root, exc, pairs) from None
    except OSError as exc:
        raise _stopped(root, exc, pairs, removes, manifest) from None
    fault_point("end")
    return kept.names()


def _missing_folders(root: Path, paths: Iterable[Path]) -> list[Path]:
    """The folders under ``root`` that writing ``paths`` makes, each after its parent."""
    missing: set[Path] = set()
    root = Path(os.path.abspath(root))
    for folder in {Path(os.path.abspath(p.parent)) for p in paths}:
        while folder != root and folder not in missing and root in folder.parents \
                and not folder.is_dir():
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda f: len(f.parts))


def _undo(root: Path, made: Iterable[Path], folders: list[Path]) -> OSError | None:
    """Remove the files and the (empty) folders a write made, then its manifest; the
    refusal, when a file cannot be removed (the manifest stays, for :func:`recover`)."""
    refused = None
    for path in made:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            refused = exc
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()
    if refused is None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(root / PENDING)
    return refused


def _finish(root: Path, pairs: list[list[str]], removes: list[list[str]], *,
            resumed: bool = True, more: bool = False) -> None:
    """The renames of a committed write, then its removals; each step done again is a
    no-op (a kill partway is finished by :func:`recover`, ``resumed``: the lock file left to
    the hold's end, for what follows under it; so with ``more``, :func:`write_files`').  A temporary file missing (never renamed:
    the write's own run, or its target missing too) is not skipped silently: the rest is
    finished, then :class:`_Vanished` names them."""
    gone = []
    for tmp, target in pairs:
        src = root / tmp
        if src.exists():
            replace(src, root / target)
            fault_point("replace")
        elif not resumed or not os.path.lexists(root / target):
            gone.append(target)
    for hidden, rel in removes:
        path, away = root / rel, root / hidden
        if os.path.lexists(path):
            if os.path.lexists(away):  # (made again since: never happens by isgrid)
                _delete(away)
            replace(path, away, name=path, move=os.rename)
        if os.path.lexists(away):
            fault_point("remove")
            _delete(away)
    for folder in {(root / target).parent for _, target in [*pairs, *removes]}:
        _fsync_dir(folder)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(root / PENDING)
    if not resumed and not more:
        writelock.drop(root)  # (the lock is still held)
    _fsync_dir(root)
    if gone:
        raise _Vanished(gone)


def _delete(path: Path) -> None:
    """A folder and what it holds, or a file (a link is removed, never followed)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _command() -> str:
    """The command that writes (``isgrid sheets import``), as its manifest names it."""
    import click

    ctx = click.get_current_context(silent=True)
    return ctx.command_path if ctx is not None else "isgrid"


def _writer(command: str | None, by: str | None) -> dict[str, str]:
    """Who writes, as the pending record names it (:func:`write_files`)."""
    return {"command": command or _command(), **({"by": by} if by else {})}


def _holder(command: str | None, by: str | None) -> bytes:
    """Who holds the lock, as its file says it (``{command, pid, by}``): the pending
    record exists only while a write is under way, the hold of ``sheets import``,
    ``intake`` or ``call purge`` lasts their whole reading (:func:`isgrid.io.refusal.busy`
    reads this when there is no record)."""
    return json.dumps({**_writer(command, by), "pid": os.getpid()}).encode()


@contextlib.contextmanager
def _held(root: Path, *, recovering: bool, command: str | None = None,
          by: str | None = None, wait: float | None = None) -> Iterator[None]:
    """The write lock of ``root`` (:func:`isgrid.io.writelock.write_lock`), or the error
    that says another command's write has held it too long, or the system's refusal of the
    lock file.  Only taking the lock is said here: what fails while it is held says its own
    place (a content's error, :func:`made_now`, raised as it was)."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(write_lock(root, wait=wait, holder=_holder(command, by)))
        except Busy:
            raise _busy(root, root / PENDING, wait) from None
        except OSError as exc:
            where = root / LOCK_NAME
            hint = Message("The folder must be writable and {path} an ordinary file "
                           "(delete it: isgrid makes a new one), then run the command again.",
                           path=LOCK_NAME)
            if recovering:
                raise _unfinished(root, exc, where, hint) from None
            raise _refused(exc, where, hint) from None
        try:
            yield
        except ContentFailed as exc:
            raise exc.error from None


@contextlib.contextmanager
def writing(root: Path, *, command: str | None = None,
            by: str | None = None, wait: float | None = None) -> Iterator[None]:
    """The write lock of ``root`` (a folder that exists), held from before a command reads
    what it writes until the block ends: its :func:`write_files` (taken again, at once; the
    last, or each one with ``more``), and what follows a write with ``more`` (``sheets
    import`` checks the call it wrote, and puts the previous files back if they break it).
    What another writes meanwhile waits, never overwritten by a copy of what was there
    before.  Refused as :func:`write_files` refuses its lock; an interrupted write
    recovered first.  ``command``, ``by``: who holds it, written into the lock file (as
    :func:`write_files` says them), for a command that waits too long; ``wait``, as
    :func:`write_files`'s."""
    with _held(root, recovering=False, command=command, by=by, wait=wait):
        _recover_held(root)
        yield


def recover(root: Path) -> bool:
    """Finish or undo a multi-file write that was interrupted under ``root``.

    Committed: the renames are finished; not committed: the temporary files
    are removed (the previous files never left).  Returns whether a write's manifest
    was found (what was read of the folder before may be from before that write).  The
    manifest is itself written atomically; one that does not read (edited by hand) is a
    usage error, and so is a folder where the write cannot be finished (read-only).

    No manifest: nothing is locked (loading a call is not slowed).  A manifest: the
    folder's write lock is taken first (:mod:`isgrid.io.writelock`), waiting for a write
    still in progress in another process to end (then its manifest is gone: nothing to
    do); one found by the holder of the lock is from a writer that died.
    """
    if not (root / PENDING).is_file():
        return False
    with _held(root, recovering=True):
        _recover_held(root)  # (nothing to do: the write ended while this waited)
    return True


def _recover_held(root: Path) -> bool:
    """:func:`recover`, the folder's write lock held."""
    manifest = root / PENDING
    if not manifest.is_file():
        return False
    try:
        data = json.loads(manifest.read_bytes())
        state = data["state"]
        pairs = [[str(a), str(b)] for a, b in data["files"]]
        folders = [str(f) for f in data.get("folders", [])]  # none before they were kept
        removes = [[str(a), str(b)] for a, b in data.get("remove", [])]
        kept = [[str(a), str(b)] for a, b in data.get("kept", [])]
    except OSError as exc:  # a record the system will not let this command read
        raise _unfinished(root, exc, manifest) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{manifest} is damaged", [Diagnostic(
            "output-exists", Message("the record of an interrupted write is unreadable ({error})",
                                     error=exc),
            Location(str(manifest)), hint="Check the files it names, then delete it.")]) from None
    for rel_path in [*(p for pair in [*pairs, *removes, *kept] for p in pair),
                     *folders]:  # never outside root
        if Path(rel_path).is_absolute() or ".." in Path(rel_path).parts:
            raise UsageError(f"{manifest} names {rel_path}", [Diagnostic(
                "path-escape", Message("the record of an interrupted write names {path}",
                                       path=Quote(rel_path)),
                Location(str(manifest)), hint="Delete the file.")])
    try:
        if state == "commit":
            _finish(root, pairs, removes)
        else:
            left = _undo(root, [*(root / tmp for tmp, _ in pairs), *own_copies(root, kept)],
                         [root / f for f in folders])
            if left is not None:
                raise left
    except _Vanished as exc:
        raise _vanished(root, exc, pairs) from None
    except OSError as exc:
        raise _unfinished(root, exc, manifest) from None
    return True


def write_output(
    path: Path, data: bytes | str | Iterable[bytes], *, inputs: Iterable[Path] = (),
    force: bool = False, call_file: str | None = None,
) -> None:
    """Check then atomically write one output file (``call_file``: see :func:`check_output`)."""
    check_output(path, inputs=inputs, force=force, call_file=call_file)
    atomic_write(path, data.encode("utf-8") if isinstance(data, str) else data)
