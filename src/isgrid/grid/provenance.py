"""Where a grid's numbers come from: a scored criterion's weight or floor, sourced or not.

The project's rule: never present what was reconstructed or inferred as sourced.  A
criterion's parameter (its share of the total, its floor) is made of its own value and,
for a weight, its section's, whose provenance the grid gives under ``parameters``
(``criteria.<id>.weight`` or ``criteria.*.weight``, ``sections.<id>.weight`` or
``sections.*.weight``; ``criteria.<id>.floor`` or ``criteria.*.floor``), and of the
criterion itself (a reconstructed criterion's weight or floor is no surer than the
criterion).

What nobody gave a provenance for is never « sourced »: a weight or a floor the grid
declares without an entry under ``parameters`` (``isgrid grids check`` warns:
``missing-provenance``), or a parameter a ``set`` changed (in a grid that extends another,
or in a call's ``call.yaml``) without an entry of its own (the entry it inherits describes
the old value: ``stale-provenance``), is « inferred », as the grid language defines it:
a choice of the grid's author or of the call, with no source behind it
(:data:`UNSAID`, :func:`parameter_status`).  A ``set`` that writes the parent's own value
(or the default of a field the parent leaves unwritten) changes nothing: the parameter keeps the parent's provenance (``set-changes-nothing`` warns
of the useless line).

:func:`provenance_summary` counts a grid's criteria and parameters by status, for those
who show it (the grid's views and exports, the self-assessment, the committee report).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..errors import Collector, Message
from ..io.yamlio import Doc
from .model import Criterion, Grid, Provenance, ProvenanceStatus

#: From the surest to the least sure: the provenance of a number made of several is its
#: least sure part's.
CERTAINTY: tuple[ProvenanceStatus, ...] = ("sourced", "reconstructed", "inferred")


def least_sure(*statuses: ProvenanceStatus | None) -> ProvenanceStatus:
    """The least sure of ``statuses`` (None: nothing said, left out); « sourced » when
    none is given."""
    given = [s for s in statuses if s is not None]
    return max(given, key=CERTAINTY.index) if given else "sourced"


#: Where a grid's data carries, while its ``extends`` chain is resolved and until it is
#: validated, the paths of :meth:`Grid.changed_without_provenance`.
CHANGED_KEY = "__changed_without_provenance__"

#: The provenance of a parameter nobody gave one for, or that a ``set`` changed without
#: giving it one: a choice with no source behind it, never « sourced ».
UNSAID: ProvenanceStatus = "inferred"

#: The fields of a criterion and of a section that are parameters.
_FIELDS = {"criteria": ("weight", "ranking_weight", "floor"),
           "sections": ("weight", "ranking_weight")}
#: The fields of a scale whose change changes its numbers (``scales.<id>``); allowing half
#: steps or n/a changes how jurors may rate, not the levels the entry describes.
_SCALE_FIELDS = ("levels", "counts_as")


def label_path(cid: str) -> str:
    """Where a criterion's label a ``set`` rewrote, in the grid's own language, without
    giving the criterion a provenance of its own, is carried with
    :meth:`Grid.changed_without_provenance` (``criteria.<id>.label``): the criterion's
    provenance describes the words it had, not the new ones."""
    return f"criteria.{cid}.label"


def is_label_path(path: str) -> bool:
    return path.startswith("criteria.") and path.endswith(".label")


def criterion_status(g: Grid, c: Criterion) -> ProvenanceStatus:
    """The status criterion ``c`` of ``g`` is shown and counted with: :func:`shown_status`
    of its provenance, but :data:`UNSAID` when a ``set`` (of ``g``, of a grid it extends
    or of its call) rewrote its label in the same language without giving it a
    provenance of its own (:func:`label_path`): the source quoted the old words."""
    if label_path(c.id) in g.changed_without_provenance():
        return UNSAID
    return shown_status(c.provenance)


def criterion_mark(g: Grid, c: Criterion, lang: str = "fr") -> str | None:
    """The word said beside a criterion's label wherever isgrid shows it, as ``grids show``
    says it: « reconstitué » / « inféré » ("reconstructed" / "inferred") when its wording
    is not the source's (:func:`criterion_status`), None when sourced.  The committee
    report, the fiches and the jurors' workbook read it here (the letters do not carry it:
    docs/reports.md, « Where the provenance mark is shown »)."""
    from ..i18n import translator

    status = criterion_status(g, c)
    if status == "sourced":
        return None
    return translator("common", "en" if lang == "en" else "fr")(f"provenance.{status}")


def shown_status(p: Provenance) -> ProvenanceStatus:
    """The status a provenance is shown and counted with: its own, except « sourced »
    without a ``source``, which nobody can check and is shown :data:`UNSAID` (``isgrid
    grids check`` warns: ``sourced-without-source``).  Every view and count of a
    criterion's or a parameter's status reads it here."""
    if p.status == "sourced" and not (p.source or "").strip():
        return UNSAID
    return p.status


#: The top-level keys that are parameters by themselves, whole: written or ``set``, they
#: change the numbers (a threshold, a verdict rule, an aggregator, the tie-breaks).
_WHOLE = ("threshold", "verdict", "aggregator", "tie_breaks")


def parameter_paths(key: str) -> tuple[str, ...]:
    """The parameter paths that writing ``key`` changes (a ``set`` path, or a top-level
    key a grid extending another writes): ``threshold``, ``verdict``, ``aggregator``,
    ``tie_breaks``; ``total`` and
    ``total.out_of`` -> ``total.out_of``; ``counts_as`` and ``counts_as.<field>`` ->
    ``counts_as``; ``criteria.<id>.weight``, ``ranking_weight``, ``floor``;
    ``sections.<id>.weight``, ``ranking_weight``; ``scales.<id>`` (the whole scale, its
    levels or its ``counts_as``).  Nothing for what is not a number (a label, a
    provenance, half steps or n/a allowed)."""
    parts = key.split(".")
    head = parts[0]
    if key in _WHOLE:
        return (key,)
    if head in ("total", "counts_as") and len(parts) <= 2:
        return ("total.out_of",) if head == "total" else ("counts_as",)
    if head in _FIELDS and len(parts) >= 3:
        return (key,) if parts[-1] in _FIELDS[head] else ()
    if head == "scales" and len(parts) >= 2:
        if parts[-1] in _SCALE_FIELDS and len(parts) >= 3:
            return ("scales." + ".".join(parts[1:-1]),)
        if parts[-1] in ("label", "description", "provenance", "half_steps", "na") \
                and len(parts) >= 3:
            return ()
        return ("scales." + ".".join(parts[1:]),)
    return ()


def covering(path: str) -> tuple[str, ...]:
    """The ``parameters`` entries that give ``path`` its provenance, the surest first: the
    path itself, then its wildcard (``criteria.*.floor``) or ``total`` for
    ``total.out_of``."""
    parts = path.split(".")
    if parts[0] in _FIELDS and len(parts) >= 3:
        return (path, f"{parts[0]}.*.{parts[-1]}")
    if path == "total.out_of":
        return (path, "total")
    return (path,)


def covered(path: str, entries: Collection[str]) -> bool:
    """Whether ``entries`` (keys of ``parameters``) give ``path`` a provenance."""
    return any(k in entries for k in covering(path))


def parameters_changed(g: Grid) -> frozenset[str]:
    """The parameter paths of :meth:`Grid.changed_without_provenance` (not the labels a
    ``set`` rewrote: :func:`label_path`)."""
    return frozenset(p for p in g.changed_without_provenance() if not is_label_path(p))


def relabelled(g: Grid) -> list[str]:
    """The ids of the criteria whose label a ``set`` rewrote in the grid's own language
    without giving them a provenance of their own (:func:`criterion_status`)."""
    return sorted(p[len("criteria."):-len(".label")] for p in g.changed_without_provenance()
                  if is_label_path(p))


def parameter_status(g: Grid, path: str) -> ProvenanceStatus | None:
    """What the grid says of the parameter ``path``: :data:`UNSAID` when a ``set`` changed
    it without an entry of its own (the entry it inherits describes the old value), else
    its entry's status (the path's, else its wildcard's); None when nothing is said."""
    if path in g.changed_without_provenance():
        return UNSAID
    for key in covering(path):
        if key in g.parameters:
            return shown_status(g.parameters[key])
    return None


