"""The grid a séance's entries were recorded under, and the warning when it has changed.

Every entry isgrid appends to the journal says which grid the call was judged with at
that moment (``grid``: ``<id>@<version>``, ``grid_sha256``: the hash the result records,
``grid_scoring_sha256``: the hash of what of it scores, :mod:`isgrid.grid.scoring`): the
consensus values, decisions and votes were taken on the totals and statuses that grid
gave.  When the call is later judged with another grid (a newer isgrid shipping a new
version of an unpinned grid, or ``set:`` edited after the séance), its totals and
statuses may no longer be those the signed minutes show: every command that loads the
call says so (``grid-changed``), naming the first entry and both versions, with the way
to keep the séance's grid: pin its version (``grid: <id>@<version>``) when this isgrid
still has it (a superseded version kept in ``grids/versions/``, or a copy beside the
call: :func:`isgrid.grid.load.version_found`), else put back a copy of its file.

Only what scores is compared: an entry that records the scoring hash is told when that
hash differs from the grid's now, so a note or a label reworded (in a shipped grid a newer
isgrid brings, or in the call's) is not a change of grid.  An entry recorded before isgrid
wrote the scoring hash has only the whole grid's: when that is the hash of a version of a
shipped grid, isgrid's table of them gives its scoring hash, compared the same way
(:func:`isgrid.grid.scoring.scores_as`); of a call's grid that changes a shipped one by its
``set:``, the call's grid now with the texts the table keeps of a past version
(:mod:`isgrid.grid.reworded`); else (a call's own grid) it is told when the whole hash
differs (isgrid cannot know whether the grid then scored as it does now).

Entries recorded before isgrid wrote the stamp have none and are not compared.  A grid
that differs only by facts declared since for documents (the holder's name and the SIRET
the annex and the open data read, :func:`isgrid.call.inputstamp.documents_only`) judges as
the séance's did: it is not told (:func:`_facts_added_for_documents`), nor is the call's grid
that a ``set:`` written after the séance made of the shipped one it extends, when that
``set:`` declares only such facts (``<id>@1`` then, ``<id>@1+call`` now).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Location, Message
from ..messages import Plural

if TYPE_CHECKING:
    from ..errors import Collector
    from ..grid.load import LoadedGrid
    from .journal import Entry
    from .model import Call, CallConfig

#: the kinds of entries taken on what the grid gave (a cancellation decides nothing)
JUDGED = ("consensus", "decision", "withdrawal")


def grid_stamp(call: Call) -> tuple[str, str, str]:
    """What an entry records of the grid the call is judged with now: its reference, its
    hash and the hash of what of it scores."""
    return call.grid.ref, call.grid.sha256, call.grid.scoring_sha256


def _facts_added_for_documents(loaded: LoadedGrid, config: CallConfig | None,
                               folder: Path | None = None) -> frozenset[str]:
    """The hashes of the grid without some of the facts it declares that only documents
    read (each subset of them: some may have been declared before the séance, some after),
    all but its own: the whole grid's and the scoring ones.  When the call's ``set:``
    declared them on a grid it ``extends`` and changes nothing else that scores, that
    grid's own hashes too: the séance judged with it as it is (``set:`` written only after
    the vote, as the French guide has the secretariat do for the annex and the open data,
    turns ``<id>@1`` into ``<id>@1+call``)."""
    from ..grid.load import canonical_json, grid_dump
    from ..grid.scoring import scoring_dump, scoring_hash_of
    from .inputstamp import documents_only

    if config is None:
        return frozenset()
    data = grid_dump(loaded.grid)
    facts = data.get("facts") or {}
    names = sorted(n for n in documents_only(config, loaded) if n in facts)[:6]  # 63 hashes
    base = _extended(data, folder)
    out = set()
    for k in range(1, len(names) + 1):
        for gone in itertools.combinations(names, k):
            kept = {n: v for n, v in facts.items() if n not in gone}
            variant = {**{x: y for x, y in data.items() if x != "facts"},
                       **({"facts": kept} if kept else {})}
            out.add(hashlib.sha256(canonical_json(variant)).hexdigest())
            out.add(scoring_hash_of(variant))
            if base is not None and scoring_dump(_unnamed(variant)) == base[0]:
                out.update(base[1:])  # the grid extended, as it is: what the séance had
    return frozenset(out)


def _extended(data: dict[str, Any], folder: Path | None
              ) -> tuple[dict[str, Any], str, str] | None:
    """The grid the call's grid ``data`` extends (its ``extends``): what of it scores
    (:func:`_unnamed`), its whole hash and its scoring hash; None when there is none or
    it does not load."""
    from ..errors import GridError
    from ..grid.load import grid_dump, load_grid
    from ..grid.scoring import scoring_dump

    ref = data.get("extends")
    if not isinstance(ref, str) or not str(data.get("version", "")).endswith("+call"):
        return None
    try:
        base = load_grid(ref, near=folder)
    except (GridError, OSError):
        return None
    return scoring_dump(_unnamed(grid_dump(base.grid))), base.sha256, base.scoring_sha256


def _unnamed(data: dict[str, Any]) -> dict[str, Any]:
    """A grid's dump without what names it (its version, the grid it extends): a call's
    grid against the one it extends."""
    return {k: v for k, v in data.items() if k not in ("extends", "version")}


def _entry_grid_id(entry: Entry, loaded: LoadedGrid) -> str:
    """The id of the grid ``entry`` was recorded under (``loaded``'s when it does not say)."""
    from ..grid.load import split_ref

    return split_ref(entry.grid)[0] if entry.grid else loaded.grid.id


def check_grid_unchanged(loaded: LoadedGrid, entries: Sequence[Entry], file: str,
                         diags: Collector, folder: Path | None = None,
                         config: CallConfig | None = None) -> None:
    """Warn ``grid-changed`` when an entry in effect was recorded under a grid that scores
    otherwise (:func:`isgrid.grid.scoring.scores_as`); ``folder``, the call's, where a grid
    pinned by id is looked for first; ``config``, the call's, whose facts for documents
    only may have been declared since (module docstring)."""
    from ..grid.scoring import recorded_scoring, scores_as

    changed = [e for e in entries if e.kind in JUDGED and e.grid_sha256 is not None
               and not scores_as(loaded, e.grid_sha256, e.grid_scoring_sha256,
                                 _entry_grid_id(e, loaded))]
    if changed:
        same = _facts_added_for_documents(loaded, config, folder)
        changed = [e for e in changed
                   if (recorded_scoring(_entry_grid_id(e, loaded), e.grid_sha256,
                                        e.grid_scoring_sha256) or e.grid_sha256) not in same]
    if not changed:
        return
    first = changed[0]
    now = loaded.ref
    # the séance's id@version, without the call's mark: what to pin
    then_ref = (first.grid or "").removesuffix("+call")
    # the same grid, or the same version the call's set: changes (pinning it would not
    # take the set: away)
    same_ref = (first.grid or "") in (now, now.removesuffix("+call"))
    diags.add(
        "grid-changed",
        Plural("{n} journal entry was recorded with the grid {then} (hash {then_hash}); "
               "the call is now judged with {now} (hash {now_hash}): totals and statuses "
               "may differ from those the séance saw and the minutes show",
               "{n} journal entries were recorded with the grid {then} (hash {then_hash}); "
               "the call is now judged with {now} (hash {now_hash}): totals and statuses "
               "may differ from those the séance saw and the minutes show",
               len(changed), then=first.grid or "?", then_hash=(first.grid_sha256 or "")[:12],
               now=now, now_hash=loaded.sha256[:12]),
        Location(file, line=first.seq), severity="warning",
        hint=_hint(then_ref, same_ref, folder))


def _hint(then_ref: str, same_ref: bool, folder: Path | None) -> Message:
    """What keeps the séance's grid: its version pinned when this isgrid has it, else a
    copy of its file put back (isgrid no longer ships it: pinning it would not load)."""
    from ..grid.load import split_ref, version_found

    if same_ref:
        return Message("The grid's file or the call's set: changed since the séance. Put "
                       "back what the séance was judged with, or record the new values "
                       "with a new decision and say why.")
    if version_found(then_ref, folder):
        return Message("Keep the séance's grid: name its version in call.yaml (grid: {ref}), "
                       "then check that the call has no other warning of this kind.",
                       ref=then_ref)
    return Message("This isgrid does not have the grid {ref} the séance was judged with: to "
                   "keep it, copy its file (grids/{id}.yaml of the isgrid the séance used) "
                   "into the call folder and name that file in call.yaml (grid: <file>.yaml); "
                   "else record the new values with a new decision and say why.",
                   ref=then_ref, id=split_ref(then_ref)[0])


__all__ = ["JUDGED", "check_grid_unchanged", "grid_stamp"]
