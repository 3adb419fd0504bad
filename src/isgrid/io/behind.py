"""A large output written on a second thread while it is encoded (:func:`write_behind`).

The one place isgrid writes on a thread, and the one place it asks the system to
write around its page cache (``O_DIRECT``); :func:`isgrid.io.write.atomic_write`
calls it for outputs given as pieces (a national call's result, 75 MB).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
from typing import Any

#: pieces gathered into blocks of this size, at most ``BLOCKS`` of them waiting, and
#: the file flushed to disk after each ``SYNC`` bytes written through the page cache
BLOCK = 1 << 20
BLOCKS = 8
SYNC = 8 << 20
#: what ``O_DIRECT`` asks of every write's address, length and offset: 4 kB covers the
#: logical blocks of every disk (512 bytes or 4 kB)
ALIGN = 4096
#: 0 where the system has no such flag (macOS, Windows): every write goes through the cache
DIRECT = getattr(os, "O_DIRECT", 0)
#: The data to disk, not the times (every system has fsync; not all fdatasync).
_datasync = getattr(os, "fdatasync", os.fsync)


def write_behind(fd: int, pieces: Iterable[bytes]) -> None:
    """Write ``pieces`` (made as they are asked for) to ``fd`` from a second thread.

    A large output is encoded piece by piece; writing a block releases the GIL, so
    the second thread writes while the next pieces are encoded.  Memory stays
    bounded (``BLOCKS`` blocks waiting); an error on either side stops both and is
    raised here, after the thread has ended.  The caller flushes the file (``fsync``)
    and renames it into place, as for any output.

    **Around the page cache.**  Written through the system's cache, each block's
    pages are new memory for the kernel to find and fill: on the virtual machines
    isgrid is measured on, first-touched memory costs about 1 ms a megabyte, and
    writing a national call's 75 MB took 0.17 s of system time, more than encoding
    it.  From its first whole block the file is written with ``O_DIRECT`` where the
    system has it (:class:`_Direct`): from an aligned buffer straight to the disk,
    its last bytes (less than ``ALIGN``) through the cache.  A file system that
    refuses it (tmpfs before Linux 6.6, some network or FUSE ones) is written through
    the cache, the same bytes either way (``tests/io/test_write.py``).
    """
    import queue
    import threading

    blocks: queue.Queue[bytes | None] = queue.Queue(maxsize=BLOCKS)
    failed: list[BaseException] = []

    def writer() -> None:
        direct: _Direct | None = None
        # the small blocks before the first whole one (a result's first lines, before its
        # records), held: written through the cache, they would leave the file's offset
        # off the alignment O_DIRECT needs and every direct write would be refused
        # (EINVAL), the whole file then going through the cache (sessions 20 to 22)
        head: list[bytes] | None = [] if DIRECT else None
        since = 0
        try:
            while True:
                block = blocks.get()
                if block is None:
                    break
                if failed:
                    continue  # drained until the end mark: the producer never waits
                try:
                    if head is not None:
                        if len(block) < BLOCK:
                            head.append(block)
                            continue
                        direct = _Direct.start(fd)
                        block = b"".join([*head, block]) if head else block
                        head = None
                    if direct is not None and direct.on:
                        direct.write(block)
                        continue
                    _write_all(fd, block)
                    since += len(block)
                    if since >= SYNC:  # the final fsync then has little left
                        _datasync(fd)
                        since = 0
                except BaseException as exc:  # raised again by the producer below
                    failed.append(exc)
            if head and not failed:  # no whole block came: all through the cache
                _write_all(fd, b"".join(head))
            if direct is not None and not failed:
                direct.finish()
        except BaseException as exc:
            failed.append(exc)
        finally:
            if direct is not None:
                direct.close()

    thread = threading.Thread(target=writer, name="isgrid-write", daemon=True)
    thread.start()
    try:
        gathered: list[bytes] = []
        size = 0
        for piece in pieces:
            if len(piece) >= BLOCK:  # a large piece (records): handed over as it is
                if failed:
                    break
                if gathered:  # the small ones before it first, joined
                    blocks.put(b"".join(gathered))
                    gathered, size = [], 0
                # joined with the small piece before it (a comma), each large piece was
                # copied once more: a national call's 75 MB, 15-25 ms of the main thread
                blocks.put(piece)
                continue
            gathered.append(piece)
            size += len(piece)
            if size >= BLOCK:
                if failed:
                    break
                blocks.put(b"".join(gathered))
                gathered, size = [], 0
        if gathered and not failed:
            blocks.put(b"".join(gathered))
    finally:
        blocks.put(None)
        thread.join()
    if failed:
        raise failed[0]


def _write_all(fd: int, data: Any) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _Direct:
    """Blocks written with ``O_DIRECT`` from one page-aligned buffer (an anonymous
    ``mmap``), ``ALIGN`` bytes at a time; what is left under ``ALIGN`` waits for the
    next block, and the very last bytes go through the cache (:meth:`finish`).

    ``O_DIRECT`` is set on the open file (``fcntl``), so the file is the one the caller
    made (its name, mode, temporary place).  Where the system refuses it, at once or at
    a write (``EINVAL``: nothing was written), the flag is taken off again and the bytes
    held are written through the cache: :attr:`on` is then False and the caller writes
    the rest as usual.
    """

    def __init__(self, fd: int) -> None:
        import mmap

        self.fd = fd
        self.on = True
        self.size = 2 * BLOCK
        self.buf = mmap.mmap(-1, self.size)
        self.view = memoryview(self.buf)
        self.held = 0  # bytes in the buffer, not yet written

    @classmethod
    def start(cls, fd: int) -> _Direct | None:
        """The writer, with ``O_DIRECT`` set on ``fd``; None where the system refuses it."""
        import fcntl

        if os.lseek(fd, 0, os.SEEK_CUR) % ALIGN:  # every direct write would be refused
            return None
        try:
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | DIRECT)
        except OSError:
            return None
        return cls(fd)

    def write(self, block: bytes) -> None:
        data = memoryview(block)
        while data and self.on:
            n = min(len(data), self.size - self.held)
            self.view[self.held:self.held + n] = data[:n]
            self.held += n
            data = data[n:]
            self._flush()
        if data:  # refused on the way: the rest through the cache
            _write_all(self.fd, data)

    def _flush(self) -> None:
        """The buffer's whole ``ALIGN`` blocks written; the few bytes after them moved to
        its start.  An ``EINVAL`` turns direct writing off (class docstring)."""
        done = 0
        whole = self.held - self.held % ALIGN
        try:
            while done < whole:
                wrote = os.write(self.fd, self.view[done:whole])
                done += wrote
                if wrote % ALIGN:  # a short write off the alignment: the rest cached
                    raise OSError(errno.EINVAL, "unaligned")
        except OSError as exc:
            if exc.errno != errno.EINVAL:
                raise
            self._off()
            _write_all(self.fd, self.view[done:self.held])
            self.held = 0
            return
        rest = self.held - whole
        if rest:
            self.buf.move(0, whole, rest)
        self.held = rest

    def _off(self) -> None:
        import fcntl

        self.on = False
        fcntl.fcntl(self.fd, fcntl.F_SETFL, fcntl.fcntl(self.fd, fcntl.F_GETFL) & ~DIRECT)

    def finish(self) -> None:
        """The last bytes (under ``ALIGN``) written through the cache."""
        if self.on:
            self._off()
            _write_all(self.fd, self.view[:self.held])
            self.held = 0

    def close(self) -> None:
        self.view.release()
        # a failed write's traceback may still hold a view of it: freed with it then
        with contextlib.suppress(BufferError):
            self.buf.close()
