"""What ``isgrid decide`` and ``isgrid withdraw`` say a journal entry did to a place: the
one it freed, offered to the reserve or left to a tie, offered again, settled, or taken back
(read from the typed result before and after the entry; nothing recomputed).  How a place
stands is the engine's one reading (:func:`isgrid.engine.places.place_kind`), the minutes'
too (:mod:`isgrid.documents.places`); each sentence here is this command's own."""

from __future__ import annotations

from typing import Any

import click

from ..i18n import join_names
from .base import _


def place_said(before: Any, after: Any, dossier: str, seq: int, lang: str) -> None:
    """What a decision did to a place: the one a refusal freed, offered to the reserve
    (as ``withdraw`` says it), or the one a dossier reinstated takes back while the
    dossier proposed in its place keeps its own (never silently: the overrun is said)."""
    from ..documents.text import fmt_money
    from ..engine.places import lifted, place_kind
    from ..vocabulary import Status

    place = next((x for x in after.refusals if x["seq"] == seq), None)
    if place is not None:
        # the line before says the decision (« AL16-01 : retenu -> non retenu »): the place
        # is named, « à la place d'AL16-01 » (« de » elided as before a name:
        # isgrid.i18n.de_name), never « sa place » of no one in this sentence
        of_dossier = of(dossier, lang)
        kind, names = place_kind(place)
        if kind == "together":  # the tie at the line, taken whole (never the reserve)
            click.echo(words("cli.place.together", lang, promoted=join_names(names, lang),
                             of_dossier=of_dossier))
        elif kind == "proposed" and (constraint := lifted(after, names[0])) is not None:
            # a maximum kept it off the reserve; the freed place lifted it (review rev-money F8)
            click.echo(_("{replacement}, set aside by the constraint {constraint}, which no "
                         "longer blocks it, is proposed in place {of_dossier}.").format(
                replacement=names[0], constraint=constraint, of_dossier=of_dossier))
        elif kind in ("reserve", "proposed"):
            click.echo((_("{replacement} (reserve) is proposed in place {of_dossier}.")
                        if kind == "reserve" else
                        _("{replacement} is proposed in place {of_dossier}.")).format(
                replacement=names[0], of_dossier=of_dossier))
        elif kind == "tied":
            click.echo(_("{tied} are tied and could take the place {of_dossier}: record "
                         "a decision (isgrid decide).").format(
                tied=join_names(names, lang), of_dossier=of_dossier))
        elif kind == "nobody":
            click.echo(_("No dossier is left on the reserve list."))
        else:  # none of the reserve fits the money (a présélection: only with a budget)
            click.echo(words("cli.place.none", lang))
        return
    if offered_again(after, seq, lang):
        return
    settled = [x for x in after.freed_places if (x.get("settled") or {}).get("seq") == seq]
    for x in settled:  # a decision retaining one of the dossiers tied for a freed place
        click.echo(_("{dossier} takes the place {of_freed}: the tie is settled.").format(
            dossier=dossier, of_freed=of(x["dossier"], lang)))
    if settled:
        return
    now = after.current
    over = (fmt_money(-now.remaining, lang) if now is not None and now.remaining is not None
            and now.remaining < 0 else None)
    others = [i for i in before.dossier(dossier).decision.replaced_by
              if after.dossier(i).status == Status.RETENU]
    other = join_names(others, lang)
    if (others and after.dossier(dossier).status == Status.RETENU
            and before.dossier(dossier).status != Status.RETENU):
        # the tie at the line taken whole in its place (many), or one dossier proposed in it
        key = "cli.back.many" if len(others) > 1 else "cli.back.one"
        click.echo(words(key + (".over" if over is not None else ""), lang, dossier=dossier,
                         others=other, other=other, over=over))
    elif over is not None:  # whatever made it so (a chain of places): never silently
        click.echo(_("The budget is overrun by {over}.").format(over=over))


def words(key: str, lang: str, **values: object) -> str:
    """A sentence of the decisions catalog (``locale/decisions.json``, ``cli.*``) in
    ``lang``, with French spacing: those that say the funding line or « retenu », whose
    présélection words (« ligne de présélection », « présélectionné ») are the catalog's
    ``key@shortlist``, said inside :func:`isgrid.documents.stage.stage_words` as every
    présélection word is (:func:`isgrid.i18n.words_of`)."""
    from ..i18n import french_spacing, translator

    text = translator("decisions", lang)(key, **values)
    return french_spacing(text) if lang == "fr" else text


def of(dossier: str, lang: str) -> str:
    """« of D2 », « de D2 », « d'AL16-02 »: a place's dossier, as the messages name it
    (``{of_dossier}``, ``{of_freed}``; « de » elided as before a name: isgrid.i18n.de_name)."""
    from ..i18n import de_name

    return de_name(dossier) if lang == "fr" else f"of {dossier}"


def offered_again(after: Any, seq: int, lang: str) -> bool:
    """Say each place left to a tie that entry ``seq`` (a refusal or a withdrawal of one of
    the tied) offered again (``freed_places[].offered_at``); True when there was one."""
    from ..engine.places import lifted, place_kind

    again = [x for x in after.freed_places if x["offered_at"] == seq and x["seq"] != seq]
    for x in again:
        kind, names = place_kind(x)
        if kind == "together":  # the tie at the line, taken whole
            click.echo(words("cli.place.again.together", lang, of_freed=of(x["dossier"], lang),
                             promoted=join_names(names, lang)))
        elif kind == "proposed" and (constraint := lifted(after, names[0])) is not None:
            click.echo(_("The place {of_freed} is offered again: {replacement}, set aside by "
                         "the constraint {constraint}, which no longer blocks it, is proposed "
                         "in it.").format(of_freed=of(x["dossier"], lang), replacement=names[0],
                                          constraint=constraint))
        elif kind in ("reserve", "proposed"):
            click.echo((_("The place {of_freed} is offered again: {replacement} (reserve) is "
                          "proposed in it.") if kind == "reserve" else
                        _("The place {of_freed} is offered again: {replacement} is proposed "
                          "in it.")).format(of_freed=of(x["dossier"], lang), replacement=names[0]))
        elif kind == "tied":
            click.echo(_("The place {of_freed} is offered again: {tied} are tied and could "
                         "take it: record a decision (isgrid decide).").format(
                of_freed=of(x["dossier"], lang), tied=join_names(names, lang)))
        elif kind == "nobody":
            click.echo(_("The place {of_freed} is offered again: no dossier is left on the "
                         "reserve list.").format(of_freed=of(x["dossier"], lang)))
        else:
            click.echo(words("cli.place.again.none", lang, of_freed=of(x["dossier"], lang)))
    return bool(again)
