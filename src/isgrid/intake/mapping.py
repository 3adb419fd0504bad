"""From what the platform says to dossier facts, through the call's ``intake`` block.

A fact is found by its champDescriptorId first (stable across revisions of
the form), then by its column label or one of its aliases (compared without
case, accents or extra spaces).  Every problem is located: an unknown column
at its header (warning), a required fact with no column at its key in
call.yaml, a value that cannot be read at its cell.

A mapping (``intake.title``, ``intake.facts.*``, an item's column under
``intake.lists.*.fields``) that names no column of an export is an error at its key
in call.yaml (``intake-missing-column``), naming the export's closest column: a typo
in a label would otherwise empty that fact in every dossier.  An API answer leaves
out the champs its conditions hide (and an incremental one, ``updatedSince``, holds
few dossiers): a champ no dossier of it has may be one nobody sees, so there it is a
warning, and the dossiers' files keep the fact as they have it
(:attr:`Mapped.absent`); ``intake.title`` missing stays an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..call.blocks import Intake, IntakeField, IntakeList
from ..call.dossier_facts import LazyValidator, identifier_fact, valid_id, validate_facts
from ..call.siret import check_beneficiary_siret, siret_digits
from ..errors import Collector, Location, Message, Quote, excerpt
from ..grid.facts import fact_schema
from ..grid.model import ID_MAX_LENGTH, Condition, FactSpec
from ..io.excel import DateTimes, excel_error, excel_trace
from ..io.yamlio import Doc
from ..messages import Quoted, close_match
from .composite import name_columns, taken_together, yaml_line
from .export import PLATFORM_COLUMNS
from .sheets import refuse_formula
from .source import Source, SourceAvis, SourceBlock, SourceDossier, SourceField, fold
from .twins import Twins
from .values import read_value, why_not

#: Dossier keys other than facts that the intake may fill.
TEXT_KEYS = ("summary", "narrative")


@dataclass
class IntakeDossier:
    id: str
    number: int
    state: str
    title: str
    facts: dict[str, Any]
    graphql_id: str | None = None


@dataclass
class AvisOpinion:
    dossier: str
    assessor: str
    opinion: str | None
    comment: str


@dataclass
class Mapped:
    dossiers: list[IntakeDossier] = field(default_factory=list)
    outside: dict[str, str] = field(default_factory=dict)  # id -> state out of the filter
    opinions: list[AvisOpinion] = field(default_factory=list)
    #: the facts and lists (names) no field of the source gives: their values in the
    #: dossiers' files stay as they are (never emptied for a column the source lacks)
    absent: set[str] = field(default_factory=set)


class _Matcher:
    def __init__(self, spec: IntakeField) -> None:
        self.champs = set(spec.champs)
        self.labels = {fold(x) for x in spec.labels}

    def find(self, fields: list[SourceField]) -> SourceField | None:
        if self.champs:
            for f in fields:
                if f.champ is not None and f.champ in self.champs:
                    return f
        for f in fields:
            if fold(f.label) in self.labels:
                return f
        return None

    def matches(self, label: str, champ: str | None) -> bool:
        return (champ is not None and champ in self.champs) or fold(label) in self.labels


def dossier_id(intake: Intake, number: int) -> str:
    return f"{intake.id_prefix}{number}"


class _Keys:
    """Where a key of call.yaml is written (``call.yaml:23:5``), when its text is known."""

    def __init__(self, call_file: str, doc: Doc | None) -> None:
        self.call_file, self.doc = call_file, doc

    def __call__(self, *path: str) -> Location:
        if self.doc is not None:
            return self.doc.key_loc(path)
        return Location(self.call_file, key_path=".".join(path))


def map_source(src: Source, intake: Intake, facts: dict[str, FactSpec], call_file: str,
               diags: Collector, doc: Doc | None = None,
               rules: Sequence[Condition] = (), siret: str | None = None) -> Mapped:
    """The dossiers of ``src`` as facts; problems go to ``diags``, located in call.yaml
    at their key when ``doc`` (call.yaml as read) is given.  ``rules``: the grid's
    eligibility rules, to say a fact they read mapped to a composite champ's name
    (:mod:`.composite`).  ``siret``: the beneficiary's SIRET fact
    (:func:`isgrid.call.siret.beneficiary_fact`), written without its spaces and checked by
    the SIRET's rule (``siret-invalid``, a warning at its cell)."""
    out = Mapped()
    keys = _Keys(call_file, doc)
    matchers = {name: _Matcher(spec) for name, spec in intake.facts.items()}
    title = _Matcher(intake.title) if intake.title is not None else None
    list_matchers = {name: ({p: _Matcher(s) for p, s in spec.fields.items()}, spec)
                     for name, spec in intake.lists.items()}
    _check_config(intake, facts, keys, diags)
    # a mistyped label is said once, at its key: the column it names (or the columns its
    # hint lists) is not said again « mapped to no fact »
    said: set[str] = set()
    out.absent = _missing_columns(src, intake, keys, diags, said)
    _twin_columns(src, intake, [*matchers.values(), *([title] if title else [])], diags)
    _unknown_columns(src, intake, matchers, title, diags, said)
    name_columns(src.columns, intake, rules, keys, diags)
    seen_any: set[str] = set()
    present = {name for name, (_, spec) in list_matchers.items()
               if any(_is_block(b, spec) for d in src.dossiers for b in d.blocks)}
    # a text fact's number cells in a workbook export (a SIRET typed as a number): said once
    # a column, at the first, as the table readers say them (isgrid.io.excel.excel_trace)
    numbers: dict[str, list[Any]] = {}
    times = DateTimes()  # a date column's values given with a time: said once a column
    validator = LazyValidator(fact_schema(facts))
    twins = Twins(siret, diags)
    for d in src.dossiers:
        if twins.repeated(d.number, d.where):
            continue
        did = dossier_id(intake, d.number)
        if not valid_id(did):
            # a number no platform gives (hundreds of digits): its file's name would be
            # refused by the system, after other dossiers were written
            diags.add("invalid-id", Message("the dossier number {number} gives the id {id}, "
                                            "which isgrid does not accept",
                                            number=excerpt(str(d.number), 30),
                                            id=excerpt(did, 40)), d.where,
                      hint=Message("A dossier id has at most {n} characters: check the "
                                   "dossier number in the export.", n=ID_MAX_LENGTH))
            continue
        if d.state not in intake.states:
            out.outside[did] = d.state
            continue
        typed: dict[str, Any] = {}
        places: dict[tuple[Any, ...], Location] = {}  # a fact's path -> its cell
        for name, m in matchers.items():
            f = m.find(d.fields)
            if f is None:
                continue
            seen_any.add(name)
            places[(name,)] = f.where
            if src.kind == "export":
                _count_number(f, facts.get(name), numbers)
            value = _read(f, facts.get(name), diags, name, d.number, times)
            if value is not None:
                typed[name] = value
        for name, (props, spec) in list_matchers.items():
            block = next((b for b in d.blocks if _is_block(b, spec)), None)
            if block is None:
                if name in present:  # the export has the block's sheet: no row, no item
                    typed[name] = []
                continue
            seen_any.add(name)
            item_spec = facts[name].items if name in facts else None
            props_spec = (item_spec.properties or {}) if item_spec is not None else {}
            items: list[dict[str, Any]] = []
            places[(name,)] = block.where
            for row in block.rows:
                item: dict[str, Any] = {}
                for prop, m in props.items():
                    f = m.find(row)
                    if f is not None:
                        places[(name, len(items), prop)] = f.where
                        if src.kind == "export":
                            _count_number(f, props_spec.get(prop), numbers)
                        v = _read(f, props_spec.get(prop), diags, number=d.number,
                                  times=times)
                        if v is not None:
                            item[prop] = v
                if item:
                    items.append(item)
            typed[name] = items
        if siret is not None and typed.get(siret) is not None:
            if isinstance(typed[siret], str):
                typed[siret] = siret_digits(typed[siret])  # as the export publishes it
            check_beneficiary_siret(siret, typed[siret],
                                    places.get((siret,), d.where), diags)
        # the checks `call check` makes of a dossier's facts (a negative amount, a value
        # out of the grid's bounds…), the one rule, each said at the cell it came from:
        # never a file written that every later command refuses.  A required fact left
        # empty is not said here: the dossier's file may keep it (Mapped.absent)
        validate_facts(typed, validator,
                       lambda path, _p=places, _d=d: _p.get(tuple(path))
                       or _p.get(tuple(path[:1])) or _d.where, diags, facts, later=facts)
        text, refused = "", False
        if title is not None:
            f = title.find(d.fields)
            if f is not None:
                seen_any.add("title")
                refused = refuse_formula(f.value, f.label, f.where, diags)
                text = str(f.value).strip() if f.value is not None and not refused else ""
                if excel_error(text) is not None:  # #NOM? for « + de lien social »
                    trace = excel_trace(text, f.label)
                    assert trace is not None
                    trace.add(diags, f.where)
                    text = ""
        if not text and not refused and "title" not in out.absent:  # else said once, at intake.title
            diags.add("intake-value", Message("the dossier {number} has no title",
                                              number=d.number), d.where,
                      hint="Map the column of the project's name under intake.title.")
        twins.project(d.number, text, typed, d.where)
        out.dossiers.append(IntakeDossier(did, d.number, d.state, text, typed, d.graphql_id))
        _opinions(d, did, intake, out, diags)
    for label, (first, where, count) in numbers.items():
        trace = excel_trace(first, label, number_cell=True, others=count - 1)
        if trace is not None:
            trace.add(diags, where)
    times.said(diags)
    if src.complete and src.dossiers:
        for name in intake.lists:  # a CSV export has no repeatable block: a warning
            if name not in seen_any:
                out.absent.add(name)
                required = name in facts and facts[name].required
                diags.add("intake-unmapped-fact",
                          Message("no sheet of the export gives the list {name}; the "
                                  "dossiers' files keep it as they have it",
                                  name=Quote(name)), keys("intake", "lists", name),
                          severity="error" if required else "warning",
                          hint="An XLSX or ODS export has a sheet « (<stable id>) <label> » "
                          "per repeatable block (a CSV export has none): give its id under "
                          "intake.lists.NAME.block, or its label under labels.")
    return out


