"""Ids that differ only by case (``j1`` and ``J1``, ``AL16-01`` and ``al16-01``).

isgrid reads ids as written, case and all: two jurors ``j1`` and ``J1`` are two jurors.
Their files are not two files on a case-insensitive file system (Windows, macOS's default):
``sheets`` writes ``J1.xlsx`` over ``j1.xlsx``, an import writes one juror's
``ratings/J1.csv`` over the other's, a dossier file over another (review windows, #11).
Said once per pair, as a warning at the second id's place (:func:`case_clashes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..errors import Diagnostic, Location, Message, Quote


def case_clashes(kind: str, ids: Iterable[str],
                 where: Callable[[int], Location]) -> list[Diagnostic]:
    """``id-case-clash`` for each id whose case-folded form an earlier one of ``ids`` has
    (``kind``: ``"dossier"`` or ``"juror"``, said by the message), at ``where(i)``, the
    place of the ``i``-th id: made only for a clash (a national call's 20,000 dossiers'
    places, made each time, were 30 ms of its loading: docs/performance.md, forty-second
    pass).  Most calls have no clash: then as many distinct folded ids as distinct ids,
    counted by two sets (made in C) before any id is looked at one by one."""
    ids = list(ids)
    if len(set(map(str.casefold, ids))) == len(set(ids)):
        return []  # no two distinct ids fold to one
    first: dict[str, str] = {}
    out: list[Diagnostic] = []
    for i, ident in enumerate(ids):
        folded = ident.casefold()
        seen = first.setdefault(folded, ident)
        if seen != ident:
            message = (Message(
                "the juror ids {first} and {second} differ only by case: on Windows and "
                "macOS their files are one file, and one overwrites the other",
                first=Quote(seen), second=Quote(ident)) if kind == "juror" else Message(
                "the dossier ids {first} and {second} differ only by case: on Windows and "
                "macOS their files are one file, and one overwrites the other",
                first=Quote(seen), second=Quote(ident)))
            out.append(Diagnostic("id-case-clash", message, where(i), severity="warning"))
    return out
