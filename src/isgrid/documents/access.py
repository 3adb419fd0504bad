"""The applicant's access document (``isgrid report CALL --kind access --dossier ID``): what
the CRPA (articles L311-1 and L311-6) obliges to communicate to the holder of one dossier
who asks for every document about it, the others' data occulted.

Its own dossier in full: the fiche with every criterion's value per juror, the jurors
pseudonymised (« Juré A », « Juré B »: one letter per juror, the same on every criterion,
by the order of their ids; never a name), the jurors' comments and overall opinions on the
dossier, the decision and its motivation (the letter's words), the journal's entries about
it (kind, stage, outcome, amount, date, motivation: never the internal ``--reason`` nor
who recorded it, docs/decisions.md « Reason and motivation »), the minutes' lines about it,
the recusals, declared interests and room exits on it (« un membre s'est déporté »: no
name, no reason), the grid as judged (id, version, sha256) and the rules applied.  The
other applicants: the list of the funded dossiers and their amounts (what the public level
gives) and the funding line only.  A présélection's (:func:`.stage.is_shortlist`, read
through :attr:`.context.Builder.shortlist`) prints no amount: neither the dossier's own
(requested, an opinion's, proposed, granted), nor the funding rule, nor the others'.

Everything is read from the engine's :class:`~isgrid.engine.Result` and the documents'
existing builders (the interne fiche, the letter, the minutes' context): no rule is
worked out here.  Rendered by :mod:`.access_render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..call.meeting import load_meeting, rated_out_of_room
from ..call.model import Call
from ..call.purge_people import jury_names
from ..engine import Result
from ..i18n import Translator, translator
from . import dossier_models as dm
from .agenda import line_value
from .context import Builder
from .letterset import LetterSet
from .minutes import build_minutes
from .pv_rules import funding_rule
from .text import fmt_money, fmt_number, version_words


@dataclass(frozen=True)
class Table:
    """A table: its header cells and its rows (cells already in words)."""

    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    """A titled part: paragraphs, then bullet items, then tables, in that order."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class AccessDocument:
    """The whole document, in one language."""

    lang: str
    title: str
    notice: str
    sections: list[Section]
    generator: str
    #: each juror of the dossier's pseudonym, by assessor id (for the tests; never printed)
    pseudonyms: dict[str, str] = field(default_factory=dict)


