"""What a dossier asks for and what the call can propose (DESIGN.md, "Money").

One function, used by the engine and by the jury's re-scoring (calibration,
sensitivity), so that the two cannot drift apart: they once did, and the
analyses stopped on a dossier whose amount could not be computed.

Money is decimal: an amount is the decimal number its float is written as
(``repr``: 0.55 is 0.55, not 0.55000000000000004), products and sums are taken
in :class:`~decimal.Decimal`, and a computed amount is rounded *down* to
``funding.round`` (cents by default), so that 0.55 x 46 000 is 25 300 and a
budget of 52 100 less 27 100 and 25 000 leaves exactly 0.  :func:`add` and
:func:`less` are the only sums of money in the engine.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from ..call.blocks import envelope_holds
from ..call.model import CallConfig
from ..vocabulary import EPS, NUMBER_TYPES


def dec(x: float | int) -> Decimal:
    """An amount as the decimal number it is written as."""
    return Decimal(x) if isinstance(x, int) else Decimal(repr(float(x)))


#: Whole amounts whose absolute values add up below this are summed exactly by floats
#: (the one bound: :func:`add` here, the analyses' walks in :mod:`.arrays`).
EXACT_BELOW = _EXACT = float(2**53)


def add(amounts: Iterable[float | int]) -> float:
    """The exact decimal sum of amounts."""
    given = amounts if isinstance(amounts, list | tuple) else list(amounts)
    # Whole euros (most calls' amounts) below 2**53 in all are exact binary numbers, and
    # so is every partial sum: the float sum is the decimal one, without the text round
    # trip that makes the selection's walk slow (sensitivity walks it 1,000 times).
    total = bound = 0.0
    for a in given:
        x = float(a)
        if not x.is_integer():
            break
        total += x
        bound += abs(x)
    else:
        if bound < _EXACT:
            return total
    return float(sum((dec(a) for a in given), Decimal(0)))


class Tally:
    """:func:`add` kept running: the exact decimal sum of the amounts put in, less those
    taken out, read as :func:`add` gives it (``total``: the float nearest the exact sum,
    which is what :func:`add` returns on both its paths).  What the journal's replay keeps
    of the money the places hold from one entry to the next (engine/decide.py): summing
    6,000 places' money again at each place freed made a national séance quadratic."""

    __slots__ = ("_sum",)

    def __init__(self, amounts: Iterable[float | int] = ()) -> None:
        self._sum = sum((dec(a) for a in amounts), Decimal(0))

    def put(self, amount: float | int) -> None:
        self._sum += dec(amount)

    def take(self, amount: float | int) -> None:
        self._sum -= dec(amount)

    def put_all(self, other: Tally) -> None:
        """The amounts of ``other`` put in this one too."""
        self._sum += other._sum

    def copy(self) -> Tally:
        t = Tally()
        t._sum = self._sum
        return t

    def total(self, *others: Tally, without: Iterable[float | int] = ()) -> float:
        """``add`` of this tally's amounts and ``others``', less ``without`` (amounts it
        holds that the reader leaves out)."""
        s = self._sum
        for o in others:
            s += o._sum
        for a in without:
            s -= dec(a)
        return float(s)


def held_total(amounts: Iterable[float | int | None]) -> float:
    """The money a selection holds: the exact sum of its dossiers' amounts (granted,
    else proposed), with or without a budget.  An amount unknown counts 0, as in the
    walk's own sum (:func:`.select.walk`'s held dossiers): only a call without a budget
    selects such a dossier, or a decision retains one without ``--amount``.  The
    proposal's ``spent`` and the decided ``committed`` are both this sum
    (docs/result.md), so that the same selection says the same money in both."""
    return add([float(a or 0.0) for a in amounts])


def less(a: float | int, b: float | int) -> float:
    """``a - b`` in decimal (what is left of an envelope)."""
    x, y = float(a), float(b)
    if x.is_integer() and y.is_integer() and abs(x) + abs(y) < _EXACT:
        return x - y  # exact, as in add()
    return float(dec(a) - dec(b))


def round_down(amount: Decimal, step: float | int) -> Decimal:
    """``amount`` rounded down to a multiple of ``step`` (0.01, 1 or 100)."""
    s = dec(step)
    return (amount / s).to_integral_value(rounding=ROUND_FLOOR) * s


@functools.lru_cache(maxsize=64)
def _ratio(x: float | int) -> tuple[int, int]:
    """A call's rate or rounding step as the fraction its decimal writing is (0.8 is 4/5)."""
    return dec(x).as_integer_ratio()


def _whole(x: Any) -> int | None:
    """A whole amount below 2**53 as an int; None for anything else."""
    if isinstance(x, int) and not isinstance(x, bool):
        return x if abs(x) < _EXACT else None
    if isinstance(x, float) and x.is_integer() and abs(x) < _EXACT:
        return int(x)
    return None