def _missing_columns(src: Source, intake: Intake, keys: _Keys, diags: Collector,
                     said: set[str]) -> set[str]:
    """The names of ``intake.title`` and the facts no field of ``src`` gives, each said at
    its key in call.yaml with the closest column of the source (an error in an export;
    in an API answer a warning, the facts kept as the files have them); the columns of a
    list's items are checked against the rows of its block.  ``said`` gets the columns
    (folded) a hint names."""
    if not src.dossiers:
        return set()
    exact = src.kind == "export"  # every column is in its header, answered or not
    seen, champs = _seen(d.fields for d in src.dossiers)
    taken = [_Matcher(s) for s in [*([intake.title] if intake.title else []),
                                   *intake.facts.values()]]
    ignored = {fold(x) for x in intake.ignore}
    free = [label for f, label in seen.items()
            if f not in ignored and not any(f in m.labels for m in taken)]
    mapped: list[tuple[str, tuple[str, ...], IntakeField, list[str]]] = []
    if intake.title is not None:
        mapped.append(("title", ("intake", "title"), intake.title, free))
    mapped.extend((name, ("intake", "facts", name), spec, free)
                  for name, spec in intake.facts.items())
    absent = set()
    for name, block in intake.lists.items():
        rows = [row for d in src.dossiers for b in d.blocks if _is_block(b, block)
                for row in b.rows]
        if not rows:  # no sheet of the block: said at the end of map_source
            continue
        items, item_champs = _seen(rows)
        item_free = [label for f, label in items.items()
                     if not any(f in _Matcher(s).labels for s in block.fields.values())]
        for prop, spec in block.fields.items():
            if not {fold(x) for x in spec.labels} & items.keys() \
                    and not set(spec.champs) & item_champs:
                if not exact:
                    absent.add(name)  # the list kept whole, rather than items cut short
                _said(src, ("intake", "lists", name, "fields", prop), spec, item_free,
                      keys, diags, error=exact)  # an item's column: never an unknown one
    for name, path, spec, candidates in mapped:
        if {fold(x) for x in spec.labels} & seen.keys() or set(spec.champs) & champs:
            continue
        absent.add(name)
        said |= _said(src, path, spec, candidates, keys, diags,
                      error=exact or name == "title")
    return absent


