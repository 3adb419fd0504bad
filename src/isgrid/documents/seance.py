"""The president's séance view: the typed model behind ``isgrid watch`` and the tableau
de séance (``isgrid report --kind seance``), and the committee report's zone grise.

:func:`build_seance` turns (call, result) into a :class:`Seance`: the funded list in rank
order with a running total against the envelope after every dossier (an overrun is a
flag on the line where it happens, and on the whole view), the funding line and the
reserve, the zone grise (:func:`isgrid.analysis.zone.zone_grise`, the one rule, turned
into words by :func:`grey_items`), the « décisions à prendre » and, in the
current-dossier mode, the dossier under discussion with the members déportés who must
leave.  A member's view (``member``) of a dossier they are déporté for says so and
hides that dossier's ratings and total.  Templates show these fields; they compute
nothing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from ..build import generator
from ..call.model import Call
from ..engine import DossierResult, Result
from ..engine.money import Tally, less
from ..engine.status import is_proposed
from ..i18n import translator
from ..messages import Message, Quote, did_you_mean, translate_message
from ..vocabulary import Status
from . import dossier_models as dm
from . import models as m
from .agenda import PASSED_OVER
from .context import Builder
from .dossier_models import Ctx
from .passed_over import passed_over
from .portfolio import constraint_lines, portfolio_codes
from .seancetext import MISSING, seance_translator
from .stage import stage_words
from .text import fmt_money, fmt_number, ranks_by_ranking_total, role_word, shown_total
from .tiebreak import TIE_BROKEN, above_words, jury_words, parted

#: The CSS class of a row, by status: a fixed mapping, never the status text (the
#: class attribute splits on spaces: « non retenu » would match ``tr.retenu``).
STATUS_CLASS: dict[str, str] = {
    Status.A_VERIFIER: "st-a-verifier", Status.IRRECEVABLE: "st-irrecevable",
    Status.INCOMPLET: "st-incomplet", Status.CLASSE: "st-classe",
    Status.NON_CLASSE: "st-non-classe", Status.RETENU: "st-retenu",
    Status.RESERVE: "st-reserve", Status.NON_RETENU: "st-non-retenu",
    Status.RETIRE: "st-retire", Status.AJOURNE: "st-ajourne",
}


class SeanceLine(Ctx):
    """One dossier of the funded list (or of the reserve), with the running total."""

    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title (untrusted text).")
    rank: int | None = Field(description="Rank, or None.")
    status_label: str = Field(description="Status in words.")
    css: str = Field(description="The status's CSS class (a fixed mapping).")
    amount: float | None = Field(description="Granted once decided, else proposed.")
    decided: bool = Field(description="A decision is recorded for this dossier.")
    overridden: bool = Field(False, description="A decision of it goes against the proposal "
                             "(the engine's ``overridden:<stage>`` flag): « décidé ≠ proposé ».")
    cumulative: float | None = Field(
        description="Funded list: the money committed down to this dossier included.")
    left: float | None = Field(description="Funded list: the envelope minus the cumulative.")
    over: bool = Field(description="The cumulative exceeds the envelope at this dossier.")


class CriterionValue(Ctx):
    """A criterion of the dossier under discussion."""

    id: str = Field(description="Criterion id.")
    label: str = Field(description="Criterion label.")
    value: float | None = Field(description="Aggregate or consensus value.")
    floor: float | None = Field(description="The floor, if any.")
    below_floor: bool = Field(description="The value misses the floor.")


class Current(Ctx):
    """The dossier under discussion (current-dossier mode)."""

    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title.")
    rank: int | None = Field(description="Rank, or None.")
    status_label: str = Field(description="Status in words.")
    total: float | None = Field(description="Total (None when hidden).")
    total_words: str | None = Field(
        None, description="The total as every ranking shows it (None when hidden): with "
        "ranking weights, the ranking total beside it (« 77,4 · pour le classement 69,6 »).")
    leave: list[str] = Field(description="Names of the members déportés for it.")
    you_leave: bool = Field(description="The member whose view this is is déporté for it.")
    hidden: bool = Field(description="Its ratings are hidden from this view (a déport).")
    criteria: list[CriterionValue] = Field(description="Its criteria (empty when hidden).")
    grey: list[str] = Field(description="Why it is in the zone grise, in words.")
    quorum_short: str | None = Field(
        None, description="The quorum is not reached without the members out of the room "
                          "for it, in words (isgrid.documents.quorum.short_text).")


class Seance(Ctx):
    """The president's séance view: everything the dashboard and the tableau show."""

    title: str = Field(description="The call's title.")
    lang: Literal["fr", "en"] = Field(description="Language.")
    generator: str = Field(description="'isgrid <version> (code <fingerprint>)'.")
    decided: bool = Field(description="A decision or withdrawal is recorded.")
    budget: float | None = Field(description="The envelope (None without one).")
    committed: float | None = Field(description="Money committed now (granted, else proposed).")
    remaining: float | None = Field(description="What is left of the envelope.")
    over: float | None = Field(description="By how much the envelope is exceeded (None: not).")
    funded: list[SeanceLine] = Field(description="The funded list now, rank order.")
    reserve: list[SeanceLine] = Field(description="The reserve list now, in order.")
    line_before: str | None = Field(description="The dossier the funding line is drawn above.")
    no_line: str | None = Field(
        None, description="Without a funding line (isgrid.analysis.zone.no_line), the "
                          "sentence written where it would be.")
    zone_grise: list[m.GreyItem] = Field(description="The zone grise, in words.")
    todo: list[str] = Field(description="Décisions à prendre, one sentence each.")
    current: Current | None = Field(description="The dossier under discussion, if set.")
    current_unknown: str | None = Field(
        None, description="The dossier under discussion named is none of the call's: "
                          "what the page says of it (:func:`unknown_current`).")
    member: str | None = Field(description="Whose view this is (a member's name), if any.")
    hidden: list[str] = Field(
        description="Dossiers whose ratings this view hides (the member's déport, current).")
    money: bool = Field(
        True, description="The view shows money: False for a présélection, which grants none "
                          "(documents.stage): no amount, running total nor what is left.")
    portfolio: list[str] = Field(
        default_factory=list,
        description="The portfolio constraints as the jury's proposal left them, then each "
                    "dossier a maximum left out or a minimum took before better-ranked ones, "
                    "one sentence each (documents/portfolio.py).")


