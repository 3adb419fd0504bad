"""Hints for a YAML file's own mistakes (:mod:`isgrid.io.yamlio` reports them)."""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import Message
from ..messages import Quoted


def duplicate_hint(key: Any, first: tuple[int, int] | None,
                    value: yaml.Node) -> Message | None:
    """What to do with a key written twice, with the line of the first: two blocks (a
    second ``set:`` under the one ``call init --from`` copied) are merged, never one of
    them deleted, which loses its settings (review 19, finding 5); two values, one kept."""
    if first is None:
        return None
    if isinstance(value, yaml.MappingNode):
        return Message("The key {key} first appears on line {first}: merge the two blocks, moving "
                       "the lines under this one under the first, then delete this line.",
                       key=Quoted([str(key)]), first=first[0])
    return Message("The key {key} first appears on line {first}: keep one of the two values and "
                   "delete the other line.", key=Quoted([str(key)]), first=first[0])
