"""``isgrid consensus set``, ``decide``, ``withdraw``, ``decisions`` (``journal``:
:mod:`isgrid.cli.journal`).

Each command that records something appends one entry to the call's
``journal.jsonl`` (see :mod:`isgrid.call.journal`), with ``--by`` and a required
``--reason``, then says what changed against the computed result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..i18n import join_names
from .base import Command, Group, State, _, pass_state, reads_call
from .options import force_option, format_option, output_option
from .places import offered_again, place_said, words
from .words import OUTCOMES, outcome_choice, refuse_shortlisted, stage_choice


def _common(f: Any) -> Any:
    f = click.option("--at", default=None, metavar="YYYY-MM-DD",
                     help="Date (or date-time) to record; none by default (deterministic).")(f)
    f = click.option("--reason", required=True, help="Why (required, recorded).")(f)
    f = click.option("--by", "by", required=True, help="Who records it (name or initials).")(f)
    return f


def _load(state: State, folder: Path) -> Any:
    """The call, its warnings said as a séance command says them (none that leaves nothing
    to do: a recused juror's ratings, which call check and score say)."""
    call = state.load_call(folder)
    state.handle_warnings(call.warnings, seance=True)
    return call


def _no_amount_in_a_shortlist(call: Any) -> None:
    """Refuse (exit 2, nothing recorded) ``--amount`` on a présélection, which grants no
    money (:func:`isgrid.documents.stage.is_shortlist`): no document would print it."""
    from ..documents.stage import refuse_money
    from ..errors import Message

    refuse_money(call, "--amount in a présélection",
                 Message("--amount: the call's selection is a présélection "
                         "(selection.shortlist), which grants no money"),
                 "Leave --amount out: the amount is decided at the second stage, in its own "
                 "call folder (docs/calls.md).")


def _line(d: Any, lang: str) -> str:
    """A dossier of the typed result (:class:`~isgrid.engine.result.DossierResult`) in one
    line: rank, total (a decimal comma in French), status (in ``lang``'s words)."""
    from ..documents.text import fmt_number, status_word

    t = fmt_number(d.total, lang, 2) if isinstance(d.total, int | float) else "-"
    return _("rank {rank}, total {total}, {status}").format(
        rank=d.rank if d.rank is not None else "-", total=t, status=status_word(d.status, lang))


def _moved(before: Any, after: Any, lang: str) -> None:
    """Each dossier whose status the change moved (two typed results, in their order), the
    statuses in ``lang``'s words."""
    from ..documents.text import status_word

    b = {d.id: str(d.status) for d in before.dossiers}
    for d in after.dossiers:
        was = b.get(d.id)
        if was != str(d.status):
            click.echo(_("  {dossier}: {before} -> {after}").format(
                dossier=d.id, before="-" if was is None else status_word(was, lang),
                after=status_word(d.status, lang)))


# ------------------------------------------------------------------ consensus
@click.group("consensus", cls=Group)
def consensus() -> None:
    """Record committee (consensus) values in the call's journal."""


@consensus.command("set")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("dossier")
@click.argument("criterion")
@click.argument("value")
@_common
@pass_state
@reads_call
def consensus_set(state: State, folder: Path, dossier: str, criterion: str, value: str,
                  by: str, reason: str, at: str | None) -> None:
    """Set the consensus VALUE of CRITERION for DOSSIER (replaces the aggregate).

    \b
    Example:
      isgrid consensus set my-call D3 B1 3 --by "Mme Martin" --reason "budget revised at the meeting"
    """
    from ..documents.stage import stage_words
    from ..documents.text import fmt_exact
    from ..journal import set_consensus
    from ..messages import as_option

    call = _load(state, folder)
    done = set_consensus(call, dossier, criterion, value, by=by, reason=reason, at=at,
                         warn=state.handle_warnings,  # --strict: not recorded
                         naming=as_option)
    with stage_words(call):  # a présélection's words, as its documents say them
        before, after, dossier = done.before, done.after, done.entry.dossier
        b, a = before.dossier(dossier), after.dossier(dossier)
        old, new = b.criteria[criterion].value, done.entry.value
        assert isinstance(new, int | float)  # a number on the criterion's scale
        lang = state.cli_lang
        # at most three decimals (an average of ratings), never an exponent; a decimal comma
        # in French
        old_text = "-" if old is None else fmt_exact(round(old, 3), lang)
        click.echo(_("{dossier} {criterion}: {before} -> {after} ({line_before} -> "
                     "{line_after})").format(dossier=dossier, criterion=criterion,
                                             before=old_text,
                                             after=fmt_exact(new, lang),
                                             line_before=_line(b, lang),
                                             line_after=_line(a, lang)))
        _moved(before, after, lang)


# ------------------------------------------------------------------ decide
@click.command("decide", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("dossier")
@click.option("--stage", type=stage_choice(), default="jury", show_default=True)
@click.option("--outcome", required=True, type=outcome_choice())
@click.option("--amount", default=None,
              help="Granted amount in euros (12000, 12,000.50 or 12 000,50).")
@click.option("--motivation", default=None,
              help="The decision's motivation, quoted in the applicant's letter "
                   "(communicable; --reason stays internal).")
@click.option("--votes", default=None, metavar="FOR/AGAINST/ABST",
              help="The vote's counts: for, against, abstentions (e.g. 7/1/2).")
@click.option("--reference", default=None, metavar="REF",
              help="With --stage vote: the reference of the deliberation that took the "
                   "decision, when it is not meeting.vote's (a later Commission "
                   "permanente); its date with --at. The letters, minutes, annex and "
                   "export cite it.")
@_common
@pass_state
@reads_call
def decide(state: State, folder: Path, dossier: str, stage: str, outcome: str,
           amount: str | None, motivation: str | None, votes: str | None,
           reference: str | None, by: str, reason: str, at: str | None) -> None:
    """Record the outcome of DOSSIER at a stage (jury proposal, vote...).

    \b
    Examples:
      isgrid decide my-call D5 --outcome selected --by "Jury" --reason "tie broken"
      isgrid decide my-call D1 --stage vote --outcome selected --amount 15000 \\
          --by "Board" --reason "decision B-2026-04-117" --votes 12/0/1 \\
          --motivation "A project rooted in its area, with a realistic budget."
      isgrid decide my-call D9 --stage vote --outcome selected --reference B-2026-06-02 \\
          --at 2026-06-02 --by "Board" --reason "proposed after D2 withdrew"
    """
    from ..documents.stage import stage_words
    from ..documents.text import computed_word, flag_words, stage_word, status_word
    from ..journal import check_reference
    from ..journal import decide as record_decision
    from ..messages import as_option

    # an option's slip: before the call is read; the messages name the options (--amount)
    reference = check_reference(reference, stage, as_option)
    call = _load(state, folder)
    refuse_shortlisted(outcome, call, state.cli_lang)
    if amount is not None:
        _no_amount_in_a_shortlist(call)
    done = record_decision(call, dossier, stage=stage, outcome=OUTCOMES[outcome],
                           amount=amount, motivation=motivation, votes=votes,
                           reference=reference, by=by, reason=reason, at=at,
                           warn=state.handle_warnings,  # --strict: not recorded
                           naming=as_option)
    with stage_words(call):  # « présélectionné » on a présélection (.documents.stage)
        before, after, entry, dossier = done.before, done.after, done.entry, done.entry.dossier
        a = after.dossier(dossier)
        dec = a.decision
        lang = state.cli_lang
        # the flag's words, as every table says them: contrary to what the engine proposed
        # when it was recorded (the ranking's outcome, or the proposal in a freed place)
        over = f" ({flag_words('overridden', lang)})" if dec.stages[stage].overridden else ""
        words = {"dossier": dossier, "stage": stage_word(stage, lang),
                 "computed": computed_word(a, lang),
                 "decided": status_word(OUTCOMES[outcome], lang), "over": over,
                 "status": status_word(a.status, lang)}
        if dec.proposed is not None and dec.proposed != dec.computed:
            # proposed in a freed place: what the decision overrides is the proposal, not the
            # ranking's outcome (« computed réserve, decided réserve (overridden) » read wrong)
            click.echo(_("{dossier} at {stage}: computed {computed}, proposed {proposed}, "
                         "decided {decided}{over}; status {status}").format(
                proposed=status_word(dec.proposed, lang), **words))
        else:
            click.echo(_("{dossier} at {stage}: computed {computed}, decided {decided}{over}; "
                         "status {status}").format(**words))
        if entry.amount is not None:  # what was typed, and what it leaves of the envelope
            _money_said(before.dossier(dossier), after, entry.amount, lang)
        _moved(before, after, lang)
        place_said(before, after, dossier, entry.seq, lang)


def _money_said(b: Any, after: Any, amount: float, lang: str) -> None:
    """The amount a decision recorded, beside what was proposed for the dossier before it
    (``b``: the typed result's dossier before the entry, :attr:`amount_proposed`; the
    amount requested for a dossier the jury did not propose), then the money committed and left of the envelope after it
    (:attr:`isgrid.engine.Result.current`, read as the dashboard reads it): « Montant
    20 000 € (proposé 27 000 €) ; engagé 35 000 € sur 52 000 €, reste 17 000 €. »  A typo
    (1 500 for 15 000) and its correction no longer answer alike."""
    from ..documents.text import fmt_money

    proposed = b.amount_proposed  # None for a dossier the jury did not propose
    requested = b.amounts.requested
    words = {"amount": fmt_money(amount, lang)}
    if proposed is None and requested is not None:
        said = _("Amount {amount} (requested {requested})").format(
            requested=fmt_money(requested, lang), **words)
    elif proposed is None:
        said = _("Amount {amount}").format(**words)
    elif abs(float(proposed) - float(amount)) < 0.005:
        said = _("Amount {amount} (the amount proposed)").format(**words)
    else:
        said = _("Amount {amount} (proposed {proposed})").format(
            proposed=fmt_money(proposed, lang), **words)
    now = after.current
    if now is None or now.budget is None or now.committed is None or now.remaining is None:
        click.echo(f"{said}.")
        return
    money = {"amount": said, "committed": fmt_money(now.committed, lang),
             "budget": fmt_money(now.budget, lang)}
    if now.remaining < 0:  # the overrun is said below, by place_said
        click.echo(_("{amount}; committed {committed} of {budget}.").format(**money))
    else:
        click.echo(_("{amount}; committed {committed} of {budget}, {remaining} left.").format(
            remaining=fmt_money(now.remaining, lang), **money))


# ------------------------------------------------------------------ withdraw
@click.command("withdraw", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("dossier")
@click.option("--stage", type=stage_choice(), default="jury", show_default=True)
@_common
@pass_state
@reads_call
def withdraw(state: State, folder: Path, dossier: str, stage: str, by: str, reason: str,
             at: str | None) -> None:
    """Record that DOSSIER was withdrawn; propose the first reserve dossier that fits.

    \b
    Example:
      isgrid withdraw my-call D2 --by "Secretariat" --reason "applicant's letter of 3 March"
    """
    from ..documents.stage import stage_words
    from ..engine.places import place_kind
    from ..journal import withdraw as record_withdrawal

    call = _load(state, folder)
    done = record_withdrawal(call, dossier, stage=stage, by=by, reason=reason, at=at,
                             warn=state.handle_warnings)  # --strict: not recorded
    before, after, entry, dossier = done.before, done.after, done.entry, done.entry.dossier
    w = [x for x in after.withdrawals if x["dossier"] == dossier][-1]
    kind, names = place_kind(w)
    lang = state.cli_lang
    with stage_words(call):  # « ligne de présélection » on a présélection (.documents.stage)
        _withdrawal_said(dossier, w, kind, names, after, lang)
        _moved(before, after, lang)  # a tie at the line it settled included
        offered_again(after, entry.seq, lang)  # tied for a place: offered again


def _withdrawal_said(dossier: str, w: Any, kind: str, names: tuple[str, ...], after: Any,
                     lang: str) -> None:
    """What a withdrawal did to the place it held: taken by the tie at the line, proposed
    to the next dossier, left to a tie, or none freed (a présélection's words inside
    :func:`isgrid.documents.stage.stage_words`: :func:`.places.words`)."""
    from ..engine.places import lifted

    if kind == "together":  # the tie at the line, taken whole (never the reserve)
        click.echo(words("cli.withdrawn.together", lang, dossier=dossier,
                         promoted=join_names(names, lang)))
    elif kind == "proposed" and (constraint := lifted(after, names[0])) is not None:
        click.echo(_("{dossier} withdrawn; {replacement}, set aside by the constraint "
                     "{constraint}, which no longer blocks it, is proposed in its place.").format(
            dossier=dossier, replacement=names[0], constraint=constraint))
    elif kind in ("reserve", "proposed"):
        click.echo((_("{dossier} withdrawn; {replacement} (reserve) is proposed in its "
                      "place.") if kind == "reserve" else
                    _("{dossier} withdrawn; {replacement} is proposed in its place.")).format(
            dossier=dossier, replacement=names[0]))
    elif kind == "tied":
        click.echo(_("{dossier} withdrawn; {tied} are tied and could replace "
                     "it: record a decision (isgrid decide).").format(
            dossier=dossier, tied=join_names(names, lang)))
    elif w["freed"] is not None and kind == "nobody":
        click.echo(_("{dossier} withdrawn; no dossier is left on the reserve list.").format(
            dossier=dossier))
    elif w["freed"] is not None:
        click.echo(words("cli.withdrawn.none", lang, dossier=dossier))
    else:
        click.echo(words("cli.withdrawn.unselected", lang, dossier=dossier))


# ------------------------------------------------------------------ decisions
@click.command("decisions", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@format_option("table", "json", default="table")
@output_option(None, folder_name="decisions")
@force_option()
@pass_state
@reads_call
def decisions(state: State, folder: Path, fmt: str, output: Path | None, force: bool) -> None:
    """Score with the journal: computed and decided outcomes side by side.

    The JSON is the result of ``isgrid score`` plus the ``decision`` block per
    dossier and the ``decisions``, ``withdrawals``, ``changes``, ``journal``
    and (with constraints) ``constraints`` blocks (docs/decisions.md).

    \b
    Example:
      isgrid decisions my-call --format json -o decided.json
    """
    from ..documents.decisions_text import decisions_table
    from ..documents.stage import is_shortlist, stage_words
    from ..engine import score
    from ..grid.facts import fact_labels
    from ..io.write import dumps_records_bytes, write_output

    call = _load(state, folder)
    typed = score(call)
    state.handle_warnings(typed.constraint_warnings(str(call.folder / "call.yaml")))
    data: str | bytes
    if fmt == "json":  # the bytes of `score --format json`, each record encoded once
        data = dumps_records_bytes(typed.to_json(encoded=True), "dossiers")
    else:  # read from the typed result, in the words of score's table
        # a freed place told as the minutes tell it: meeting.vote is the deliberation of a
        # vote recorded without its own reference
        meeting = call.config.meeting
        # a présélection's has no amount column, as score's table (its documents have none),
        # and its words, « présélectionné » (.documents.stage)
        with stage_words(call):
            data = decisions_table(typed, state.document_lang(call),
                                   fact_labels(call.grid.grid),
                                   meeting.vote if meeting is not None else None,
                                   shortlist=is_shortlist(call))
    if output is None:
        click.echo(data.decode("utf-8") if isinstance(data, bytes) else data, nl=False)
        return
    write_output(output, data, inputs=[call.folder / r for r in call.inputs], force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)
