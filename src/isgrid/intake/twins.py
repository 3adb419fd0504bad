"""The same project taken in twice: a dossier number the source gives twice (an API whose
pages repeat a dossier), or two dossiers with the same beneficiary's SIRET and the same
title (a holder who submitted the project again under a new number rather than correcting
the first).  Both are said, ``intake-duplicate``, a warning at the second's place: the
second number is left out; two numbers are two dossiers of the platform, both taken in,
and the secretariat decides (review-data19 §12: both passed without a word)."""

from __future__ import annotations

from typing import Any

from ..errors import Collector, Location, Message, Quote
from .source import fold


class Twins:
    """What :func:`isgrid.intake.mapping.map_source` has taken in so far, to say a twin."""

    def __init__(self, siret: str | None, diags: Collector) -> None:
        self.siret, self.diags = siret, diags
        self.numbers: dict[int, Location] = {}
        self.projects: dict[tuple[str, str], int] = {}  # (SIRET, folded title) -> number

    def repeated(self, number: int, where: Location) -> bool:
        """The dossier ``number`` was given before (said, and to be left out)."""
        first = self.numbers.setdefault(number, where)
        if first is where:
            return False
        self.diags.add("intake-duplicate", Message(
            "the source gives the dossier {number} twice: the second is left out",
            number=number), where, severity="warning",
            hint="Run isgrid intake again; if the platform's answer repeats the dossier, "
                 "take the export file instead (isgrid intake --from).")
        return True

    def project(self, number: int, title: str, facts: dict[str, Any], where: Location) -> None:
        """Say the dossier ``number`` when an earlier one has its SIRET and its title."""
        siret = facts.get(self.siret) if self.siret else None
        if not isinstance(siret, str) or not siret or not title.strip():
            return
        key = (siret, fold(title))
        other = self.projects.setdefault(key, number)
        if other == number:
            return
        self.diags.add("intake-duplicate", Message(
            "the dossier {number} has the SIRET ({siret}) and the title ({title}) of the "
            "dossier {other}: the same project submitted twice?", number=number,
            siret=siret, title=Quote(title.strip()[:60]), other=other), where,
            severity="warning",
            hint=Message("Both are taken in. If it is one project, keep one: classify the "
                         "other « sans suite » on the platform, then run isgrid intake again "
                         "(a dossier out of intake.states is left out); if they are two "
                         "projects, nothing to do."))
