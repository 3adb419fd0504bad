"""The committee report's parts about where the jurors disagree (:class:`AgendaParts`,
the Builder's; split from ``context.py``): the agenda of the dossiers to discuss, with
why discussion can change each one's outcome in plain words and where its distances
are measured from, and the jurors' agreement per criterion (Krippendorff's alpha).
The agenda's rule is :mod:`.agenda`'s; this module says it in the document's words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..analysis.agreement import ordinal_alpha_cells
from ..jury.opinions import summarise
from . import models as m
from .agenda import (
    AMOUNT_RATIO,
    LINE_ABOVE,
    LINE_BELOW,
    OPINIONS_SPLIT,
    TAU_POINTS,
    TAU_RANKS,
    agenda_top,
    line_value,
    opinion_disagreement,
)
from .seancetext import seance_translator
from .text import fmt_money, fmt_number, half_up
from .typography import plural_form

if TYPE_CHECKING:
    from ..call.model import Call
    from ..engine import DossierResult, Result
    from ..grid.model import Criterion, Grid
    from ..i18n import Translator
    from ..jury.opinions import Opinions
    from .columns import Columns
    from .dossier_models import OpinionSummary


class AgendaParts:
    """The agenda and the agreement (module docstring); the Builder holds the state they
    read (documents/context.py)."""

    if TYPE_CHECKING:  # the Builder's own
        call: Call
        result: Result
        t: Translator
        grid: Grid
        mode: str
        lang: str
        interne: bool
        crit: dict[str, Criterion]
        by_id: dict[str, DossierResult]

        @property
        def opinions(self) -> Opinions: ...
        def floor_edges(self) -> dict[str, Any]: ...
        def columns(self) -> Columns: ...
        def conflicted_rows(self) -> Any: ...
        def mark(self, c: Criterion) -> str | None: ...
        def marked(self, c: Criterion) -> str: ...
        def status_of(self, d: DossierResult) -> str: ...
        def opinion_summary(self, dossier: str) -> OpinionSummary | None: ...

    def agenda(self, size: int) -> tuple[list[m.AgendaItem], int]:
        if not self.interne:
            return [], 0
        spread = {}  # the jurors' opinions split, or their amounts far apart
        for did, ops in self.opinions.by_dossier.items():
            u, why = opinion_disagreement(summarise(ops))
            if why:
                spread[did] = (u, why)
        edges = self.floor_edges()  # the zone grise's rule, one place
        entries, total = agenda_top(self.grid, self.result, size, spread, set(edges))
        items = []
        for i, e in enumerate(entries, start=1):
            d = self.by_id[e.id]
            crits = [m.AgendaCriterion(
                id=cid, label=self.crit[cid].label, provenance=self.mark(self.crit[cid]),
                spread=u,
                min=d.criteria[cid].min, max=d.criteria[cid].max)
                for cid, u in e.criteria[:3]]
            items.append(m.AgendaItem(
                order=i, id=e.id, title=d.title, rank=d.rank,
                status_label=self.status_of(d), disagreement=e.disagreement,
                closeness=e.closeness, priority=e.priority, distance=e.distance,
                criteria=crits, opinions=self.opinion_summary(e.id),
                reasons=[self.agenda_reason(e.id, r) for r in e.reasons],
                why=self.agenda_why(e, crits, edges.get(e.id, ()))))
        return items, max(0, total - len(items))  # more than size: the passed over

    def distance(self, x: float) -> str:
        """A distance to the funding line in points (scored mode) or ranks, the word
        agreeing with the number as it is written (French: the singular below 2, « 0,6
        point », « 1,2 point », « 2,0 points »: :func:`isgrid.messages.plural_form`)."""
        st = seance_translator(self.lang)
        shown = float(half_up(x, 1))  # the number as fmt_number writes it
        unit = "agenda.points" if self.mode == "scored" else "agenda.ranks"
        return st(f"{unit}.{plural_form(shown, self.lang)}", n=fmt_number(x, self.lang, 1))

    def agenda_line(self) -> str | None:
        """Where the agenda's distances are measured from, in a sentence (the line of the
        selection section 5 states, :func:`isgrid.documents.agenda.line_value`: its total
        in scored mode), so that « proche de la ligne de financement (0,6 point) » reads
        against a line the document states; None without a line or a selection."""
        now = self.result.current
        at = line_value(self.grid, self.result)
        if not self.interne or now is None or now.line is None or at is None:
            return None
        st = seance_translator(self.lang)
        stop = self.t("budget.stop", line=now.line)
        near = st("agenda.near", near=self.distance(TAU_POINTS if self.mode == "scored"
                                                    else TAU_RANKS))
        if self.mode != "scored":
            return st("agenda.line.ranks", stop=stop) + " " + near
        points = st(f"agenda.points.{plural_form(float(half_up(at, 1)), self.lang)}",
                    n=fmt_number(at, self.lang, 1))
        return st("agenda.line.points", stop=stop, line=points) + " " + near

    def agenda_why(self, e: Any, crits: list[m.AgendaCriterion],
                   edges: Any) -> list[str]:
        """Why discussion can change a dossier's outcome, in plain words (no D, w, tau)."""
        st = seance_translator(self.lang)
        out = []
        for code in e.why:
            if code in ("line", LINE_ABOVE, LINE_BELOW) and e.distance is not None:
                # « proche » only within the agenda's own closeness (tau): its ``why``
                out.append(st(f"agenda.reason.{code}", distance=self.distance(e.distance)))
            elif code == "floor":
                out += [st("agenda.reason.floor", label=self.marked(self.crit[x.criterion]))
                        for x in edges if x.criterion in self.crit]
            elif code == "spread" and crits:
                said = f" ({crits[0].provenance})" if crits[0].provenance else ""
                out.append(st("agenda.reason.spread", label=crits[0].label + said,
                              min=fmt_number(crits[0].min, self.lang, 1),
                              max=fmt_number(crits[0].max, self.lang, 1)))
            elif code == "opinions":
                out.append(st("agenda.reason.opinions"))
        return out

    def agenda_reason(self, dossier: str, code: str) -> str:
        """Why the jurors' opinions put a dossier on the agenda, in words."""
        s = self.opinion_summary(dossier)
        assert s is not None  # a reason comes from opinions, shown at interne only
        if code == OPINIONS_SPLIT:
            return self.t("agenda.opinions-split", opinions=s.text)
        return self.t("agenda.amounts-spread", min=fmt_money(s.amount_min, self.lang),
                      max=fmt_money(s.amount_max, self.lang),
                      ratio=fmt_number(AMOUNT_RATIO, self.lang, 1))

    def agreement(self) -> tuple[list[m.Agreement], str | None]:
        import numpy as np

        table = self.call.table
        cols = self.columns()
        n_units = len(self.result.dossiers)
        # unit = the dossier's position in the result (reliability table columns)
        pos = {d.id: i for i, d in enumerate(self.result.dossiers)}
        unit_of = np.asarray([pos.get(did, -1) for did in table.dossier_ids], dtype=np.int64)
        unit = unit_of[cols.dossier] if len(cols.dossier) else cols.dossier
        usable = ~cols.na & ~np.isnan(cols.value) & (unit >= 0) & ~self.conflicted_rows()
        rows = np.flatnonzero(usable)
        crit = cols.criterion[rows]
        small = len(table.criterion_ids) < 2 ** 15  # a radix sort, much faster than int64
        rows = rows[np.argsort(crit.astype(np.int16) if small else crit, kind="stable")]
        crit_sorted = cols.criterion[rows]
        cmap = {cid: i for i, cid in enumerate(table.criterion_ids)}
        out = []
        few = False
        for c in self.grid.criteria():
            if c.eliminatory:
                continue
            ci = cmap.get(c.id, -1)
            lo, hi = np.searchsorted(crit_sorted, [ci, ci + 1]) if ci >= 0 else (0, 0)
            mine = rows[lo:hi]
            # one cell per (assessor, dossier): the loader refuses duplicate ratings
            sc = self.grid.scales[c.scale]
            res = ordinal_alpha_cells(unit[mine], cols.value[mine], n_units,
                                      [float(lv.value) for lv in sc.levels])
            few = few or res.reason == "too-few"
            out.append(m.Agreement(
                id=c.id, label=c.label, provenance=self.mark(c),
                section=self.grid.section_of(c.id).label,
                alpha=res.alpha, pairable=res.pairable, values=res.values,
                note=self.t(f"alpha.{res.reason}") if res.reason else None))
        pairable = max((a.pairable for a in out), default=0)
        warn = f"alpha.warning.{plural_form(pairable, self.lang)}"
        note = self.t(warn, n=pairable) if few or (out and pairable == 0) else None
        return out, note
