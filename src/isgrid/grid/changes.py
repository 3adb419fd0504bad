"""A child grid's changes applied to its parent's data: ``remove``, then ``add``, then
``set`` (so that ``set`` can change a criterion that ``add`` just added), the other keys
merged.  :mod:`isgrid.grid.load` calls it for a grid file's ``extends`` and for a call's
local changes.
"""

from __future__ import annotations

import copy
from typing import Any

from ..errors import Collector, Message, Quote
from ..io.yamlio import Doc
from .provenance import CHANGED_KEY, changed_paths, relabelled_paths
from .setpaths import apply_set, leaves_default, unchanged_writes
from .weights import STALE_KEY, stale_weight_entries, warn_share_changes

__all__ = ["NOTES_KEY", "apply_changes", "note_grids"]

#: The id of the grid that wrote each note of a resolved grid's data, in their order
#: (:meth:`isgrid.grid.model.Grid.note_grids`; not part of the grid, nor of its hash).
NOTES_KEY = "__note_grids__"


def note_grids(data: dict[str, Any]) -> list[str]:
    """The grid that wrote each note of ``data``: its own id for a note it carries alone."""
    notes = list(data.get("notes", []))
    said = list(data.get(NOTES_KEY) or [])
    return said if len(said) == len(notes) else [str(data.get("id"))] * len(notes)


def apply_changes(
    parent: dict[str, Any], child: dict[str, Any], doc: Doc, diags: Collector,
    warn_stale: bool = True,
) -> dict[str, Any] | None:
    out = copy.deepcopy(parent)
    out.pop("set", None)
    out.pop("add", None)
    out.pop("remove", None)
    out.pop(STALE_KEY, None)
    # a write that gives the parent's own value changes nothing, its provenance neither
    same = unchanged_writes(parent, child, doc, diags)
    # a call's parameters are not warned of (its `call.yaml` has no `parameters:`), its
    # labels are: `set: criteria.<id>.provenance` answers them
    out[CHANGED_KEY] = sorted(changed_paths(parent, child, doc if warn_stale else None, diags,
                                            same) | relabelled_paths(parent, child, doc, diags,
                                                                     same))
    errors_before = len(diags.errors)
    if child.get("mode") is not None and child["mode"] != parent.get("mode"):
        diags.add(
            "mode-mismatch",
            Message("the parent's mode is {value}; a child may not redeclare it",
                    value=parent.get('mode')),
            doc.loc(("mode",)),
            hint="Change the mode with `set: {mode: ...}`, which re-validates the whole grid.",
        )
    if child.get("sections"):
        diags.add(
            "schema-invalid",
            Message("a grid that extends another adds sections with `add:`, not `sections:`"),
            doc.loc(("sections",)),
        )
    for key in ("id", "version", "title", "description", "lang", "extends"):
        if key in child:
            out[key] = child[key]
    out.pop("description", None) if "description" not in child else None
    for key in ("aggregator", "counts_as", "total", "threshold", "tie_breaks",
                "source_criteria_count", "verdict"):
        if key in child and not ((key,) in same and leaves_default(out, key, child[key])):
            out[key] = child[key]
    out["sources"] = _merge_by_id(parent.get("sources", []), child.get("sources", []))
    out["notes"] = list(parent.get("notes", [])) + list(child.get("notes", []))
    out[NOTES_KEY] = note_grids(parent) + [str(child.get("id"))] * len(child.get("notes", []))
    out["eligibility"] = _merge_by_id(parent.get("eligibility", []), child.get("eligibility", []))
    for key in ("facts", "scales", "parameters"):
        merged = dict(parent.get(key, {}))
        merged.update(child.get(key, {}))
        out[key] = merged

    for i, rid in enumerate(child.get("remove") or []):
        removed = _remove(out, rid)
        if not removed:
            diags.add("unknown-target", Message("cannot remove {ident}: no such criterion, section "
                                                "or rule",
                                                ident=Quote(rid)),
                      doc.loc(("remove", i)))
            continue
        # The provenance of a removed item's parameters goes with it.
        gone = set(removed)

        def kept(k: str, gone: set[str] = gone) -> bool:
            return not (k.startswith(("criteria.", "sections."))
                        and k.split(".", 1)[1].rsplit(".", 1)[0] in gone)

        out["parameters"] = {k: v for k, v in out.get("parameters", {}).items() if kept(k)}
        out[CHANGED_KEY] = [k for k in out[CHANGED_KEY] if kept(k)]
    for i, item in enumerate(child.get("add") or []):
        _add(out, item, doc, ("add", i), diags)
    for key, value in (child.get("set") or {}).items():
        # a default written out changes nothing: the grid stays as the parent left it
        if ("set", key) in same and leaves_default(out, str(key), value):
            continue
        apply_set(out, str(key), value, doc, ("set", key), diags,
                  parent=str(parent.get("id")))
    if len(diags.errors) > errors_before:
        return None
    out[STALE_KEY] = stale_weight_entries(parent, out, child)
    # a grid file's `add` and `remove`, and a call's: the shares change alike
    warn_share_changes(parent, out, child, doc, diags)
    return out


def _merge_by_id(base: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = [dict(x) for x in base]
    index = {x.get("id"): i for i, x in enumerate(out)}
    for item in extra:
        if item.get("id") in index:
            out[index[item["id"]]] = dict(item)
        else:
            out.append(dict(item))
    return out


def _remove(data: dict[str, Any], rid: str) -> list[str]:
    """Remove a criterion, section or rule; return the ids that went (none: unknown)."""
    sections = data.get("sections", [])
    for i, s in enumerate(sections):
        if s.get("id") == rid:
            del sections[i]
            return [rid] + [c.get("id") for c in s.get("criteria", [])]
        for j, c in enumerate(s.get("criteria", [])):
            if c.get("id") == rid:
                del s["criteria"][j]
                return [rid]
    rules = data.get("eligibility", [])
    for i, r in enumerate(rules):
        if r.get("id") == rid:
            del rules[i]
            return [rid]
    return []


def _add(data: dict[str, Any], item: dict[str, Any], doc: Doc, at: tuple[Any, ...],
         diags: Collector) -> None:
    sections: list[dict[str, Any]] = data.setdefault("sections", [])
    after = item.get("after")
    if "criterion" in item:
        target = next((s for s in sections if s.get("id") == item["section"]), None)
        if target is None:
            diags.add("unknown-target", Message("no section {section} to add a criterion to",
                                                section=Quote(item['section'])),
                      doc.loc((*at, "section")))
            return
        crits: list[dict[str, Any]] = target.setdefault("criteria", [])
        pos = len(crits)
        if after is not None:
            idx = next((k for k, c in enumerate(crits) if c.get("id") == after), None)
            if idx is None:
                diags.add("unknown-target",
                          Message("no criterion {after} in section {section} to add after",
                                  after=Quote(after), section=Quote(item['section'])),
                          doc.loc((*at, "after")))
                return
            pos = idx + 1
        crits.insert(pos, copy.deepcopy(item["criterion"]))
        return
    section = copy.deepcopy(item["section"])
    pos = len(sections)
    if after is not None:
        idx = next((k for k, s in enumerate(sections) if s.get("id") == after), None)
        if idx is None:
            diags.add("unknown-target", Message("no section {after} to add after",
                                                after=Quote(after)),
                      doc.loc((*at, "after")))
            return
        pos = idx + 1
    sections.insert(pos, section)
