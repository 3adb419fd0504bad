"""Where the call folder is when the folder given is not one: the call above a folder
inside it, the calls below a folder that holds them (the hints of ``file-not-found`` at
:func:`isgrid.call.load.call_file`)."""

from __future__ import annotations

import os
from pathlib import Path

#: how many call folders below a folder without call.yaml its hint names
CALLS_NAMED = 5


def calls_below(folder: Path) -> list[Path]:
    """The folders just below ``folder`` that hold a call.yaml, sorted, written as the user
    typed ``folder`` (``appel-2027`` for ``.``); a folder of many entries is not listed
    whole (the first 1,000 entries read)."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for k, entry in enumerate(entries):
                if k >= 1000:
                    break
                if entry.is_dir(follow_symlinks=False) and os.path.isfile(
                        os.path.join(entry.path, "call.yaml")):
                    found.append(folder / entry.name if str(folder) != "."
                                 else Path(entry.name))
    except OSError:
        return []
    return sorted(found)


def call_folder_above(folder: Path) -> Path | None:
    """The nearest folder above ``folder`` that holds a call.yaml, written as the user may
    type it (relative to the working folder, ``..`` or ``.``, when ``folder`` was given
    relative), or None."""
    import os

    try:
        here = folder.resolve()
    except (OSError, RuntimeError):
        return None
    for parent in here.parents:
        if (parent / "call.yaml").is_file():
            if folder.is_absolute():
                return parent
            try:
                return Path(os.path.relpath(parent, Path.cwd().resolve()))
            except (OSError, ValueError):  # another drive (Windows), the working folder gone
                return parent
    return None
