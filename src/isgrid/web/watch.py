"""Meeting mode: rebuild a self-reloading dashboard each time a file of the call changes.

:func:`fingerprint` summarises the call folder (every file's relative path,
size and modification time in nanoseconds; dot-files, the output folder and
temporary files are ignored), with no dependency beyond the standard library.
:func:`watch` polls it every ``interval`` seconds and, on a change, rescores
the call with its journal (:func:`isgrid.engine.score`) and atomically
rewrites ``DIR/index.html``: the ranking, and the selection's money as it
stands (:attr:`isgrid.engine.Result.current`: committed and left).  The page carries
``<meta http-equiv="refresh">`` so that the projected browser reloads it by
itself.  A call that cannot be loaded (a file half-saved during the séance)
gives a page with the error instead of stopping the loop.
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..call.load import load_call, open_call_folder
from ..call.model import Call
from ..documents.seance import STATUS_CLASS as STATUS_CLASS
from ..documents.seance import VIEW_FIELDS, Seance, seance_base, seance_environment, seance_view
from ..documents.stage import stage_words
from ..documents.text import computed_status, fmt_money, shown_flags, shown_total, status_word
from ..documents.tiebreak import flags_of
from ..engine.dossiers import made_now
from ..errors import (
    Count,
    Diagnostic,
    IsgridError,
    Location,
    Message,
    render_diagnostics,
    translate_message,
)
from ..i18n import LANGS, de_name, translator
from ..io.collector import freeze_long_lived, resume_after_start
from ..io.folder import fingerprint as fingerprint
from ..io.refusal import HELD, refused
from ..io.replace import HeldFile
from ..io.write import WriteFailed, atomic_write, check_output
from .security import STATIC_CSP

if TYPE_CHECKING:
    from ..documents.context import Builder
    from ..engine import Result


def dashboard(folder: Path, *, lang: str | None = None, refresh: int = 5,
              dossier: str | None = None, member: str | None = None) -> bytes:
    """The dashboard page of the call as it is now (or the error that stops it).

    ``lang`` None: the call's ``lang`` (French when the call cannot be loaded).
    ``dossier``: the dossier under discussion (current-dossier mode); ``member``: an
    assessor id, for that member's own view (:func:`isgrid.documents.seance.build_seance`).
    """
    scored = _scored(folder, lang, refresh)
    if isinstance(scored, bytes):
        return scored
    call, result, lang, title = scored
    with stage_words(call):  # a présélection's words (documents.stage)
        return render_dashboard(result, lang=lang, refresh=refresh, title=title, call=call,
                                dossier=dossier, member=member)


def _scored(folder: Path, lang: str | None, refresh: int,
            errors: list[IsgridError] | None = None) -> tuple[Call, Result, str, str] | bytes:
    """(call, result, language, title) of the call as it is now, or the page of the error
    that stops it (in ``lang``, French when the call cannot be loaded; the error is also
    added to ``errors``, for the terminal, which says it in its own language)."""
    from ..engine import score

    title = str(folder.name)
    try:
        call = load_call(folder)
        lang = lang or call.config.lang
        title = call.config.title
        result = score(call)
    except IsgridError as exc:
        lang = lang or _lang_of_folder(folder)
        lines = render_diagnostics(exc.diagnostics, None, lang=lang) or [
            translate_message(exc.message, lang)]
        if errors is not None:
            errors.append(exc)
        return render_dashboard(None, lang=lang, refresh=refresh, title=title,
                                error="\n".join(lines))
    return call, result, lang, title


def _lang_of_folder(folder: Path) -> str:
    """The ``lang`` of the call's call.yaml when it can still be read (the call failed
    elsewhere), else French: the language of the page of an error."""
    from ..errors import Collector
    from ..io.yamlio import load_yaml

    doc = load_yaml(folder / "call.yaml", Collector())
    lang = doc.data.get("lang") if doc is not None and isinstance(doc.data, dict) else None
    return lang if lang in LANGS else "fr"


def dashboard_rows(result: Result, lang: str,
                   builder: Builder | None = None) -> list[dict[str, Any]]:
    """One plain row per dossier for the dashboard: status in words and its CSS class,
    flags in words (the committee report's ``flag.*`` texts), the amounts that mean
    something (« proposé » only for a proposed dossier, « attribué » once a vote granted it), the
    stage decisions with their ``overridden`` field (the engine's, as in the report).
    ``builder``: the committee report's, for the flags' criterion labels."""
    report = translator("report", lang)
    rows = []
    # a présélection's rows carry no amount, and its page no money column (documents.stage)
    cash = builder is None or not builder.shortlist
    for d in result.dossiers:
        if builder is not None:
            flags = [f.text for f in flags_of(builder, d)]  # the report's, dossier's own
            status_label = builder.status_of(d)
        else:
            flags = []
            for f in shown_flags(result, d):
                head, _, arg = f.partition(":")
                text = report(f"flag.{head}", arg=arg)
                flags.append(f if text == f"flag.{head}" else text)
            status_label = status_word(d.status, lang)
        stages = {k: {"outcome": v.outcome, "overridden": v.overridden}
                  for k, v in d.decision.stages.items()}
        rows.append({
            "id": d.id, "title": d.title, "rank": d.rank, "total": d.total,
            # with ranking weights, the total the rank follows beside it, as every ranking
            # of the documents shows it (documents.text.shown_total)
            "total_words": shown_total(d, lang) if d.ranking_total is not None else None,
            "computed": computed_status(d), "stages": stages, "hidden": False,
            "status": str(d.status), "status_label": status_label,
            "css": STATUS_CLASS.get(d.status, "st-other"), "flags": flags,
            "requested": d.amounts.requested if cash else None,
            # « attribué » once a vote granted it, the jury's amount « proposé » before
            "proposed": d.amount_proposed if cash else None,
            "granted": d.amount_granted if cash else None, "money": cash,
        })
    return rows


#: A member's own view reloads itself by this script, not by ``<meta http-equiv="refresh">``
#: (the projected page's): the member can stop it to read the page at their own pace with a
#: screen reader (RGAA 13.1, WCAG 2.2.1), the stop kept in the address (``#pause``) across
#: « F5 »; a recusal's « veuillez quitter la salle » is put in an alert once, when it first
#: appears (sessionStorage), not at every reload.  Allowed by its hash (:data:`MEMBER_CSP`).
MEMBER_SCRIPT = """(function () {
  "use strict";
  var box = document.getElementById("reload"), button = document.getElementById("reload-toggle");
  var state = document.getElementById("reload-state"), timer = null;
  var every = parseInt(box.getAttribute("data-every"), 10) * 1000;
  function paused() { return window.location.hash === "#pause"; }
  function show() {
    var p = paused();
    button.textContent = button.getAttribute(p ? "data-resume" : "data-pause");
    state.textContent = state.getAttribute(p ? "data-paused" : "data-running");
    if (timer) { clearTimeout(timer); timer = null; }
    if (!p) { timer = setTimeout(function () { window.location.reload(); }, every); }
  }
  button.addEventListener("click", function () {
    window.history.replaceState(null, "", paused() ? window.location.pathname : "#pause");
    show();
  });
  box.hidden = false;
  show();
  var leave = document.getElementById("leave-you"), said = document.getElementById("leave-alert");
  var text = leave ? leave.textContent : "", last = null;
  try { last = window.sessionStorage.getItem("isgrid-leave"); } catch (e) { last = null; }
  if (text && text !== last) { setTimeout(function () { said.textContent = text; }, 500); }
  try { window.sessionStorage.setItem("isgrid-leave", text); } catch (e) { /* said again */ }
})();"""
MEMBER_CSP = STATIC_CSP + "; script-src 'sha256-{}'".format(
    base64.b64encode(hashlib.sha256(MEMBER_SCRIPT.encode("utf-8")).digest()).decode("ascii"))


def render_dashboard(result: Result | None, *, lang: str | None = None, refresh: int = 5,
                     title: str = "", error: str | None = None,
                     call: Call | None = None, dossier: str | None = None,
                     member: str | None = None, shared: Shared | None = None) -> bytes:
    """The dashboard page of a result (:func:`isgrid.engine.score`), or of an error.

    The template (``report/dashboard.html.j2``) receives ``result`` (the result JSON
    without its dossiers: their lines are ``rows``),
    ``envelope`` (the envelope ±10 % table), ``budget_line`` (the envelope, the money
    committed and what is left, in words: :attr:`~isgrid.engine.Result.current`),
    ``title``, ``refresh``, ``error`` and ``lang``; ``rows`` (:func:`dashboard_rows`),
    ``money`` (the current selection's envelope, committed and remaining amounts) and
    ``line_before`` (the dossier the funding line is drawn above, as in the committee
    report).  ``call``: the call scored, for the flags' criterion labels.  ``seance``:
    the president's séance view (:func:`isgrid.documents.seance.build_seance`: running
    total, zone grise, décisions à prendre, the dossier under discussion ``dossier``
    and, with ``member``, that member's déports hidden), None without ``call``.
    ``shared``: what every page of one build has in common (:func:`shared_parts`, made
    once for the projected view and every member's), else made here.
    """
    lang = lang or "fr"
    ctx: dict[str, Any] = {"refresh": refresh, "error": error, "result": None,
                           "title": title, "envelope": None, "budget_line": None,
                           "rows": [], "money": None, "line_before": None, "seance": None}
    if result is not None and error is None:
        now = result.current
        common = shared if shared is not None else shared_parts(result, call, lang)
        ctx.update(result=common.result_json, envelope=common.envelope, rows=common.rows)
        if now is not None and now.budget is not None:
            ctx["money"] = {"budget": now.budget, "committed": now.committed,
                            "remaining": now.remaining, "decided": now.decided}
        if call is not None and common.seance is not None and common.builder is not None:
            # the build's common séance view, dumped once; this view's own fields on top
            seance = seance_view(common.seance, call, common.builder, dossier=dossier,
                                 member=member)
            ctx["seance"] = {**common.seance_dump,
                             **seance.model_dump(include=set(VIEW_FIELDS))}
            hidden = set(seance.hidden)
            if hidden:
                ctx["rows"] = [dict(row, hidden=True) if row["id"] in hidden else row
                               for row in common.rows]
        ctx["line_before"] = common.line_before
        if now is not None and now.budget is not None and now.committed is not None \
                and now.remaining is not None:
            ctx["budget_line"] = translator("report", lang)(
                "budget.line", budget=fmt_money(now.budget, lang),
                spent=fmt_money(now.committed, lang), remaining=fmt_money(now.remaining, lang))
    env = seance_environment(lang)
    ctx["lang"] = lang
    ctx["static_csp"] = MEMBER_CSP if member else STATIC_CSP
    ctx["member"], ctx["member_script"] = member, MEMBER_SCRIPT
    # « Vue d'Anne Roussel », « Vue de Marc Wendling »: the catalogs' straight apostrophe
    ctx["de_name"] = de_name
    ctx["ranking"] = _ranking(env, ctx["line_before"],
                              shared.row_html if shared is not None else {}, ctx["rows"])
    ctx["once"] = _once(shared.parts_html if shared is not None else {})
    html: str = env.get_template("report/dashboard.html.j2").render(**ctx)
    return html.encode("utf-8")


def _ranking(env: Any, line_before: str | None, done: dict[tuple[str, bool], Any],
             rows: list[dict[str, Any]]) -> Any:
    """The ranking's lines (``ranking_row`` of ``report/_dashboard.html.j2``), each
    rendered once per dossier and view kind (hidden or not) in ``done`` for every page
    of a build, and joined here: the page's template loop called the macro 20,000 times
    per page of a national call, 14 pages a rebuild."""
    from markupsafe import Markup

    macros = env.get_template("report/_dashboard.html.j2").module
    out = []
    for d in rows:
        key = (d["id"], bool(d["hidden"]))
        html = done.get(key)
        if html is None:
            html = done[key] = macros.ranking_row(d, line_before)
        out.append(html)
    return Markup("".join(out))


def _once(done: dict[str, Any]) -> Callable[..., Any]:
    """The template's ``once(key, macro, *args)``: a part that every page of a build shows
    alike (the décisions à prendre, the funded list, the zone grise), rendered once."""

    def once(key: str, macro: Callable[..., Any], *args: Any) -> Any:
        html = done.get(key)
        if html is None:
            html = done[key] = macro(*args)
        return html

    return once


@dataclass(frozen=True)
class Shared:
    """What every page of one build shows alike, made once (:func:`shared_parts`)."""

    result_json: dict[str, Any]
    envelope: Any
    rows: list[dict[str, Any]]
    builder: Builder | None
    grey: list[Any] | None  # the zone grise in words (documents.seance.grey_items)
    line_before: str | None
    #: the séance view every page shares (documents.seance.seance_base) and its dump
    seance: Seance | None = None
    seance_dump: dict[str, Any] = field(default_factory=dict)
    #: the ranking's lines as rendered, by (dossier, hidden), filled by the first page
    row_html: dict[tuple[str, bool], Any] = field(default_factory=dict)
    #: the parts every page shows alike, as rendered (``once`` in the template)
    parts_html: dict[str, Any] = field(default_factory=dict)


def shared_parts(result: Result, call: Call | None, lang: str) -> Shared:
    """The result JSON, the envelope table, the ranking's rows, the committee report's
    builder, the zone grise and the funding line's place, for every page of a build."""
    from ..analysis.envelope import envelope_table
    from ..call.journal import journal_of
    from ..documents.context import Builder
    from ..documents.seance import grey_items

    builder = (Builder(call, result, "committee", "interne", lang)
               if call is not None else None)
    grey = grey_items(builder, call, result) if builder is not None and call is not None \
        else None
    line_before = builder.line_before() if builder is not None else None
    # the page reads the dossiers from the rows: the result JSON without them (a national
    # call's would be 20,000 records built for nothing at each rebuild)
    seance = (seance_base(call, result, lang, builder, grey)
              if call is not None and builder is not None else None)
    # the minutes' table (cli/minutes.py): once anything is decided the decided selection,
    # none once the list is adopted; the journal the result was scored with
    envelope = envelope_table(result, call=call,
                              journal=journal_of(call) if call is not None else None)
    return Shared(result.to_json(dossiers=False), envelope,
                  dashboard_rows(result, lang, builder), builder, grey, line_before,
                  seance, seance.model_dump() if seance is not None else {})


#: The file of the output folder that names the dossier under discussion (one id; the
#: current-dossier mode), by the call's language (its ``lang``: a name the secretariat
#: types in its own words): ``echo AL16-01 > DIR/dossier-en-cours.txt``, in an English call
#: ``DIR/current-dossier.txt``; empty or absent: none (or ``--dossier``).
CURRENT_FILES = {"fr": "dossier-en-cours.txt", "en": "current-dossier.txt"}
#: A French call's (and the name when the language is unknown).
CURRENT_FILE = CURRENT_FILES["fr"]
#: The start of a member's own view's file name, by the call's language.
MEMBER_PREFIXES = {"fr": "membre-", "en": "member-"}


def current_file(lang: str) -> str:
    """The name of the current-dossier file in a call of ``lang`` (:data:`CURRENT_FILES`)."""
    return CURRENT_FILES.get(lang, CURRENT_FILE)


def current_dossier(out_dir: Path, default: str | None = None,
                    lang: str = "fr") -> str | None:
    """The dossier under discussion: the first word of ``DIR/dossier-en-cours.txt`` (in a
    call of ``lang`` ``en``, ``DIR/current-dossier.txt``: :func:`current_file`), else
    ``default``.  Read as every input is (:func:`isgrid.io.text.read_bytes`): a pipe in
    its place is never opened (``watch`` waited on it for ever), a huge file never read."""
    from ..errors import Collector
    from ..io.text import read_bytes

    data = read_bytes(out_dir / current_file(lang), Collector(), max_bytes=1 << 16)
    # a BOM left out (Notepad's « UTF-8 with BOM »), as every input file's; the spaces and
    # line ends around the id too (typed_id), as every command reads a typed id
    words = data.decode("utf-8-sig", errors="replace").split() if data else []
    return words[0][:200] if words else default


def member_page(aid: str, lang: str = "fr") -> str:
    """The file name of a member's own view: ``membre-<assessor id>.html``, in a call of
    ``lang`` ``en`` ``member-<assessor id>.html``."""
    return f"{MEMBER_PREFIXES.get(lang, MEMBER_PREFIXES['fr'])}{aid}.html"


class _NamesLang:
    """The language of the call in ``folder`` (its call.yaml's ``lang``, French when it
    cannot be read), read again only when call.yaml changes: the language of the files'
    names, asked at every poll of the watch loop."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "call.yaml"
        self.seen: tuple[int, int, int] | None = None
        self.lang = "fr"

    def __call__(self) -> str:
        try:
            st = self.file.stat()
            key = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            key = None
        if key is None or key != self.seen:
            self.lang = _lang_of_folder(self.file.parent) if key is not None else "fr"
            self.seen = key
        return self.lang


def names_notice(out_dir: Path, lang: str, before: str | None) -> Message | None:
    """What to tell the secretariat of the files' names when the call's language makes
    them other than one may expect: the call changed language while ``watch`` ran
    (``before``: the language of the previous poll), or the folder holds the current-dossier
    file of the other language (left from before the change), which is not read."""
    other = [str(out_dir / name) for code, name in CURRENT_FILES.items()
             if code != lang and (out_dir / name).exists()]
    if (before is None or before == lang) and not other:
        return None
    return Message("The call's lang is {lang}: the dossier under discussion is read from "
                   "{file}{not_read}, and the members' own views are written as {pages}.",
                   lang=lang, file=str(out_dir / current_file(lang)),
                   not_read=Message(", not from {other}", other=", ".join(other))
                   if other else "",
                   pages=member_page("<id>", lang))


def pages(folder: Path, *, lang: str | None = None, refresh: int = 5,
          dossier: str | None = None) -> dict[str, bytes]:
    """Every page of the séance: ``index.html`` (the projected view) and, for each
    assessor of the call, :func:`member_page` (their own view: their déports hidden).
    The call is loaded and scored once.  All in memory: :func:`iter_pages` gives them
    one by one."""
    return dict(iter_pages(folder, lang=lang, refresh=refresh, dossier=dossier))


def iter_pages(folder: Path, *, lang: str | None = None, refresh: int = 5,
               dossier: str | None = None, errors: list[IsgridError] | None = None,
               notices: list[Message] | None = None) -> Iterator[tuple[str, bytes]]:
    """:func:`pages` one by one, each made when asked for: the watch loop writes each
    before the next is made (a national call's page is 15 MB, and there is one per
    member).  ``errors``: gets the lines of the error that stops the call, if one does
    (its page is then the only one).  ``notices``: gets what the terminal must say too,
    a ``dossier`` that is none of the call's (:func:`isgrid.documents.seance.unknown_current`,
    which every page also shows)."""
    from ..documents.seance import unknown_current

    scored = _scored(folder, lang, refresh, errors)
    if isinstance(scored, bytes):
        yield "index.html", scored
        return
    call, result, lang, title = scored
    unknown = unknown_current(dossier, {d.id for d in result.dossiers})
    if unknown is not None and notices is not None:
        notices.append(unknown)
    # the call and its result, read by every page of the build (one per member, 15 MB
    # each in a national call): out of the collector's scans while the pages are made
    # (its dossiers' records made first, to be frozen with it)
    made_now(result.dossiers)
    freeze_long_lived()
    with stage_words(call):  # a présélection's words (documents.stage), page by page
        common = shared_parts(result, call, lang)  # once for every page of the build
        index = render_dashboard(result, lang=lang, refresh=refresh, title=title,
                                 call=call, dossier=dossier, shared=common)
    yield "index.html", index
    for aid in sorted(call.assessors):
        if all(c.isalnum() or c in "-_." for c in aid) and not aid.startswith("."):
            with stage_words(call):
                page = render_dashboard(result, lang=lang, refresh=refresh, title=title,
                                        call=call, dossier=dossier, member=aid,
                                        shared=common)
            yield member_page(aid, call.config.lang), page


#: What every page ``watch`` writes holds near its top: the mark of its own dashboard
MARK = b'<meta name="generator" content="isgrid watch">'


def _ours(target: Path) -> bool:
    """Whether ``target`` is a dashboard ``watch`` wrote (a regular file with :data:`MARK`
    in its first kilobytes; never a pipe or a device, which are not opened)."""
    import stat

    try:
        if not stat.S_ISREG(target.lstat().st_mode):
            return False
        with target.open("rb") as f:
            return MARK in f.read(4096)
    except OSError:
        return False


def _refused(exc: OSError, path: Path, done: int) -> WriteFailed:
    """A page the system refused: each page is written whole (atomically), one after the
    other, so a build stopped partway leaves the pages before it new and the others as the
    previous build left them (no command reads them; the next build rewrites them all).
    The generic hint (« nothing was changed ») only when no page was written yet."""
    return refused(exc, path, None if not done else Message(
        "The build stopped partway (pages of this build written: {done}; the others "
        "are still those of the previous build). Free some space or make the folder "
        "writable, then run isgrid watch again: it rebuilds every page.",
        done=Count(done)))


def held_page(exc: HeldFile) -> Diagnostic:
    """``file-in-use``, a warning: a page of the build another program holds (a browser, an
    antivirus), left as the previous build wrote it and written at a next poll."""
    return Diagnostic("file-in-use", HELD, Location(str(exc.filename)), severity="warning",
                      hint=Message(
                          "This page is still the previous build's; isgrid watch writes it "
                          "again at its next look at the call folder, once that program "
                          "lets go of it (close the tab that downloads it, or wait for the "
                          "scan to end). The other pages are written."))


def _write_held(out_dir: Path, held: dict[str, bytes]) -> None:
    """The pages a program held at their build, tried again (each once, without the
    rename's retries' wait said again): those written leave ``held``."""
    for name, data in list(held.items()):
        try:
            atomic_write(out_dir / name, data)
        except HeldFile:
            continue  # still held: said at the build, tried at the next poll
        except OSError as exc:
            raise _refused(exc, out_dir / name, 0) from None
        del held[name]


def watch(folder: Path, out_dir: Path, *, interval: float = 1.0, once: bool = False,
          max_iterations: int | None = None, lang: str | None = None, refresh: int = 5,
          on_build: Callable[[Path], None] | None = None,
          sleep: Callable[[float], None] = time.sleep, force: bool = False,
          dossier: str | None = None,
          on_error: Callable[[IsgridError], None] | None = None,
          on_notice: Callable[[Message], None] | None = None,
          on_warning: Callable[[list[Diagnostic]], None] | None = None) -> int:
    """Poll ``folder`` and rebuild ``out_dir/index.html`` on change; return the builds.

    ``once`` builds once and returns; ``max_iterations`` bounds the polls (for
    tests and scripts); otherwise the loop runs until interrupted.  ``lang`` None: the
    call's ``lang`` at each build (see :func:`dashboard`).  An ``index.html`` that
    exists before the first build is replaced only with ``force``, or when it is a
    dashboard ``watch`` wrote (:data:`MARK`: a séance goes on after a restart, or
    after ``--once``); never a file the call reads.  Each build also writes every member's own view
    (:func:`member_page`).  The dossier under discussion is ``DIR/dossier-en-cours.txt``
    (in an English call ``DIR/current-dossier.txt``: :func:`current_file`, the name for the
    call's language, read at every poll), else ``dossier``.  ``on_notice`` gets
    :func:`names_notice` when the call's language changes the names one may expect.
    A page another program still holds after the rename's retries (Windows: a browser
    reloading it, an antivirus scan: :class:`isgrid.io.replace.HeldFile`) does not stop
    the séance: ``on_warning`` gets ``file-in-use`` naming it, the other pages are
    written, and the page is tried again at each poll until it is written (or a new build
    replaces it); with ``once`` (no poll follows) it stops the build as any refusal does.
    """
    # a folder with no call.yaml (« watch dossiers », « watch . » in dossiers/) is no call at
    # all: said at once, before any check of the output or page that guesses a file is
    # being saved (a call.yaml that disappears during the séance is the page's to say)
    open_call_folder(folder)
    target = out_dir / "index.html"
    check_output(target, force=force or _ours(target))
    out_dir.mkdir(parents=True, exist_ok=True)
    last: str | None = None
    builds = 0
    i = 0
    names_lang = _NamesLang(folder)
    said_lang: str | None = None
    held: dict[str, bytes] = {}  # pages a program held at their write: tried at each poll
    resume_after_start()  # the séance lasts: the collector runs (isgrid.io.collector)
    while True:
        lang_now = names_lang()
        if lang_now != said_lang:
            notice = names_notice(out_dir, lang_now, said_lang)
            if notice is not None and on_notice is not None:
                on_notice(notice)
            said_lang = lang_now
        current = current_dossier(out_dir, dossier, lang_now)
        fp = fingerprint(folder, ignore=out_dir) + f"\0{current or ''}\0{lang_now}"
        if fp != last:
            errors: list[IsgridError] = []
            notices: list[Message] = []  # a current dossier the call has not, said once
            held.clear()  # this build rewrites every page
            for done, (name, data) in enumerate(iter_pages(
                    folder, lang=lang, refresh=refresh, dossier=current, errors=errors,
                    notices=notices)):
                try:
                    atomic_write(out_dir / name, data)
                except HeldFile as exc:
                    if once:
                        raise _refused(exc, out_dir / name, done) from None
                    held[name] = data
                    if on_warning is not None:
                        on_warning([held_page(exc)])
                except OSError as exc:  # `done` pages of this build written before it
                    raise _refused(exc, out_dir / name, done) from None
            builds += 1
            last = fp
            if on_build is not None:
                on_build(target)
            if errors and on_error is not None:  # the page shows it; the terminal too
                on_error(errors[0])
            if on_notice is not None:  # a current dossier the call has not: the page's too
                for notice in notices:
                    on_notice(notice)
        else:
            _write_held(out_dir, held)
        i += 1
        if once or (max_iterations is not None and i >= max_iterations):
            return builds
        sleep(interval)
