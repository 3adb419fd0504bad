"""A grid's criteria as a CSV for a spreadsheet (``isgrid grids show --format csv``): one
row per criterion, with its provenance, so that a chargé d'études can sort, filter and
quote a grid without copying it by hand (review 19, finding 7)."""

from __future__ import annotations

from typing import Any

from .load import LoadedGrid


def grid_csv(loaded: LoadedGrid, lang: str = "fr") -> bytes:
    """One row per criterion, in the grid's order: id, label, section (its label),
    dimension, effective weight (a scored grid's share of the total in percent, the
    engine's :func:`isgrid.grid.weights.weight_shares`; empty otherwise and for an
    eliminatory criterion), floor, eliminatory (oui/non), provenance (as every view shows
    it: :func:`isgrid.grid.provenance.criterion_status`), source.  In French as a French
    spreadsheet opens it (``;``, decimal comma), a BOM either way, every text cell
    formula-neutralised, as the project's other CSVs (:func:`isgrid.io.cells.spreadsheet_csv`).
    The grid's own words (labels, sections) stay as written."""
    from ..documents.typography import french_spacing
    from ..i18n import translator
    from ..io.cells import spreadsheet_csv
    from ..messages import decimal_text, half_up, plain_number
    from .provenance import criterion_status
    from .weights import weight_shares

    g = loaded.grid
    fr = lang == "fr"
    words, common = translator("grids", lang), translator("common", lang)

    def t(key: str) -> str:
        return french_spacing(words(key)) if fr else words(key)

    shares = weight_shares(g) if g.mode == "scored" else {}
    rows: list[list[Any]] = [[t(f"csv.{k}") for k in (
        "id", "label", "section", "dimension", "weight", "floor", "eliminatory", "provenance",
        "source")]]
    for s in g.sections:
        for c in s.criteria:
            share = shares.get(c.id)
            rows.append([
                c.id, c.label, s.label, c.dimension or "",
                decimal_text(half_up(100 * share), lang) if share is not None else "",
                decimal_text(plain_number(c.floor), lang) if c.floor is not None else "",
                t("csv.yes") if c.eliminatory else t("csv.no"),
                common(f"provenance.{criterion_status(g, c)}"),
                c.provenance.source or "",
            ])
    return spreadsheet_csv(rows, lang)
