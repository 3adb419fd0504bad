"""Assembling the context of each kind of document, and the applicants' letters.

``build_context`` is the one entry point: (call, result, kind, level, lang) to
a :class:`~isgrid.documents.models.Context`.  Which kinds exist at which level:

* committee: interne, communicable, public (public: laureates and amounts);
* fiches: interne, communicable (a fiche is never public);
* feedback: communicable only (a letter to an applicant never carries assessor
  names or individual values, and is never a public list).
"""

from __future__ import annotations

from typing import Any

from ..call.model import Call
from ..engine import DossierResult, Result
from ..errors import UsageError
from ..i18n import translator
from ..jury.opinions import Opinions
from ..vocabulary import EPS
from . import models as m
from .agenda import line_value
from .context import Builder
from .context import uses_opinions as uses_opinions  # re-exported (the report command)
from .text import fmt_exact

LEVELS: dict[str, tuple[str, ...]] = {
    "committee": ("interne", "communicable", "public"),
    "fiches": ("interne", "communicable"),
    "feedback": ("communicable",),
}
DEFAULT_LEVEL = {"committee": "interne", "fiches": "interne", "feedback": "communicable"}
STATUS_ORDER = ("retenu", "réserve", "non retenu", "classé", "non classé", "incomplet",
                "à vérifier", "irrecevable", "retiré")
STRONG = 0.75  # normalised value from which a criterion is a strength
WEAK = 0.5  # below this, a point to improve


def check_level(kind: str, level: str, lang: str = "fr") -> None:
    """Raise UsageError when a kind of document does not exist at a level."""
    if level not in LEVELS[kind]:
        t = translator("report", lang)
        raise UsageError(t("cli.level", kind=kind, level=level, allowed=", ".join(LEVELS[kind])))


def _nth(n: int, lang: str) -> str:
    if lang == "fr":
        return "1er" if n == 1 else f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _reasons(b: Builder, d: DossierResult) -> list[str]:
    t = b.t
    out: list[str] = []
    for rid, o in d.eligibility.items():
        if o in ("fail", "unknown"):
            out.append(t(f"reason.{o}", label=b.rule(rid, o).label))
    for f in d.flags:
        head, _, arg = f.partition(":")
        label = b.crit[arg].label if arg in b.crit else arg
        if head in ("incomplete", "consensus-missing"):
            reason = t("reason.incomplete", label=label)
            if reason not in out:
                out.append(reason)
        elif head == "below-floor":
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
        elif head == "tie-at-line":
            out.append(t("reason.tie-at-line"))
    if d.status == "non classé" and b.mode == "checklist" and d.verdict:
        out.append(t("reason.verdict", verdict=b.common(f"verdict.{d.verdict}")))
    if d.rank is not None:
        n = sum(1 for x in b.result.dossiers if x.rank is not None)
        out.append(t("reason.rank", rank=_nth(d.rank, b.lang), n=n))
        now = b.result.current  # the reserve as it stands (after withdrawals, decisions)
        if d.reserve and now is not None and d.id in now.reserve:
            out.append(t("reason.reserve", pos=now.reserve.index(d.id) + 1))
    return out


def _n(x: Any, lang: str) -> str:
    from .text import fmt_number

    if x is None:
        return "-"
    v = float(x)
    return fmt_number(v, lang, 0 if v.is_integer() else 1)


