"""Presenting a resolved grid: the export contract (JSON) and a terminal view."""

from __future__ import annotations

from typing import Any

from ..i18n import french_spacing, wrap
from ..messages import decimal_text, percent, plain_number, plural_form
from .check import counts_as
from .choices import outcome_choices
from .facts import fact_spec
from .items import item_words, mode_key
from .load import LoadedGrid, grid_dump, grid_versions, list_shipped, load_grid
from .logic import effective_verdict, verdict_lines, verdict_text
from .model import Grid, ProvenanceStatus, Section, TieBreak
from .provenance import (
    criterion_status,
    declared_status,
    least_sure,
    parameter_provenance,
    parameter_status,
    parameters_changed,
    provenance_summary,
    relabelled,
    shown_status,
)
from .weights import weight_shares


def _num(x: float | int | None) -> float | int | None:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def grid_export(loaded: LoadedGrid, lang: str = "en") -> dict[str, Any]:
    """The resolved grid as DESIGN.md's grid-export contract, plus useful extras (each
    scored section's ``weights_text`` in ``lang``)."""
    g = loaded.grid
    scored = g.mode == "scored"
    # each rated criterion's share of the total, from the resolved grid's weights (the
    # engine's rule), never from a note a parent grid wrote for its own sections
    shares = weight_shares(g) if scored else {}
    weights_said = parameter_provenance(g, "weight") if scored else {}
    sections = []
    for s in g.sections:
        crits = []
        for c in s.criteria:
            scale = g.scales[c.scale]
            crits.append({
                "id": c.id,
                "label": c.label,
                "question": c.question,
                "guidance": c.guidance,
                "advice": c.advice,
                "weight": _num(c.weight if c.weight is not None else 1) if scored else None,
                "ranking_weight": _num(c.ranking_weight) if scored else None,
                "share": shares.get(c.id) if scored else None,
                "scale": {
                    "id": c.scale,
                    "label": scale.label,
                    "min": _num(scale.min),
                    "max": _num(scale.max),
                    "half_steps": scale.half_steps,
                    "na": scale.na,
                    "levels": [
                        {"value": _num(lv.value), "label": lv.label,
                         "description": lv.description}
                        for lv in scale.levels
                    ],
                },
                "counts_as": {
                    k: _num(counts_as(g, c, k)) for k in ("met", "partly", "present")
                },
                "dimension": c.dimension,
                "secondary_dimensions": list(c.secondary_dimensions),
                "core": c.core,
                # where the core flag comes from (`criteria.<id>.core` or its wildcard;
                # inferred when nothing is said); None when the criterion is not core
                "core_status": core_status(g, c.id) if c.core else None,
                "floor": _num(c.floor),
                "eliminatory": c.eliminatory,
                "rated_by": c.rated_by,
                # the dossier fact the criterion's value is taken from, never rated
                # (grid/fromfact.py); None for a rated criterion
                "from_fact": c.from_fact,
                # a checklist's condition shown apart, outside the verdict: its name
                "separate_condition": c.separate_condition,
                "provenance": _shown(c.provenance.model_dump(mode="json"),
                                     criterion_status(g, c)),
            })
        sections.append({
            "id": s.id,
            "label": s.label,
            "weight": _num(s.weight if s.weight is not None else 1) if scored else None,
            "ranking_weight": _num(s.ranking_weight) if scored else None,
            "share": sum(shares.get(c.id, 0.0) for c in s.criteria) if scored else None,
            "weights_text": _weights_text(s, shares, weights_said, lang) if scored else None,
            "criteria": crits,
        })
    dumped = grid_dump(g)
    return {
        "id": g.id,
        "version": g.version,
        # every version isgrid ships of it (a call pins an older one as id@version)
        "versions": grid_versions(loaded) or [g.version],
        "title": g.title,
        "mode": g.mode,
        "sha256": loaded.sha256,
        "extends": loaded.chain[1:],
        "aggregator": g.effective_aggregator(),
        "threshold": _num(g.threshold) if scored else None,
        "out_of": _num(g.out_of()) if scored else None,
        "tie_breaks": [tb.model_dump(mode="json") for tb in g.tie_breaks],
        "eligibility": dumped.get("eligibility", []),
        "verdict": _verdict_export(g),
        "facts": dumped.get("facts", {}),
        "sections": sections,
        "sources": [s.model_dump(mode="json") for s in g.sources],
        "notes": list(g.notes),
        # the id of the grid whose file wrote each note, in the order of `notes`: another
        # grid's (a parent's) describes that grid, not this one
        "note_grids": list(g.note_grids()),
        # each entry with the status it is shown with (isgrid.grid.provenance.
        # parameter_status: inferred when a `set` changed the value without an entry of
        # its own, or when « sourced » names no source); the status written under
        # `written_status` when it differs
        # `stale`: a section weight's entry a parent grid wrote for the section as it was
        # there, before an `add` or a `remove` changed its criteria (its note may count
        # criteria or give shares no longer true: the section's `weights_text` says them)
        "parameters": {k: _stale(_shown(v.model_dump(mode="json"), parameter_status(g, k)),
                                 k in g.stale_weight_entries())
                       for k, v in sorted(g.parameters.items())},
        "parameters_changed_without_provenance": sorted(parameters_changed(g)),
        # the criteria whose label a `set` rewrote in the grid's language without a
        # provenance of their own: shown as inferred (provenance.criterion_status)
        "criteria_relabelled_without_provenance": relabelled(g),
        "provenance": provenance_summary(g),
    }


