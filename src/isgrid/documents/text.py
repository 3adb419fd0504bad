"""The words every document says a result in: statuses, stages, roles and verdicts in
the catalogs' words, numbers and amounts as a reader reads them (« 12 000 € », decimal
commas in French), a dossier's total, flags and amount as its line shows them, and what a
vote under way leaves undecided.  ``isgrid score``'s table and CSV, which print them, are
:mod:`.score_outputs`'s.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache
from typing import Any, Literal

from ..engine import DossierResult, Result
from ..engine.status import is_proposed, tie_open
from ..messages import decimal_text, euros, plural_form
from ..messages import half_up as half_up  # the one rounding for a reader
from ..vocabulary import Status
from .portfolio import HEADS as PORTFOLIO
from .portfolio import portfolio_codes


def status_words(lang: str) -> Mapping[str, str]:
    """Each status (:class:`isgrid.vocabulary.Status`) in ``lang``'s words, the common
    catalog's ``status.*`` (``locale/common.json``), the words every document says it
    in: « to check », « postponed ».  The tables and the CSV read it here (they had a list
    of their own, which lacked « ajourné »: ``--lang en`` printed it in French).  In a
    présélection's documents (:mod:`.stage`), its words: « présélectionné »."""
    from ..i18n import words_variant

    return _status_words(lang, words_variant(), "status")


def statuses_words(lang: str) -> Mapping[str, str]:
    """Each status in the plural, the common catalog's ``statuses.*``: « 2 non classés »,
    « 3 en réserve » (the report's counts)."""
    from ..i18n import words_variant

    return _status_words(lang, words_variant(), "statuses")


@cache
def _status_words(lang: str, variant: str | None, prefix: str) -> Mapping[str, str]:
    """Each status's ``prefix.*`` in ``lang``, in the words ``variant`` says (the
    translator reads it: the argument keys the cache)."""
    from ..i18n import translator

    said = translator("common", lang)
    return {s.value: said(f"{prefix}.{s.value}") for s in Status}


def status_word(status: str, lang: str, *, plural: bool = False) -> str:
    """``status`` in ``lang``'s words (:func:`status_words`); itself when unknown.  A
    decision's outcome (« non retenu », « réserve », « ajourné ») is a status: the
    journal's outcomes are said by this function too, in every document (the minutes,
    the CP annex, the séance dashboard, the reports: templates call it as the
    ``status_word`` filter, :func:`isgrid.documents.render.environment`); no other
    catalog has words of its own for them (``tests/documents/test_words.py``).
    ``plural``: the plural form (:func:`statuses_words`).  :data:`COMPUTED_TIE`, what the
    engine computed for a dossier it left tied at the funding line, is « ex æquo »
    (the common catalog's ``status.tie-at-line``)."""
    if status == COMPUTED_TIE:
        from ..i18n import translator

        return translator("common", lang)("status.tie-at-line")
    return (statuses_words(lang) if plural else status_words(lang)).get(status, status)


#: The statuses a jury proposes, said as a proposition until the vote decides them
#: (:func:`status_said`).
PROPOSITIONS: tuple[str, ...] = (Status.RETENU, Status.RESERVE, Status.NON_RETENU)


def status_said(status: str, lang: str, decided: bool, *, plural: bool = False) -> str:
    """A dossier's status as every document says it: its word (:func:`status_word`) once
    the vote decided it (``decided``: :meth:`isgrid.engine.Result.decided_by_vote`), and
    while it is the jury's proposition, « proposé (retenu) », « proposé en réserve », « non
    proposé » (the report catalog's ``proposed.*``).  The committee report, the fiches and
    ``isgrid compare`` say it so: one word for one status across documents.  ``plural``:
    the words of several dossiers, « proposés (retenus) », « retenus » (the report
    catalog's ``proposed.*.other``, :func:`statuses_words`)."""
    if decided or status not in PROPOSITIONS:
        return status_word(status, lang, plural=plural)
    from ..i18n import translator

    return translator("report", lang)(f"proposed.{status}" + (".other" if plural else ""))


def version_words(version: str, lang: str) -> str:
    """A grid's version as a reader reads it: the version a call's own changes to its grid
    make (``set``/``add``/``remove``: :func:`isgrid.grid.load.derive_grid`, « 1+call »,
    the result's and the audit record's code) in words, « 1, adaptée par l'appel » (the
    report catalog's ``grid.version.call``); any other version as it is.  Every document
    and workbook that names the grid's version says it so."""
    from ..grid.load import CALL_VERSION
    from ..i18n import translator

    if not version.endswith(CALL_VERSION):
        return version
    return translator("report", lang)("grid.version.call",
                                      version=version[:-len(CALL_VERSION)])