def letter(b: Builder, d: DossierResult) -> m.Letter:
    """The feedback letter of one dossier (communicable content only)."""
    strengths: list[m.Point] = []
    improve: list[m.Point] = []
    for c in b.grid.criteria():
        if c.eliminatory:
            continue
        s = d.criteria[c.id]
        state = s.state
        v = b.norm(c, s.value)
        if v is None:
            continue
        advice = (c.advice or c.guidance or "").strip()
        by_state = bool(state) and b.mode in ("checklist", "profile")
        good = state in ("met", "present") if by_state else v + EPS >= STRONG
        weak = state in ("not-met", "partly", "absent") if by_state else v + EPS < WEAK
        if good:
            strengths.append(m.Point(label=c.label, text=""))
        elif weak:
            improve.append(m.Point(label=c.label, text=advice))
    synthesis = [f"{b.crit[cs.criterion].label} : {cs.reason}" if b.lang == "fr"
                 else f"{b.crit[cs.criterion].label}: {cs.reason}"
                 for cs in b.call.config.consensus
                 if cs.dossier == d.id and cs.criterion in b.crit]
    meeting = b.call.config.meeting
    recorded = meeting.syntheses.get(d.id) if meeting is not None else None
    if recorded is not None:
        synthesis.insert(0, recorded)
    status = d.status
    key = f"outcome.{status}" if status in ("retenu", "réserve", "non retenu") else "outcome.other"
    outcome = b.t(key, word=b.meta().outcome_word, status=b.status(status))
    a = d.amounts
    amount = a.held if a.granted is not None or d.selected is True else None
    return m.Letter(
        id=d.id, title=d.title, outcome=outcome, reasons=_reasons(b, d),
        amount=float(amount) if amount is not None else None,
        sections=b.sections(d, with_criteria=False), strengths=strengths,
        improvements=improve, synthesis=synthesis,
    )




def build_context(call: Call, result: Result, kind: m.Kind, level: m.Level,
                  lang: str = "fr", *, dossier: str | None = None,
                  agenda_size: int = 20, dossiers: list[str] | None = None,
                  envelope: dict[str, Any] | None = None,
                  opinions: Opinions | None = None) -> m.Context:
    """The context of one document.

    ``dossier`` selects the letter (kind feedback); ``dossiers`` restricts the
    fiches to some ids (default: all, in the result's order).  ``result`` is
    :func:`isgrid.engine.score`'s; the lists and money of the selection are its
    :attr:`~isgrid.engine.Result.current` one.  ``opinions``: the
    jurors' opinions (:func:`isgrid.jury.opinions.load_opinions`); None reads them from
    the call's folder when the document shows them (:func:`uses_opinions`).
    """
    check_level(kind, level, lang)
    b = Builder(call, result, kind, level, lang, opinions)
    public = level == "public"
    lines = {d.id: b.line(d) for d in result.dossiers}
    now = result.current  # the proposal, or the decided selection once anything is decided
    laureates = [lines[i] for i in now.selected] if now is not None else [
        lines[d.id] for d in result.dossiers if d.selected is True]
    jury, jury_count = b.jury()
    empty: dict[str, Any] = {
        "jury": [], "jury_count": {}, "deports": [], "eligibility": [], "ranking": [],
        "budget": None, "envelope": None, "agenda": [], "agenda_more": 0, "agreement": [],
        "agreement_note": None, "summary": {}, "fiches": [], "letter": None,
    }
    parts = dict(empty)
    if kind == "committee" and not public:
        agenda, more = b.agenda(agenda_size)
        agreement, note = b.agreement()
        parts.update(
            jury=jury, jury_count=jury_count, deports=b.deports(), eligibility=b.eligibility(),
            ranking=list(lines.values()), budget=b.budget(lines),
            envelope=m.Envelope.model_validate(envelope) if envelope else None,
            agenda=agenda,
            agenda_more=more, agreement=agreement, agreement_note=note,
            summary={b.status(k): result.summary[k] for k in STATUS_ORDER
                     if k in result.summary},
        )
        if b.interne:  # the zone grise and the flags' legend (isgrid.documents.seance)
            from .seance import flag_legend, grey_items

            parts.update(zone_grise=grey_items(b, call, result),
                         flag_legend=flag_legend(b, list(lines.values())))
    elif kind == "committee":
        sel = b.budget(lines)
        if sel is not None:
            sel = sel.model_copy(update={"reserve": [], "line": None})
        parts.update(budget=sel)
    elif kind == "fiches":
        at = line_value(b.grid, result)
        wanted = set(dossiers) if dossiers is not None else None
        parts.update(fiches=[b.fiche(d, at) for d in result.dossiers
                             if wanted is None or d.id in wanted])
    else:
        if dossier is None or dossier not in b.by_id:
            raise UsageError(b.t("cli.no-dossier", id=dossier or ""))
        parts.update(letter=letter(b, b.by_id[dossier]))
    return m.Context(meta=b.meta(), call=b.call_info(), grid=b.grid_info(),
                     laureates=laureates, **parts)
