"""The comparison's tables as a CSV for a spreadsheet (``compare --format csv``), written by
the one writer of such files (:func:`isgrid.io.cells.spreadsheet_csv`): the coverage table
first, its header on the first line as it always was, then, each after an empty line and a
line with its title, the criteria correspondence table (the crosswalk), and with calls,
each edition's dossiers already in the earlier one and each pair of calls' per-dossier
table (review 19, finding 7).

Numbers in the numeric cells (« 0 » where a grid does not reach a dimension as main
dimension, a share « 14,3 », a rank, a total « 56,3 » as the document shows it), never a
marker or a « - » (an empty cell where there is none); the markers « (s) » and « (g) » in
a column of their own, and each grid's provenance (its counts and, for a grid too little
sourced, why: :mod:`.sourcing`), so that a copied row never says less than the document
(review 19, findings 4 and 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .stagewords import StageWords

Tr = Callable[..., str]


def compare_csv(report: dict[str, Any], lang: str,
                more: Callable[[str], str] | None = None) -> bytes:
    """Every table of the comparison, one after the other (the module's doc).  ``report``'s
    dimensions in ``lang`` (:func:`.output.dimension_words`); ``more(where)``: what a list
    cut at the detail limit lost, in words (:func:`.output.omitted_text`), a last row under
    its table (``compare --format csv`` keeps every dossier: ``--details``)."""
    from ...io.cells import spreadsheet_csv

    t = _words(lang)
    rows = coverage_rows(report, lang, t)
    tables = [(t("crosswalk.heading"), crosswalk_rows(report, lang, t))]
    calls = report.get("calls") or {}
    from .stagewords import StageWords

    stage = StageWords(report, t, lang)
    for i, e in enumerate(calls.get("editions") or []):
        if e["reapplied"]:
            tables.append((t("editions.heading", earlier=e["earlier"], later=e["later"]),
                           edition_rows(e, f"calls.editions[{i}].reapplied", t, stage, lang,
                                        more)))
    modes = {c["grid"]: c["mode"] for c in calls.get("calls", [])}
    for i, p in enumerate(calls.get("pairs") or []):
        if p["common"]:
            tables.append((t("csv.pair", a=p["a"], b=p["b"]),
                           pair_rows(p, f"calls.pairs[{i}].ranks", modes, t, stage, lang,
                                     more)))
    for title, table in tables:
        rows += [[], [title], *table]
    return spreadsheet_csv(rows, lang)


def _words(lang: str) -> Tr:
    """The compare catalog's words, with French spacing in French."""
    from ...documents.typography import french_spacing
    from ...i18n import translator

    words = translator("compare", lang)
    if lang != "fr":
        return words
    return lambda key, /, **kw: french_spacing(words(key, **kw))


def coverage_csv(report: dict[str, Any], lang: str) -> bytes:
    """The coverage table alone (:func:`coverage_rows`), as :func:`compare_csv` writes it."""
    from ...io.cells import spreadsheet_csv

    return spreadsheet_csv(coverage_rows(report, lang, _words(lang)), lang)


def coverage_rows(report: dict[str, Any], lang: str, t: Tr) -> list[list[Any]]:
    """One row per grid: its key, its basis, its criteria sourced / reconstructed /
    inferred (numbers) and its flag in words, then the share of each dimension D1..D10 in
    percent (« 14,3 », « 0 »), then the dimensions it reaches only as secondary (« D3 (s) »)
    or through an eliminatory criterion (« D7 (g) »); its header first."""
    from ...messages import decimal_text, half_up
    from .sourcing import flag_words

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
    return rows


def crosswalk_rows(report: dict[str, Any], lang: str, t: Tr) -> list[list[Any]]:
    """The criteria correspondence table, one row per criterion and dimension it has
    (main, secondary, eliminatory), by dimension then grid, as the document lists them:
    the dimension and its label, the grid, the criterion's id and label, its role, its
    share of the grid in percent (a number; empty for a secondary dimension or an
    eliminatory criterion, which carry none), its part in the verdict rule (« socle »,
    « socle, inféré », « au choix dans la règle du verdict »), the condition it is shown
    apart as, its provenance and source; its header first.  A dimension no criterion of a
    grid has gives that grid no row."""
    from ...i18n import translator
    from ...messages import decimal_text, half_up

    common = translator("common", lang)
    rows: list[list[Any]] = [[t("col.dimension"), t("csv.dimension_label"), t("col.grid"),
                              t("col.criterion"), t("csv.label"), t("csv.role"),
                              t("csv.share"), t("csv.verdict_rule"), t("csv.apart"),
                              t("csv.provenance"), t("csv.source")]]
    crosswalk = report["crosswalk"]
    for row in crosswalk["rows"]:
        for key in crosswalk["grids"]:
            for it in row["cells"][key]:
                rule = ""
                if it["core"] or it["option"]:
                    rule = t("core" if it["core"] else "option")
                    status = it.get("core_status")
                    if it["core"] and status and status != "sourced":
                        rule += ", " + common(f"provenance.{status}")
                share = it["share"]
                rows.append([
                    row["dimension"], row["label"], key, it["id"], it["label"],
                    t("role." + it["role"]),
                    decimal_text(half_up(100 * share), lang) if share is not None else "",
                    rule, it["separate_condition"] or "",
                    common("provenance." + it["provenance"]["status"]),
                    it["provenance"]["source"] or ""])
    return rows


def edition_rows(e: dict[str, Any], where: str, t: Tr, stage: StageWords, lang: str,
                 more: Callable[[str], str] | None) -> list[list[Any]]:
    """An edition's dossiers already in the earlier call (``calls.editions[]``): the
    dossier, its title, its id in the earlier call, how it was matched (« identifiant »,
    or the fact: « siret »), its status then, said as the document says it
    (:func:`isgrid.documents.text.status_said`: « proposé (retenu) » until the vote, in
    the earlier call's stage's words); its header first."""
    from functools import partial

    from ...documents.text import status_said

    earlier = e["earlier"]
    rows: list[list[Any]] = [[t("col.dossier"), t("col.title"),
                              t("editions.col.earlier", earlier=earlier), t("editions.col.by"),
                              f"{t('col.status')} {earlier}"]]
    for x in e["reapplied"]:
        said = partial(status_said, str(x["status"]), lang, bool(x["decided"]))
        rows.append([x["dossier"], x["title"], x["earlier_dossier"],
                     t("editions.by.id") if x["by"] == "id" else x["by"],
                     stage.within(earlier, said)])
    return _with_more(rows, where, more)


def pair_rows(p: dict[str, Any], where: str, modes: dict[str, str], t: Tr, stage: StageWords,
              lang: str, more: Callable[[str], str] | None) -> list[list[Any]]:
    """A pair of calls' per-dossier table (``calls.pairs[].ranks``), as the document's: each
    dossier in both calls, its rank in each (a number; empty when not ranked), its status
    in each as the document says it (« proposé (retenu) » until the vote, in each call's
    stage's words), its outcome in each by the call's mode (a scored grid's total to one
    decimal as shown, « 56,3 »; a checklist's verdict in words; a profile's number of
    markers present), and, when any dossier has one, the gap (:func:`.results.shown_gap`,
    « 0,3 »: unsigned but for a minus, as a spreadsheet reads a number); its header
    first."""
    from ...documents.text import status_said, verdict_word
    from ...messages import decimal_text, half_up
    from .results import shown_gap

    a, b = p["a"], p["b"]
    col = {"scored": "col.total", "checklist": "col.verdict", "profile": "col.present"}
    gaps = [shown_gap(x) for x in p["ranks"]]
    with_gap = any(g is not None for g in gaps)
    rows: list[list[Any]] = [[
        t("col.dossier"), f"{t('col.rank')} {a}", f"{t('col.rank')} {b}",
        f"{t('col.status')} {a}", f"{t('col.status')} {b}",
        f"{t(col[modes[a]])} {a}", f"{t(col[modes[b]])} {b}",
        *([t("col.difference")] if with_gap else [])]]

    def said(x: dict[str, Any], side: str, call: str) -> str:
        return stage.within(call, lambda: status_said(str(x[f"status_{side}"]), lang,
                                                      bool(x[f"decided_{side}"])))

    def outcome(x: dict[str, Any], side: str, mode: str) -> Any:
        if mode == "scored":
            v = x[f"total_{side}"]
            return "" if v is None else decimal_text(half_up(v), lang)
        if mode == "checklist":
            v = x[f"verdict_{side}"]
            return verdict_word(v, lang) if isinstance(v, str) else ""
        v = x[f"present_{side}"]
        return "" if v is None else v

    for x, gap in zip(p["ranks"], gaps, strict=True):
        row = [x["dossier"], _num(x["rank_a"]), _num(x["rank_b"]), said(x, "a", a),
               said(x, "b", b), outcome(x, "a", modes[a]), outcome(x, "b", modes[b])]
        if with_gap:
            row.append("" if gap is None else gap if isinstance(gap, int)
                       else decimal_text(f"{gap:.1f}", lang))
        rows.append(row)
    return _with_more(rows, where, more)


def _num(x: Any) -> Any:
    """A number's cell: the number, or empty."""
    return "" if x is None else x


def _with_more(rows: list[list[Any]], where: str,
               more: Callable[[str], str] | None) -> list[list[Any]]:
    """``rows``, with a last row saying what the list cut at ``where`` lost, if it was."""
    said = more(where) if more is not None else ""
    return [*rows, [said]] if said else rows
