"""Rendering a comparison as JSON, Markdown or HTML (with an inline-SVG heat map).

HTML is rendered with autoescaping, in the reports' style sheet
(``report/style.css.j2``: same colours, A4 pages, no orphan headings).  Markdown
goes through the Markdown documents' one escaping (:mod:`isgrid.documents.markdown`):
``md_inline`` for a value inside a line, ``md_escape`` for text that starts one.  Diff
keys (``weight``, ``floor``…) and values (modes, aggregators, provenance) are shown
in words of the document's language (:func:`field_label`, :func:`field_value`).
Same inputs, same bytes: nothing here reads a clock or depends on dict order that
the report did not fix.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...documents.markdown import md_escape, md_inline
from ...documents.text import fmt_money, fmt_number, status_said, verdict_word
from ...i18n import translator
from ...io.write import dumps_json
from ...messages import percent
from .results import shown_gap

CELL_W = 58
CELL_H = 30
LABEL_W = 230
HEAD_H = 30
LOW = (0xEF, 0xF3, 0xFF)
HIGH = (0x08, 0x45, 0x94)


def _fill(intensity: float) -> str:
    rgb = [round(lo + (hi - lo) * intensity) for lo, hi in zip(LOW, HIGH, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _ink(fill: str) -> str:
    """The figures' colour on a cell of ``fill``: black or white, whichever contrasts more
    (WCAG relative luminance). One of them always reaches 4.5:1 (black from a luminance of
    0.175, white up to 0.183), whatever the palette (WCAG 1.4.3)."""
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
           for c in (int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5))]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#000000"


def pct(x: float | None, lang: str) -> str:
    return "-" if x is None else percent(x, lang)


def heatmap(report: dict[str, Any], lang: str) -> dict[str, Any]:
    """Geometry and colours of the coverage heat map: rows are grids, columns D1..D10."""
    dims = [d["id"] for d in report["dimensions"]]
    top = max((c["dimensions"][d]["share"] for c in report["coverage"] for d in dims),
              default=0.0)
    cells = []
    rows = []
    for r, cov in enumerate(report["coverage"]):
        y = HEAD_H + r * CELL_H
        rows.append({"y": y + CELL_H / 2 + 4, "label": cov["grid"]})
        for k, d in enumerate(dims):
            dc = cov["dimensions"][d]
            share = dc["share"]
            intensity = share / top if top > 0 and dc["criteria"] else 0.0
            if dc["criteria"]:
                text, kind = pct(share, lang), "covered"
            elif dc["secondary"]:
                text, kind = "(s)", "secondary"
            elif dc["gates"]:
                text, kind = "(g)", "gate"
            else:
                text, kind = "", "none"
            cells.append({
                "x": LABEL_W + k * CELL_W, "y": y, "w": CELL_W - 2, "h": CELL_H - 2,
                "fill": _fill(intensity) if kind == "covered" else "#f6f6f6",
                "ink": _ink(_fill(intensity)) if kind == "covered" else "#1a1a1a",
                "text": text, "kind": kind,
                "tx": LABEL_W + k * CELL_W + (CELL_W - 2) / 2, "ty": y + CELL_H / 2 + 3,
                "title": f"{cov['grid']} · {d} · " + ", ".join(
                    dc["criteria"] + [f"({c})" for c in dc["secondary"]]
                    + [f"[{c}]" for c in dc["gates"]]),
            })
    cols = [{"x": LABEL_W + k * CELL_W + (CELL_W - 2) / 2, "label": d}
            for k, d in enumerate(dims)]
    return {
        "width": LABEL_W + len(dims) * CELL_W + 4,
        "height": HEAD_H + len(report["coverage"]) * CELL_H + 4,
        "cells": cells, "rows": rows, "cols": cols, "top": pct(top, lang),
    }


def value_text(v: Any, lang: str) -> str:
    """A diff value for reading: None as a dash, booleans in words, numbers in style."""
    yes, no = ("oui", "non") if lang == "fr" else ("yes", "no")
    if v is None:
        return "-"
    if isinstance(v, bool):
        return yes if v else no
    if isinstance(v, float):
        return fmt_number(v, lang, 3).rstrip("0").rstrip(",.") or "0"
    if isinstance(v, list):
        return " | ".join(value_text(x, lang) for x in v) if v else "-"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {value_text(x, lang)}" for k, x in v.items()) or "-"
    return str(v)


#: A message catalog: ``t("key", **values)``.
Tr = Callable[..., str]


def spaced(t: Tr, lang: str) -> Tr:
    """``t`` whose French messages get the narrow no-break spaces of French typography."""
    if lang != "fr":
        return t
    from ...documents.typography import french_spacing

    return lambda key, /, **kw: french_spacing(t(key, **kw))


#: Values shown in words: the field, and the catalog key of a value.
_VALUE_WORDS = {"mode": "common:mode.", "provenance": "common:provenance.",
                "aggregator": "common:aggregator."}


def field_label(name: str, t: Tr) -> str:
    """A diff key in words (``weight`` -> « poids »); ``(counts_as)`` too; other
    names (a criterion id, a parameter path) as they are."""
    key = name[1:-1] if name.startswith("(") and name.endswith(")") else name
    label = t(f"field.{key}")
    return name if label == f"field.{key}" else label


class Worded(str):
    """A diff's text already in words (:func:`section_words`): :func:`parameter_label`
    leaves it as it is."""


def parameter_label(path: str, t: Tr, sections: dict[str, str] | None = None,
                    scales: dict[str, str] | None = None) -> str:
    """A parameter path of ``parameters:`` in words: ``criteria.AV-1.1.floor`` ->
    « critère AV-1.1, plancher », ``criteria.*.weight`` -> « tous les critères, poids »,
    ``threshold`` -> « seuil », ``sections.recevabilite.weight`` -> « section Conditions
    de recevabilité (éliminatoires), poids » given the grid's ``sections`` labels by id (a scale's, ``scales``, with its id);
    an unknown path as it is."""
    if isinstance(path, Worded):
        return path
    kind, _, rest = path.partition(".")
    if not rest:
        return field_label(path, t)
    if t(f"param.{kind}") == f"param.{kind}":
        return path
    ident, _, fld = rest.rpartition(".") if "." in rest else (rest, "", "")
    if not ident or not fld.replace("_", "a").isalpha():
        ident, fld = rest, ""
    if kind == "sections" and sections and ident in sections:
        ident = sections[ident]
    elif kind == "scales" and scales and ident in scales:
        ident = f"{scales[ident]} ({ident})"
    words = t(f"param.{kind}.all") if ident == "*" else t(f"param.{kind}", id=ident)
    return f"{words}, {field_label(fld, t)}" if fld else words


def section_words(report: dict[str, Any], t: Tr) -> dict[str, Any]:
    """``report`` with its diffs' sections, scales and eligibility rules named by their
    labels, as the grids write them (« Sections ajoutées : Démarche entrepreneuriale et
    capacité de déploiement », not « demarche-porteur »; « échelle : Présence (IES, 4
    niveaux) (presence4) → Note de 0 à 4 (note04) »; « Règles de recevabilité ajoutées :
    Projet situé en Picardie (territoire-picardie) »): criteria added or removed, sections
    added, removed or changed, a criterion moved to another section or put on another
    scale, scales and rules added, removed or changed, a section's or a scale's entry in the
    parameters.  A scale or a rule keeps its id in parentheses (two scales may share a
    label).  The report's data (its JSON) keeps the ids; ``section_labels``,
    ``scale_labels`` and ``rule_labels`` hold the labels."""
    diffs = []
    for d in report["diffs"]:
        names = d.get("section_labels") or {}
        scales = d.get("scale_labels") or {}
        rules = d.get("rule_labels") or {}

        def name(sid: Any, names: dict[str, str] = names) -> Any:
            return names.get(sid, sid) if isinstance(sid, str) else sid

        def with_id(ident: Any, labels: dict[str, str]) -> Any:
            if not isinstance(ident, str) or ident not in labels:
                return ident
            return Worded(f"{labels[ident]} ({ident})")

        def moved(ch: dict[str, Any], scales: dict[str, str] = scales) -> dict[str, Any]:
            if ch["field"] == "section":
                return ch | {"before": name(ch["before"]), "after": name(ch["after"])}
            if ch["field"] == "scale":
                return ch | {"before": with_id(ch["before"], scales),
                             "after": with_id(ch["after"], scales)}
            return ch


        diffs.append(d | {
            "criteria_added": [c | {"section": name(c["section"])} for c in d["criteria_added"]],
            "criteria_removed": [c | {"section": name(c["section"])}
                                 for c in d["criteria_removed"]],
            "criteria_changed": [i | {"changes": [moved(ch) for ch in i["changes"]]}
                                 for i in d["criteria_changed"]],
            "sections_added": [name(x) for x in d["sections_added"]],
            "sections_removed": [name(x) for x in d["sections_removed"]],
            "sections_changed": [i | {"id": name(i["id"])} for i in d["sections_changed"]],
            "scales_added": [with_id(x, scales) for x in d["scales_added"]],
            "scales_removed": [with_id(x, scales) for x in d["scales_removed"]],
            "scales_changed": [i | {"id": with_id(i["id"], scales)}
                               for i in d["scales_changed"]],
            "eligibility_added": [with_id(x, rules) for x in d["eligibility_added"]],
            "eligibility_removed": [with_id(x, rules) for x in d["eligibility_removed"]],
            "eligibility_changed": [with_id(x, rules) for x in d["eligibility_changed"]],
            "parameters_changed": [ch | {"field": Worded(parameter_label(ch["field"], t, names,
                                                                      scales))}
                                   for ch in d["parameters_changed"]],
        })
    return report | {"diffs": diffs}


def field_value(v: Any, name: str, lang: str, t: Tr, common: Tr,
                verdicts: dict[str, str]) -> str:
    """A diff value in words of ``lang``: modes, aggregators, provenance, roles, the
    verdict rule, the thresholds of ``counts_as``; anything else by :func:`value_text`."""
    if v is None:
        return "-"
    if name == "verdict" and isinstance(v, str):
        return verdicts.get(v, v)
    if name == "counts_as" and isinstance(v, dict):
        colon = "\u00a0: " if lang == "fr" else ": "  # isgrid.i18n.french_spacing's rule
        return ", ".join(f"{t('state.' + k)}{colon}{value_text(x, lang)}"
                         for k, x in v.items()) or "-"
    where = _VALUE_WORDS.get(name)
    if where is not None and isinstance(v, str):
        cat, prefix = where.split(":")
        tr = common if cat == "common" else t
        words = tr(prefix + v)
        return v if words == prefix + v else words
    return value_text(v, lang)


def outcome_text(row: dict[str, Any], side: str, mode: str, lang: str) -> str:
    """A shared dossier's outcome in one call (``side``: ``a`` or ``b``) as the engine gave
    it: its total for a scored grid, its verdict for a checklist, the number of markers
    present for a profile; « - » without one (an ineligible dossier has no total)."""
    if mode == "scored":
        return fmt_number(row[f"total_{side}"], lang)
    if mode == "checklist":
        v = row[f"verdict_{side}"]
        return verdict_word(v, lang) if isinstance(v, str) else "-"
    return value_text(row[f"present_{side}"], lang)


def gap_text(row: dict[str, Any], lang: str) -> str:
    """The second call's total less the first's on the totals as shown, signed
    (:func:`.results.shown_gap`: 55,952 → 56,0 and 56,25 → 56,3 read « +0,3 »); markers
    present, in whole markers; « - » when either call has none."""
    from ...messages import decimal_text

    d = shown_gap(row)
    if d is None:
        return "-"
    if isinstance(d, int):
        return f"{d:+d}" if d else "0"
    return decimal_text(f"{d:+.1f}" if d else "0.0", lang)


def summary_sentence(report: dict[str, Any], lang: str) -> str:
    """The sentences at the top (:func:`_summary_core`), then, when some grids are too
    little sourced, which (:func:`.sourcing.caution_sentence`)."""
    from .sourcing import caution_sentence

    sm = report["summary"]
    by_dimensions = len(sm["only"]) > 1 and "related" in sm and not sm["related"]
    caution = caution_sentence(report, spaced(translator("compare", lang), lang), lang,
                               by_dimensions)
    core = _summary_core(report, lang)
    return f"{core} {caution}" if caution else core


def _summary_core(report: dict[str, Any], lang: str) -> str:
    """The sentence at the top.  Grids that come from one same grid (a grid and the grids
    that extend it, versions of a grid): criteria shared (same id), how many of them differ,
    how many are in one grid only.  Grids that do not: their ids never meet, whatever they
    ask, so the sentence says which dimensions every grid asks, several, one only, none
    (``report["summary"]``, :func:`isgrid.analysis.comparison.build.summary`)."""
    from ...documents.typography import plural_form

    t = spaced(translator("compare", lang), lang)
    sm = report["summary"]

    def count(key: str, n: int) -> str:
        one, other = t(key).split("|")
        return (one if plural_form(n, lang) == "one" else other).format(n=n)

    shared = count("summary.criteria", len(sm["shared"]))
    # « dont aucun ne diffère », not « dont 0 diffère »
    differing = (t("summary.differ.none") if not sm["differing"]
                 else count("summary.differ", len(sm["differing"])))
    keys = list(sm["only"])
    if len(keys) == 1:  # one grid and its calls: nothing to share, nothing in one grid only
        return t("summary.one", a=keys[0], criteria=count("summary.criteria",
                                                          len(sm["shared"])))
    if "related" in sm and not sm["related"]:
        return _dimensions_sentence(report, keys, t, lang)
    none = ".none" if not sm["shared"] else ""
    if len(keys) == 2:
        a, b = keys
        return t("summary.two" + none, a=a, b=b, shared=shared, differing=differing,
                 only_a=count("summary.criteria", len(sm["only"][a])),
                 only_b=count("summary.criteria", len(sm["only"][b])))
    only = sum(len(v) for v in sm["only"].values())
    return t("summary.many" + none, n=sm["grids"], shared=shared, differing=differing,
             only=count("summary.criteria", only))


def reached_text(report: dict[str, Any], t: Tr, lang: str,
                 dims: list[str] | None = None) -> str:
    """« Atteintes seulement comme dimension secondaire ou par un critère éliminatoire : D3
    dans alsace-aap-2016@1 (dimension secondaire : AV-4.2) ; D7 dans alsace-aap-2016@1
    (critère éliminatoire : ALS-E1). » (``summary.reached_only``), for ``dims`` only when
    given; empty when there is none."""
    from ...documents.typography import plural_form

    # grids reaching a dimension by the same criteria said once: « D3 dans appel,
    # appel-2017 (…) » for two editions of a call
    grouped: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for x in report["summary"].get("reached_only", []):
        if dims is None or x["dimension"] in dims:
            grouped.setdefault((x["dimension"], tuple(x["secondary"]), tuple(x["gates"])),
                               []).append(x["grid"])
    items = []
    for (dim, secondary, gates), grids in grouped.items():
        x = {"dimension": dim, "grid": ", ".join(grids), "secondary": secondary,
             "gates": gates}
        how = []
        if x["secondary"]:
            how.append(t("reached.secondary", ids=", ".join(x["secondary"])))
        if x["gates"]:
            one, other = t("reached.gate", ids=", ".join(x["gates"])).split("|")
            how.append(one if plural_form(len(x["gates"]), lang) == "one" else other)
        items.append(t("reached.item", dim=x["dimension"], grid=x["grid"], how=", ".join(how)))
    if not items:
        return ""
    return t("reached.lead", items=(" ; " if lang == "fr" else "; ").join(items))


def grouping_texts(report: dict[str, Any], t: Tr) -> list[str]:
    """Why calls matched to one compared grid are, or are not, compared as editions of one
    call (``calls.grouping``, :func:`.editions.grouping`): « appel-a et appel-b ne sont pas
    comparés comme éditions d'un même appel : ils ne sont pas jugés avec la même grille
    (appel-a : grille-a@1 ; appel-b : grille-b@1, qui étend grille-a@1). … »."""
    def listed(items: list[str]) -> str:
        return (", ".join(items[:-1]) + t("grouping.and") + items[-1] if len(items) > 1
                else "".join(items))

    out = []
    for g in (report.get("calls") or {}).get("grouping") or []:
        if g["editions"]:
            out.append(t("grouping.editions", calls=listed(g["calls"]), grid=g["grid"]))
            continue
        grids = [t("grouping.grid" + (".extends" if x["extends"] else ""), call=x["call"],
                   grid=x["grid"], extends=x["extends"]) for x in g["grids"]]
        out.append(t("grouping.apart" + (".many" if len(g["calls"]) > 2 else ""),
                     calls=listed(g["calls"]),
                     grids=t("grouping.semi").join(grids)))
    return out


def _dimensions_sentence(report: dict[str, Any], keys: list[str], t: Tr, lang: str) -> str:
    """Grids that do not come from one grid, compared on the dimensions: « Dimensions
    demandées par toutes les grilles : D1, D2 ; par plusieurs : … ; par une seule : D4
    (avise-mouves-2011@1) ; par aucune : … », and whether some of them are related (their
    differences are detailed below)."""
    dims = report["summary"]["dimensions"]

    def listed(ds: list[str]) -> str:
        return ", ".join(ds) if ds else t("summary.dims.none")

    # the dimensions one grid only asks, by grid: « D4, D9 (avise-mouves-2011@1) »
    alone = [(c["grid"], [d for d in dims["one"] if d in c["covered"] or d in c["touched"]])
             for c in report["coverage"]]
    one = ", ".join(f"{listed(ds)} ({g})" for g, ds in alone if ds) or listed([])
    two = len(keys) == 2
    # some of the grids related (a grid and one extending it, among others): said, their
    # differences are below; a call's local changes are not a related grid
    related = any(d["relation"] in ("extends", "versions") for d in report["diffs"])
    lead = (t("summary.unrelated.two", a=keys[0], b=keys[1]) if two
            else t("summary.mixed.many" if related else "summary.unrelated.many",
                   n=len(keys)))
    nowhere = t("summary.dims.nowhere", none=listed(dims["none"])) if dims["none"] else ""
    asked = t("summary.dims.two" if two else "summary.dims.many", all=listed(dims["all"]),
              several=listed(dims["several"]), one=one,
              nowhere=nowhere)
    reached = reached_text(report, t, lang)
    return " ".join([lead, asked] + ([reached] if reached else [])
                    + ([t("summary.pairs")] if related else []))


def omitted_text(report: dict[str, Any], where: str, lang: str) -> str:
    """What a cut list lost, in words: « … et 1 234 autres ; relancer avec --details
    pour tout voir » (``report["omitted"][where]``); empty when the list is whole."""
    from ...errors import group_thousands

    n = report.get("omitted", {}).get(where)
    if not n:
        return ""
    return spaced(translator("compare", lang), lang)(
        "omitted", n=group_thousands(n, lang))


def as_json(report: dict[str, Any], lang: str) -> str:
    data = copy.deepcopy(report)
    t = translator("compare", lang)
    if data.get("projection") is not None:
        data["projection"]["notice"] = t("projection.notice")
    return dumps_json(data)


def dimension_words(report: dict[str, Any], lang: str) -> dict[str, Any]:
    """``report`` with the shared dimensions' label and definition in ``lang`` (the list
    and the crosswalk's rows): they are isgrid's comparison frame, not a grid's content
    (``grids/dimensions.yaml``, its ``en:``; :meth:`isgrid.grid.load.Dimension.words`).
    The report's data keeps the French words (its JSON, as recorded); the documents say
    them in their language (an English comparison read « D1 Besoin social / aspiration »
    between two English grids)."""
    from ...grid.load import dimensions

    if lang == "fr":
        return report
    dims = dimensions()

    def said(x: dict[str, Any], key: str) -> dict[str, Any]:
        d = dims.get(x[key])
        if d is None:
            return x
        label, definition = d.words(lang)
        return x | {"label": label} | ({"definition": definition} if "definition" in x else {})

    out = dict(report)
    out["dimensions"] = [said(d, "id") for d in report["dimensions"]]
    out["crosswalk"] = dict(report["crosswalk"],
                            rows=[said(r, "dimension") for r in report["crosswalk"]["rows"]])
    return out


def render_bytes(report: dict[str, Any], fmt: str, lang: str = "fr",
                 template_dir: Path | None = None) -> bytes:
    """The comparison as the file's bytes: ``pdf`` the HTML laid out by the committee
    report's writer (:func:`isgrid.documents.pdf.html_to_pdf`: A4, numbered pages, the
    same style sheet), ``docx`` the Markdown as a Word document through the Word writers
    every document uses (:func:`isgrid.documents.markdown_docx.markdown_docx`), ``csv``
    its tables for a spreadsheet (:func:`.csvtable.compare_csv`), any other format :func:`render`'s text."""
    if fmt == "pdf":
        from ...documents.pdf import html_to_pdf

        return html_to_pdf(render(report, "html", lang, template_dir))
    if fmt == "csv":
        from .csvtable import compare_csv

        return compare_csv(dimension_words(report, lang), lang,
                           more=lambda where: omitted_text(report, where, lang))
    if fmt == "docx":
        from ...documents.markdown_docx import markdown_docx

        title = translator("compare", lang)("title")
        return markdown_docx(render(report, "md", lang, template_dir), lang=lang,
                             title=title, header=f"{title} — " + " · ".join(
                                 g["key"] for g in report["grids"]))
    return render(report, fmt, lang, template_dir).encode("utf-8")


