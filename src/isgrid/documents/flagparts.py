"""A result flag in the words of the jury's documents (:class:`FlagParts`, the Builder's):
its full sentence with the criterion's, rule's or fact's label and who is awaited, and
its few words for the ranking's one-line rows.  One :class:`~.dossier_models.Flag` per distinct
code (a flag's words depend on its code only); what depends on the dossier too (a tie
broken, a disagreement a consensus settled) is :func:`.tiebreak.flags_of`'s."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ..grid.facts import fact_label
from ..i18n import Translator, catalog
from . import dossier_models as dm
from .portfolio import HEADS as PORTFOLIO
from .portfolio import flag_arg
from .seancetext import MISSING, missing_words, seance_translator
from .text import ranks_by_ranking_total, role_word
from .tiebreak import TIE_BROKEN, step_words
from .typography import plural_form

if TYPE_CHECKING:
    from ..grid.model import Criterion, Grid
    from .context import Builder


class FlagParts:
    """The flags' words; the Builder holds the state they read (documents/context.py)."""

    if TYPE_CHECKING:  # the Builder's own
        t: Translator
        grid: Grid
        lang: str
        crit: dict[str, Criterion]
        rule_label: dict[str, str]
        _flags: dict[str, dm.Flag]

        def name(self, aid: str) -> str: ...

    def flag(self, code: str) -> dm.Flag:
        # a Flag depends on its code only, and is immutable: one per distinct code
        found = self._flags.get(code)
        if found is None:
            found = self._flags[code] = self._flag(code)
        return found

    def _flag(self, code: str) -> dm.Flag:
        head, _, arg = code.partition(":")
        short = self._short(head, arg)
        if head in PORTFOLIO:  # a portfolio constraint: its id and label (.portfolio)
            named = flag_arg(cast("Builder", self).result, arg, self.lang)
            return dm.Flag(code=code, text=self.t(f"flag.{head}", arg=named), short=short)
        if head == TIE_BROKEN:  # the step of the call's tie-break; of a dossier: .tiebreak
            steps = step_words(cast("Builder", self), arg)
            return dm.Flag(code=code, text=self.t("tiebreak.flag", steps=steps), short=short)
        if head == MISSING:  # « 2 jurés sur 3 ont noté le dossier »: the two counts apart
            rated, _, expected = arg.partition("/")
            form = plural_form(int(rated), self.lang) if rated.isdigit() else "other"
            return dm.Flag(code=code, short=short, text=self.t(
                f"flag.{head}.{form}", rated=rated, expected=expected))
        # a criterion only one role rates (an instructor's eligibility): who is awaited
        role = self.grid.rated_by(arg) if head == "unknown" else None
        if arg in self.crit:
            arg = f"{self.crit[arg].label} ({arg})"
        elif arg in self.rule_label:
            arg = f"{self.rule_label[arg]} ({arg})"
        elif head == "conflict-excluded":
            arg = self.name(arg)
        else:
            arg = fact_label(self.grid.facts, arg)
        key = "flag.unknown-rated-by" if role else f"flag.{head}"
        said = role_word(role, self.lang, article=True) if role else None
        text = self.t(key, arg=arg, role=said) if key in catalog("report")["fr"] else code
        return dm.Flag(code=code, text=text, short=short)

    def _short(self, head: str, arg: str) -> str:
        """A flag in a few words for the ranking's one-line rows: a criterion or a rule by
        its id (the legend names it), a fact by its label, never an assessor's name."""
        if head == MISSING:  # « noté par 2 jurés sur 3 »: the counts apart, as the sentence
            return missing_words(arg, self.lang)
        key = f"short.{head}"
        if key not in catalog("seance")["fr"]:
            return f"{head} {arg}".strip()
        if head == TIE_BROKEN and ranks_by_ranking_total(cast("Builder", self).result):
            key += ".ranking"  # equal ranking totals, not equal totals
        if arg not in self.crit and arg not in self.rule_label and head not in PORTFOLIO:
            arg = fact_label(self.grid.facts, arg)
        return seance_translator(self.lang)(key, arg=arg).strip()