def core_status(g: Grid, cid: str) -> ProvenanceStatus:
    """The provenance of criterion ``cid``'s core flag: its ``parameters`` entry's
    (``criteria.<id>.core``, else ``criteria.*.core``), :data:`UNSAID` when nothing is said
    (as :func:`isgrid.grid.choices.outcome_choices` reads it)."""
    return parameter_status(g, f"criteria.{cid}.core") or "inferred"


def _shown(entry: dict[str, Any], status: ProvenanceStatus | None) -> dict[str, Any]:
    """A provenance as exported: ``status`` the one it is shown with, the one written
    under ``written_status`` when they differ."""
    if status is None or status == entry.get("status"):
        return entry
    return {**entry, "status": status, "written_status": entry.get("status")}


def _stale(entry: dict[str, Any], stale: bool) -> dict[str, Any]:
    return {**entry, "stale": True} if stale else entry


def _weights_text(section: Section, shares: dict[str, float],
                  said: dict[str, ProvenanceStatus], lang: str) -> str:
    """What a scored section's weight makes of its rated criteria, from the resolved grid:
    « 2 critères notés : chacun compte pour 7,1 % du total (inféré) », « part du total :
    B1 44,4 % ; B2 22,2 % », or « aucun critère noté : la section ne compte pas dans le
    total ».  ``shares`` is the grid's :func:`weight_shares`, ``said`` its
    :func:`parameter_provenance` of ``weight`` (each computed once for the grid): the
    share is marked with the least sure provenance of its criteria's weights, as the
    jurors' workbooks mark it."""
    from ..i18n import translator

    t, common = translator("grids", lang), translator("common", lang)
    rated = [c.id for c in section.criteria if c.id in shares]
    if not rated:
        return t("shares.none")
    status = least_sure(*(said.get(c) for c in rated))
    mark = "" if status == "sourced" else " (" + (
        status if lang == "en" else common(f"provenance.{status}")) + ")"
    values = {round(shares[c], 12) for c in rated}
    # criteria read from a dossier fact (from_fact) are counted, never rated: said so
    facts = all(c.from_fact is not None for c in section.criteria if c.id in shares)
    if len(values) == 1:
        key = "shares.fact" if facts else "shares.each"
        return t(f"{key}.{plural_form(len(rated), lang)}", n=len(rated),
                 pct=percent(shares[rated[0]], lang)) + mark
    sep = "\u202f; " if lang == "fr" else "; "
    return t("shares.each-own", shares=sep.join(f"{c} {percent(shares[c], lang)}"
                                                for c in rated)) + mark


def _verdict_export(g: Grid) -> dict[str, Any] | None:
    """A checklist's verdict rule (the default one spelt out: every core criterion)."""
    if g.mode != "checklist":
        return None
    rule = effective_verdict(g)
    return {
        "rule": rule.model_dump(mode="json", exclude_none=True),
        "text": verdict_text(rule),
        "default": g.verdict is None,
        "criteria": rule.criteria_ids(),
    }


