"""Dossiers of a call: one YAML file each, or one table (CSV or workbook,
:mod:`isgrid.call.dossier_table`).

Facts are typed by the grid (``isgrid.grid.facts``), then validated against the
JSON Schema generated from it (:mod:`isgrid.call.dossier_facts`); the place of every
problem is kept.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Collector, Count, Location, Message, Quote
from ..grid.facts import coerce, fact_schema
from ..grid.load import LoadedGrid
from ..grid.model import FactSpec
from ..io.folder import hash_into as _hash
from ..io.folder import inside, linked_out, listed
from ..io.yamlio import Doc, load_yaml
from ..messages import Quotes
from .dossier_facts import (
    CACHED_TYPES,
    MONEY_FACTS,
    RESERVED_DOSSIER_KEYS,
    ExcelCheck,
    LazyValidator,
    agreement_fact,
    agreement_undeclared,
    check_id,
    coded_values,
    money_text,
    typed_cell,
    valid_id,
    validate_facts,
)
from .dossier_table import dossiers_from_table
from .model import CallConfig, Dossier
from .siret import beneficiary_fact, check_beneficiary_siret


def dossier_tables(folder: Path, config: CallConfig) -> list[Path]:
    """The tables a call's dossiers are read from: ``dossier_table.file`` when call.yaml
    names one, else ``dossiers.csv`` and ``dossiers.xlsx`` where they are."""
    if config.dossier_table and config.dossier_table.file is not None:
        return [folder / config.dossier_table.file]
    return [folder / n for n in ("dossiers.csv", "dossiers.xlsx") if (folder / n).is_file()]


def dossier_places(folder: Path, config: CallConfig) -> str:
    """Where this call's dossiers are, as the secretariat names them (« dossiers/ »,
    « dossiers.csv », both): what a hint about an unknown dossier id points to."""
    places = ["dossiers/"] if (folder / "dossiers").is_dir() else []
    places += [p.relative_to(folder).as_posix() for p in dossier_tables(folder, config)]
    return ", ".join(places) or "dossiers/"


def load_dossiers(folder: Path, config: CallConfig, grid: LoadedGrid, diags: Collector,
                   inputs: dict[str, str]) -> list[Dossier]:
    facts = grid.grid.facts
    # what Excel did to the text facts (#NOM?, 1,23457E+13, « 1 » for the rule's « 01 »)
    excel = ExcelCheck(facts, coded_values(grid.grid.eligibility))
    schema = fact_schema(facts)
    validator = LazyValidator(schema)
    out: list[Dossier] = []
    read: dict[str, str] = {}  # sha256 of the bytes read, by path (for inputs)
    table_file = config.dossier_table.file if config.dossier_table else None
    yaml_dir = folder / "dossiers"
    if table_file is not None and (Path(table_file).is_absolute()
                                   or not inside(folder, folder / table_file)):
        diags.add("path-escape", Message("{path} leaves the call folder",
                                         path=Quote(table_file)),
                  Location(str(folder / "call.yaml"), key_path="dossier_table.file"))
        return []
    tables = dossier_tables(folder, config)
    if yaml_dir.is_dir():
        plan = _YamlPlan(facts, config.lang or "fr",
                         config.retention.contact_facts if config.retention else (),
                         agreement_fact(config))
        plan.excel = excel
        plan.siret = beneficiary_fact(config)
        dir_inside = inside(folder, yaml_dir)  # then only links need resolving, file by file
        for name, link in listed(yaml_dir, (".yaml", ".yml"), diags):
            path = yaml_dir / name
            if not (dir_inside and not link) and not inside(folder, path):
                linked_out(path, diags)
                continue
            d = _dossier_from_yaml(path, facts, validator, diags, read, plan)
            _hash(folder, path, inputs, read)
            if d is not None:
                out.append(d)
        excel.said(diags)  # a date fact given with a time: once, at the first file
    for tpath in tables:
        if not tpath.is_file():
            diags.add("file-not-found", Message("no dossier table {name}", name=tpath.name),
                      Location(str(tpath)))
            continue
        if not inside(folder, tpath):
            linked_out(tpath, diags)
            continue
        out.extend(dossiers_from_table(tpath, config, facts, validator, diags, read, excel))
        _hash(folder, tpath, inputs, read)
    seen: dict[str, str] = {}
    for d in out:
        if d.id in seen:
            diags.add("duplicate-dossier", Message("the dossier id {dossier} is used twice (also "
                                                   "in {seen})",
                                                   dossier=Quote(d.id), seen=seen[d.id]), Location(d.file))
        seen[d.id] = d.file
    return sorted(out, key=lambda d: d.id)


class _YamlPlan:
    """What the grid's facts decide for dossier files, worked out once per call.

    As :class:`_TablePlan` for a table's columns: a scalar fact keeps a cache, value
    as written -> (typed value, whether it surely validates).  A plain scalar is
    keyed by its text (which alone decides what YAML and the coercion make of it),
    a quoted one by its string; the typed value is the one :func:`_coerce_located`
    gives.  A dossier whose every fact is surely valid, with every required fact
    present, is exactly one on which :func:`validate_facts` finds nothing.
    """

    def __init__(self, facts: dict[str, FactSpec], lang: str = "fr",
                 contact: Iterable[str] = (), agreement: str = "convention_date") -> None:
        self.lang = lang  # the call's: how its amounts are read (money_text)
        # retention.contact_facts: keys call.yaml names as the applicants' contact data,
        # known to the call (never an unknown-fact-key), not facts unless the grid says so
        self.contact = frozenset(contact) - set(facts)
        # the grant agreement's date the open-data export reads (meeting.attribuant's
        # convention_date, a fact the grid or call.yaml's set: must declare): written in a
        # dossier undeclared, it is refused rather than dropped (the export wrote the
        # decision's date in its place, a warning away from the date the user gave)
        self.agreement = agreement if agreement not in facts else None
        self.plain: dict[str, dict[str, tuple[Any, bool]]] = {}
        self.quoted: dict[str, dict[str, tuple[Any, bool]]] = {}
        for name, spec in facts.items():
            if spec.type in CACHED_TYPES:
                self.plain[name] = {}
                self.quoted[name] = {}
        self.required = [name for name, spec in facts.items() if spec.required]
        self.excel = ExcelCheck(facts)  # load_dossiers gives the eligibility's codes
        #: the beneficiary's SIRET fact (meeting.attribuant.beneficiary_id): load_dossiers'
        self.siret: str | None = None


def _dossier_from_yaml(path: Path, facts: dict[str, FactSpec],
                       validator: Any,
                       diags: Collector, read: dict[str, str] | None = None,
                       plan: _YamlPlan | None = None) -> Dossier | None:
    doc = load_yaml(path, diags, hashes=read)
    if doc is None:
        return None
    data = doc.data
    raw_id = doc.raw.get(("id",), data.get("id"))
    if isinstance(raw_id, str) and valid_id(raw_id) and raw_id == raw_id.strip():
        did: str | None = raw_id  # what check_id returns, without building its Location
    else:
        did = check_id(raw_id, doc.loc(("id",)), diags, "dossier")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        diags.add("call-invalid", Message("the dossier has no title"), doc.loc(("title",)))
    typed: dict[str, Any] = {}
    unknown: list[str] = []
    ok = plan is not None
    lang = plan.lang if plan is not None else "fr"
    raws = doc.raw
    for key, value in data.items():
        if key in RESERVED_DOSSIER_KEYS:
            continue
        spec = facts.get(key)
        if spec is None:
            if plan is None or key not in plan.contact:
                unknown.append(str(key))
            continue
        if plan is not None and key in plan.plain:
            raw = raws.get((key,))
            cache = plan.plain[key] if raw is not None else (
                plan.quoted[key] if isinstance(value, str) else None)
            if cache is not None:
                written = raw if raw is not None else value
                hit = cache.get(written)
                if hit is None:
                    hit = typed_cell(_coerce_located(value, spec, doc, (key,), lang), spec,
                                     key)
                    cache[written] = hit
                typed[key], good = hit
                if not good:
                    ok = False
                continue
        ok = False
        typed[key] = _coerce_located(value, spec, doc, (key,), lang)
    if plan is not None:  # what Excel did to a text fact (intake of an export Excel saved)
        for key, value in typed.items():
            if value is not None and plan.excel.looks(key):
                # a date as written (its time gone once typed: 20/05/2016 14:30)
                written = data.get(key, value) if facts[key].type == "date" else value
                plan.excel.check(key, written, lambda _k=key: doc.loc((_k,)), diags)
    if plan is not None and plan.agreement in unknown:
        unknown.remove(plan.agreement)
        agreement_undeclared(diags, plan.agreement, doc.key_loc((plan.agreement,)))
    if unknown:
        shown = Quotes(unknown[:5], 40)
        diags.add("unknown-fact-key",
                  Message("facts {facts} and {n} more are not declared by the grid", facts=shown,
                          n=Count(len(unknown) - 5)) if len(unknown) > 5 else
                  Message("facts {facts} are not declared by the grid", facts=shown)
                  if len(unknown) > 1 else Message(
                      "the fact {fact} is not declared by the grid", fact=shown),
                  doc.key_loc((unknown[0],)), severity="warning")
    if ok and plan is not None:
        for name in plan.required:
            if typed.get(name) is None:
                ok = False
                break
    if not ok:  # otherwise validate_facts would find nothing (see _YamlPlan)
        validate_facts(typed, validator, doc.loc, diags, facts, lang=lang)
    if plan is not None and plan.siret is not None and typed.get(plan.siret) is not None:
        check_beneficiary_siret(plan.siret, typed[plan.siret],
                                functools.partial(doc.loc, (plan.siret,)), diags)
    if did is None:
        return None
    sa = data.get("self_assessment")
    return Dossier(
        did, str(title or ""), typed, str(path),
        summary=data.get("summary") if isinstance(data.get("summary"), str) else None,
        narrative=data.get("narrative") if isinstance(data.get("narrative"), str) else None,
        self_assessment=sa if isinstance(sa, dict) else None,
    )


def _coerce_located(value: Any, spec: FactSpec, doc: Doc, path: tuple[Any, ...],
                    lang: str = "fr") -> Any:
    """Coerce using the raw text of plain scalars, recursively through lists/objects; a
    money fact from its text as written (:func:`money_text`: YAML reads ``32.000`` as 32)."""
    if len(path) == 1 and path[0] in MONEY_FACTS and isinstance(value, str | float | int) \
            and not isinstance(value, bool):
        # a number from the text as written (YAML reads 32.000 as 32); null stays absent
        written = value if isinstance(value, str) else doc.raw.get(path)
        if isinstance(written, str):
            return money_text(written, spec, lang)
    if spec.type == "array" and isinstance(value, list) and spec.items is not None:
        return [_coerce_located(v, spec.items, doc, (*path, i)) for i, v in enumerate(value)]
    if spec.type == "object" and isinstance(value, dict) and spec.properties is not None:
        out = {
            k: (_coerce_located(v, spec.properties[k], doc, (*path, k))
                if k in spec.properties else v)
            for k, v in value.items()
        }
        return {k: v for k, v in out.items() if v is not None and v != ""}  # empty = absent
    raw = doc.raw.get(path) if spec.type == "string" and not isinstance(value, bool) else None
    if spec.type == "string" and value is None:
        raw = None
    return coerce(value, spec, raw)


__all__ = ["RESERVED_DOSSIER_KEYS", "load_dossiers"]
