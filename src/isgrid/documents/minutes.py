"""Minutes of the séance (``pv``) and the commission permanente's annex (``cp-annex``).

Both are built from the call's ``meeting`` block (:mod:`isgrid.call.meeting`) and
the result of :func:`isgrid.engine.score` (the journal's decisions included);
the retained list, the reserve and the money are the result's
:attr:`~isgrid.engine.Result.current` selection:

* ``pv`` (level interne): composition and quorum, declarations of interest and
  déports (``conflicts`` of call.yaml and ``meeting.left_room``), the ranking
  with computed and decided outcomes side by side, every change of the journal
  with its reason and author, withdrawals and replacements, portfolio
  constraints, the envelope ±10 % table, the proposed list and the reserve,
  the money committed and left, the journal's head hash, and room for signatures;
* ``cp-annex`` (public content): holder, project, amount, rate (amount over
  eligible costs), total, and the reference of the deliberation; with a reference, the
  annex of that deliberation only (:mod:`.annex`).

Formats: HTML (templates ``report/pv.html.j2`` and ``report/cp-annex.html.j2``),
PDF (WeasyPrint, like the other reports, dates pinned) and DOCX (:mod:`.minutes_docx`, python-docx
imported lazily), so that the secretary can edit the minutes: A4, the call's language,
running header and page numbers (:mod:`.wordprocessing`).  DOCX files are
deterministic: core properties pinned to ``SOURCE_DATE_EPOCH`` (or 2000-01-01)
and the zip entries rewritten with that date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from ..build import generator
from ..call.interested import RECORDED, interested
from ..call.meeting import Meeting, Vote, load_meeting
from ..call.model import Call
from ..call.purge import CHAIR, SECRETARY
from ..engine import DossierResult, Result
from ..engine.consensus_effect import consensus_effects, yaml_consensus_effects
from ..engine.money import held_total
from ..engine.portfolio import standing_choices
from ..engine.status import awaiting_vote
from ..grid.model import Grid
from ..i18n import Translator, de_name, join_names, translator, words_variant
from ..jury.record import json_sha256
from .annex import annex_context
from .consensus_effect import effect_text, floor_crossing
from .deliberation import adopting, change_date, of_vote, ranking_amounts, zone_of
from .places import cited_text, place_text
from .pv_rules import pv_rules
from .quorum import left_room_lines, quorum_words
from .render import environment
from .stage import is_shortlist, stage_words
from .text import (
    computed_status,
    fmt_money,
    fmt_number,
    partial_vote,
    shown_total,
    stage_word,
    status_word,
    version_words,
)
from .typography import date_words, kept_with_arrow, moment_words, plural_form

MinutesKind = Literal["pv", "cp-annex"]
MinutesFormat = Literal["html", "pdf", "docx"]


def _fmt_value(x: Any, lang: str) -> str:
    if x is None:
        return "-"
    if isinstance(x, int | float) and not isinstance(x, bool):
        v = float(x)
        return fmt_number(v, lang, 0 if v.is_integer() else 1)
    return str(x)


def _held(d: DossierResult) -> float | None:
    """A retained dossier's money: granted by a decision, else proposed."""
    return d.amounts.held


#: a meeting's place written with its own preposition (« à l'Hôtel de Région, salle 2 »,
#: « au Conseil régional », « par visioconférence »): the opening sentence writes it as it
#: is, in either language (the place is the call's text); a bare name (a town,
#: « Strasbourg ») gets the catalog's « à »; « le »/« les » contract with it (« le Conseil
#: régional »: « au Conseil régional », « Le Mans »: « au Mans »)
_PREPOSITIONS = ("à ", "au ", "aux ", "en ", "dans ", "chez ", "sur ", "par ", "at ", "in ",
                 "on ", "by ")
_CONTRACTED = {"le ": "au ", "les ": "aux "}