def grey_items(b: Builder, call: Call, result: Result) -> list[m.GreyItem]:
    """The zone grise (:func:`isgrid.analysis.zone.zone_grise`) in words."""
    from ..analysis.zone import zone_grise

    st = seance_translator(b.lang)
    out = []
    for g in zone_grise(call, result, b.floor_edges()):
        d = b.by_id[g.id]
        words: list[str] = []
        # the line between equal totals: the call's tie-break ordered them, in the words
        # the letter says it to the applicant (.tiebreak), said beside the line's
        broken = jury_words(b, d) if d.id in parted(b) else above_words(b, d.id)
        codes = list(g.reasons) + ([TIE_BROKEN] if broken is not None else [])
        for code in g.reasons:
            if code == "floor-edge":
                for e in g.floor_edges:
                    label = b.crit[e.criterion].label if e.criterion in b.crit else e.criterion
                    words.append(st(f"grey.floor-{e.direction}", label=label,
                                    value=_n(e.value, b.lang), floor=_n(e.floor, b.lang),
                                    after=_n(e.after, b.lang)))
            elif code == "to-check":  # the eligibility, the amount, or both
                rules, facts = _unknown(b, d)
                if rules or not facts:
                    words.append(st("grey.to-check", what=rules) if rules
                                 else st("grey.to-check-none"))
                if facts:
                    words.append(st("grey.to-check-amount", what=facts))
            elif code == "tie":  # who settles it: the engine's reading (Result.tie)
                tie = result.tie(d)
                words.append(st("grey.tie.vote" if tie is not None and tie.stage == "vote"
                                else "grey.tie"))
            else:
                words.append(st(f"grey.{code}"))
                if code in ("line-above", "line-below") and broken is not None:
                    words.append(broken)
                    broken = None
        if broken is not None:
            words.append(broken)
        out.append(m.GreyItem(id=d.id, title=d.title, rank=d.rank,
                              status_label=b.status_of(d), codes=codes, reasons=words))
    return _with_passed_over(b, result, out)


