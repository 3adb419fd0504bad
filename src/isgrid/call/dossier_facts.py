"""A dossier's facts typed and checked: what reading dossier files and reading a table
of dossiers share (:mod:`isgrid.call.dossiers`, :mod:`isgrid.call.dossier_table`).

Facts are typed by the grid (``isgrid.grid.facts``), then validated against the
JSON Schema generated from it; the place of every problem is kept.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import Collector, Location, Message, Quote, excerpt
from ..grid.facts import coerce, quick_valid, value_quick_valid
from ..grid.model import ID_MAX_LENGTH, ID_PATTERN, FactSpec
from ..i18n import N_
from ..io.excel import DateTimes, excel_trace, leading_zero_trace, zero_padded
from ..io.yamlio import format_path

if TYPE_CHECKING:
    from .model import CallConfig

RESERVED_DOSSIER_KEYS = {"id", "title", "summary", "narrative", "self_assessment", "fictitious"}


def agreement_fact(config: CallConfig) -> str:
    """The dossier fact that holds a grant agreement's date for the open-data export:
    ``meeting.attribuant.convention_date`` (``convention_date`` by default)."""
    attribuant = config.meeting.attribuant if config.meeting else None
    return attribuant.convention_date if attribuant else "convention_date"


def agreement_undeclared(diags: Collector, fact: str, where: Location, *,
                         column: str | None = None) -> None:
    """``fact`` (:func:`agreement_fact`) written in a dossier's file, or as a dossier
    table's ``column`` (its header, or the header dossier_table.columns maps to it), that
    neither the grid nor call.yaml declares: refused where it is written, with the
    declaration to add, rather than dropped as any unknown fact (the export wrote the
    decision's date in its place, a warning away from the date the user gave).  The one
    rule of both readers of dossiers."""
    diags.add("convention-date-undeclared",
              Message("the column {column} is the grant agreement's date of the open-data "
                      "export (meeting.attribuant.convention_date), but neither the grid nor "
                      "call.yaml declares it: it cannot be read", column=Quote(column))
              if column is not None else
              Message("the fact {fact} is the grant agreement's date of the open-data "
                      "export (meeting.attribuant.convention_date), but neither the grid "
                      "nor call.yaml declares it: it cannot be read", fact=fact),
              where,
              hint=Message("Declare it in call.yaml: `set: {{facts.{fact}: {{type: "
                           "date}}}}` (docs/decisions.md, §7).", fact=fact))


ID_RE = re.compile(ID_PATTERN)


def valid_id(text: str) -> bool:
    """``text`` is an id isgrid accepts for a dossier: :data:`ID_RE`'s characters, at most
    :data:`~isgrid.grid.model.ID_MAX_LENGTH` (64) of them.  The one check of every reader
    of dossier ids (dossier files and tables, intake's export numbers): an id names the
    dossier's files (letters, fiches), and a 300-character id passed `call check` and
    `score`, then stopped `report --kind feedback` with « File name too long »."""
    return len(text) <= ID_MAX_LENGTH and ID_RE.match(text) is not None


#: many ids joined by a newline (no id holds one, once stripped) as one text: each of
#: them :data:`ID_RE`'s, checked by one match (:func:`valid_ids`)
_IDS_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:\n[A-Za-z0-9][A-Za-z0-9._-]*)*")


def valid_ids(texts: Sequence[str]) -> bool:
    """:func:`valid_id` of every text of ``texts`` (stripped ones: no surrounding space nor
    line end), at once: a national call's 20,000 ids in one match of the regular expression
    made in C, not 20,000 calls (docs/performance.md, session 20)."""
    if not texts:
        return True
    if max(map(len, texts)) > ID_MAX_LENGTH:
        return False
    joined = "\n".join(texts)
    # a line end inside an id would pass for a separator: none may be there
    return joined.count("\n") == len(texts) - 1 and _IDS_RE.fullmatch(joined) is not None


def typed_id(value: Any) -> str:
    """A dossier id as a person wrote it (a dossier's file or table, a juror's workbook,
    the command line), as it is looked up: its surrounding spaces (no-break ones too) left
    out, which no id holds (:data:`ID_RE`); None is ``""``.  The one rule of reading a
    typed id: ``"DN-214 "`` is DN-214 wherever it is typed (a workbook's cells are read
    so, :func:`isgrid.jury.reading.cell_text`, a number cell as its whole number)."""
    return "" if value is None else str(value).strip()


def check_id(value: Any, loc: Location, diags: Collector, what: str) -> str | None:
    if typed_id(value) == "":
        diags.add("schema-invalid" if what == "grid" else "call-invalid",
                  Message("the dossier has no id") if what == "dossier" else Message(
                      "the {what} has no id", what=what), loc)
        return None
    text = typed_id(value)
    if not ID_RE.match(text):
        diags.add("invalid-id", Message("the id {value} has characters isgrid does not accept",
                                        value=Quote(text)), loc)
        return None
    if not valid_id(text):
        diags.add("invalid-id", Message("the id {value} has {n} characters, more than "
                                        "{max}", value=Quote(text[:40] + "…"), n=len(text),
                                        max=ID_MAX_LENGTH), loc,
                  hint=Message("Shorten the id to at most {max} characters: it names the "
                               "dossier's files (letters, fiches).", max=ID_MAX_LENGTH))
        return None
    return text


_UNDERSCORED = re.compile(r"\d{1,3}(?:_\d{3})+")

#: Money facts the engine spends (DESIGN.md, "Money"): never negative.
MONEY_FACTS = ("amount_requested", "eligible_costs")
#: The units that make a number fact an amount in euros (``unit: EUR``).
EURO_UNITS = frozenset({"eur", "€", "euro", "euros"})


def is_money(spec: FactSpec | None, name: str = "") -> bool:
    """Whether a number fact is an amount in euros, its text read by :func:`money_text`:
    ``amount_requested`` and ``eligible_costs`` (:data:`MONEY_FACTS`), or a fact the grid
    declares ``unit: EUR`` (« Produits d'exploitation du dernier exercice »: « 120.000 »
    there is as ambiguous as in an amount requested, never 120)."""
    if spec is None or spec.type not in ("number", "integer"):
        return False
    return name in MONEY_FACTS or (spec.unit or "").strip().casefold() in EURO_UNITS


class LazyValidator:
    """The JSON Schema validator of the facts, built (and jsonschema imported) on first use.

    A large table of well-formed rows never needs it: rows that pass the quick
    check skip it (about 50 ms of start-up saved on every such call).
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._validator: Any = None

    def iter_errors(self, instance: Any) -> Any:
        if self._validator is None:
            import jsonschema

            self._validator = jsonschema.Draft202012Validator(
                self.schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        return self._validator.iter_errors(instance)


def validate_facts(typed: dict[str, Any], validator: Any, locate: Any,
                    diags: Collector, facts: dict[str, FactSpec] | None = None,
                    later: Collection[str] = (), lang: str = "fr") -> None:
    """Every problem of one dossier's facts, located by ``locate(path)``.

    ``later``: facts a workbook's list sheet may still give (a missing one is
    reported once the sheets are read, by :func:`_merge_list_sheets`).  ``lang``: the
    call's, for the amounts :func:`money_text` could not read.
    """
    clean = {k: v for k, v in typed.items() if v is not None}
    said: set[str] = set()  # money facts whose problem is said here, not by the schema
    money = [*MONEY_FACTS, *(n for n, f in (facts or {}).items()
                              if n not in MONEY_FACTS and is_money(f, n))]
    for name in money:
        v = clean.get(name)
        if isinstance(v, int | float) and not isinstance(v, bool) and v < 0:
            said.add(name)  # (not also « below 0 » from the schema's minimum)
            diags.add("fact-invalid", Message("{name}: {value} is a negative amount", name=name,
                                              value=v), locate((name,)),
                      hint="Amounts are in euros, zero or more.")
        elif isinstance(v, str) and not v.startswith("-") and facts is not None \
                and name in facts and facts[name].type in ("number", "integer"):
            from ..io.numbers import parse_amount

            parsed = parse_amount(v, lang)
            if parsed.problem is not None:
                said.add(name)
                diags.add("fact-invalid", Message("{path}: {problem}", path=name,
                                                  problem=parsed.problem),
                          locate((name,)), hint=parsed.hint)
    if facts is not None and quick_valid(clean, facts):
        return  # flat facts that surely pass: skip the (slower) schema validator
    told: set[tuple[tuple[Any, ...], str]] = set()
    for err in sorted(validator.iter_errors(clean), key=lambda e: list(e.absolute_path)):
        path = tuple(err.absolute_path)
        if path and path[0] in said:
            continue
        if err.validator == "required":
            missing = str(err.message).split("'")[1] if "'" in str(err.message) else "?"
            if missing in later:
                continue
            diags.add("fact-invalid", Message("the required fact {missing} is missing",
                                              missing=Quote(missing)), locate(()))
            continue
        label = format_path(path) or "facts"
        message = Message("{label}: {schema_message}", label=label,
                          schema_message=schema_message(err))
        if (path, message) in told:
            continue  # a date fails its pattern and its format: said once
        told.add((path, message))
        diags.add("fact-invalid", message, locate(path))


#: The JSON Schema type names of facts, as words of the catalog (« number » → « un nombre »).
_JSON_TYPES = {"number": N_("number"), "integer": N_("integer"), "string": N_("string"),
               "boolean": N_("boolean"), "array": N_("array"), "object": N_("object")}


def schema_message(err: Any) -> Message:
    v = err.validator
    inst = err.instance
    if v == "type":
        expected = err.validator_value
        return Message("expected {expected}, got {value}", value=excerpt(inst),
                       expected=Message(_JSON_TYPES[expected]) if expected in _JSON_TYPES
                       else expected)
    if v == "enum":
        return Message("{value} is not one of {allowed}", value=excerpt(inst),
                       allowed=", ".join(map(str, err.validator_value)))
    if v in ("pattern", "format"):
        return Message("{value} is not a date (YYYY-MM-DD or DD/MM/YYYY)", value=excerpt(inst))
    if v == "minimum":
        return Message("{value} is below {bound}", value=excerpt(inst), bound=err.validator_value)
    if v == "maximum":
        return Message("{value} is above {bound}", value=excerpt(inst), bound=err.validator_value)
    return Message("{problem}", problem=excerpt(str(err.message), 200))


CACHED_TYPES = ("string", "number", "integer", "boolean", "date")


def typed_cell(typed: Any, spec: FactSpec, name: str) -> tuple[Any, bool]:
    """A coerced value, and whether it surely validates (no negative amount, and
    :func:`isgrid.grid.facts.value_quick_valid` accepts it)."""
    if typed is None:
        return None, True
    if name in MONEY_FACTS and isinstance(typed, int | float) and not isinstance(typed, bool) \
            and typed < 0:
        return typed, False
    return typed, value_quick_valid(typed, spec)


def coerce_cell(value: Any, spec: FactSpec, name: str = "", lang: str = "fr") -> Any:
    """A table cell coerced: its text is what was written (kept as is for a string); a
    money fact's text is an amount (:func:`money_text`)."""
    if isinstance(value, str) and is_money(spec, name):
        return money_text(value, spec, lang)
    return coerce(value, spec, value if isinstance(value, str) else None)


def money_text(written: str, spec: FactSpec, lang: str) -> Any:
    """A money fact (:data:`MONEY_FACTS`) as written, read as every amount isgrid reads
    (:func:`isgrid.io.numbers.parse_amount`): « 32 000 », « 32000 », « 12 000,50 € »;
    « 32.000 » is ambiguous (thirty-two thousand in a French habit, thirty-two as a
    number) and is kept as its text, which :func:`validate_facts` refuses with
    parse_amount's words.  YAML reads ``32.000`` as the number 32: this is why the text
    as written is what is read.  A negative amount is left to :func:`validate_facts`'s
    own check."""
    text = written.strip()
    if not text or text.startswith("-") or spec.type not in ("number", "integer"):
        return coerce(text, spec, text)
    if _UNDERSCORED.fullmatch(text):  # 15_000: YAML's and Python's digit grouping
        text = text.replace("_", "")
    if text.isascii() and text.isdigit() and len(text) <= 12:  # 32000: parse_amount's own
        return int(text)  # answer, without its checks (a national table's 20,000 amounts)
    from ..io.numbers import parse_amount

    parsed = parse_amount(text, lang)
    if parsed.value is None:
        return text
    return int(parsed.value) if parsed.value.is_integer() else parsed.value




#: A fact whose text is an identifier (a SIRET, a SIREN, an RNA number, an id): its digits
#: are its whole value, so Excel's scientific notation of it is an error, not a warning.
_IDENTIFIER = re.compile(r"siret|siren|(?:^|[_\W])(?:rna|id|identifiant|numero|number|no)"
                         r"(?:$|[_\W])")


def identifier_fact(name: str, spec: FactSpec | None) -> bool:
    """Whether the fact ``name`` holds an identifier (:data:`_IDENTIFIER`, by its name or
    its label: ``siret``, ``siren``, ``rna``, ``…_id``, « Numéro SIRET »)."""
    label = (spec.label or "") if spec is not None else ""
    return any(_IDENTIFIER.search(t.casefold()) for t in (name, label) if t)


def coded_values(rules: Any) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """For each fact an eligibility rule compares with codes of digits (``in: ["01",
    "67"]``, ``equals: "01"``), the rule's id and those codes: a value that fails the rule
    but equals one of them once zero-padded is Excel's dropped zero
    (:func:`isgrid.io.excel.zero_padded`)."""
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}

    def walk(rule_id: str, cond: Any) -> None:
        for sub in (*(cond.all or ()), *(cond.any or ()), *(cond.of or ()),
                    *((cond.not_,) if cond.not_ is not None else ())):
            walk(rule_id, sub)
        if cond.fact is None or "[" in cond.fact or "." in cond.fact:
            return
        allowed = cond.in_ if cond.in_ is not None else (
            [cond.equals] if isinstance(cond.equals, str) else None)
        codes = frozenset(a for a in allowed or () if isinstance(a, str) and a.isdigit()
                          and a.startswith("0"))
        if codes:
            out.setdefault(cond.fact, []).append((rule_id, codes))

    for rule in rules:
        walk(rule.id, rule)
    return out


class ExcelCheck:
    """What Excel did to the facts of a call's dossiers (:func:`isgrid.io.excel.excel_trace`
    and the zeros an eligibility rule's codes show), each distinct value looked at once:
    the one check of the readers of dossiers (a table, its workbook, dossier files)."""

    def __init__(self, facts: dict[str, FactSpec], codes: dict[str, list[tuple[str,
                 frozenset[str]]]] | None = None) -> None:
        self.facts = facts
        self.codes = codes or {}
        self._seen: dict[tuple[str, type, Any], list[Any]] = {}
        self._kinds = {n: "identifier" if identifier_fact(n, s) else "text"
                       for n, s in facts.items() if s.type == "string"}
        self._dates = frozenset(n for n, s in facts.items() if s.type == "date")
        self.times = DateTimes()  # dates given with a time: said once a column (said)

    def looks(self, name: str) -> bool:
        """Whether ``name``'s values are looked at (a string or a date fact)."""
        return name in self._kinds or name in self._dates

    def text(self, name: str) -> bool:
        """Whether ``name`` is a string fact (a number cell of its column is said)."""
        return name in self._kinds

    def traces(self, name: str, value: Any) -> list[Any]:
        """The :class:`~isgrid.io.excel.Trace` of ``value``, the fact ``name``'s as read
        (a number: read from a number cell of a workbook)."""
        if name in self._dates:  # a date saved with a time (« 20/05/2016 14:30 »)
            date = value if (isinstance(value, str) and ":" in value) or \
                isinstance(value, _dt.datetime) else None
            trace = excel_trace(date, name, kind="date") if date is not None else None
            return [] if trace is None else [trace]
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            return []  # a list, an object: not a value a cell held
        codes = self.codes.get(name)
        if isinstance(value, str) and "#" not in value[:2] and "E" not in value \
                and not (codes and value.isdigit()):
            return []  # nearly every value: nothing Excel leaves shows (no lookup kept)
        if not isinstance(value, str) and not codes:
            return []  # a number cell: said once a column (number_cells)
        key = (name, type(value), value)
        hit = self._seen.get(key)
        if hit is not None:
            return hit
        hit = []
        kind = self._kinds.get(name)
        if kind is not None and not isinstance(value, bool):
            trace = excel_trace(value, name, kind="identifier" if kind == "identifier"
                                else "text")
            if trace is not None:
                hit.append(trace)
            for rule, allowed in codes or ():
                padded = zero_padded(value, allowed)
                if padded is not None:
                    hit.append(leading_zero_trace(value, name, padded, rule))
        if len(self._seen) < 100_000:
            self._seen[key] = hit
        return hit

    def number_cells(self, name: str, first: Any, count: int, where: Any,
                     diags: Collector) -> None:
        """The warning of ``count`` number cells of a workbook's column of the text fact
        ``name``, said once at the first (``first``, at ``where``): a spreadsheet typed
        them as numbers, and a leading zero may be gone (« 01 » → 1)."""
        trace = excel_trace(first, name, number_cell=True, others=count - 1)
        if trace is not None:
            trace.add(diags, where)

    def check(self, name: str, value: Any, where: Any, diags: Collector) -> bool:
        """Add the traces of ``value`` at ``where()`` (a Location built on demand); whether
        there were any."""
        hit = self.traces(name, value)
        for trace in hit:
            if trace.code == "date-time-ignored":
                self.times.add(value, name, where())
            else:
                trace.add(diags, where())
        return bool(hit)

    def said(self, diags: Collector) -> None:
        """Say the dates given with a time kept since the last call, one warning a fact
        (:class:`~isgrid.io.excel.DateTimes`): at the end of a table, of dossier files."""
        self.times.said(diags)


__all__ = ['CACHED_TYPES', 'EURO_UNITS', 'ID_RE', 'MONEY_FACTS', 'RESERVED_DOSSIER_KEYS', 'ExcelCheck', 'LazyValidator', 'check_id', 'coded_values', 'coerce_cell', 'identifier_fact', 'is_money', 'money_text', 'schema_message', 'typed_cell', 'typed_id', 'valid_id', 'valid_ids', 'validate_facts']
