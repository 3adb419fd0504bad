"""An SCDL Subventions file checked against its published schema, before it is published
(``isgrid validate-scdl FILE``, docs/opendata.md).

The schema is the published Table Schema of OpenDataFrance (2.1.1 and 2.0.0, shipped in
``isgrid/schema/scdl-subventions-*.schema.json``, unchanged, under the Licence Ouverte
2.0 of schema.data.gouv.fr); its fields (types, patterns, lists, lengths, required
values) are checked by **frictionless**, the validator data.gouv.fr's Validata is built
on; the schema's two Validata checks (``french-siret-value``, ``one-of-required``) by
isgrid's SIRET rule (:func:`isgrid.call.siret.siret_valid`) and as Validata defines them.
Before them, what an Excel save does to the file (another encoding, semicolons, a BOM)
is said as such.  Each problem is a ``scdl-invalid`` diagnostic at ``file:line:column``
(the header is line 1), in the reader's language.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ..call.siret import siret_valid
from ..errors import Diagnostic, Location, Message, Quote, UsageError, excerpt

#: The versions of the schema isgrid ships
VERSIONS = ("2.1.1", "2.0.0")
_SCHEMAS = Path(__file__).resolve().parent.parent / "schema"
_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"$', re.DOTALL)
_BOM = "\ufeff"


@cache
def schema(version: str) -> dict[str, Any]:
    """The published schema of SCDL Subventions ``version`` (its JSON, as published)."""
    text = (_SCHEMAS / f"scdl-subventions-{version}.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def check_scdl(path: Path, version: str = "2.1.1") -> tuple[list[Diagnostic], int]:
    """Every problem of the SCDL file at ``path`` against the schema ``version``, and its
    number of rows (grants).  Raise :class:`UsageError` when frictionless is missing."""
    file = str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        byte = "0x" + format(data[exc.start], "02x")
        return [_said(file, line, None, Message(
            "the file is not UTF-8 (the byte {byte}): saved again by a spreadsheet?",
            byte=byte), _RESAVED)], 0
    said: list[Diagnostic] = []
    if text.startswith(_BOM):
        said.append(dataclasses.replace(_said(file, 1, 1, Message(
            "the file starts with a byte order mark (BOM), which isgrid export does not "
            "write: some programs read it as part of the first column's name"), _RESAVED),
            severity="warning"))
        text = text[1:]
    if not text.strip():
        return [*said, _said(file, None, None, Message("the file is empty"))], 0
    head = text.split("\n", 1)[0]
    if ";" in head and "," not in head:
        said.append(_said(file, 1, None, Message("the columns are separated by semicolons: "
                                                 "the schema's CSV separates them by commas"),
                          _RESAVED))
        return said, 0
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    said += _fields(file, text, version)
    said += _custom(file, rows, list(reader.fieldnames or []), version)
    said.sort(key=lambda d: (d.location.line or 0, d.location.column or 0))
    return said, len(rows)


#: The hint of a file a spreadsheet saved again
_RESAVED = ("Publish the file as isgrid export wrote it (UTF-8 without BOM, commas): write it "
            "again with isgrid export rather than saving it from a spreadsheet.")


def _said(file: str, line: int | None, column: int | None, message: Message,
          hint: str | Message | None = None) -> Diagnostic:
    return Diagnostic("scdl-invalid", message, Location(file, line=line, column=column),
                      hint=hint)


def _fields(file: str, text: str, version: str) -> list[Diagnostic]:
    """The schema's fields checked by frictionless: each error at its row and column."""
    try:
        import frictionless
        from frictionless import formats
    except ImportError:  # pragma: no cover - a dependency of isgrid
        raise UsageError("frictionless is not installed", [Diagnostic(
            "scdl-invalid", Message("the validator frictionless is not installed"),
            Location(file), hint="pip install frictionless; or validate the file on "
                                 "https://validata.fr")]) from None
    desc = schema(version)
    fields = {f["name"]: f for f in desc["fields"]}
    table = frictionless.Schema.from_descriptor(
        {k: v for k, v in desc.items() if k in ("fields", "missingValues")})
    resource = frictionless.Resource(text.encode("utf-8"), format="csv", encoding="utf-8",
                                     control=formats.CsvControl(delimiter=","), schema=table)
    report = resource.validate()
    out = []
    for task in report.tasks:
        for e in task.errors:
            line = getattr(e, "row_number", None) or (1 if hasattr(e, "label") else None)
            column = getattr(e, "field_number", None)
            out.append(_said(file, line, column, _message(e, fields.get(
                getattr(e, "field_name", "") or ""))))
    return out