def first_said(texts: Collection[str]) -> list[int]:
    """For each of ``texts``, the index of the first one written alike (spaces around left
    out): its own index when it is the first.  A comment several jurors wrote alike (a
    shared comment pasted) is quoted once: the letters quote only the first ones, the
    fiches say the others are the same.  The one rule of « the same comment »."""
    seen: dict[str, int] = {}
    return [seen.setdefault(t.strip(), i) for i, t in enumerate(texts)]


#: :func:`computed_status` of a dossier the engine's proposal left tied at the funding
#: line (the flag's name; :func:`status_word` says it « ex æquo », "tied")
COMPUTED_TIE = "tie-at-line"


def computed_status(d: DossierResult) -> str:
    """What the engine computed for ``d``, as every « Calculé » / "Computed" column and
    « (calculé : …) » says it (the minutes, the séance board, ``isgrid decisions`` and
    ``decide``, the committee report, the fiches): the status of its proposal
    (``d.computed.status``: « irrecevable », « non classé »), never that status read as an
    outcome (``decision.computed``, :func:`isgrid.engine.status.outcome_of`: « non retenu »
    for an irrecevable dossier, which a signed minutes' status column contradicts); for a
    tie at the line the proposal left open (:func:`isgrid.engine.status.tie_open` of the
    proposal: flag ``tie-at-line``, ``computed.selected`` None), :data:`COMPUTED_TIE`, « ex
    æquo » (it read « classé », the status under the tie, as if the engine had ranked it
    out).  The result JSON keeps ``decision.computed`` as it is."""
    if tie_open(d.flags, d.computed.selected):
        return COMPUTED_TIE
    return str(d.computed.status)


def computed_word(d: DossierResult, lang: str) -> str:
    """:func:`computed_status` in ``lang``'s words (:func:`status_word`)."""
    return status_word(computed_status(d), lang)


def shown_total(d: DossierResult, lang: str, *, short: bool = False) -> str:
    """A dossier's total as every ranking shows it, beside a rank: « 77,4 », and when the
    grid ranks with its ranking weights, the total the rank follows too, labelled as the
    committee report labels it (« 77,4 · pour le classement 69,6 », "77.4 · for ranking
    69.6"; ``short``: « 77,4 · 69,6 », under a heading that says it: ``isgrid score``'s
    table).  « - » without a total."""
    if d.total is None:
        return "-"
    if d.ranking_total is None:
        return fmt_number(d.total, lang)
    from ..i18n import translator

    ranked = fmt_number(d.ranking_total, lang)
    label = "" if short else translator("report", lang)("col.ranking_total") + " "
    return f"{fmt_number(d.total, lang)} · {label}{ranked}"


def ranks_by_ranking_total(result: Result) -> bool:
    """The grid ranks with its ranking weights (the engine's ``ranking_total``, set on the
    scored dossiers only then): two dossiers a tie-break parted have equal *ranking*
    totals, not equal totals, and the documents say so (« même total de classement »)."""
    return any(v is not None for v in result.columns.column("ranking_total"))


#: the flag a document shows for a tie at the funding line once it is settled
#: (:func:`shown_flags`): the engine's ``tie-at-line`` stays in the result
TIE_SETTLED = "tie-at-line-settled"


def shown_flags(result: Result, d: DossierResult) -> tuple[str, ...]:
    """``d``'s flags as a document shows them: the engine's (``d.flags``, which the
    result JSON and the CSV keep: the record of the proposal) without saying a thing
    twice -- ``tie`` beside ``tie-at-line`` is the same tie: only the more precise one --
    and a tie at the funding line settled since (:meth:`Result.tie`: ``open`` False) as
    settled (:data:`TIE_SETTLED`, « ex æquo sur la ligne, départagé »), never as if the
    jury still had to choose.  Every document's flags and ``isgrid decisions``/``score``'s
    read them here.  With portfolio constraints the codes of
    :func:`.portfolio.portfolio_codes` come first (they say why the status is what it is): « plafond scop » (the proposal
    left it out for the maximum ``scop``), « minimum rural » (taken for ``rural`` before
    better-ranked dossiers)."""
    flags = d.flags
    # why the proposal left it out above the line, or took it before better-ranked ones,
    # for a portfolio constraint: « plafond scop », « minimum rural » (.portfolio)
    extra = portfolio_codes(result, d) if result.constraints is not None else ()
    if "tie-at-line" not in flags:
        return (*extra, *flags) if extra else flags
    tie = result.tie(d)
    settled = tie is not None and tie.line and not tie.open
    return (*extra, *(TIE_SETTLED if f == "tie-at-line" and settled else f
                      for f in flags if f != "tie"))