def _opening_place(place: str, t: Any, lang: str) -> str:
    """The place in « Le comité s'est réuni le …{place}… » (:data:`_PREPOSITIONS`)."""
    head = place.casefold()
    if head.startswith(_PREPOSITIONS):  # « À l'Hôtel… » mid-sentence: « à l'Hôtel… »
        return " " + place[:1].lower() + place[1:]
    if lang != "en":
        for article, contracted in _CONTRACTED.items():
            if head.startswith(article):
                return " " + contracted + place[len(article):]
    return str(t("pv.opening.place", place=place))


#: an ISO day in a purge entry's reason (« … depuis le 2016-05-12 »)
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _at_words(when: str | None, source: str | None, t: Any, lang: str, zone: str | None
              ) -> str:
    """The « Date » cell of a change: its date in words (:func:`moment_words`, in the
    call's time zone ``zone``), followed, when the entry does not record it, by where it
    comes from (``source``: :func:`~isgrid.documents.deliberation.change_date`)."""
    if not when:
        return ""
    said = moment_words(when, lang, zone)
    return t(f"at.inferred.{source}", date=said) if source else said


def _change_reason(c: Mapping[str, Any]) -> str | None:
    """A journal entry's reason as the minutes quote it: as recorded, but a purge entry's,
    isgrid's own French words (« conservation 12 mois depuis le 2016-05-12 », written by
    ``isgrid call purge``), with its date in words, as the minutes write every date
    (:func:`.typography.date_words`: « depuis le 12 mai 2016 »)."""
    reason = c.get("reason")
    if c["kind"] != "purge" or not reason:
        return reason
    return _ISO_DAY.sub(lambda m: date_words(m.group(0), "fr"), reason)


def _change_text(c: Mapping[str, Any], t: Translator, lang: str, money: bool = True) -> str:
    """A journal entry in the minutes' history, a cancelled one marked as such."""
    text = _entry_text(c, t, lang, money)
    if c.get("cancelled_by") is not None:
        return str(t("change.cancelled", text=text, seq=c["cancelled_by"]))
    return text


def _entry_text(c: Mapping[str, Any], t: Translator, lang: str, money: bool = True) -> str:
    """``money``: False for a présélection's minutes, whose entries print no amount."""
    if c["kind"] == "cancellation":
        return str(t("change.cancellation", seq=c["cancels"]))
    if c["kind"] == "consensus":
        old = c["previous"] if c["previous"] is not None else c["raw"]
        return kept_with_arrow(t("change.consensus", criterion=c["criterion"],
                                 old=_fmt_value(old, lang), new=_fmt_value(c["value"], lang)))
    if c["kind"] == "withdrawal":
        return t("change.withdrawal")
    if c["kind"] == "purge":  # the whole call's, no stage nor outcome (it read « vote :
        return t("change.purge")  # outcome.None »)
    text = t("change.decision", stage=stage_word(c["stage"], lang),
             outcome=status_word(c["outcome"], lang))
    if c["amount"] is not None and money:
        text += f" ({fmt_money(c['amount'], lang)})"
    return text


def _by_out(call: Call, c: Mapping[str, Any]) -> tuple[str, str] | None:
    """(how, member) when ``c``, a consensus or a decision in effect, was recorded by a
    member who stayed out of its dossier's deliberation: the ``by-interested`` warning's
    rule (:func:`isgrid.call.interested.interested`); ``how``: ``recused``, ``interest``,
    ``interest_left`` or ``left``; None otherwise."""
    if c["kind"] not in RECORDED or not c.get("by") or c.get("cancelled_by") is not None:
        return None
    x = interested(call, c["dossier"], c["by"])
    if x is None:
        return None
    return ("recused" if x.recused else "interest_left" if x.interest and x.left
            else "interest" if x.interest else "left"), x.member


