"""The roles the grid asks for, against the jury the call declares.

Who rates a criterion is the grid's rule (:attr:`isgrid.grid.model.Criterion.rater`): an
eliminatory criterion with ``rated_by: instructeur`` is rated by an instructor only, every
criterion that is not eliminatory by the jurors.  Loading refuses anyone else's value
(:func:`wrong_role`, :func:`wrong_roles`, called by :mod:`isgrid.call.ratings_reader`), as the
workbooks' import does: an instructor's score of a jury criterion would otherwise count
beside the jurors'.  A call that declares jurors and no instructor can never know its
dossiers' eligibility, every dossier stays « à vérifier » and nothing is ranked; one that
declares no juror has no score.  :func:`missing_roles` says so when the call is checked,
before the workbooks go out.

A call that declares no jury (no ``assessors:``, its raters known only from their ratings
files) is not checked: nobody's role is known there, and anyone's value of such a criterion
counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Collector, Location, Message
from ..grid.load import LoadedGrid
from ..grid.model import JURY_ROLE, Criterion
from ..io.yamlio import Doc
from ..messages import CatalogText, Plural
from .model import CallConfig


def role_text(role: str) -> CatalogText:
    """A role put into a :class:`~isgrid.messages.Message`, with its article in English:
    « an instructor », « a jury member »; « instructeur », « juré » in French (the common
    catalog's ``role.a.*``, the words :func:`isgrid.documents.text.role_word` reads).
    The English sentence said « i1 is a instructeur »: a French identifier, and its
    article wrong."""
    return CatalogText("common", f"role.a.{role}")


def role_name(role: str) -> CatalogText:
    """A role put into a :class:`~isgrid.messages.Message` without its article: « the
    role jury member », « instructor »; « juré », « instructeur » in French (the common
    catalog's ``role.*``, :func:`isgrid.documents.text.role_word`'s).  An English sentence
    said « the role juré », the option value as call.yaml spells it."""
    return CatalogText("common", f"role.{role}")


def missing_roles(folder: Path, config: CallConfig, doc: Doc, grid: LoadedGrid,
                  diags: Collector) -> None:
    """A warning (``role-missing``) per role that rates some of the grid's criteria
    (:attr:`~isgrid.grid.model.Criterion.rater`) and that no declared assessor has, at
    ``assessors:`` in call.yaml."""
    if config.assessors is None:
        return  # roles cannot be known
    have = {a.role for a in config.assessors}
    wanted: dict[str, list[str]] = {}
    for crit in grid.grid.criteria():
        if crit.rater is not None and crit.rater not in have:
            wanted.setdefault(crit.rater, []).append(crit.id)
    ids = {a.id for a in config.assessors}
    for role, criteria in wanted.items():
        letter = "i" if role == "instructeur" else "j"
        new_id = next(f"{letter}{n}" for n in range(1, len(ids) + 2)
                      if f"{letter}{n}" not in ids)
        diags.add("role-missing",
                  Plural("the grid's criterion {criteria} is rated by {role} and the call "
                         "declares none: its value stays unknown, and no dossier can be "
                         "ranked",
                         "the grid's criteria {criteria} are rated by {role} and the call "
                         "declares none: their values stay unknown, and no dossier can be "
                         "ranked",
                         len(criteria), criteria=", ".join(criteria), role=role_text(role)),
                  doc.loc(("assessors",)), severity="warning",
                  hint=Message("Declare one under `assessors:` in call.yaml ({{id: {id}, name: "
                               "…, role: {role}}}), then write their workbook: isgrid sheets "
                               "{folder} -o fiches/ --assessor {id}",
                               role=role, folder=str(folder), id=new_id))


def wrong_role(crit: Criterion, aid: str, role: str, diags: Collector,
               loc: Location) -> None:
    """``wrong-rater-role`` at ``loc`` (the value's cell): ``aid``, of ``role``, gave a
    value of ``crit``, which another role rates; the row is left out.  « B1 is rated by a
    jury member; i1 is an instructor », « B1 est noté par le rôle juré ; i1 est
    instructeur » (:func:`role_text`)."""
    diags.add("wrong-rater-role",
              Message("{criterion} is rated by {rated_by}; {assessor_ids} is {role}",
                      criterion=crit.id, rated_by=role_text(crit.rater or JURY_ROLE),
                      assessor_ids=aid, role=role_text(role)),
              loc, hint=None if crit.eliminatory else Message(
                  "The criteria that are not eliminatory are rated by {rated_by}: "
                  "{assessor}'s value would be counted beside the jurors'. Delete the row (a "
                  "juror's value is written under the juror's own id).",
                  rated_by=role_text(crit.rater or JURY_ROLE), assessor=aid))


def fact_rated(crit: Criterion, aid: str, diags: Collector, loc: Location) -> None:
    """``wrong-rater-role`` at ``loc``: ``aid`` gave a value of ``crit``, whose value is a
    dossier fact (``from_fact``) that nobody rates; the row is left out."""
    diags.add("wrong-rater-role",
              Message("{criterion} is not rated: its value is the dossier fact {fact}; "
                      "{assessor_ids} gave one", criterion=crit.id, fact=crit.from_fact,
                      assessor_ids=aid),
              loc, hint=Message("Delete the row: each dossier's {fact} is written with its "
                                "facts (dossiers.csv or its dossier file).",
                                fact=crit.from_fact))


def wrong_roles(crits: list[Criterion], roles: list[str], by: Any, of: Any, values: Any,
                na: Any) -> bool:
    """Does a row give a value (a number in ``values``, or an explicit n/a in ``na``) of a
    criterion its assessor's role does not rate?  ``by``: each row's assessor, as a
    position in ``roles`` (their roles); ``of``: each row's criterion, as a position in
    ``crits``.  Whole columns, not one lookup per row: the Arrow reader asks it of every
    block of a national call's millions of ratings (2 M rows of jurors and an instructor,
    each rating their own criteria: about 10 ms, one count of the pairs the rows hold)."""
    kinds = sorted(set(roles))
    wrong = np.array([[not c.rated_by_role(r) for c in crits] for r in kinds], dtype=bool)
    if not wrong.any():
        return False
    # which (assessor, criterion) pairs the block holds: one count over its rows, then
    # only a pair of a role that does not rate its criterion sends its rows to be checked
    n_c = len(crits)
    held = np.bincount(np.asarray(by, dtype=np.int64) * n_c + of,
                       minlength=len(roles) * n_c).reshape(len(roles), n_c) > 0
    bad = held & wrong[[kinds.index(r) for r in roles]]
    if not bad.any():
        return False
    return bool((bad[by, of] & (na | ~np.isnan(values))).any())
