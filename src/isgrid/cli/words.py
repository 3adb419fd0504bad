"""Options whose values are words of the call's vocabulary, typed in either language.

``decide --outcome`` and ``--stage``, ``withdraw --stage``: the journal records the
canonical French word (a data format, docs/result.md), and the command line takes it as
well as the word the documents print in English (:func:`isgrid.documents.text.status_word`,
:func:`~isgrid.documents.text.stage_word`: « selected », « eligibility »).  ``assign
--role`` takes the words call.yaml's ``role`` takes (:func:`isgrid.grid.model.
canonical_role`: « juror », « jury member », « instructor »).  The help's list of choices,
its default and the refusal name the words of the command line's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click

from ..io.text import folded
from .base import lang_of
from .options import LANGS


def _key(text: str) -> str:
    """A typed word as compared: « not-selected », « Not selected » and « not_selected »
    alike, accents aside (« ajourne » is « ajourné »)."""
    return folded(text.replace("-", " ").replace("_", " "))


class WordChoice(click.Choice[str]):
    """A choice among canonical values, each also typed as ``said(value, lang)`` says it
    in any of the CLI's languages; it converts to the canonical value."""

    def __init__(self, choices: Iterable[str], said: Callable[[str, str], str]) -> None:
        super().__init__(choices)
        self._said = said

    def typed(self, choice: str, lang: str) -> str:
        """``choice`` as one types it in ``lang``: its words joined by hyphens, as
        « non-retenu » always was (« not-selected »)."""
        return "-".join(self._said(choice, lang).split()) if lang != "fr" else choice

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        if value in self.choices:
            return str(value)
        key = _key(str(value))
        for choice in self.choices:
            if key == _key(choice) or any(key == _key(self._said(choice, lang))
                                          for lang in LANGS):
                return choice
        self.fail(self.get_invalid_choice_message(value, ctx), param, ctx)

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        # click's own sentence (translated as click's are, isgrid.cli.base.CLICK_WORDS),
        # with the words of the command line's language
        lang = lang_of(ctx)
        return "{value!r} is not one of {choices}.".format(
            value=value, choices=", ".join(repr(self.typed(c, lang)) for c in self.choices))

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        lang = lang_of(ctx)
        return "[" + "|".join(self.typed(c, lang) for c in self.choices) + "]"


class WordOption(click.Option):
    """An option of a :class:`WordChoice` whose help says its default as the command
    line's language types it (« [default: juror] », not the canonical « juré »)."""

    def get_help_extra(self, ctx: click.Context) -> Any:
        extra = super().get_help_extra(ctx)
        if isinstance(self.type, WordChoice) and isinstance(self.default, str) \
                and "default" in extra:
            extra["default"] = self.type.typed(self.default, lang_of(ctx))
        return extra


class RoleChoice(WordChoice):
    """``--role``: juré, instructeur; juror, instructor in English; and any word
    call.yaml's ``role`` takes (« jury member »), by the same rule
    (:func:`isgrid.grid.model.canonical_role`)."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        from ..grid.model import canonical_role

        return super().convert(canonical_role(value), param, ctx)


def _role_word(choice: str, lang: str) -> str:
    from ..grid.model import typed_role

    return typed_role(choice, lang)


def role_choice() -> RoleChoice:
    """``--role``: juré, instructeur (juror, instructor in English)."""
    return RoleChoice(["juré", "instructeur"], _role_word)


#: The outcomes ``decide --outcome`` takes, as typed in French, and the journal's value.
OUTCOMES = {"retenu": "retenu", "réserve": "réserve", "non-retenu": "non retenu",
            "ajourné": "ajourné"}


def _outcome_word(choice: str, lang: str) -> str:
    from ..documents.text import status_word

    return status_word(OUTCOMES[choice], lang)


def _stage_word(choice: str, lang: str) -> str:
    from ..documents.text import stage_word

    return stage_word(choice, lang)


class Shortlisted(str):
    """An outcome typed in a présélection's words (« présélectionné », « not shortlisted »):
    the canonical value, to be taken on a présélection only (:func:`refuse_shortlisted`)."""

    typed_as: str = ""


def _shortlist_word(choice: str, lang: str) -> str:
    """The outcome as a présélection's tables print it (:mod:`isgrid.documents.stage`)."""
    from ..documents.stage import SHORTLIST
    from ..i18n import words_of

    with words_of(SHORTLIST):
        return _outcome_word(choice, lang)


class OutcomeChoice(WordChoice):
    """``--outcome``, which also takes the words a présélection's tables print
    (« présélectionné », « non présélectionné », « shortlisted », « not shortlisted »)
    as :class:`Shortlisted` values: the command checks the call is one."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        key = _key(str(value))
        for choice in self.choices:
            if key == _key(choice) or any(key == _key(self._said(choice, lang))
                                          for lang in LANGS):
                return choice
        for choice in self.choices:
            if any(key == _key(_shortlist_word(choice, lang)) for lang in LANGS):
                said = Shortlisted(choice)
                said.typed_as = str(value)
                return said
        self.fail(self.get_invalid_choice_message(value, ctx), param, ctx)


def outcome_choice() -> WordChoice:
    """``--outcome``: retenu, réserve, non-retenu, ajourné; selected, reserve,
    not-selected, postponed in English; on a présélection, présélectionné,
    non-présélectionné (shortlisted, not-shortlisted) too."""
    return OutcomeChoice(OUTCOMES, _outcome_word)


def refuse_shortlisted(outcome: str, call: Any, lang: str) -> None:
    """Refuse (exit 2, nothing recorded) an outcome typed in a présélection's words
    (:class:`Shortlisted`) on a call that is not one: it funds, its words are « retenu »."""
    if not isinstance(outcome, Shortlisted):
        return
    from ..documents.stage import is_shortlist
    from ..errors import Diagnostic, Location, UsageError
    from ..messages import Message

    if is_shortlist(call):
        return
    message = Message("--outcome {typed}: the call's selection is not a présélection "
                      "(selection.shortlist)", typed=outcome.typed_as)
    raise UsageError(message, [Diagnostic(
        "bad-option", message, Location(str(call.folder / "call.yaml")),
        hint=Message("Say --outcome {word}: the call funds the dossiers it selects.",
                     word=OutcomeChoice(OUTCOMES, _outcome_word).typed(str(outcome), lang)))])


def stage_choice() -> WordChoice:
    """``--stage``: recevabilité, instruction, jury, vote; eligibility... in English."""
    from ..vocabulary import STAGES

    return WordChoice(STAGES, _stage_word)
