"""A grid named wrongly: « no grid “csess” » (« pas de grille « csess » »), with « Did you mean csess-2017? » when one
shipped grid is clearly meant (review s17 users, finding 12).  Every lookup of a grid by its
name (:func:`isgrid.grid.load.load_grid`, a parent of ``extends``) says it here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Location, Message
from ..messages import Quoted
from .model import pinned_ref


def unknown_grid(ref: str, ids: list[str]) -> Diagnostic:
    """« no grid “csess” », with « Did you mean csess-2017? » when one of the shipped grids
    ``ids`` is clearly meant (:func:`meant_grid`), else the shipped grids."""
    meant = meant_grid(ref, ids)
    hint = (Message("Did you mean {grid}? Shipped grids: {known}.", grid=meant,
                    known=", ".join(ids)) if meant is not None
            else Message("Shipped grids: {known}.", known=", ".join(ids)))
    # a file's name (« nexiste.yaml », « grilles/ma-grille »): « fichier introuvable :
    # nexiste.yaml », not « pas de grille « nexiste.yaml » » (review 19, finding 12); an id
    # between its language's quotes (messages.Quoted), never Python's repr
    what = (Message("no such file: {path}", path=ref) if is_file_name(ref)
            else Message("no grid {ref}", ref=Quoted([ref])))
    return Diagnostic("unknown-grid", what, Location(), hint=hint)


def is_file_name(ref: str) -> bool:
    """Whether a grid is named by a file (``ma-grille.yaml``, ``grilles/g``), not an id."""
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def answers_instead(path: Path, data: Any) -> Diagnostic | None:
    """« a1.yaml est un fichier de réponses (isgrid assess), pas une grille » for a file
    given as a grid (``data``, as read) that is a self-assessment's answers file (its
    ``answers:``, no ``sections:`` nor ``extends:``), instead of the schema's five errors
    about it (review 19, finding 12); None for any other file."""
    if not isinstance(data, dict) or "answers" not in data \
            or "sections" in data or "extends" in data:
        return None
    grid = data.get("grid") if isinstance(data.get("grid"), str) else "GRID"
    return Diagnostic(
        "answers-not-grid",
        Message("{path} is an answers file (isgrid assess), not a grid", path=str(path)),
        Location(),
        hint=Message("Name a grid by its id (isgrid grids list) or its file; to see what "
                     "these answers give: isgrid assess {grid} {path}.", grid=grid,
                     path=str(path)))


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


__all__ = ["answers_instead", "is_file_name", "meant_grid", "unknown_grid"]
