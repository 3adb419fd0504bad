"""The scoring pages of the jury workspace: a dossier's page, its document, its saves
(:mod:`.draft`'s rule, a conflict's choice), the déport and the submission.

:func:`install` adds their routes to the app :func:`isgrid.workspace.app.create_app` makes,
with the helpers every page shares there (:class:`Pages`); who may see what is said there.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, request, send_file

from ..documents.typography import fact_text, printed
from ..grid.facts import fact_label
from ..grid.model import Criterion, FactSpec
from ..i18n import de_name
from ..jury.common import opinion_words
from ..jury.sheets import dossier_file
from ..messages import euros, group_thousands
from ..web import security
from .access import SESSION_COOKIE, Principal
from .draft import BASE, THEIRS, Entry, Problem, bases_of, comment_limit, digest, put
from .export import Busy, LockRefused
from .moments import fmt_time
from .store import ChangesDecided, Deported, Held, NotYours, Refused, Unwritten, Workspace
from .texts import OPINION_VALUES, opinion_said, page_words

#: Why an autosave was not saved (its answer's ``reason``), each said on the page by the
#: text ``unsaved.<reason>`` (the script reads them from the form; any other: ``failed``).
UNSAVED = ("problems", "signin", "revoked", "csrf", "not_found", "deported", "submitted",
           "closed", "external", "failed", "database")


#: How soon a page refused for a busy call folder (:class:`~.export.Busy`) asks to be tried again.
BUSY_RETRY_AFTER = 60


def busy_page(render: Callable[..., Response], lang: str, exc: Busy, kind: str) -> Response:
    """A submission (``kind``: ``submit``), a déport (``deport``) or a lift (``lift``)
    neither checked nor recorded, the call folder held by another command
    (:class:`~.export.Busy`): who holds it, nothing lost, « try again » (HTTP 503 with
    ``Retry-After``)."""
    t = page_words(lang)
    holder = exc.holder.get(lang, "")
    resp = render("message.html", status=503, heading="held.title", message=f"busy.{kind}",
                  values={"holder": t("held.holder", holder=holder) if holder else ""})
    resp.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
    return resp


def lock_page(render: Callable[..., Response], lang: str, exc: LockRefused,
              kind: str) -> Response:
    """A submission (``kind``: ``submit``), a déport (``deport``) or a lift (``lift``)
    neither checked nor recorded, the system refusing the call folder's write lock
    (:class:`~.export.LockRefused`): what was not done, why (what the system said), nothing
    lost, what to do (the juror: tell the secretariat; the secretariat: give the server the
    folder).  HTTP 503 without ``Retry-After``: waiting does not help."""
    return render("message.html", status=503, heading="lock.title", message=f"lock.{kind}",
                  values={"why": exc.why.get(lang) or exc.why.get("en", "")})


def revoked_session(ws: Workspace) -> bool:
    """The request's session cookie names a session the secretariat revoked."""
    raw = request.cookies.get(SESSION_COOKIE)
    return raw is not None and raw != "" and ws.session_revoked(raw)


def gone_reason(ws: Workspace) -> str:
    """Why a juror's session is gone, as an unsaved save says it: ``revoked`` (« the
    secretariat revoked this link »), else ``signin`` (expired)."""
    return "revoked" if revoked_session(ws) else "signin"


@dataclass(frozen=True)
class Pages:
    """What the scoring pages share with every page of the app (:func:`create_app`'s
    helpers): the workspace, a page in the session's language, its language, the signed-in
    juror (else the sign-in page), whether the request is the autosave script's, an
    autosave's answer when nothing was saved, an error page, the page of a call folder held
    by another command (:class:`~isgrid.workspace.export.Held`, with what was recorded)."""

    ws: Workspace
    render: Callable[..., Response]
    lang: Callable[[], str]
    juror: Callable[[], str]
    autosave: Callable[[], bool]
    not_saved: Callable[..., Response]
    render_error: Callable[[int, str], Response]
    held: Callable[[Held, str], Response]


