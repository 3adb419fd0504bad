"""Rendering report contexts with the shared Jinja environment, to HTML, Markdown or PDF.

Templates are ``report/<kind>.html.j2`` and ``report/<kind>.md.j2`` in the
packaged ``templates/`` folder; ``template_dir`` puts a user's folder first (a
user template may ``{% extends "default:report/committee.html.j2" %}`` and
change one block).  Templates receive ``Context.model_dump()`` plus ``t`` (the
``report`` catalog in the document's language); the parts of fiches laid out in parts
(PDF, :data:`FICHES_PER_PART` at a time) also receive ``part`` (index, count, first, last).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from ..call.model import Call
from ..engine import Result
from ..i18n import translator
from ..io.collector import gc_paused
from ..jury.opinions import Opinions
from .build import DEFAULT_LEVEL, build_context, check_level
from .models import Context, Kind, Level
from .render import environment
from .stage import stage_words

Format = Literal["html", "md", "pdf", "docx", "csv"]


def template_name(kind: str, fmt: str) -> str:
    return f"report/{kind}.{'md' if fmt == 'md' else 'html'}.j2"


#: Fiches laid out per part of a PDF (:func:`isgrid.documents.pdf.html_parts_to_pdf`):
#: WeasyPrint holds about 10 MB of layout a fiche until it writes a part.
FICHES_PER_PART = 25


def render_context(ctx: Context, fmt: Format, template_dir: Path | None = None, *,
                   batch_size: int = FICHES_PER_PART) -> bytes:
    """One document from one context.  ``batch_size``: fiches laid out at a time in a PDF
    (the parts are joined into one file; memory grows with it, not with the call)."""
    lang = ctx.meta.lang
    if fmt == "docx":  # the committee report and the letters (the minutes have their own)
        if ctx.meta.kind == "committee":
            from .committee_docx import committee_docx

            return committee_docx(ctx)
        from .letters_docx import letter_docx

        return letter_docx(ctx)
    template = _template(ctx.meta.kind, fmt, lang, template_dir)
    if fmt == "pdf" and ctx.meta.kind == "fiches" and len(ctx.fiches) > batch_size:
        from .pdf import html_parts_to_pdf

        return html_parts_to_pdf(_fiche_parts(ctx, template, batch_size))
    data = ctx.model_dump()
    if fmt == "pdf":
        from .pdf import soften

        data = soften(data)
    return _rendered(template, data, fmt)


def _template(kind: str, fmt: str, lang: str, template_dir: Path | None) -> Any:
    """The template of ``kind`` in ``fmt`` (html for a PDF), its environment's ``t`` the
    ``report`` catalog in ``lang``."""
    env = environment(template_dir, lang=lang, markdown=fmt == "md")
    env.globals["t"] = translator("report", lang)
    return env.get_template(template_name(kind, fmt))


def _rendered(template: Any, data: dict[str, Any], fmt: str) -> bytes:
    """``template`` rendered with ``data`` (a context's dump, softened for a PDF)."""
    if fmt == "pdf":
        from .pdf import html_to_pdf

        return html_to_pdf(template.render(**data))
    text: str = template.render(**data)
    return text.encode("utf-8")


def _fiche_parts(ctx: Context, template: Any, size: int) -> Iterator[str]:
    """The HTML of the fiches ``size`` at a time, each a whole document: ``part`` tells
    the template which (``first``: the visible head; ``last``: the annex and footer)."""
    from .pdf import soften

    size = max(1, size)
    count = (len(ctx.fiches) + size - 1) // size
    for k in range(count):
        one = ctx.model_copy(update={"fiches": ctx.fiches[k * size:(k + 1) * size]})
        yield template.render(**soften(one.model_dump()),
                              part={"index": k, "count": count, "first": k == 0,
                                    "last": k == count - 1})


def render_report(call: Call, result: Result, kind: Kind, fmt: Format = "html", *,
                  level: Level | None = None, lang: str | None = None,
                  template_dir: Path | None = None,
                  dossiers: list[str] | None = None,
                  opinions: Opinions | None = None,
                  batch_size: int = FICHES_PER_PART) -> list[tuple[str, bytes]]:
    """Render documents: ``[("", bytes)]`` for committee and fiches, or one
    ``(dossier id, bytes)`` per applicant for feedback (all, or ``dossiers``).
    ``result``: :func:`isgrid.engine.score`'s (the journal included).
    ``lang`` None: the call's ``lang`` (French unless call.yaml says otherwise).
    ``opinions`` None: the jurors' opinions are read from the call's folder when
    the document shows them, and their warnings dropped (the CLI passes
    :func:`isgrid.jury.opinions.load_opinions` after printing its warnings).
    ``batch_size``: fiches laid out at a time in a PDF (:func:`render_context`)."""
    lang = lang or call.config.lang
    lvl: Any = level or DEFAULT_LEVEL[kind]
    check_level(kind, lvl, lang)
    # tens of thousands of lines, dicts and strings, none cyclic; a présélection's words
    with gc_paused(), stage_words(call):
        return _render_report(call, result, kind, fmt, lvl, lang, template_dir, dossiers,
                              opinions, batch_size)


def _render_report(call: Call, result: Result, kind: Kind, fmt: Format, lvl: Any,
                   lang: str, template_dir: Path | None,
                   dossiers: list[str] | None,
                   opinions: Opinions | None = None,
                   batch_size: int = FICHES_PER_PART) -> list[tuple[str, bytes]]:
    if kind != "feedback":
        envelope = None
        if kind == "committee" and lvl != "public":
            from ..analysis.envelope import envelope_table

            # the decided selection once anything is decided (review s18 F3)
            envelope = envelope_table(result, call=call)
        ctx = build_context(call, result, kind, lvl, lang, dossiers=dossiers, envelope=envelope,
                            opinions=opinions)
        return [("", render_context(ctx, fmt, template_dir, batch_size=batch_size))]
    letters = Letters(call, result, fmt, level=lvl, lang=lang, template_dir=template_dir,
                      dossiers=dossiers)
    if fmt == "csv":  # the mail merge: one file, one row per letter
        return [("", b"".join(letters.csv()))]
    return [(did, letters.render(did)) for did in letters.ids]


class Letters:
    """The applicants' letters (``--kind feedback``) in ``fmt``, made one at a time:
    what every letter shares (:class:`~isgrid.documents.letterset.LetterSet`'s common part,
    its dump, the template) once, then each letter's own part, so that the letters of a
    national call take time in proportion to their number and memory that does not grow
    with it when each is written as it is made (:meth:`render`, :meth:`csv`).  The same
    bytes as :func:`render_context` of :func:`build_context` of each dossier."""

    def __init__(self, call: Call, result: Result, fmt: Format, *,
                 level: Level | None = None, lang: str | None = None,
                 template_dir: Path | None = None,
                 dossiers: list[str] | None = None) -> None:
        from .letterset import LetterSet

        lang = lang or call.config.lang
        lvl: Any = level or DEFAULT_LEVEL["feedback"]
        check_level("feedback", lvl, lang)
        self.lang = lang
        self.fmt = fmt
        self.template_dir = template_dir
        self.call = call
        self.set = LetterSet(call, result, lvl, lang)
        wanted = set(dossiers) if dossiers is not None else None
        #: the dossiers written to, in the order of their files (sorted ids)
        self.ids = sorted(d.id for d in result.dossiers if wanted is None or d.id in wanted)
        self._template: Any = None
        self._common: dict[str, Any] | None = None
        self._docx: Any = None

    def render(self, dossier: str) -> bytes:
        """``dossier``'s letter, as :func:`render_context` makes it (md, html, pdf, docx)."""
        with stage_words(self.call):  # a présélection's words (.stage)
            return self._render(dossier)

    def _render(self, dossier: str) -> bytes:
        ctx = self.set.context(dossier)
        if self.fmt == "docx":  # the Word letters' common part made once
            from .letters_docx import LetterDocx

            if self._docx is None:
                self._docx = LetterDocx.of(ctx)
            made: bytes = self._docx.render(ctx)
            return made
        if self._template is None:  # made once: the environment, the common part's dump
            self._template = _template("feedback", self.fmt, self.lang, self.template_dir)
            common = self.set.base.model_dump(exclude={"meta", "letter"})
            self._common = self._soft(common)
        assert ctx.letter is not None and self._common is not None
        mine = self._soft({"meta": ctx.meta.model_dump(), "letter": ctx.letter.model_dump()})
        return _rendered(self._template, {**self._common, **mine}, self.fmt)

    def _soft(self, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` softened for a PDF (:func:`isgrid.documents.pdf.soften`: key by key,
        the common part once), as it is for the other formats."""
        if self.fmt != "pdf":
            return data
        from .pdf import soften

        softened: dict[str, Any] = soften(data)
        return softened

    def csv(self) -> Iterator[bytes]:
        """The mail merge (:func:`isgrid.documents.letters_merge.letters_csv_pieces`), made as
        it is written."""
        from .letters_merge import letters_csv_pieces

        pieces = letters_csv_pieces((self.set.letter(did) for did in self.ids), self.lang)
        while True:  # each piece made in a présélection's words (.stage), none outside
            with stage_words(self.call):
                piece = next(pieces, None)
            if piece is None:
                return
            yield piece