def _seen(rows: Any) -> tuple[dict[str, str], set[str]]:
    """Every field label of ``rows`` (folded -> as first written) and every champ id."""
    labels: dict[str, str] = {}
    champs: set[str] = set()
    for row in rows:
        for f in row:
            labels.setdefault(fold(f.label), f.label)
            if f.champ is not None:
                champs.add(f.champ)
    return labels, champs


def _said(src: Source, path: tuple[str, ...], spec: IntakeField, candidates: list[str],
          keys: _Keys, diags: Collector, error: bool = True) -> set[str]:
    """The diagnostic of a mapping at ``path`` that names no column of ``src``; the
    columns its hint names (folded): those it says instead of an unknown column each."""
    key, section = path[-1], ".".join(path[:-1])
    folded = {fold(c): c for c in candidates}
    guess, typo = None, ""
    for label in spec.labels:  # the column each label was probably meant to be
        near = close_match(fold(label), folded, cutoff=0.5)
        if near is not None:
            guess, typo = folded[near], label
            break
    what = (Message("the column “{label}” is not in {source}", label=spec.labels[0],
                    source=src.name) if len(spec.labels) == 1 else
            Message("none of the columns {labels} is in {source}",
                    labels=Quoted(spec.labels), source=src.name) if spec.labels else
            Message("none of the champs {champs} is in {source}",
                    champs=Quoted(spec.champs), source=src.name))
    if not error:
        what = Message("{problem}; the dossiers' files keep {key} as they have it",
                       problem=what, key=key)
    named: list[str] = []
    if guess is not None:
        # the mapping corrected: the mistyped label replaced by the column, the other
        # aliases kept (it proposed « ["Montant demandé", "Montant sollicité"] », the typo
        # kept beside the fix)
        labels = list(dict.fromkeys(guess if x == typo else x for x in spec.labels))
        hint = Message("Did you mean “{column}”? Write, under {section} in call.yaml: "
                       "{line}.", column=guess, section=section,
                       line=yaml_line(key, labels, list(spec.champs)))
        named = [guess]
    elif own := sorted((c for c in candidates if fold(c) not in PLATFORM_COLUMNS), key=fold):
        shown = named = own[:8]
        hint = Message("Write its column's header as the export has it, under {section} in "
                       "call.yaml: `{key}: \"<header>\"`. Columns of the export no mapping "
                       "takes: {columns}{more}.", section=section, key=key,
                       columns=Quoted(shown),
                       more="…" if len(own) > len(shown) else "")
    else:
        hint = Message("Write its column's header as the export has it, under {section} in "
                       "call.yaml: `{key}: \"<header>\"`.", section=section, key=key)
    diags.add("intake-missing-column", what, keys(*path),
              severity="error" if error else "warning", hint=hint)
    return {fold(c) for c in named}