def declared_status(g: Grid, path: str, value: Any) -> ProvenanceStatus | None:
    """:func:`parameter_status` of a parameter whose value is ``value``: :data:`UNSAID`
    when the grid writes it (not None) with nothing said of it; None when it is not
    written and nothing is said (a weight of 1 by default)."""
    status = parameter_status(g, path)
    if status is None and value is not None:
        return UNSAID
    return status


def unsaid_parameters(g: Grid) -> list[str]:
    """The numeric parameters of a scored grid that are written with no entry under
    ``parameters`` that :func:`covered` finds (``isgrid grids check`` warns:
    ``missing-provenance``)."""
    if g.resolved_mode() != "scored":
        return []
    written: list[tuple[str, Any]] = [("threshold", g.threshold), ("total.out_of", g.total)]
    for s in g.sections:
        written += [(f"sections.{s.id}.{f}", getattr(s, f)) for f in _FIELDS["sections"]]
        for c in s.criteria:
            written += [(f"criteria.{c.id}.{f}", getattr(c, f)) for f in _FIELDS["criteria"]]
    return [path for path, value in written
            if value is not None and not covered(path, g.parameters)]


def parameter_provenance(g: Grid, name: str) -> dict[str, ProvenanceStatus]:
    """Each criterion's parameter ``name`` (``weight``: the plain weight, what the total
    counts; ``floor``) by criterion id: the least sure of its own provenance
    (:func:`parameter_status` of ``criteria.<id>.NAME``), its section's
    (``sections.<id>.NAME``: a section's weight; nothing for a floor, which sections do
    not have) and the criterion's (:func:`least_sure`).  A weight or a floor the grid
    declares with no provenance is :data:`UNSAID` (``isgrid grids check`` warns of it);
    one it does not declare (a weight of 1 by default) is left out, and follows the
    criterion."""

    def said(item: Any, kind: str, ident: str) -> ProvenanceStatus | None:
        return declared_status(g, f"{kind}.{ident}.{name}", getattr(item, name, None))

    out: dict[str, ProvenanceStatus] = {}
    for s in g.sections:
        section = said(s, "sections", s.id) if name in _FIELDS["sections"] else None
        for c in s.criteria:
            out[c.id] = least_sure(said(c, "criteria", c.id), section,
                                   criterion_status(g, c))
    return out