def render(report: dict[str, Any], fmt: str, lang: str = "fr",
           template_dir: Path | None = None) -> str:
    """The comparison in ``json``, ``md`` or ``html`` (templates may be overridden)."""
    if fmt == "json":
        return as_json(report, lang)
    report = dimension_words(report, lang)
    from ...documents.render import environment

    env = environment(template_dir, lang=lang, markdown=fmt == "md")
    t = spaced(translator("compare", lang), lang)
    common = spaced(translator("common", lang), lang)
    env.globals["common"] = common
    # the verdict rules of the diffs are recorded in English: show them in ``lang``
    fr = lang == "fr"
    if fr:
        from ...documents.typography import french_spacing
    else:
        def french_spacing(text: str) -> str:
            return text
    # words made by isgrid in French (the verdict rules): French spacing too
    env.filters["spaced"] = lambda text: french_spacing(str(text))
    verdicts = {g["verdict"]["text"]["en"]: french_spacing(g["verdict"]["text"][lang])
                for g in report["grids"] if g.get("verdict")}
    env.filters["pct"] = lambda x: pct(x, lang)
    # a grid that reaches a dimension only as secondary, with the criteria that reach it
    env.filters["touched_in"] = lambda key, by: f"{key} ({', '.join(by.get(key, []))})"
    env.filters["val"] = lambda x: value_text(x, lang)
    env.globals["reached"] = lambda dims: reached_text(report, t, lang, list(dims))
    env.globals["grouping"] = lambda: grouping_texts(report, t)
    env.filters["outcome"] = lambda row, side, mode: outcome_text(row, side, str(mode), lang)
    env.filters["gap"] = lambda row: gap_text(row, lang)
    # a dossier's verdict in the catalog's words (documents.text.verdict_word), as the
    # score table and the reports say it
    env.filters["verdict"] = lambda x: (verdict_word(x, lang) if isinstance(x, str)
                                        else value_text(x, lang))
    env.filters["fl"] = lambda name: field_label(str(name), t)
    env.filters["pl"] = lambda path: parameter_label(str(path), t)
    env.filters["fv"] = lambda v, name: field_value(v, str(name), lang, t, common, verdicts)
    if fmt == "md":
        env.filters["md"] = md_inline
        env.filters["mdp"] = md_escape
    # each call in the words of its stage: a présélection's (.stagewords)
    from .stagewords import StageWords

    stage = StageWords(report, t, lang)
    # a status as the committee report says it: « proposé (retenu) » until the vote
    # decides it (documents.text.status_said, the one rule)
    env.filters["status_in"] = lambda s, call, decided=True: stage.within(
        str(call), lambda: status_said(str(s), lang, bool(decided)))
    env.filters["money_in"] = lambda x, call: ("-" if stage.shortlist(str(call))
                                               else fmt_money(x, lang))
    template = env.get_template("compare.html.j2" if fmt == "html" else "compare.md.j2")
    report = section_words(report, t)
    grids = {g["key"]: g for g in report["grids"]}
    # the coverage table's provenance cell, « 0 / 0 / 8 (tous inférés) » (.sourcing)
    from .sourcing import provenance_cell

    env.globals["sourcing"] = lambda key: provenance_cell(grids[str(key)], t, lang)
    env.globals["more"] = lambda where: omitted_text(report, str(where), lang)
    # each call's mode by its key (a pair names its calls by key), and the words of the
    # outcome a mode gives a dossier
    modes = {c["grid"]: c["mode"] for c in (report.get("calls") or {}).get("calls", [])}
    outcome_col = {"scored": "col.total", "checklist": "col.verdict", "profile": "col.present"}
    return template.render(r=report, t=t, grids=grids, heat=heatmap(report, lang),
                           modes=modes, outcome_col=outcome_col, stage=stage,
                           summary=summary_sentence(report, lang),
                           colon="\u00a0: " if fr else ": ", colon_end="\u00a0:" if fr else ":", semi="\u202f; " if fr else "; ",
                           lang=lang)