def criteria_counts(g: Grid) -> tuple[int, int]:
    """How many criteria a grid has, the way every view counts them: those that count
    (rated or read, core or not) and its eliminatory ones apart — « 12 + 3 éliminatoires »
    for Alter'Incub in ``grids list``, ``grids show``, the web list and ``compare`` alike
    (once « 15 » in the first three and « 12 · 3 » in the last)."""
    crits = g.criteria()
    gates = sum(1 for c in crits if c.eliminatory)
    return len(crits) - gates, gates


def criteria_count_text(g: Grid, lang: str = "en") -> str:
    """:func:`criteria_counts` in words: « 12 critères + 3 éliminatoires », « 8 critères »,
    and a grid of markers in its own word, « 12 marqueurs » (:func:`.items.item_words`, as
    its mode says « profil de marqueurs »): ``grids show`` and the self-assessment's list
    of grids (``grids list``'s column says « 12+3 », from the summary's ``eliminatory``)."""
    from ..i18n import translator

    counted, gates = criteria_counts(g)
    t = translator("grids", lang)
    words = t(f"n.{item_words(g)}.{plural_form(counted, lang)}", n=counted)
    if gates:
        words += t(f"n.gates.{plural_form(gates, lang)}", n=gates)
    return words


def grid_summary(loaded: LoadedGrid) -> dict[str, Any]:
    """A grid in one line of ``isgrid grids list`` (its ``--format json``, the web list):
    ``criteria`` is every criterion, ``counting`` + ``eliminatory`` its two parts."""
    g = loaded.grid
    prov = provenance_summary(g)
    counting, gates = criteria_counts(g)
    return {
        "id": g.id,
        "version": g.version,
        "title": g.title,
        "mode": g.mode,
        # what the grid calls its items (« marqueurs » or « critères »: grid.items)
        "items": item_words(g),
        # every criterion, eliminatory ones included (the contract since the first list)
        "criteria": prov["criteria_total"],
        # its two parts, as every view says them, « 12 + 3 éliminatoires »
        # (criteria_counts): those that count and the eliminatory ones
        "counting": counting,
        "eliminatory": gates,
        "sourced": prov["criteria"]["sourced"],
        "reconstructed": prov["criteria"]["reconstructed"],
        "inferred": prov["criteria"]["inferred"],
        "extends": loaded.chain[1] if len(loaded.chain) > 1 else None,
        "sha256": loaded.sha256,
        # every version isgrid ships of it (a call pins an older one as id@version)
        "versions": grid_versions(loaded) or [g.version],
    }


def shipped_summaries() -> list[dict[str, Any]]:
    """:func:`grid_summary` of every shipped grid (``isgrid grids list``)."""
    return [grid_summary(load_grid(p)) for p in list_shipped()]


#: Where the title starts on a line of ``isgrid grids list`` (after id, mode, crit, S/R/I)
_LIST_TITLE_AT = 26 + 1 + 9 + 1 + 5 + 2 + 8 + 1


def grid_list_text(rows: list[dict[str, Any]], lang: str = "en", width: int = 80) -> str:
    """The table of ``isgrid grids list``: one line per grid summary, then the legend.
    A title is never cut: past ``width`` (the terminal's) it goes on below, under itself
    (they were cut at 30 characters, « Appel à projets « Innovation(… »)."""
    from ..i18n import translator

    t, common = translator("grids", lang), translator("common", lang)
    lines = [t("list.head", id="id", mode="mode", crit="crit", sri="S/R/I")]
    room = max(width - _LIST_TITLE_AT, 20)
    for r in rows:
        sri = f"{r['sourced']}/{r['reconstructed']}/{r['inferred']}"
        markers = ".markers" if r["mode"] == "profile" and r.get("items") == "markers" else ""
        mode = r["mode"] if lang == "en" else _short_mode(common(f"mode.{r['mode']}{markers}"))
        gates = int(r.get("eliminatory") or 0)  # « 12+3 »: criteria_count_text's short form
        crit = f"{r['counting']}+{gates}" if gates else str(r["criteria"])
        head = f"{r['id']:<26} {mode:<9} {crit:>5}  {sri:<8} "
        title = wrap(r["title"], room) or [""]
        lines.append(head + title[0])
        lines.extend(" " * len(head) + part for part in title[1:])
        if len(r.get("versions", ())) > 1:  # the versions a call may pin, under the title
            lines.extend(" " * len(head) + part for part in wrap(
                t("list.versions", id=r["id"], versions=", ".join(r["versions"])), room))
    lines.extend(wrap(t("list.legend"), max(width, 40)))
    total = sum(int(r["criteria"]) for r in rows)
    sourced = sum(int(r["sourced"]) for r in rows)
    if total:
        lines.append(t("list.sourced", sourced=sourced, total=total,
                       pct=percent(sourced / total, lang)))
    return "\n".join(lines) + "\n"


