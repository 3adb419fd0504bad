"""The jury workspace's web pages (``isgrid jury serve CALL``), served by waitress.

Every page works without JavaScript (plain forms: "save draft", "submit", the
déport); ``autosave.js`` only saves a draft a moment after the juror types.
The scoring pages' routes (a dossier, its saves, the déport, the submission) are
:mod:`.scoring`'s, the secretariat's pages are in :mod:`.adminpages`; this module has the
sign-in, the juror's list, and what every page shares.  Web safety is
:mod:`isgrid.web.security` (CSRF on every form, strict same origin, the CSP, clean error
pages); this module adds who may see what:

* a juror is signed in by a personal link (:meth:`Workspace.sign_in`); the
  session cookie (``HttpOnly``, ``SameSite=Strict``, ``Secure`` behind HTTPS)
  holds a random secret whose sha256 is the session's key in the database;
* every dossier, rating and déport is looked up for the signed-in juror only:
  another juror's dossier is a 404, the secretariat's pages a 403, both logged
  and recorded in the audit log;
* failed sign-ins are limited per address (:class:`RateLimiter`); a valid link is never
  refused by that limit.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, request, send_file, session
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..call.purge_extra import Day
from ..documents.typography import Verbatim, printed
from ..i18n import de_name, lang_attr
from ..io.bidi import bidi_isolated
from ..io.collector import freeze_long_lived
from ..messages import euros
from ..web import security
from ..web.server import LOCAL_PROXY, build_deferred_models, make_server, run
from .access import SESSION_COOKIE, Principal
from .adminpages import Secretariat
from .adminpages import install as install_admin
from .draft import MAX_REQUEST
from .moments import deadline_field, fmt_time
from .purged import purge_of, where
from .scoring import Pages, entry_of, gone_reason, revoked_session, typed_of
from .scoring import install as install_scoring
from .store import Held, Workspace
from .texts import opinion_label, page_words
from .unavailable import install as install_unavailable

log = logging.getLogger("isgrid.workspace")

COOKIE = SESSION_COOKIE
HERE = Path(__file__).parent
#: The hidden field every form carries: whose page it is (the juror's id, or the
#: secretariat's ``SECRETARY``; empty: no session). Never trusted for access: it only lets a
#: refused CSRF token say that another session is open in this browser now.
PAGE_OF = "page_of"
#: The sign-in page's ``Referrer-Policy``: its address holds the link's secret, which the
#: form's POST would otherwise carry as ``Referer`` into the proxy's access log.
REFERRER_POLICY_SIGNIN = "strict-origin"
#: The seconds a page of a folder held by another command asks the browser to wait
#: (``Retry-After``) before it tries again (:func:`create_app`'s ``held``).
RETRY_AFTER = 5


class RateLimiter:
    """At most ``limit`` failed attempts per key in ``window`` seconds."""

    def __init__(self, limit: int = 10, window: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, key: str) -> bool:
        with self._lock:
            q = self._fails.get(key)
            now = self.clock()
            while q and q[0] <= now - self.window:
                q.popleft()
            return q is not None and len(q) >= self.limit

    def failed(self, key: str) -> None:
        with self._lock:
            self._fails.setdefault(key, deque()).append(self.clock())


def create_app(ws: Workspace, *, secure_cookies: bool = False,
               trusted_origins: tuple[str, ...] = (), signin_limit: int = 10) -> Flask:
    """The Flask app of one workspace (a WSGI application: serve it with waitress)."""
    build_deferred_models()  # its requests read the journal, in threads
    app = Flask(__name__, static_folder=None)
    app.secret_key = ws.secret_key()
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST
    app.config["SESSION_COOKIE_NAME"] = "isgrid_jury_csrf"
    app.config["SESSION_COOKIE_SECURE"] = secure_cookies
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True,
                      # a text's bidi controls isolated (io.bidi), but not a form's value
                      # nor a text given back to copy (``verbatim``): as typed
                      finalize=lambda v: bidi_isolated(v) if isinstance(v, str)
                      and not isinstance(v, Verbatim) else v)
    env.filters["verbatim"] = lambda v: Verbatim("" if v is None else v)
    limiter = RateLimiter(limit=signin_limit)
    default_lang = ws.call.config.lang or "fr"
    zone = ws.call.config.timezone
    if default_lang not in ("fr", "en"):
        default_lang = "fr"

    grid_lang = ws.grid.lang or default_lang

    def lang() -> str:
        raw = request.args.get("lang")
        if raw in ("fr", "en"):
            session["lang"] = raw
            return raw
        stored = session.get("lang")
        return stored if stored in ("fr", "en") else default_lang

    def render(name: str, status: int = 200, keep: tuple[str, ...] = (),
               **ctx: Any) -> Response:
        """The page ``name``; its language link keeps the query arguments ``keep`` (the
        audit page's filters), the same page in the other language."""
        lg = lang()
        t = page_words(lg)
        html = env.get_template(name).render(
            t=t, lang=lg, nonce=security.nonce(), csrf=csrf_fields,
            other_lang_url=security.lang_switch_url("en" if lg == "fr" else "fr", keep),
            who=g.get("who"), who_name=name_of(g.get("who"), t),
            title=ws.call.config.title, zone=zone,
            # times in the call's time zone, in the page's words (moments.fmt_time)
            fmt_time=lambda epoch: fmt_time(epoch, lg, zone),
            deadline_field=lambda epoch: deadline_field(epoch, lg, zone),
            money_text=lambda raw: money_text(raw, lg),
            opinion_label=lambda value: opinion_label(value, lg),
            # the grid's and the call's own words (their lang) on a page in another language:
            # marked so that a screen reader reads them with their language's voice
            grid_lang=lang_attr(grid_lang, lg), call_lang=lang_attr(default_lang, lg),
            in_grid=_words(grid_lang, lg), in_call=_words(default_lang, lg),
            grid_text=lambda text: printed(text, grid_lang),
            call_text=lambda text: printed(text, default_lang), **ctx)
        return Response(html, status=status, mimetype="text/html")

    def csrf_fields() -> Markup:
        """Every form's hidden fields: the CSRF token, and whose page it is (PAGE_OF)."""
        who: Principal | None = g.get("who")
        return security.csrf_field() + Markup('<input type="hidden" name="{}" value="{}">'
                                              ).format(PAGE_OF, who.actor if who else "")

    def other_session() -> str:
        """The name of the session open in this browser when a form comes from a page of
        another one (another juror signed in since, in another tab), else ''."""
        who: Principal | None = g.get("who")
        try:
            page_of = request.form.get(PAGE_OF)
        except Exception:  # an unreadable body: no more said
            return ""
        if who is None or page_of is None or page_of == who.actor:
            return ""
        return name_of(who, page_words(lang()))

    def name_of(who: Principal | None, t: Callable[..., str]) -> str:
        """Whom a session or a link is: the juror's name (their id without one), or the
        secretariat; shown on every page and on the sign-in page."""
        if who is None:
            return ""
        if who.juror is None:
            return t("secretariat")
        a = ws.call.assessors.get(who.juror)
        return (a.name if a is not None and a.name else "") or who.juror

    def autosave() -> bool:
        """The request is the autosave script's: its answer is JSON, never a page."""
        return request.headers.get("X-Autosave") == "1"

    def not_saved(status: int, reason: str, **extra: Any) -> Response:
        """An autosave's answer when nothing was saved: ``{"reason": …}``, which the
        script says on the page (``unsaved.<reason>``)."""
        return Response(json.dumps({"reason": reason, **extra}, ensure_ascii=False),
                        status=status, mimetype="application/json")

    def held(exc: Held, done: str) -> Response:
        """The call folder held by another command longer than a request waits
        (:class:`~isgrid.workspace.export.Held`: a ``sheets import``): answered by a
        redirect to the page that says it (:func:`held_page`), so that Back and reload never
        send the form again.  ``done``: what was recorded (``submitted``, ``deport``; the
        secretariat's ``lifted``, ``written``)."""
        if done in ("lifted", "written"):
            return security.safe_redirect(security.local_url("admin", "held", exc.aid,
                                                             done=done))
        return security.safe_redirect(security.local_url("held", done=done))

    def held_page(aid: str, done: str, admin: bool) -> Response:
        """What is recorded (nothing is lost), who holds the call folder now (its lock file),
        and a button that writes the files again; HTTP 503 with ``Retry-After``.  The files
        written since (by that button, or by the secretariat): what was done."""
        if not ws.juror(aid).unwritten:
            return security.safe_redirect(security.local_url("admin", done="written", juror=aid)
                                          if admin else security.local_url(done=done))
        resp = render("held.html", status=503, done=done, juror=aid, admin=admin,
                      holder=ws.holder()[lang()],
                      retry=security.local_url("admin", "write", aid) if admin else "/write")
        resp.headers["Retry-After"] = str(RETRY_AFTER)
        return resp

    def render_error(status: int, key: str) -> Response:
        if key == "csrf" and security.csrf_refusal() == "token":
            return refused_token(status)
        if autosave():  # a déport in another tab: said by the script
            return not_saved(status, key)
        if key == "csrf":  # not sent from a page of this site
            return render("error.html", status=status, status_code=status, key="csrf_origin")
        return render("error.html", status=status, status_code=status, key=key)

    def refused_token(status: int) -> Response:
        """A form from this site without this session's token: nothing was done; said in
        a juror's words, with what they typed on a dossier shown back to copy.  With no
        session at all left in the browser (its cookies cleared, or expired), the words of
        an expired session, as when the session alone is gone."""
        gone = g.get("who") is None
        if request.endpoint == "signin":  # the sign-in page itself, left open: once more
            return signin_form(request.form.get("secret", ""), 403, "signin.again")
        if autosave():
            return not_saved(401, gone_reason(ws)) if gone else not_saved(status, "csrf")
        if request.endpoint == "dossier_post":
            typed = typed_of(ws, lang(), entry_of(request.form))
            if gone:
                return render("unsaved.html", status=401, message=f"unsaved.{gone_reason(ws)}",
                              typed=typed)
            other = other_session()
            return render("unsaved.html", status=status, typed=typed,
                          message="error.csrf_other" if other else "unsaved.csrf_page",
                          values={"name": other})
        if gone:
            return render("signin_needed.html", status=401, message=gone_words())
        return render("error.html", status=status, status_code=status, key="csrf",
                      other=other_session())

    def gone_words() -> str:
        """Why the browser's session is gone: revoked by the secretariat (« link
        revoked », never why), else expired."""
        return "error.revoked" if revoked_session(ws) else "error.signin"

    def signin_needed(status: int = 401) -> Response:
        """« Open your personal link », or « your session has expired » (« link revoked »
        when revoked) when the browser still holds a session the workspace no longer
        knows."""
        expired = bool(request.cookies.get(COOKIE)) and g.get("who") is None
        return render("signin_needed.html", status=status,
                      message=gone_words() if expired else "signin.needed")

    @app.before_request  # expired sessions and links deleted as the server runs (.access)
    def _sweep() -> None:
        ws.sweep_now_and_then()

    @app.before_request  # before the CSRF check: its error page names the session
    def _who() -> None:
        raw = request.cookies.get(COOKIE)
        g.who = ws.principal(raw) if raw else None

    @app.before_request  # before the CSRF check: a form left open says why too
    def _purged() -> Response | None:
        """A purged call (:mod:`.purged`): every page says so, and nothing is recorded; the
        page names no one (the purge pseudonymised the names this workspace still holds)."""
        purge = purge_of(ws.folder)
        if purge is None or request.endpoint in ("script", "signout"):
            return None
        if autosave():  # said by the script: nothing saved, copy what was typed
            return not_saved(409, "closed")
        who: Principal | None = g.get("who")
        g.who = None
        lg = lang()
        if who is not None and who.role == "secretary":
            log.warning("the call was purged on %s: the workspace refused %s %s", purge.at,
                        request.method, request.path)
            return render("purged.html", status=410, message="purged.secretary",
                          values={"date": Day(purge.at).translated(lg),
                                  "where": where(ws.folder)})
        return render("purged.html", status=410, message="purged.juror",
                      values={"date": Day(purge.at).translated(lg)})

    security.install(app, render_error=render_error, trusted_origins=trusted_origins)

    def juror() -> str:
        who: Principal | None = g.get("who")
        if who is None or who.role != "juror" or who.juror is None:
            abort(signin_needed())
        assert who is not None and who.juror is not None
        return who.juror

    def secretary() -> None:
        who: Principal | None = g.get("who")
        if who is None:
            abort(signin_needed())
        assert who is not None
        if who.role != "secretary":
            ws.refused(who.actor, request.path)
            abort(403)

    # ------------------------------------------------------------ sign-in
    @app.get("/signin/<secret>")
    def signin_page(secret: str) -> Response:
        # A page with a button, not a sign-in on GET: mail scanners that open links
        # sign no one in, and the session cookie is set by a same-site request.  A link
        # that signs no one in is said at once (not counted as a failed sign-in: a mail
        # scanner opening an expired link would lock its reader out).
        return signin_form(secret)

    def signin_form(secret: str, status: int = 200, message: str = "") -> Response:
        """The sign-in page: whose link it is, and whether someone else is signed in in
        this browser (then the link's juror confirms: a link shared by mistake would
        otherwise switch the session silently)."""
        owner, other = link_and_other(secret)
        t = page_words(lang())
        if secret and owner is None and not message:  # said at once, not after a click
            status, message = 403, "signin.failed"
        resp = render("signin.html", status=status, secret=secret if owner else "",
                      message=message, owner=owner, owner_name=name_of(owner, t),
                      other=name_of(other, t),
                      de_name=de_name)
        resp.headers["Referrer-Policy"] = REFERRER_POLICY_SIGNIN
        return resp

    def link_and_other(secret: str) -> tuple[Principal | None, Principal | None]:
        """(whose link ``secret`` is, the other session open in this browser, if any)."""
        owner = ws.link_owner(secret) if secret else None
        who: Principal | None = g.get("who")
        return owner, (who if owner is not None and who is not None and who != owner
                       else None)

    @app.post("/signin")
    def signin() -> Response:
        key = request.remote_addr or "?"
        secret_given = request.form.get("secret", "")
        # a valid link always signs in: the failures counted per address would otherwise
        # lock out every juror behind one address (an office's NAT, a proxy not declared
        # by --trusted-proxy) after ten stale or mistyped links; a secret is 256 random
        # bits, the limit only spares the server a flood of guesses
        if limiter.blocked(key) and ws.link_owner(secret_given) is None:
            log.warning("sign-in refused: too many attempts from %s", key)
            return render("signin.html", status=429, secret="", message="signin.limited")
        if link_and_other(secret_given)[1] is not None and request.form.get("confirm") != "oui":
            return signin_form(secret_given, 409, "signin.confirm_needed")
        found = ws.sign_in(secret_given)
        if found is None:
            limiter.failed(key)
            log.warning("sign-in failed from %s", key)
            return render("signin.html", status=403, secret="", message="signin.failed")
        secret, who = found
        # the same person signing in again (their link opened in a new tab, a session
        # expired) keeps the browser's CSRF token: the pages they have open go on saving for
        # them; anyone else gets a new one, and a page opened under the other session is
        # refused (security.keep_csrf_for)
        security.keep_csrf_for(who.actor, role=who.role)
        resp = security.safe_redirect("/admin" if who.role == "secretary" else "/")
        resp.set_cookie(COOKIE, secret, httponly=True, samesite="Strict",
                        secure=secure_cookies, path="/")
        return resp

    @app.post("/signout")
    def signout() -> Response:
        raw = request.cookies.get(COOKIE)
        if raw:
            ws.sign_out(raw)
        resp = security.safe_redirect("/")
        resp.delete_cookie(COOKIE, path="/", httponly=True, samesite="Strict",
                           secure=secure_cookies)
        return resp

    # ------------------------------------------------------------ the juror
    @app.get("/")
    def home() -> Response:
        who: Principal | None = g.get("who")
        if who is None:
            return signin_needed(200)
        if who.role == "secretary":
            return security.safe_redirect("/admin")
        aid = juror()
        visible, gone = ws.dossiers_of(aid)
        prog = ws.progress(aid)
        j = ws.juror(aid)
        open_, deadline = ws.state()
        return render("home.html", juror=j, visible=visible, gone=gone, progress=prog,
                      dossiers=ws.dossiers, open_=open_, deadline=deadline,
                      missing=sum(1 for n, m in prog.values() if n < m),
                      done=request.args.get("done", "")[:20])

    pages = Pages(ws, render, lang, juror, autosave, not_saved, render_error, held)
    install_scoring(app, pages)
    install_unavailable(app, pages)  # the database failing: 503, what was typed kept

    @app.get("/held")
    def juror_held() -> Response:
        """The page of a submission or a déport whose files wait for the call folder."""
        aid = juror()
        done = request.args.get("done", "")
        return held_page(aid, done if done in ("submitted", "deport") else "submitted", False)

    @app.get("/static/<any(autosave, kept):name>.js")
    def script(name: str) -> Response:
        return send_file(HERE / "static" / f"{name}.js", mimetype="text/javascript",
                         max_age=0)

    install_admin(app, Secretariat(ws, render, lang, secretary, held, held_page))

    return app


def money_text(raw: str, lang: str) -> str:
    """An amount the workspace stores as text (``12000``, ``12000.5``) as the page's language
    writes money (:func:`isgrid.messages.euros`: « 12 000 € », "€12,000.50"); a text that
    is no number, as it is."""
    try:
        return euros(float(raw), lang)
    except ValueError:
        return raw


def serve(ws: Workspace, host: str, port: int, *, secure_cookies: bool = False,
          trusted_origins: tuple[str, ...] = (), threads: int = 8,
          trusted_proxy: str = LOCAL_PROXY,
          on_ready: Callable[[int], None] | None = None) -> None:
    """Serve the workspace with waitress until Ctrl+C or SIGTERM (:func:`isgrid.web.server.run`),
    then close its database (:meth:`Workspace.close`: on SQLite, everything in
    ``jury.sqlite3``, no ``-wal`` file left beside it)."""
    try:
        from ..web.server import log_to_stderr

        log_to_stderr()  # each line with its time and request (isgrid.web.server)
        app = create_app(ws, secure_cookies=secure_cookies, trusted_origins=trusted_origins)
        server = make_server(app, host, port, threads, behind_proxy=secure_cookies,
                             trusted_proxy=trusted_proxy)
        # the call, loaded once and kept, out of the collector's scans (the result is, at
        # each re-score: Workspace.result); here, not in Workspace(): `jury invite` and the
        # tests make workspaces that serve nothing, each would pay a full collection
        freeze_long_lived()
        run(server, on_ready)
    finally:
        ws.close()


def _words(content: str, page: str) -> Callable[[Any], Markup]:
    """A text in ``content``'s language as the page shows it: in a ``<span lang>`` on a page
    in another language, else as it is (:func:`isgrid.i18n.lang_attr`); in French with
    French typography's spaces, as every document prints it (:func:`printed`: only spaces
    already written change, never the grid's or the call's words)."""
    attr = lang_attr(content, page)
    if not attr:
        return lambda text: escape(printed(text, content))
    return lambda text: Markup("<span{}>{}</span>").format(attr, printed(text, content))
