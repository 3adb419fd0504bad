"""Building the typed report context from a loaded call and its result.

A pure function of (call, result, kind, level, lang): no clock, no randomness,
stable ordering.  Confidentiality is applied here: at ``communicable`` the
context holds no assessor name or id, no individual value, no comment and no
range; at ``public`` only the laureates and their amounts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from ..analysis.zone import line_neighbours, no_line
from ..build import generator
from ..call.deports import conflict_pairs, conflicted_rows
from ..call.model import Call
from ..engine import DossierResult, Result
from ..engine.aggregate import counts_of
from ..engine.maps import held
from ..grid.facts import fact_label
from ..grid.items import mode_key
from ..grid.model import Criterion, Grid
from ..grid.provenance import (
    criterion_mark,
    declared_status,
    parameter_provenance,
    provenance_summary,
)
from ..i18n import Translator, translator
from ..jury.opinions import Opinions, load_opinions
from ..vocabulary import EPS, Status
from . import dossier_models as dm
from . import models as m
from .agendaparts import AgendaParts
from .columns import Columns
from .fiche import FicheParts
from .flagparts import FlagParts
from .portfolio import constraint_lines
from .quorum import left_room_lines
from .stage import is_shortlist
from .text import (
    computed_word,
    partial_vote,
    role_word,
    stage_word,
    status_said,
    status_word,
    verdict_word,
    version_words,
    vote_under_way,
)
from .tiebreak import cascade, cascade_heading, flags_of
from .typography import plural_form

T = TypeVar("T")


def uses_opinions(kind: str, level: str) -> bool:
    """The document shows the jurors' opinions (opinions/*.csv): fiches and the
    committee report's agenda, at the interne level only."""
    return kind in ("committee", "fiches") and level == "interne"