def passed_over_words(b: Builder, agenda: list[m.AgendaItem]) -> list[m.AgendaItem]:
    """The order of discussion with its reason for a dossier a repêchage passed over
    (:mod:`.passed_over`; the agenda's ``passed-over``), which the Builder does not word."""
    ids = set(passed_over(b.result))
    if not ids:
        return agenda
    said = seance_translator(b.lang)("agenda.reason.passed-over")
    return [x.model_copy(update={"why": [*x.why, said]}) if x.id in ids else x
            for x in agenda]


def _with_passed_over(b: Builder, result: Result, items: list[m.GreyItem]
                      ) -> list[m.GreyItem]:
    """The zone grise and the dossiers a repêchage passed over (:mod:`.passed_over`):
    above the line, unfunded, « classé au-dessus d'un dossier repêché » (review s15
    audition F7), in rank order among the others."""
    ids = passed_over(result)
    if not ids:
        return items
    said = seance_translator(b.lang)("grey.passed-over")
    out = list(items)
    for did in ids:
        at = next((i for i, g in enumerate(out) if g.id == did), None)
        if at is not None:  # already there: one more reason
            g = out[at]
            out[at] = g.model_copy(update={"codes": [*g.codes, PASSED_OVER],
                                           "reasons": [*g.reasons, said]})
            continue
        d = b.by_id[did]
        # before the first item ranked after it, the zone's own order kept
        at = next((i for i, g in enumerate(out) if g.rank is None
                   or (d.rank is not None and g.rank > d.rank)), len(out))
        out.insert(at, m.GreyItem(id=d.id, title=d.title, rank=d.rank,
                                  status_label=b.status_of(d), codes=[PASSED_OVER],
                                  reasons=[said]))
    return out


def _unknown(b: Builder, d: DossierResult) -> tuple[str, str]:
    """What is still to check for a dossier: ``(rules, facts)``, the eligibility rules and
    eliminatory criteria by their labels (a criterion a role rates, the grid's
    ``rated_by``, with its id and that role, as the committee report's flag says it,
    ``flag.unknown-rated-by``: « La démarche comporte une part de risque (ALS-E1), noté
    par le rôle instructeur »), then the facts the amount needs (``unknown:eligible_costs``:
    the amount is to check, not the eligibility); "" for none."""
    st = seance_translator(b.lang)

    def said(key: str) -> str:
        label = b.rule(key, "unknown").label
        role = b.grid.rated_by(key)
        if role is None:
            return label
        return st("unknown.rated-by", label=label, id=key,
                  role=role_word(role, b.lang, article=True))

    # the engine's reading of the values still to check (DossierResult.unknown_keys): a
    # key the eligibility does not hold is a fact the money needs
    keys = d.unknown_keys()
    return (", ".join(dict.fromkeys(said(k) for k in keys if k in d.eligibility)),
            ", ".join(dict.fromkeys(said(k) for k in keys if k not in d.eligibility)))


def _n(x: float | None, lang: str) -> str:
    if x is None:
        return "-"
    return fmt_number(x, lang, 0 if float(x).is_integer() else 2)