def awaiting_word(lang: str) -> str:
    """A retained dossier the recorded vote left out, in words: « proposé, en attente du
    vote » (the common catalog's ``status.awaiting``; the minutes' and the dashboard's
    status column)."""
    from ..i18n import translator

    return translator("common", lang)("status.awaiting")


@cache
def stage_words(lang: str) -> Mapping[str, str]:
    """Each stage of a decision (:data:`isgrid.vocabulary.STAGES`) in ``lang``'s words,
    the common catalog's ``stage.*``: « recevabilité » is « eligibility » in English."""
    from ..i18n import translator
    from ..vocabulary import STAGES

    said = translator("common", lang)
    return {s: said(f"stage.{s}") for s in STAGES}


@cache
def stages_with_article(lang: str) -> Mapping[str, str]:
    """Each stage as a sentence names who decided, with its article, the common catalog's
    ``stage.the.*``: « par le vote », « par l'examen de recevabilité » (the minutes'
    freed places)."""
    from ..i18n import translator
    from ..vocabulary import STAGES

    said = translator("common", lang)
    return {s: said(f"stage.the.{s}") for s in STAGES}


def stage_word(stage: str, lang: str, *, article: bool = False) -> str:
    """``stage`` in ``lang``'s words (:func:`stage_words`), with its article when
    ``article`` (:func:`stages_with_article`); itself when unknown.  Templates call it
    as the ``stage_word`` filter."""
    return (stages_with_article(lang) if article else stage_words(lang)).get(stage, stage)


def stage_heading(stage: str, lang: str) -> str:
    """``stage`` in words (:func:`stage_word`) as a column's heading, its first letter
    capitalised as the other headings are: « Jury », « Vote » beside « Calculé » and
    « Statut » (the minutes' and the dashboard's ranking).  Templates call it as the
    ``stage_heading`` filter."""
    word = stage_word(stage, lang)
    return word[:1].upper() + word[1:]



def role_word(role: str, lang: str, *, article: bool = False) -> str:
    """An assessor's role (the grid's ``rated_by``, call.yaml's ``role``) in ``lang``'s
    words, the common catalog's ``role.*``: « instructor », « jury member » in English,
    « instructeur », « juré » in French; with its indefinite article when ``article``
    (``role.a.*``: « an instructor », « a jury member »; French says « i1 est
    instructeur », without one).  The one place of these words: the documents' jury
    table and flags, and the messages (:func:`isgrid.call.roles.role_text`) read them
    there; an English sentence said « rated by the instructeur »."""
    from ..i18n import translator

    return translator("common", lang)(f"role.a.{role}" if article else f"role.{role}")


@cache
def verdict_words(lang: str) -> Mapping[str, str]:
    """Each verdict of a checklist grid (:data:`isgrid.engine.judge.VERDICT_OF_STATE`) in
    ``lang``'s words, the common catalog's ``verdict.*``: « partiellement caractérisé »,
    « partly characterised ».  The ``score`` table, its CSV, the reports, the letters and
    the comparison read it here (the table and the CSV had an English list of their own,
    with other words: « partly », and printed the French identifier in French)."""
    from ..engine.judge import VERDICT_OF_STATE
    from ..i18n import translator

    said = translator("common", lang)
    return {v: said(f"verdict.{v}") for v in VERDICT_OF_STATE.values()}


def verdict_word(verdict: str, lang: str) -> str:
    """``verdict`` in ``lang``'s words (:func:`verdict_words`); itself when unknown."""
    return verdict_words(lang).get(verdict, verdict)


def fmt_number(x: float | int | None, lang: str, digits: int = 1) -> str:
    """One decimal by default, rounded half up (:func:`half_up`), French or English style;
    '-' for None."""
    if x is None:
        return "-"
    return decimal_text(half_up(x, digits), lang)


def fmt_exact(x: float | int | None, lang: str) -> str:
    """A threshold, a floor or a maximum as the grid writes it: every decimal it has,
    none it has not (10, 66.67, 66.6666666667), so that the number shown never
    contradicts who passed; '-' for None."""
    if x is None:
        return "-"
    v = float(x)
    return decimal_text(str(int(v)) if v.is_integer() else repr(v), lang)