def _capper(rate: float | int | None, cap: float | int | None, step: float | int
            ) -> Callable[[float, Any], float | None]:
    """``round_down(min(requested, rate x costs, cap), step)`` for whole amounts, in
    integers: a function of ``(requested, costs)`` for a call's ``rate``, ``cap`` and
    ``step``, worked out once.

    The same number as the decimal computation (below, and ``tests/engine/test_money.py``
    compares them): the amounts are whole numbers below 2**53, the rate a fraction
    p/q with a small p (``rate x costs`` then has fewer than 28 digits, Decimal's
    precision, so the decimal product is exact), and the step a power of ten (the
    decimal division by it is exact): every decimal operation is then exact, and so
    is this one on integers.  The last division is correctly rounded to a float, as
    the Decimal's conversion is.  None when these conditions do not hold: the
    caller takes the decimal path.  A national call's 20,000 amounts took a fifth
    of the engine's own time in Decimal.
    """
    sp, sq = _ratio(step)
    rp, rq = _ratio(rate) if rate is not None else (0, 1)
    k = _whole(cap) if cap is not None else None
    if not ((sp == 1 and _TEN_POWERS.get(sq)) or (sq == 1 and _TEN_POWERS.get(sp))) \
            or abs(rp) >= 10**12 or (cap is not None and k is None):
        return lambda requested, costs: None
    with_rate = rate is not None

    def capped(requested: float, costs: Any) -> float | None:
        a = _whole(requested)
        if a is None:
            return None
        b = 1  # the smallest cap so far is a / b
        if with_rate:
            c = _whole(costs)
            if c is None:
                return None
            if rp * c < a * rq:
                a, b = rp * c, rq
        if k is not None and k * b < a:
            a, b = k, 1
        n = (a * sq) // (b * sp)  # floor: ROUND_FLOOR
        return float(n * sp) if sq == 1 else (n * sp) / sq
    return capped


_TEN_POWERS = {10**k: True for k in range(7)}
_UNSEEN: Any = object()  # not capped yet (None is an amount that cannot be computed)

#: what :func:`money` gives for one dossier
Money = tuple[float | None, float | None, bool, bool, list[str]]


def money(facts: dict[str, Any], cfg: CallConfig) -> Money:
    """``(requested, proposed, selectable, amount_unknown, flags)`` for one dossier.

    ``proposed`` is the request capped by ``funding`` (rate x eligible costs,
    cap); None when it cannot be computed.  With a budget, a dossier whose
    amount is unknown is not selectable (``amount_unknown``: the engine gives it
    ``selected: null``, status ``à vérifier``); one below ``funding.minimum`` is
    not selectable either.
    """
    return money_many((facts,), cfg)[0]




def money_many(facts: Sequence[Mapping[str, Any]], cfg: CallConfig) -> list[Money]:
    """:func:`money` of every dossier of a call, in order (the call's funding read once)."""
    funding = cfg.funding
    budget = cfg.budget is not None
    # without a budget, selecting by ``top``: an envelope constraint needs its dossiers' amounts
    top = not budget and cfg.selection is not None and cfg.selection.top is not None
    rate = funding.rate if funding is not None else None
    cap = funding.cap if funding is not None else None
    minimum = funding.minimum if funding is not None else None
    capped = _capper(rate, cap, funding.round) if funding is not None else None
    # a call's dossiers ask a few hundred distinct amounts on a few hundred distinct
    # costs: each pair is capped once (equal numbers, 5 and 5.0, give the same amount)
    capped_of: dict[tuple[float, Any], float | None] = {}
    out: list[Money] = []
    for f in facts:
        flags: list[str] = []
        raw = f.get("amount_requested")
        requested = float(raw) if isinstance(raw, NUMBER_TYPES) else None
        proposed = requested
        selectable = True
        if funding is not None and requested is not None:
            costs: Any = None
            if rate is not None:
                costs = f.get("eligible_costs")
                if not isinstance(costs, NUMBER_TYPES) or isinstance(costs, bool):
                    proposed = None
                    flags.append("unknown:eligible_costs")
            if proposed is not None:
                assert capped is not None
                pair = (requested, costs)
                proposed = capped_of.get(pair, _UNSEEN)
                if proposed is _UNSEEN:
                    proposed = capped_of[pair] = capped(requested, costs)
                if proposed is None:
                    caps = [dec(requested)]
                    if rate is not None:
                        caps.append(dec(rate) * dec(costs))
                    if cap is not None:
                        caps.append(dec(cap))
                    proposed = float(round_down(min(caps), funding.round))
        amount_unknown = False
        if budget or (top and envelope_holds(cfg.constraints, f)):
            if requested is None:
                selectable = False
                amount_unknown = True
                flags.append("unknown:amount_requested")
            elif proposed is None:
                selectable = False
                amount_unknown = True
        if minimum is not None and proposed is not None and proposed + EPS < minimum:
            selectable = False
            flags.append("below-minimum-grant")
        out.append((requested, proposed, selectable, amount_unknown, flags))
    return out
