"""The system's refusals (an :class:`OSError`) in words a user reads: the commonest in French
too (a French message no longer quotes « No space left on device »), any other as the system
wrote it."""

from __future__ import annotations

import errno
from pathlib import Path

from ..messages import Message

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
