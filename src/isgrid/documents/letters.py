"""The applicants' letters: an evaluation summary per dossier (communicable).

A letter reads the typed :class:`~isgrid.engine.Result` (through the
:class:`~isgrid.documents.context.Builder`) and the call's ``letters`` block
(docs/calls.md), and says, in plain words:

* the outcome, and the amount « proposé » (before the vote) or « attribué »
  (after it);
* every rated criterion's score against its floor, with the jurors' comments
  they marked **shareable** (the ``shareable`` column of the ratings files),
  never their names, never a comment not so marked, never a consensus reason;
* the total against the threshold and the funding line (the lowest total
  funded), and the reason in plain words: below a floor, below the threshold,
  below the funding line for lack of money, a missing document (named);
* the decision's **motivation** (``isgrid decide --motivation``), the
  committee's synthesis (``meeting.syntheses``);
* the date (in words), the deliberation's reference (the dossier's own, recorded with
  its vote, else ``meeting.vote``'s: :mod:`.deliberation`), the signatory, the next
  steps, and, once decided, the « voies et délais de recours ».

Nothing here computes a rule: statuses, flags, totals and amounts are the
result's.
"""

from __future__ import annotations

from typing import Any

from ..engine import DossierResult
from ..engine.places import retained_apart, tie_settled_by
from ..grid.model import Grid
from ..vocabulary import EPS, Status
from . import dossier_models as dm
from .context import Builder
from .deliberation import deliberation, zone_of
from .letter_grounds import legal_basis, money_reason
from .letter_stage import shortlist, staged

# the mail merge, in its own module (:mod:`.letters_merge`): its names read here as before
from .letters_merge import MERGE_COLUMNS as MERGE_COLUMNS
from .letters_merge import MERGE_COLUMNS_EN as MERGE_COLUMNS_EN
from .letters_merge import letters_csv as letters_csv
from .letters_merge import letters_csv_pieces as letters_csv_pieces
from .passed_over import lowest_repeche
from .places import promotions, retained_after
from .portfolio import (
    Why,
    constraint_label,
    is_envelope,
    over_top,
    passed_by,
    portfolio_why,
)
from .text import first_said, fmt_exact, fmt_money, fmt_number, role_word, stage_word, verdict_word
from .tiebreak import Line, funding_line, letter_words
from .typography import continued, date_words, inner_quotes, ordinal, quoted

STRONG = 0.75  # normalised value from which a criterion is a strength
WEAK = 0.5  # below this, a point to improve


def _n(x: Any, lang: str) -> str:
    if x is None:
        return "-"
    v = float(x)
    return fmt_number(v, lang, 0 if v.is_integer() else 1)


