"""A juror's submission after the séance's vote, checked by the rule of ``isgrid intake`` and
``isgrid sheets import``: :func:`isgrid.call.decided_changes.decided_changes`, imported, not
restated.

Once the call's journal holds decisions, a juror's sheet reopened and submitted again could
move a decided dossier (its rank, its status, its amount) or undo the list's adoption, which
the minutes and letters already say otherwise.  So a submission is checked before it is
committed: the files it would write are scored against the call folder as it is, and a
submission that changes what the séance decided is refused (:class:`ChangesDecided`, code
``submission-changes-decided``), the juror's sheet left open, their ratings kept as a
draft, nothing lost; the juror's page names the dossiers and the change (a dossier the
juror is déported from only by its id: its rank and total are not theirs to see), the
secretariat's audit log the whole of it.

Unless the secretariat allowed it: the reopen button's box (« autoriser… »), or
« Autoriser » on a sheet already reopened, lets the juror's **next** submission change what
was decided (the allowance is used by that submission, whatever it changes); the submission
is then written, what it changed in the audit log and the server's log.  The allowances are
the setting :data:`ALLOWED` (a JSON list of jurors' ids), as the mirrored déports are.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..call.decided_changes import SUBMISSION, Words, decided_changes, has_decisions
from ..errors import IsgridError
from ..i18n import french_spacing
from ..io.folder import settled_fingerprint
from ..io.refusal import WriteInProgress
from ..io.write import writing
from ..messages import translate_message
from .access import ChangesDecided as ChangesDecided
from .db import Deport, Juror, Setting
from .export import CHECK_WAIT_SECONDS, COMMAND, Busy, Exports, LockRefused, holder_words
from .texts import page_words

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..errors import Diagnostic
    from .dashboard import Loaded

log = logging.getLogger("isgrid.workspace")

#: The setting that holds the jurors whose next submission may change what the séance
#: decided (a JSON list of ids).
ALLOWED = "change_decided"
#: The writes of jurors' files checked against what the séance decided, one at a time
#: (:meth:`Decided.deciding`; a process serves one call's workspace)
_DECIDING = threading.RLock()


def allowed_of(setting: Setting | None) -> set[str]:
    """The jurors allowed by :data:`ALLOWED`'s setting (none without it)."""
    try:
        found = json.loads(setting.value) if setting is not None and setting.value else []
    except ValueError:
        found = []
    return {str(x) for x in found} if isinstance(found, list) else set()