def _is_block(b: SourceBlock, spec: IntakeList) -> bool:
    return ((spec.block is not None and b.stable_id == spec.block)
            or (b.champ is not None and b.champ in spec.champs)
            or fold(b.label) in {fold(x) for x in spec.labels})


def _count_number(f: SourceField, spec: FactSpec | None, numbers: dict[str, list[Any]]) -> None:
    """Count ``f`` among its column's number cells when it is one given to a text fact."""
    if spec is not None and spec.type == "string" and isinstance(f.value, int | float) \
            and not isinstance(f.value, bool):
        numbers.setdefault(f.label, [f.value, f.where, 0])[2] += 1


def _read(f: SourceField, spec: FactSpec | None, diags: Collector, name: str = "",
          number: int | None = None, times: DateTimes | None = None) -> Any:
    if refuse_formula(f.value, f.label, f.where, diags):
        return None
    # what Excel did to the export opened and saved in it (#NOM?, 1,23457E+13): the one
    # check of every reader of values (isgrid.io.excel); an error is never taken
    trace = excel_trace(f.value, f.label, kind="identifier" if identifier_fact(name, spec)
                        else "text") if spec is None or spec.type == "string" else (
        excel_trace(f.value, f.label) if excel_error(f.value) is not None else
        # a date and its time: said, but not for the platform's own timestamps (« Déposé
        # le 14/03/2016 10:22 »: the day is the fact, the time is the platform's)
        excel_trace(f.value, f.label, kind="date") if spec.type == "date"
        and fold(f.label) not in PLATFORM_COLUMNS else None)
    if trace is not None and times is not None and trace.code == "date-time-ignored":
        times.add(f.value, f.label, f.where)  # said once a column, with the count
    elif trace is not None:
        trace.add(diags, f.where)
        if trace.severity == "error":
            return None
    value, ok = read_value(f.value, spec, name)
    if not ok:
        problem, hint = why_not(f.value, spec, name)
        # the dossier's number: what the instructeur looks up on the platform
        what = Message("dossier {number}: {label}: {problem}", number=number, label=f.label,
                       problem=problem) if number is not None else \
            Message("{label}: {problem}", label=f.label, problem=problem)
        diags.add("intake-value", what, f.where, hint=hint)
        return None
    return value