def reasons(b: Builder, d: DossierResult) -> list[str]:
    """The reasons behind a dossier's outcome, in plain words (no code, no name).  A
    withdrawn dossier's outcome has one, the applicant's request, which the outcome says:
    no rank (« 1st of 29 » beside « withdrawn » reads as a question), no piece to send."""
    if d.status == Status.RETIRE:
        return []
    t = b.t
    out: list[str] = []
    # once decided, a missing piece is a reason of the decision, no more a request for it
    decided = ".decided" if d.decision.outcome is not None else ""

    def unknown(key: str) -> str:
        """An unknown value in words: a piece the applicant sends, or a criterion a role
        rates (the grid's ``rated_by``: an instructor's eligibility), an internal
        assessment awaited, for which nothing is asked of the applicant."""
        label = continued(b.rule(key, "unknown").label, b.lang)  # after « : »
        role = b.grid.rated_by(key)
        if role is None:
            return t(f"reason.unknown{decided}", label=label)
        # who examines it in the holder's words (« par le service instructeur »), never
        # the tool's roles (« rôle instructeur » read as jargon)
        by = t(f"reason.by.{role}")
        return t(f"reason.unknown.rated{decided}", label=label,
                 by=by if by != f"reason.by.{role}" else role_word(role, b.lang))

    # the values still to check (the engine's reading, DossierResult.unknown_keys): the
    # rules and criteria in the grid's order, the failed ones among them, then the facts
    keys = d.unknown_keys()
    for rid, o in d.eligibility.items():
        if o == "fail":
            said = t("reason.fail", label=continued(b.rule(rid, o).label, b.lang))
            # an eliminatory criterion's comments marked « à transmettre », under it: the
            # why of the refusal the instruction wrote for the applicant (no name)
            quotes = [quoted(t, x, b.lang) for x in _shared(b, d, rid)]
            out.append(t("reason.fail.said", reason=said, quotes=" ".join(quotes))
                       if quotes else said)
        elif rid in keys:
            out.append(unknown(rid))
    out += [unknown(k) for k in keys if k not in d.eligibility]
    floors = False
    for f in d.flags:
        head, _, arg = f.partition(":")
        label = b.crit[arg].label if arg in b.crit else arg
        if head in ("incomplete", "consensus-missing"):
            reason = t("reason.incomplete", label=continued(label, b.lang))
            if reason not in out:
                out.append(reason)
        elif head == "below-floor" and arg in b.crit:
            floors = True
            c = b.crit[arg]
            value = d.criteria[c.id].value
            out.append(t("reason.floor", label=label, floor=fmt_exact(c.floor, b.lang),
                         score=_n(value, b.lang) if value is not None else "-",
                         max=fmt_exact(b.grid.scales[c.scale].max, b.lang)))
        elif head == "below-threshold":
            out.append(t("reason.threshold", total=_n(d.total, b.lang),
                         threshold=fmt_exact(b.grid.threshold, b.lang),
                         out_of=fmt_exact(b.grid.out_of(), b.lang)))
        elif head == "below-min-ratings":
            out.append(t("reason.min-ratings"))
        elif head == "skipped-budget":
            out.append(t("reason.skipped"))
        elif head == "below-minimum-grant":
            out.append(t("reason.minimum"))
        elif head == "tie-at-line" and d.status != Status.RETIRE and not _tied_open(b, d):
            # settled or not: the engine's reading (Result.tie); a withdrawn dossier's
            # letter (not sent) says no tie: it is out of every one; still open, the
            # letter's outcome says it (:func:`_tied_open`), not a reason beside it
            out.append(_tie_reason(b, d, "reason.tie-at-line"))
    tie = b.result.tie(d)
    if tie is not None and not tie.line and d.status != Status.RETIRE:
        out.append(_tie_reason(b, d, "reason.tie-freed"))  # for a freed place only
    promoted = _promoted(b, d)  # proposed in a place freed since (after its tie, if any)
    if promoted:
        out.append(promoted)
    if d.status == "non classé" and b.mode == "checklist" and d.verdict:
        out.append(t("reason.verdict", verdict=verdict_word(d.verdict, b.lang)))
    if d.rank is not None:
        n = b.once("ranked", lambda: sum(1 for x in b.result.dossiers if x.rank is not None))
        out.append(t("reason.rank", rank=ordinal(d.rank, b.lang), n=n))
        # at the last funded dossier's total, ranked after it by the call's tie-break:
        # the words the committee report and the fiches say it in too (.tiebreak)
        broken = letter_words(b, d)
        if broken is not None:
            out.append(broken)
        # its position, shared by the dossiers tied with it: the ranking does not say
        # which is called first (the engine's, Result.reserve_position)
        place = b.result.reserve_position(d) if d.reserve else None
        if place is not None and place[1] > 1:
            out.append(t(f"reason.reserve.tied.{'one' if place[1] == 2 else 'other'}",
                         pos=place[0], others=place[1] - 1))
        elif place is not None:
            out.append(t("reason.reserve", pos=place[0]))
        short = ".shortlist" if shortlist(b) else ""  # a présélection: no money said
        money = None
        if d.status in (Status.NON_RETENU, Status.RESERVE) and not floors and not short \
                and d.decision.outcome is None \
                and not any(f.startswith(("below-", "skipped-budget")) for f in d.flags):
            money = money_reason(b, d)  # None when the money is not the reason
        # passed over by a decision retaining a lower-ranked dossier: that is the reason,
        # never « au-delà du nombre de lauréats » (review s15 audition F3)
        passed = _passed_by_decision(b, d) and (place is not None
                                                 or d.decision.outcome is None)
        why = portfolio_why(b.result, d) if d.status == Status.NON_RETENU else None
        if passed and (why is None or why.kind == "top"):
            out.append(t(f"reason.passed.decision{short}"))
            if money is not None:  # the money left, a fact beside the committee's choice
                out.append(money)
        elif why is not None:
            # left out by a portfolio constraint or the number of laureates, never by the
            # money: the walk's own reason (documents/portfolio.py)
            out += _portfolio_reasons(b, d, why)
        elif place is not None and d.decision.outcome is None and _beyond_top(b, d):
            out += _portfolio_reasons(b, d, Why("top"))  # a reserve dossier past ``top``
        elif money is not None:
            # ranked, above every floor and the threshold: the money left when its turn
            # came against its amount, and the rule (review s15 recours F2)
            out.append(money)
            out += _passed_by(b, d)
        elif d.selected is True and (why := portfolio_why(b.result, d)) is not None:
            out.append(t(f"reason.portfolio.minimum.{'one' if len(why.over) == 1 else 'other'}",
                         label=quoted(t, constraint_label(
                             b.result, why.constraint or "", b.lang), b.lang)))
        elif d.status == Status.NON_RETENU and place is None:
            # no reason the decided selection still bears out (the decisions removed the
            # proposal's): none said, but the lower-ranked dossiers a minimum still holds
            out += _passed_by(b, d)
    for f in d.flags:  # fewer jurors than assigned rated it (review s15 recours F9)
        if f.startswith("ratings-missing:"):
            rated, _, expected = f.partition(":")[2].partition("/")
            out.append(t("reason.ratings-missing", rated=rated, expected=expected))
    basis = legal_basis(b, d)  # « en droit », last: the facts first (letters.legal_basis)
    if basis is not None:
        out.append(basis)
    return out


