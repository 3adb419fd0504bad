"""Why the selection walk did what it did, as data, and its words in each language.

The walk (:mod:`isgrid.engine.select`) and the evaluation on the decided selection
(:mod:`isgrid.engine.portfolio`) record a :class:`Reason` (a code and its values: ids,
counts, amounts) for a constraint that is not met (``ConstraintStatus.reasons``) and for
each dossier the walk took or left out (``Choice.reason``); they write no sentence.
:func:`message` gives a reason as a :class:`isgrid.messages.Message` (its English text,
said in French through the gettext catalog, as every diagnostic is), :func:`said` in a
language: what the minutes, the committee report, the séance board, ``isgrid score``'s
warnings and the result JSON's readable ``note`` and ``text`` (in the call's ``lang``)
print, so that an English call's documents never print the engine's French.

A présélection's documents (:func:`isgrid.documents.stage.stage_words`) say a choice in
its words: within :func:`isgrid.i18n.words_of` ``"shortlist"``, :func:`message` says the
reasons that speak of the funding line, the money or « retenu » as a présélection does
(« après la ligne de présélection », « le budget ne permet pas d'en présélectionner
davantage »: :data:`_SHORTLIST`); the reason itself stays a code, and the result JSON
always holds the ordinary words (:meth:`isgrid.engine.result.Result.to_json`).

Codes (docs/result.md, ``constraints.items[].reasons``):

* an infeasible minimum: ``none-ranked`` (``need``), ``few-ranked`` (``ranked``,
  ``need``), ``all-taken``, ``budget-spent``, ``blocked`` (``by``: the maximums' ids),
  ``unusable`` (``ids``; ``why``: ``unknown`` amount, ``below`` the minimum grant, or
  ``either``);
* a constraint the decisions broke: ``exceeded`` / ``short`` (a count: ``actual``,
  ``bound``), ``exceeded-money`` (``over``, ``actual``) / ``short-money`` (``actual``,
  ``bound``);
* a dossier's choice (``Choice.why`` says it too): ``rank``, ``minimum`` (``constraint``,
  ``label``, ``over``), ``max`` (``constraint``), ``budget``, ``tie``, ``line``, ``top``
  (``top``: left out once ``selection.top`` dossiers were taken).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any, Self, cast

from ..i18n import N_, SHORTLIST, words_variant
from ..messages import Count, Message, Money, Plural, _Value, shown_names
from .frozen import record
from .maps import EMPTY, frozen_map

if TYPE_CHECKING:
    from ..call.blocks import Envelope, MaxCount, MinCount


@record
class Reason:
    """A reason as data: its ``code`` and the ``values`` its sentence names (read-only:
    :func:`reason` makes one)."""

    code: str
    values: Mapping[str, Any] = field(default_factory=lambda: EMPTY)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **{k: list(v) if isinstance(v, tuple) else v
                                      for k, v in self.values.items()}}


def reason(code: str, **values: Any) -> Reason:
    """A :class:`Reason` with its ``values`` (ids as tuples: nothing in it can change)."""
    return Reason(code, frozen_map(values))


# the reasons without values, made once (a national call's walk explains every dossier)
RANK, LINE, BUDGET, TIE = Reason("rank"), Reason("line"), Reason("budget"), Reason("tie")


def said(text: str, lang: str) -> str:
    """``text`` in ``lang``: a :class:`Message` through the catalog, any other text (a
    call's own ``label``, in its sources' words) as it is."""
    return text.translated(lang) if isinstance(text, Message) else str(text)


def label(c: MinCount | MaxCount | Envelope) -> str:
    """A constraint in words: its ``label`` as the call writes it, else made from its kind,
    fact and value (a :class:`Message`: « au moins 2 lauréats avec territoire = rural »,
    "at least 2 laureates with territoire = rural")."""
    from ..call.blocks import MaxCount, MinCount

    if c.label:
        return c.label
    if isinstance(c, MinCount):
        return Plural("at least {n} laureate with {fact} = {value}",
                      "at least {n} laureates with {fact} = {value}", c.count,
                      fact=c.fact, value=c.value)
    if isinstance(c, MaxCount):
        if c.value is None:
            return Plural("at most {n} laureate per {fact}", "at most {n} laureates per {fact}",
                          c.count, fact=c.fact)
        return Plural("at most {n} laureate with {fact} = {value}",
                      "at most {n} laureates with {fact} = {value}", c.count,
                      fact=c.fact, value=c.value)
    low, high = c.min_amount, c.max_amount
    if low is not None and high is not None:
        return Message("envelope {fact} = {value}: at least {low} and at most {high}",
                       fact=c.fact, value=c.value, low=Money(low), high=Money(high))
    if low is not None:
        return Message("envelope {fact} = {value}: at least {low}", fact=c.fact,
                       value=c.value, low=Money(low))
    return Message("envelope {fact} = {value}: at most {high}", fact=c.fact, value=c.value,
                   high=Money(high or 0))


def message(r: Reason) -> Message:
    """The reason ``r`` as a :class:`Message` (the module's docstring)."""
    v, code = r.values, r.code
    shortlist = words_variant() == SHORTLIST
    if shortlist and code in _SHORTLIST:
        return Message(_SHORTLIST[code])
    if code in _PLAIN:
        return Message(_PLAIN[code])
    if code == "max" and shortlist:
        return Message("not shortlisted: constraint {ident} reached", ident=v["constraint"])
    if code == "max":
        return Message("not selected: constraint {ident} reached", ident=v["constraint"])
    if code == "top" and shortlist:
        return Message("beyond the number of dossiers the call shortlists ({top} at most)",
                       top=Count(v["top"]))
    if code == "top":
        return Message("beyond the number of laureates the call sets ({top} at most)",
                       top=Count(v["top"]))
    if code == "minimum" and shortlist:
        return _minimum_shortlisted(v["over"], v["constraint"], v["label"])
    if code == "minimum":
        over, ident, name = v["over"], v["constraint"], v["label"]
        if not over:
            return Message("selected for the constraint {ident} ({label}), and at its rank",
                           ident=ident, label=name)
        return Plural("selected ahead of {over} (better ranked) to meet the constraint "
                      "{ident} ({label})",
                      "selected ahead of {over} (better ranked) to meet the constraint "
                      "{ident} ({label})", len(over), over=shown_names(list(over), 10),
                      ident=ident, label=name)
    if code == "none-ranked":
        return Message("no ranked dossier matches, {need} needed", need=v["need"])
    if code == "few-ranked":
        return Plural("only {n} ranked dossier matches, {need} needed",
                      "only {n} ranked dossiers match, {need} needed", v["ranked"],
                      need=v["need"])
    if code == "blocked":
        return Message("blocked by {by}", by=", ".join(v["by"]))
    if code == "unusable":
        return _unusable(v["ids"], v["why"])
    if code == "exceeded-money":
        return Message("exceeded by {over} by the decisions, {actual} selected",
                       over=Money(v["over"]), actual=Money(v["actual"]))
    if code == "short-money":
        return Message("{actual} selected after the decisions, at least {bound} needed",
                       actual=Money(v["actual"]), bound=Money(v["bound"]))
    if code == "exceeded":
        return Plural("exceeded by the decisions, {n} selected for {bound} at most",
                      "exceeded by the decisions, {n} selected for {bound} at most",
                      v["actual"], bound=v["bound"])
    if code == "short":
        return Plural("{n} selected after the decisions, at least {bound} needed",
                      "{n} selected after the decisions, at least {bound} needed",
                      v["actual"], bound=v["bound"])
    raise ValueError(f"unknown reason {code!r}")


_PLAIN = {
    "rank": N_("selected at its rank"),
    "line": N_("after the funding line"),
    "budget": N_("does not fit in what is left of the envelope"),
    "tie": N_("tied at the line: to be settled"),
    "all-taken": N_("every matching dossier is already selected"),
    "budget-spent": N_("the budget does not allow selecting more"),
}

#: The words of a présélection (:data:`isgrid.i18n.SHORTLIST`, as the catalogs'
#: ``key@shortlist``), said instead of :data:`_PLAIN`'s: no funding line,
#: « présélectionné » for « retenu »; only a présélection given a budget (warned
#: ``shortlist-budget``) has a reason that speaks of the money.
_SHORTLIST = {
    "rank": N_("shortlisted at its rank"),
    "line": N_("after the shortlist line"),
    "budget": N_("not shortlisted: does not fit in what is left of the budget"),
    "all-taken": N_("every matching dossier is already shortlisted"),
    "budget-spent": N_("the budget does not allow shortlisting more"),
}


def _minimum_shortlisted(over: tuple[str, ...], ident: str, name: str) -> Message:
    """The reason ``minimum`` in a présélection's words (« présélectionné pour la
    contrainte … »)."""
    if not over:
        return Message("shortlisted for the constraint {ident} ({label}), and at its rank",
                       ident=ident, label=name)
    return Plural("shortlisted ahead of {over} (better ranked) to meet the constraint "
                  "{ident} ({label})",
                  "shortlisted ahead of {over} (better ranked) to meet the constraint "
                  "{ident} ({label})", len(over), over=shown_names(list(over), 10),
                  ident=ident, label=name)


def _unusable(ids: tuple[str, ...], why: str) -> Message:
    """Ranked dossiers matching a minimum that no money can go to, and why: « D11
    correspond mais ne peut pas être retenu, son montant est sous le minimum d'aide »."""
    n, names = len(ids), ", ".join(ids)
    if why == "unknown":
        return Plural("{ids} matches but cannot be selected, its amount is not known",
                      "{ids} match but cannot be selected, their amount is not known", n,
                      ids=names)
    if why == "below":
        return Plural("{ids} matches but cannot be selected, its amount is below the "
                      "minimum grant",
                      "{ids} match but cannot be selected, their amount is below the "
                      "minimum grant", n, ids=names)
    return Plural("{ids} match but cannot be selected, their amount is not known or below "
                  "the minimum grant",
                  "{ids} match but cannot be selected, their amount is not known or below "
                  "the minimum grant", n, ids=names)


class Reasons(_Value):
    """Reasons put into a :class:`Message` (a constraint's note), one after the other as
    the language separates them: « … il en faut 4 ; D11 correspond … » in French."""

    def __new__(cls, xs: Iterable[Reason]) -> Self:
        return super().__new__(cls, tuple(xs))

    @staticmethod
    def written(x: object, lang: str) -> str:
        parts = [message(r).translated(lang) for r in cast(tuple[Reason, ...], x)]
        return ("\u202f; " if lang == "fr" else "; ").join(parts)


def note(reasons: tuple[Reason, ...]) -> Reasons | None:
    """A constraint's reasons as one note (:class:`Reasons`), None without any."""
    return Reasons(reasons) if reasons else None