def _message(e: Any, field: dict[str, Any] | None) -> Message:
    """What a frictionless error says, in isgrid's words (translated)."""
    column = getattr(e, "field_name", None) or "?"
    value = excerpt(getattr(e, "cell", ""), 60)
    kind = e.type
    if kind == "type-error" and field is not None:
        what = {"date": Message("{value} is not a date (YYYY-MM-DD)", value=value),
                "number": Message("{value} is not a number written with a point (12000.50)",
                                  value=value),
                "boolean": Message("{value} is neither {yes} nor {no}", value=value,
                                   yes=(field.get("trueValues") or ["true"])[0],
                                   no=(field.get("falseValues") or ["false"])[0])}.get(
            field["type"], Message("{value} is not of the schema's type {type}", value=value,
                                   type=field["type"]))
        return Message("{column}: {problem}", column=column, problem=what)
    if kind == "constraint-error":
        found = _CONSTRAINT.search(e.note or "")
        name, bound = found.groups() if found else ("", "")
        what = _broken(name, bound, value, field) or Message(
            "{value} does not meet the schema's constraint {constraint}", value=value,
            constraint=e.note)
        return Message("{column}: {problem}", column=column, problem=what)
    if kind == "missing-cell":
        return Message("the row has no cell for {column}", column=column)
    if kind == "extra-cell":
        return Message("the row has more cells than the header ({value})", value=value)
    if kind in ("incorrect-label", "missing-label", "extra-label", "duplicate-label",
                "blank-label"):
        return Message("the header's column {n} is {label}, where the schema has {column}",
                       n=getattr(e, "field_number", "?"),
                       label=excerpt(getattr(e, "label", ""), 40), column=column)
    if kind == "blank-row":
        return Message("the row is empty")
    return Message("{what} ({type})", what=e.message, type=kind)  # as frictionless says it


def _broken(name: str, bound: str, value: str, field: dict[str, Any] | None) -> Message | None:
    """What a broken constraint of the schema says (None: one isgrid does not name)."""
    if name == "required":
        return Message("the value is empty, and the schema requires one")
    if name == "pattern":
        return Message("{value} does not match the schema's pattern {pattern}", value=value,
                       pattern=bound)
    if name == "enum":
        listed = (field or {}).get("constraints", {}).get("enum")
        return Message("{value} is not one of the schema's values ({values})", value=value,
                       values=", ".join(listed) if listed else bound)
    if name == "maxLength":
        return Message("{value} is longer than {n} characters", value=value, n=bound)
    if name == "minimum":
        return Message("{value} is below {n}", value=value, n=bound)
    if name == "maximum":
        return Message("{value} is above {n}", value=value, n=bound)
    return None


def _custom(file: str, rows: list[dict[str, str]], names: list[str],
            version: str) -> list[Diagnostic]:
    """The schema's Validata checks, as Validata defines them: ``french-siret-value`` (14
    digits whose check digit is right, :func:`siret_valid`), ``one-of-required``;
    ``names``: the file's header."""
    out = []
    for check in schema(version).get("custom_checks", []):
        p = check["params"]
        for line, row in enumerate(rows, start=2):
            if check["name"] == "french-siret-value":
                v = row.get(p["column"]) or ""
                if v and not (len(v) == 14 and v.isdigit() and siret_valid(v)):
                    out.append(_said(file, line, _at(names, p["column"]), Message(
                        "{column}: {value} is not a SIRET (14 digits, the last one a check "
                        "digit)", column=p["column"], value=Quote(v)),
                        "Check it against the INSEE's directory "
                        "(annuaire-entreprises.data.gouv.fr)."))
            elif check["name"] == "one-of-required" and not row.get(p["column1"]) \
                    and not row.get(p["column2"]):
                out.append(_said(file, line, _at(names, p["column1"]), Message(
                    "neither {one} nor {other} is given: one of the two is required",
                    one=p["column1"], other=p["column2"])))
    return out


def _at(names: list[str], column: str) -> int | None:
    return names.index(column) + 1 if column in names else None
