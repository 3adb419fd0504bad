"""Who may enter the jury workspace: personal sign-in links, sessions, the secretariat's
link, refusals (:class:`Refused`, :class:`NotYours` and their record), the CSRF key and
the audit log.

:class:`Access` is the part of :class:`~isgrid.workspace.store.Workspace` that
knows nothing of sheets: the database transaction, the audit trail, and every
secret (only their sha256 is stored).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Select, delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..call.model import Assessor, Call
from ..errors import CallError, Diagnostic, Location, Message, Quote
from .db import Audit, Setting, SignInToken, WebSession, close_database

log = logging.getLogger("isgrid.workspace")

#: How long a sign-in link and a session last, by default.
LINK_DAYS = 30
SESSION_HOURS = 12
SECRETARY = "secretariat"
#: The audit log's rows on one page of ``/admin/audit`` (older ones on the next pages).
AUDIT_PAGE = 200
#: Refusals of one person closer than this (seconds) are counted on one audit row.
REFUSALS_APART = 600.0
#: The session cookie of the workspace's pages (its secret's sha256 keys ``web_session``).
SESSION_COOKIE = "isgrid_jury"
#: While the server runs, the expired sessions and sign-in links are deleted at most this
#: often (seconds; :meth:`Access.sweep_now_and_then`), and at every opening of the workspace.
SWEEP_SECONDS = 600.0
#: How many rows one ``DELETE … IN (…)`` names (SQLite's limit of bound values is far above).
_CHUNK = 500
#: Held by the request that sweeps (the others go on without waiting for it).
_SWEEPING = threading.Lock()


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Refused(Exception):
    """An action the rules do not allow now (scoring closed, sheet submitted...)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class ChangesDecided(Refused):
    """A submission or a déport refused: it would change what the séance decided (``found``:
    the warnings of :func:`~isgrid.call.decided_changes.decided_changes`; :mod:`.decided`)."""

    def __init__(self, found: list[Diagnostic]) -> None:
        super().__init__("changes-decided")
        self.found = found


class NotYours(Exception):
    """A juror asked for a dossier, rating or déport that is not theirs (logged)."""


@dataclass(frozen=True)
class Principal:
    """Who a session is: the secretariat or one juror."""

    role: str  # juror | secretary
    juror: str | None

    @property
    def actor(self) -> str:
        return self.juror or SECRETARY


