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

import json
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ..call.decided_changes import SUBMISSION, decided_changes, has_decisions
from ..i18n import french_spacing
from ..messages import translate_message
from .access import Refused
from .db import Deport, Juror, Setting
from .export import Exports
from .texts import page_words

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..errors import Diagnostic

log = logging.getLogger("isgrid.workspace")

#: The setting that holds the jurors whose next submission may change what the séance
#: decided (a JSON list of ids).
ALLOWED = "change_decided"


class ChangesDecided(Refused):
    """A submission refused: it would change what the séance decided (``found``: the
    warnings of :func:`~isgrid.call.decided_changes.decided_changes`)."""

    def __init__(self, found: list[Diagnostic]) -> None:
        super().__init__("changes-decided")
        self.found = found


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
        return version, decided_changes(self.folder, files, SUBMISSION)

    def gate_decided(self, s: Session, aid: str, found: list[Diagnostic]) -> dict[str, Any]:
        """In the submission's transaction: refused (:class:`ChangesDecided`, recorded in
        the audit log) when ``found`` and the juror was not allowed; the allowance used;
        what the submission's audit row adds (the changes it makes, by language)."""
        allowed = aid in self.allowed_decided(s)
        if allowed:
            self.allow_decided(s, aid, False)  # used by this submission
        if not found:
            return {}
        said = {lang: [_spaced(translate_message(d.message, lang), lang) for d in found]
                for lang in ("fr", "en")}
        log.warning("juror %r: the submission changes what the meeting decided%s: %s", aid,
                    " (allowed)" if allowed else ", refused", "; ".join(said["en"]))
        if not allowed:
            raise ChangesDecided(found)
        return {"change_decided": said}

    def refused_decided(self, aid: str, found: list[Diagnostic]) -> None:
        """The refused submission in the audit log, what it would change by language."""
        with self.tx() as s:
            self._audit(s, aid, "submit-refused", aid, None, {"change_decided": {
                lang: [_spaced(translate_message(d.message, lang), lang) for d in found]
                for lang in ("fr", "en")}})

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
