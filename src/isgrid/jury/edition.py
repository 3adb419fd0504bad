"""Is a returned workbook of this edition of the call?  What each dossier was when it was
written.

A workbook names its call by its title (:mod:`.reading`): a call copied to start its next
edition keeps its title, its dossiers re-apply under the same ids, and last year's
workbook, found in a mailbox, imported as this year's ratings without a word (review
year2, finding 4).  So a workbook also records, for each of its dossiers, a short digest
of what the juror was given to read (the title and the facts); on import, a workbook
most of whose dossiers are no longer what they were is said to come, probably, from
another edition (``sheet-dossiers-changed``, a warning: a correction of a few dossiers
during the campaign is the usual case, and says nothing).  A workbook written before
the digests says nothing either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from ..call.model import Call, Dossier
from ..errors import Collector, Location, Message
from ..messages import shown_names
from .common import META_SHEET
from .lists import cells_of

#: the rows of the _isgrid sheet that hold the digests: ``facts:<row>`` -> « id=digest … »
META_FACTS = "facts:"
#: hex digits of a digest (32 bits: a change is told, nothing is identified by it)
_DIGITS = 8


def digest(dossier: Dossier) -> str:
    """What the juror read of ``dossier``, as a short digest (title and facts)."""
    data = json.dumps({"title": dossier.title, "facts": dossier.facts}, sort_keys=True,
                      ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:_DIGITS]


def facts_rows(call: Call, ids: Sequence[str]) -> list[tuple[str, str]]:
    """The _isgrid rows recording each of ``ids``' digest, a cell holding many."""
    by_id = {d.id: d for d in call.dossiers}
    # (a plan made by hand, in tests, may hold ids the call has not: only the call's are told)
    return cells_of(META_FACTS, [f"{did}={digest(by_id[did])}" for did in ids if did in by_id])


def check_edition(call: Call, meta: Mapping[str, str], path: str, diags: Collector) -> None:
    """Warn ``sheet-dossiers-changed`` when more than half of the workbook's dossiers (two
    at least) are no longer what it was written with."""
    given = dict(item.partition("=")[::2] for k, v in meta.items()
                 if k.startswith(META_FACTS) for item in v.split())
    if not given:
        return
    now = {d.id: d for d in call.dossiers}
    changed = sorted(did for did, was in given.items()
                     if did in now and digest(now[did]) != was)
    if len(changed) < 2 or 2 * len(changed) <= len(given):
        return
    diags.add("sheet-dossiers-changed", Message(  # two at least: the plural only
        "{n} of the workbook's {total} dossiers are no longer what it was written with "
        "({ids}): the workbook probably comes from another edition of the call",
        n=str(len(changed)), total=str(len(given)), ids=shown_names(changed, 5)),
        Location(path, sheet=META_SHEET), severity="warning",
        hint=Message("Check that it is this year's workbook (the date it was sent, the "
                     "juror's message); if it is, the dossiers were changed since it was "
                     "written: the juror rated what they read then."))


__all__ = ["META_FACTS", "check_edition", "digest", "facts_rows"]
