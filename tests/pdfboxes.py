"""What WeasyPrint lays out past a table cell's edges: the texts of a printed table that
overflow their column (and so run into the next one) or a table wider than its page.

Read from WeasyPrint's layout boxes (the PDF's own layout, not a browser's).  A cell
that clips what it holds (``overflow: hidden``, a title cut with an ellipsis), or a
block inside it that does (the tableau de séance's ``span.cut``), is not an overflow:
nothing of it is painted over its neighbour.
"""

from __future__ import annotations

from typing import Any

#: A quarter of a CSS pixel: rounding, never a glyph.
EPS = 0.25


def _text(box: Any) -> str:
    return "".join(getattr(b, "text", "") for b in box.descendants())


def _unclipped(box: Any) -> Any:
    """The boxes inside ``box`` no block inside it clips (``overflow`` other than
    visible): what may be painted past it."""
    for child in getattr(box, "children", ()):
        yield child
        if child.style["overflow"] == "visible":
            yield from _unclipped(child)


def overflows(html: str) -> list[str]:
    """Each text of a table cell laid out past its cell's border box (« page 1: 'non
    retenu' in cell 'non retenu' is 9.8 px past its column »), each heading cut inside a
    word (« Signalement / s »), and each table wider than its page's content box."""
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.formatting_structure import boxes

    found: list[str] = []
    doc = weasyprint.HTML(string=html).render()
    for number, page in enumerate(doc.pages, 1):
        root = page._page_box
        right = root.content_box_x() + root.width
        for box in root.descendants():
            if isinstance(box, boxes.TableBox):
                edge = box.border_box_x() + box.border_width()
                if edge > right + EPS:
                    found.append(f"page {number}: a table ends {edge - right:.1f} px past the "
                                 f"page ({_text(box)[:60]!r})")
            if not isinstance(box, boxes.TableCellBox) or box.style["overflow"] != "visible":
                continue
            left, end = box.border_box_x(), box.border_box_x() + box.border_width()
            if box.element_tag == "th":  # a heading wraps at its spaces, never inside a word
                words = set("".join(box.element.itertext()).split())
                cut = [w for t in box.descendants() if isinstance(t, boxes.TextBox)
                       for w in t.text.split() if w not in words]
                if cut:
                    found.append(f"page {number}: heading {_text(box)!r} cut inside a word "
                                 f"({' / '.join(cut)})")
            for inner in _unclipped(box):
                if not isinstance(inner, boxes.TextBox) or not inner.text.strip():
                    continue
                past = max(left - inner.position_x,
                           inner.position_x + inner.margin_width() - end)
                if past > EPS:
                    found.append(f"page {number}: {inner.text!r} in cell {_text(box)!r} "
                                 f"is {past:.1f} px past its column")
    return found


def page_texts(html: str) -> list[str]:
    """The text each page of the PDF lays out in its page area (the running header and
    the page number, in the page's margins, left out), page by page."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    doc = weasyprint.HTML(string=html).render()
    out = []
    for page in doc.pages:
        root = page._page_box
        texts = [b.text for child in root.children if not isinstance(child, boxes.MarginBox)
                 for b in child.descendants() if isinstance(b, boxes.TextBox)]
        out.append(" ".join(t.strip() for t in texts if t.strip()))
    return out
