"""The per-dossier parts of a report's context: a dossier's criteria, sections, chart and
fiche, and the jurors' opinions on it (:class:`FicheParts`, the part of
:class:`~isgrid.documents.context.Builder` that builds them; split from ``context.py``
at the modules' size limit).  Confidentiality as the Builder applies it: ratings, ranges,
consensus reasons, déports and opinions at the ``interne`` level only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..call.model import Call
from ..engine import DossierResult
from ..engine.result import Result
from ..grid.check import counts_as
from ..grid.model import Criterion, Grid, ProvenanceStatus
from ..i18n import Translator
from ..jury.common import opinion_word
from ..jury.opinions import Opinion, Opinions, summarise
from ..vocabulary import EPS
from . import dossier_models as dm
from .svg import bars, radar
from .text import first_said
from .typography import quoted


class FicheParts:
    """A dossier's views (module docstring); the Builder holds the state they read."""

    if TYPE_CHECKING:  # the Builder's own (documents/context.py)
        call: Call
        result: Result
        t: Translator
        common: Translator
        grid: Grid
        mode: str
        lang: str
        interne: bool
        conflicts: Mapping[str, list[Any]]
        dossier_obj: Mapping[str, Any]
        floor_said: Mapping[str, ProvenanceStatus | None]

        @property
        def ratings(self) -> dict[tuple[str, str], list[Any]]: ...
        @property
        def opinions(self) -> Opinions: ...
        def name(self, aid: str) -> str: ...
        def role(self, aid: str) -> str: ...
        def level_label(self, c: Criterion, v: float | None) -> str: ...
        def mark(self, c: Criterion) -> str | None: ...
        def norm(self, c: Criterion, v: float | None) -> float | None: ...
        def line(self, d: DossierResult) -> dm.DossierLine: ...
        def rule(self, rid: str, outcome: str) -> dm.RuleOutcome: ...

    def criterion_view(self, d: DossierResult, c: Criterion) -> dm.CriterionView:
        s = d.criteria[c.id]
        conf = {cf.assessor for cf in self.conflicts.get(d.id, [])}
        # the jurés expected on the criterion who left it empty (no value, no NE): the
        # one reading of the ratings-missing warnings (isgrid.call.expected), named
        # « non noté » among the ratings as a NE is
        unrated = self.call.missing.readers(d.id, c.id) if self.call.missing is not None \
            else []
        ratings: list[dm.Rating] = []
        if self.interne:
            given = sorted(self.ratings.get((d.id, c.id), []), key=lambda r: r.assessor)
            # a comment several jurors wrote alike (pasted) quoted once, as the letters do:
            # the others say whose it is the same as
            firsts = first_said([r.comment for r in given])
            rows: list[tuple[str, dm.Rating]] = []
            for i, r in enumerate(given):
                again = firsts[i] != i and bool(r.comment.strip())
                blank = r.value is None and not r.na and r.assessor in unrated
                rows.append((r.assessor, dm.Rating(
                    assessor=self.name(r.assessor), assessor_id=r.assessor,
                    role=self.role(r.assessor), value=r.value,
                    value_label=self.t("na") if r.na else self.t("not-rated") if blank
                    else self.level_label(c, r.value),
                    comment="" if again else r.comment, excluded=r.assessor in conf,
                    same_comment_as=self.name(given[firsts[i]].assessor) if again else None,
                    same_comment_as_id=given[firsts[i]].assessor if again else None,
                    missing=blank)))
            seen = {r.assessor for r in given}  # a row with a comment and no value: its own
            rows += [(a, dm.Rating(assessor=self.name(a), assessor_id=a, role=self.role(a),
                                  value=None,
                                  value_label=self.t("not-rated"), comment="", excluded=False,
                                  missing=True)) for a in unrated if a not in seen]
            ratings = [x for _, x in sorted(rows, key=lambda p: p[0])]
        v = s.value
        state = s.state
        return dm.CriterionView(
            id=c.id, label=c.label, provenance=self.mark(c), core=c.core,
            eliminatory=c.eliminatory,
            floor=float(c.floor) if c.floor is not None else None,
            floor_provenance=None if c.floor is None else self.unsourced(self.floor_said[c.id]),
            below_floor=f"below-floor:{c.id}" in d.flags,
            scale_min=self.grid.scales[c.scale].min, scale_max=self.grid.scales[c.scale].max,
            value=v, value_label=self.level_label(c, v), raw=s.raw, consensus=s.consensus,
            # the consensus reason is the committee's internal note (interne only)
            consensus_reason=s.consensus_reason if self.interne else None, n=s.n, na=s.na,
            missing=len(unrated),
            min=s.min if self.interne else None, max=s.max if self.interne else None,
            state_label=self.t(f"state.{state}") if state else None, ratings=ratings)

    def unsourced(self, status: ProvenanceStatus | None) -> str | None:
        """« inféré », « reconstitué »: a number nobody sourced; None when sourced."""
        return None if status in (None, "sourced") else self.common(f"provenance.{status}")

    def appreciation(self, score: float | None) -> str:
        if score is None:
            return self.t("appr.none")
        for cut, key in ((0.75, "appr.high"), (0.5, "appr.good"), (0.25, "appr.weak")):
            if score + EPS >= cut:
                return self.t(key)
        return self.t("appr.low")

    def sections(self, d: DossierResult, with_criteria: bool) -> list[dm.SectionView]:
        out = []
        for sec in self.grid.sections:
            crits = [c for c in sec.criteria if not c.eliminatory]
            if not crits or (not with_criteria and all(c.from_fact for c in crits)):
                continue  # the letter appreciates what was judged, not a fact carried in
            score = d.sections.get(sec.id)
            if score is not None and self.mode == "profile":
                top = self.grid.scales[crits[0].scale]
                score = (score - top.min) / (top.max - top.min) if top.max > top.min else None
            # a section never reads well while one of its criteria misses its floor
            floored = [c for c in crits if f"below-floor:{c.id}" in d.flags]
            words = (self.t("appr.floor", labels=", ".join(
                quoted(self.t, c.label, self.lang) for c in floored))
                     if floored else self.appreciation(score))
            out.append(dm.SectionView(
                id=sec.id, label=sec.label, score=score, appreciation=words,
                criteria=[self.criterion_view(d, c) for c in sec.criteria] if with_criteria
                else []))
        return out

    def apart(self) -> list[dm.ApartCondition]:
        """The conditions a checklist shows apart from its verdict (``separate_condition``:
        the art. 15 grid's II), each dossier's criterion as its fiche shows it
        (:meth:`criterion_view`), for the committee report."""
        if self.mode != "checklist":
            return []
        return [dm.ApartCondition(
            label=c.separate_condition, id=c.id, criterion=c.label, section=sec.label,
            rows=[dm.ApartRow(id=d.id, title=d.title, criterion=self.criterion_view(d, c))
                  for d in self.result.dossiers])
            for sec in self.grid.sections for c in sec.criteria
            if c.separate_condition is not None]

    def chart(self, d: DossierResult, sections: list[dm.SectionView]) -> str:
        empty = self.t("chart.unrated")
        if self.mode == "profile":
            items = [(c.label, self.norm(c, d.criteria[c.id].value))
                     for c in self.grid.criteria() if not c.eliminatory]
            first = next((c for c in self.grid.criteria() if not c.eliminatory), None)
            pres = counts_as(self.grid, first, "present") if first is not None else None
            return radar(items, title=self.t("chart.radar"),
                         threshold=self.norm(first, pres) if first is not None else None,
                         empty=empty, lang=self.lang)
        return bars([(s.label, s.score) for s in sections], title=self.t("chart.bars"),
                    empty=empty, lang=self.lang)

    def fiche(self, d: DossierResult, line_at: float | None,
              unit: str | None = None) -> dm.Fiche:
        """``d``'s fiche; its distance measured from ``line_at`` (a total, or a rank),
        ``unit`` saying from what (:func:`isgrid.documents.fiche_line.fiche_line`)."""
        sections = self.sections(d, with_criteria=True)
        scored = self.mode == "scored"
        distance: float | None = None
        if line_at is not None:
            if scored and d.total is not None:
                distance = float(d.total) - line_at
            elif not scored and d.rank is not None:
                distance = line_at - float(d.rank)
        dos = self.dossier_obj.get(d.id)
        return dm.Fiche(
            line=self.line(d), summary=dos.summary if dos else None,
            eligibility=[self.rule(r, o) for r, o in d.eligibility.items()],
            sections=sections, distance=distance,
            distance_unit=unit or self.t("unit.points" if scored else "unit.ranks"),
            chart_svg=self.chart(d, sections),
            deports=[self.name(cf.assessor) for cf in self.conflicts.get(d.id, [])]
            if self.interne else [],
            opinions=[self.juror_opinion(o) for o in self.opinions.of(d.id)]
            if self.interne else [],
            opinion_summary=self.opinion_summary(d.id),
        )

    # -- jurors' overall opinions (interne only) -------------------------------------
    def juror_opinion(self, o: Opinion) -> dm.JurorOpinion:
        return dm.JurorOpinion(
            assessor=self.name(o.assessor), assessor_id=o.assessor, role=self.role(o.assessor),
            opinion=o.opinion,
            opinion_label=opinion_word(o.opinion, self.lang) if o.opinion else "-",
            amount=o.amount, comment=o.comment)

    def opinion_summary(self, dossier: str) -> dm.OpinionSummary | None:
        """The opinions of a dossier counted, or None (none given, or not interne)."""
        if not self.interne:
            return None
        ops = self.opinions.of(dossier)
        if not ops:
            return None
        s = summarise(ops)
        words = [self.t(f"opinions.{k}.{'one' if n == 1 else 'other'}", n=n)
                 for k, n in s.counts.items()]
        return dm.OpinionSummary(n=s.n, counts=s.counts, text=", ".join(words) or "-",
                                amount_min=s.amount_min, amount_max=s.amount_max)
