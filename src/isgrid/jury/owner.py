"""Whose workbook it is: the juror its hidden ``_isgrid`` sheet names, held against the
dossiers it was written with (review s16 hostile, finding 3).

The ``_isgrid`` sheet is very hidden in an .xlsx, only hidden in an .ods, and protected by
no password: a juror who shows it (Calc's « Afficher la feuille ») and types j2 over j1
would import j1's ratings as j2's, the dossiers the workbook records (``dossiers:1``…)
vouching for rows j2 was never given (a recusal of j2's among them, imported as « a recusal
declared since »).  So ``isgrid sheets`` writes a ``seal_sha256`` beside them: the sha256 of
the juror's id and the dossiers' ids in the order written (:func:`seal`).  At the import:

* a workbook whose seal is its juror's and its dossiers' is read as before (the rules of
  :mod:`.lists`: a dossier taken from the juror, or a recusal declared, since it was sent);
* a seal that is not (the juror's id, or the list, changed by hand) is refused
  (``sheet-assessor-changed``), naming the juror it was written for when one of the call's
  matches: « le classeur a été écrit pour j1, pas pour j2 »;
* a workbook written since the seal says so (``format: isgrid-sheets/2``): one without
  its seal had it deleted by hand (the row cleared to take it for an older workbook,
  review s17 hostile, finding 2) and is refused (``sheet-assessor-changed``) as well;
* a workbook written before the seal (December 2026, ``format: isgrid-sheets/1``) records
  its dossiers without it:
  once read, they are held against the dossiers isgrid would write for the juror it names
  now (:func:`.common.dossiers_of`, the rule of ``isgrid sheets``): a dossier it gives
  something on that the juror was not given (a recusal, or not among theirs), or one it
  lacks that they were, is warned, both named (``sheet-assessor-unsure``: « le classeur
  contient AL16-01, que j2 n'a pas reçu (déport) : a-t-il été écrit pour un autre juré ? »,
  :func:`check_unsealed`).  A warning, not a refusal: such a workbook's list alone cannot
  tell a juror's id typed over from the juror's dossiers changed since it was sent (a
  recusal declared after sending, the Alsace example's j2 and AL16-01), and the workbooks
  already in jurors' hands are all unsealed; the import goes on under the rules of
  :mod:`.lists`, and a file it replaces is kept (``ratings/replaced/``).

It prevents a juror's id changed by hand, not a forger: the seal is no secret (anyone who
reads this can compute it), a juror who also types ``isgrid-sheets/1`` over the format gives
an older workbook (the warning, or nothing when both jurors have the same dossiers), and a
juror who types their ratings into another juror's workbook of the same dossiers gives a
workbook nothing tells apart.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..call.model import Call
from ..errors import Collector, Location, Message
from ..messages import shown_names
from .common import FORMAT_BEFORE_SEAL, META_IDS, META_SHEET
from .lists import JurorLists
from .sheetreader import JurorSheet

#: The key of the seal in the _isgrid sheet
SEAL_KEY = "seal_sha256"


def seal(aid: str, ids: list[str]) -> str:
    """The seal of a workbook written for ``aid`` with the dossiers ``ids`` (in order)."""
    text = "\x1f".join(["isgrid-sheets-seal/1", aid, *ids])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal_rows(aid: str, ids: list[str]) -> list[tuple[str, str]]:
    """The _isgrid row of the seal."""
    return [(SEAL_KEY, seal(aid, ids))]


def written_ids(meta: dict[str, str]) -> list[str]:
    """The dossiers' ids the _isgrid sheet records, in the order written (``dossiers:1``,
    ``dossiers:2``…, whatever the order of its rows)."""
    cells = sorted(((k.removeprefix(META_IDS), v) for k, v in meta.items()
                    if k.startswith(META_IDS)),
                   key=lambda kv: (not kv[0].isdigit(), int(kv[0]) if kv[0].isdigit() else 0))
    return [did for _, v in cells for did in v.split()]


def check_owner(call: Call, meta: dict[str, str], aid: str, sent: frozenset[str] | None,
                lists: JurorLists, file: str, diags: Collector) -> bool:
    """Was the workbook ``file`` (its _isgrid sheet ``meta``, naming ``aid``, recording the
    dossiers ``sent``) written for ``aid``?  If not, say so (``sheet-assessor-changed``)."""
    ids = written_ids(meta)
    loc = Location(file, sheet=META_SHEET, cell="B3")
    recorded = meta.get(SEAL_KEY, "").strip()
    if not recorded and sealed_era(meta):  # the seal's row deleted: as a seal of no juror's
        diags.add("sheet-assessor-changed", Message(
            "the _isgrid sheet of the workbook was changed since isgrid wrote it: its seal "
            "(seal_sha256) was deleted"), loc,
            hint=Message("Import the workbook as it was sent; or send {assessor} a new "
                         "one (isgrid sheets --assessor {assessor}), which keeps what "
                         "they already gave.", assessor=aid))
        return False
    if recorded:
        if recorded == seal(aid, ids):
            return True
        owner = next((other for other in call.assessors
                      if other != aid and seal(other, ids) == recorded), None)
        if owner is not None:
            diags.add("sheet-assessor-changed", Message(
                "the workbook was written for {owner}, not {assessor}: the juror of its "
                "_isgrid sheet was changed", owner=owner, assessor=aid), loc,
                hint=Message("Import the workbook as it was sent, for {owner}. If {assessor} "
                             "filled it in, copy their ratings into their own workbook "
                             "(isgrid sheets --assessor {assessor}).", owner=owner,
                             assessor=aid))
        else:
            diags.add("sheet-assessor-changed", Message(
                "the _isgrid sheet of the workbook was changed since isgrid wrote it for "
                "{assessor} (its juror or its dossiers)", assessor=aid), loc,
                hint=Message("Import the workbook as it was sent; or send {assessor} a new "
                             "one (isgrid sheets --assessor {assessor}), which keeps what "
                             "they already gave.", assessor=aid))
        return False
    # an older workbook: held against the juror's dossiers once read (check_unsealed), or,
    # recording none (sent is None), row by row (.lists)
    return True


def sealed_era(meta: dict[str, str]) -> bool:
    """Was the workbook written since the seal?  Every workbook before it says
    ``isgrid-sheets/1``; any other format (``/2`` and later) was written sealed."""
    return meta.get("format", "").strip() != FORMAT_BEFORE_SEAL


def check_unsealed(meta: dict[str, str], sheet: JurorSheet, lists: JurorLists,
                   diags: Collector) -> None:
    """A workbook without a seal (written before December 2026) that records its dossiers,
    once read into ``sheet``: a dossier it gives something on (a rating, a comment, an
    opinion) that its juror was not given, or one their dossiers hold now that it was not
    written with, is warned (``sheet-assessor-unsure``), naming both.  Its dossiers alone
    cannot tell a juror's id changed from the juror's dossiers changed since it was sent
    (module docstring): the warning asks, the import goes on."""
    sent, aid = sheet.sent, sheet.assessor
    if sent is None or meta.get(SEAL_KEY, "").strip():
        return
    now = lists.current(aid)
    given = set(now)
    filled = {did for did, _ in sheet.ratings} | set(sheet.opinions) \
        | {did for did, _ in sheet.shared}
    extra = [did for did in lists.titles() if did in filled and did not in given]
    missing = [did for did in now if did not in sent]
    if not extra and not missing:
        return
    recused = [did for did in extra if lists.deports.covers(aid, did)]
    if recused:
        message = Message("the workbook holds {dossiers}, which {assessor} was not given "
                          "(recusal): was it written for another juror?",
                          dossiers=shown_names(recused), assessor=aid)
    elif extra:
        message = Message("the workbook holds {dossiers}, which {assessor} was not given "
                          "(not among their dossiers): was it written for another juror?",
                          dossiers=shown_names(extra), assessor=aid)
    else:
        message = Message("the workbook lacks {dossiers}, which {assessor} was given: was it "
                          "written for another juror?", dossiers=shown_names(missing),
                          assessor=aid)
    # whose dossiers these are, if exactly one other juror's are them
    owners = [other for other in lists.call.assessors
              if other != aid and set(lists.current(other)) == sent]
    if len(owners) == 1:
        hint = Message("Its dossiers are {owner}'s: if it is {owner}'s workbook, import it "
                       "again as it was sent, for {owner} (the file this import replaced is "
                       "kept in ratings/replaced/). A workbook isgrid writes now records "
                       "whose it is.", owner=owners[0])
    else:
        hint = Message("Nothing to do if {assessor}'s dossiers changed since the workbook was "
                       "sent (a recusal declared, a dossier given or taken). If it is another "
                       "juror's workbook, import it again as it was sent, for that juror (the "
                       "file this import replaced is kept in ratings/replaced/). A workbook "
                       "isgrid writes now records whose it is.", assessor=aid)
    diags.add("sheet-assessor-unsure", message,
              Location(sheet.file, sheet=META_SHEET, cell="B3"), severity="warning", hint=hint)


def named_for(call: Call, path: Path) -> list[str]:
    """The call's assessors the name of the file ``path`` names: an id standing apart in
    its stem, any case (``j5.xlsx``, ``retour-J5.xlsx``, ``j5 corrigé.ods``; not ``j50``)."""
    stem = path.stem.casefold()
    return [aid for aid in call.assessors if re.search(
        rf"(?<![0-9a-z]){re.escape(aid.casefold())}(?![0-9a-z])", stem)]


def check_file_name(call: Call, path: Path, aid: str, diags: Collector) -> None:
    """A workbook whose file name names another of the call's assessors, and not its own
    (``w/j5.xlsx`` holding j2's sealed workbook), is said (``sheet-file-named-other``): the
    import goes on under the workbook's own juror, whose it is, but the secretariat waiting
    for j5's workbook would read « inchangé : ratings/j2.csv » and file j5 as done."""
    named = named_for(call, path)
    if not named or aid in named:
        return
    who = call.assessors.get(aid)
    name = who.name if who is not None and who.name else None
    message = (Message("{file} is the workbook of {assessor} ({name}), not that of {named}",
                       file=str(path), assessor=aid, name=name, named=named[0]) if name else
               Message("{file} is the workbook of {assessor}, not that of {named}",
                       file=str(path), assessor=aid, named=named[0]))
    diags.add("sheet-file-named-other", message, Location(str(path)), severity="warning",
              hint=Message("It is imported as {assessor}'s, whose workbook it is (its hidden "
                           "sheet says so); {named}'s workbook has not been imported.",
                           assessor=aid, named=named[0]))


__all__ = ["SEAL_KEY", "check_file_name", "check_owner", "check_unsealed", "named_for", "seal",
           "seal_rows", "sealed_era", "written_ids"]