class Decided(Exports):
    """The check of a submission against what the séance decided (see the module
    docstring)."""

    if TYPE_CHECKING:  # the workspace's own (store.py, dashboard.py)
        _loaded: Loaded | None

        def loaded(self, settled: bool = False) -> Loaded: ...

    @contextlib.contextmanager
    def deciding(self) -> Iterator[None]:
        """Once the journal holds decisions, a write of a juror's files (a submission, a
        déport) checked and written under the workspace's one lock of those writes: two
        reopened jurors submitting together are checked one after the other, the second
        against the files the first wrote (each alone could change nothing decided, and
        both together something).  That lock is the call folder's write lock
        (:func:`isgrid.io.write.writing`, ``.isgrid-write.lock``), which ``isgrid sheets
        import`` holds from before its own check until it has written: another process's
        import cannot land between this check and this write (the lock of one process
        did not stop it).  Taken after the process's own (:data:`_DECIDING`: its threads
        queue there, however long), waited for :data:`~.export.CHECK_WAIT_SECONDS` at most,
        then :class:`~.export.Busy` (nothing recorded: « try again »); a lock the system
        refuses (its file cannot be opened): :class:`~.export.LockRefused`, nothing recorded.  The call is
        reloaded first, outside the locks, if the folder changed since
        (:meth:`~.dashboard.Dashboard.loaded`): the check then scores only the files
        written.  Not when a file has just changed (a submission a moment
        ago): the reload would not be trusted (:func:`~isgrid.io.folder.settled_fingerprint`),
        and the check reads the folder itself (:meth:`decided_of`)."""
        if not has_decisions(self.folder):
            yield
            return
        if settled_fingerprint(self.folder) is not None:
            self.loaded(settled=True)
        with _DECIDING, contextlib.ExitStack() as hold:
            try:  # (the write that follows takes it again, at once: writelock)
                hold.enter_context(writing(self.folder, command=COMMAND, by="jury-workspace",
                                           wait=CHECK_WAIT_SECONDS))
            except WriteInProgress as exc:
                holder = holder_words(exc.holder)
                log.warning("the call folder is held by another command (%s): a write of "
                            "the jurors' files not checked, nothing recorded",
                            holder["en"] or "unknown")
                raise Busy(holder) from None
            except (IsgridError, OSError) as exc:  # refused by the system: not worth a wait
                why = self._why(exc)
                log.error("the call folder's write lock cannot be taken (%s): a write of the "
                          "jurors' files not checked, nothing recorded", why["en"])
                raise LockRefused(why) from None
            yield

    def decided_of(self, files: list[tuple[Path, bytes]],
                   words: Words = SUBMISSION) -> list[Diagnostic]:
        """What writing ``files`` would change in what the séance decided
        (:func:`~isgrid.call.decided_changes.decided_changes`): against the call and result
        the workspace last loaded (:meth:`~.dashboard.Dashboard.loaded`) while no file of the
        folder changed since, else against the folder read again.  ``words``: what the lines
        call the write (« la soumission »; a déport's, a lift's: :mod:`.deports`)."""
        found = self._loaded
        if found is not None and found.call is not None and found.result is not None \
                and found.generation == self._generation and found.fingerprint is not None \
                and settled_fingerprint(self.folder) == found.fingerprint:
            return decided_changes(self.folder, files, words, loaded=found.call,
                                   scored=found.result)
        return decided_changes(self.folder, files, words)

    def allowed_decided(self, s: Session) -> set[str]:
        """The jurors whose next submission may change what the séance decided."""
        return allowed_of(s.get(Setting, ALLOWED))

    def allow_decided(self, s: Session, aid: str, allow: bool) -> None:
        """``aid``'s next submission allowed (or no longer) to change what was decided."""
        row = s.get(Setting, ALLOWED)
        now = self.allowed_decided(s)
        now = now | {aid} if allow else now - {aid}
        if row is None:
            s.add(Setting(key=ALLOWED, value=json.dumps(sorted(now))))
        else:
            row.value = json.dumps(sorted(now))

    def submission_changes(self, aid: str) -> tuple[int | None, list[Diagnostic]]:
        """The juror's sheet's version, and what its submission would change in what the
        séance decided (:func:`~isgrid.call.decided_changes.decided_changes` on the files
        it would write); (None, []) at once when the journal holds no decision."""
        if not has_decisions(self.folder):
            return None, []
        with self.tx() as s:  # read first: a save after it raises it (checked again)
            j = s.get(Juror, aid)
            version = j.version if j is not None else None
        files = self._files(aid, submitting=True)[0]
        return version, self.decided_of(files)

    def gate_decided(self, s: Session, aid: str, found: list[Diagnostic],
                     used: bool = True, forced: bool = False,
                     act: str = "the submission") -> dict[str, Any]:
        """In the submission's transaction: refused (:class:`ChangesDecided`, recorded in
        the audit log) when ``found`` and the juror was not allowed; the allowance used
        (``used``: whatever it changes, a submission; else only when it changes
        something, a déport, which leaves it to the submission that follows);
        what the submission's audit row adds (the changes it makes, by language).
        ``forced``: the secretariat's own lift of a déport, confirmed on the page that
        named the changes (« Lever le déport quand même »): allowed, no allowance used.
        ``act``: what the server's log calls the write (« the recusal », « the lift of the
        recusal »; the pages and the audit log say it by :data:`~.deports` words)."""
        allowed = forced or aid in self.allowed_decided(s)
        if allowed and not forced and (used or found):
            self.allow_decided(s, aid, False)  # used by this submission
        if not found:
            return {}
        said = {lang: self.changes_said(found, lang) for lang in ("fr", "en")}
        log.warning("juror %r: %s changes what the meeting decided%s: %s", aid, act,
                    " (confirmed by the secretariat)" if forced else " (allowed)" if allowed
                    else ", refused", "; ".join(said["en"]))
        if not allowed:
            raise ChangesDecided(found)
        return {"change_decided": said}

    def refused_decided(self, aid: str, found: list[Diagnostic],
                        action: str = "submit-refused", target: str = "") -> None:
        """The refused submission (``action``: or déport, ``deport-refused`` of the dossier
        ``target``) in the audit log, what it would change by language."""
        with self.tx() as s:
            self._audit(s, aid, action, target or aid, None, {"change_decided": {
                lang: self.changes_said(found, lang) for lang in ("fr", "en")}})

    def changes_said(self, found: list[Diagnostic], lang: str) -> list[str]:
        """Each change in what the séance decided, in ``lang``: the audit log's lines, and
        the secretariat's page of a lift refused (every dossier named)."""
        return [_spaced(translate_message(d.message, lang), lang) for d in found]

    def decided_lines(self, aid: str, found: list[Diagnostic], lang: str) -> list[str]:
        """What the refusal's page tells the juror: each change in ``lang``; of a dossier
        they are déported from, only that it would change."""
        with self.tx() as s:
            away = set(s.scalars(select(Deport.dossier).where(Deport.juror_id == aid)))
        t = page_words(lang)
        out = []
        for d in found:
            did = getattr(d.message, "values", {}).get("dossier")
            out.append(t("decided.deported", dossier=did) if did in away
                       else _spaced(translate_message(d.message, lang), lang))
        return out


def _spaced(text: str, lang: str) -> str:
    """``text`` with French typography's spaces in French (the pages say it so)."""
    return french_spacing(text) if lang == "fr" else text