class Access:
    """Transactions, audit, sign-in and sessions of a workspace (see the module docstring)."""

    # set by Workspace.__init__
    engine: Engine
    clock: Callable[[], float]
    call: Call
    folder: Path
    members: list[Assessor]
    #: when the expired sessions were last deleted (:meth:`sweep_expired`), by ``clock``
    _swept_at: float | None = None

    @contextmanager
    def tx(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as s, s.begin():
            yield s

    def close(self) -> None:
        """The database left whole when the command ends: on SQLite, the write-ahead log
        folded into ``jury.sqlite3`` (:func:`~isgrid.workspace.db.close_database`), so that a
        copy of that one file, the server stopped, holds everything."""
        close_database(self.engine)

    def _audit(self, s: Session, actor: str, action: str, target: str, before: Any,
               after: Any) -> None:
        s.add(Audit(at=self.clock(), actor=actor, action=action, target=target,
                    before="" if before is None else json.dumps(before, ensure_ascii=False,
                                                                 sort_keys=True),
                    after="" if after is None else json.dumps(after, ensure_ascii=False,
                                                               sort_keys=True)))

    # ------------------------------------------------------------ sign-in
    def invite(self, jurors: list[str] | None = None, *, days: float = LINK_DAYS,
               actor: str = SECRETARY,
               deliver: Callable[[list[tuple[Assessor, str, float]]], None] | None = None,
               ) -> list[tuple[Assessor, str, float]]:
        """A new personal secret per juror (earlier links revoked): (assessor, secret,
        expiry).  Only the secret's sha256 is stored.

        ``deliver``: given the new links before anything is stored (the mail-merge file
        written aside, not yet in its place); if it fails, nothing is stored and the
        earlier links still work: the new secrets would otherwise exist nowhere.  The
        caller puts its file in place once the links are stored (this returns), and
        removes it if storing them fails.  Nothing is written to disk while the
        database's write lock is held (a running ``jury serve`` never waits on it)."""
        wanted = jurors or [a.id for a in self.members]
        unknown = [a for a in wanted if a not in {m.id for m in self.members}]
        if unknown:
            raise CallError("unknown juror", [Diagnostic(
                "unknown-assessor", Message("{juror} is not one of the call's jurors (assessors with "
                                            "role juré)", juror=Quote(unknown[0])),
                Location(str(self.folder / "call.yaml")))])
        now = self.clock()
        out = [(self.call.assessors[aid], secrets.token_urlsafe(32), now + days * 86400)
               for aid in wanted]
        if deliver is not None:
            deliver(out)
        with self.tx() as s:
            for assessor, secret, expires in out:
                aid = assessor.id
                s.execute(update(SignInToken).where(SignInToken.juror_id == aid,
                                                    SignInToken.revoked_at.is_(None))
                          .values(revoked_at=now))
                s.add(SignInToken(role="juror", juror_id=aid, token_hash=digest(secret),
                                  created_at=now, expires_at=expires))
                self._audit(s, actor, "invite", aid, None, {"expires_at": expires})
        return out

    def secretary_link(self, hours: float = SESSION_HOURS) -> str:
        """A secretariat sign-in secret (``isgrid jury secretariat``; ``isgrid jury serve``
        in a terminal).  The earlier secretariat links are revoked: one live link at a time,
        however often the server restarts (the sessions they opened go on).  Written in the
        audit log as the jurors' invitations are (when, until when, how many earlier links
        it revoked; never the secret nor its hash)."""
        now = self.clock()
        secret = secrets.token_urlsafe(32)
        expires = now + hours * 3600
        with self.tx() as s:
            n = cast("CursorResult[Any]", s.execute(
                update(SignInToken).where(SignInToken.role == "secretary",
                                          SignInToken.revoked_at.is_(None))
                .values(revoked_at=now))).rowcount
            s.add(SignInToken(role="secretary", juror_id=None, token_hash=digest(secret),
                              created_at=now, expires_at=expires))
            self._audit(s, SECRETARY, "secretariat-link", "", None,
                        {"expires_at": expires, "revoked": int(n)})
        return secret

    def revoke(self, aid: str, actor: str = SECRETARY) -> int:
        """Revoke every link and session of a juror; how many links were revoked."""
        now = self.clock()
        with self.tx() as s:
            n = cast("CursorResult[Any]", s.execute(update(SignInToken).where(SignInToken.juror_id == aid,
                                                    SignInToken.revoked_at.is_(None))
                          .values(revoked_at=now))).rowcount
            # kept, refused: its browser is told the link was revoked, not « expired »
            s.execute(update(WebSession).where(WebSession.juror_id == aid,
                                               WebSession.revoked_at.is_(None))
                      .values(revoked_at=now))
            self._audit(s, actor, "revoke", aid, None, {"links": n})
        return int(n)

    def sign_in(self, secret: str, hours: float = SESSION_HOURS) -> tuple[str, Principal] | None:
        """A new session secret for a valid link, or None (unknown, expired, revoked)."""
        now = self.clock()
        with self.tx() as s:
            tok = s.scalars(select(SignInToken).where(
                SignInToken.token_hash == digest(secret))).first()
            if tok is None or tok.revoked_at is not None or tok.expires_at <= now:
                return None
            session = secrets.token_urlsafe(32)
            s.add(WebSession(id_hash=digest(session), role=tok.role, juror_id=tok.juror_id,
                             created_at=now, expires_at=min(now + hours * 3600, tok.expires_at)))
            self._audit(s, tok.juror_id or SECRETARY, "sign-in", "", None, None)
        return session, Principal(tok.role, tok.juror_id)

    def link_owner(self, secret: str) -> Principal | None:
        """Whose sign-in link ``secret`` is, when it is valid (nothing is recorded: the
        sign-in page names the link's juror before anyone signs in)."""
        with self.tx() as s:
            tok = s.scalars(select(SignInToken).where(
                SignInToken.token_hash == digest(secret))).first()
            if tok is None or tok.revoked_at is not None or tok.expires_at <= self.clock():
                return None
            return Principal(tok.role, tok.juror_id)

    def principal(self, session: str) -> Principal | None:
        with self.tx() as s:
            row = s.get(WebSession, digest(session))
            if row is None or row.expires_at <= self.clock() or row.revoked_at is not None:
                return None
            return Principal(row.role, row.juror_id)

    def session_revoked(self, session: str) -> bool:
        """The session was revoked by the secretariat (:meth:`revoke`), not expired."""
        with self.tx() as s:
            row = s.get(WebSession, digest(session))
            return row is not None and row.revoked_at is not None

    def revoked_jurors(self) -> dict[str, float]:
        """juror -> when their links were revoked, for each juror left with no valid link
        (a juror invited again since is not)."""
        now = self.clock()
        with self.tx() as s:
            active = set(s.scalars(select(SignInToken.juror_id).where(
                SignInToken.revoked_at.is_(None), SignInToken.expires_at > now)))
            found = s.execute(select(SignInToken.juror_id, func.max(SignInToken.revoked_at))
                              .where(SignInToken.revoked_at.is_not(None),
                                     SignInToken.role == "juror")
                              .group_by(SignInToken.juror_id))
            return {aid: float(at) for aid, at in found
                    if aid is not None and at is not None and aid not in active}

    def sweep_expired(self) -> tuple[int, int]:
        """The expired sessions and sign-in links deleted: (sessions, links).

        A session row says who signed in and when; once expired it opens nothing, and was
        kept for ever (review ops20, left then).  Deleted: every session past its
        ``expires_at`` (a revoked one too: until it expires its browser is told « link
        revoked », afterwards « session expired », as any other), and every sign-in link
        past its own, but one: a juror left with no valid link keeps the link whose
        revocation the dashboard shows (« lien révoqué le … »: :meth:`revoked_jurors` reads
        the same after a sweep as before).  The audit log keeps every invitation,
        revocation and sign-in (docs/jury-web.md, « Conservation des données personnelles »)."""
        now = self.clock()
        self._swept_at = now
        with self.tx() as s:
            sessions = cast("CursorResult[Any]", s.execute(
                delete(WebSession).where(WebSession.expires_at <= now))).rowcount
            active = set(s.scalars(select(SignInToken.juror_id).where(
                SignInToken.revoked_at.is_(None), SignInToken.expires_at > now)))
            latest = {aid: at for aid, at in s.execute(
                select(SignInToken.juror_id, func.max(SignInToken.revoked_at))
                .where(SignInToken.revoked_at.is_not(None), SignInToken.role == "juror")
                .group_by(SignInToken.juror_id))}
            gone = [tid for tid, role, aid, revoked in s.execute(
                select(SignInToken.id, SignInToken.role, SignInToken.juror_id,
                       SignInToken.revoked_at).where(SignInToken.expires_at <= now))
                if not (role == "juror" and aid not in active and revoked is not None
                        and revoked == latest.get(aid))]
            for k in range(0, len(gone), _CHUNK):
                s.execute(delete(SignInToken).where(SignInToken.id.in_(gone[k:k + _CHUNK])))
        if sessions or gone:
            log.info("deleted %d expired session(s) and %d expired sign-in link(s)",
                     sessions, len(gone))
        return int(sessions), len(gone)

    def sweep_now_and_then(self) -> None:
        """:meth:`sweep_expired` when the last sweep is :data:`SWEEP_SECONDS` ago or more
        (called before each request of ``isgrid jury serve``: a server that runs for weeks
        deletes what expires as it goes, never more than once in ten minutes, whatever the
        traffic).  A database that refuses it (full, unreachable) is logged and the request
        goes on: the next sweep deletes them."""
        now = self.clock()
        if self._swept_at is not None and now - self._swept_at < SWEEP_SECONDS:
            return
        if not _SWEEPING.acquire(blocking=False):  # another request sweeps now
            return
        try:
            self._swept_at = now
            self.sweep_expired()
        except SQLAlchemyError as exc:
            log.warning("the expired sessions could not be deleted (tried again later): %s",
                        str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        finally:
            _SWEEPING.release()

    def sign_out(self, session: str) -> None:
        with self.tx() as s:
            s.execute(delete(WebSession).where(WebSession.id_hash == digest(session)))

    def refused(self, actor: str, what: str) -> None:
        """Record (log and audit) a request refused for want of a right.  Refusals of one
        person in a row (nothing else of theirs between, none :data:`REFUSALS_APART` apart)
        are one row of the audit log, which counts them (``count``, ``last``, the last
        address ``last_target``): a juror asking a thousand forbidden addresses cannot push
        everything else out of the log's page."""
        log.warning("refused: %s asked for %s", actor, what)
        now = self.clock()
        with self.tx() as s:
            last = s.scalars(select(Audit).where(Audit.actor == actor)
                             .order_by(Audit.id.desc()).limit(1).with_for_update()).first()
            if last is not None and last.action == "refused":
                seen = json.loads(last.after) if last.after else {}
                if now - float(seen.get("last", last.at)) < REFUSALS_APART:
                    last.after = json.dumps({"count": int(seen.get("count", 1)) + 1,
                                             "last": now, "last_target": what[:500]},
                                            ensure_ascii=False, sort_keys=True)
                    return
            self._audit(s, actor, "refused", what[:500], None, None)

    def secret_key(self) -> bytes:
        """The key that signs the CSRF cookie: ``ISGRID_SECRET_KEY`` when it is set (as
        for every isgrid web app, :func:`isgrid.web.security.install`), else made once and
        kept in the database (so a restart or a second server process keeps the forms
        valid; hence in its backups too).  Rotating it: set another ``ISGRID_SECRET_KEY``,
        or make a new one in the database (:meth:`rotate_secret_key`: ``isgrid jury
        rotate-key CALL --apply``), and restart the server (docs/security.md)."""
        env_key = os.environ.get("ISGRID_SECRET_KEY", "")
        if env_key:
            return env_key.encode("utf-8")
        with self.tx() as s:
            row = s.get(Setting, "secret_key")
            if row is None:
                row = Setting(key="secret_key", value=secrets.token_hex(32))
                s.add(row)
            return bytes.fromhex(row.value)

    def rotate_secret_key(self) -> None:
        """A new key in the database for the CSRF cookie, the old one forgotten (a server
        running reads it at its next start)."""
        with self.tx() as s:
            s.merge(Setting(key="secret_key", value=secrets.token_hex(32)))
            self._audit(s, SECRETARY, "rotate-key", "", None, None)

    def address(self, key: str) -> str:
        """The address recorded under ``key``: ``links_url``, the one ``isgrid jury
        invite`` wrote the last links with; ``served_url``, the one ``isgrid jury serve``
        last served on; '' for none (see :func:`isgrid.cli.juryweb.invite`)."""
        with self.tx() as s:
            row = s.get(Setting, key)
            return row.value if row is not None else ""

    def record_address(self, key: str, url: str) -> None:
        with self.tx() as s:
            s.merge(Setting(key=key, value=url))

    def audit_log(self, limit: int = AUDIT_PAGE, *, before: int | None = None,
                  actor: str = "", action: str = "") -> list[Audit]:
        """The audit log's rows, the newest first: ``limit`` of them, older than the row
        ``before`` (its id) if given, of one ``actor`` or ``action`` if given."""
        with self.tx() as s:
            query = _audit_where(select(Audit), actor, action)
            if before is not None:
                query = query.where(Audit.id < before)
            return list(s.scalars(query.order_by(Audit.id.desc()).limit(limit)))

    def audit_count(self, *, actor: str = "", action: str = "",
                    since: int | None = None) -> int:
        """How many rows the audit log holds (of one ``actor`` or ``action``; from the row
        ``since``, its id, on)."""
        with self.tx() as s:
            query = _audit_where(select(func.count()).select_from(Audit), actor, action)
            if since is not None:
                query = query.where(Audit.id >= since)
            return int(s.scalar(query) or 0)

    def audit_kinds(self) -> tuple[list[str], list[str]]:
        """The actors and the actions the audit log holds (its page's filters)."""
        with self.tx() as s:
            return (sorted(s.scalars(select(Audit.actor).distinct())),
                    sorted(s.scalars(select(Audit.action).distinct())))


def _audit_where(query: Select[Any], actor: str, action: str) -> Select[Any]:
    if actor:
        query = query.where(Audit.actor == actor)
    if action:
        query = query.where(Audit.action == action)
    return query
