"""The self-assessment web pages (``isgrid serve``): a small stateless Flask app.

The server keeps nothing: answers travel in the forms (hidden fields), live in
the browser's ``localStorage`` when JavaScript is on, and leave as a
downloadable answers file.  Every page works without JavaScript; the script
only adds saving between visits, the live progress count, "clear" and "print".

Pages carry no external resource (no CDN, no font, no image), so the app needs
no network at run time; a Content-Security-Policy with a per-response nonce
forbids everything else.  Bound to 127.0.0.1 by default: see
docs/self-assessment.md before serving it to others with ``--host 0.0.0.0``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from ..errors import Diagnostic, GridError, translate_message
from ..grid.choices import criterion_origins, outcome_choices
from ..grid.items import mode_key
from ..grid.load import LoadedGrid, is_shipped, list_shipped, load_grid, split_ref, version_found
from ..grid.model import Scale, pinned_ref
from ..grid.view import criteria_count_text, grid_summary
from ..i18n import LANGS, lang_attr, translator
from ..io.text import decode
from ..messages import group_thousands as grouped
from ..selfassess.answers import (
    MAX_COMMENT,
    OTHER_GRID,
    TOP_KEY_TYPO,
    asked,
    long_comments,
    na_offered,
)
from ..selfassess.assess import (
    Answers,
    answers_from_form,
    answers_yaml,
    assess,
    fmt_level,
    form_values,
    jinja_env,
    load_answers_text,
    render_result,
    template_context,
)
from ..selfassess.carry import assess_carried
from ..selfassess.pin import pinned_note, shipped_versions_of
from . import security

log = logging.getLogger(__name__)

#: Largest answers file accepted: an answers file for 100 criteria is ~30 KB, and one whose
#: 40 comments are all as long as an answer keeps (answers.MAX_COMMENT) ~1 MB.
MAX_UPLOAD = 2 * 1024 * 1024
#: Names an answers file may have: ``.yaml``/``.yml``, and ``.txt`` (Notepad's « Save as »
#: makes « mes réponses.yaml.txt », and Windows hides the ``.txt``); the command line reads
#: any name.
YAML_SUFFIXES = (".yaml", ".yml", ".txt")
#: Largest request (a questionnaire's answers and comments travel in forms).
MAX_REQUEST = 8 * 1024 * 1024


class _Pages:
    """The loaded grids and one Jinja environment per language."""

    def __init__(self, grids: dict[str, LoadedGrid], default_lang: str) -> None:
        self.grids = grids
        self.default_lang = default_lang
        self.envs = {lang: jinja_env(lang) for lang in LANGS}
        self.summaries = {gid: grid_summary(lg) for gid, lg in grids.items()}
        # the superseded versions isgrid ships (grids/versions/), loaded when an answers
        # file names one (``loi-ess-2014-art15@1``): never listed, reached by its file
        self.kept: dict[str, LoadedGrid] = {}

    def kept_version(self, ref: str) -> LoadedGrid | None:
        """The superseded version ``ref`` (``<id>@<version>``) of a grid served here, when
        isgrid ships it; None otherwise (the current version is :attr:`grids`' own)."""
        gid, version = split_ref(ref)
        if not version or gid not in self.grids or version == self.grids[gid].grid.version:
            return None
        if ref not in self.kept:
            if not version_found(ref):
                return None
            try:
                lg = load_grid(ref)
            except GridError:  # pragma: no cover - a shipped version being edited
                return None
            self.kept[ref] = lg
            self.summaries[ref] = grid_summary(lg)
        return self.kept[ref]

    def page_id(self, lg: LoadedGrid) -> str:
        """How the pages name ``lg`` in their addresses: its id, ``<id>@<version>`` for a
        superseded version."""
        return lg.grid.ref if lg.grid.ref in self.kept else lg.grid.id

    def pinned(self, lg: LoadedGrid) -> dict[str, Any] | None:
        """What a result on a superseded version says (:func:`pinned_note`), else None."""
        if lg.grid.ref not in self.kept:
            return None
        return pinned_note(lg, self.grids[lg.grid.id].grid.version)

    def lang(self) -> str:
        raw = request.args.get("lang")
        if raw is None and request.method == "POST":
            try:
                raw = request.form.get("lang")
            except HTTPException:  # a body too large: the error page still needs a language
                raw = None
        raw = raw or self.default_lang
        return raw if raw in LANGS else self.default_lang

    def render(self, name: str, status: int = 200, **ctx: Any) -> Response:
        lang = ctx.pop("lang", None) or self.lang()
        other = "en" if lang == "fr" else "fr"
        # never built from the request path (a crafted path would link off-site)
        ctx.setdefault("other_lang_url", security.lang_switch_url(other))
        html = self.envs[lang].get_template(name).render(
            t=translator("selfassess", lang), lang=lang, nonce=security.nonce(),
            csrf_field=security.csrf_field(),
            # a grid's own words on a page in another language (RGAA 8.7)
            in_lang=lambda content: lang_attr(content, lang), **ctx)
        return Response(html, status=status, mimetype="text/html")

    def error(self, status: int, key: str, details: list[str] | None = None,
              grid: str | None = None, **fmt: Any) -> Response:
        lang = self.lang()
        t = translator("selfassess", lang)
        back = (security.local_url("g", grid, lang=lang) if grid is not None and grid in self.grids
                else security.local_url(lang=lang))
        return self.render("web/error.html.j2", status, message=t(key, **fmt),
                           details=details or [], back_url=back,
                           back_label=t("web.back") if grid not in self.grids
                           else self.grids[grid].grid.title)


def load_shipped_grids() -> dict[str, LoadedGrid]:
    """Every shipped grid that loads; a broken one is logged and left out."""
    out: dict[str, LoadedGrid] = {}
    for path in list_shipped():
        try:
            lg = load_grid(path)
        except GridError as exc:  # pragma: no cover - a shipped grid being edited
            log.warning("grid %s left out: %s", path.name, exc.message)
            continue
        out[lg.grid.id] = lg
    return out


def create_app(*, lang: str = "fr", grids: Mapping[str, LoadedGrid] | None = None,
               max_upload: int = MAX_UPLOAD, trusted_origins: tuple[str, ...] = (),
               secure_cookies: bool = False) -> Flask:
    """The Flask app: grid list, questionnaire, result, downloads, upload.

    ``trusted_origins``: a reverse proxy's public ``https://`` origin, whose forms are
    accepted (``isgrid serve --public-url``); ``secure_cookies``: the session cookie (the
    CSRF token) is ``Secure``, for a site served over HTTPS."""
    app = Flask(__name__)
    app.config["SESSION_COOKIE_SECURE"] = secure_cookies
    # A request may carry a whole questionnaire (comments of up to MAX_COMMENT characters
    # each, up to 6 bytes a character once a form encodes them);
    # an uploaded answers file is checked against ``max_upload`` on its own.
    limit = max(max_upload + 64 * 1024, MAX_REQUEST)
    app.config["MAX_CONTENT_LENGTH"] = limit
    app.config["MAX_FORM_MEMORY_SIZE"] = limit
    pages = _Pages(dict(grids) if grids is not None else load_shipped_grids(), lang)
    app.extensions["isgrid"] = pages
    def render_error(status: int, key: str) -> Response:
        # a refused form said as what it is: a page from before (the server restarted, the
        # browser's cookies cleared) or a form sent from another site (security.csrf_refusal)
        if key == "csrf" and security.csrf_refusal() == "origin":
            key = "csrf_origin"
        elif key == "csrf" and security.csrf_refusal() == "token":
            stale = stale_page(status)
            if stale is not None:
                return stale
        if key == "too_large" and request.endpoint != "upload":
            # a questionnaire's answers and comments, not a file: said as what was sent
            return pages.error(status, "web.error.too_large_form", mb=limit // 2**20,
                               max=grouped(MAX_COMMENT, pages.lang()))
        return pages.error(status, f"web.error.{key}", kb=max_upload // 1024)

    def stale_page(status: int) -> Response | None:
        """A questionnaire's or result's form from a page older than this browser's token
        (the server restarted since, or the cookies were cleared), sent from this very site:
        nothing is done with it, and the answers it carried are shown back in a fresh
        questionnaire, to check and send again: the way out, with or without JavaScript.
        An upload's page says to choose the file again (the file is still hers)."""
        gid = (request.view_args or {}).get("gid")
        lg = pages.grids.get(gid) if isinstance(gid, str) else None
        if request.endpoint == "upload":
            form_grid = request.form.get("grid")
            return pages.error(status, "web.error.csrf_upload", grid=form_grid)
        if lg is None or request.endpoint not in (
                "grid_page", "result_page", "answers_download", "result_download"):
            return None
        t = translator("selfassess", pages.lang())
        return questionnaire(lg, answers_from_form(request.form, lg.grid), prefilled=True,
                             message=t("web.stale_page"), status=status, kind="bad")

    security.install(app, render_error=render_error, trusted_origins=trusted_origins)

    def grid_or_404(gid: str) -> LoadedGrid | None:
        return pages.grids.get(gid) or pages.kept_version(gid)

    def questionnaire(lg: LoadedGrid, answers: Answers, *, prefilled: bool,
                      message: str | None = None, status: int = 200, kind: str = "ok",
                      details: list[str] | None = None,
                      over: dict[str, str] | None = None,
                      back_to: dict[str, str] | None = None) -> Response:
        values = form_values(answers)
        lang = pages.lang()
        t = translator("selfassess", lang)
        return pages.render(
            "web/questionnaire.html.j2", status, grid=lg.grid, mode_key=mode_key(lg.grid),
            summary=pages.summaries[pages.page_id(lg)], page_id=pages.page_id(lg),
            max_comment=MAX_COMMENT,
            max_comment_text=grouped(MAX_COMMENT, lang), notice_kind=kind, details=details or [],
            values=values, prefilled=prefilled, loaded_message=message, over=over or {},
            back_to=back_to,  # an upload opened on the file's grid: the link to hers
            levels={c.id: choices(lg.grid.scales[c.scale], t) for c in lg.grid.criteria()},
            na_offered={c.id: na_offered(lg.grid, c) for c in lg.grid.criteria()},
            questions=len(asked(lg.grid)),  # a criterion read from a fact is none
            answered=sum(1 for a in answers.values() if a.answered),
            # per question sourced / reconstructed / inferred / the call's own, and the
            # rules isgrid chose (socles, floors): isgrid.grid.choices
            origins=criterion_origins(lg), choices=outcome_choices(lg.grid))

    def too_long(lg: LoadedGrid, answers: Answers) -> Response | None:
        """A comment longer than an answer keeps: the questionnaire again, every text whole
        in its field and each long one named, rather than a comment cut without a word."""
        long = long_comments(answers)
        if not long:
            return None
        lang = pages.lang()
        t = translator("selfassess", lang)
        details = [t("web.too_long_one", cid=cid, n=grouped(n, lang),
                     over=grouped(n - MAX_COMMENT, lang)) for cid, n in long.items()]
        # each long comment's box invalid, its count said under it as the script says it
        over = {cid: t("web.count_over", n=grouped(n, lang), over=grouped(n - MAX_COMMENT, lang))
                for cid, n in long.items()}
        return questionnaire(lg, answers, prefilled=True, status=400, kind="bad",
                             message=t("web.too_long", max=grouped(MAX_COMMENT, lang)),
                             details=details, over=over)

    def results_for(lg: LoadedGrid, answers: Answers, target: str | None) -> list[Any]:
        if target and target != lg.grid.id and target in pages.grids:
            return [assess_carried(lg, answers, pages.grids[target])]
        result = assess(lg, answers)
        result.pinned = pages.pinned(lg)  # a superseded version: the result says which
        return [result]

    @app.get("/")
    def index() -> Response:
        rows = []
        for gid, lg in pages.grids.items():
            s = pages.summaries[gid]
            desc = " ".join((lg.grid.description or "").split())
            rows.append({"id": gid, "version": lg.grid.version, "title": lg.grid.title, "lang": lg.grid.lang, "mode": lg.grid.resolved_mode(), "mode_key": mode_key(lg.grid),
                         "questions": len(asked(lg.grid)),
                         # « 12 critères + 3 éliminatoires », as grids list and compare
                         "criteria": criteria_count_text(lg.grid, pages.lang()),
                         "description": desc if len(desc) <= 260 else desc[:259] + "…",
                         "sourced": s["sourced"], "reconstructed": s["reconstructed"],
                         "inferred": s["inferred"]})
        return pages.render("web/index.html.j2", grids=rows, upload_grid=None)

    @app.route("/g/<gid>", methods=["GET", "POST"])
    def grid_page(gid: str) -> Response:
        lg = grid_or_404(gid)
        if lg is None:
            return pages.error(404, "web.error.not_found")
        if request.method == "POST":
            return questionnaire(lg, answers_from_form(request.form, lg.grid), prefilled=True)
        return questionnaire(lg, {}, prefilled=False)

    @app.route("/g/<gid>/result", methods=["GET", "POST"])
    def result_page(gid: str) -> Response:
        lg = grid_or_404(gid)
        if lg is None:
            return pages.error(404, "web.error.not_found")
        if request.method == "GET":
            return pages.error(405, "web.error.method", grid=gid)
        answers = answers_from_form(request.form, lg.grid)
        if (refused := too_long(lg, answers)) is not None:
            return refused
        target = request.form.get("target")
        results = results_for(lg, answers, target)
        ctx = template_context(results, pages.lang())
        target_id = results[0].grid["id"] if results[0].approximation else None
        others = [{"id": o, "title": og.grid.title} for o, og in pages.grids.items()
                  if o != lg.grid.id]
        return pages.render("web/result.html.j2", results=ctx["results"], source_id=gid,
                            target_id=target_id, hidden=form_values(answers), others=others)

    @app.post("/g/<gid>/answers.yaml")
    def answers_download(gid: str) -> Response:
        lg = grid_or_404(gid)
        if lg is None:
            return pages.error(404, "web.error.not_found")
        lang = pages.lang()
        answers = answers_from_form(request.form, lg.grid)
        if (refused := too_long(lg, answers)) is not None:
            return refused
        name = f"{'reponses' if lang == 'fr' else 'answers'}-{lg.grid.id}.yaml"
        return _attachment(answers_yaml(lg, answers, lang), name, "application/yaml")

    @app.post("/g/<gid>/download/<fmt>")
    def result_download(gid: str, fmt: str) -> Response:
        lg = grid_or_404(gid)
        if lg is None or fmt not in ("html", "md", "json"):
            return pages.error(404, "web.error.not_found")
        lang = pages.lang()
        answers = answers_from_form(request.form, lg.grid)
        if (refused := too_long(lg, answers)) is not None:
            return refused
        results = results_for(lg, answers, request.form.get("target"))
        shown = results[0].grid["id"]
        name = f"{'autoevaluation' if lang == 'fr' else 'self-assessment'}-{shown}.{fmt}"
        mime = {"html": "text/html", "md": "text/markdown", "json": "application/json"}[fmt]
        return _attachment(render_result(results, fmt, lang), name, mime)

    @app.post("/upload")
    def upload() -> Response:
        form_grid = request.form.get("grid")
        file = request.files.get("answers")
        if file is None or not file.filename:
            return pages.error(400, "web.error.no_file", grid=form_grid)
        filename = file.filename
        data = file.read(max_upload + 1)
        if len(data) > max_upload:
            return pages.error(413, "web.error.too_large", grid=form_grid, kb=max_upload // 1024)
        if not filename.lower().endswith(YAML_SUFFIXES):
            return pages.error(400, "web.error.not_yaml_name", grid=form_grid, name=filename)
        from ..errors import Collector

        diags = Collector()
        text = decode(data, filename, diags) if b"\x00" not in data else None
        if text is None:
            return pages.error(400, "web.error.not_text", grid=form_grid, name=filename)
        declared, unreadable = _declared_grid(text, filename)
        if unreadable:  # the file's own problem (a syntax error, 300 levels of nesting) first:
            # its `grid:` line cannot be read, and « no grid: line » was the wrong cause
            t = translator("selfassess", pages.lang())
            return pages.error(400, "web.error.invalid", [explain(d, t) for d in unreadable][:50],
                               grid=form_grid)
        # where she was (the questionnaire's grid, or the grid chosen on the list): every
        # error page links back there, never to the file's grid
        was = form_grid if form_grid in pages.grids else None
        declared, version = split_ref(declared) if declared else (None, None)
        gid = declared or form_grid or None
        if gid not in pages.grids and form_grid in pages.grids:
            gid = form_grid
        if gid is None:  # the guide's example has no `grid:` line: ask which grid
            return pages.error(400, "web.error.no_grid", grid=form_grid)
        if gid not in pages.grids:
            return pages.error(400, "web.error.unknown_grid", grid=form_grid, grid_id=gid)
        lg = pages.grids[gid]
        if version and version != lg.grid.version and gid == declared:
            # the version the file names, when isgrid ships it (grids/versions/)
            kept = pages.kept_version(pinned_ref(gid, version))
            if kept is None:
                # a grid served here that isgrid does not ship has its own version only
                shipped = (shipped_versions_of(gid) if is_shipped(lg.path)
                           else [lg.grid.version])
                return pages.error(400, "web.error.unknown_version", grid=was, grid_id=gid,
                                   version=version, versions=", ".join(shipped))
            lg = kept
        answers, more = load_answers_text(text, lg.grid, filename, pages.lang())
        if more.errors:
            t = translator("selfassess", pages.lang())
            titles = {k: v.grid.title for k, v in pages.grids.items()}
            details = [explain(d, t, titles) for d in more.errors][:50]
            return pages.error(400, "web.error.invalid", details, grid=was)
        t = translator("selfassess", pages.lang())
        note = pages.pinned(lg)
        message = (t("web.loaded_pinned", ref=lg.grid.ref, current=note["current"])
                   if note is not None else t("web.loaded"))
        back_to = None
        if was is not None and was != gid:  # a file of another grid: said, with the way back
            title = pages.grids[was].grid.title
            message = t("web.loaded_other", grid=lg.grid.title, was=title) + (
                " " + message if note is not None else "")
            back_to = {"url": security.local_url("g", was, lang=pages.lang()), "title": title}
        return questionnaire(lg, answers, prefilled=True, message=message, back_to=back_to)

    return app


def choices(scale: Scale, t: Any) -> list[dict[str, Any]]:
    """The radio buttons of a scale: its levels, and the half steps when it allows them
    (``own``: the grid's words alone, not the page's « between … and … »)."""
    out: list[dict[str, Any]] = []
    levels = sorted(scale.levels, key=lambda lv: float(lv.value))
    for i, level in enumerate(levels):
        if i and scale.half_steps:
            prev = levels[i - 1]
            mid = (float(prev.value) + float(level.value)) / 2
            out.append({"value": fmt_level(mid), "description": None, "own": False,
                        "label": t("web.between", a=prev.label, b=level.label)})
        out.append({"value": fmt_level(level.value), "label": level.label,
                    "description": level.description, "own": True})
    return out


def explain(d: Diagnostic, t: Any, titles: Mapping[str, str] | None = None) -> str:
    """A problem of an uploaded answers file, in the page's language, with its line.

    The question is named by its whole id (« AV-1.1 », dots and all: the key path is
    ``answers.AV-1.1``, or ``AV-1.1`` in a flat file); an answer that is not a level says
    why, as the command line does (a half step names the two levels to choose from), and
    what to write instead."""
    loc = d.location
    key = criterion_of(loc.key_path or "")
    line = t("web.line", line=loc.line) if loc.line else ""
    lang = getattr(t, "lang", "fr")
    known = {"unknown-criterion", "unknown-grid", "yaml-syntax",
             "yaml-not-mapping", "unknown-key", "yaml-duplicate-key"}
    template = getattr(d.message, "template", None)
    if template == OTHER_GRID:  # every answer another grid's: which, and how to see them here
        values = getattr(d.message, "values", {})
        other, grid = str(values.get("other")), str(values.get("grid"))
        said: str = t("web.diag.other-grid", other=(titles or {}).get(other, other),
                      grid=(titles or {}).get(grid, grid))
        return said
    if template == TOP_KEY_TYPO:  # « clé inconnue 'answer' : vouliez-vous dire 'answers' ? »
        return f"{line}{translate_message(d.message, lang)}"
    if d.code in known:
        return f"{line}{t(f'web.diag.{d.code}', cid=key)}"
    text = translate_message(d.message, lang)
    if d.hint:
        text = f"{text}. {translate_message(d.hint, lang)}"
    return f"{line}{text}"


def criterion_of(key_path: str) -> str:
    """The criterion id a key path of an answers file names: ``answers.AV-1.1`` and
    ``answers.AV-1.1.comment`` are « AV-1.1 » (ids hold dots: never split on them)."""
    path = key_path.removeprefix("answers.")
    return path.removesuffix(".comment").removesuffix(".value")



def _declared_grid(text: str, filename: str) -> tuple[str | None, list[Diagnostic]]:
    """The grid an answers file declares (``grid: id@version``, as written), if any, and the errors
    of a file that cannot be read as YAML (then no grid can be read from it)."""
    from ..errors import Collector
    from ..io.yamlio import parse_yaml

    diags = Collector()
    doc = parse_yaml(text, filename, diags)
    if doc is None:
        return None, diags.errors or list(diags.items)
    if not isinstance(doc.data, dict) or doc.data.get("grid") is None:
        return None, []
    return str(doc.data["grid"]).strip(), []


def _attachment(text: str, filename: str, mime: str) -> Response:
    resp = Response(text.encode("utf-8"), mimetype=mime)
    resp.headers["Content-Type"] = f"{mime}; charset=utf-8"
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def serve(host: str = "127.0.0.1", port: int = 8765, lang: str = "fr",
          on_ready: Callable[[int], None] | None = None, *, public_url: str | None = None,
          trusted_proxy: str = "127.0.0.1") -> None:
    """Serve the pages with waitress until Ctrl+C or SIGTERM (:mod:`isgrid.web.server`).

    Enough for one person or an agency's local network; behind a reverse proxy
    with HTTPS, or with any WSGI server (``create_app`` is a factory), for more.
    ``public_url``: the proxy's ``https://`` origin (``isgrid serve --public-url``): its
    forms are accepted, the cookie is ``Secure``, and the proxy's ``X-Forwarded-For`` and
    ``X-Forwarded-Proto`` are believed from ``trusted_proxy``, as for the jury workspace.
    """
    from .server import log_to_stderr, make_server, run

    log_to_stderr()  # each line with its time and request
    app = create_app(lang=lang, trusted_origins=(public_url,) if public_url else (),
                     secure_cookies=public_url is not None)
    server = make_server(app, host, port, behind_proxy=public_url is not None,
                         trusted_proxy=trusted_proxy)
    run(server, on_ready)
