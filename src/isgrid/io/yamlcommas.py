"""Numbers a decimal comma split inside a YAML flow mapping (``{rate: 0,5}``: the rate 0,
then a key « 5 » without a value): which pairs they are, read by :mod:`.yamlio`, which
says the error once, at the number."""

from __future__ import annotations

import re
from typing import Any

import yaml

#: A number's digits before a comma, and the digits after it that YAML took for a key
_WHOLE = re.compile(r"[-+]?[0-9]+")
_DIGITS = re.compile(r"[0-9]+")


def digit_groups(pairs: list[tuple[Any, Any]], first: int) -> list[yaml.ScalarNode]:
    """The keys from ``first`` (one of :func:`decimal_commas`) that continue the number
    before it: ``first``'s, then, when it has three digits, each next key of three digits
    with no value right after the one before (``{cap: 1,000,000}``: « 000 », « 000 »)."""
    out = [pairs[first][0]]
    for key, value in pairs[first + 1:]:
        before = out[-1]
        if not (len(out[0].value) == 3 and isinstance(key, yaml.ScalarNode)
                and isinstance(value, yaml.ScalarNode) and key.style in (None, "")
                and value.value == "" and re.fullmatch(r"[0-9]{3}", key.value)
                and key.start_mark.line == before.end_mark.line
                and 1 <= key.start_mark.index - before.end_mark.index <= 2):
            break
        out.append(key)
    return out


def decimal_commas(node: yaml.MappingNode) -> set[int]:
    """The pairs of a flow mapping (``{…}``) that are the decimals of the number before
    them: ``{rate: 0,5, cap: 1}`` is read rate: 0, then a key « 5 » without a value.  The
    telltale: a key of digits only, with no value, right after (one comma, perhaps a
    space) a plain integer on the same line."""
    out: set[int] = set()
    pairs = node.value
    for i in range(1, len(pairs)):
        number, (key, value) = pairs[i - 1][1], pairs[i]
        if all(isinstance(n, yaml.ScalarNode) and n.style in (None, "")
               for n in (number, key, value)) and value.value == "" \
                and _WHOLE.fullmatch(number.value) and _DIGITS.fullmatch(key.value) \
                and key.start_mark.line == number.end_mark.line \
                and 1 <= key.start_mark.index - number.end_mark.index <= 2 \
                and i - 1 not in out:
            out.add(i)
    return out


def bare_number(node: yaml.MappingNode) -> list[yaml.ScalarNode] | None:
    """A flow mapping that is nothing but a number a comma split, without a key:
    ``budget: {30,000}`` is read as the keys « 30 » and « 000 », neither with a value.
    Its first key (the number's whole part) then the keys that continue it
    (:func:`digit_groups`: « 000 » after « 30 »; one group of any digits after it, several
    of three), when they are the whole mapping; else None (``{30, 40}`` is split too, as
    ``{margin: 2, 5}`` is; ``{30: a, 5}``, ``{30,\\n 5}`` are not)."""
    pairs = node.value
    if len(pairs) < 2 or not all(
            isinstance(n, yaml.ScalarNode) and n.style in (None, "")
            for pair in pairs for n in pair):
        return None
    (whole, value), (key, after) = pairs[0], pairs[1]
    if not (value.value == "" == after.value and _WHOLE.fullmatch(whole.value)
            and _DIGITS.fullmatch(key.value) and key.start_mark.line == whole.end_mark.line
            and 1 <= key.start_mark.index - whole.end_mark.index <= 2):
        return None
    digits = digit_groups(pairs, 1)
    return [whole, *digits] if len(digits) == len(pairs) - 1 else None