def _deliberations(result: Result, t: Translator, lang: str,
                   vote: Vote | None, money: bool = True) -> list[dict[str, Any]]:
    """Every decision and withdrawal of the journal in prose, in its order (what each
    deliberation voted, even when a later one changed it: a « réserve » voted before a
    « retenu »): the outcome, the amount (``money``: none for a présélection), the vote's
    counts, the deliberation of a vote
    (its own, else ``meeting.vote``'s: :func:`.deliberation.of_vote`) and the
    motivation (the minutes' « délibérations »); after the vote that adopted the list,
    the deliberation that adopted it (:func:`.deliberation.adopting`).  The decision on a
    dossier tied at the funding line after which the tie was settled (the engine's
    ``line_tie.settled``, :attr:`isgrid.engine.result.Tie.by` « decision ») says so, and
    between whom (« ; cette décision départage DN-201 et DN-229, ex æquo sur la ligne de
    financement »): a withdrawal that settled it is told in « Retraits ».  A stage's
    decision in force that goes against the proposal says « décidé ≠ proposé », as the
    ranking does (:func:`overridden_word`); one a later decision at the same stage replaced
    says by which (« ; remplacée par la décision de l'entrée 3 du journal »)."""
    out: list[dict[str, Any]] = []
    known = {d.id for d in result.dossiers}
    line = result.line_tie
    settled_at = (line["settled"]["seq"] if line is not None and line["settled"] is not None
                  and line["settled"]["dossier"] in line["tied"] else None)
    for x in result.decisions:
        if x["dossier"] not in known:
            continue
        d = result.dossier(x["dossier"])
        if x["kind"] == "withdrawal":
            out.append({"id": d.id, "seq": x["seq"], "motivation": None,
                        "text": t("pv.deliberation.withdrawal", id=d.id, title=d.title)})
            continue
        if x["kind"] != "decision":
            continue
        text = t("pv.deliberation", id=d.id, title=d.title,
                 outcome=status_word(x["outcome"], lang), stage=stage_word(x["stage"], lang))
        in_force = d.decision.stages.get(x["stage"])
        if in_force is not None and in_force.seq == x["seq"] and in_force.overridden:
            # the stage's decision in force goes against the proposal: the ranking's words
            text += t("pv.deliberation.overridden", word=overridden_word(lang))
        if x["amount"] is not None and x["outcome"] == "retenu" and money:
            text += t("pv.deliberation.amount", amount=fmt_money(x["amount"], lang))
        if x["votes"] is not None:
            v = x["votes"]
            text += t("pv.deliberation.votes", pour=v["pour"], contre=v["contre"],
                      abstention=t(f"pv.abstention.{plural_form(v['abstention'], lang)}",
                                   n=v["abstention"]))
        if x["stage"] == "vote":
            text += cited_text(of_vote(x["reference"], x["at"], vote, zone_of(result)),
                               "pv.deliberation.ref", t, lang)
        if x["seq"] == settled_at and line is not None:
            text += t("pv.deliberation.tie", tied=join_names(line["tied"], lang))
        if in_force is not None and in_force.seq > x["seq"]:
            # a later decision at the same stage replaced it (re-recorded with its
            # motivation, or the committee went back on it): said, never two in force
            text += t("pv.deliberation.replaced", seq=in_force.seq)
        text += "."
        out.append({"id": d.id, "seq": x["seq"], "text": text,
                    "motivation": t("pv.deliberation.motivation", motivation=x["motivation"])
                    if x["motivation"] else None})
    adopted = adopting(result, vote)
    if adopted is not None and result.adopted is not None:
        # just after the vote that adopted the list: the dossiers it decided with it
        at = next(i for i, x in enumerate(out) if x["seq"] == result.adopted.seq)
        out.insert(at + 1, {"id": None, "seq": result.adopted.seq, "motivation": None,
                            "text": t("pv.adopted") if not adopted.reference else
                            t("pv.adopted.ref", reference=adopted.reference,
                              date=date_words(adopted.date, lang)) if adopted.date else
                            t("pv.adopted.ref.nodate", reference=adopted.reference)})
    return out