def _beyond_top(b: Builder, d: DossierResult) -> bool:
    """``d`` was left out because the call's ``top`` places were taken (the walk's
    :attr:`isgrid.engine.result.Selection.beyond_top`) and the decided selection still
    holds ``top`` dossiers or more (:func:`.portfolio.over_top`): a decision that freed a
    place removed the reason."""
    over, sel = over_top(b.result), b.result.selection
    return over is not None and over >= 0 and sel is not None and d.id in sel.beyond_top


def _passed_by_decision(b: Builder, d: DossierResult) -> bool:
    """A dossier ranked after ``d`` is funded by a decision that went against the proposal
    (a reserve dossier the vote retained): ``d``, above it, was passed over by the
    committee's choice, not by the ranking (review rev-chair F7: « Le dernier dossier
    financé totalise 62,5 », its own total, and no reason)."""
    if d.rank is None or d.selected is True:
        return False
    lowest = _lowest_chosen(b)
    return lowest is not None and lowest > d.rank


def _lowest_chosen(b: Builder) -> int | None:
    """The rank of the lowest-ranked dossier funded by a decision against the proposal,
    worked out once for every letter (:meth:`Builder.once`: a national mail merge asks it
    20,000 times); None when there is none."""
    return b.once("lowest-chosen", lambda: lowest_repeche(b.result))


def _portfolio_reasons(b: Builder, d: DossierResult, why: Why) -> list[str]:
    """A dossier the proposal left out for a portfolio constraint (``max:<id>``: a
    maximum count, an envelope's ``max_amount``) or for ``top``, in words; its tie first
    when a dossier tied with it was taken (the rule parted them, not the ranking); then
    the lower-ranked dossiers a minimum took before it (:func:`_passed_by`)."""
    t = b.t
    out: list[str] = []
    if why.kind == "top":
        sel = b.result.selection
        key = "reason.portfolio.top" + (".shortlist" if shortlist(b) else "")
        out.append(t(key, top=sel.top if sel is not None else "-"))
        return out + _passed_by(b, d)
    cid = why.constraint or ""
    if "tie" in d.flags and not why.decided:
        tied = b.once("ranks", lambda: _by_rank(b)).get(d.rank, [])  # type: ignore[arg-type]
        taken = [x for x in tied if x.id != d.id and x.selected is True]
        if taken:
            n = len([x for x in tied if x.id != d.id])
            out.append(t(f"reason.portfolio.tie.{'one' if n == 1 else 'other'}", n=n))
    key = "reason.portfolio.envelope" if is_envelope(b.result, cid) else "reason.portfolio.max"
    out.append(t(key, label=quoted(t, constraint_label(b.result, cid, b.lang), b.lang)))
    return out + _passed_by(b, d)


