"""Grid texts for test calls: the header, scales, sections and criteria that tests write.

A test that needs a small grid of its own builds its YAML text here instead of
writing it out inline, so the 0..4 scale, a yes/no scale or a one-criterion grid
is spelled once.  The text comes out as it would be written by hand: one flow
mapping per level and per criterion, keys in the usual order.  Pass it to
:func:`callfactory.make_call`::

    GRID = grid("un-critere", "Un critère", section("S", "Seul axe", criterion("C", "Critère")))
"""

from __future__ import annotations

from collections.abc import Sequence

#: The labels of the usual 0..4 scale, ``s04``.
S04_LABELS = ("Insuffisant", "Faible", "Moyen", "Bon", "Excellent")
#: The ``sources:`` lines of most test grids: one source, T.
SOURCES = "sources:\n  - {id: T, title: Test fixture}\n"


def scale(sid: str, *labels: str, start: int = 0, half_steps: bool = False,
          na: bool | None = None, present: int | None = None) -> str:
    """One entry under ``scales:``, levels ``start``, ``start + 1``... with these labels.

    ``na`` writes ``na: true`` or ``na: false`` (None: left to the default);
    ``present`` a profile scale's ``counts_as: {present: N}``.
    """
    lines = [f"  {sid}:", "    levels:"]
    lines += [f"      - {{value: {start + i}, label: {label}}}" for i, label in enumerate(labels)]
    if half_steps:
        lines.append("    half_steps: true")
    if na is not None:
        lines.append(f"    na: {'true' if na else 'false'}")
    if present is not None:
        lines.append(f"    counts_as: {{present: {present}}}")
    return "\n".join(lines) + "\n"


S04 = scale("s04", *S04_LABELS)
S04_HALF = scale("s04", *S04_LABELS, half_steps=True)
YESNO = scale("yesno", "non", "oui")
YESNO_NO_NA = scale("yesno", "non", "oui", na=False)
NPM = scale("npm", "non", "partiellement", "oui")


def criterion(cid: str, label: str, scale: str = "s04", dimension: str = "D1", *,
              weight: float | None = None, floor: float | None = None, core: bool = False,
              eliminatory: bool = False, rated_by: str | None = None,
              secondary_dimensions: Sequence[str] = (), question: str | None = None,
              provenance: str = "inferred", source: str | None = None,
              advice: str | None = None) -> str:
    """One criterion line of a section: ``      - {id: C, label: ..., provenance: ...}``.

    Keys left at their default are not written; ``provenance`` is the status
    (``source`` the source it cites); ``question`` and ``advice`` are quoted.
    """
    fields = [f"id: {cid}", f"label: {label}", f"scale: {scale}"]
    if weight is not None:
        fields.append(f"weight: {weight}")
    if floor is not None:
        fields.append(f"floor: {floor}")
    if core:
        fields.append("core: true")
    if eliminatory:
        fields.append("eliminatory: true")
    if rated_by is not None:
        fields.append(f"rated_by: {rated_by}")
    fields.append(f"dimension: {dimension}")
    if secondary_dimensions:
        fields.append(f"secondary_dimensions: [{', '.join(secondary_dimensions)}]")
    if question is not None:
        fields.append(f'question: "{question}"')
    status = f"status: {provenance}" + (f", source: {source}" if source else "")
    fields.append(f"provenance: {{{status}}}")
    if advice is not None:
        fields.append(f'advice: "{advice}"')
    return "      - {" + ", ".join(fields) + "}\n"


def section(sid: str, label: str, *criteria: str, weight: float | None = None) -> str:
    """One entry under ``sections:``, with these :func:`criterion` lines."""
    text = f"  - id: {sid}\n    label: {label}\n"
    if weight is not None:
        text += f"    weight: {weight}\n"
    return text + "    criteria:\n" + "".join(criteria)


def grid(gid: str, title: str, *sections: str, mode: str = "scored", head: str = "",
         scales: Sequence[str] = (S04,), facts: str = "", eligibility: str = "",
         parameters: Sequence[str] = ()) -> str:
    """A whole grid, version 1, with these :func:`section` entries.

    ``head`` is the top-level lines written between ``mode:`` and ``scales:``
    (sources, threshold, tie_breaks, counts_as...); ``scales`` the :func:`scale`
    entries; ``facts`` and ``eligibility`` the lines under those keys (left out
    when empty); ``parameters`` the parameters whose status is inferred.
    """
    text = f'id: {gid}\nversion: "1"\ntitle: {title}\nmode: {mode}\n{head}'
    text += "scales:\n" + "".join(scales)
    if facts:
        text += "facts:\n" + facts
    if eligibility:
        text += "eligibility:\n" + eligibility
    text += "sections:\n" + "".join(sections)
    if parameters:
        text += "parameters:\n" + "".join(f"  {p}: {{status: inferred}}\n" for p in parameters)
    return text


#: A scored grid with one criterion, C on s04 (total = 100 x C / 4).
ONE_CRITERION = grid("un-critere", "Un critère", section("S", "Seul axe", criterion("C", "Critère")))
