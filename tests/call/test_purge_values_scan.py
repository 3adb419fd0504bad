"""The purge's search for removed contact values in every file (``purge_names._Values``)
finds what one regular expression alternating the values, longest first, found: the
leftmost value, the longest at a position, then the next after it.  It no longer is that
expression: Python's ``re`` tried the alternatives one after another at each position, 20
ms a 2 kB file with 4,000 addresses (half an hour at a national call's size)."""

from __future__ import annotations

import random
import re

from isgrid.call.purge_names import _Values


def _alternation(values: list[str], text: str) -> list[tuple[int, str]]:
    pattern = re.compile("|".join(re.escape(v) for v in sorted(set(values),
                                                                key=lambda v: (-len(v), v))))
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


def test_by_hand() -> None:
    v = _Values(["marie@asso.fr", "marie@asso.fr.eu", "03 88 00 00 00", "ab", "a"])
    text = "x marie@asso.fr.eu y marie@asso.fr z ab a 03 88 00 00 00"
    # by hand: « x » and a space (2), the longer address (16) from 2 to 18, « y » and
    # spaces to 21, the shorter (13) from 21 to 34, « z » to 37, « ab » at 37, « a » at 40,
    # the phone at 42; the « a » inside each address is part of it, never found apart
    assert v.found(text) == [(2, "marie@asso.fr.eu"), (21, "marie@asso.fr"), (37, "ab"),
                             (40, "a"), (42, "03 88 00 00 00")]
    assert v.search("rien à signaler") is True  # the « a » of « signaler »
    assert _Values(["zz"]).search("rien") is False
    assert _Values([]).found("a") == [] and _Values([""]).found("a") == []


def test_the_same_as_the_alternation_on_random_texts() -> None:
    rnd = random.Random(20261206)
    alphabet = "ab.@ 0"
    for _ in range(300):
        values = ["".join(rnd.choices(alphabet, k=rnd.randint(1, 6)))
                  for _ in range(rnd.randint(1, 8))]
        text = "".join(rnd.choices(alphabet, k=rnd.randint(0, 60)))
        assert _Values(values).found(text) == _alternation(values, text), (values, text)
        assert _Values(values).search(text) == bool(_alternation(values, text))