def undecided_clause(result: Result, lang: str) -> str:
    """What a partly voted result leaves undecided, in words (:attr:`Result.undecided`):
    « reste à vérifier : AL16-05 », « ajourné, à décider plus tard : AL16-02 » (the list's
    adoption decides neither), « les statuts des autres restent des propositions du
    jury », or several; the same clause in every document that says so."""
    from ..i18n import translator

    said = translator("report", lang)
    proposals, to_check, postponed = result.undecided
    parts = []
    for key, ids in (("vote.rest.tocheck", to_check), ("vote.rest.postponed", postponed)):
        if ids:  # a status said in the common catalog's words (status_word)
            word = status_word(Status.AJOURNE, lang, plural=len(ids) > 1)
            parts.append(said(f"{key}.many", n=len(ids), status=word)
                         if len(ids) > UNDECIDED_NAMED else
                         said(f"{key}.{plural_form(len(ids), lang)}", ids=", ".join(ids),
                              status=word))
    if proposals:
        parts.append(said("vote.rest.proposals"))
    return said("vote.rest.sep").join(parts)


#: how many dossiers still to check (or postponed) a notice names (more: their number)
UNDECIDED_NAMED = 10


def vote_under_way(result: Result) -> bool:
    """A vote is recorded and has decided some statuses, not all
    (:meth:`Result.decided_by_vote`): the committee report's header says « Décisions en
    cours de vote », and :func:`partial_vote` how many."""
    return result.voted and result.decided_count < len(result.dossiers)


def partial_vote(result: Result, said: Any, key: str, lang: str) -> str | None:
    """While the vote is under way, the sentence saying how many statuses it decided and
    what it left (``key``: the catalog's sentence, ``KEY.one``/``KEY.other``, with ``n``,
    ``total`` and :func:`undecided_clause`'s ``rest``); None before any vote and once every
    status is decided.  The committee report, the minutes and the ``score`` table say it
    from here (each in its own catalog's words)."""
    if not vote_under_way(result):
        return None
    n, total = result.decided_count, len(result.dossiers)
    return str(said(f"{key}.{plural_form(n, lang)}", n=n, total=total,
                    rest=undecided_clause(result, lang)))


def fmt_money(x: float | int | None, lang: str) -> str:
    """An amount as documents show it (:func:`isgrid.messages.euros`: « 12 000 € », and to
    the cent when it has cents: a granted « 12,50 » read « 12 € », and the money committed
    « 42 012 € » for 42 012,50); '-' for None."""
    return "-" if x is None else euros(x, lang)


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, « … » ending one that was longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


AmountKind = Literal["granted", "proposed", "requested"]


def shown_amount(d: DossierResult) -> tuple[AmountKind, float | None]:
    """The one amount a dossier's line shows, and which it is.

    « attribué » (``granted``) once a vote granted an amount
    (:attr:`DossierResult.granted_by_vote`); « proposé » (``proposed``) for a dossier the
    jury proposes (retenu, réserve, à vérifier: :func:`isgrid.engine.status.is_proposed`),
    the amount of a jury-stage ``retenu --amount`` before the vote
    (:attr:`DossierResult.amount_proposed`); « demandé » (``requested``) for the others:
    an irrecevable, non classé, incomplet or non retenu dossier has no proposed amount."""
    if d.granted_by_vote:
        return "granted", d.amount_granted
    if is_proposed(d.status):
        return "proposed", d.amount_proposed
    return "requested", d.amounts.requested


def flag_words(code: str, lang: str, facts: Mapping[str, str] | None = None, *,
               ranking: bool = False, narrow: bool = False) -> str:
    """A flag in the few words of the committee ranking (``locale/seance.json``
    ``short.*``: « plancher ALS-4 », « déport », never an assessor's name); the code
    itself when the catalog has no words for it.  A fact whose label is in ``facts``
    (:func:`isgrid.grid.facts.fact_labels`) is named by it in either language, as the
    committee report's ranking names it (« à vérifier : Dépenses éligibles (prestations
    externes, HT) », « to check: Dépenses éligibles… »: the label is the grid's words).
    ``ranking``: the grid ranks with its ranking weights (:func:`ranks_by_ranking_total`),
    a tie broken is at an equal ranking total (« même total de classement, … »).  ``narrow``:
    the score table's cell, « notes : 2/3 jurés » (:func:`.seancetext.missing_words`)."""
    from .seancetext import MISSING, missing_words, seance_translator

    head, _, arg = code.partition(":")
    if head == MISSING:
        return missing_words(arg, lang, narrow=narrow)
    if facts and head not in PORTFOLIO:  # a constraint's id is no fact
        arg = facts.get(arg, arg)
    key = f"short.{head}"
    t = seance_translator(lang)
    if ranking and head == "tie-broken":  # equal ranking totals (:func:`ranks_by_ranking_total`)
        key += ".ranking"
    text = t(key, arg=arg).strip()
    return code if text == key else text
