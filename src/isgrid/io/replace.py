"""The one rename of every write: a temporary file put over its target (``os.replace``),
tried again for about a second when Windows says the target is held by another program.

On Windows a file open in Excel or Word, being uploaded by OneDrive, or read by an
antivirus scan (or a browser reloading a page of ``isgrid watch``) cannot be replaced:
``os.replace`` raises ``PermissionError`` (WinError 32, a sharing violation, or 5,
access denied).  A scan or a synchronisation lets go within a moment, so the rename is
tried again a few times over about a second (:data:`DELAYS`); a program that keeps the
file open (Excel) is then said as such: :class:`HeldFile`, an ``OSError`` that names the
*target* (the file the user knows, never the hidden temporary one), which
:func:`isgrid.io.refusal.refused` says as ``file-in-use`` (« close it, then run the
command again »).  Elsewhere (Linux, macOS) a rename is refused only by the folder's
permissions: at once, as the system says it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

#: The waits between the tries of a held target's rename (about a second in all).
DELAYS = (0.05, 0.1, 0.15, 0.25, 0.45)


class HeldFile(PermissionError):
    """The rename over ``filename`` refused after every try: on Windows, another program
    holds that file (Excel, Word, OneDrive, an antivirus)."""


def windows() -> bool:
    """Whether isgrid runs on Windows (read at each call: the tests emulate it)."""
    return sys.platform == "win32"


def held_elsewhere(exc: OSError) -> bool:
    """Whether ``exc`` is how Windows refuses a file another program holds (a
    ``PermissionError``: WinError 32, 33 or 5)."""
    return windows() and isinstance(exc, PermissionError)


def replace(src: str | Path, dst: str | Path, *, name: str | Path | None = None,
            move: Callable[[str | Path, str | Path], None] | None = None,
            sleep: Callable[[float], None] | None = None) -> None:
    """``src`` renamed over ``dst`` (``move``: ``os.replace``, else e.g. ``os.rename``),
    tried again after each of :data:`DELAYS` while Windows says a program holds the file;
    then :class:`HeldFile` at ``name`` (default ``dst``).  Any other refusal is raised at
    once."""
    for delay in DELAYS:
        try:
            (move or os.replace)(src, dst)
            return
        except PermissionError as exc:
            if not held_elsewhere(exc):
                raise
        (sleep or time.sleep)(delay)
    try:
        (move or os.replace)(src, dst)
    except PermissionError as exc:
        if not held_elsewhere(exc):
            raise
        raise HeldFile(exc.errno, exc.strerror, os.fspath(name or dst)) from exc
