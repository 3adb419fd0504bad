"""The comparison's coverage table as a CSV for a spreadsheet (``compare --format csv``):
numbers in the numeric cells (« 0 » where a grid does not reach a dimension as main
dimension), the markers « (s) » and « (g) » in a column of their own, and each grid's
provenance (its counts and, for a grid too little sourced, why: :mod:`.sourcing`), so that
a copied row never says less than the document (review 19, findings 4 and 7)."""

from __future__ import annotations

from typing import Any


def coverage_csv(report: dict[str, Any], lang: str) -> bytes:
    """One row per grid: its key, its basis, its criteria sourced / reconstructed /
    inferred (numbers) and its flag in words, then the share of each dimension D1..D10 in
    percent (« 14,3 », « 0 »), then the dimensions it reaches only as secondary (« D3 (s) »)
    or through an eliminatory criterion (« D7 (g) »).  In French as a French spreadsheet
    opens it (``;`` between cells, decimal comma), a BOM either way, cells a spreadsheet
    would run as formulas neutralised (:func:`isgrid.io.cells.spreadsheet_csv`)."""
    from ...documents.typography import french_spacing
    from ...i18n import translator
    from ...io.cells import spreadsheet_csv
    from ...messages import decimal_text, half_up
    from .sourcing import flag_words

    fr = lang == "fr"
    words = translator("compare", lang)

    def t(key: str, /, **kw: Any) -> str:
        return french_spacing(words(key, **kw)) if fr else words(key, **kw)

    dims = [d["id"] for d in report["dimensions"]]
    rows: list[list[Any]] = [[t("col.grid"), t("coverage.col.basis"), t("csv.sourced"),
                t("csv.reconstructed"), t("csv.inferred"), t("csv.flag")]
               + [f"{d} (%)" for d in dims] + [t("csv.markers")]]
    infos = {g["key"]: g for g in report["grids"]}
    for cov in report["coverage"]:
        info = infos.get(cov["grid"])
        prov = info["provenance"] if info else {}
        row: list[Any] = [cov["grid"], t("basis." + cov["basis"])]
        row += [prov.get(s, "") for s in ("sourced", "reconstructed", "inferred")]
        row.append(flag_words(info, t, lang) if info else "")
        marks = []
        for d in dims:
            dc = cov["dimensions"][d]
            row.append(decimal_text(half_up(100 * dc["share"]), lang) if dc["criteria"]
                       else "0")
            if not dc["criteria"] and (dc["secondary"] or dc["gates"]):
                marks.append(f"{d} (s)" if dc["secondary"] else f"{d} (g)")
        row.append(", ".join(marks))
        rows.append(row)
    return spreadsheet_csv(rows, lang)
