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