def written_paths(child: Mapping[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """What a grid extending another (or a call's changes) writes that may be a parameter,
    with where in its file: its top-level ``threshold``, ``total``, ``counts_as``,
    ``verdict``, ``aggregator`` and ``tie_breaks``, its ``set`` paths, and the weights and floors of what it ``add``s."""
    out: list[tuple[str, tuple[Any, ...]]] = [
        (k, (k,)) for k in ("counts_as", "total", *_WHOLE) if k in child]
    out += [(str(k), ("set", k)) for k in child.get("set") or {}]
    for i, item in enumerate(child.get("add") or []):
        if not isinstance(item, dict):
            continue
        crit, sect = item.get("criterion"), item.get("section")
        found: list[tuple[str, dict[str, Any], tuple[Any, ...]]] = []
        if isinstance(crit, dict):
            found.append(("criteria", crit, ("add", i, "criterion")))
        elif isinstance(sect, dict):
            found.append(("sections", sect, ("add", i, "section")))
            found += [("criteria", c, ("add", i, "section", "criteria", j))
                      for j, c in enumerate(sect.get("criteria") or []) if isinstance(c, dict)]
        out += [(f"{kind}.{d.get('id')}.{f}", (*at, f))
                for kind, d, at in found for f in _FIELDS[kind] if f in d]
    return out


def _criterion(data: Mapping[str, Any], cid: str) -> Mapping[str, Any] | None:
    for s in data.get("sections") or []:
        for c in s.get("criteria") or []:
            if isinstance(c, dict) and c.get("id") == cid:
                return c
    return None


def _own_provenance(child: Mapping[str, Any], cid: str) -> bool:
    """Whether ``child`` gives criterion ``cid`` a provenance of its own: a ``set`` of its
    ``provenance``, or the criterion is one it ``add``s."""
    sets = child.get("set") or {}
    if f"criteria.{cid}.provenance" in sets:
        return True
    for item in child.get("add") or []:
        if not isinstance(item, dict):
            continue
        crit, sect = item.get("criterion"), item.get("section")
        crits = [crit] if isinstance(crit, dict) else (
            (sect.get("criteria") or []) if isinstance(sect, dict) else [])
        if any(isinstance(c, dict) and c.get("id") == cid for c in crits):
            return True
    return False


def relabelled_paths(parent: Mapping[str, Any], child: Mapping[str, Any], doc: Doc | None,
                     diags: Collector, same: Collection[tuple[Any, ...]] = ()) -> set[str]:
    """The criteria labels (:func:`label_path`) left without a provenance of their own once
    ``child`` has written what it writes: the parent's, less those ``child`` gives a
    provenance (:func:`_own_provenance`), and each ``set: criteria.<id>.label`` that
    rewrites, in the parent's language, the label of a criterion the parent does not
    already show as inferred.  A translation (``child``'s ``lang`` is another) is not a
    rewrite.  Each rewrite is warned (``stale-provenance``, at its key in ``doc``; a
    call's too: it answers it with ``set: criteria.<id>.provenance``)."""
    out = {p for p in parent.get(CHANGED_KEY) or () if is_label_path(p)
           and not _own_provenance(child, p[len("criteria."):-len(".label")])}
    if (child.get("lang") or parent.get("lang") or "fr") != (parent.get("lang") or "fr"):
        return out  # a translation: the words are the source's, in another language
    for key in child.get("set") or {}:
        parts = str(key).split(".")
        if len(parts) < 3 or parts[0] != "criteria" or parts[-1] != "label" \
                or ("set", key) in same:
            continue
        cid = ".".join(parts[1:-1])
        before = _criterion(parent, cid)
        if before is None or _own_provenance(child, cid):
            continue
        prov = before.get("provenance") or {}
        if (isinstance(prov, dict) and prov.get("status") == UNSAID) or label_path(cid) in out:
            continue
        out.add(label_path(cid))
        if doc is not None:
            diags.add("stale-provenance",
                      Message("the label of {criterion} is rewritten here but the criterion "
                              "keeps the provenance the grid {parent} gives it, which "
                              "describes the label it had there", criterion=cid,
                              parent=str(parent.get("id"))),
                      doc.key_loc(("set", key)), severity="warning",
                      hint=Message("Give the criterion a provenance of its own "
                                   "(criteria.{criterion}.provenance: {{status: ..., source: "
                                   "...}} under `set:`); until then it is shown as inferred. "
                                   "A translation is a grid with another `lang:`.",
                                   criterion=cid))
    return out


def changed_paths(parent: Mapping[str, Any], child: Mapping[str, Any], doc: Doc | None,
                  diags: Collector, same: Collection[tuple[Any, ...]] = ()) -> frozenset[str]:
    """The parameter paths left without a provenance of their own once ``child`` (a grid
    extending ``parent``, or a call's changes: ``doc`` None, nothing to warn of) has
    written what it writes (:func:`written_paths`, less the writes ``same`` that give the
    parent's own value and so change nothing): the parent's
    (:meth:`Grid.changed_without_provenance`, carried under :data:`CHANGED_KEY`) and the
    child's, less those the child's own ``parameters`` cover.  A grid file that writes a
    parameter the parent gives a provenance for, without one of its own, is warned
    (``stale-provenance``, at the key it writes)."""
    own = child.get("parameters") or {}
    inherited = parent.get("parameters") or {}
    out = {p for p in parent.get(CHANGED_KEY) or ()
           if not is_label_path(p) and not covered(p, own)}
    for key, at in written_paths(child):
        if at in same:
            continue
        for path in parameter_paths(key):
            if covered(path, own):
                continue
            out.add(path)
            entry = next((k for k in covering(path) if k in inherited), None)
            if doc is not None and entry is not None:
                diags.add("stale-provenance",
                          Message("the parameter {path} is changed here but keeps the "
                                  "provenance of the parent grid's entry {entry}, which "
                                  "describes the parent's value", path=path, entry=entry),
                          doc.key_loc(at), severity="warning",
                          hint=Message("Give it its own entry under `parameters:` ({path}: "
                                       "{{status: ..., source: ...}}); until then it is "
                                       "shown as inferred.", path=path))
    return frozenset(out)


def check_sourced_sources(doc: Doc, diags: Collector, roots: tuple[str, ...] = ()) -> None:
    """Warn of every provenance ``doc`` writes as ``sourced`` without a ``source`` (a
    criterion's, an eligibility rule's, a scale's, a parameter's, what ``add`` and ``set``
    bring; only under the top-level keys ``roots`` when given): a source nobody names
    cannot be checked, and the project never presents an invention as sourced."""

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        items = (node.items() if isinstance(node, dict)
                 else enumerate(node) if isinstance(node, list) else ())
        for key, value in items:
            at = (*path, key)
            is_provenance = (key == "provenance" or str(key).endswith(".provenance")
                             or path == ("parameters",))
            if is_provenance and isinstance(value, dict):
                if value.get("status") == "sourced" and not str(value.get("source") or "").strip():
                    # what it is the provenance of: a parameter's path, a criterion's or a
                    # rule's id, a scale's name, a `set` path
                    what = (key if path == ("parameters",)
                            else str(key).removesuffix(".provenance") if key != "provenance"
                            else node.get("id") or path[-1])
                    diags.add("sourced-without-source",
                              Message("the provenance of {what} is marked sourced but names "
                                      "no source", what=what),
                              doc.key_loc(at), severity="warning",
                              hint="Say which document (and page) under `source:`, e.g. "
                                   "`source: S1, p. 3` with S1 among the grid's `sources:`; "
                                   "if no document says it, it is `reconstructed` or "
                                   "`inferred`.")
                continue
            walk(value, at)

    data = doc.data if isinstance(doc.data, dict) else {}
    if roots:
        for root in roots:
            if root in data:
                walk(data[root], (root,))
    else:
        walk(data, ())


def provenance_summary(grid: Grid) -> dict[str, Any]:
    """How many criteria and parameters are sourced, reconstructed, inferred."""
    crit: dict[str, int] = {"sourced": 0, "reconstructed": 0, "inferred": 0}
    for c in grid.criteria():
        crit[criterion_status(grid, c)] += 1  # « sourced » with no source: inferred
    params: dict[str, int] = {"sourced": 0, "reconstructed": 0, "inferred": 0}
    # a parameter a `set` changed without provenance of its own counts as inferred
    for key in sorted(set(grid.parameters) | parameters_changed(grid)):
        status = parameter_status(grid, key)
        if status is not None:
            params[status] += 1
    total = sum(crit.values())
    return {
        "criteria": crit,
        "criteria_total": total,
        "criteria_share": {k: (v / total if total else 0.0) for k, v in crit.items()},
        "parameters": params,
        "source_criteria_count": grid.source_criteria_count,
    }


def weakly_sourced(counts: Mapping[str, int]) -> str | None:
    """Whether a grid's criteria (its :func:`provenance_summary` counts) are too little
    sourced for what it asks to be taken as known: ``"inferred"`` when every criterion is
    isgrid's inference (Rally'nov), ``"mostly"`` when fewer than half are sourced (Avise
    0 of 20, Alter'Incub 3 of 15), None otherwise.  compare flags such a grid in its
    summary, coverage table and CSV (review 19, finding 4): one rule, here."""
    total = sum(counts.values())
    if not total or 2 * counts.get("sourced", 0) >= total:
        return None
    return "inferred" if counts.get("inferred", 0) == total else "mostly"
