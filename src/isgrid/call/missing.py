"""What a ``ratings-missing`` warning asks of the secretariat, in its words.

* :func:`left_out_hint`: the hint under « j5 has not rated every criterion of 2 dossiers
  yet (ALS-3 missing): … », said by ``isgrid call check`` and ``isgrid sheets import``
  alike: what to fill (a level of the criterion's scale, or NE where the scale has it;
  an instructor's oui/non has no NE) and in what (their **workbook**, « classeur », as
  the French guide says, never « fiche »), then ``--replace``;
* :func:`nobody_rated`: before any juror's workbook came back (right after ``isgrid
  assign`` or ``isgrid sheets``), one line for the whole jury instead of one per juror;
* :func:`workspace_hint`: a juror who scores in the jury workspace (the call folder holds
  its database, :data:`WORKSPACE_DB`, or the workspace's record of where it is,
  :data:`WORKSPACE_RECORD`: a database on PostgreSQL) has no workbook: the hint says to wait for their
  submission or reopen their sheet in /admin (and only then, for a juror who does score in
  a workbook, to import it);
* :func:`warn_unrated`: the dossiers without any rating yet (``no-ratings``), one warning
  each while they are few (at most :data:`UNRATED_APART`), else one for them all (right
  after ``isgrid assign``, 300 dossiers made 300 lines before anything useful).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import Collector, Location, Message, Quote
from ..grid.model import Grid
from ..messages import Plural, shown_names
from .model import Dossier

#: At most this many dossiers without ratings: one ``no-ratings`` warning each; more: one
#: warning for them all, their count and the first :data:`UNRATED_NAMED` ids
UNRATED_APART = 10
UNRATED_NAMED = 5


def left_out_hint(grid: Grid, assessor: str, criteria: Iterable[str]) -> Message:
    """The hint of an assessor's ratings left out on ``criteria`` (ids of ``grid``)."""
    by_id = {c.id: c for c in grid.criteria()}
    scales = [grid.scales[by_id[c].scale] for c in criteria if c in by_id]
    if all(s.na for s in scales):
        return Message("Ask {assessor} for the ratings left out (a value, or NE where a "
                       "criterion does not apply), then import their workbook again with "
                       "--replace.", assessor=assessor)
    levels = {tuple(lv.label for lv in sorted(s.levels, key=lambda lv: lv.value))
              for s in scales}
    if len(levels) == 1:  # one scale: its levels named (« non » or « oui »)
        [names] = levels
        return Message("Ask {assessor} to fill these cells of their workbook with one of "
                       "{levels} (this scale has no NE), then import it again with "
                       "--replace.", assessor=assessor, levels=" / ".join(names))
    return Message("Ask {assessor} to fill these cells of their workbook with a level of "
                   "the criterion's scale (some have no NE), then import it again with "
                   "--replace.", assessor=assessor)


#: The jury workspace's own database in a call folder (``isgrid jury serve`` without
#: ``--db``): there, jurors score in their browser, not in a workbook.
WORKSPACE_DB = Path(".isgrid") / "jury.sqlite3"
#: Where every jury workspace records its database, SQLite or PostgreSQL (``--db``):
#: :func:`isgrid.workspace.purged.record_database`, the purge's
#: :data:`isgrid.call.purge_extra.RECORD` (the same path; a test keeps them one).
WORKSPACE_RECORD = Path(".isgrid") / "workspace.json"


def scored_online(folder: Path) -> bool:
    """The call folder holds the jury workspace's database, or its record of where its
    database is (a workspace on PostgreSQL keeps nothing else in the folder: review
    rev-dpo 11): jurors score there."""
    return (Path(folder) / WORKSPACE_DB).is_file() \
        or (Path(folder) / WORKSPACE_RECORD).is_file()


def workspace_hint(assessor: str) -> Message:
    """The hint of a juror's ratings missing while the jury scores in the workspace."""
    return Message("If {assessor} scores in the jury workspace (isgrid jury serve): wait for "
                   "their submission, or, if they have submitted, reopen their sheet from "
                   "the dashboard (/admin, « Rouvrir sa grille ») for them to complete it. If "
                   "they score in a workbook: import it once it comes back (isgrid sheets "
                   "import), with --replace to complete it.", assessor=assessor)


NOBODY_ONLINE_HINT = Message("The jurors score in the jury workspace (isgrid jury serve): "
                             "their ratings reach ratings/ as each submits their sheet; until "
                             "then you may ignore this warning.")


def nobody_rated(jurors: int) -> Message:
    """The one line said while no juror's workbook has come back."""
    return Plural("no juror has rated yet ({n} juror expected): no workbook has come back",
                  "no juror has rated yet ({n} jurors expected): no workbook has come back",
                  jurors)


NOBODY_HINT = Message("Send each juror their workbook (isgrid sheets), then import each one "
                      "as it comes back (isgrid sheets import); until then you may ignore "
                      "this warning.")


UNRATED_HINT = Message("Normal before the jurors return their workbooks: import each one as "
                       "it comes back (isgrid sheets import), then check again (isgrid call "
                       "check).")


def warn_unrated(diags: Collector, unrated: Sequence[Dossier]) -> None:
    """``no-ratings``: one warning per dossier of ``unrated`` (in the call's order) while
    they are at most :data:`UNRATED_APART`, else one for them all, at the first one's
    place, with their count and the first ids."""
    if len(unrated) <= UNRATED_APART:
        for d in unrated:
            diags.add("no-ratings", Message("the dossier {dossier} has no ratings yet",
                                            dossier=Quote(d.id)),
                      Location(d.file), severity="warning")
        return
    diags.add("no-ratings", Message(
        "{n} dossiers have no ratings yet: {ids}", n=len(unrated),
        ids=shown_names([d.id for d in unrated], UNRATED_NAMED)),
        Location(unrated[0].file), severity="warning", hint=UNRATED_HINT)
