"""Word (DOCX) documents a French administration can edit and print as they are.

:func:`setup_document` gives a python-docx document the page and the language of
the call: A4 portrait with 2 cm margins, the document language (``fr-FR`` for a
French call, ``en-GB`` for an English one) in the style defaults so that the
word processor checks the spelling in the right language, a running header
(the call's title and the confidentiality level) and the page numbers in the
footer (Word ``PAGE`` and ``NUMPAGES`` fields, updated by the word processor).

:func:`fitted_table` writes a table in the named style ``Table Grid`` with
column widths fitted to the content: every column is at least as wide as its
longest word (titles no longer break one word per line) and the room left is
shared in proportion to the columns' longest lines.

python-docx is imported lazily by the callers (it is only needed for DOCX).
"""

from __future__ import annotations

from typing import Any

#: The language tag written in the DOCX styles for a call's language.
DOCX_LANGUAGE = {"fr": "fr-FR", "en": "en-GB"}

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_MM = 20
#: Millimetres per character of the body text (10 pt) used to size columns.
_MM_PER_CHAR = 1.9
#: Room in a cell besides its text (cell margins), in millimetres.
_CELL_PADDING_MM = 2.6


def docx_language(lang: str) -> str:
    """``fr`` → ``fr-FR``, ``en`` → ``en-GB``; any other tag is kept as given."""
    if "-" in lang:
        return lang
    return DOCX_LANGUAGE.get(lang.lower(), lang)


def _set_language(doc: Any, tag: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    targets = [rpr] + [s.element.get_or_add_rPr() for s in doc.styles
                       if s.name in ("Normal", "Title", "Heading 1", "Header", "Footer")]
    targets += [el for el in styles.iter(qn("w:rPr")) if el.find(qn("w:lang")) is not None]
    for el in targets:
        lang_el = el.find(qn("w:lang"))
        if lang_el is None:
            lang_el = OxmlElement("w:lang")
            el.append(lang_el)
        lang_el.set(qn("w:val"), tag)
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), tag)


def _field(paragraph: Any, instr: str, shown: str) -> None:
    """A simple field (``PAGE``, ``NUMPAGES``) with the text shown until it is updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def setup_document(doc: Any, *, lang: str, header: str, page_text: str) -> None:
    """A4, the call's language, a running ``header`` and « Page N sur M » in the footer.

    ``page_text``: the footer's words with ``{page}`` and ``{pages}`` where the
    fields go (the catalogue's ``docx.page``)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    for section in doc.sections:
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        head = section.header.paragraphs[0]
        head.text = header
        head.style = doc.styles["Header"]
        foot = section.footer.paragraphs[0]
        foot.style = doc.styles["Footer"]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rest = page_text
        for name, instr in (("{page}", "PAGE"), ("{pages}", "NUMPAGES")):
            before, _, rest = rest.partition(name)
            if before:
                foot.add_run(before)
            _field(foot, instr, "1")
        if rest:
            foot.add_run(rest)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    _set_language(doc, docx_language(lang))


def _words(text: str) -> list[str]:
    return text.split() or [""]


def column_widths_mm(rows: list[list[str]], usable_mm: float) -> list[float]:
    """Widths (mm) fitted to the content of ``rows`` (the header row included).

    Each column gets at least its longest word (capped at 24 characters: longer
    words may break); the rest of ``usable_mm`` goes in proportion to the
    longest line of each column beyond that minimum."""
    ncols = max((len(r) for r in rows), default=0)
    if ncols == 0:
        return []
    need = [0.0] * ncols  # longest word, in mm
    want = [0.0] * ncols  # longest line, in mm
    for r in rows:
        for i, cell in enumerate(r):
            for line in (cell or "").splitlines() or [""]:
                word = max((len(w) for w in _words(line)), default=0)
                need[i] = max(need[i], min(word, 24) * _MM_PER_CHAR + _CELL_PADDING_MM)
                want[i] = max(want[i], len(line) * _MM_PER_CHAR + _CELL_PADDING_MM)
    need = [max(n, 8.0) for n in need]
    base = sum(need)
    if base >= usable_mm:  # even the words do not fit: shrink them all alike
        return [usable_mm * n / base for n in need]
    extra = [max(w - n, 0.0) for w, n in zip(want, need, strict=True)]
    room = usable_mm - base
    total_extra = sum(extra)
    if total_extra <= room:  # everything fits on one line: give the slack evenly
        return [n + e + (room - total_extra) / ncols for n, e in zip(need, extra, strict=True)]
    return [n + room * e / total_extra for n, e in zip(need, extra, strict=True)]


def fitted_table(doc: Any, headers: list[str], rows: list[list[str]]) -> Any:
    """A ``Table Grid`` table, header row repeated on each page, columns fitted to content."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    tb = doc.add_table(rows=1, cols=len(headers))
    tb.style = doc.styles["Table Grid"]
    tb.autofit = False
    for i, h in enumerate(headers):
        cell = tb.rows[0].cells[i]
        cell.text = h
        for run in cell.paragraphs[0].runs:
            run.bold = True
    head_pr = tb.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    head_pr.append(repeat)
    for r in rows:
        cells = tb.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    widths = column_widths_mm([headers, *rows], PAGE_WIDTH_MM - 2 * MARGIN_MM)
    for i, w in enumerate(widths):
        tb.columns[i].width = Mm(w)
        for cell in tb.columns[i].cells:
            cell.width = Mm(w)
    return tb
