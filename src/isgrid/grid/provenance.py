"""Where a grid's numbers come from: a scored criterion's weight or floor, sourced or not.

The project's rule: never present what was reconstructed or inferred as sourced.  A
criterion's parameter (its share of the total, its floor) is made of its own value and,
for a weight, its section's, whose provenance the grid gives under ``parameters``
(``criteria.<id>.weight`` or ``criteria.*.weight``, ``sections.<id>.weight`` or
``sections.*.weight``; ``criteria.<id>.floor`` or ``criteria.*.floor``), and of the
criterion itself (a reconstructed criterion's weight or floor is no surer than the
criterion).
"""

from __future__ import annotations

from .model import Grid, ProvenanceStatus

#: From the surest to the least sure: the provenance of a number made of several is its
#: least sure part's.
CERTAINTY: tuple[ProvenanceStatus, ...] = ("sourced", "reconstructed", "inferred")


def least_sure(*statuses: ProvenanceStatus | None) -> ProvenanceStatus:
    """The least sure of ``statuses`` (None: nothing said, left out); « sourced » when
    none is given."""
    given = [s for s in statuses if s is not None]
    return max(given, key=CERTAINTY.index) if given else "sourced"


def parameter_provenance(g: Grid, name: str) -> dict[str, ProvenanceStatus]:
    """Each criterion's parameter ``name`` (``weight``: the plain weight, what the total
    counts; ``floor``) by criterion id: the least sure of its own provenance
    (``criteria.<id>.NAME``, else ``criteria.*.NAME``), its section's
    (``sections.<id>.NAME``, else ``sections.*.NAME``: a section's weight; nothing for a
    floor, which sections do not have) and the criterion's (:func:`least_sure`).  A path
    the grid gives no provenance for is left out (``isgrid grids check`` warns of a
    declared weight without one): a sourced criterion whose parameter has none is
    « sourced »."""
    params = g.parameters

    def said(kind: str, ident: str) -> ProvenanceStatus | None:
        p = params.get(f"{kind}.{ident}.{name}") or params.get(f"{kind}.*.{name}")
        return p.status if p is not None else None

    out: dict[str, ProvenanceStatus] = {}
    for s in g.sections:
        section = said("sections", s.id)
        for c in s.criteria:
            out[c.id] = least_sure(said("criteria", c.id), section, c.provenance.status)
    return out
