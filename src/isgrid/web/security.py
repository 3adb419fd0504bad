"""Web safety in one place: every Flask app of isgrid calls :func:`install`.

What :func:`install` adds to an app (docs/security.md, "The web pages"):

* **CSRF protection on every state-changing request** (any method but GET,
  HEAD, OPTIONS), two independent checks, both required:

  1. *strict same origin*: ``Sec-Fetch-Site``, when the browser sends it, must
     be ``same-origin`` (or ``none``); the ``Origin`` header must be exactly the
     server's own origin (``null`` is refused), or, when a client sends no
     ``Origin``, the ``Referer`` must start with it.  A request with neither is
     refused.  Behind a reverse proxy that terminates HTTPS, declare the public
     origin with ``install(app, trusted_origins=["https://example.org"])`` or
     ``app.config["ISGRID_TRUSTED_ORIGINS"]``.
  2. *a per-session token*: :func:`csrf_token` (call it when rendering a form,
     and put it in a hidden field named :data:`CSRF_FIELD`; :func:`csrf_field`
     gives the ready-made ``<input>``) is kept in Flask's signed session cookie
     (``HttpOnly``, ``SameSite=Lax``: see :data:`CSRF_COOKIE_SAMESITE`); the request
     must carry the same value in the form field or in the ``X-CSRF-Token`` header.

  A refused request gets the app's error page with status 403 and
  ``key="csrf"``.
* **Security headers** on every response: a Content-Security-Policy (built by
  :func:`content_security_policy`: nothing but the page itself; inline scripts
  only with this response's nonce, :func:`nonce`; no framing, no ``<base>``,
  forms only to this origin), ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: same-origin`` (so that a cross-site form post carries
  ``Origin: null``), ``X-Frame-Options: DENY``, ``Cross-Origin-Opener-Policy``,
  ``Cross-Origin-Resource-Policy`` and ``Cache-Control: no-store``.  A response
  that already has one of them keeps its own.
* **Clean error pages**: every HTTP error and every exception goes to the
  app's ``render_error(status, key)`` (or a small built-in page); no path, no
  exception text, no traceback ever reaches the browser.  ``key`` is one of
  :data:`ERROR_KEYS`.

And helpers so that no link or redirect is ever built from the request path:
:func:`local_url` (an absolute path on this site from known, quoted pieces),
:func:`lang_switch_url` (the same page in another language, rebuilt from the
matched route, never from ``request.path``), :func:`safe_redirect` (refuses any
target that is not a local path).  :data:`STATIC_CSP` is the policy of the
pages isgrid writes to disk (the séance dashboard, the reports), for a
``<meta http-equiv>``.

The API (stable: other apps rely on it): :func:`install`, :func:`csrf_token`,
:func:`csrf_field`, :func:`csrf_refusal`, :func:`keep_csrf_for`, :func:`nonce`, :func:`content_security_policy`,
:func:`local_url`, :func:`lang_switch_url`, :func:`safe_redirect`,
:func:`is_local_url`, :data:`CSRF_FIELD`, :data:`CSRF_HEADER`,
:data:`ERROR_KEYS`, :data:`STATIC_CSP`, :class:`CsrfError`.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from flask import Flask, Response, g, request, session
from markupsafe import Markup, escape
from werkzeug.exceptions import Forbidden, HTTPException
from werkzeug.routing import BuildError

log = logging.getLogger(__name__)

#: Name of the hidden form field that carries the CSRF token.
CSRF_FIELD = "csrf_token"
#: Header that may carry the token instead (scripts' ``fetch``).
CSRF_HEADER = "X-CSRF-Token"
#: Methods that change nothing and are never checked.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Keys given to ``render_error``: what went wrong, for the app's own words.
ERROR_KEYS = ("not_found", "method", "bad_request", "too_large", "csrf", "internal")
#: The policy of a page written to disk (no script at all, inline style only).
STATIC_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
              "base-uri 'none'; form-action 'none'")

#: The ``SameSite`` of the cookie that keeps the CSRF token (Flask's session cookie:
#: the token, and the page language, nothing that signs anyone in).  ``Lax``, not
#: ``Strict``: a juror's sign-in link opened from a webmail (a navigation that starts on
#: another site) carried no ``Strict`` cookie, so the page was made with a new session
#: whose cookie replaced the browser's, and the pages the juror had open were refused.
#: Safe: a ``Lax`` cookie is sent on another site's top-level GET only, never on its POST
#: (nor on its images, scripts or frames); a GET changes nothing (:data:`SAFE_METHODS`;
#: the token it may create, the language it may set, are the browser's own and act for
#: no one); and a state-changing request must still come from this very origin
#: (``_same_origin``), token or not.  The cookie that signs a person in is the app's
#: own, and stays ``Strict``.
CSRF_COOKIE_SAMESITE = "Lax"

_SESSION_KEY = "_csrf"
#: Whom the token was made for at a sign-in (:func:`keep_csrf_for`).
_OWNER_KEY = "_csrf_for"

#: ``render_error(status, key)``: the app's error page for a status and an
#: :data:`ERROR_KEYS` key.  It must not raise.
ErrorRenderer = Callable[[int, str], Response]


class CsrfError(Forbidden):
    """A state-changing request from another site, or without a valid token."""

    description = "csrf"


def install(app: Flask, *, render_error: ErrorRenderer | None = None,
            trusted_origins: Iterable[str] = (), exempt: Iterable[str] = (),
            style_src: str = "'unsafe-inline'") -> None:
    """Add CSRF protection, security headers and clean error pages to ``app``.

    ``render_error``: the app's error page (default: a small bilingual page).
    ``trusted_origins``: origins accepted besides the server's own (a proxy's
    public ``https://`` origin).  ``exempt``: endpoint names never checked
    (none in isgrid; for a JSON API authenticated otherwise).  ``style_src``:
    the CSP ``style-src`` (isgrid's pages inline their stylesheet).
    """
    if not app.secret_key:
        env_key = os.environ.get("ISGRID_SECRET_KEY")
        app.secret_key = env_key or secrets.token_bytes(32)
    app.config.setdefault("SESSION_COOKIE_NAME", "isgrid_session")
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = CSRF_COOKIE_SAMESITE
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.config["TRAP_HTTP_EXCEPTIONS"] = False
    app.debug = False
    trusted = frozenset(o.rstrip("/") for o in trusted_origins)
    skip = frozenset(exempt)
    renderer = render_error or _default_error
    app.extensions["isgrid.security"] = {"style_src": style_src}

    @app.before_request
    def _check_csrf() -> None:
        if request.method in SAFE_METHODS or request.endpoint in skip:
            return
        extra = frozenset(o.rstrip("/") for o in app.config.get("ISGRID_TRUSTED_ORIGINS", ()))
        if not _same_origin(trusted | extra):
            g._isgrid_csrf = "origin"
            raise CsrfError()
        expected = session.get(_SESSION_KEY)
        given = request.headers.get(CSRF_HEADER)
        if given is None:  # a body too large raises RequestEntityTooLarge here: a 413 page
            given = request.form.get(CSRF_FIELD)
        if not (isinstance(expected, str) and isinstance(given, str) and expected
                and hmac.compare_digest(expected.encode(), given.encode())):
            g._isgrid_csrf = "token"
            raise CsrfError()

    @app.after_request
    def _headers(resp: Response) -> Response:
        h = resp.headers
        if "Content-Security-Policy" not in h:
            h["Content-Security-Policy"] = content_security_policy(
                g.get("_isgrid_nonce"), style_src=style_src)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        h.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        h.setdefault("Cache-Control", "no-store")
        return resp

    def _render(status: int, key: str) -> Response:
        try:
            resp = renderer(status, key)
        except Exception:  # the app's error page itself failed: the plain one
            log.exception("error page failed")
            resp = _default_error(500 if status < 500 else status, "internal")
        resp.status_code = status
        return resp

    @app.errorhandler(CsrfError)
    def _csrf(exc: CsrfError) -> Response:
        return _render(403, "csrf")

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        code = exc.code or 500
        key = {404: "not_found", 405: "method", 413: "too_large"}.get(
            code, "internal" if code >= 500 else "bad_request")
        return _render(code, key)

    @app.errorhandler(Exception)
    def _bug(exc: Exception) -> Response:
        log.exception("internal error")
        return _render(500, "internal")


def _same_origin(trusted: frozenset[str]) -> bool:
    """Whether the request comes from a page of this very origin (see module doc)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    own = request.host_url.rstrip("/")
    allowed = trusted | {own}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.rstrip("/") in allowed
    referer = request.headers.get("Referer")
    if not referer:
        return False
    try:
        parts = urlsplit(referer)
    except ValueError:
        return False
    return f"{parts.scheme}://{parts.netloc}" in allowed


def csrf_token() -> str:
    """This session's CSRF token (created on first use; put it in every form)."""
    token = session.get(_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[_SESSION_KEY] = token
    return token


def csrf_refusal() -> str | None:
    """Why this request's CSRF check refused it: ``"origin"`` (not sent from a page of this
    origin: another site, or a proxy's origin not declared), ``"token"`` (from this
    origin, but without this session's token: a page older than the token, a session
    cookie lost), or None (not refused).  An error page may word the two differently;
    both were refused alike, nothing done."""
    why = g.get("_isgrid_csrf")
    return why if isinstance(why, str) else None


def keep_csrf_for(owner: str, *, role: str | None = None) -> None:
    """At a sign-in: keep this browser's CSRF token when it was made for ``owner`` (the
    same person signing in again: the pages already open act for them, as before), else
    drop it, so that a page opened under another session is refused (its form would act
    for the person now signed in).  The token is then bound to ``owner``.

    ``role``: the owner's role (``juror``, ``secretary``): bound to ``role:owner``, so that
    an id of one role that is a name of another (a juror whose id is « secretariat », the
    secretariat's name as a session's actor) is never the same owner."""
    bound = owner if role is None else f"{role}:{owner}"
    if session.get(_OWNER_KEY) != bound:
        session.pop(_SESSION_KEY, None)
        session[_OWNER_KEY] = bound


def csrf_field() -> Markup:
    """The hidden ``<input>`` that carries :func:`csrf_token` in a form."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        CSRF_FIELD, escape(csrf_token()))


def nonce() -> str:
    """This response's script nonce (the CSP allows inline scripts carrying it)."""
    value = g.get("_isgrid_nonce")
    if value is None:
        value = secrets.token_urlsafe(16)
        g._isgrid_nonce = value
    return str(value)


def content_security_policy(script_nonce: str | None = None, *,
                            style_src: str = "'unsafe-inline'") -> str:
    """The policy of a served page: nothing external; scripts only with ``script_nonce``."""
    script = f"script-src 'nonce-{script_nonce}'; " if script_nonce else "script-src 'none'; "
    return (f"default-src 'none'; style-src {style_src}; img-src data:; {script}"
            "connect-src 'self'; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'")


def local_url(*segments: str, **query: str | None) -> str:
    """``/seg1/seg2?k=v``: every segment quoted whole, so the result stays on this site.

    ``local_url("g", gid, "result", lang="fr")``; a ``None`` query value is left out.
    """
    path = "/" + "/".join(quote(str(s), safe="") for s in segments if s != "")
    args = {k: v for k, v in query.items() if v is not None}
    return path + ("?" + urlencode(args) if args else "")


def lang_switch_url(lang: str, keep: Iterable[str] = (), *, param: str = "lang") -> str:
    """The current page in language ``lang``, rebuilt from the matched route.

    Only the query arguments named in ``keep`` are carried over.  Never built
    from ``request.path``: a page that matched no route (an error) links to ``/``.
    """
    from flask import url_for

    args: dict[str, Any] = {k: v for k in keep if (v := request.args.get(k)) is not None}
    args[param] = lang
    endpoint = request.endpoint
    if endpoint is None or request.method != "GET" or endpoint == "static":
        return local_url(**args)
    try:
        values: dict[str, Any] = {**(request.view_args or {}), **args}
        url = url_for(endpoint, **values)
    except (BuildError, ValueError, TypeError):
        return local_url(**args)
    return url if is_local_url(url) else local_url(**args)


def is_local_url(url: str) -> bool:
    """A path on this site: starts with one ``/``, no scheme, host, backslash or control."""
    if not url.startswith("/") or url.startswith("//"):
        return False
    if "\\" in url or any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def safe_redirect(target: str | None, default: str = "/", code: int = 303) -> Response:
    """A redirect to ``target`` when it is a local path, else to ``default``."""
    location = target if target is not None and is_local_url(target) else default
    if not is_local_url(location):
        location = "/"
    resp = Response("", status=code)
    resp.headers["Location"] = location
    return resp


_DEFAULT_MESSAGES: Mapping[str, tuple[str, str]] = {
    "not_found": ("Cette page n'existe pas.", "This page does not exist."),
    "method": ("Cette page ne s'ouvre pas ainsi.", "This page cannot be opened this way."),
    "bad_request": ("La demande n'a pas pu être lue.", "The request could not be read."),
    "too_large": ("La demande est trop volumineuse.", "The request is too large."),
    # a form from this site without this session's token: the page is older than the token
    "csrf": ("Cette page n'était plus valable (le serveur a redémarré depuis qu'elle a été "
             "ouverte, ou la session de ce navigateur a expiré ou ses cookies ont été "
             "effacés) : rien n'a été fait. Rechargez la page, puis recommencez.",
             "This page was no longer valid (the server restarted since it was opened, or "
             "this browser's session expired or its cookies were cleared): nothing was done. "
             "Reload the page, then try again."),
    # not sent from a page of this origin (csrf_refusal() == "origin")
    "csrf_origin": ("Ce formulaire n'a pas été reçu comme venant d'une page de ce site (il a "
                    "été envoyé depuis un autre site, ou depuis une adresse de ce serveur qu'il "
                    "ne connaît pas) : rien n'a été fait. Ouvrez la page à l'adresse habituelle "
                    "du site, puis recommencez.",
                    "This form was not received as coming from a page of this site (it was "
                    "sent from another site, or from an address of this server it does not "
                    "know): nothing was done. Open the page at the site's usual address, then "
                    "try again."),
    "csrf_typed": ("Ce que vous aviez tapé, à recopier :", "What you had typed, to copy:"),
    "internal": ("Une erreur interne est survenue.", "An internal error occurred."),
}


def default_message(key: str, lang: str = "fr") -> str:
    """The built-in wording of an error key (French, or English)."""
    from ..i18n import french_spacing

    fr, en = _DEFAULT_MESSAGES.get(key, _DEFAULT_MESSAGES["bad_request"])
    return en if lang == "en" else french_spacing(fr)


def _default_error(status: int, key: str) -> Response:
    """The built-in error page, in French and English.  A refused form is said as what it
    is (:func:`csrf_refusal`): a page older than this session's token (the server
    restarted, the session expired, the cookies cleared), with what was typed in it shown
    back to copy; or a form not sent from a page of this origin (nothing of it shown: it may
    be another site's)."""
    typed: list[tuple[str, str]] = []
    if key == "csrf" and csrf_refusal() == "origin":
        key = "csrf_origin"
    elif key == "csrf":
        typed = _typed()
    fr, en = default_message(key, "fr"), default_message(key, "en")
    shown = ""
    if typed:
        rows = "".join(Markup("<dt>{}</dt><dd><pre>{}</pre></dd>").format(name, value)
                       for name, value in typed)
        shown = (f"<p>{escape(default_message('csrf_typed', 'fr'))} · <span lang=\"en\">"
                 f"{escape(default_message('csrf_typed', 'en'))}</span></p><dl>{rows}</dl>")
    html = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>Erreur {status}</title></head><body><h1>Erreur {status}</h1>"
            f"<p>{escape(fr)}</p><p lang=\"en\">{escape(en)}</p>{shown}"
            "<p><a href=\"/\">Accueil · Home</a></p></body></html>")
    return Response(html, status=status, mimetype="text/html")


def _typed() -> list[tuple[str, str]]:
    """The text fields of the refused form that hold something (not its token), to copy
    from the error page; none when the body cannot be read."""
    try:
        return [(name, value) for name, value in request.form.items(multi=True)
                if name != CSRF_FIELD and value.strip()]
    except Exception:  # an unreadable or too large body: nothing shown
        return []
