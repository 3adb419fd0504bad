"""The applicants' letters as editable Word documents (``report --kind feedback --format docx``).

A letter: A4, the call's language, a running header (the call and the level), page
numbers, fitted table widths (:mod:`.wordprocessing`); deterministic (dates pinned like
the minutes').

What every letter of a call shares is made once (:class:`LetterDocx`): python-docx opens
its template, the page, the language, the header and the footer are set up, the styles'
ids looked up (python-docx looks a style up by walking every style), and the package's
parts zipped.  A letter is then a deep copy of the document's body filled in with its
text; of its zip only ``word/document.xml`` and ``docProps/core.xml`` (its title) are
compressed, the other parts' records (the styles alone are 800 kB of XML) are copied as
bytes (:mod:`.docxzip`).  The bytes are those of a document opened, filled and saved for
each letter, in a sixth of the time: compared file by file with the code before this one
on the four examples and a 2,000-dossier call when it was written (docs/performance.md);
``tests/documents/test_letters_docx.py`` checks the template is opened once and the zip's
assembly gives zipfile's own bytes.  Not re-entrant: each letter sets the shared package's
title (one instance per command).
"""

from __future__ import annotations

import copy
import io
from typing import Any

from ..i18n import translator
from . import models as m
from .text import fmt_exact, fmt_number

#: The paragraph styles a letter uses, by their names in python-docx's template.
STYLES = ("Heading 1", "Heading 2", "List Bullet")


def letter_docx(ctx: m.Context) -> bytes:
    """``ctx``'s letter (a context with a ``letter``) as DOCX bytes."""
    return LetterDocx.of(ctx).render(ctx)


class LetterDocx:
    """The part of the Word letters every letter shares, in one language under one
    running header (the module's docstring); :meth:`render` writes one letter."""

    def __init__(self, lang: str, header: str) -> None:
        from .docxcommon import pinned_datetime, pinned_document
        from .docxzip import records
        from .wordprocessing import setup_document

        try:
            import docx
        except ImportError as exc:  # pragma: no cover - depends on the install
            from ..errors import UsageError

            raise UsageError(f"python-docx is not installed ({exc}); pip install "
                             "python-docx") from exc
        from docx.enum.style import WD_STYLE_TYPE

        self.lang = lang
        self.header = header
        self.when = pinned_datetime()
        doc = pinned_document(docx, self.when)
        dec = translator("decisions", lang)
        setup_document(doc, lang=lang, header=header,
                       page_text=dec("docx.page", page="{page}", pages="{pages}"))
        self.doc = doc
        #: the document's element as set up, copied for each letter
        self.element = copy.deepcopy(doc.element)
        self.style_ids = {name: doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
                          for name in STYLES}
        self.grid_id = doc.part.get_style_id(doc.styles["Table Grid"], WD_STYLE_TYPE.TABLE)
        self.core = next(p for p in doc.part.package.iter_parts()
                         if p.partname == "/docProps/core.xml")
        buf = io.BytesIO()
        doc.save(buf)
        import zipfile

        saved = zipfile.ZipFile(buf)
        members = [(info.filename, saved.read(info.filename)) for info in saved.infolist()]
        #: the parts' names, in python-docx's order, and their zip records
        self.names = [name for name, _ in members]
        self.records = records(members, self.when)
        self.own = (doc.part.partname[1:], self.core.partname[1:])

    @classmethod
    def of(cls, ctx: m.Context) -> LetterDocx:
        """The common part of ``ctx``'s letter (its language and running header)."""
        return cls(ctx.meta.lang, cls.header_of(ctx))

    @staticmethod
    def header_of(ctx: m.Context) -> str:
        """The running header of ``ctx``'s letter: the call's title and the level."""
        from .docxcommon import docx_text

        t = translator("report", ctx.meta.lang)
        text: str = docx_text(f"{ctx.call.title} — {t(f'level.{ctx.meta.level}')}",
                              ctx.meta.lang)
        return text

    def render(self, ctx: m.Context) -> bytes:
        """``ctx``'s letter as DOCX bytes (``ctx`` in this part's language and header)."""
        from docx.document import Document
        from docx.opc.oxml import serialize_part_xml

        from .docxcommon import docx_text
        from .docxzip import assemble, records

        if ctx.meta.lang != self.lang or self.header_of(ctx) != self.header:
            raise ValueError("a letter of another language or level than its LetterDocx")
        letter = ctx.letter
        assert letter is not None
        data = docx_text(letter.model_dump(), ctx.meta.lang)
        element = copy.deepcopy(self.element)
        doc = Document(element, self.doc.part)
        self.doc.core_properties.title = f"{ctx.meta.title} — {data['title']}"
        _Body(doc, self, ctx, data).write()
        mine = records([(self.own[0], serialize_part_xml(element)),
                        (self.own[1], self.core.blob)], self.when)
        return assemble([mine[name] if name in mine else self.records[name]
                         for name in self.names])