def flag_legend(b: Builder, lines: list[dm.DossierLine]) -> list[m.LegendItem]:
    """The ranking's legend: every short flag used, then every criterion or rule id
    the short flags name, with its label.  A flag whose short word is its whole meaning
    (« ex æquo », « irrecevable », « à vérifier ») is explained in the séance catalog's
    ``legend.*`` words (it read « ex æquo — ex æquo »); an entry saying nothing more than
    its term is left out."""
    st = seance_translator(b.lang)
    # a tie at equal ranking totals when the grid ranks with its ranking weights
    ranking = ".ranking" if ranks_by_ranking_total(b.result) else ""
    heads: dict[str, str] = {}
    ids: dict[str, str] = {}
    for line in lines:
        for f in line.flags:
            head, _, arg = f.code.partition(":")
            if head not in heads:
                key, explained = f"flag.{head}", f"legend.{head}"
                if ranking and st(explained + ranking) != explained + ranking:
                    explained += ranking
                meaning = st(explained) if st(explained) != explained else b.t(key, arg="")
                heads[head] = meaning.rstrip(" :\u202f\xa0") if meaning != key else f.text
            if arg in b.crit:
                ids[arg] = b.crit[arg].label
            elif arg in b.rule_label:
                ids[arg] = b.rule_label[arg]
    out = []
    for head, meaning in heads.items():
        short = f"short.{head}"
        if ranking and st(short + ranking) != short + ranking:
            short += ranking  # as FlagParts._short says it
        if head == MISSING:  # « noté par … jurés sur … »: its two counts, placeholders
            term = st(short)
        else:
            term = st(short, arg="…").replace(" …", "").replace(" : …", "") \
                if short != st(short) else head
        term = term.rstrip(" :\u202f\xa0")
        if term.casefold() != meaning.casefold():  # « à vérifier — à vérifier » says nothing
            out.append(m.LegendItem(term=term, meaning=meaning))
    out += [m.LegendItem(term=i, meaning=label) for i, label in sorted(ids.items())]
    return out


def _line(b: Builder, did: str, cumulative: float | None = None,
          budget: float | None = None) -> SeanceLine:
    d = b.by_id[did]
    amount = d.amounts.held if is_proposed(d.status) or d.decision.outcome else None
    if b.shortlist:  # a présélection grants no money (.stage)
        amount = None
    # what is left, in decimal (engine.money.less): never a float difference, which
    # showed « DÉPASSEMENT 0 € » on a budget spent to the cent
    left = less(budget, cumulative) if budget is not None and cumulative is not None else None
    return SeanceLine(
        id=d.id, title=d.title, rank=d.rank, status_label=b.status_of(d),
        css=STATUS_CLASS.get(d.status, "st-other"),
        amount=float(amount) if amount is not None else None,
        decided=d.decision.outcome is not None, cumulative=cumulative, left=left,
        overridden=any(f.startswith("overridden:") for f in d.flags),
        over=left is not None and left < 0)


def build_seance(call: Call, result: Result, lang: str = "fr", *,
                 dossier: str | None = None, member: str | None = None,
                 builder: Builder | None = None,
                 grey: list[m.GreyItem] | None = None) -> Seance:
    """The séance view of a scored call (module docstring).

    ``dossier``: the dossier under discussion (current-dossier mode; an unknown id is
    ignored); ``member``: an assessor id, whose view this is (their déports hidden).
    ``builder`` (the committee report's, interne, in ``lang``) and ``grey``
    (:func:`grey_items` of that builder): made once when several views of one result
    are built (``isgrid watch``: the projected view and every member's), else here."""
    b = builder if builder is not None else Builder(call, result, "committee", "interne", lang)
    return seance_view(seance_base(call, result, lang, b, grey), call, b,
                       dossier=dossier, member=member)


def seance_base(call: Call, result: Result, lang: str, b: Builder,
                grey: list[m.GreyItem] | None = None) -> Seance:
    """What every view of one result shows alike: the funded list, the reserve, the
    money, the zone grise, the décisions à prendre; no member, no dossier under
    discussion (:func:`seance_view` adds them).  Made once for the projected view and
    every member's (``isgrid watch``: a national call's funded list is thousands of
    lines)."""
    st = seance_translator(lang)
    now = result.current
    budget = now.budget if now is not None else None
    funded: list[SeanceLine] = []
    # the running total, summed exactly as the engine sums the selection's money
    # (engine.money.Tally: its last line is the result's ``committed``), never in floats
    running = Tally()
    for did in (now.selected if now is not None else ()):
        running.put(float(b.by_id[did].amounts.held or 0))
        funded.append(_line(b, did, None if b.shortlist else running.total(), budget))
    reserve = [_line(b, did) for did in (now.reserve if now is not None else ())]
    committed = now.committed if now is not None and not b.shortlist else None
    remaining = now.remaining if now is not None else None
    over = None
    if budget is not None and committed is not None and less(committed, budget) > 0:
        over = less(committed, budget)
    if grey is None:
        grey = grey_items(b, call, result)
    todo = _todo(b, result, st, grey, over, budget, committed)
    line_before = b.line_before()
    return Seance(
        title=call.config.title, lang="en" if lang == "en" else "fr",
        generator=generator(), decided=bool(now is not None and now.decided),
        budget=budget, committed=committed, remaining=remaining, over=over,
        funded=funded, reserve=reserve, line_before=line_before, no_line=b.no_line(),
        zone_grise=grey,
        todo=todo, current=None, member=None, hidden=[], money=not b.shortlist,
        portfolio=_portfolio(b, result))


