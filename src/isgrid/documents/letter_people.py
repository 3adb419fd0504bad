"""``letter-personal-data``: an applicant's letter (``isgrid report --kind feedback``)
that would quote a shared comment writing a juror's or a member's name, or another
applicant's contact (docs/personal-data.md: the letter is given to its applicant
« sans les noms des jurés ni les données des autres candidats »).

The comments are those the letters quote: marked shareable, not blank, on a criterion the
letter shows (every scored criterion, and an eliminatory one the dossier failed), a
recused assessor's left out (:func:`isgrid.documents.letters._shared`'s rule).  What is a
name or a contact is the purge's rule (:mod:`isgrid.call.purge_people`).  Said before the
letters are written, with the comment's file and line, never changed: the secretariat
edits the comment (or its share mark) or the letter.
"""

from __future__ import annotations

from ..call.model import Call
from ..call.purge_people import contact_values, jury_names
from ..engine import Result
from ..errors import Diagnostic, Location, Message, Quote


def letter_people_warnings(call: Call, result: Result, only: list[str] | None = None,
                           ) -> list[Diagnostic]:
    """A ``letter-personal-data`` warning for each name or other applicant's contact value a
    letter would quote in a shared comment."""
    table = call.table
    if not len(table):
        return []
    shareable = table.shareable
    if not any(shareable):
        return []
    names = jury_names(call.folder)
    out: list[Diagnostic] = []  # (first: the table's workbook that could not be read)
    values, owners = contact_values(call, out)
    wanted = set(only) if only is not None else None
    eliminatory = {c.id for c in call.grid.grid.criteria() if c.eliminatory}
    by_id = {d.id: d for d in result.dossiers}
    recused = {(cf.assessor, cf.dossier) for cf in call.config.conflicts}
    comments = table.comment
    for i, (shared, text) in enumerate(zip(shareable, comments, strict=True)):
        if not shared or not text.strip():
            continue
        did = table.dossier_ids[int(table.dossier[i])]
        cid = table.criterion_ids[int(table.criterion[i])]
        aid = table.assessor_ids[int(table.assessor[i])]
        d = by_id.get(did)
        if d is None or (wanted is not None and did not in wanted) or (aid, did) in recused:
            continue
        if cid in eliminatory and d.eligibility.get(cid) != "fail":
            continue  # (a passed eliminatory criterion's comment is not quoted)
        file, line = table.where(i)
        where = Location(str(call.folder / file) if not file.startswith("/") else file, line)
        for _, name in names.found(text):
            out.append(Diagnostic("letter-personal-data", Message(
                "the letter to {dossier} would quote this shared comment, which writes "
                "{value}, a name of the jury or of the séance", dossier=did,
                value=Quote(name)), where, severity="warning", hint=HINT))
        for _, value in values.found(text):
            others = sorted(owners.get(value, set()) - {did})
            if others:
                out.append(Diagnostic("letter-personal-data", Message(
                    "the letter to {dossier} would quote this shared comment, which writes "
                    "{value}, a contact of the applicant of {other}", dossier=did,
                    value=Quote(value), other=", ".join(others)), where, severity="warning",
                    hint=HINT))
    return out


HINT = Message("The letters quote shared comments as they are written: edit this comment, or "
               "remove its shareable mark, before writing the letters; or edit the letter "
               "before sending it (docs/personal-data.md).")
