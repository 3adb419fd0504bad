"""What the nodes of a composed YAML tree read as, and where two values differ
(for :mod:`isgrid.io.yamledit`)."""

from __future__ import annotations

import json
from typing import Any

import yaml

from .yamlio import KeyPath, _scalar, mapping_key


def data(node: yaml.Node) -> Any:
    """The value of a node as isgrid reads it (YAML 1.2's core schema)."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [data(n) for n in node.value]
    return {mapping_key(k) if isinstance(k, yaml.ScalarNode) else repr(k): data(v)
            for k, v in node.value}


def canonical(value: Any) -> str:
    """One text per value, equal for equal values (``True`` is not ``1``)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


def difference(a: Any, b: Any, path: KeyPath = ()) -> KeyPath | None:
    """The first place where ``a`` and ``b`` differ (None: nowhere)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in [*a, *(k for k in b if k not in a)]:
            if k not in a or k not in b:
                return (*path, k)
            where = difference(a[k], b[k], (*path, k))
            if where is not None:
                return where
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            where = difference(x, y, (*path, i))
            if where is not None:
                return where
        return None
    return None if type(a) is type(b) and a == b else path  # (True is not 1)


def nodes_on(root: yaml.Node | None, path: KeyPath) -> list[yaml.Node]:
    """The nodes from the top down to the value at ``path``, as far as it goes."""
    out = [root] if root is not None else []
    for part in path:
        node = out[-1] if out else None
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode)
                          and mapping_key(k) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and part < len(node.value):
            found = node.value[part]
        else:
            found = None
        if found is None:
            break
        out.append(found)
    return out