def _portfolio(b: Builder, result: Result) -> list[str]:
    """Section « Contraintes de portefeuille » of the board: each constraint's state, then
    why a dossier above the line is not proposed or a lower-ranked one is (the
    committee report's flags: :func:`.portfolio.portfolio_codes`)."""
    if result.constraints is None:
        return []
    out = constraint_lines(result, b.t, b.lang)
    for d in result.dossiers:
        for code in portfolio_codes(result, d):
            out.append(f"{d.id} — {b.flag(code).text}")
    return out


def seance_view(base: Seance, call: Call, b: Builder, *, dossier: str | None = None,
                member: str | None = None) -> Seance:
    """``base`` (:func:`seance_base`) as ``member`` sees it (their déports hidden), with
    the dossier under discussion ``dossier``; ``base`` itself when neither is given."""
    if member is None and dossier is None:
        return base
    deported: dict[str, list[str]] = {}
    for cf in call.config.conflicts:
        deported.setdefault(cf.dossier, []).append(cf.assessor)
    hidden = sorted(did for did, who in deported.items() if member in who) \
        if member is not None else []
    current = None
    if dossier is not None and dossier in b.by_id:
        d = b.by_id[dossier]
        you = member is not None and member in deported.get(dossier, [])
        crits = [] if you else [
            CriterionValue(id=c.id, label=c.label, value=d.criteria[c.id].value,
                           floor=float(c.floor) if c.floor is not None else None,
                           below_floor=f"below-floor:{c.id}" in d.flags)
            for c in b.grid.criteria() if not c.eliminatory and c.id in d.criteria]
        current = Current(
            id=d.id, title=d.title, rank=d.rank, status_label=b.status_of(d),
            total=None if you or d.total is None else float(d.total),
            total_words=None if you or d.total is None else shown_total(d, b.lang),
            leave=[b.name(a) for a in sorted(deported.get(dossier, []))], you_leave=you,
            hidden=you, criteria=crits,
            grey=next((g.reasons for g in base.zone_grise if g.id == dossier), []),
            quorum_short=_quorum_short(call, dossier, deported.get(dossier, []), b.lang))
    unknown = unknown_current(dossier, b.by_id) if current is None else None
    return base.model_copy(update={
        "current": current, "member": b.name(member) if member is not None else None,
        "hidden": hidden,
        "current_unknown": translate_message(unknown, b.lang) if unknown else None})


def _quorum_short(call: Call, dossier: str, recused: list[str], lang: str) -> str | None:
    """The dossier under discussion below the quorum once its recused members have left
    the room (and those call.yaml's ``meeting.left_room`` names), in the minutes' words."""
    from .quorum import short_text

    meeting = call.config.meeting
    short = meeting.short_for(dossier, recused) if meeting is not None else None
    return short_text(short, lang) if short is not None else None


#: The fields of :class:`Seance` that :func:`seance_view` sets for one view.
VIEW_FIELDS = ("current", "member", "hidden", "current_unknown")


