"""A grid named wrongly: « no grid 'csess' », with « Did you mean csess-2017? » when one
shipped grid is clearly meant (review s17 users, finding 12).  Every lookup of a grid by its
name (:func:`isgrid.grid.load.load_grid`, a parent of ``extends``) says it here."""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic, Location, Message
from .model import pinned_ref


def unknown_grid(ref: str, ids: list[str]) -> Diagnostic:
    """« no grid 'csess' », with « Did you mean csess-2017? » when one of the shipped grids
    ``ids`` is clearly meant (:func:`meant_grid`), else the shipped grids."""
    meant = meant_grid(ref, ids)
    hint = (Message("Did you mean {grid}? Shipped grids: {known}.", grid=meant,
                    known=", ".join(ids)) if meant is not None
            else Message("Shipped grids: {known}.", known=", ".join(ids)))
    return Diagnostic("unknown-grid", Message("no grid {ref}", ref=repr(ref)), Location(),
                      hint=hint)


def meant_grid(ref: str, ids: list[str]) -> str | None:
    """The grid id a mistyped name means (the version kept: ``csess@1`` → ``csess-2017@1``):
    the only id it begins (``csess`` → ``csess-2017``), else the closest by spelling
    (:func:`isgrid.messages.close_match`, difflib; ``picardie-marqeurs-2013``), or the id a
    file name not found is named after (``csess-2017.yaml``); None when no one id is
    clearly meant."""
    from ..messages import close_match

    gid, _, version = ref.partition("@")
    if ref.endswith((".yaml", ".yml")):  # « csess-2017.yaml », no such file: the id
        stem = Path(ref).stem
        return stem if stem in ids else None
    if not gid:
        return None
    starts = [i for i in ids if i.casefold().startswith(gid.casefold())]
    if len(starts) > 1:  # « picardie »: the markers or the SIEG, no guess
        return None
    meant = starts[0] if starts else close_match(gid, ids, cutoff=0.6)
    if meant is None:
        return None
    return pinned_ref(meant, version) if version else meant


__all__ = ["meant_grid", "unknown_grid"]