def pseudonyms(ids: list[str], lang: str) -> dict[str, str]:
    """« Juré A », « Juré B »…, by the order of the assessors' ids (AA, AB… past 26)."""
    t = translator("access", lang)
    out: dict[str, str] = {}
    for i, aid in enumerate(sorted(ids)):
        letter = chr(65 + i) if i < 26 else chr(65 + i // 26 - 1) + chr(65 + i % 26)
        out[aid] = t("juror", letter=letter)
    return out


def _num(x: float | None, lang: str, digits: int = 2) -> str:
    """A value as a document prints it: « 2 », « 2,5 », « 1,33 » (trailing zeros dropped)."""
    if x is None:
        return "-"
    s = fmt_number(x, lang, digits)
    sep = "," if lang == "fr" else "."
    if sep in s:
        s = s.rstrip("0").rstrip(sep)
    return s


class _Occulter:
    """Juror names in free text (a comment) replaced by their pseudonym, any other name of
    the jury or of the séance (the purge's rule, :func:`isgrid.call.purge_people.jury_names`)
    by « [nom occulté] »."""

    def __init__(self, call: Call, names: dict[str, str], lang: str) -> None:
        self.found = jury_names(call.folder).found
        self.names = names  # name as written -> pseudonym
        self.hidden = translator("access", lang)("name.hidden")

    def __call__(self, text: str) -> str:
        for _, name in sorted(self.found(text), key=lambda x: -len(x[1])):
            text = text.replace(name, self.names.get(name, self.hidden))
        return text


def build_access(call: Call, result: Result, dossier: str, lang: str = "fr", *,
                 shared_only: bool = False) -> AccessDocument:
    """The access document of ``dossier`` (an id of ``result``; ``KeyError`` otherwise).

    ``shared_only``: quote only the comments the jurors marked ``shareable`` (the ratings'
    optional column, as the letters do); by default every comment on the dossier is given,
    an appreciation on the holder's own dossier (docs/personal-data.md)."""
    from ..build import generator

    t = translator("access", lang)
    d = result.dossier(dossier)
    b = Builder(call, result, "fiches", "interne", lang, None)
    fiche = b.fiche(d, line_value(b.grid, result))
    letter = LetterSet(call, result, "communicable", lang).letter(dossier)
    pv = build_minutes(call, result, "pv", lang, effects_of=dossier)

    # the jurors who rated the dossier, or were expected to, or gave an opinion
    # (an eliminatory criterion's checks are the eligibility's outcome, below, not a
    # juror's value)
    judged = {c.id for c in b.grid.criteria() if not c.eliminatory}
    ids = sorted({r.assessor for (did, cid), rows in b.ratings.items()
                  if did == dossier and cid in judged for r in rows}
                 | {a for c in b.grid.criteria() if c.id in judged
                    for a in (call.missing.readers(dossier, c.id) if call.missing else [])}
                 | {o.assessor for o in b.opinions.of(dossier)})
    # one letter per assessor id, never per name: two jurors who share a name are two
    # jurors (a name in a comment that two of them bear is occulted, not lettered)
    alias = pseudonyms(ids, lang)
    named: dict[str, set[str]] = {}
    for aid in ids:
        named.setdefault(b.name(aid), set()).add(aid)
    by_name = {name: alias[next(iter(aids))] for name, aids in named.items() if len(aids) == 1}
    occult = _Occulter(call, by_name, lang)
    money = not b.shortlist  # a présélection grants no money: none is printed (.stage)
    sections = [
        _outcome(t, d, letter, lang, money),
        _values(t, fiche, ids, alias, lang),
        _comments(t, b, fiche, dossier, alias, occult, shared_only, lang, money),
        _declared(t, call, dossier, lang),
        _journal(t, pv, dossier),
        _minutes(t, result, pv, dossier, lang, money),
        _grid(t, call, result, b, lang, money),
        _others(t, pv, letter, lang, money),
    ]
    return AccessDocument(
        lang=lang, title=t("title", id=dossier, title=d.title),
        notice=t("notice", id=dossier), sections=sections, generator=generator(),
        pseudonyms=alias)


def _outcome(t: Translator, d: Any, letter: dm.Letter, lang: str, money: bool) -> Section:
    s = Section(t("h.outcome"))
    s.paragraphs.append(letter.outcome)
    s.items.extend(letter.reasons)
    if letter.total is not None:
        s.items.append(t("total", total=_num(letter.total, lang, 1),
                         out_of=_num(letter.out_of, lang, 0)))
    if money and d.amounts.requested is not None:
        s.items.append(t("requested", amount=fmt_money(d.amounts.requested, lang)))
    if money and letter.amount_word:
        s.items.append(letter.amount_word)
    if letter.motivation:
        s.items.append(t("motivation", text=letter.motivation))
    return s


def _cell(r: dm.Rating, t: Translator, lang: str) -> str:
    if r.excluded:
        return t("cell.recused", value=r.value_label if r.value is None
                 else _num(r.value, lang))
    if r.missing:
        return t("cell.missing")
    if r.value is None:
        return r.value_label  # « NE »
    return _num(r.value, lang)


def _values(t: Translator, fiche: dm.Fiche, ids: list[str], alias: dict[str, str],
            lang: str) -> Section:
    s = Section(t("h.values"))
    s.paragraphs.append(t("values.intro"))
    s.items.extend(t("eligibility", id=r.id, label=r.label, outcome=r.outcome_label)
                   for r in fiche.eligibility)
    names = [alias[a] for a in ids]
    headers = [t("col.criterion"), t("col.floor"), *names, t("col.value"), t("col.n")]
    rows = []
    for sec in fiche.sections:
        for c in sec.criteria:
            if c.eliminatory:  # a gate: the eligibility's outcome above
                continue
            cells = {alias[r.assessor_id]: _cell(r, t, lang) for r in c.ratings
                     if r.assessor_id in alias}
            value = _num(c.value, lang)
            if c.consensus is not None:
                value = t("cell.consensus", value=value, raw=_num(c.raw, lang))
            if c.below_floor:
                value = t("cell.below-floor", value=value)
            if c.state_label:  # a marker present / absent, a checklist criterion met
                value = t("cell.state", value=value, state=c.state_label)
            n = t("cell.n", n=c.n) + (t("cell.na", n=c.na) if c.na else "") + (
                t("cell.unrated", n=c.missing) if c.missing else "")
            rows.append([f"{c.id} {c.label}", _num(c.floor, lang) if c.floor is not None
                         else "-", *[cells.get(x, "-") for x in names], value, n])
    s.tables.append(Table(headers, rows))
    return s


def _comments(t: Translator, b: Builder, fiche: dm.Fiche, dossier: str, alias: dict[str, str],
              occult: _Occulter, shared_only: bool, lang: str, money: bool) -> Section:
    s = Section(t("h.comments"))
    s.paragraphs.append(t("comments.shared" if shared_only else "comments.all"))
    shared = set()
    if shared_only:
        for sec in fiche.sections:
            for c in sec.criteria:
                shared |= {(c.id, a, text) for a, text in b.shared_comments(dossier, c.id)}
    rows = []
    for sec in fiche.sections:
        for c in sec.criteria:
            for r in c.ratings:
                who = alias.get(r.assessor_id, t("name.hidden"))
                if r.same_comment_as_id is not None:
                    if shared_only:
                        continue
                    text = t("same-comment", juror=alias.get(r.same_comment_as_id,
                                                             t("name.hidden")))
                elif not r.comment.strip() or (
                        shared_only and (c.id, r.assessor_id, r.comment) not in shared):
                    continue
                else:
                    text = occult(r.comment)
                rows.append([f"{c.id} {c.label}", who, text])
    if rows:
        s.tables.append(Table([t("col.criterion"), t("col.juror"), t("col.comment")], rows))
    else:
        s.items.append(t("none"))
    if fiche.opinions and not shared_only:
        cash = [t("col.amount")] if money else []
        s.tables.append(Table(
            [t("col.juror"), t("col.opinion"), *cash, t("col.comment")],
            [[alias.get(o.assessor_id, t("name.hidden")), o.opinion_label,
              *([fmt_money(o.amount, lang) if o.amount is not None else "-"] if money else []),
              occult(o.comment) or "-"] for o in fiche.opinions]))
    return s


def _declared(t: Translator, call: Call, dossier: str, lang: str) -> Section:
    """Recusals, declared interests and room exits on the dossier, without names."""
    s = Section(t("h.declared"))
    recused = [cf for cf in call.config.conflicts if cf.dossier == dossier]
    s.items.extend(t("declared.recusal") for _ in recused)
    meeting = load_meeting(call)
    s.items.extend(t("declared.interest") for i in meeting.interests if i.dossier == dossier)
    counted = {x.member for x in rated_out_of_room(call) if x.dossier == dossier}
    for x in (call.config.meeting.left_room if call.config.meeting else []):
        if x.dossier == dossier:
            s.items.append(t("declared.left-room.rated" if x.member in counted
                             else "declared.left-room"))
    if not s.items:
        s.items.append(t("declared.none"))
    s.paragraphs.append(t("declared.intro"))
    return s


def _journal(t: Translator, pv: dict[str, Any], dossier: str) -> Section:
    s = Section(t("h.journal"))
    s.paragraphs.append(t("journal.intro"))
    rows = []
    for c in pv["changes"]:
        if c.get("dossier") != dossier:
            continue
        cancelled = t("journal.cancelled", seq=c["cancelled_by"]) if c.get("cancelled_by") \
            else ""
        # the entry without who recorded it; one recorded by a member who stayed out of
        # the dossier's deliberation says so, unnamed (the minutes name the member)
        by = t(f"journal.by.{c['by_out']}") if c.get("by_out") else ""
        rows.append([str(c["seq"]), c.get("at_words") or "-", c["act"] + by + cancelled,
                     c.get("motivation") or "-"])
    for c in pv["yaml_consensus"]:
        if c.get("dossier") == dossier:
            rows.append([t("journal.call-yaml"), c.get("at_words") or "-", c["text"], "-"])
    if rows:
        s.tables.append(Table([t("col.seq"), t("col.date"), t("col.entry"),
                               t("col.motivation")], rows))
    else:
        s.items.append(t("journal.none"))
    return s


def _minutes(t: Translator, result: Result, pv: dict[str, Any], dossier: str,
             lang: str, money: bool) -> Section:
    s = Section(t("h.minutes"))
    row = next((r for r in pv["ranking"] if r["id"] == dossier), None)
    if row is not None:
        def word(x: str | None) -> str:
            return stage_word_or_status(x, lang)

        def cash(x: float | None) -> str:
            return fmt_money(x, lang) if x is not None else "-"

        s.tables.append(Table(
            [t("col.rank"), t("col.total"), t("col.computed"), t("col.jury"),
             t("col.vote"), t("col.status"),
             *([t("col.proposed"), t("col.granted")] if money else [])],
            [[str(row["rank"]) if row["rank"] is not None else "-", row["total_words"],
              word(row["computed"]), word(row["jury"]), word(row["vote"]),
              word(row["status"]),
              *([cash(row["proposed"]), cash(row["granted"])] if money else [])]]))
    for x in pv["deliberations"]:
        if x["id"] in (dossier, None):
            s.items.append(x["text"] + (f" {x['motivation']}" if x.get("motivation") else ""))
    for w in pv["withdrawals"] + pv["refusals"]:
        if w["dossier"] == dossier:
            s.items.append(w["text"])
    s.items.extend(_freed_for(t, result, pv, dossier))
    return s


def _freed_for(t: Translator, result: Result, pv: dict[str, Any], dossier: str) -> list[str]:
    """Each place another dossier freed (a withdrawal, a refusal: the engine's
    ``freed_places``) that was offered to ``dossier``, without the other's identity:
    « Un dossier mieux classé s'est désisté le 20 mai 2016 : la place libérée vous a été
    attribuée. »  Attributed once a vote retained ``dossier``, proposed before."""
    d = result.dossier(dossier)
    when = {c["seq"]: c.get("at_words") for c in pv["changes"]}
    given = t("freed.granted" if d.granted_by_vote else "freed.proposed")
    out = []
    for place in result.freed_places:
        offers = [o for o in place.get("offers") or () if dossier in o.get("promoted", ())]
        if place["dossier"] == dossier or not (offers or dossier in place["promoted"]):
            continue
        other = result.dossier(place["dossier"])
        better = other.rank is not None and d.rank is not None and other.rank < d.rank
        day = when.get(place["seq"])
        out.append(t(f"freed.{'withdrawal' if place['kind'] == 'withdrawal' else 'refusal'}",
                     who=t("freed.better" if better else "freed.retained"),
                     date=t("freed.date", date=day) if day else "", given=given))
    return out


def stage_word_or_status(x: str | None, lang: str) -> str:
    """A status or an outcome (French identifiers) in the document's words; « - » for none."""
    from .text import status_word, status_words

    if x is None:
        return "-"
    return status_word(x, lang) if x in status_words(lang) else x


def _grid(t: Translator, call: Call, result: Result, b: Builder, lang: str,
          money: bool) -> Section:
    g = call.grid.grid
    s = Section(t("h.grid"))
    s.items.append(t("grid.id", id=g.id, title=g.title,
                     version=version_words(str(g.version), lang)))
    s.items.append(t("grid.sha", sha=call.grid.sha256))
    if g.mode == "scored" and g.threshold is not None:
        s.items.append(t("grid.threshold", threshold=_num(g.threshold, lang),
                         out_of=_num(g.out_of(), lang)))
    floors = [f"{c.id} ({_num(c.floor, lang)})" for c in g.criteria() if c.floor is not None]
    if floors:
        s.items.append(t("grid.floors", floors=", ".join(floors)))
    s.items.append(t("grid.aggregator", aggregator=translator("common", lang)(
        f"aggregator.{g.effective_aggregator()}")))
    lines = {x.id: b.line(x) for x in result.dossiers}
    budget = b.budget(lines)
    if budget is not None:
        s.items.append(t("grid.rule", rule=budget.rule))
    funding = funding_rule(call, lang) if money else None  # the minutes' words
    if funding:
        s.items.append(funding)
    s.paragraphs.append(t("grid.intro"))
    return s


def _others(t: Translator, pv: dict[str, Any], letter: dm.Letter, lang: str,
            money: bool) -> Section:
    s = Section(t("h.others"))
    s.paragraphs.append(t("others.intro"))
    if pv["retained"]:
        s.tables.append(Table(
            [pv["list_title"], *([t("col.amount")] if money else [])],
            [[f"{x['id']} {x['title']}", *([fmt_money(x["amount"], lang)] if money else [])]
             for x in pv["retained"]]))
    else:
        s.items.append(t("others.none"))
    if pv["budget_line"]:
        s.items.append(pv["budget_line"])
    if letter.line_words:
        s.items.append(letter.line_words)
    return s
