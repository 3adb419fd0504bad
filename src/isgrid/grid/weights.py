"""What a scored grid's weights make of each criterion: its effective weight and its share
of the total.

The one rule of weights: the engine totals with :func:`effective_weights`, and every
reader of a share (the jurors' workbook « Grille » sheet, ``grids show``, ``grids check``'s
``share-changed``, the comparison of grids) takes :func:`weight_shares`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ..errors import Collector, Message
from ..io.yamlio import Doc
from ..messages import Numbers, ShareChanges
from .model import Criterion, Grid

#: Where a grid's data carries, while its ``extends`` chain is resolved and until it is
#: validated, the paths of :meth:`Grid.stale_weight_entries`.
STALE_KEY = "__stale_weight_entries__"


def item_weight(item: Any, ranking: bool = False) -> float:
    """A section's or criterion's weight (1 when not written); for the ranking, its
    ``ranking_weight`` if set."""
    w = item.ranking_weight if ranking and item.ranking_weight is not None else item.weight
    return float(w if w is not None else 1)


def effective_weights(grid: Grid, scoring: list[Criterion], *,
                      ranking: bool = False) -> dict[str, float]:
    """eff_c = section weight x criterion weight / sum of criterion weights in the section.

    ``ranking``: the weights the ranking uses (``ranking_weight`` where given);
    thresholds and floors always use the plain ones.
    """
    ids = {c.id for c in scoring}
    out: dict[str, float] = {}
    for s in grid.sections:
        crits = [c for c in s.criteria if c.id in ids]
        total = sum(item_weight(c, ranking) for c in crits)
        sw = item_weight(s, ranking)
        for c in crits:
            out[c.id] = sw * item_weight(c, ranking) / total
    return out


def weight_shares(g: Grid) -> dict[str, float]:
    """Each counting criterion's share of a scored grid's total, from the weights the grid
    declares (its section's weight, split among the section's criteria by theirs): what
    the engine counts (:func:`effective_weights`), summing to 1.  An eliminatory criterion
    only gates: it has none."""
    eff = effective_weights(g, [c for c in g.criteria() if not c.eliminatory])
    total = sum(eff.values())
    return {cid: w / total for cid, w in eff.items()} if total > 0 else {}


def _criteria_ids(data: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {str(s.get("id")): [c.get("id") for c in s.get("criteria") or []
                               if isinstance(c, dict)]
            for s in data.get("sections") or [] if isinstance(s, dict)}


def weight_choices(parent: Mapping[str, Any], child: Mapping[str, Any]) -> frozenset[str]:
    """The weight paths that say how the weight of a section whose criteria ``child`` adds
    to or removes from is split: the section's weight and the weights of the criteria
    ``parent`` gives it.  Written by ``child``, even to the parent's value, they are its
    answer to ``share-changed`` (:func:`warn_share_changes`), never a line that changes
    nothing (``set-changes-nothing`` is not said of them)."""
    sections = _criteria_ids(parent)
    section_of = {str(c): sid for sid, ids in sections.items() for c in ids}
    touched = {str(item.get("section")) for item in child.get("add") or []
               if isinstance(item, dict) and isinstance(item.get("criterion"), dict)}
    touched |= {section_of[str(rid)] for rid in child.get("remove") or []
                if str(rid) in section_of}
    return frozenset(p for sid in touched if sid in sections
                     for p in (f"sections.{sid}.weight",
                               *(f"criteria.{c}.weight" for c in sections[sid])))


def stale_weight_entries(parent: Mapping[str, Any], out: Mapping[str, Any],
                         child: Mapping[str, Any]) -> list[str]:
    """The section weights' ``parameters`` entries that ``out`` (``parent`` once ``child``
    has removed, added and set) inherits for a section whose criteria ``child`` changed:
    written for the parent's section, their notes may count criteria or give shares that
    are no longer true.  The parent's own stale entries stay stale; an entry of the
    child's own (``child``'s ``parameters``) is never stale."""
    own = child.get("parameters") or {}
    entries = out.get("parameters") or {}
    before, after = _criteria_ids(parent), _criteria_ids(out)
    stale = set(parent.get(STALE_KEY) or ())
    stale |= {f"sections.{sid}.weight" for sid, ids in after.items()
              if sid in before and before[sid] != ids}
    return sorted(p for p in stale if p in entries and p not in own
                  and p.removeprefix("sections.").removesuffix(".weight") in after)


def _scored(data: Mapping[str, Any]) -> Grid | None:
    """``data`` as a scored grid; None when it is not one (or not a valid one yet: its
    errors are said elsewhere)."""
    if data.get("mode") != "scored":
        return None
    try:
        return Grid.model_validate({k: v for k, v in data.items() if not k.startswith("__")})
    except ValidationError:
        return None


def warn_share_changes(parent: Mapping[str, Any], out: Mapping[str, Any],
                       child: Mapping[str, Any], doc: Doc, diags: Collector) -> None:
    """Warn (``share-changed``) when criteria a grid or a call's changes (``child``) add
    to or remove from a section of the scored grid it extends change the share of the
    section's other inherited criteria in the total (:func:`weight_shares` before and
    after): the section's weight is now split among more or fewer criteria, while the
    other sections keep theirs.  Said at the first ``add`` into the section, else at the
    first criterion ``remove``d from it.  Not when ``child`` sets the section's weight or
    the weight of one of those criteria itself (it has chosen), nor when the section is
    the only one with rated criteria (every criterion then shares the one total, as in the
    parent: no section's weight can change that).  A whole section added or removed
    changes every section's share in proportion, and is not warned."""
    old, new = _scored(parent), _scored(out)
    if old is None or new is None:
        return
    sections = {s.id: s for s in old.sections}
    section_of = {c.id: s.id for s in old.sections for c in s.criteria}
    adds = [(("add", i, "section"), str(item.get("section")), str(item["criterion"].get("id")))
            for i, item in enumerate(child.get("add") or [])
            if isinstance(item, dict) and isinstance(item.get("criterion"), dict)]
    removes = [(("remove", i), section_of[str(rid)], str(rid))
               for i, rid in enumerate(child.get("remove") or []) if str(rid) in section_of]
    if not adds and not removes:
        return
    before, after = weight_shares(old), weight_shares(new)
    if sum(1 for s in new.sections if any(c.id in after for c in s.criteria)) < 2:
        return
    chosen = {str(k) for k in child.get("set") or {}}
    for sid in dict.fromkeys(sid for _, sid, _ in adds + removes):
        if sid not in sections:
            continue  # a section this grid adds itself
        inherited = [c.id for c in sections[sid].criteria if c.id in before and c.id in after]
        if f"sections.{sid}.weight" in chosen or any(f"criteria.{c}.weight" in chosen
                                                    for c in inherited):
            continue
        changed: list[tuple[str, float | None, float]] = [
            (c, before[c], after[c]) for c in inherited if abs(before[c] - after[c]) > 1e-9]
        if not changed:
            continue
        added = [(at, cid) for at, s, cid in adds if s == sid]
        removed = [(at, cid) for at, s, cid in removes if s == sid]
        _warn_section(sid, item_weight(sections[sid]), added, removed, changed, after, doc,
                      diags)


def _warn_section(sid: str, weight: float, added: list[tuple[tuple[Any, ...], str]],
                  removed: list[tuple[tuple[Any, ...], str]],
                  changed: list[tuple[str, float | None, float]], after: dict[str, float],
                  doc: Doc, diags: Collector) -> None:
    """The ``share-changed`` warning of one section (:func:`warn_share_changes`)."""
    said = {"section": sid, "weight": Numbers([weight]), "shares": ShareChanges(changed)}
    adds, removes = ", ".join(c for _, c in added), ", ".join(c for _, c in removed)
    new_shares = ShareChanges((c, None, after[c]) for _, c in added if c in after)
    if not added:
        diags.add("share-changed",
                  Message("removing {removed} from the section {section} (weight {weight}) "
                          "changes the share of its other criteria in the total: {shares}",
                          removed=removes, **said),
                  doc.key_loc(removed[0][0]), severity="warning",
                  hint=Message("The section's weight is now split among fewer criteria. If "
                               "that is not intended, set the section's weight (`set: "
                               "sections.{section}.weight: ...`) or the weights of the "
                               "criteria left.", section=sid))
        return
    message = (Message("adding {added} to the section {section} (weight {weight}) changes "
                       "the share of its criteria in the total: {shares}", added=adds, **said)
               if not removed else
               Message("removing {removed} from the section {section} (weight {weight}) and "
                       "adding {added} to it changes the share of its criteria in the total: "
                       "{shares}", removed=removes, added=adds, **said))
    diags.add("share-changed", message, doc.key_loc(added[0][0]), severity="warning",
              hint=Message("The section's weight is now split among more criteria. If "
                           "that is not intended, set the section's weight (`set: "
                           "sections.{section}.weight: ...`) or the criteria's weights; "
                           "the criteria added count for {added_shares}.",
                           section=sid, added_shares=new_shares)
              if not removed else
              Message("The section's weight is now split among other criteria. If that is "
                      "not intended, set the section's weight (`set: "
                      "sections.{section}.weight: ...`) or the criteria's weights; the "
                      "criteria added count for {added_shares}.",
                      section=sid, added_shares=new_shares))
