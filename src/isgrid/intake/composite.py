"""The columns of one composite champ: the name, and its code beside it.

Démarche Numérique writes some champs as several columns of its export, each headed by
the champ's label and a part in brackets (``paths`` of ``app/models/types_de_champ/``,
read in 2026): a « Département » champ gives « <label> » (the name, « Haut-Rhin ») and
« <label> (Code) » (« 68 »); a « Région » champ the same; an « EPCI » champ « <label> »,
« <label> (Code) » and « <label> (Département) »; a « Commune » champ « <label> » (the
name, with its postcode), « <label> (Code INSEE) » and « <label> (Département) »
(« 68 – Haut-Rhin »).  An address, a SIRET, a country or a linked drop-down list give one
column.  A grid's rules compare codes (``departement in: ["67", "68"]``): a fact mapped to
the name would make every dossier ineligible.

:func:`composite_columns` finds such groups among an export's columns; intake says when a
fact a rule reads is mapped to the name while the code has its own column
(``intake-composite-column``), and never calls the other columns of a champ it reads
« mapped to no fact ».
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..call.blocks import Intake
from ..errors import Collector, Location, Message
from ..grid.facts import code_like, fact_conditions, fact_root, literal_targets
from ..grid.model import Condition
from .source import fold

#: The parts the platform puts in brackets after a composite champ's label, by their folded
#: form: the code ones first (the column a rule on codes reads)
PARTS = {"code": "Code", "code insee": "Code INSEE", "departement": "Département"}
CODE_PARTS = ("code", "code insee")
_PART = re.compile(r"^(?P<base>.*\S)\s*\((?P<part>[^()]+)\)\s*$")


def composite_columns(labels: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Each column of ``labels`` that belongs to a composite champ, folded -> (the champ's own
    column, the name, as written; its part folded: ``""`` for the name, ``code``…).  A
    column « X (Code) » counts only beside a column « X »: a label that happens to end in
    brackets (« Montant (HT) ») is no part."""
    written = {fold(x): x for x in labels}
    out: dict[str, tuple[str, str]] = {}
    for folded, label in written.items():
        m = _PART.match(label)
        if m is None:
            continue
        part, base = fold(m["part"]), fold(m["base"])
        if part not in PARTS or base not in written:
            continue
        out[folded] = (written[base], part)
        out.setdefault(base, (written[base], ""))
    return out


def taken_together(labels: Iterable[str], used: Callable[[str], bool]) -> set[str]:
    """The columns (folded) of the composite champs of ``labels`` one of whose columns is
    ``used``: the other parts of a champ intake reads are not columns « mapped to no fact »."""
    groups = composite_columns(labels)
    bases = {fold(base) for f, (base, _) in groups.items() if used(f)}
    return {f for f, (base, _) in groups.items() if fold(base) in bases}


def code_rules(rules: Sequence[Condition]) -> dict[str, tuple[str, list[Any]]]:
    """Each dossier fact that a rule of ``rules`` (the grid's eligibility) compares with
    codes: (the first such rule's id, the codes).  A rule on names (« Haut-Rhin ») or on
    the fact's presence is not one."""
    out: dict[str, tuple[str, list[Any]]] = {}
    for rule in rules:
        for leaf in fact_conditions(rule):
            targets = literal_targets(leaf)
            if leaf.fact is not None and targets and all(map(code_like, targets)):
                out.setdefault(fact_root(leaf.fact), (getattr(rule, "id", "?"), targets))
    return out


def name_columns(columns: dict[str, Location], intake: Intake, rules: Sequence[Condition],
                 key: Callable[..., Location], diags: Collector) -> None:
    """A warning (``intake-composite-column``, at the fact's key in call.yaml) per fact a
    rule of ``rules`` compares with codes that intake maps to a composite champ's name,
    while the export has the code in a column of its own: the column read, the one to
    read, and how to keep the name on purpose (the code column under ``intake.ignore``)."""
    groups = composite_columns(columns)
    if not groups:
        return
    reading = code_rules(rules)
    ignored = {fold(x) for x in intake.ignore}
    by_base: dict[str, list[str]] = {}
    for f, (base, part) in groups.items():
        if part in CODE_PARTS:
            by_base.setdefault(fold(base), []).append(f)
    written = {fold(x): x for x in columns}
    for name, spec in intake.facts.items():
        compared = reading.get(name)
        if compared is None:
            continue
        read = next((fold(x) for x in spec.labels if fold(x) in written), None)
        if read is None or groups.get(read, ("", "?"))[1] != "":
            continue  # not read from a column, or from a part already
        codes = sorted(by_base.get(read, ()), key=lambda f: CODE_PARTS.index(groups[f][1]))
        if not codes or any(f in ignored for f in codes):
            continue
        code = written[codes[0]]
        labels = list(dict.fromkeys(code if fold(x) == read else x for x in spec.labels))
        diags.add("intake-composite-column",
                  Message("{fact} reads the column “{column}”, the name the platform writes "
                          "for this champ; its code is in the column “{code}”",
                          fact=name, column=written[read], code=code),
                  key("intake", "facts", name), severity="warning",
                  hint=Message("The grid's eligibility rule {rule} compares {fact} with "
                               "codes ({codes}). Write, under intake.facts in call.yaml: "
                               "{line}, then run isgrid intake again. To keep the name on "
                               "purpose, list “{code}” under intake.ignore.",
                               rule=compared[0], fact=name, code=code,
                               codes=", ".join(map(str, compared[1][:6]))
                               + ("…" if len(compared[1]) > 6 else ""),
                               line=yaml_line(name, labels, list(spec.champs))))


def yaml_line(key: str, labels: list[str], champs: list[str]) -> str:
    """The line of call.yaml mapping ``key`` to ``labels`` (and ``champs``), in YAML, as a
    hint shows it."""
    def text(x: str) -> str:
        return json.dumps(x, ensure_ascii=False)  # a double-quoted YAML scalar

    if champs:
        return (f"`{key}: {{labels: [{', '.join(map(text, labels))}], "
                f"champs: [{', '.join(map(text, champs))}]}}`")
    if len(labels) == 1:
        return f"`{key}: {text(labels[0])}`"
    return f"`{key}: [{', '.join(map(text, labels))}]`"