def install(app: Flask, pages: Pages) -> None:
    """Add the scoring pages' routes to ``app``."""
    ws, render, lang, juror = pages.ws, pages.render, pages.lang, pages.juror
    autosave, not_saved, render_error = pages.autosave, pages.not_saved, pages.render_error
    held = pages.held

    def not_yours(aid: str, exc: NotYours | None = None, status: int = 200,
                  typed: list[tuple[str, str]] | None = None) -> Response:
        """A dossier not open to the juror; ``typed``: what a form sent, shown back to copy."""
        if isinstance(exc, Deported):  # their own page, from before the déport: no refusal
            # one the secretariat declared (call.yaml, conflicts/): no date, the juror
            # recorded nothing (its row's date is the workspace's first start)
            return render("message.html", status=status, heading="deported.title",
                          message="deported.declared" if exc.declared else "deported.message",
                          typed=typed or [],
                          note="deported.unsaved" if typed else "",
                          values={"id": str(exc), "when": fmt_time(exc.at, lang(), ws.call.config.timezone)})
        ws.refused(aid, request.path)
        if typed is not None and not autosave():  # no longer assigned: said, text kept
            return render("unsaved.html", status=404, message="unsaved.not_found",
                          typed=typed)
        return render_error(404, "not_found")

    def dossier_page(aid: str, did: str, status: int = 200, entry: Entry | None = None,
                     problems: dict[str, str] | None = None, message: str = "",
                     conflict: str = "", conflicts: list[str] | None = None,
                     typed: list[tuple[str, str]] | None = None,
                     theirs: Mapping[str, tuple[str, str]] | None = None) -> Response:
        # one read of the draft, access checked once (Workspace.page)
        page = ws.page(aid, did)
        values, op, shared = page.values, page.opinion, page.shared
        # the amount as stored (« 12500.5 ») written as the call's language writes it
        op = (op[0], amount_field(op[1], ws.lang), op[2])
        # the fields' bases (.draft): those of the page sent back, else the database's
        bases = entry.base if entry is not None and entry.base else bases_of(page.fields)
        if entry is not None:  # what was typed, shown back with the problems
            values = {c: (entry.values.get(c, ""), entry.comments.get(c, ""))
                      for c in set(entry.values) | set(entry.comments)}
            shared = entry.shared
            op = (entry.opinion, entry.amount, entry.comment)
        d = ws.dossiers[did]
        j = page.juror
        open_, deadline = page.open_, page.deadline
        has_file = bool(_attachment(ws, did))
        criteria = ws.criteria_of(aid)
        limit = comment_limit(len(criteria) + 1)
        return render("dossier.html", status=status, d=d, criteria=criteria,
                      max_comment=limit, max_comment_words=group_thousands(limit, lang()),
                      choices=ws.choices, values=values, shared=shared, op=op, money=ws.money,
                      editable=open_ and j.status == "open", juror=j, open_=open_,
                      deadline=deadline, problems=problems or {}, message=message,
                      has_file=has_file, opinions=OPINION_VALUES,
                      facts=_facts(d.facts, page_words(lang())("sep"), ws.grid.facts, lang()),
                      peers=page.peers, bases=bases, base_prefix=BASE,
                      conflict=conflict, typed=typed or [], unsaved=UNSAVED,
                      theirs=choices_of(theirs or {}), theirs_prefix=THEIRS,
                      # the fieldsets of the fields not saved
                      conflicts={f"f-{f.split(':', 1)[1]}" if ":" in f else "f-opinion"
                                 for f in conflicts or ()})

    @app.get("/dossier/<did>")
    def dossier(did: str) -> Response:
        aid = juror()
        try:
            return dossier_page(aid, did, message="saved" if request.args.get(
                "done") == "saved" else "")
        except NotYours as exc:
            return not_yours(aid, exc)

    @app.get("/dossier/<did>/file")
    def dossier_document(did: str) -> Response:
        aid = juror()
        try:
            ws.check_dossier(aid, did)
        except NotYours:
            return not_yours(aid)
        path = _attachment(ws, did)
        if path is None:
            abort(404)
        assert path is not None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        resp = send_file(path, mimetype=mime, as_attachment=True, download_name=path.name)
        resp.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return resp

    def typed_fields(entry: Entry) -> list[tuple[str, str]]:
        return typed_of(ws, lang(), entry)

    def problem_texts(problems: Mapping[str, Problem]) -> dict[str, str]:
        """Each field's problem in the page's language, saying what to type."""
        fr = lang() == "fr"
        t = page_words(lang())
        sep = t("sep") if fr else ", "  # « 0 ; 0,5 ; 1 », "0, 0.5, 1"
        return {f: t(p.key, count=group_thousands(int(p.typed), lang()),
                     limit=group_thousands(int(p.choices[0]), lang()))
                if p.key == "problem.comment_long" else
                t(p.key, typed=p.typed[:60], values=sep.join(
                    v.replace(".", ",") if fr else v for v in p.choices),
                  **opinion_words(lang()))
                for f, p in problems.items()}

    @app.post("/dossier/<did>")
    def dossier_post(did: str) -> Response:
        form = request.form
        action = form.get("action", "save")
        auto = autosave()
        who: Principal | None = g.get("who")
        if action != "deport" and who is None:
            # signed out (expired): said, and what was typed shown back to copy
            if auto:
                return not_saved(401, gone_reason(ws))
            return render("unsaved.html", status=401, message=f"unsaved.{gone_reason(ws)}",
                          typed=typed_fields(entry_of(form)))
        aid = juror()
        entry: Entry | None = None
        try:
            if action == "deport":
                return deport(aid, did, form.get("reason", "")[:2000],
                              form.get("confirmed") == "yes")
            entry = entry_of(form)
            choose(aid, did, entry, form)
            saved = ws.save(aid, did, entry)
        except NotYours as exc:
            if auto and isinstance(exc, Deported):
                return not_saved(409, "deported")
            return not_yours(aid, exc, status=409,
                             typed=None if entry is None else typed_fields(entry))
        except Refused as exc:
            if auto:
                return not_saved(409, exc.key)
            if entry is None:  # a déport refused
                return dossier_page(aid, did, status=409, message=f"refused.{exc.key}")
            return dossier_page(aid, did, status=409, entry=entry, message=f"unsaved.{exc.key}",
                                typed=typed_fields(entry))
        if saved.problems:
            texts = problem_texts(saved.problems)
            if auto:
                return not_saved(422, "problems", problems=texts)
            return dossier_page(aid, did, status=422, entry=entry, problems=texts,
                                message="dossier.problems")
        if saved.conflicts:  # changed in another tab: the rest saved, these kept on the page
            text = conflict_text(saved.conflicts)
            if auto:
                return Response(json.dumps({"bases": saved.bases, "conflicts": saved.conflicts,
                                            "message": text,
                                            "theirs": choices_of(saved.theirs)}),
                                status=409, mimetype="application/json")
            entry.base = {**(entry.base or {}), **saved.bases}
            return dossier_page(aid, did, status=409, entry=entry, conflict=text,
                                conflicts=saved.conflicts, theirs=saved.theirs)
        if auto:
            return Response(json.dumps({"bases": saved.bases}), status=200,
                            mimetype="application/json")
        return security.safe_redirect(security.local_url("dossier", did, done="saved"))

    def choose(aid: str, did: str, entry: Entry, form: Mapping[str, str]) -> None:
        """A conflict's choice sent by the form (the buttons of a conflict, without
        JavaScript): « Garder ma version » (``keep=<field>``) makes the stored value the page
        showed (``t:<field>``) the field's base: the typed value overwrites it, and nothing
        stored since; « Reprendre la valeur enregistrée » (``take=<field>``) puts the value
        stored now in the field, which is then left as it is (:mod:`.draft`)."""
        keep, take = form.get("keep", ""), form.get("take", "")
        if entry.base is None:
            return
        if keep and form.get(THEIRS + keep):
            entry.base[keep] = form[THEIRS + keep][:64]
        if take:
            text = ws.stored(aid, did).get(take)
            if text is not None:
                put(entry, take, text)
                entry.base[take] = digest(text)

    def choices_of(theirs: Mapping[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
        """Each conflicting field's two versions, for the page and for autosave.js: the
        field's name, the stored value (its text, its base, as said) and the juror's, said."""
        t = page_words(lang())
        names = {"v": t("conflict.value"), "c": t("dossier.comment"), "s": t("dossier.share"),
                 "opinion": t("dossier.opinion"), "amount": t("dossier.amount"),
                 "shared": t("dossier.overall_comment")}
        return {f: {"label": names.get(f.partition(":")[0] if ":" in f else f, f),
                    "text": stored, "base": digest(stored), "shown": said(f, stored),
                    "mine": said(f, mine)}
                for f, (stored, mine) in theirs.items()}

    def said(f: str, text: str) -> str:
        """A field's stored text as the page says it: « 2,5 », « Favorable », « cochée »."""
        t = page_words(lang())
        kind = f.partition(":")[0]
        if kind == "s":
            return t("conflict.ticked" if text else "conflict.unticked")
        if not text:
            return t("conflict.empty")
        if f == "opinion":
            return opinion_said(lang(), text)
        if kind == "v" and lang() == "fr":
            return text.replace(".", ",")
        return text

    def deport(aid: str, did: str, reason: str, confirmed: bool) -> Response:
        """The déport form: first a page to confirm it (what a déport does, the reason),
        then the déport itself, answered by a redirect (Back never lands on the answer to a
        POST, which a browser cannot show again: « Confirm Form Resubmission »)."""
        if not confirmed:  # a dossier page from before the confirmation page was a GET
            ws.check_dossier(aid, did)
            ws.check_writable(aid)
            if not reason.strip():
                return security.safe_redirect(security.local_url("dossier", did, "deport"))
            return render("deport_confirm.html", d=ws.dossiers[did], reason=reason.strip())
        # a write that failed (Unwritten) is recorded: the secretariat is told and writes it
        # again; the juror's list says so, from the juror's state (a redirect: Back works);
        # the folder held by another command (Held): said at once, « try again »
        try:
            ws.deport(aid, did, reason)
        except Busy as exc:  # after the vote, the folder held: not checked, not recorded
            return busy_page(render, lang(), exc, "deport")
        except LockRefused as exc:  # after the vote, the lock refused: not checked either
            return lock_page(render, lang(), exc, "deport")
        except Held as exc:
            return held(exc, "deport")
        except Unwritten:
            pass
        except ChangesDecided as exc:  # after the vote (.decided): the dossier kept
            return render("decided.html", status=409, kind="deport",
                          changes=ws.decided_lines(aid, exc.found, lang()))
        return security.safe_redirect(security.local_url(done="deport"))

    @app.get("/dossier/<did>/deport")
    def deport_page(did: str) -> Response:
        """The page to confirm a déport, with its reason (a GET: the dossier page's button
        leads here, and Back comes here again without a browser's error)."""
        aid = juror()
        try:
            ws.check_dossier(aid, did)
            ws.check_writable(aid)
        except NotYours as exc:  # deported since (Back after confirming): said so
            return not_yours(aid, exc)
        except Refused as exc:
            return render("message.html", status=409, message=f"refused.{exc.key}")
        return render("deport_confirm.html", d=ws.dossiers[did], reason="")

    def conflict_text(fields: list[str]) -> str:
        """« Ce dossier a été modifié sur un autre appareil ou dans une autre fenêtre… », naming the criteria (and
        the opinion) whose fields were not saved."""
        t = page_words(lang())
        names: list[str] = []
        for f in fields:
            name = f.split(":", 1)[1] if ":" in f else t("conflict.opinion")
            if name not in names:
                names.append(name)
        return t("conflict.message", fields=", ".join(names),
                 de_fields=de_name(", ".join(names)))  # « d'ALS-2 »

    @app.get("/submit")
    def submit_page() -> Response:
        """The page to confirm a submission (a GET, as the déport's: Back comes here again
        without a browser's error; once submitted, the juror's list says so)."""
        aid = juror()
        try:
            ws.check_writable(aid)
        except Refused as exc:
            # Back after submitting, or scoring closed since: the list says it (a page
            # merely opened, where nothing was to be saved, is no refused save)
            if exc.key in ("submitted", "closed"):
                return security.safe_redirect("/")
            return render("message.html", status=409, message=f"refused.{exc.key}")
        missing = sum(1 for n, m in ws.progress(aid).values() if n < m)
        # its dossiers: the page names those with text kept in this browser (kept.js)
        return render("submit_confirm.html", missing=missing, visible=ws.dossiers_of(aid)[0],
                      dossiers=ws.dossiers)

    @app.post("/submit")
    def submit() -> Response:
        aid = juror()
        if request.form.get("confirmed") != "yes":  # a list from before: the page to confirm
            return security.safe_redirect("/submit")
        try:
            # submitted even when its files cannot be written (Unwritten): the secretariat is
            # told and writes them again; the juror's list says so, from the juror's state
            # (a redirect: Back works)
            ws.submit(aid)
        except Busy as exc:  # after the vote, the folder held: not checked, not recorded
            return busy_page(render, lang(), exc, "submit")
        except LockRefused as exc:  # after the vote, the lock refused: not checked either
            return lock_page(render, lang(), exc, "submit")
        except Held as exc:  # the folder held by another command: « try again »
            return held(exc, "submitted")
        except Unwritten:
            pass
        except ChangesDecided as exc:  # after the vote (.decided): the sheet stays open
            return render("decided.html", status=409,
                          changes=ws.decided_lines(aid, exc.found, lang()))
        except Refused as exc:
            return render("message.html", status=409, message=f"refused.{exc.key}")
        return security.safe_redirect(security.local_url(done="submitted"))

    @app.post("/write")
    def write_again() -> Response:
        """The juror's files written again to the call folder, from the page of a folder
        that another command held (:class:`Held`); then their list, which says what was
        done (``done``: ``submitted``, ``deport``) from their state."""
        aid = juror()
        done = request.form.get("done", "")
        try:
            ws.export(aid)
        except Held as exc:
            return held(exc, done if done in ("submitted", "deport") else "submitted")
        except Unwritten:  # the list says it, from the juror's state
            pass
        return security.safe_redirect(security.local_url(
            done=done if done in ("submitted", "deport") else None))


def entry_of(form: Mapping[str, str]) -> Entry:
    """What the sheet's form sent."""
    entry = Entry(opinion=form.get("opinion", ""), amount=form.get("amount", ""),
                  comment=form.get("shared", ""))
    base: dict[str, str] = {}
    for key, value in form.items():
        if key.startswith("v:"):
            entry.values[key[2:]] = value
        elif key.startswith("c:"):
            entry.comments[key[2:]] = value
        elif key.startswith("s:"):  # « à transmettre au porteur », ticked
            entry.shared.add(key[2:])
        elif key.startswith(BASE):  # what the field held when the page had it
            base[key[len(BASE):]] = value[:64]
    entry.base = base or None
    return entry

def amount_field(stored: str, lang: str) -> str:
    """A stored amount (``12500.5``, :func:`isgrid.messages.plain_number`) as the page's
    field shows it, in the call's language, which the amounts' reader reads it in:
    « 12 500,50 » in French (``12,500.50`` in English), the value unchanged; the field
    showed « 12500.5 » to a juror who had typed « 12 500,50 »."""
    try:
        value = float(stored) if stored else None
    except ValueError:
        return stored
    if value is None:
        return ""
    return euros(value, lang).removesuffix("\u202f€").removeprefix("€")


def typed_of(ws: Workspace, lang: str, entry: Entry) -> list[tuple[str, str]]:
    """(field, text) of what the juror typed, shown back to copy when it could not be
    saved (the session expired, the sheet submitted elsewhere, a page no longer valid),
    in the page's language ``lang``."""
    t = page_words(lang)
    out: list[tuple[str, str]] = []
    for cid in dict.fromkeys([*entry.values, *entry.comments]):
        c = ws.criteria.get(cid)
        # the grid's words with French typography's spaces, as the dossier page says them
        name = f"{cid} — {printed(c.label, ws.grid.lang or lang)}" if c is not None else cid
        if entry.values.get(cid, "").strip():  # « 3 — Totalement présent », as the page's
            out.append((name, _level(ws, c, entry.values[cid], lang)))  # radio says it
        if entry.comments.get(cid, "").strip():
            out.append((f"{name}{t('colon')}{t('dossier.comment')}", entry.comments[cid]))
    for key, text in (("dossier.opinion", opinion_said(lang, entry.opinion)),
                      ("dossier.amount", entry.amount),
                      ("dossier.overall_comment", entry.comment)):
        if text.strip():  # the opinion in the page's words (its button's), not « réservé »
            out.append((t(key), text))
    return out


def _level(ws: Workspace, c: Criterion | None, value: str, lang: str) -> str:
    """A rating typed, as the dossier page's radio button says it: its value (« 1,5 » on a
    French page) and its level's label in the grid's words, « 3 — Totalement présent »; a
    value that is no level of the criterion's scale, as it was typed."""
    if c is None:
        return value
    for v, label, _desc in ws.choices(c):
        if v == value.strip() and v != "NE":
            shown = v.replace(".", ",") if lang == "fr" else v
            return f"{shown} — {printed(label, ws.grid.lang or lang)}" if label else shown
    return value


def _attachment(ws: Workspace, did: str) -> Path | None:
    """The dossier's own document beside its YAML (dossiers/<id>.pdf...), if any."""
    d = ws.dossiers[did]
    rel = dossier_file(ws.call, did, d.file)
    if not rel or rel.endswith((".yaml", ".yml")):
        return None
    path = (ws.folder / rel).resolve()
    try:
        path.relative_to(ws.folder.resolve())
    except ValueError:
        return None
    return path if path.is_file() else None


def _facts(facts: dict[str, Any], sep: str = "; ",
           specs: Mapping[str, FactSpec] | None = None,
           lang: str = "fr") -> list[tuple[str, str, str, bool]]:
    """The dossier's facts for the juror's page: each fact's name, the label the grid
    declares for it (:func:`isgrid.grid.facts.fact_label`, the grid's words in either
    language, as every document names a fact; the page showed ``eligible_costs``) and its
    value as a reader reads it, by its declared type (:func:`isgrid.documents.typography.
    fact_text`: « 24 000 € », « 20 mai 2016 »; the page showed « 24000 », « 2016-05-20 »),
    a list's items joined by ``sep`` (the page's language: « ; » held by U+202F in
    French); and whether that value is the dossier's own words (text as written, marked
    with the call's language on a page in another: numbers, dates, yes/no are the page's)."""
    specs = specs or {}
    return [(k, fact_label(specs, k), fact_text(v, specs.get(k), lang, sep),
             isinstance(v, str) or (isinstance(v, list) and all(isinstance(i, str) for i in v)))
            for k, v in facts.items()
            if k not in ("id", "title", "summary", "narrative", "self_assessment")]