def _notice(result: Result, t: Translator, lang: str) -> dict[str, Any]:
    """``decided`` (every status is a decision of the vote) and ``notice`` (what the
    statuses are, in a sentence; while the vote is under way, how many are decided)."""
    partial = partial_vote(result, t, "notice.partial", lang)
    if partial is None:
        return {"decided": result.voted, "notice": t("notice.decided" if result.voted
                                                     else "notice.proposition")}
    return {"decided": False, "notice": partial}


def build_minutes(call: Call, result: Result, kind: MinutesKind,
                  lang: str = "fr", envelope: dict[str, Any] | None = None,
                  reference: str | None = None, *,
                  effects_of: str | None = None,
                  step: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """The plain-data context of the minutes or the annex (documented in docs/decisions.md).

    ``result``: :func:`isgrid.engine.score`'s.  ``envelope``: the envelope ±10 % table
    (:func:`isgrid.analysis.envelope.envelope_table`), shown by the minutes.
    ``reference``: the annex of that deliberation only (:mod:`.annex`).  ``effects_of``:
    what the consensus values of that dossier only did (the access document; a pipeline
    run each, :mod:`isgrid.engine.consensus_effect`), None: of every dossier.  ``step``:
    told each consensus entry's effect worked out (done, total; a progress line)."""
    t = translator("decisions", lang)
    meeting: Meeting = load_meeting(call)
    facts = {d.id: d.facts for d in call.dossiers}
    # the minutes name the jury: internal; the CP annex lists laureates: public
    level = "public" if kind == "cp-annex" else "interne"
    base: dict[str, Any] = {
        "kind": kind, "lang": lang, "generator": generator(),
        "level": level, "level_text": translator("report", lang)(f"level.{level}"),
        "call": {"title": call.config.title, "grid": result.grid["id"],
                 "grid_version": version_words(result.grid["version"], lang),
                 "fictitious": bool(result.call.get("fictitious"))},
        "voted": result.voted,
        "meeting": meeting.model_dump(),
        # a présélection grants no money: its minutes print no amount (.stage)
        "money": not is_shortlist(call),
    }
    base.update(_notice(result, t, lang))
    now = result.current  # the proposal, or the decided selection once anything is decided
    if now is not None:
        retained = [result.dossier(i) for i in now.selected]
        reserve = [result.dossier(i) for i in now.reserve]
    else:  # no budget and no top: only decisions retain
        retained = [d for d in result.dossiers if d.selected is True]
        reserve = [d for d in result.dossiers if d.reserve]
    held = [_held(d) for d in retained]
    total = (now.committed if now is not None and now.committed is not None
             else held_total(held))  # the engine's exact sum, never a float one
    if kind == "cp-annex":
        base.update(annex_context(result, meeting, facts, list(zip(retained, held, strict=True)),
                                  total, t, lang, reference))
        return base
    # the result JSON as ``isgrid score --format json`` writes it, made once: the sha256
    # the minutes print (the record's result_sha256) and the constraints' words read it
    plain = result.to_json(encoded=True)
    names = {a.id: (a.name or a.id) for a in (call.config.assessors or [])}
    deports = [{"member": names.get(c.assessor, c.assessor), "dossier": c.dossier,
                "text": c.reason or ""} for c in call.config.conflicts]
    for i in meeting.interests:
        deports.append({"member": i.member, "dossier": i.dossier, "text": i.text or ""})
    # a member out of the room but not recused: her ratings count, and the table says it
    # beside the déports (review audit, finding 7), as the committee report does
    deports.extend({"member": who, "dossier": dossier, "text": text}
                   for who, dossier, text in left_room_lines(call, lang))
    deports.sort(key=lambda x: (x["dossier"], x["member"], x["text"]))
    ranking = []
    for d in result.dossiers:
        dec = d.decision
        jury, vote = dec.stages.get("jury"), dec.stages.get("vote")
        proposed, granted = ranking_amounts(result, d)
        ranking.append({
            "rank": d.rank, "id": d.id, "title": d.title, "total": d.total,
            # the total the rank follows beside it when the grid ranks with ranking
            # weights, as the committee report says it (text.shown_total)
            "ranking_total": d.ranking_total, "total_words": shown_total(d, lang),
            "verdict": d.verdict,
            "computed": computed_status(d),  # the proposal's status, never « non retenu »
            "jury": jury.outcome if jury is not None else None,
            "vote": vote.outcome if vote is not None else None,
            "status": str(d.status),
            # retained but not voted once the vote is recorded: a proposition still
            "awaiting": awaiting_vote(d.status, dec.stages, result.voted),
            # « attribué » once a vote granted it, the jury's amount « proposé » before;
            # a dossier that withdrew keeps what was proposed and voted for it (as its
            # deliberation's annex says)
            "proposed": proposed,
            "requested": d.amounts.requested,
            "granted": granted,
            "overridden": [f.split(":", 1)[1] for f in d.flags if f.startswith("overridden:")],
        })
    days = [change_date(c, meeting.vote, meeting.date, zone_of(result)) for c in result.changes]
    grid = call.grid.grid
    # a consensus that crossed its criterion's floor says so, and what it did to the
    # dossier's standing (.consensus_effect); an entry recorded by a member out of the
    # dossier's deliberation says so (call.interested)
    effects = consensus_effects(call, result, dossiers=None if effects_of is None
                                else [effects_of], step=step)
    outs = [_by_out(call, c) for c in result.changes]
    # ``act``: the entry without who recorded it (the applicant's access document quotes
    # it); ``by_out``: how its author stayed out of the deliberation, unnamed
    acts = [_change_text(c, t, lang, base["money"]) + floor_crossing(grid, c, t, lang)
            + effect_text(effects.get(c["seq"]), t, lang) for c in result.changes]
    changes = [dict(c, act=act, by_out=out[0] if out else None,
                    text=act + (t(f"change.by.{out[0]}", member=out[1]) if out else ""),
                    reason=_change_reason(c),
                    # in the call's time zone, as the workspace says its times; a date the
                    # entry does not record says where it comes from
                    at_words=_at_words(when, source, t, lang, call.config.timezone))
               for c, (when, source), act, out in zip(result.changes, days, acts, outs,
                                                      strict=True)]
    # call.yaml's consensus values, which replace the jurors' aggregate as the journal's
    # do but are not in it: the signed minutes listed the journal's only (review audit,
    # finding 8)
    scored = {d.id for d in result.dossiers} if call.config.consensus else set()
    yaml_effects = yaml_consensus_effects(call, result, dossiers=None if effects_of is None
                                          else [effects_of]) if scored else {}
    yaml_consensus = [_yaml_consensus_row(c, result, t, lang, grid, effect_text(
                          yaml_effects.get((c.dossier, c.criterion)), t, lang))
                      for c in call.config.consensus if c.dossier in scored]
    # each place freed told offer after offer, and the decision that settled its tie
    withdrawals = [dict(w, text=place_text(w, result, t, meeting.vote, withdrawal=True))
                   for w in result.withdrawals]
    refusals = [dict(x, text=place_text(x, result, t, meeting.vote, withdrawal=False))
                for x in result.refusals]
    budget = now.budget if now is not None else None
    remaining = now.remaining if now is not None else None
    present = [m.name for m in meeting.members if m.present]
    opening = t("pv.opening", call=call.config.title,
                date=t("pv.opening.date", date=date_words(meeting.date, lang))
                if meeting.date else "",
                place=_opening_place(meeting.place, t, lang) if meeting.place else "",
                chair=_opening_chair(meeting.chair, t) if meeting.chair else "")
    base.update(
        has_meeting=call.config.meeting is not None,
        date_words=date_words(meeting.date, lang) if meeting.date else None,
        opening=opening,
        # the chair and the secretary as the composition and the signatures show them
        offices={"chair": _office_holder(meeting.chair, CHAIR, t),
                 "secretary": _office_holder(meeting.secretary, SECRETARY, t)},
        present_text=t("pv.present", n=len(present), names=", ".join(present))
        if present else t("pv.present.none"),
        deliberations=_deliberations(result, t, lang, meeting.vote, base["money"]),
        present=present,
        absent=[m.name for m in meeting.members if not m.present],
        # the meeting's quorum, and each dossier deliberated below it (documents.quorum)
        **quorum_words(call, meeting, lang),
        deports=deports, ranking=ranking, changes=changes, withdrawals=withdrawals,
        yaml_consensus=yaml_consensus,
        # a stage decided against isgrid's proposal, in words in every format (red alone
        # was lost in print, to a screen reader and in Word: review audit, finding 6)
        **_overridden_words(ranking, t, lang),
        # the list the vote adopted (Result.list_voted, as the committee report reads it),
        # else the jury's proposal still
        list_title=t("h.list.adopted" if result.list_voted else "h.list"),
        refusals=refusals,
        retained=[{"id": d.id, "title": d.title, "amount": float(x or 0.0)}
                  for d, x in zip(retained, held, strict=True)],
        retained_total=total,
        # each with its position, shared by the tied (the engine's: Result.reserve_position)
        reserve=[{"id": d.id, "title": d.title, "amount": d.amounts.proposed,
                  "position": (p := result.reserve_position(d) or (i, 1))[0],
                  "tied": p[1] > 1} for i, d in enumerate(reserve, 1)],
        budget=budget,
        committed=total if budget is not None else None,
        remaining=remaining,
        budget_line=None if budget is None or remaining is None else translator(
            "report", lang)("budget.line", budget=fmt_money(budget, lang),
                            spent=fmt_money(total, lang), remaining=fmt_money(remaining, lang)),
        # as the decisions leave them (the engine's evaluation), and the walk's reasons
        # still true of the decided selection
        **_constraints(result, plain, lang),
        # the rules applied and the walk of the envelope (review s15 recours F10)
        **pv_rules(call, result, lang),
        envelope=envelope,
        journal={"entries": result.journal.entries, "head": result.journal.head,
                 "voted": result.journal.voted},
        # beside the journal's head, what anchors the rest (ratings, call.yaml, dossiers,
        # grid): the signed PV anchored the journal only (review audit, finding 4)
        result_digest=t("result.digest", sha=json_sha256(plain)),
    )
    return base


def _yaml_consensus_row(c: Any, result: Result, t: Translator, lang: str,
                        grid: Grid, effect: str = "") -> dict[str, Any]:
    """A consensus value of call.yaml as a row of the minutes' changes table: « call.yaml »
    for its number, its change from the jurors' aggregate (« consensus ALS-5 : 2,7 → 3 »)
    and what it did (``effect``: :func:`.consensus_effect.effect_text`), its reason and who
    set it; no date (call.yaml keeps none)."""
    cell = result.dossier(c.dossier).criteria.get(c.criterion)
    entry = {"kind": "consensus", "criterion": c.criterion, "value": c.value,
             "previous": None, "raw": cell.raw if cell is not None else None}
    return {"seq": t("changes.call_yaml"), "dossier": c.dossier,
            "text": _entry_text(entry, t, lang) + floor_crossing(grid, entry, t, lang)
            + effect, "reason": c.reason, "by": c.by or "-",
            "at_words": ""}


def _constraints(result: Result, plain: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``constraints`` (as the decisions leave them) and ``constraint_choices`` (the walk's
    reasons the decided selection still bears out, :func:`standing_choices`), as data in
    ``lang``: taken from the result JSON ``plain`` already made when it is in ``lang`` (the
    call's), not encoded a second time (at 20,000 dossiers with quotas, 13,000 choices)."""
    if result.constraints is None:
        return {"constraints": [], "constraint_choices": []}
    standing = standing_choices(result)
    made = plain.get("constraints")
    # the JSON says them in the call's language and the ordinary words (Result.to_json): in
    # another language, or a présélection's words (.stage), made here
    if made is None or lang != result.json_lang or words_variant() is not None:
        return {"constraints": [c.to_json(lang) for c in result.constraints.decided],
                "constraint_choices": [c.to_json(lang) for c in standing]}
    at = {id(c): i for i, c in enumerate(result.constraints.choices)}
    return {"constraints": made["decided"],
            "constraint_choices": [made["choices"][at[id(c)]] for c in standing]}


def overridden_word(lang: str) -> str:
    """« décidé ≠ proposé », "not as proposed": a stage's decision against the proposal
    (the engine's ``overridden:<stage>``), in the words of the séance's tables."""
    return str(translator("seance", lang)("short.overridden"))


def _overridden_words(ranking: list[dict[str, Any]], t: Translator,
                      lang: str) -> dict[str, str | None]:
    """``overridden_word``, the tables' words for a decision against the proposal
    (« décidé ≠ proposé », as ``isgrid decisions`` and the séance's tables say it), and
    ``overridden_legend``, the sentence under the ranking that says what they mean (None
    when no row has one)."""
    word = overridden_word(lang)
    legend = (t("ranking.overridden.legend", word=word)
              if any(r["overridden"] for r in ranking) else None)
    return {"overridden_word": word, "overridden_legend": legend}


def _office_holder(name: str | None, office: str, t: Translator) -> str:
    """The chair's or the secretary's name; after ``isgrid call purge``, which writes the
    office's label in its place (:data:`isgrid.call.purge.CHAIR`, ``SECRETARY``), that no
    name is left: the signatures read « Présidence : nom retiré par la purge des données
    personnelles », not « Présidence : Présidence de séance » (in English too)."""
    if not name:
        return ""
    return t("meeting.purged") if name == office else name


def _opening_chair(chair: str, t: Translator) -> str:
    """« , sous la présidence de Mme Schaeffer, »; after ``isgrid call purge`` the chair is
    the office's label (:data:`isgrid.call.purge.CHAIR`, « Présidence de séance »), which
    reads « , sous la présidence de séance, » (never « de Présidence de séance »)."""
    if chair == CHAIR:
        return t("pv.opening.chair.office")
    return t("pv.opening.chair", chair=chair, de_chair=de_name(chair))


def _env(lang: str, template_dir: Path | None) -> Any:
    env = environment(template_dir, lang=lang)
    env.globals["t"] = translator("decisions", lang)
    env.filters["value"] = lambda x: _fmt_value(x, lang)
    # a total as every ranking writes it: one decimal (« 75,0 » beside « 56,0 », not « 75 »)
    env.filters["total"] = lambda x: fmt_number(x, lang)
    return env


def render_minutes(call: Call, result: Result, kind: MinutesKind,
                   fmt: MinutesFormat = "html", *, lang: str | None = None,
                   template_dir: Path | None = None,
                   envelope: dict[str, Any] | None = None,
                   reference: str | None = None,
                   step: Callable[[int, int], None] | None = None) -> bytes:
    """The minutes or the annex as HTML, PDF or DOCX bytes (deterministic).

    ``lang`` None: the call's ``lang`` (French unless call.yaml says otherwise);
    ``reference``: the annex of that deliberation only; ``step``: :func:`build_minutes`'s."""
    lang = lang or call.config.lang
    with stage_words(call):  # a présélection's words (.stage)
        ctx = build_minutes(call, result, kind, lang, envelope, reference, step=step)
        if fmt == "docx":
            from .minutes_docx import to_docx

            return to_docx(ctx)
        html: str = _env(lang, template_dir).get_template(f"report/{kind}.html.j2").render(
            **ctx)
    if fmt == "pdf":
        from .pdf import html_to_pdf

        return html_to_pdf(html)
    return html.encode("utf-8")
