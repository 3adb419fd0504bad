"""The committee report as an editable Word document (``report --kind committee --format docx``).

Built from the same typed :class:`~isgrid.documents.models.Context` as the HTML, PDF
and Markdown report (:func:`isgrid.documents.build.build_context`): it shows the
context's fields and computes nothing.  The page and the language come from
:mod:`.wordprocessing` (A4, ``fr-FR`` for a French call, running header with the
call's title and the confidentiality level, « Page N sur M » in the footer), the
document from :func:`.docxcommon.pinned_document` (byte-identical reruns).

Layout: portrait for the text; the ranking in its own **landscape** section when its
columns do not fit a portrait page, one table row per dossier in the compact table style
(« Tableau compact », 8 pt), the header row repeated on every page, rows never split;
the **funding line** is a row of its own across the table, bold red between two thick
red borders, kept on the page of the dossier below it; the flags' short words and
their legend under the table.  Then, back in portrait: the zone grise (interne), the
budget with the proposed dossiers and the reserve, the envelope ±10 %, the agenda
(interne), the agreement, the signature block and, at interne, the input files' hashes.
The public level holds the laureates, their amounts and the grid, as in HTML.
"""

from __future__ import annotations

import io
from typing import Any

from ..i18n import translator
from ..messages import percent
from . import models as m
from .seancetext import seance_translator
from .text import fmt_exact, fmt_money, fmt_number
from .typography import plural_form

#: Above this many columns the ranking goes on landscape pages.
PORTRAIT_COLUMNS = 5


def committee_docx(ctx: m.Context) -> bytes:
    """The committee report ``ctx`` (kind committee, any level) as DOCX bytes."""
    from .docxcommon import docx_text, pinned_datetime, pinned_document, rezip
    from .wordprocessing import setup_document

    try:
        import docx
    except ImportError as exc:  # pragma: no cover - depends on the install
        from ..errors import UsageError

        raise UsageError(f"python-docx is not installed ({exc}); pip install python-docx") \
            from exc
    data: dict[str, Any] = docx_text(ctx.model_dump(), ctx.meta.lang)
    lang = ctx.meta.lang
    when = pinned_datetime()
    doc = pinned_document(docx, when)
    w = _Writer(doc, data, lang)
    props = doc.core_properties
    props.title = f"{data['meta']['title']} — {data['call']['title']}"
    props.comments = data["meta"]["generator"]
    props.language = w.tag
    setup_document(doc, lang=lang,
                   page_text=translator("decisions", lang)("docx.page", page="{page}",
                                                          pages="{pages}"),
                   header=f"{data['call']['title']} — {w.t(f'level.{ctx.meta.level}')}")
    w.write()
    buf = io.BytesIO()
    doc.save(buf)
    return rezip(buf.getvalue(), when)