def _check_config(intake: Intake, facts: dict[str, FactSpec], keys: _Keys,
                  diags: Collector) -> None:
    for name in intake.facts:
        if name not in facts and name not in TEXT_KEYS:
            diags.add("call-invalid", Message("intake.facts names {name}, which the grid does not "
                                              "declare",
                                              name=Quote(name)), keys("intake", "facts", name),
                      hint="Use a fact the grid declares (isgrid grids show GRID), or "
                      "summary/narrative.")
    for name in intake.lists:
        spec = facts.get(name)
        if spec is None or spec.type != "array":
            diags.add("call-invalid", Message("intake.lists names {name}, which is not a list fact "
                                              "of the grid",
                                              name=Quote(name)), keys("intake", "lists", name))
    if intake.title is None:
        diags.add("intake-unmapped-fact", Message("intake.title is not given: the dossiers need a "
                                                  "title"),
                  keys("intake"),
                  hint="title: \"Intitulé du projet\" (the label of the column).")
    for name, spec in facts.items():
        if spec.required and name not in intake.facts and name not in intake.lists:
            diags.add("intake-unmapped-fact", Message("the grid requires {name} and intake.facts "
                                                      "does not map it",
                                                      name=Quote(name)),
                      keys("intake", "facts"),
                      hint=Message('Add `{name}: "<label of its column>"` under intake.facts.',
                                   name=name))


def _twin_columns(src: Source, intake: Intake, known: list[_Matcher],
                  diags: Collector) -> None:
    """Two columns of the export with the same label (two champs of the form sharing a
    libellé; :attr:`Source.twins`): an error when isgrid reads that label (a platform
    column, or one a mapping names: which of the two is meant would be a guess), a warning
    when nothing reads it (nothing taken in, until a mapping names it); nothing when
    ``intake.ignore`` lists it.  Said with the two columns' places and what to do: a column
    is read by its label, never its position (docs/intake.md)."""
    ignored = {fold(x) for x in intake.ignore}
    for label, first, second, where in src.twins:
        read = fold(label) in PLATFORM_COLUMNS or any(m.matches(label, None) for m in known)
        if not read and fold(label) in ignored:
            continue
        diags.add("intake-source", Message(
            "the columns {first} and {second} have the same label “{label}”",
            first=first, second=second, label=label), where,
            severity="error" if read else "warning",
            hint=Message("isgrid reads a column by its label, never by its position, and "
                         "cannot tell which of the two is meant: rename one of them, the "
                         "column {second} for example, in the platform's export template or in "
                         "this file's header, then map its new label under intake.facts in "
                         "call.yaml (through the API, intake.demarche, a mapping may name each "
                         "champ by its id: champs).", second=second) if read else
            Message("No mapping reads this label: nothing is taken in from either. To take "
                    "one in, rename it, the column {second} for example, in the platform's "
                    "export template or in this file's header, and map its new label under "
                    "intake.facts in call.yaml; or list the label under intake.ignore.",
                    second=second))