def unknown_current(dossier: str | None, ids: Any) -> Message | None:
    """What to say when the dossier under discussion named (``isgrid watch``'s current
    dossier file, or ``--dossier``) is none of the call's ``ids``: the séance pages show
    no dossier under discussion and send no recused member out, and a mistyped id
    (« al16-01 », « AL16-1 ») must not pass in silence.  Matched exactly, as every command
    reads a typed id (:func:`isgrid.call.dossier_facts.typed_id`: its spaces left out),
    with the same « Did you mean …? » (:func:`isgrid.messages.did_you_mean`).  None when
    the id is the call's or none is named.  The one text of the page and the terminal."""
    if not dossier or dossier in ids:
        return None
    return Message("The dossier under discussion {dossier} is not a dossier of the call: "
                   "no dossier is shown under discussion and no recused member is asked to "
                   "leave the room. {hint}", dossier=Quote(dossier),
                   hint=did_you_mean(dossier, ids) or Message(
                       "Write one of the ids of the ranking."))


def _todo(b: Builder, result: Result, st: Any, grey: list[m.GreyItem], over: float | None,
          budget: float | None, committed: float | None) -> list[str]:
    out: list[str] = []
    lang = b.lang
    if over is not None:
        out.append(st("todo.overrun", committed=fmt_money(committed, lang),
                      budget=fmt_money(budget, lang), over=fmt_money(over, lang)))
    # a dossier the vote decided, its own vote or the adoption of the list, has no
    # decision waiting (review s18 F5: the floors of dossiers the adopted list left out
    # were still « à prendre »): the engine's one rule, Result.decided_by_vote
    for d in result.dossiers:
        if d.decision.outcome is not None or result.decided_by_vote(d):
            continue
        if result.tie_open(d):  # a tie a decision settled is no more to settle
            out.append(st("todo.tie", id=d.id))
        if d.status == Status.A_VERIFIER:
            rules, facts = _unknown(b, d)
            if rules or not facts:
                out.append(st("todo.to-check", id=d.id, what=rules or "-"))
            if facts:
                out.append(st("todo.to-check-amount", id=d.id, what=facts))
    for g in grey:
        g_d = b.by_id[g.id]
        if "floor-edge" in g.codes and g_d.decision.outcome is None \
                and not result.decided_by_vote(g_d):
            out.append(st("todo.floor", id=g.id))
    # the selection's dossiers (retenu, réserve) whose status no vote decided yet: the
    # engine's one rule (Result.decided_by_vote), as every other document reads it
    waiting = [d.id for d in result.dossiers
               if d.status in (Status.RETENU, Status.RESERVE)
               and not result.decided_by_vote(d)]
    if waiting:
        key = "todo.vote.one" if len(waiting) == 1 else "todo.vote.other"
        out.append(st(key, n=len(waiting), ids=", ".join(waiting)))
    return out


@lru_cache(maxsize=8)
def seance_environment(lang: str, template_dir: Path | None = None) -> Any:
    """The Jinja environment of the séance pages (report catalogs as ``t``, ``rt``, ``st``).

    One per language (and template folder) for the process: Jinja compiles each template
    once per environment, and ``isgrid watch`` renders the projected view and every
    member's at each change (compiling them again took most of a rebuild).  Jinja
    reloads a template whose file changed."""
    from .render import environment

    env = environment(template_dir, lang=lang)
    env.globals["t"] = translator("decisions", lang)
    env.globals["rt"] = translator("report", lang)
    env.globals["st"] = seance_translator(lang)
    return env


def render_seance(call: Call, result: Result, fmt: str = "html", *, lang: str | None = None,
                  dossier: str | None = None, template_dir: Path | None = None) -> bytes:
    """The one-page A4 « tableau de séance » (``report/seance.html.j2``), HTML or PDF."""
    lang = lang or call.config.lang
    with stage_words(call):  # a présélection's words (.stage)
        seance = build_seance(call, result, lang, dossier=dossier)
        env = seance_environment(lang, template_dir)
        data = seance.model_dump()
        if fmt == "pdf":
            from .pdf import html_to_pdf, soften

            return html_to_pdf(env.get_template("report/seance.html.j2").render(
                seance=soften(data), lang=lang))
        html: str = env.get_template("report/seance.html.j2").render(seance=data, lang=lang)
    return html.encode("utf-8")