class Builder(FicheParts, FlagParts, AgendaParts):
    """Holds what every part of the context needs; one instance per document."""

    def __init__(self, call: Call, result: Result, kind: m.Kind, level: m.Level,
                 lang: str, opinions: Opinions | None = None) -> None:
        self.call = call
        self.result = result
        self.kind = kind
        self.level = level
        self.lang = lang
        self.t: Translator = translator("report", lang)
        self.common: Translator = translator("common", lang)
        self.grid: Grid = call.grid.grid
        self.mode = str(result.grid["mode"])
        self.interne = level == "interne"
        #: a présélection: its documents print no amount, and say its words (.stage)
        self.shortlist = is_shortlist(call)
        self.crit: dict[str, Criterion] = {c.id: c for c in self.grid.criteria()}
        self.floor_said = parameter_provenance(self.grid, "floor")  # as the workbooks
        self.rule_label = {r.id: r.label for r in self.grid.eligibility}
        self.titles = {d.id: d.title for d in result.dossiers}
        self.by_id = {d.id: d for d in result.dossiers}
        # until a vote is recorded, documents speak of a proposition du jury; once one
        # is, of each dossier as the engine's rule says (Result.decided_by_vote): the
        # document as a whole speaks of decisions once every status is one
        self.decided = result.voted and result.decided_count == len(result.dossiers)
        self.conflicts: dict[str, list[Any]] = defaultdict(list)
        for cf in call.config.conflicts:
            self.conflicts[cf.dossier].append(cf)
        self.dossier_obj = {d.id: d for d in call.dossiers}
        self._ratings: dict[tuple[str, str], list[Any]] | None = None
        self._columns: Columns | None = None
        self._flags: dict[str, dm.Flag] = {}
        self._opinions = opinions
        self._edges: dict[str, Any] | None = None
        # what a document works out once and every part of it reads (the letters': the
        # funding line, the shareable comments); shared by the copies of the builder
        # the letters make (:mod:`.letterset`)
        self._once: dict[str, Any] = {}

    def once(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, worked out on first use and kept for the document (``key``
        names it); a copy of the builder (a letter's) shares what its original keeps."""
        if key not in self._once:
            self._once[key] = make()
        found: T = self._once[key]
        return found

    def shared_comments(self, dossier: str, criterion: str) -> list[tuple[str, str]]:
        """The comments the jurors marked shareable on ``dossier``'s ``criterion``, not
        blank, as ``(assessor, comment)`` in the ratings' order (the letters'); the index
        of every dossier's made once from the rating columns, without an object per
        rating (a national call has millions)."""
        return self.once("shared-comments", self._shared_comments).get(
            (dossier, criterion), [])

    def _shared_comments(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        table = self.call.table
        out: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        if not len(table):
            return out
        comments = table.comment
        rows = [i for i, (s, c) in enumerate(zip(table.shareable, comments, strict=True))
                if s and c.strip()]
        import numpy as np

        d_ids, a_ids, c_ids = table.dossier_ids, table.assessor_ids, table.criterion_ids
        at = np.asarray(rows, dtype=np.int64)
        for i, di, ai, ci in zip(rows, np.asarray(table.dossier)[at].tolist(),
                                 np.asarray(table.assessor)[at].tolist(),
                                 np.asarray(table.criterion)[at].tolist(), strict=True):
            out[(d_ids[di], c_ids[ci])].append((a_ids[ai], comments[i]))
        return out

    def floor_edges(self) -> dict[str, Any]:
        """The zone grise's floor edges (:func:`isgrid.analysis.zone.floor_edges`), computed
        once for the document (its agenda and its zone grise both read them)."""
        if self._edges is None:
            from ..analysis.zone import floor_edges

            self._edges = floor_edges(self.call, self.result)
        return self._edges

    @property
    def opinions(self) -> Opinions:
        """The jurors' opinions (opinions/*.csv), read on first use when not given;
        their warnings are then dropped: pass :func:`load_opinions` to see them."""
        if self._opinions is None:
            self._opinions = load_opinions(self.call)
        return self._opinions

    @property
    def ratings(self) -> dict[tuple[str, str], list[Any]]:
        """Rating objects by (dossier, criterion), built on first use (fiches only:
        a committee report reads the rating columns, not one object per rating)."""
        if self._ratings is None:
            self._ratings = defaultdict(list)
            for r in self.call.ratings:
                self._ratings[(r.dossier, r.criterion)].append(r)
        return self._ratings

    # -- the rating columns ----------------------------------------------------
    def columns(self) -> Columns:
        """The call's rating columns as numpy arrays (converted once)."""
        if self._columns is None:
            self._columns = Columns.of(self.call.table)
        return self._columns

    def conflicted_rows(self) -> Any:
        """Boolean array: the rating's assessor is in conflict with its dossier."""
        table = self.call.table
        return conflicted_rows(table, conflict_pairs(table, self.call.config.conflicts))

    # -- small helpers -------------------------------------------------------
    def name(self, aid: str) -> str:
        a = self.call.assessors.get(aid)
        return (a.name if a is not None and a.name else aid)

    def role(self, aid: str) -> str:
        a = self.call.assessors.get(aid)
        return role_word(a.role if a is not None else "juré", self.lang)

    def decided_for(self, d: DossierResult) -> bool:
        """Whether ``d``'s status is spoken of as decided (:meth:`Result.decided_by_vote`)."""
        return self.result.decided_by_vote(d)

    def status_of(self, d: DossierResult) -> str:
        """``d``'s status in words: « proposé (retenu) » while it is a proposition."""
        return self.status(d.status, self.decided_for(d))

    def status(self, s: str, decided: bool | None = None) -> str:
        """A status in words (:func:`.text.status_said`), said as decided or not by
        ``decided``, else by the document (:attr:`decided`)."""
        return status_said(s, self.lang, self.decided if decided is None else decided)

    def outcome(self, o: str) -> str:
        """A decision's outcome in words: a status's (:func:`.text.status_word`)."""
        return status_word(o, self.lang)

    def rule(self, rid: str, outcome: str) -> dm.RuleOutcome:
        label = self.rule_label.get(rid) or (self.crit[rid].label if rid in self.crit
                                             else fact_label(self.grid.facts, rid))
        return dm.RuleOutcome(id=rid, label=label, outcome=outcome,
                             outcome_label=self.t(f"rule.{outcome}"))

    def mark(self, c: Criterion) -> str | None:
        """« reconstitué », « inféré » beside a criterion's label (grid.provenance)."""
        return criterion_mark(self.grid, c, self.lang)

    def marked(self, c: Criterion) -> str:
        """A criterion's label and its mark, where a text names it (« … (reconstitué) »)."""
        mark = self.mark(c)
        return f"{c.label} ({mark})" if mark else c.label

    def level_label(self, c: Criterion, v: float | None) -> str:
        if v is None:
            return "-"
        for lv in self.grid.scales[c.scale].levels:
            if abs(float(lv.value) - v) < EPS:
                return lv.label
        return ""

    def norm(self, c: Criterion, v: float | None) -> float | None:
        if v is None:
            return None
        sc = self.grid.scales[c.scale]
        return (v - sc.min) / (sc.max - sc.min) if sc.max > sc.min else None

    # -- the parts -----------------------------------------------------------
    def meta(self) -> m.Meta:
        return m.Meta(
            kind=self.kind, level=self.level, lang=self.lang,
            title=self.t(f"title.{self.kind}"), decided=self.decided,
            outcome_word=self.t("decision" if self.decided else "vote.under-way"
                                if self.under_vote() else "proposition"),
            notice=self.notice(),
            fictitious=bool(self.result.call.get("fictitious")),
            money=not self.shortlist,
            generator=generator(),
        )

    def under_vote(self) -> bool:
        """The vote under way: some statuses decided by it, not all (the notice's
        :func:`.text.partial_vote`, the rule the minutes and ``isgrid decisions`` say it
        by); a letter speaks of its own dossier, decided or proposed, never of the list."""
        return self.kind != "feedback" and vote_under_way(self.result)

    def notice(self) -> str:
        """What the document's statuses are: proposals (no vote), decisions (every one
        decided), or some of each while the vote is under way (a letter: its dossier's)."""
        said = None if self.kind == "feedback" else partial_vote(
            self.result, self.t, "vote.partial", self.lang)
        # the computed outcome beside the decisions: not in a public document nor a letter,
        # which show none (« le résultat calculé reste affiché à côté » was said there too)
        beside = self.level != "public" and self.kind != "feedback"
        if said is None:
            if not self.decided:
                return self.t("notice.proposition")
            return self.t("notice.decided") + (f" {self.t('notice.computed')}" if beside else "")
        return f"{said} {self.t('notice.computed')}" if beside else said

    def call_info(self) -> m.CallInfo:
        cfg = self.call.config
        files = dict(self.result.inputs)
        if uses_opinions(self.kind, self.level):
            # the opinions files this document read are inputs of it too (not of the result)
            files.update(self.opinions.hashes)
        inputs = [m.InputFile(path=k, sha256=v) for k, v in sorted(files.items())]
        return m.CallInfo(
            title=cfg.title, description=cfg.description, n_dossiers=len(self.result.dossiers),
            aggregator=self.t(f"aggregator.{self.result.call['aggregator']}"),
            budget=float(cfg.budget) if cfg.budget is not None else None,
            tie_breaks=cascade(self), tie_breaks_heading=cascade_heading(self),
            inputs=inputs if self.interne else [],
        )

    def grid_info(self) -> m.GridInfo:
        g = self.grid
        prov = provenance_summary(g)
        rg = self.result.grid
        return m.GridInfo(
            # the version and the hash are internal: interne only; a call's own changes to
            # its grid in words (« 1, adaptée par l'appel », never the code « 1+call »)
            id=g.id, version=version_words(g.version, self.lang) if self.interne else "",
            title=g.title, mode=self.mode,
            mode_label=self.common(mode_key(g)), mode_kind=mode_key(g).removeprefix("mode."),
            sha256=rg["sha256"] if self.interne else "",
            extends=list(rg.get("extends") or []),
            threshold=float(g.threshold) if g.threshold is not None else None,
            threshold_provenance=self.unsourced(declared_status(g, "threshold", g.threshold)),
            out_of=g.out_of() if self.mode == "scored" else None,
            criteria_total=prov["criteria_total"],
            criteria_sourced=prov["criteria"]["sourced"],
            criteria_reconstructed=prov["criteria"]["reconstructed"],
            criteria_inferred=prov["criteria"]["inferred"],
            parameters_sourced=prov["parameters"]["sourced"],
            parameters_reconstructed=prov["parameters"]["reconstructed"],
            parameters_inferred=prov["parameters"]["inferred"],
            source_criteria_count=prov["source_criteria_count"],
        )

    def line(self, d: DossierResult) -> dm.DossierLine:
        markers: list[dm.Marker] = []
        present: int | None = None
        if self.mode == "profile":
            prof = d.profile or {}
            pres = set(prof.get("present", []))
            present = len(pres)
            for c in self.grid.criteria():
                if c.eliminatory:
                    continue
                v = d.criteria[c.id].value
                markers.append(dm.Marker(id=c.id, label=c.label, provenance=self.mark(c),
                                        value=float(v) if v is not None else None,
                                        max=self.grid.scales[c.scale].max, present=c.id in pres))
        floors = [self.marked(self.crit[f.split(":", 1)[1]]) for f in d.flags
                  if f.startswith("below-floor:") and f.split(":", 1)[1] in self.crit]
        a = d.amounts

        def money(x: Any) -> float | None:
            return float(x) if x is not None and not self.shortlist else None

        # « attribué » once a vote granted it (DossierResult.granted_by_vote); before, a
        # jury-stage decision's amount is the jury's proposal: « proposé », as the rules'
        # for a proposed dossier (retenu, réserve, à vérifier), none for the others
        granted = money(d.amount_granted)
        proposed = money(d.amount_proposed)

        return dm.DossierLine(
            id=d.id, title=d.title, rank=d.rank,
            total=float(d.total) if d.total is not None else None,
            ranking_total=d.ranking_total,
            verdict=verdict_word(d.verdict, self.lang) if d.verdict else None,
            present=present, markers=markers, status=str(d.status),
            status_label=self.status_of(d), selected=d.selected,
            reserve=bool(d.reserve),
            reserve_position=(p[0] if d.reserve and (p := self.result.reserve_position(d))
                              else None),
            flags=flags_of(self, d) if self.interne else [],
            floors_missed=floors,
            amounts=dm.Amounts(requested=money(a.requested), proposed=proposed,
                              granted=granted, held=held(granted, proposed)),
            deports=len(self.conflicts.get(d.id, [])),
            **self.decision(d),
        )

    def decision(self, d: DossierResult) -> dict[str, str | None]:
        dec = d.decision
        if not dec.outcome:
            return {"computed": None, "decision": None, "decision_reason": None}
        return {
            "computed": computed_word(d, self.lang),  # the proposal's status
            # a withdrawal is the applicant's, never a decision of the jury or the vote
            "decision": self.t("withdrawal.recorded") if dec.outcome == Status.RETIRE
            else self.t("decided", outcome=self.outcome(dec.outcome),
                        stage=stage_word(dec.stage or "jury", self.lang)),
            # the journal's reason is internal; a communicable document gives the motivation
            "decision_reason": dec.reason if self.interne else dec.motivation,
        }

    def jury(self) -> tuple[list[m.Assessor], dict[str, int]]:
        counts: dict[str, int] = {}
        for aid in sorted(self.call.assessors):
            role = role_word(self.call.assessors[aid].role, self.lang)
            counts[role] = counts.get(role, 0) + 1
        if not self.interne:  # the jurors by role only: nothing of who rated what
            return [], dict(sorted(counts.items()))
        # the engine's counts: the dossiers whose ratings count, and apart those whose
        # ratings a déport excludes (« 15 dont 1 écarté »), never a count of its own here
        given = counts_of(self.call)
        deported: dict[str, list[str]] = defaultdict(list)
        for cf in self.call.config.conflicts:
            deported[cf.assessor].append(cf.dossier)
        people: list[m.Assessor] = []
        for aid in sorted(self.call.assessors):
            role = role_word(self.call.assessors[aid].role, self.lang)
            rated = given.rated.get(aid, 0)
            excluded = given.rated_excluded.get(aid, 0)
            people.append(m.Assessor(
                id=aid, name=self.name(aid), role=role, rated=rated, rated_excluded=excluded,
                rated_label=self.t(f"rated.excluded.{plural_form(excluded, self.lang)}",
                                   n=rated + excluded, k=excluded) if excluded else str(rated),
                deports=sorted(deported.get(aid, []))))
        return people, dict(sorted(counts.items()))

    def deports(self) -> list[m.Deport]:
        if not self.interne:
            return []
        out = [m.Deport(assessor=self.name(cf.assessor), dossier=cf.dossier,
                        title=self.titles.get(cf.dossier, ""), reason=cf.reason)
               for cf in self.call.config.conflicts]
        # a member who only left the room for a dossier, in the minutes' words
        out.extend(m.Deport(assessor=who, dossier=dossier, title=self.titles.get(dossier, ""),
                            reason=text, left_room=True)
                   for who, dossier, text in left_room_lines(self.call, self.lang))
        return sorted(out, key=lambda x: (x.dossier, x.assessor))

    def eligibility(self) -> list[m.EligibilityLine]:
        out = []
        for d in sorted(self.result.dossiers, key=lambda x: x.id):
            if d.eligible is True and d.status != "à vérifier":
                continue
            elig = d.eligibility
            # the values still to check (the engine's reading, DossierResult.unknown_keys):
            # the rules and criteria, then the facts the money needs (not in eligibility)
            keys = d.unknown_keys()
            out.append(m.EligibilityLine(
                id=d.id, title=d.title, status_label=self.status_of(d),
                failed=[self.rule(r, o) for r, o in elig.items() if o == "fail"],
                unknown=[self.rule(k, "unknown") for k in keys if k in elig],
                amount_missing=[self.rule(k, "unknown").label for k in keys if k not in elig],
            ))
        return out

    def budget(self, lines: dict[str, dm.DossierLine]) -> m.Budget | None:
        """The selection the document states now (:attr:`Result.current`): the jury's
        proposal, or the decided one once the journal holds a decision or a withdrawal."""
        sel = self.result.selection
        now = self.result.current
        if sel is None or now is None:
            return None
        rule = sel.rule
        rule_text = self.t("rule.top", k=sel.top) if rule.startswith("top:") \
            else self.t(f"walk.{rule}")
        if sel.top is not None and not rule.startswith("top:"):  # a budget and top: K
            rule_text = self.t(f"rule.top.limit.{plural_form(sel.top, self.lang)}",
                               rule=rule_text, k=sel.top)
        return m.Budget(
            budget=now.budget, spent=now.committed, remaining=now.remaining,
            rule=rule_text, line=now.line, skipped=[lines[i] for i in now.skipped],
            line_before=self.line_before(), no_line=self.no_line(),
            voted=self.result.list_voted,
            selected=[lines[i] for i in now.selected],
            reserve=[lines[i] for i in now.reserve],
            decided=now.decided, granted=now.granted,
            constraints=constraint_lines(self.result, self.t, self.lang),
        )

    def line_before(self) -> str | None:
        """The dossier the funding line of the selection the document states is drawn
        above (``Result.current.line``: the proposal's, or the one after decisions):
        :func:`isgrid.analysis.zone.line_neighbours`, withdrawn dossiers counted."""
        return line_neighbours(self.result, withdrawn=True)[1]

    def no_line(self) -> str | None:
        """Without a funding line in the selection the document states
        (:func:`isgrid.analysis.zone.no_line`: every ranked dossier fits), the one
        sentence that says so, in the document's language; None with a line."""
        why = no_line(self.result)
        return why.text(self.lang) if why is not None else None
