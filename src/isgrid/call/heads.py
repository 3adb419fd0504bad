"""Where the head printed in signed minutes is in a call's journal (``isgrid journal verify
--head``): an entry's hash, or, after a purge re-sealed the chain, an entry's hash before
it, as the purge entry records it (docs/decisions.md §1, "Chain")."""

from __future__ import annotations

import re

from .journal import Entry


def find_head(entries: list[Entry], head_hash: str) -> int | None:
    """The position (1-based) of the entry whose hash is ``head_hash``, or None."""
    wanted = head_hash.strip().lower()
    for e in entries:
        if e.hash == wanted:
            return e.seq
    return None


#: the head before the purge, as a purge recorded before ``hashes_before`` quotes it in its
#: reason (« … ; tête de chaîne avant purge : <64 hex> »)
_PURGED_HEAD = re.compile(r"avant purge\s*:\s*([0-9a-f]{64})")


def find_purged_head(entries: list[Entry], head_hash: str) -> tuple[int, Entry] | None:
    """Where a head no entry has now was before a purge re-sealed the chain: the entry's
    position (1-based) then, and the purge entry that records it (``hashes_before``; for
    a purge recorded before isgrid wrote it, the head before the purge its reason quotes:
    the entry just before it), or None.  The latest purge that records it is named."""
    wanted = head_hash.strip().lower()
    for e in reversed(entries):
        if e.kind != "purge":
            continue
        if e.hashes_before is not None:
            if wanted in e.hashes_before:
                return e.hashes_before.index(wanted) + 1, e
        elif (m := _PURGED_HEAD.search(e.reason)) is not None and m.group(1) == wanted:
            return e.seq - 1, e
    return None


__all__ = ["find_head", "find_purged_head"]