def _short_mode(words: str) -> str:
    """A mode in at most nine characters, for the list's column (« grille notée » → « notée »)."""
    short = {"grille notée": "notée", "profil de marqueurs": "profil"}
    if words.startswith("profil ("):  # « profil (grille lue critère par critère) »
        return "profil"
    return short.get(words, "liste" if words.startswith("grille de caract") else words[:9])


def grid_text(loaded: LoadedGrid, width: int = 80, lang: str = "en") -> str:
    """A readable terminal view of a grid, with provenance on every line, in ``lang``
    (the grid's own words, labels and sources, stay as written)."""
    from ..i18n import translator

    t, common = translator("grids", lang), translator("common", lang)
    g: Grid = loaded.grid
    prov = provenance_summary(g)
    mode = g.mode if lang == "en" else common(mode_key(g))
    lines = [f"{g.title}", t("show.ids", id=g.id, version=g.version, mode=mode)
             + (t("show.extends", parent=loaded.chain[1]) if len(loaded.chain) > 1 else ""),
             f"  sha256 {loaded.sha256}"]
    versions = grid_versions(loaded)
    if versions:
        lines.append(t("show.versions", versions=", ".join(versions), grid=g.id,
                       latest=versions[-1]))
    c = prov["criteria"]
    total = prov["criteria_total"]
    def counted(key: str, n: int) -> str:  # « 1 inféré », « 0 inféré », « 2 inférés »
        return t(f"n.{key}.{plural_form(n, lang)}", n=n)

    line = t("show.criteria", total=criteria_count_text(g, lang),
             sourced=counted("sourced", c["sourced"]),
             reconstructed=counted("reconstructed", c["reconstructed"]),
             inferred=counted("inferred", c["inferred"]))
    if g.source_criteria_count and g.source_criteria_count != total:
        line += t("show.partial", n=g.source_criteria_count)
    lines.append(line)
    if lang == "en" and g.lang != "en":  # no English text of a French grid (review 19, 8)
        lines.append(t("show.source_words"))
    agg = g.effective_aggregator()
    aggregator = agg if lang == "en" else common(f"aggregator.{agg}")  # « moyenne »

    def marked(shown: str, status: ProvenanceStatus | None) -> str:
        """« 65 (inféré) »: a number nobody sourced says so, as in the workbooks."""
        if status is None or status == "sourced":
            return shown
        word = status if lang == "en" else common(f"provenance.{status}")
        return t("unsourced", value=shown, provenance=word)

    said = {n: parameter_provenance(g, n) for n in ("weight", "floor")}
    shares = weight_shares(g) if g.mode == "scored" else {}
    if g.mode == "scored":
        lines.append(t("show.scored", aggregator=aggregator,
                       out_of=_fmt(g.out_of(), lang),
                       threshold=marked(_exact(g.threshold, lang),
                                        declared_status(g, "threshold", g.threshold))
                       if g.threshold is not None else "-"))
    else:
        lines.append(t("show.aggregator", aggregator=aggregator))
    def spaced(text: str) -> str:
        return french_spacing(text) if lang == "fr" else text

    note_head = t("show.note")
    for note, grid_id in zip(g.notes, g.note_grids(), strict=True):
        # the grid files write plain spaces before « : ; »: French typography at output,
        # as compare and the self-assessment print the same notes (labels and sources'
        # titles keep their spaces as written: tests/grid/test_grid_view_typography.py)
        note = spaced(note)
        if grid_id != g.id:  # a parent's note describes the parent, not this grid: said so
            lines.append(t("show.note.of", grid=grid_id))
            lines.extend(wrap(note, width, initial_indent="    ", subsequent_indent="    "))
            continue
        lines.extend(wrap(note, width, initial_indent=note_head,
                                   subsequent_indent=" " * len(note_head)))
    if g.sources:
        lines.append("")
        lines.append(t("show.sources"))
        for src in g.sources:
            lines.extend(wrap(f"[{src.id}] {src.title}", width, initial_indent="  ",
                                       subsequent_indent="    "))
            if src.url:
                lines.append(f"    <{src.url}>")
    if g.mode == "checklist":
        lines.append("")
        # where the rule comes from, as compare and the self-assessment say it
        choice = next((ch for ch in outcome_choices(g) if ch["what"] in ("verdict", "core")),
                      None)
        origin = "" if choice is None else " [" + " · ".join(
            [choice["status"] if lang == "en" else common(f"provenance.{choice['status']}"),
             *([choice["source"]] if choice["source"] else [])]) + "]"
        if g.verdict is None:
            lines.append(t("show.verdict.default") + origin)
            lines.append("  " + verdict_text(effective_verdict(g), lang=lang))
        else:
            lines.append(t("show.verdict.rule") + origin)
            lines.extend(verdict_lines(g.verdict, lang=lang))
        for ch in outcome_choices(g):  # a condition shown apart (loi ESS 15-II)
            if ch["what"] == "separate_condition":
                lines.append(t("show.separate", id=ch["criterion"], name=ch["label"]) + " [" +
                             " · ".join([ch["status"] if lang == "en" else
                                         common(f"provenance.{ch['status']}"),
                                         *([ch["source"]] if ch["source"] else [])]) + "]")
    if g.eligibility:
        lines.append("")
        lines.append(t("show.eligibility"))
        for r in g.eligibility:
            lines.append(t("show.rule", id=r.id, label=r.label))
    for s in g.sections:
        lines.append("")
        head = f"{s.id}  {s.label}"
        if g.mode == "scored":
            w = marked(_fmt(s.weight if s.weight is not None else 1, lang),
                       declared_status(g, f"sections.{s.id}.weight", s.weight))
            head += "  (" + t("show.weight", w=w) + (
                t("show.ranking-weight", w=marked(
                    _fmt(s.ranking_weight, lang),
                    declared_status(g, f"sections.{s.id}.ranking_weight", s.ranking_weight)))
                if s.ranking_weight is not None else "") + ")"
        lines.append(head)
        if g.mode == "scored":
            lines.extend(wrap(_weights_text(s, shares, said["weight"], lang), width,
                              initial_indent="  ", subsequent_indent="    "))
        for cr in s.criteria:
            tags = []
            if cr.core:  # « socle (inféré) »: a core flag nobody sourced says so
                tags.append(marked(t("tag.core"), core_status(g, cr.id)))
            if cr.eliminatory:
                tags.append(t("tag.eliminatory", by=cr.rated_by))
            if g.mode == "scored" and not cr.eliminatory:
                tags.append(marked(t("tag.w", w=_fmt(cr.weight if cr.weight is not None
                                                     else 1, lang)),
                                   said["weight"].get(cr.id)))
                if cr.ranking_weight is not None:
                    tags.append(marked(t("tag.ranking-w", w=_fmt(cr.ranking_weight, lang)),
                                       declared_status(g, f"criteria.{cr.id}.ranking_weight",
                                                       cr.ranking_weight)))
            if cr.from_fact is not None:  # « valeur reprise du fait written_total »
                tags.append(t("tag.from-fact", fact=cr.from_fact))
            if cr.floor is not None:
                tags.append(marked(t("tag.floor-of", floor=_exact(cr.floor, lang),
                                     max=_fmt(g.scales[cr.scale].max, lang))
                                   if cr.scale in g.scales
                                   else t("tag.floor", floor=_exact(cr.floor, lang)),
                                   said["floor"].get(cr.id)))
            tags.append(cr.dimension or t("tag.unclassified"))
            where = f" {cr.provenance.source}" if cr.provenance.source else ""
            # « sourced » with no source, or a label rewritten without provenance: inferred
            shown = criterion_status(g, cr)
            status = shown if lang == "en" else common(f"provenance.{shown}")
            if shown != shown_status(cr.provenance):  # the source quoted the old label
                where = " (" + t("show.relabelled", source=cr.provenance.source or "-") + ")"
            lines.extend(wrap(cr.label, width, initial_indent=f"  {cr.id:<8} ",
                                       subsequent_indent=" " * 11))
            lines.append(f"  {'':<8} [{', '.join(tags)}] {status}{where}")
    lines.extend(_rules_text(g, width, lang))
    return "\n".join(lines) + "\n"