def _by_rank(b: Builder) -> dict[int, list[DossierResult]]:
    out: dict[int, list[DossierResult]] = {}
    for x in b.result.dossiers:
        if x.rank is not None:
            out.setdefault(x.rank, []).append(x)
    return out


def _passed_by(b: Builder, d: DossierResult) -> list[str]:
    """The dossiers ranked after ``d`` that the proposal took before it for a minimum
    (never named: a letter is communicable), and under which rules."""
    n, ids = passed_by(b.result, d)
    if not n:
        return []
    labels = ", ".join(quoted(b.t, constraint_label(b.result, i, b.lang), b.lang)
                       for i in ids)
    return [b.t(f"reason.portfolio.before.{'one' if n == 1 else 'other'}", n=n,
                labels=labels)]


def _tied_open(b: Builder, d: DossierResult) -> bool:
    """True while ``d`` is tied at the funding line and nobody settled the tie: the engine's
    reading (:meth:`isgrid.engine.result.Result.tie`, ``line`` and ``open``, what the
    documents' « Calculé » reads too).  Its letter's outcome is that tie (« Votre dossier
    est ex æquo sur la ligne de financement : le jury doit encore départager … »), never
    « Proposition du jury : dossier classé. »: the jury proposed nothing for it."""
    tie = b.result.tie(d)
    return tie is not None and tie.line and tie.open and d.status != Status.RETIRE


def _only_rated_missing(d: DossierResult, grid: Grid) -> bool:
    """True when every value still unknown that keeps ``d`` « à vérifier »
    (:meth:`DossierResult.unknown_keys`) is a criterion a role rates
    (:meth:`Grid.rated_by`): nothing for the applicant to send."""
    keys = d.unknown_keys()
    return bool(keys) and all(grid.rated_by(k) is not None for k in keys)


def _tie_reason(b: Builder, d: DossierResult, key: str) -> str:
    """A tie in words (``key``: at the line, or for a freed place): who must settle it
    while open (the jury, or the vote while a place the vote freed is left to it), else
    what settled it -- a decision, a tied dossier's withdrawal (:func:`tie_settled_by`),
    or a place freed that the tied all took together, as the minutes tell it
    (:mod:`.places`) -- or that none of the tied was retained
    (:meth:`isgrid.engine.result.Result.tie`); a dossier retained by its own decision
    while the tie was open says that, and what became of the others
    (:func:`retained_apart`); a dossier the tie chose and a decision refused since says
    that too (« ; votre dossier n'a ensuite pas été retenu par le vote »)."""
    tie = b.result.tie(d)
    if tie is None or tie.open:
        return b.t(key if tie is None or tie.stage != "vote" else f"{key}.vote")
    then = ""
    if d.status in (Status.NON_RETENU, Status.RESERVE) and d.decision.stage is not None:
        then = b.t("reason.tie.then-refused",
                   by=stage_word(d.decision.stage, b.lang, article=True))
    record = b.result.line_tie
    apart = retained_apart(b.result, d) if tie.line else None
    if apart is not None and (tie.out or tie.by == "place"):
        # retained by its own decision, the others still tied, or taken together since
        by = stage_word(apart["stage"], b.lang, article=True)
        if tie.out:
            return b.t(f"{key}.retained.open", by=by)
        every = record is not None and len(record["taken"]) + 1 == len(record["tied"])
        return b.t(f"{key}.retained.together{'' if every else '.some'}", by=by, then=then)
    if tie.out:  # refused while the others' tie is still open
        return b.t(f"{key}.out")
    if not tie.chosen:
        return b.t(f"{key}.none")
    # settled for this dossier, or for another, or for several others (the ones left all
    # fit); this one may hold a place freed since: _promoted says it
    by = ".withdrawal" if tie_settled_by(b.result, d, tie) == "withdrawal" else ""
    if not tie.won:
        if tie.by == "place":  # taken out before; the others took a freed place together
            return b.t(f"{key}.together.lost")
        return b.t(f"{key}.settled.lost{'.many' if tie.winners > 1 else ''}{by}")
    if tie.by == "place" and tie.taken:  # with the others still in the running
        every = record is not None and len(record["taken"]) == len(record["tied"])
        return b.t(f"{key}.together{'' if every else '.some'}", then=then)
    return b.t(f"{key}.settled.won{by}", then=then)