class _Body:
    """Writes one letter's text into its document, in the HTML letter's order."""

    def __init__(self, doc: Any, common: LetterDocx, ctx: m.Context,
                 data: dict[str, Any]) -> None:
        self.doc = doc
        self.common = common
        self.ctx = ctx
        self.d = data
        self.lang = ctx.meta.lang
        self.t = translator("report", self.lang)

    def para(self, text: str = "", style: str | None = None) -> Any:
        """A paragraph of ``text`` in the named ``style`` (python-docx's
        ``add_paragraph(text, style)``, the style's id looked up once)."""
        p = self.doc.add_paragraph(text)
        if style is not None:
            p._p.style = self.common.style_ids[style]
        return p

    def heading(self, text: str, level: int) -> Any:
        return self.para(text, f"Heading {level}")

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        from .wordprocessing import fitted_table

        fitted_table(self.doc, headers, rows, table_style_id=self.common.grid_id)

    def write(self) -> None:
        data, t = self.d, self.t
        para, heading = self.para, self.heading
        if data["sender"]:
            para(data["sender"])
        if data["date"]:
            para(t("letter.date.place", place=data["place"], date=data["date"])
                 if data["place"] else t("letter.date", date=data["date"]))
        if data["reference"]:
            para(t("letter.reference", reference=data["reference"]))
        heading(self.ctx.meta.title, 1)
        p = para()
        p.add_run(t("letter.object")).bold = True
        p.add_run(f" {data['title']} ({data['id']})")
        para(t("letter.salutation"))
        para(t("letter.opening"))
        p = para()
        p.add_run(data["outcome"]).bold = True
        if data["amount_word"]:
            p.add_run(f" {data['amount_word']}")
        for r in data["reasons"]:
            para(r, "List Bullet")
        if data["notice"]:  # not a withdrawal's: the applicant's own, no proposal
            para(data["notice"])
        if data["motivation"]:
            heading(t("h.motivation"), 2)
            para(data["motivation"])
        if data["criteria"]:
            self.criteria()
        if data["sections"]:
            heading(t("h.appreciation"), 2)
            self.table([t("col.section"), t("col.appreciation")],
                       [[s["label"], s["appreciation"]] for s in data["sections"]])
        if data["weighed"]:  # an irrecevable dossier's letter weighs no merits
            heading(t("h.strengths"), 2)
            for x in data["strengths"] or [{"label": t("none.strengths")}]:
                para(x["label"], "List Bullet" if data["strengths"] else None)
            heading(t("h.improve"), 2)
            for x in data["improvements"] or [{"label": t("none.improve"), "text": ""}]:
                para(x["label"] + (t("colon") + x["text"] if x.get("text") else ""),
                     "List Bullet" if data["improvements"] else None)
        if data["synthesis"]:
            heading(t("h.synthesis"), 2)
            for s in data["synthesis"]:
                para(s)
        if data["next_steps"]:
            heading(t("h.next"), 2)
            para(data["next_steps"])
        if data["appeal"]:
            heading(t("h.appeal"), 2)
            para(data["appeal"])
        para(t("letter.closing"))
        if data["contact"]:
            para(t("letter.contact", contact=data["contact"]))
        if data["signatory"]:
            para(data["signatory"])

    def criteria(self) -> None:
        data, t, lang = self.d, self.t, self.lang
        self.heading(t("h.scores"), 2)
        rows = []
        for c in data["criteria"]:
            floor = "-" if c["floor"] is None else (
                t("letter.floor.missed", floor=fmt_exact(c["floor"], lang)) if c["below_floor"]
                else fmt_exact(c["floor"], lang))
            label = c["label"] + "".join("\n" + t("letter.quote", text=x)
                                         for x in c["comments"])
            rows.append([label, c["score"], floor])
        self.table([t("col.criterion"), t("col.score"), t("col.floor")], rows)
        if data["total"] is not None:
            text = t("letter.total", total=fmt_number(data["total"], lang, 1),
                     out_of=fmt_exact(data["out_of"], lang))
            if data["threshold"] is not None:
                text += f" ({t('letter.threshold', threshold=fmt_exact(data['threshold'], lang))})"
            text += "."
            if data["line_words"]:  # on the total the ranking used (letters._line_words)
                text += " " + data["line_words"]
            self.para(text)