def _rules_text(g: Grid, width: int, lang: str = "en") -> list[str]:
    """Scales, tie-breaks and facts: what a jury secretary checks before scoring."""
    from ..i18n import translator

    t, common = translator("grids", lang), translator("common", lang)
    lines = ["", t("show.scales")]
    for sid, scale in g.scales.items():
        extra = [t(x) for x, on in (("scale.half-steps", scale.half_steps),
                                    ("scale.na", scale.na)) if on]
        lines.append(f"  {sid}" + (f" ({', '.join(extra)})" if extra else ""))
        for lv in scale.levels:
            lines.extend(wrap(f"{_fmt(lv.value, lang)} {lv.label}", width,
                                       initial_indent="    ", subsequent_indent="      "))
    lines += ["", t("show.tie-breaks")]
    if not g.tie_breaks:
        lines.append(t("tie.none"))
    for i, tb in enumerate(g.tie_breaks, 1):
        how = t(f"tie.{tb.order}" + (".date" if _orders_dates(g, tb) else ""))
        count = t("tie.count") if tb.count else ""
        lines.append(f"  {i}. {_tie_by(g, tb.by, lang)} ({how}{count})")
    if g.facts:
        lines += ["", t("show.facts")]
        for name, spec in g.facts.items():
            # the type in words (« texte », « liste de nombres »); English keeps the
            # grid language's own names (string, array of number)
            bits = [common(f"fact-type.{spec.type}") + (
                " " + common(f"fact-type.of.{spec.items.type}") if spec.items else "")]
            if spec.required:
                bits.append(t("fact.required"))
            if spec.unit:
                bits.append(spec.unit)
            if spec.enum:
                bits.append(t("fact.one-of", values=", ".join(str(v) for v in spec.enum)))
            label = f" {spec.label}" if spec.label else ""
            lines.extend(wrap(f"{name} [{', '.join(bits)}]{label}", width,
                                       initial_indent="  ", subsequent_indent="    "))
    return lines