def _promoted(b: Builder, d: DossierResult) -> str | None:
    """The place freed (a withdrawal, a refusal) ``d`` was proposed in, and the decision
    that retained it since, in words; never naming the other dossier (a letter is
    communicable).  The minutes' « Retraits » tell the same story (:mod:`.places`)."""
    found = b.once("promotions", lambda: promotions(b.result)).get(d.id) \
        if d.decision.replaces is not None else None
    if found is None:
        return None
    place, offer = found
    entry = retained_after(b.result, d.id, offer["seq"], b.once(
        "decisions", lambda: {x["seq"]: x for x in b.result.decisions}))
    then = "" if entry is None else b.t(
        "reason.promoted.then", by=stage_word(entry["stage"], b.lang, article=True))
    kind = "withdrawal" if place["kind"] == "withdrawal" else "refusal"
    return b.t(f"reason.promoted.{kind}", then=then)


def _shared(b: Builder, d: DossierResult, criterion: str,
            conf: set[str] | None = None) -> list[str]:
    """The comments on ``d``'s ``criterion`` marked shareable (« à transmettre »), for the
    letter: by assessor, as the ratings were sorted (assessor, comment); no name said; a
    recused assessor's left out (``conf``: the dossier's); a comment several wrote alike
    quoted once (it read three times in a row)."""
    if conf is None:
        conf = {cf.assessor for cf in b.conflicts.get(d.id, [])}
    texts = [text for aid, text in sorted(b.shared_comments(d.id, criterion))
             if aid not in conf]
    # each quoted by the letter: its own quotes are the inner ones (« » → “ ”)
    return [inner_quotes(x.strip(), b.lang) for i, (x, first) in enumerate(zip(
        texts, first_said(texts), strict=True)) if first == i]


def _criteria(b: Builder, d: DossierResult) -> list[dm.LetterCriterion]:
    conf = {cf.assessor for cf in b.conflicts.get(d.id, [])}
    out = []
    for sec in b.grid.sections:
        for c in sec.criteria:
            if c.eliminatory:
                continue
            v = d.criteria[c.id].value
            top = b.grid.scales[c.scale].max
            if v is None:
                score = "-"
            else:
                label = b.level_label(c, float(v))
                score = f"{_n(v, b.lang)} / {fmt_exact(top, b.lang)}" + (
                    f" ({label})" if label else "")
            comments = _shared(b, d, c.id, conf)
            out.append(dm.LetterCriterion(
                label=c.label, section=sec.label, score=score,
                value=float(v) if v is not None else None, max=float(top),
                floor=float(c.floor) if c.floor is not None else None,
                below_floor=f"below-floor:{c.id}" in d.flags, comments=comments))
    # a dossier never rated (irrecevable, incomplete): no table of dashes
    return out if any(x.value is not None for x in out) else []


def _points(b: Builder, d: DossierResult) -> tuple[list[dm.Point], list[dm.Point]]:
    strengths: list[dm.Point] = []
    improve: list[dm.Point] = []
    for c in b.grid.criteria():
        if c.eliminatory or c.from_fact:  # a fact carried in (a written stage's total) is
            continue  # no strength nor weakness the committee found
        s = d.criteria[c.id]
        state = s.state
        v = b.norm(c, s.value)
        if v is None:
            continue
        advice = (c.advice or c.guidance or "").strip()
        by_state = bool(state) and b.mode in ("checklist", "profile")
        good = state in ("met", "present") if by_state else v + EPS >= STRONG
        weak = state in ("not-met", "partly", "absent") if by_state else v + EPS < WEAK
        if f"below-floor:{c.id}" in d.flags:
            good, weak = False, True
        if good:
            strengths.append(dm.Point(label=c.label, text=""))
        elif weak:
            improve.append(dm.Point(label=c.label, text=advice))
    return strengths, improve


def _line_total(d: DossierResult, line: Line | None) -> Line | None:
    """The funding line (``line``: :func:`.tiebreak.funding_line`, the last funded
    dossier on the ranking's scale) and whether a vote granted it, for comparison; None
    when a decision left out a dossier ranked at or above it (« pièces non fournies »):
    the comparison would say it should have been funded, against the decision the letter
    gives.  Compared on the total the ranking used (:attr:`DossierResult.ranking_key`),
    never on a total the ranking did not order."""
    if line is None or d.status in (Status.IRRECEVABLE, Status.RETIRE):
        return None  # not eligible, or withdrawn (out of the competition): compared with none
    key = d.ranking_key
    if d.decision.outcome is not None and d.selected is not True and key is not None \
            and key + EPS >= line.value:
        return None
    return line


