"""The minutes (``pv``) and the CP annex as Word documents: the same content as the HTML
(:func:`isgrid.documents.minutes.build_minutes`'s context), editable by the secretary.

A4, the call's language, running header and page numbers (:mod:`.wordprocessing`);
deterministic: core properties pinned to ``SOURCE_DATE_EPOCH`` (or 2000-01-01) and the zip
entries rewritten with that date.  python-docx is imported lazily.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ..i18n import translator
from ..messages import percent
from .docxcommon import docx_text, pinned_datetime, pinned_document, rezip
from .text import awaiting_word, fmt_money, stage_heading, status_word
from .typography import plural_form
from .wordprocessing import close_document, fitted_table, keep_table_together, setup_document


def to_docx(ctx: dict[str, Any]) -> bytes:
    """The same content as the HTML, as an editable Word document."""
    ctx = docx_text(ctx, ctx["lang"])
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - depends on the install
        from ..errors import UsageError

        raise UsageError(f"python-docx is not installed ({exc}); pip install python-docx") \
            from exc
    lang = ctx["lang"]
    t = translator("decisions", lang)
    when = pinned_datetime()
    doc = pinned_document(docx, when)
    props = doc.core_properties
    props.comments = ctx["generator"]

    def money(x: Any) -> str:
        return fmt_money(x, lang)

    def said(label: str, text: str) -> str:  # « label : text », the catalog's colon
        return label + t("colon") + text

    def table(headers: list[str], rows: list[list[str]]) -> Any:
        return fitted_table(doc, headers, rows)

    setup_document(doc, lang=lang, page_text=t("docx.page", page="{page}", pages="{pages}"),
                   header=f"{ctx['call']['title']} — {ctx['level_text']}")
    if ctx["kind"] == "cp-annex":
        title = ctx["title"]
        props.title = title
        doc.add_heading(title, 0)
        doc.add_paragraph(ctx["call"]["title"])
        doc.add_paragraph(ctx["intro"])
        many = ctx["many_deliberations"]
        if many:
            doc.add_paragraph(ctx["many_text"])
        elif ctx["reference"]:
            doc.add_paragraph(said(t("annex.ref"), ctx["reference"])
                              + (f" ({ctx['vote_date_words']})" if ctx["vote_date_words"]
                                 else ""))
        if not ctx["rows"]:  # the HTML's sentence, never a table of its total alone
            doc.add_paragraph(ctx["empty"])
        else:
            notes, counts = ctx["notes"], ctx["votes_column"]
            rows = [[r["id"], r["holder"], r["project"], money(r["amount"]),
                     percent(r["rate"], lang) if r["rate"] is not None
                     else "-"] + ([r["votes_text"]] if counts else [])
                    + ([r["deliberation"]] if many else [])
                    + ([r["note"] or ""] if notes else []) for r in ctx["rows"]]
            rows.append(["", t("annex.total"), "", money(ctx["total"]), ""]
                        + ([""] if counts else []) + ([""] if many else [])
                        + ([""] if notes else []))
            if ctx["standing_total"] is not None:  # what still stands of what it voted
                rows.append(["", t("annex.standing"), "", money(ctx["standing_total"]), ""]
                            + ([""] if counts else []) + ([""] if notes else []))
            table([t("col.dossier"), t("col.holder"), t("col.project"), t("amount"),
                   t("col.rate")] + ([t("annex.votes")] if counts else [])
                  + ([t("annex.ref")] if many else [])
                  + ([t("annex.notes")] if notes else []), rows)
    else:
        title = t("pv.title")
        props.title = title
        doc.add_heading(title, 0)
        doc.add_paragraph(ctx["call"]["title"])
        doc.add_paragraph(ctx["notice"])
        doc.add_heading(t("h.composition"), 1)
        doc.add_paragraph(ctx["opening"])
        doc.add_paragraph(ctx["present_text"])
        if ctx["offices"]["secretary"]:
            doc.add_paragraph(said(t("meeting.secretary"), ctx["offices"]["secretary"]))
        if ctx["absent"]:
            doc.add_paragraph(said(t("meeting.absent"), ", ".join(ctx["absent"])))
        for line in ([ctx["quorum_line"]] if ctx["quorum_line"] else []) + ctx["quorum_short"]:
            doc.add_paragraph(line)
        doc.add_heading(t("h.deports"), 1)
        if ctx["deports"]:
            table([t("col.dossier"), t("col.member"), t("col.text")],
                  [[x["dossier"], x["member"], x["text"]] for x in ctx["deports"]])
        else:
            doc.add_paragraph(t("none"))
        # the HTML's eleven columns, on a landscape page as the print has them
        from .wordprocessing import compact_style, new_section, text_width_mm

        wide = new_section(doc, landscape=True)
        # no money in a présélection's minutes (documents.stage)
        cash = [t("col.requested"), t("col.proposed"), t("col.granted")] if ctx["money"] else []
        doc.add_heading(t("h.ranking"), 1)
        fitted_table(doc, [t("col.rank"), t("col.dossier"), t("col.project"), t("col.total"),
                           t("col.computed"), stage_heading("jury", lang),
                           stage_heading("vote", lang), t("col.status"), *cash],
                     [[str(r["rank"]) if r["rank"] is not None else "-", r["id"], r["title"],
                       r["total_words"],
                       status_word(r["computed"], lang) if r["computed"] else "-",
                       _stage_cell(r, "jury", ctx["overridden_word"], lang),
                       _stage_cell(r, "vote", ctx["overridden_word"], lang),
                       awaiting_word(lang) if r["awaiting"] else status_word(r["status"], lang)]
                      + ([money(r["requested"]), money(r["proposed"]), money(r["granted"])]
                         if ctx["money"] else [])
                      for r in ctx["ranking"]],
                     width_mm=text_width_mm(wide), style=compact_style(doc, lang))
        if ctx["overridden_legend"]:
            doc.add_paragraph(ctx["overridden_legend"])
        new_section(doc, landscape=False)
        doc.add_heading(t("h.deliberations"), 1)
        for x in ctx["deliberations"]:
            doc.add_paragraph(x["text"] + (f"\n{x['motivation']}" if x["motivation"] else ""))
        if not ctx["deliberations"]:
            doc.add_paragraph(t("deliberations.none"))
        doc.add_heading(t("h.changes"), 1)
        # call.yaml's consensus values first, then the journal's entries (the HTML's table)
        listed = ctx["yaml_consensus"] + ctx["changes"]
        if listed:
            dated = any(c["at_words"] for c in listed)  # the HTML's « Date » column
            table([t("col.n"), t("col.dossier"), t("col.change"), t("col.reason"), t("col.by")]
                  + ([t("col.at")] if dated else []),
                  [[str(c["seq"]), c["dossier"], c["text"], c["reason"], c["by"]]
                   + ([c["at_words"]] if dated else []) for c in listed])
            if ctx["yaml_consensus"]:
                doc.add_paragraph(t("changes.call_yaml.note"))
        else:
            doc.add_paragraph(t("changes.empty"))
        if ctx["withdrawals"]:
            doc.add_heading(t("h.withdrawals"), 1)
            for w in ctx["withdrawals"]:
                doc.add_paragraph(w["text"])
        if ctx["refusals"]:
            doc.add_heading(t("h.refusals"), 1)
            for x in ctx["refusals"]:
                doc.add_paragraph(x["text"])
        if ctx["constraints"]:
            doc.add_heading(t("h.constraints"), 1)
            for c in ctx["constraints"]:
                state = ("constraint.infeasible" if c["infeasible"] else
                         "constraint.met" if c["met"] else "constraint.unmet")
                doc.add_paragraph(said(f"{c['id']} — {c['label']}", t(state))
                                  + (f" ({c['note']})" if c.get("note") else ""))
            for ch in ctx["constraint_choices"]:
                doc.add_paragraph(said(ch["dossier"], ch["text"]))
        env = ctx.get("envelope")
        if env:  # as the HTML and PDF minutes show it (the review found it only there)
            pct = percent(env["pct"], lang)
            doc.add_heading(t("envelope.title", pct=pct), 1)
            doc.add_paragraph(t(env.get("note", "envelope.note"), pct=pct))
            if not env.get("closed"):
                table([t("envelope.delta"), t("h.list"), t("envelope.enters"),
                       t("envelope.leaves")],
                      [[money(r["budget"]), ", ".join(r["selected"]) or "-",
                        ", ".join(r["enters"]) or "-", ", ".join(r["leaves"]) or "-"]
                       for r in env["rows"]])
        doc.add_heading(ctx["list_title"], 1)
        if ctx["retained"] and not ctx["money"]:
            table([t("col.dossier"), t("col.project")],
                  [[r["id"], r["title"]] for r in ctx["retained"]])
        elif ctx["retained"]:
            table([t("col.dossier"), t("col.project"), t("amount")],
                  [[r["id"], r["title"], money(r["amount"])] for r in ctx["retained"]]
                  + [["", t("total"), money(ctx["retained_total"])]])
        else:
            doc.add_paragraph(t("none"))
        if ctx.get("budget_line"):
            doc.add_paragraph(ctx["budget_line"])
        if ctx.get("rules"):  # the rules applied and the walk (documents/pv_rules.py)
            doc.add_heading(t("h.rules"), 1)
            for rule in ctx["rules"]:
                doc.add_paragraph(rule, style="List Bullet")
        if ctx.get("walk"):
            doc.add_heading(t("h.walk"), 1)
            table([t("col.rank"), t("col.dossier"), t("amount"), t("col.spent"), t("col.left")],
                  [[str(w["rank"]), w["id"], money(w["amount"]) if w["amount"] is not None
                    else "-", money(w["spent"]) if w["spent"] is not None else w["text"],
                    money(w["left"]) if w["left"] is not None else ""] for w in ctx["walk"]])
        doc.add_heading(t("h.reserve"), 1)
        if ctx["reserve"]:
            table([t("col.position"), t("col.dossier"), t("col.project")]
                  + ([t("col.proposed")] if ctx["money"] else []),
                  [[t("reserve.position.tied" if r["tied"] else "reserve.position",
                      pos=r["position"]), r["id"], r["title"]]
                   + ([money(r["amount"])] if ctx["money"] else [])
                   for r in ctx["reserve"]])
        else:
            doc.add_paragraph(t("reserve.none"))
        j = ctx["journal"]
        doc.add_paragraph(t("journal", head=j["head"], entries=t(
            f"journal.entries.{plural_form(j['entries'], lang)}", n=j["entries"])) if j.get("head")
                          else t("journal.none"))
        doc.add_paragraph(ctx["result_digest"])
        doc.add_heading(t("h.signatures"), 1)  # with the table, on the last page
        keep_table_together(table([t("meeting.chair"), t("meeting.secretary")],
                                  [[ctx["offices"]["chair"], ctx["offices"]["secretary"]],
                                   [said(t("signature"), "").rstrip() + "\n\n\n"] * 2]))
        close_document(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return rezip(buf.getvalue(), when)


def _stage_cell(r: Mapping[str, Any], stage: str, word: str, lang: str) -> str:
    """A stage's outcome in the ranking of the Word minutes, with « décidé ≠ proposé » on a
    second line when the decision went against the proposal (the HTML's cell)."""
    outcome = r[stage]
    if not outcome:
        return "-"
    return status_word(outcome, lang) + (f"\n{word}" if stage in r["overridden"] else "")