def _unknown_columns(src: Source, intake: Intake, matchers: dict[str, _Matcher],
                     title: _Matcher | None, diags: Collector, said: set[str]) -> None:
    """A warning per column of ``src`` no mapping takes and ``intake.ignore`` does not
    list, but for those an ``intake-missing-column`` names (``said``, folded)."""
    ignored = {fold(x) for x in intake.ignore} | said
    ignored |= {fold(b.label) for d in src.dossiers for b in d.blocks}
    ignored |= {fold(x) for spec in intake.lists.values() for x in spec.labels}
    known = [*matchers.values(), *([title] if title else [])]
    columns: dict[tuple[str, str | None], Location] = {}
    if src.kind == "export":
        columns = {(label, None): loc for label, loc in src.columns.items()}
    else:
        for d in src.dossiers:
            for f in d.fields:
                if fold(f.label) in PLATFORM_COLUMNS:
                    continue
                columns.setdefault((f.label, f.champ), f.where)
    # the other columns of a composite champ whose name or code a mapping reads
    ignored |= taken_together((label for label, _ in columns),
                              lambda f: any(f in m.labels for m in known))
    for (label, champ), loc in columns.items():
        if fold(label) in ignored or (champ is not None and champ in intake.ignore):
            continue
        if any(m.matches(label, champ) for m in known):
            continue
        diags.add("intake-unknown-column",
                  Message("the column “{label}” is mapped to no fact (champ {champ})",
                          label=label, champ=champ) if champ else
                  Message("the column “{label}” is mapped to no fact", label=label),
                  loc, severity="warning")


def _opinions(d: SourceDossier, did: str, intake: Intake, out: Mapped, diags: Collector) -> None:
    for a in d.avis:
        if not (a.answer or a.yes_no is not None):
            continue  # asked, not answered yet
        assessor = intake.experts.get(a.expert) or intake.experts.get(a.expert.casefold())
        if assessor is None:
            diags.add("unknown-assessor", Message("an avis on dossier {number} by an expert that "
                                                  "intake.experts does not name; it is left out",
                                                  number=d.number), a.where,
                      severity="warning",
                      hint="Add `<expert e-mail>: <assessor id>` under intake.experts.")
            continue
        out.opinions.append(AvisOpinion(did, assessor, *_avis(a, intake)))


def _avis(a: SourceAvis, intake: Intake) -> tuple[str | None, str]:
    """An avis as an opinion and a comment.  Its yes/no answers the question the
    instructeur wrote (« Le projet présente-t-il un risque financier important ? »): it is
    an opinion (« oui » favorable, « non » défavorable) only for a question the call lists
    under ``intake.opinion_questions``; any other avis keeps its question, its yes/no and its
    answer together in the comment (« Le projet présente-t-il un risque financier
    important ? — oui — Le budget est très fragile. »), no opinion."""
    if a.yes_no is not None and fold(a.question) in {fold(q) for q in intake.opinion_questions}:
        return ("favorable" if a.yes_no else "défavorable"), a.answer
    parts = [a.question] if a.question else []
    if a.yes_no is not None:
        parts.append("oui" if a.yes_no else "non")
    if a.answer:
        parts.append(a.answer)
    return None, " — ".join(parts)