def _compared_line(b: Builder, d: DossierResult) -> Line | None:
    """:func:`_line_total`, but none for a dossier a lower-ranked one passed by a decision:
    « the last funded dossier totals 62.5 », its own total, would read as the ranking's
    verdict when it was the committee's choice (:func:`_passed_by_decision` says it)."""
    return None if _passed_by_decision(b, d) else _line_total(d, funding_line(b))


def _line_words(b: Builder, d: DossierResult, line: Line | None) -> str | None:
    """The letter's sentence comparing ``d`` with the funding line (:func:`_compared_line`):
    « Le dernier dossier proposé au financement totalise 75,0 / 100. »; when the grid ranks
    with ranking weights, both on the ranking total, said (« Le classement suit le total de
    classement, … : 69,6 / 100 pour votre dossier, 75,0 / 100 pour le dernier dossier
    proposé au financement. »), never a plain total beside the line's ranking one."""
    if line is None:
        return None
    out_of, value = fmt_exact(b.grid.out_of(), b.lang), fmt_number(line.value, b.lang, 1)
    key = "letter.line" + (".ranking" if line.ranking else "") + (
        "" if line.granted else ".proposed")
    own = d.ranking_key if line.ranking else None
    return b.t(key, line=value, out_of=out_of,
               own=fmt_number(own, b.lang, 1) if own is not None else "")


def french_appeal(call_lang: str) -> bool:
    """Whether a call's letters state French administrative law's « voies et délais de
    recours » by default (``letter.appeal.default``: recours gracieux, tribunal
    administratif, Télérecours): a French call's, in whatever language they are written.
    An English call is made for a programme abroad (README): its default names no French
    institution (``letter.appeal.general``) and ``isgrid report --kind feedback`` warns
    (``letters-appeal-default``) that ``letters.appeal`` should state its own routes."""
    return call_lang != "en"


def _default_appeal(b: Builder) -> str:
    """The means of appeal of a decided letter when call.yaml's ``letters.appeal`` gives
    none (:func:`french_appeal`), with ``letters.authority`` and ``letters.court``."""
    lt = b.call.config.letters
    french = french_appeal(b.call.config.lang)
    return b.t("letter.appeal.default" if french else "letter.appeal.general",
               authority=(lt.authority if lt is not None and lt.authority else None)
               or b.t("letter.authority"),
               court=(lt.court if lt is not None and lt.court else None)
               or b.t("letter.court" if french else "letter.court.general"))


