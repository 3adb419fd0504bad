"""The words every stage shares: modes, statuses, outcomes, the tolerance, numbers.

One place for them, so that no module compares against a string literal of its
own.  The enums are ``str`` enums: a ``Status.RETENU`` *is* the string
``"retenu"``, so the result JSON, the templates and the CSV keep their words.
"""

from __future__ import annotations

from enum import StrEnum

#: Decimal places kept in scored totals (:func:`isgrid.engine.judge.weighted_total`), and
#: the places a number is read « as written » to before it is rounded for a reader
#: (:func:`isgrid.messages.half_up`).
TOTAL_DECIMALS = 9

#: Two totals (or amounts) closer than this are equal.  Totals are sums of a few
#: dozen products of small numbers: 1e-9 is far above float rounding there and
#: far below any difference a jury could mean.
EPS = 1e-9

#: a number's types, as one tuple: ``isinstance`` with it is about twice as fast as with
#: ``int | float``, which makes a union at each call (the engine's steps per dossier)
NUMBER_TYPES = (int, float)

#: The most draws of the sensitivity analysis (``--draws``, call.yaml's
#: ``sensitivity.draws``): far beyond what its estimates need (at 10,000 draws a share
#: is known to within 1 %), far below what exhausts the memory (``--draws 100000000000``
#: ended in a MemoryError).
MAX_DRAWS = 10_000


class Mode(StrEnum):
    """The three ways grids judge (DESIGN.md)."""

    CHECKLIST = "checklist"
    PROFILE = "profile"
    SCORED = "scored"


class Status(StrEnum):
    """A dossier's status in a result (docs/result.md)."""

    A_VERIFIER = "à vérifier"
    IRRECEVABLE = "irrecevable"
    INCOMPLET = "incomplet"
    CLASSE = "classé"
    NON_CLASSE = "non classé"
    RETENU = "retenu"
    RESERVE = "réserve"
    NON_RETENU = "non retenu"
    RETIRE = "retiré"
    AJOURNE = "ajourné"


#: Every status in the order documents count them (the committee report's summary): the
#: selection, then what people decided against or postponed, then what the engine could
#: not rank, then what left the call.  ``tests/documents`` checks it holds every status.
STATUS_ORDER: tuple[Status, ...] = (
    Status.RETENU, Status.RESERVE, Status.NON_RETENU, Status.AJOURNE, Status.CLASSE,
    Status.NON_CLASSE, Status.INCOMPLET, Status.A_VERIFIER, Status.IRRECEVABLE, Status.RETIRE)


class Outcome(StrEnum):
    """What a stage decides for a dossier (the journal's ``outcome``)."""

    RETENU = "retenu"
    RESERVE = "réserve"
    NON_RETENU = "non retenu"
    AJOURNE = "ajourné"
    RETIRE = "retiré"


#: The stages of a call, in order (the journal's ``stage``).
STAGES: tuple[str, ...] = ("recevabilité", "instruction", "jury", "vote")


def num(x: float | int | None) -> float | int | None:
    """Integral floats as ints, so JSON shows 3 rather than 3.0 (the same value)."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x
