"""The roles the grid asks for, against the jury the call declares.

An eliminatory criterion with ``rated_by: instructeur`` is rated by an instructor only
(:mod:`isgrid.call.ratings` refuses anyone else's value): a call that declares jurors and
no instructor can never know its dossiers' eligibility, every dossier stays « à
vérifier » and nothing is ranked.  :func:`missing_roles` says so when the call is checked,
before the jurors' workbooks go out.

A call that declares no jury (no ``assessors:``, its raters known only from their ratings
files) is not checked: nobody's role is known there, and anyone's value of such a criterion
counts.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Collector, Message
from ..grid.load import LoadedGrid
from ..io.yamlio import Doc
from ..messages import Plural
from .model import CallConfig


def missing_roles(folder: Path, config: CallConfig, doc: Doc, grid: LoadedGrid,
                  diags: Collector) -> None:
    """A warning (``role-missing``) per role that rates some of the grid's criteria
    (``rated_by``) and that no declared assessor has, at ``assessors:`` in call.yaml."""
    if config.assessors is None:
        return  # roles cannot be known
    have = {a.role for a in config.assessors}
    wanted: dict[str, list[str]] = {}
    for crit in grid.grid.criteria():
        if crit.eliminatory and crit.rated_by is not None and crit.rated_by not in have:
            wanted.setdefault(crit.rated_by, []).append(crit.id)
    ids = {a.id for a in config.assessors}
    for role, criteria in wanted.items():
        letter = "i" if role == "instructeur" else "j"
        new_id = next(f"{letter}{n}" for n in range(1, len(ids) + 2)
                      if f"{letter}{n}" not in ids)
        diags.add("role-missing",
                  Plural("the grid's criterion {criteria} is rated by the {role} and the call "
                         "declares none: its value stays unknown, and no dossier can be "
                         "ranked",
                         "the grid's criteria {criteria} are rated by the {role} and the call "
                         "declares none: their values stay unknown, and no dossier can be "
                         "ranked",
                         len(criteria), criteria=", ".join(criteria), role=role),
                  doc.loc(("assessors",)), severity="warning",
                  hint=Message("Declare one under `assessors:` in call.yaml ({{id: {id}, name: "
                               "…, role: {role}}}), then write their workbook: isgrid sheets "
                               "{folder} -o fiches/ --assessor {id}",
                               role=role, folder=str(folder), id=new_id))
