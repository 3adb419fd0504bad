"""The secretariat's pages of the jury workspace (``/admin…``): the dashboard, opening and
closing scoring, reopening a juror's sheet, lifting a déport, writing a juror's files again,
revoking a juror's links, the audit log.

:func:`~isgrid.workspace.app.create_app` adds them (:func:`install`) with what every page
shares (:class:`Secretariat`); every route checks first that the session is the
secretariat's (a juror's is refused with 403, logged and recorded in the audit log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, abort, request

from ..io.moments import NoTime
from ..messages import group_thousands
from ..web import security
from .audit import audit_choices, audit_lines
from .export import Busy, LockRefused
from .moments import fmt_time, parse_deadline
from .scoring import busy_page, lock_page
from .store import ChangesDecided, Held, Refused, Unwritten, Workspace
from .texts import page_words


@dataclass(frozen=True)
class Secretariat:
    """What the secretariat's pages share with every page of the app (:func:`create_app`'s
    helpers): the workspace, a page in the session's language, its language, the check that
    the session is the secretariat's (else the sign-in page, or 403), the redirect of a call
    folder held by another command, and the page it leads to (aid, done, admin)."""

    ws: Workspace
    render: Callable[..., Response]
    lang: Callable[[], str]
    secretary: Callable[[], None]
    held: Callable[[Held, str], Response]
    held_page: Callable[[str, str, bool], Response]


def install(app: Flask, pages: Secretariat) -> None:
    """Add the secretariat's routes to ``app``."""
    ws, render, lang, secretary = pages.ws, pages.render, pages.lang, pages.secretary
    held, held_page = pages.held, pages.held_page
    zone = ws.call.config.timezone

    @app.get("/admin")
    def admin() -> Response:
        secretary()
        # what was just done (« Déport de j3 sur AL16-07 levé. »), said only of a juror (and
        # a dossier) of the call: the address names them, anyone can write one
        done, aid, did = (request.args.get(k, "") for k in ("done", "juror", "dossier"))
        said = aid in ws.call.assessors and (done != "lifted" or did in ws.dossiers)
        return render("admin.html", dash=ws.dashboard(), done=done if said else "",
                      juror=aid, dossier=did, criteria=ws.criteria)

    @app.post("/admin/scoring")
    def admin_scoring() -> Response:
        secretary()
        raw = request.form.get("deadline", "").strip()[:100]
        deadline: float | None = None
        opening = request.form.get("scoring") == "open"

        def refused(problem: str) -> Response:
            # the dashboard again, the field holding what was typed, its problem under it
            day = raw.split()[0] if raw.split() else raw
            return render("admin.html", status=422, dash=ws.dashboard(), done="",
                          juror="", dossier="", criteria=ws.criteria, typed_deadline=raw,
                          deadline_problem=problem, deadline_day=day,
                          deadline_when=fmt_time(deadline, lang(), zone))

        if raw:  # typed in the call's time zone, stored as the moment it is
            try:
                deadline = parse_deadline(raw, zone)
            except ValueError as exc:
                return refused("admin.deadline_no_time" if isinstance(exc, NoTime)
                               else "admin.bad_deadline")
        if opening and ws.passed(deadline):  # it would close scoring at once
            return refused("admin.deadline_past")
        ws.set_scoring(opening, deadline)
        return security.safe_redirect("/admin")

    @app.post("/admin/reopen/<aid>")
    def admin_reopen(aid: str) -> Response:
        secretary()
        if aid not in ws.call.assessors:
            abort(404)
        # the box « autoriser… » (.decided): the juror's next submission may change what
        # the séance decided; alone on a sheet open already
        allow = request.form.get("change_decided") == "yes"
        try:
            was = ws.juror(aid).status
            ws.reopen(aid, change_decided=allow)
        except Refused as exc:
            return render("message.html", status=409, message=f"refused.{exc.key}")
        return security.safe_redirect(security.local_url(
            "admin", done="allowed" if was == "open" else "reopened", juror=aid))

    @app.post("/admin/lift/<aid>/<did>")
    def admin_lift(aid: str, did: str) -> Response:
        secretary()
        if aid not in ws.call.assessors:
            abort(404)
        try:
            # done in the database even when the files cannot be written (Unwritten): the
            # dashboard says so, from the juror's state; the folder held by another command
            # (Held): said at once, « try again »
            ws.lift_deport(aid, did, change_decided=request.form.get("change_decided") == "yes")
        except Busy as exc:  # after the vote, the folder held: not checked, not lifted
            return busy_page(render, lang(), exc, "lift")
        except LockRefused as exc:  # after the vote, the lock refused: not checked either
            return lock_page(render, lang(), exc, "lift")
        except Held as exc:
            return held(exc, "lifted")
        except Unwritten:
            pass
        except ChangesDecided as exc:  # after the vote: the changes, and « lift anyway »
            return render("decided.html", status=409, kind="lift", juror=aid, dossier=did,
                          changes=ws.changes_said(exc.found, lang()))
        except Refused as exc:
            return render("message.html", status=409, message=f"refused.{exc.key}")
        return security.safe_redirect(security.local_url("admin", done="lifted", juror=aid,
                                                         dossier=did))

    @app.post("/admin/write/<aid>")
    def admin_write(aid: str) -> Response:
        """The juror's files written again to the call folder, after a write that failed."""
        secretary()
        if aid not in ws.call.assessors:
            abort(404)
        try:
            ws.export(aid)
        except Held as exc:  # another command holds the folder: « try again »
            return held(exc, "written")
        except Unwritten:  # said by the dashboard, from the juror's state
            pass
        return security.safe_redirect(security.local_url("admin", done="written", juror=aid))

    @app.get("/admin/held/<aid>")
    def admin_held(aid: str) -> Response:
        """The page of a lift or a write again whose files wait for the call folder."""
        secretary()
        if aid not in ws.call.assessors:
            abort(404)
        done = request.args.get("done", "")
        return held_page(aid, done if done in ("lifted", "written") else "written", True)

    @app.post("/admin/revoke/<aid>")
    def admin_revoke(aid: str) -> Response:
        secretary()
        if aid not in ws.call.assessors:
            abort(404)
        ws.revoke(aid)
        return security.safe_redirect(security.local_url("admin", done="revoked", juror=aid))

    @app.get("/admin/audit")
    def admin_audit() -> Response:
        """The audit log, the newest first, :data:`~.access.AUDIT_PAGE` rows a page (the
        next ones older), of one person or one action if chosen; the page says which of
        how many it shows."""
        secretary()
        lg = lang()
        t = page_words(lg)
        actors, actions = ws.audit_kinds()
        who, what = request.args.get("who", ""), request.args.get("what", "")
        who, what = (who if who in actors else ""), (what if what in actions else "")
        raw = request.args.get("before", "")
        before = int(raw) if raw.isdigit() and len(raw) < 19 else None
        rows = ws.audit_log(before=before, actor=who, action=what)
        total = ws.audit_count(actor=who, action=what)
        first = 1 + (ws.audit_count(actor=who, action=what, since=before)
                     if before is not None else 0)
        last = first + len(rows) - 1
        kept = {"who": who or None, "what": what or None}
        people, kinds = audit_choices(ws, actors, actions, t)
        # its language link: the same rows, filters and page, in the other language
        return render("audit.html", keep=("who", "what", "before"),
                      rows=audit_lines(ws, rows, t, lg), people=people,
                      kinds=kinds, chosen_who=who, chosen_what=what, total=total, first=first, last=last,
                      total_words=group_thousands(total, lg),
                      first_words=group_thousands(first, lg),
                      last_words=group_thousands(last, lg),
                      older=security.local_url("admin", "audit", **kept, before=str(rows[-1].id))
                      if rows and last < total else "",
                      newest=security.local_url("admin", "audit", **kept) if first > 1 else "")
