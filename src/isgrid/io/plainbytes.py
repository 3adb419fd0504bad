"""The bytes of a plain CSV file checked before Arrow's parse is trusted: how many lines it
has, whether every carriage return ends a line, whether every quote opens, doubles or
closes a whole field (:func:`isgrid.io.ratingsfile.plain_csv_table` and the ratings' parse).

Each is counted by numpy over the file's bytes in chunks, in the reading thread, beside
Arrow's parse: numpy releases the GIL while it compares, which the main thread needs for
its imports (module :mod:`isgrid.io.ratingsfile`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: bytes compared at once by :func:`_matches`
_CHUNK = 1 << 23


def _matches(raw: Any, byte: int, chunk: int | None = None) -> Iterator[tuple[int, Any]]:
    """Each chunk's offset in ``raw`` and its mask of ``byte``, in one reused buffer (a
    mask is good until the next one is asked for).

    A 50 MB comparison at once allocates a 50 MB mask, and first touching new
    memory is what costs most here; a reused buffer avoids it (5x faster).  The
    chunks are 8 MB, not smaller: numpy releases the GIL during each comparison
    and this thread must take it back after each, while the main thread runs
    Python (imports); each taking can wait 5 ms (``sys.getswitchinterval``), so
    256 kB chunks made a 45 MB file's check 0.04 s alone but seconds beside
    the imports (pass seventeen).
    """
    import numpy as np

    step = chunk or _CHUNK
    buf = np.empty(min(step, len(raw)), dtype=bool)
    for at in range(0, len(raw), step):
        part = raw[at:at + step]
        mask = buf[:len(part)]
        np.equal(part, byte, out=mask)
        yield at, mask


def lines_in(data: bytes, start: int, end: int) -> int:
    """The lines of ``data[start:end]`` (newlines + 1), counted by numpy, which releases
    the GIL: ``bytes.count`` holds it (0.03 s on a national file, taken from the imports
    of the main thread)."""
    import numpy as np

    raw = np.frombuffer(data, dtype=np.uint8)[start:end]
    return 1 + sum(int(np.count_nonzero(mask)) for _, mask in _matches(raw, ord("\n")))


def returns_end_lines(data: bytes) -> bool:
    """Every carriage return in ``data`` is followed by a newline: as many returns as
    return-newline pairs, counted by numpy chunks (no GIL held, no array of positions:
    a Windows file has a return on each of its two million lines)."""
    import numpy as np

    raw = np.frombuffer(data, dtype=np.uint8)
    n = len(raw)
    if n and raw[-1] == ord("\r"):
        return False
    nl = np.empty(min(_CHUNK, n), dtype=bool)
    returns = pairs = 0
    for at, is_ret in _matches(raw, ord("\r")):
        returns += int(np.count_nonzero(is_ret))
        after = raw[at + 1:at + 1 + len(is_ret)]  # the byte after each (one fewer at the end)
        is_pair = nl[:len(after)]
        np.equal(after, ord("\n"), out=is_pair)
        np.logical_and(is_pair, is_ret[:len(after)], out=is_pair)
        pairs += int(np.count_nonzero(is_pair))
    return returns == pairs


def quotes_plain(data: bytes, sep: bytes, chunk: int | None = None) -> bool:
    """Every quote opens, doubles or closes a whole field.

    That is what both Python's strict csv reader and Arrow read the same way.
    Arrow would read ``"ab"c`` as ``abc`` where the strict reader reports an
    error, and a quote inside an unquoted field or a newline inside quotes is
    read differently too: such a file takes the row-by-row path.  The quotes
    alternate open/close (the file's first quote opens); an opening quote starts a
    field or doubles the quote before it; a closing quote ends a field or is
    doubled by the next.  A quoted value spanning lines is caught by the caller:
    Arrow (told that values may hold newlines, so that its blocks never split
    one) then gives fewer rows than there are lines.

    Checked by numpy chunks (a national file has a million quoted ``"3,5"``): an
    opening quote doubles the previous (closing) one exactly when the byte before it is
    a quote, a closing quote is doubled exactly when the byte after it is; so the byte
    before each opening quote (or the file's start) and after each closing one (or its
    end) must be a separator, a line end or a quote.  Only a chunk's quotes' positions
    are made (74 -> 45 ms at 2 M ratings, 30 MB less fresh memory than the file's two
    million positions and their copies: docs/performance.md, forty-second pass).
    """
    import numpy as np

    if b'"' not in data:
        return True
    raw = np.frombuffer(data, dtype=np.uint8)
    n = len(raw)
    ends = np.zeros(256, dtype=bool)  # \r only before \n here
    ends[[ord(sep), ord("\n"), ord("\r"), ord('"')]] = True
    seen = 0  # the quotes of the chunks before: the parity of the next one
    for at, mask in _matches(raw, ord('"'), chunk):
        pos = np.flatnonzero(mask)
        if not len(pos):
            continue
        pos += at
        opening, closing = pos[seen % 2::2], pos[1 - seen % 2::2]
        if len(opening) and opening[0] == 0:
            opening = opening[1:]  # the file's start
        if len(closing) and closing[-1] == n - 1:
            closing = closing[:-1]  # the file's end
        opening -= 1  # in place (views of ``pos``): the byte before each opening quote
        closing += 1  # and after each closing one
        if not (ends[raw[opening]].all() and ends[raw[closing]].all()):
            return False
        seen += len(pos)
    return seen % 2 == 0