class _Writer:
    """Writes the parts of the report, in the HTML's order, into one python-docx document."""

    def __init__(self, doc: Any, data: dict[str, Any], lang: str) -> None:
        from .wordprocessing import compact_style, docx_language

        self.doc = doc
        self.d = data
        self.lang = lang
        self.tag = docx_language(lang)
        self.t = translator("report", lang)
        self.st = seance_translator(lang)
        self.common = translator("common", lang)
        self.compact = compact_style(doc, lang)
        self.interne = data["meta"]["level"] == "interne"

    # -- small helpers ---------------------------------------------------------
    def money(self, x: float | None) -> str:
        return "-" if x is None else fmt_money(x, self.lang)

    def num(self, x: float | None, digits: int = 1) -> str:
        return fmt_number(x, self.lang, digits)

    def colon(self, label: str, value: str) -> str:
        return f"{label}{self.t('colon')}{value}"

    def para(self, text: str, *, small: bool = False, bold: bool = False) -> Any:
        p = self.doc.add_paragraph()
        if small:  # the style's id set directly (python-docx looks the default up each time)
            p._p.style = self.compact.style_id
        run = p.add_run(text)
        run.bold = bold or None
        return p

    def table(self, headers: list[str], rows: list[list[str]], *, compact: bool = False,
              width_mm: float | None = None) -> Any:
        from .wordprocessing import fitted_table, keep_rows_whole

        tb = fitted_table(self.doc, headers, rows, width_mm=width_mm,
                          style=self.compact if compact else None)
        keep_rows_whole(tb)
        return tb

    def third(self, line: dict[str, Any]) -> str:
        mode = self.d["grid"]["mode"]
        if mode == "scored":
            text = self.num(line["total"])
            if line["ranking_total"] is not None:
                text += f" · {self.t('col.ranking_total')} {self.num(line['ranking_total'])}"
            return text
        if mode == "checklist":
            return line["verdict"] or "-"
        present = line["present"]
        return f"{'-' if present is None else present}/{len(line['markers'])}"

    # -- the document ----------------------------------------------------------
    def write(self) -> None:
        d = self.d
        meta = d["meta"]
        self.doc.add_heading(meta["title"], 0)
        self.para(d["call"]["title"])
        words = [self.t(f"level.{meta['level']}"), meta["outcome_word"]]
        if meta["fictitious"]:
            words.append(self.common("fictitious"))
        self.para(" · ".join(words), bold=True)
        self.para(meta["notice"])
        if meta["level"] == "public":
            self.public()
        else:
            self.full()
        self.signature()
        if d["call"]["inputs"]:
            self.doc.add_heading(self.t("h.annex"), 1)
            for f in d["call"]["inputs"]:
                self.para(f"{f['path']} {f['sha256']}", small=True)
        grid = d["grid"]
        self.para(self.t("footer", generator=meta["generator"], grid=grid["id"],
                         version=grid["version"]) if grid["version"] else
                  self.t("footer.short", generator=meta["generator"], grid=grid["id"]),
                  small=True)

    def public(self) -> None:
        d = self.d
        self.doc.add_heading(self.t("h.laureates"), 1)
        if d["laureates"] and not d["meta"]["money"]:  # a présélection (documents.stage)
            self.table([self.t("col.dossier"), self.t("col.title")],
                       [[x["id"], x["title"]] for x in d["laureates"]])
        elif d["laureates"]:
            self.table([self.t("col.dossier"), self.t("col.title"), self.t("col.amount")],
                       [[x["id"], x["title"], self.money(
                           x["amounts"]["granted"] if x["amounts"]["granted"] is not None
                           else x["amounts"]["proposed"])] for x in d["laureates"]])
            self.budget_line()
        else:
            self.para(self.t("none.laureates"))
        self.doc.add_heading(self.t("h.grid"), 1)
        self.grid_block()

    def full(self) -> None:
        d = self.d
        counts = [self.colon(self.t("summary.dossiers"), str(d["call"]["n_dossiers"]))]
        counts += [self.colon(label, str(n)) for label, n in d["summary"].items()]
        if d["budget"] and d["budget"]["budget"] is not None:
            counts.append(self.colon(self.t("card.budget"), self.money(d["budget"]["budget"])))
        self.para(" · ".join(counts))
        self.doc.add_heading(f"1. {self.t('h.grid')}", 1)
        if d["call"]["description"]:
            self.para(d["call"]["description"])
        self.grid_block()
        self.para(self.colon(self.t("call.aggregator"), d["call"]["aggregator"]))
        if d["call"]["tie_breaks"]:
            self.para(self.colon(d["call"]["tie_breaks_heading"], d["call"]["tie_breaks"]))
        self.jury()
        self.eligibility()
        self.ranking()
        if self.interne:
            self.zone_grise()
        self.budget()
        if self.interne:
            self.agenda()
        self.agreement()

    def grid_block(self) -> None:
        g = self.d["grid"]
        t = self.t
        name = f"{g['title']} ({g['id']}"
        name += f", {t('grid.version')} {g['version']})" if g["version"] else ")"
        self.para(self.colon(t("grid.grid"), name))
        self.para(self.colon(t("grid.mode"), g["mode_label"]))
        if g["extends"]:
            self.para(self.colon(t("grid.extends"), " → ".join(g["extends"])))
        if g["threshold"] is not None:
            said = f" ({g['threshold_provenance']})" if g.get("threshold_provenance") else ""
            self.para(self.colon(t("grid.threshold"), f"{fmt_exact(g['threshold'], self.lang)}"
                                                      f" / {fmt_exact(g['out_of'], self.lang)}"
                                                      + said))
        if g["sha256"]:
            self.para(self.colon("sha256", g["sha256"]), small=True)

        def prov(kind: str, n: int) -> str:
            return t(f"prov.{kind}.{plural_form(n, self.lang)}", n=n)

        crit = t("grid.prov", n=g["criteria_total"], s=prov("sourced", g["criteria_sourced"]),
                 r=prov("reconstructed", g["criteria_reconstructed"]),
                 i=prov("inferred", g["criteria_inferred"]))
        if g["source_criteria_count"]:
            crit += f" · {t('grid.of-source', n=g['source_criteria_count'])}"
        self.para(self.colon(t("grid.criteria"), crit))
        self.para(self.colon(t("grid.parameters"), t(
            "grid.params", s=prov("sourced", g["parameters_sourced"]),
            r=prov("reconstructed", g["parameters_reconstructed"]),
            i=prov("inferred", g["parameters_inferred"]))))
        if g["criteria_inferred"] or g["parameters_inferred"]:
            self.para(t("grid.inferred-note"))

    def jury(self) -> None:
        d, t = self.d, self.t
        self.doc.add_heading(f"2. {t('h.jury')}", 1)
        if d["jury"]:
            self.table([t("col.name"), t("col.role"), t("col.rated"), t("col.deports")],
                       [[a["name"], a["role"], a["rated_label"], ", ".join(a["deports"]) or "-"]
                        for a in d["jury"]])
        else:
            self.para(" · ".join(self.colon(role, str(n))
                                 for role, n in d["jury_count"].items()) or "-")
        if d["deports"]:
            self.doc.add_heading(t("h.deports.left" if any(x["left_room"] for x in d["deports"])
                                   else "h.deports"), 2)
            self.table([t("col.dossier"), t("col.title"), t("col.assessor"), t("col.reason")],
                       [[x["dossier"], x["title"], x["assessor"], x["reason"] or "-"]
                        for x in d["deports"]])
        elif self.interne:
            self.para(t("none.deports"))

    def eligibility(self) -> None:
        d, t = self.d, self.t
        self.doc.add_heading(f"3. {t('h.eligibility')}", 1)
        refused = [e for e in d["eligibility"] if e["failed"]]
        tocheck = [e for e in d["eligibility"] if not e["failed"]]
        if refused:
            self.table([t("col.dossier"), t("col.title"), t("col.rules-failed")],
                       [[e["id"], e["title"], t("sep").join(
                           [f"{r['label']} ({r['id']})" for r in e["failed"]]
                           + [self.colon(r["label"], r["outcome_label"]) for r in e["unknown"]])]
                        for e in refused], compact=len(refused) > 20)
        else:
            self.para(t("none.refused"))
        self.doc.add_heading(t("h.tocheck"), 2)
        if tocheck:
            self.table([t("col.dossier"), t("col.title"), t("col.rules-unknown"),
                        t("col.amount-unknown")],
                       [[e["id"], e["title"],
                         t("sep").join(r["label"] for r in e["unknown"]) or "-",
                         t("sep").join(e["amount_missing"]) or "-"]
                        for e in tocheck], compact=len(tocheck) > 20)
        else:
            self.para(t("none.tocheck"))

    def ranking(self) -> None:
        from .wordprocessing import marked_row, new_section, text_width_mm

        d, t = self.d, self.t
        ranking = d["ranking"]
        has_dec = any(x["decision"] for x in ranking)
        has_money = any(x["amounts"]["requested"] is not None for x in ranking)
        headers = [t("col.rank"), t("col.dossier"), t("col.title"),
                   t(f"col.third.{d['grid']['mode_kind'] or d['grid']['mode']}",
                     out_of=fmt_exact(d["grid"]["out_of"], self.lang)), t("col.status")]
        if has_dec:
            headers.append(t("col.decision"))
        if has_money:
            headers += [t("col.requested"), t("col.proposed"), t("col.granted")]
        if self.interne:
            headers.append(t("col.flags"))
        landscape = len(headers) > PORTRAIT_COLUMNS
        section = new_section(self.doc, landscape=True) if landscape else None
        self.doc.add_heading(f"4. {t('h.ranking')}", 1)
        self.para(t(f"ranking.help.{d['grid']['mode_kind'] or d['grid']['mode']}",
                    out_of=fmt_exact(d["grid"]["out_of"], self.lang)), small=True)
        rows = []
        line_at = None
        budget = d["budget"]
        for i, x in enumerate(ranking):
            if budget and budget["line_before"] == x["id"]:
                line_at = i
            a = x["amounts"]
            row = [str(x["rank"]) if x["rank"] is not None else "-", x["id"], x["title"],
                   self.third(x), x["status_label"]]
            if has_dec:
                dec = x["decision"] or ""
                if dec and x["computed"]:
                    dec += f" ({t('col.computed').lower()}{t('colon')}{x['computed']})"
                if dec and x["decision_reason"]:
                    dec += f" — {x['decision_reason']}"
                row.append(dec)
            if has_money:
                row += [self.money(a["requested"]), self.money(a["proposed"]),
                        self.money(a["granted"])]
            if self.interne:
                row.append(" · ".join(f["short"] or f["text"] for f in x["flags"]))
            rows.append(row)
        width = text_width_mm(section) if section is not None else None
        tb = self.table(headers, rows, compact=True, width_mm=width)
        if line_at is not None:
            marked_row(tb, line_at, t("ranking.line"))
        if d["flag_legend"]:
            title = self.para(self.st("legend.title"), small=True, bold=True)
            title.paragraph_format.keep_with_next = True  # never alone at a page's foot
            self.para(" · ".join(f"{li['term']}{t('colon')}{li['meaning']}"
                                 for li in d["flag_legend"]), small=True)
        if d["grid"]["mode"] == "profile" and ranking and ranking[0]["markers"]:
            self.doc.add_heading(t("h.profiles.markers" if d["grid"]["mode_kind"] ==
                                   "profile.markers" else "h.profiles"), 2)
            markers = ranking[0]["markers"]
            self.table([t("col.rank"), t("col.dossier")] + [str(i) for i in
                                                            range(1, len(markers) + 1)],
                       [[str(x["rank"]) if x["rank"] is not None else "-", x["id"]]
                        + ["-" if mk["value"] is None else self.num(
                            mk["value"], 0 if float(mk["value"]).is_integer() else 1)
                           for mk in x["markers"]] for x in ranking],
                       compact=True, width_mm=width)
            for i, mk in enumerate(markers, start=1):
                said = f", {mk['provenance']}" if mk.get("provenance") else ""
                self.para(f"{i}. {mk['label']} ({mk['id']}{said})", small=True)
        for a in d["apart"]:  # a condition shown apart from the verdict (art. 15's II)
            self.doc.add_heading(a["label"], 2)
            self.para(t("apart.intro", criterion=a["criterion"], id=a["id"],
                        section=a["section"]), small=True)
            self.table([t("col.dossier"), t("col.title"), t("col.value"), t("col.notes")],
                       [[r["id"], r["title"], self.apart_value(r["criterion"]),
                         r["criterion"]["state_label"] or ""] for r in a["rows"]],
                       compact=True, width_mm=width)
        if landscape:
            new_section(self.doc, landscape=False)

    def apart_value(self, c: dict[str, Any]) -> str:
        """A criterion's value as the fiche prints it: « 2,0 / 2 Oui »."""
        value = "-" if c["value"] is None else self.num(c["value"], 1)
        return f"{value} / {self.num(c['scale_max'], 0)} {c['value_label']}".rstrip()

    def zone_grise(self) -> None:
        d, t, st = self.d, self.t, self.st
        self.doc.add_heading(st("grey.title"), 2)
        self.para(st("grey.help"), small=True)
        if d["budget"] and d["budget"]["no_line"]:
            self.para(d["budget"]["no_line"], small=True)
        if d["zone_grise"]:
            self.table([t("col.rank"), t("col.dossier"), t("col.title"), t("col.status"),
                        t("col.reason")],
                       [[str(g["rank"]) if g["rank"] is not None else "-", g["id"], g["title"],
                         g["status_label"], t("sep").join(g["reasons"])] for g in d["zone_grise"]],
                       compact=True)
        else:
            self.para(st("grey.none"))

    def budget_line(self) -> None:
        b = self.d["budget"]
        if b and b["budget"] is not None:
            self.para(self.t("budget.line", budget=self.money(b["budget"]),
                             spent=self.money(b["spent"]),
                             remaining=self.money(b["remaining"])), bold=True)

    def budget(self) -> None:
        d, t = self.d, self.t
        b = d["budget"]
        voted = bool(b and b["voted"])  # the list was voted: retained, no longer proposed
        self.doc.add_heading(f"5. {t('h.budget.retained' if voted else 'h.budget')}", 1)
        if not b:
            self.para(t("none.budget"))
        else:
            self.budget_line()
            rule = self.colon(t("budget.rule"), b["rule"])
            if b["line"] is not None:
                rule += f" · {t('budget.stop', line=b['line'])}"
            if b["skipped"]:
                rule += " · " + t("budget.skipped", ids=", ".join(x["id"] for x in b["skipped"]))
            self.para(rule, small=True)
            if b["no_line"]:
                self.para(b["no_line"])
            if b.get("constraints"):  # each constraint as the selection stated stands
                self.doc.add_heading(t("budget.constraints.decided" if b["decided"]
                                       else "budget.constraints"), 2)
                for c in b["constraints"]:
                    self.para(c)
            self.doc.add_heading(
                f"{t('h.retained' if voted else 'h.selected')} ({len(b['selected'])})", 2)
            if b["selected"]:
                # what each retained dossier holds: granted, else proposed (as the minutes)
                money = any(x["amounts"]["held"] is not None for x in b["selected"])
                granted = any(x["amounts"]["granted"] is not None for x in b["selected"])
                self.table([t("col.rank"), t("col.dossier"), t("col.title")]
                           + ([t("col.requested"), t("col.amount" if granted else "col.proposed")]
                              if money else []),
                           [[str(x["rank"]) if x["rank"] is not None else "-", x["id"],
                             x["title"]] + ([self.money(x["amounts"]["requested"]),
                                             self.money(x["amounts"]["held"])]
                                            if money else []) for x in b["selected"]],
                           compact=len(b["selected"]) > 20)
            else:
                self.para("-")
            self.doc.add_heading(f"{t('h.reserve')} ({len(b['reserve'])})", 2)
            for x in b["reserve"]:
                text = f"{x['id']} {x['title']} ({t('col.rank').lower()} {x['rank']}"
                if x["amounts"]["proposed"] is not None:
                    text += f", {self.money(x['amounts']['proposed'])}"
                self.doc.add_paragraph(text + ")", style="List Number")
            if not b["reserve"]:
                self.para("-")
            if b.get("places"):  # who replaced whom, in the minutes' words
                self.doc.add_heading(t("h.places"), 2)
                for text in b["places"]:
                    self.doc.add_paragraph(text, style="List Bullet")
        env = d["envelope"]
        if env:
            pct = percent(env["pct"], self.lang)
            self.doc.add_heading(t("envelope.title", pct=pct), 2)
            self.para(t(env["note"], pct=pct), small=True)
            if not env["closed"]:
                self.table([t("envelope.budget"), t("envelope.list"), t("envelope.enters"),
                            t("envelope.leaves")],
                           [[self.money(r["budget"]), ", ".join(r["selected"]) or "-",
                             ", ".join(r["enters"]) or "-", ", ".join(r["leaves"]) or "-"]
                            for r in env["rows"]], compact=True)

    def agenda(self) -> None:
        d, t, st = self.d, self.t, self.st
        self.doc.add_heading(f"6. {t('h.agenda')}", 1)
        help_ = st("agenda.help")
        if any(a["opinions"] for a in d["agenda"]):
            help_ += " " + st("agenda.opinions-help")
        if d["budget"] and d["budget"]["no_line"]:
            help_ += " " + d["budget"]["no_line"] + " " + st("agenda.no-line")
        if d.get("agenda_line"):  # where the distances are measured from
            help_ += " " + d["agenda_line"]
        self.para(help_, small=True)
        if not d["agenda"]:
            self.para(st("agenda.none"))
            return
        rows = []
        for a in d["agenda"]:
            spread = [f"{c['label']}{f' ({p})' if (p := c.get('provenance')) else ''} "
                      f"({self.num(c['min'])}–{self.num(c['max'])})"
                      for c in a["criteria"]] + list(a["reasons"])
            ops = a["opinions"]
            opinion = "-"
            if ops:
                opinion = ops["text"]
                if ops["amount_min"] is not None:
                    opinion += f" · {self.money(ops['amount_min'])}"
                    if ops["amount_max"] != ops["amount_min"]:
                        opinion += f" – {self.money(ops['amount_max'])}"
            rows.append([str(a["order"]), a["id"], a["title"],
                         str(a["rank"]) if a["rank"] is not None else "-", a["status_label"],
                         t("sep").join(a["why"]), t("sep").join(spread), opinion])
        self.table(["#", t("col.dossier"), t("col.title"), t("col.rank"), t("col.status"),
                    st("agenda.col.why"), t("col.disagreements"), t("col.opinions")], rows,
                   compact=True)
        if d["agenda_more"]:
            self.para(t(f"agenda.more.{plural_form(d['agenda_more'], self.lang)}",
                        n=d["agenda_more"]), small=True)

    def agreement(self) -> None:
        d, t = self.d, self.t
        self.doc.add_heading(f"{'7.' if self.interne else '6.'} {t('h.agreement')}", 1)
        self.para(t("alpha.help"), small=True)
        if d["agreement_note"]:
            self.para(d["agreement_note"])
        self.table([t("col.criterion"), t("col.section"), "α", t("col.pairable"),
                    t("col.note")],
                   [[f"{a['label']} ({a['id']}"
                     f"{', ' + a['provenance'] if a.get('provenance') else ''})", a["section"],
                     self.num(a["alpha"], 2) if a["alpha"] is not None else "-",
                     str(a["pairable"]), a["note"] or ""] for a in d["agreement"]],
                   compact=len(d["agreement"]) > 20)

    def signature(self) -> None:
        st = self.st
        heading = self.doc.add_heading(st("signature.title"), 1)
        heading.paragraph_format.keep_with_next = True
        date = self.para(st("signature.date"))
        date.paragraph_format.keep_with_next = True
        self.table([st("signature.chair"), st("signature.secretary")], [["\n\n\n", "\n\n\n"]])