def _orders_dates(g: Grid, tb: TieBreak) -> bool:
    """The tie-break compares dates (a date fact, not a count of a list's values): its
    order is « le plus ancien d'abord », not « le plus bas d'abord »."""
    kind, _, ident = tb.by.partition(":")
    spec = fact_spec(g.facts, ident) if kind == "fact" and tb.count is None else None
    return spec is not None and spec.type == "date"


def _tie_by(g: Grid, by: str, lang: str) -> str:
    """What a tie-break compares, in words: « section besoin-social », « critère AV-1.1 », a
    fact by its label (« Date de dépôt du dossier »), else « fait submitted_at »; in
    English as the grid writes it (``section:besoin-social``)."""
    from ..i18n import translator
    from .facts import fact_label

    kind, _, ident = by.partition(":")
    if lang != "en" and kind == "fact" and fact_label(g.facts, ident) != ident:
        return fact_label(g.facts, ident)
    return translator("grids", lang)(f"tie.by.{kind}", id=ident)


def _exact(x: float | int, lang: str = "en") -> str:
    """A threshold or a floor as written (10, 66.67, 66.6666666667): never rounded; a
    decimal comma in French."""
    v = float(x)
    return decimal_text(str(int(v)) if v.is_integer() else repr(v), lang)


def _fmt(x: float | int | None, lang: str = "en") -> str:
    if x is None:
        return "-"
    return decimal_text(plain_number(x), lang)