def letter(b: Builder, d: DossierResult) -> dm.Letter:
    """The feedback letter of one dossier (communicable content only)."""
    t = b.t
    # an irrecevable dossier's letter says why it is not eligible; its merits decided
    # nothing (« Points forts » of every criterion beside « irrecevable » read as a wrong)
    weighed = d.status != Status.IRRECEVABLE
    strengths, improve = _points(b, d) if weighed else ([], [])
    cfg = b.call.config
    meeting = cfg.meeting
    # the committee's synthesis, as the secretariat recorded it; never a consensus
    # reason nor a juror's comment (those are internal unless marked shareable)
    recorded = meeting.syntheses.get(d.id) if meeting is not None else None
    synthesis = [recorded] if recorded else []
    status = d.status
    # a withdrawal is the applicant's, no decision: no deliberation, no appeal (the letter
    # said « Décision : dossier retiré » and cited the vote of the other dossiers)
    withdrawn = status == Status.RETIRE
    key = f"letter.outcome.{status}" if status in ("retenu", "réserve", "non retenu") else \
        "letter.outcome.withdrawn" if withdrawn else "letter.outcome.other"
    tied = _tied_open(b, d)
    by_vote = ""
    if tied:  # the jury proposed nothing: the tie is the outcome, as it stands
        tie = b.result.tie(d)
        by_vote = ".vote" if tie is not None and tie.stage == "vote" else ""
        key = "letter.outcome.tied" + by_vote
    outcome = b.t(key, word=b.meta().outcome_word, status=b.status(status))
    # the amount a decision holds, else the one a selected dossier is proposed
    amount = d.amounts.held if d.amount_decided is not None or d.selected is True else None
    # « attribué » once the vote has decided this dossier; a jury's amount is proposed
    voted = d.granted_by_vote
    amount_word = None
    if amount is not None:
        amount_word = t("letter.amount.granted" if voted else "letter.amount",
                        amount=fmt_money(amount, b.lang))
    scored = b.mode == "scored"
    line = _compared_line(b, d) if scored and d.total is not None else None
    lt = cfg.letters
    vote = meeting.vote if meeting is not None else None
    # the dossier's own deliberation (a later one after a withdrawal), else the one that
    # adopted the list (a dossier without a vote of its own), else meeting.vote's
    cited = deliberation(d, vote, b.result.adopted, zone=zone_of(b.result)) if b.decided and not withdrawn else None
    date = (lt.date if lt is not None and lt.date else None)
    if cited is not None and cited.date and (date is None or cited.date > date):
        date = cited.date  # never dated before the deliberation it cites
    # the deliberation's reference once it exists (a vote is recorded); letters.reference
    # stands for meeting.vote's, never for a dossier voted at another deliberation
    reference = None if withdrawn else (
        cited.reference if cited is not None and cited.own else
        (lt.reference if lt is not None and lt.reference else None)
        or (cited.reference if cited is not None else None))
    steps_key = status if status in ("retenu", "réserve", "non retenu") else "other"
    custom = lt.next_steps.get(steps_key) if lt is not None else None  # type: ignore[call-overload]
    if custom:
        next_steps = custom
    elif withdrawn:
        next_steps = t("letter.next.withdrawn")
    elif status == Status.A_VERIFIER:  # never decided (engine.status.decided_by_vote):
        # the pieces first, then the examination; an internal assessment asks nothing
        next_steps = t("letter.next.tocheck.rated" if _only_rated_missing(d, b.grid)
                       else "letter.next.tocheck")
    elif status == Status.AJOURNE and not b.decided:  # the committee decides it later
        next_steps = t("letter.next.postponed")
    elif not b.decided:
        next_steps = t("letter.next.proposition", body=vote.body if vote is not None
                       else t("letter.body"))
    else:
        next_steps = t(f"letter.next.{steps_key}")
    appeal = None
    if b.decided and not withdrawn:  # a withdrawal is no decision: nothing to appeal
        appeal = (lt.appeal if lt is not None and lt.appeal else None) or _default_appeal(b)
    made = dm.Letter(
        id=d.id, title=d.title, outcome=outcome, reasons=reasons(b, d),
        amount=float(amount) if amount is not None else None,
        sections=b.sections(d, with_criteria=False) if weighed else [], strengths=strengths,
        improvements=improve, weighed=weighed, synthesis=synthesis,
        criteria=_criteria(b, d),
        total=float(d.total) if d.total is not None and scored else None,
        out_of=float(b.grid.out_of()) if scored else None,
        threshold=float(b.grid.threshold) if b.grid.threshold is not None and scored else None,
        ranking_total=float(d.ranking_total) if d.ranking_total is not None and scored
        else None,
        line_total=line.value if line is not None else None,
        line_ranking=line is not None and line.ranking,
        line_granted=line is not None and line.granted,
        line_words=_line_words(b, d, line),
        amount_word=amount_word, granted=voted and amount is not None,
        motivation=d.decision.motivation,
        date=date_words(date, b.lang) if date else None,
        place=lt.place if lt is not None else None,
        reference=reference,
        sender=lt.sender if lt is not None else None,
        signatory=lt.signatory if lt is not None else None,
        contact=lt.contact if lt is not None else None,
        next_steps=next_steps, appeal=appeal,
        # a withdrawal is the applicant's own: neither the jury's proposal nor a decision;
        # a dossier tied at the line, the tie open, has no proposal yet: its notice says
        # the tie is to break, never « Il s'agit d'une proposition du jury »
        proposal=not b.decided and not withdrawn and not tied,
        notice=None if b.decided or withdrawn else t(
            f"letter.not-decided.tied{by_vote}" if tied else "letter.not-decided"),
    )
    # at the stage it stopped (a présélection, the instruction); a tie still open is its
    # own outcome whatever the stage
    return made if tied else staged(b, d, made)

