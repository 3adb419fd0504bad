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
#: The body text's size, in points (the ``Normal`` style).
BODY_PT = 10
#: The name of the small paragraph style of long tables (:func:`compact_style`).
COMPACT_STYLE = {"fr": "Tableau compact", "en": "Compact table"}
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
    normal.font.size = Pt(BODY_PT)
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


def fitted_table(doc: Any, headers: list[str], rows: list[list[str]], *,
                 width_mm: float | None = None, style: Any = None,
                 table_style_id: str | None = None) -> Any:
    """A ``Table Grid`` table, header row repeated on each page, columns fitted to content.

    ``width_mm``: the text width (default: A4 portrait's); ``style``: a paragraph style
    for every cell (:func:`compact_style`), whose size the widths are worked out for;
    ``table_style_id``: ``Table Grid``'s id when the caller looked it up once (python-docx
    walks every style to find one by its name)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    tb = doc.add_table(rows=1, cols=len(headers))
    if table_style_id is not None:
        tb._tbl.tblStyle_val = table_style_id  # what `tb.style = ` sets
    else:
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
    scale = 1.0
    if style is not None:
        # the style's id set on each paragraph directly: python-docx's `paragraph.style = `
        # looks the default style up every time (30 s for a ranking of 300 dossiers)
        sid = style.style_id
        for p in tb._tbl.iter(qn("w:p")):
            p.style = sid
        scale = style.font.size.pt / BODY_PT
    widths = column_widths_mm([headers, *rows],
                              (width_mm or PAGE_WIDTH_MM - 2 * MARGIN_MM) / scale)
    widths = [w * scale for w in widths]
    for i, w in enumerate(widths):
        tb.columns[i].width = Mm(w)
    for row in tb.rows:  # one pass (a column's cells are found by walking the whole table)
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Mm(w)
    return tb


def compact_style(doc: Any, lang: str, size_pt: float = 8) -> Any:
    """The paragraph style of long tables (« Tableau compact »): ``size_pt`` points, no
    space after, based on ``Normal`` (so in the document's language); made once."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    name = COMPACT_STYLE.get(lang, COMPACT_STYLE["en"])
    try:
        return doc.styles[name]
    except KeyError:
        pass
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(size_pt)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    return style


def new_section(doc: Any, *, landscape: bool) -> Any:
    """Start a new page in a new section, A4 landscape or portrait, same margins; its
    running header and footer are the previous section's (linked)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    wide, high = (PAGE_HEIGHT_MM, PAGE_WIDTH_MM) if landscape else (PAGE_WIDTH_MM,
                                                                    PAGE_HEIGHT_MM)
    section.page_width = Mm(wide)
    section.page_height = Mm(high)
    return section


def text_width_mm(section: Any) -> float:
    """The width between a section's margins, in millimetres."""
    return float(section.page_width.mm - section.left_margin.mm - section.right_margin.mm)


def keep_rows_whole(table: Any) -> None:
    """No row of ``table`` is split across two pages (``w:cantSplit``)."""
    from docx.oxml import OxmlElement

    for row in table.rows:
        # the schema's order: cantSplit comes before trHeight and tblHeader (Word is strict)
        row._tr.get_or_add_trPr().insert_element_before(
            OxmlElement("w:cantSplit"), "w:trHeight", "w:tblHeader", "w:tblCellSpacing",
            "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def keep_table_together(table: Any) -> None:
    """``table`` on one page: no row split (:func:`keep_rows_whole`), and each row's
    paragraphs kept with the next row (``w:keepNext``, which Word applies to table rows),
    so that a heading kept with its next paragraph stays with the whole table."""
    keep_rows_whole(table)
    for row in table.rows[:-1]:
        for cell in row.cells:
            for par in cell.paragraphs:
                par.paragraph_format.keep_with_next = True


def close_document(doc: Any) -> None:
    """End ``doc`` on an empty paragraph one point high, with no spacing: Word puts a
    paragraph mark after a final table anyway, at the body's size, and when the table
    ends at the foot of a page that mark alone made an empty last page."""
    from docx.shared import Pt

    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    par.add_run().font.size = Pt(1)


def marked_row(table: Any, before: int, text: str, *, color: str = "A32020") -> Any:
    """Insert a row spanning the whole table above data row ``before`` (0: the first row
    after the header), its text bold and coloured, a thick top border: the funding line.
    The row is kept on the page of the row after it (keep with next)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    row = table.add_row()
    target = table.rows[before + 1]
    target._tr.addprevious(row._tr)
    cells = row.cells
    cell = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    cell.text = ""
    par = cell.paragraphs[0]
    run = par.add_run(text)
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(color)
    par.paragraph_format.keep_with_next = True
    if target.cells and target.cells[0].paragraphs:
        style = target.cells[0].paragraphs[0].style
        par.style = style
        run.font.size = Pt(style.font.size.pt) if style.font.size is not None else None
    borders = OxmlElement("w:tcBorders")
    for side, size in (("top", "24"), ("bottom", "24")):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), size)
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), color)
        borders.append(el)
    cell._tc.get_or_add_tcPr().append(borders)
    return row
