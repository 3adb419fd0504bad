"""The hostile corpus: broken inputs through every command that reads them.

Each case takes the valid call of ``tests/hostile/base`` and breaks one thing:
the files of ``tests/hostile/cases/<name>/`` are copied over it, and cases whose
input is big, binary or made of links are built by code below (one 50 MB blob is
written once per session and hard-linked where it is needed).  Every case is run
through a real ``python -m isgrid`` subprocess, with a timeout, by every command
that reads that input, and must end:

* with exit code 1 or 2 (never 0, never 3, never a hang);
* with an ``Error:`` line naming the place (``file:line``, or ``file!sheet!cell``
  for workbooks; the file alone for whole-file problems such as a size limit)
  and carrying the expected diagnostic code, followed by a ``Hint:`` line;
* without "Traceback" or "internal error" anywhere in the output, and without
  any stderr line longer than 2000 characters (a message quotes an excerpt);
* without any output file (the ``-o`` target does not exist and its folder holds
  no temporary file) and without any change to the call folder.

The runs are started together in a small thread pool (they are subprocesses), so
the whole file takes well under a minute and a half.  A case marked ``bug`` is a
known defect of ``src/``: its runs are strict xfails until the lead fixes it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from testpaths import HOSTILE

HERE = HOSTILE
BASE = HERE / "base"
CASES_DIR = HERE / "cases"
TIMEOUT = 60.0
BIG = 50 * 1024 * 1024
#: A clear message quotes an excerpt of a bad value, not all of it.
MAX_LINE = 2000


@dataclass(frozen=True)
class Shared:
    """Files built once per session and shared by the cases."""

    root: Path

    @property
    def blob(self) -> Path:
        """50 MB that start like a ratings CSV and end in one endless quoted cell."""
        path = self.root / "blob-50mb"
        with _blob_lock:
            if not path.exists():
                head = b"dossier,assessor,criterion,value,comment\nD01,j1,B1,3,\""
                with path.open("wb") as fh:
                    fh.write(head)
                    chunk = b"A" * (1024 * 1024)
                    left = BIG - len(head)
                    while left > 0:
                        fh.write(chunk[:left])
                        left -= len(chunk)
        return path

    @property
    def workbook(self) -> Path:
        """The workbook ``isgrid sheets`` writes for juror j1 of the base call."""
        path = self.root / "sheets" / "j1.xlsx"
        with _blob_lock:
            if not path.exists():
                subprocess.run(
                    [sys.executable, "-m", "isgrid", "sheets", str(BASE), "-o",
                     str(path.parent), "--assessor", "j1"],
                    check=True, capture_output=True, timeout=TIMEOUT, env=_env())
        return path


    @property
    def journal(self) -> bytes:
        """A good journal of the base call: two decisions recorded by ``isgrid decide``."""
        folder = self.root / "journal-call"
        with _blob_lock:
            if not folder.exists():
                shutil.copytree(BASE, folder)
                for did, outcome in (("D01", "retenu"), ("D02", "non-retenu")):
                    subprocess.run(
                        [sys.executable, "-m", "isgrid", "decide", str(folder), did,
                         "--outcome", outcome, "--by", "CM", "--reason", "vote du jury"],
                        check=True, capture_output=True, timeout=TIMEOUT, env=_env())
        return (folder / "journal.jsonl").read_bytes()


_blob_lock = threading.Lock()

Build = Callable[[Path, Shared], None]


@dataclass(frozen=True)
class Case:
    """One broken input: what it breaks, and what the user must be told."""

    name: str
    #: the diagnostic code expected on the Error line that names the place
    code: str | None
    #: a regex the Error line must contain (the place: file:line, file!sheet!cell)
    place: str
    #: which commands read it: call (a call folder), grid (the call's grid file),
    #: import (a juror's workbook), answers (a self-assessment answers file)
    kind: str = "call"
    build: Build | None = None
    #: a known defect of src/: the runs are strict xfails with this reason
    bug: str | None = None
    #: only these commands (when the others would only repeat a slow failure)
    only: tuple[str, ...] | None = None
    timeout: float = TIMEOUT
    #: a command line of its own (``isgrid`` arguments), run instead of the table's
    #: commands: ``args(call, shared)``; its output, if any, goes nowhere
    args: Callable[[Path, Shared], list[Any]] | None = None
    #: the exit code expected exactly (issue 18's cases); None: 1 or 2
    exit: int | None = None


# ------------------------------------------------------------------ builders
def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.exists() or dst.is_symlink():
        dst.unlink()
    os.link(src, dst)


def big_as(rel: str) -> Build:
    def build(call: Path, shared: Shared) -> None:
        _link(shared.blob, call / rel)
    return build


def text_at(rel: str, data: str | bytes) -> Build:
    def build(call: Path, shared: Shared) -> None:
        path = call / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return build


def alias_bomb(head: str) -> str:
    """The "billion laughs": nine levels of nine aliases, 387 million strings."""
    lines = [head, 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        lines.append(f"l{i}: &l{i} [{refs}]")
    return "\n".join(lines) + "\n"


def deep_nesting(head: str, depth: int = 20_000) -> str:
    return head + "region: " + "[" * depth + "]" * depth + "\n"


def symlink(rel: str, target: str) -> Build:
    """Make ``call/rel`` a symbolic link to ``target`` (relative to the link's folder)."""
    def build(call: Path, shared: Shared) -> None:
        path = call / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)
    return build


def rename(rel: str, new: str) -> Build:
    def build(call: Path, shared: Shared) -> None:
        (call / rel).rename(call / new)
    return build


def fifo(rel: str) -> Build:
    def build(call: Path, shared: Shared) -> None:
        os.mkfifo(call / rel)
    return build


def random_bytes(rel: str, n: int, seed: int, prefix: bytes = b"") -> Build:
    def build(call: Path, shared: Shared) -> None:
        rng = random.Random(seed)
        path = call / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(prefix + bytes(rng.randrange(256) for _ in range(n)))
    return build


def xlsx_table(rows: list[list[Any]], *, merge: str | None = None,
               first_sheet: str | None = None, title: str = "dossiers") -> Build:
    """Write ``dossiers.xlsx`` (and drop dossiers/: the table is the dossiers)."""
    def build(call: Path, shared: Shared) -> None:
        import openpyxl

        shutil.rmtree(call / "dossiers")
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        if first_sheet is not None:
            ws.title = first_sheet
            ws["A1"] = "Remplissez la feuille suivante."
            ws = wb.create_sheet(title)
        else:
            ws.title = title
        for row in rows:
            ws.append(row)
        if merge:
            ws.merge_cells(merge)
        wb.save(call / "dossiers.xlsx")
    return build


def grid_fact(line: str, new: str) -> Callable[[Path], None]:
    """Replace a line of the base grid's ``facts:``."""
    def edit(call: Path) -> None:
        grid = call / "grid.yaml"
        text = grid.read_text(encoding="utf-8")
        assert line in text
        grid.write_text(text.replace(line, new), encoding="utf-8")
    return edit


def table_with_grid(edit: Callable[[Path], None], table: Build) -> Build:
    """A dossier table (``table``) read with an edited grid."""
    def build(call: Path, shared: Shared) -> None:
        edit(call)
        table(call, shared)
    return build


def csv_table(text: str) -> Build:
    """Write ``dossiers.csv`` (and drop dossiers/: the table is the dossiers)."""
    def build(call: Path, shared: Shared) -> None:
        shutil.rmtree(call / "dossiers")
        (call / "dossiers.csv").write_text(text, encoding="utf-8")
    return build


def xlsx_with_list_sheet(rows: list[list[Any]], items: list[list[Any]]) -> Build:
    """Write ``dossiers.xlsx`` with a ``dossiers`` sheet and a ``partners`` sheet."""
    def build(call: Path, shared: Shared) -> None:
        import openpyxl

        shutil.rmtree(call / "dossiers")
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "dossiers"
        for row in rows:
            ws.append(row)
        sheet = wb.create_sheet("partners")
        for row in items:
            sheet.append(row)
        wb.save(call / "dossiers.xlsx")
    return build


PARTNERS_FACT = ("  submitted_at: {type: date}\n  partners:\n    type: array\n"
                 "    items: {type: object, properties: {name: {type: string}}}\n")


def xlsx_broken(data: Callable[[Shared], bytes]) -> Build:
    def build(call: Path, shared: Shared) -> None:
        shutil.rmtree(call / "dossiers")
        (call / "dossiers.xlsx").write_bytes(data(shared))
    return build


def truncated(shared: Shared) -> bytes:
    data = shared.workbook.read_bytes()
    return data[: len(data) // 2]


def workbook(mutate: Callable[[Any], None] | None = None,
             raw: Callable[[bytes], bytes] | None = None) -> Build:
    """The juror j1's returned workbook, edited by hand, in ``../returned/j1.xlsx``.

    j1's ratings file is removed from the call, so that a good import would write
    it: a broken one must not.
    """
    def build(call: Path, shared: Shared) -> None:
        import openpyxl

        (call / "ratings" / "j1.csv").unlink()
        target = call.parent / "returned" / "j1.xlsx"
        target.parent.mkdir(exist_ok=True)
        if mutate is not None:
            wb = openpyxl.load_workbook(shared.workbook)
            mutate(wb)
            wb.save(target)
        else:
            shutil.copyfile(shared.workbook, target)
        if raw is not None:
            target.write_bytes(raw(target.read_bytes()))
    return build


def _set(cell: str, value: Any, sheet: str = "Notation") -> Callable[[Any], None]:
    def mutate(wb: Any) -> None:
        wb[sheet][cell] = value
    return mutate


def _merge(wb: Any) -> None:
    ws = wb["Notation"]
    ws["E2"] = 3
    ws["F2"] = 9
    ws.merge_cells("E2:E3")


def _extra_sheets_without_meta(wb: Any) -> None:
    wb.create_sheet("Mes notes", 0)["A1"] = "brouillon"
    wb.create_sheet("Feuil3")
    del wb["_isgrid"]


def _zip_member_garbled(data: bytes) -> bytes:
    """Rewrite the workbook with its sheet XML cut in the middle."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet1"):
                body = body[: len(body) // 2]
            dst.writestr(info, body)
    return out.getvalue()


def journal(tamper: Callable[[list[bytes]], list[bytes]]) -> Build:
    """The base call with a journal of two decisions, then tampered with by hand."""
    def build(call: Path, shared: Shared) -> None:
        lines = shared.journal.splitlines(keepends=True)
        assert len(lines) == 2
        (call / "journal.jsonl").write_bytes(b"".join(tamper(lines)))
    return build


def _edit_reason(lines: list[bytes]) -> list[bytes]:
    return [lines[0].replace(b"vote du jury", b"vote du jury (corrig\xc3\xa9)"), lines[1]]


def _rehash_first(lines: list[bytes]) -> list[bytes]:
    """A careful forger: entry 1's reason changed and its own hash recomputed.

    Entry 1 is then consistent with itself; entry 2's ``prev`` exposes it.
    """
    import json as _json

    from isgrid.call.journal import canonical, entry_hash

    first = _json.loads(lines[0])
    first["reason"] = "autre motif"
    first["hash"] = entry_hash(first)
    return [canonical(first) + b"\n", lines[1]]


def answers(data: str | bytes) -> Build:
    return text_at("../answers.yaml", data)


H = "dossier,assessor,criterion,value,comment\n"


# ------------------------------------------------------------------ issue 18's builders
def far_cell_workbook(wb: Any) -> None:
    """One value in the last cell of a sheet (XFD1048576): 17 billion cells declared."""
    wb["Notation"]["XFD1048576"] = 1


def zip_bomb_member(data: bytes, member: str = "xl/worksheets/sheet1.xml",
                    rows: int = 200) -> bytes:
    """The workbook with one sheet replaced by 3 million cells (45 MB) in 60 KB."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    row = b"<row>" + b"<c><v>1</v></c>" * 16_000 + b"</row>"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open(member, "w", force_zip64=True) as fh:
                fh.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxml'
                         b'formats.org/spreadsheetml/2006/main"><sheetData>')
                for _ in range(rows):
                    fh.write(row)
                fh.write(b"</sheetData></worksheet>")
    return out.getvalue()


def xlsx_bytes(rows: list[list[Any]], far: bool = False) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "dossiers"
    for row in rows:
        ws.append(row)
    if far:
        ws["XFD1048576"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


DOSSIER_ROWS = [["id", "title", "region"], ["D01", "Un", "Alsace"], ["D02", "Deux", "Alsace"],
                ["D03", "Trois", "Alsace"]]


def _digits_400(data: bytes) -> bytes:
    """The number 12345 of the sheet becomes a number of 401 digits (openpyxl cannot write it)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b"<v>12345</v>" in body
                body = body.replace(b"<v>12345</v>", b"<v>" + DIGITS_400.encode() + b"</v>")
            dst.writestr(info.filename, body)
    return out.getvalue()


def _duplicate_column(wb: Any) -> None:
    """A second column for B1 at the right, with a value: neither may silently win."""
    ws = wb["Notation"]
    ws["J1"] = ws["E1"].value
    ws["E2"] = 1
    ws["J2"] = 4


def _second_label(wb: Any) -> None:
    """A second column for B1 at the right under its id alone, with a value."""
    ws = wb["Notation"]
    ws["J1"] = "B1"
    ws["E2"] = 1
    ws["J2"] = 4


def replace_line(rel: str, old: str, new: str) -> Build:
    def build(call: Path, shared: Shared) -> None:
        path = call / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return build


def _entry(seq: int, prev: bytes | None, **changes: Any) -> bytes:
    """A journal line with a correct hash chain (a careful forger's work)."""
    from isgrid.call.journal import GENESIS, canonical, entry_hash, sha256

    data: dict[str, Any] = {"seq": seq, "kind": "decision", "stage": "jury", "dossier": "D03",
                            "by": "X", "reason": "y", "outcome": "retenu",
                            "prev": sha256(prev.rstrip(b"\n")) if prev else GENESIS}
    data.update(changes)
    data["hash"] = entry_hash(data)
    return canonical(data) + b"\n"


def third_line(raw: bytes | None = None, **changes: Any) -> Callable[[list[bytes]], list[bytes]]:
    """Append a third line: ``raw`` as is, or a well-chained entry with ``changes``."""
    def tamper(lines: list[bytes]) -> list[bytes]:
        return [*lines, raw if raw is not None else _entry(3, lines[1], **changes)]
    return tamper


def _rewrite_chain(lines: list[bytes]) -> list[bytes]:
    """The whole chain rewritten with new hashes: consistent, only the head tells."""
    import json as _json

    first = _json.loads(lines[0])
    second = _json.loads(lines[1])
    drop = ("hash", "prev", "seq")
    one = _entry(1, None, **{k: v for k, v in first.items() if k not in drop}
                 | {"reason": "autre motif"})
    two = _entry(2, one, **{k: v for k, v in second.items() if k not in drop})
    return [one, two]


def head_of(shared: Shared) -> str:
    import json as _json

    return str(_json.loads(shared.journal.splitlines()[-1])["hash"])


def also(*builds: Build) -> Build:
    def build(call: Path, shared: Shared) -> None:
        for b in builds:
            b(call, shared)
    return build


def at_top(rel: str, data: bytes | None = None) -> Build:
    """A file (or with ``data`` None, a folder) beside the call folder."""
    def build(call: Path, shared: Shared) -> None:
        path = call.parent / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            path.mkdir()
        else:
            path.write_bytes(data)
    return build


def _move_d03(call: Path, shared: Shared) -> None:
    (call / "dossiers" / "sub").mkdir()
    (call / "dossiers" / "D03.yaml").rename(call / "dossiers" / "sub" / "D03.yaml")


def _journal_folder(call: Path, shared: Shared) -> None:
    (call / "journal.jsonl").mkdir()


def isgrid_args(*args: Any) -> Callable[[Path, Shared], list[Any]]:
    """A case's own command line; ``{call}`` and ``{top}`` name its folders."""
    def make(call: Path, shared: Shared) -> list[Any]:
        return [a.format(call=call, top=call.parent, head=head_of(shared))
                if isinstance(a, str) else a for a in args]
    return make


DIGITS_400 = "1" + "0" * 400

#: ``isgrid intake``'s cases: the base call with an intake block, and a CSV export of
#: Démarche Numérique beside it (``../export.csv``) whose first dossier breaks one thing
INTAKE_BLOCK = ("intake:\n  demarche: 1\n  title: Intitulé du projet\n  facts:\n"
                "    region: Région\n    postcode: Code postal\n"
                "    amount_requested: Montant demandé\n    submitted_at: Déposé le\n")
EXPORT_HEAD = ("ID;Email;État du dossier;Déposé le;Intitulé du projet;Région;Code postal;"
               "Montant demandé\n")
EXPORT_SECOND = "102;c@d.example;En instruction;11/02/2026 17:05;Tiers-lieu;Alsace;68000;12 000 €\n"


def intake_export(number: str = "101", amount: str = "18 000 €",
                  block: str = INTAKE_BLOCK, *builds: Build) -> Build:
    """The intake base (its first dossier ``number`` asking ``amount``), then ``builds``."""
    def build(call: Path, shared: Shared) -> None:
        with (call / "call.yaml").open("a", encoding="utf-8") as fh:
            fh.write(block)
        (call.parent / "export.csv").write_text(
            EXPORT_HEAD + f"{number};a@b.example;En instruction;10/02/2026 17:05;Atelier;"
            f"Alsace;67000;{amount}\n" + EXPORT_SECOND, encoding="utf-8")
        for more in builds:
            more(call, shared)
    return build


def _dossiers_a_file(call: Path, shared: Shared) -> None:
    shutil.rmtree(call / "dossiers")
    (call / "dossiers").write_text("pas un dossier\n", encoding="utf-8")


INTAKE = isgrid_args("intake", "{call}", "--from", "{top}/export.csv")

# ------------------------------------------------------------------ the corpus
CASES: list[Case] = [
    # YAML syntax
    Case("yaml-tab-indent", "yaml-syntax", r"dossiers/D01\.yaml:3\b"),
    Case("yaml-unclosed-flow", "yaml-syntax", r"call\.yaml:\d+"),
    Case("yaml-bad-indent-grid", "yaml-syntax", r"grid\.yaml:\d+", kind="grid"),
    Case("yaml-multi-document", "yaml-syntax", r"dossiers/D02\.yaml:3\b"),
    Case("yaml-unquoted-colon", "yaml-syntax", r"dossiers/D01\.yaml:2\b"),
    Case("yaml-recursive-alias", "yaml-too-complex", r"dossiers/D03\.yaml:3\b"),
    Case("yaml-not-mapping", "yaml-not-mapping", r"dossiers/D03\.yaml:1\b"),
    Case("yaml-nonscalar-key", "schema-invalid", r"call\.yaml:9\b"),
    Case("yaml-duplicate-key-dossier", "yaml-duplicate-key", r"dossiers/D02\.yaml:3\b"),
    Case("yaml-duplicate-key-call", "yaml-duplicate-key", r"call\.yaml:9\b"),
    Case("yaml-duplicate-key-grid", "yaml-duplicate-key", r"grid\.yaml:9\b", kind="grid"),
    Case("alias-bomb-dossier", "yaml-too-complex", r"dossiers/D04\.yaml:\d+",
         build=text_at("dossiers/D04.yaml", alias_bomb("id: D04\ntitle: Bombe"))),
    Case("alias-bomb-call", "yaml-too-complex", r"call\.yaml:\d+",
         build=text_at("call.yaml", alias_bomb("title: Bombe\ngrid: grid.yaml"))),
    Case("alias-bomb-grid", "yaml-too-complex", r"grid\.yaml:\d+", kind="grid",
         build=text_at("grid.yaml", alias_bomb("id: bombe\nmode: scored"))),
    Case("deep-nesting-dossier", "yaml-too-complex", r"dossiers/D04\.yaml:3\b",
         build=text_at("dossiers/D04.yaml", deep_nesting("id: D04\ntitle: Profond\n"))),
    Case("deep-nesting-grid", "yaml-too-complex", r"grid\.yaml:\d+", kind="grid",
         build=text_at("grid.yaml", deep_nesting("id: profond\nmode: scored\n"))),
    # empty files
    Case("empty-dossier", "yaml-not-mapping", r"dossiers/D04\.yaml:1\b"),
    Case("comments-only-dossier", "yaml-not-mapping", r"dossiers/D04\.yaml:1\b"),
    Case("empty-call", "yaml-not-mapping", r"call\.yaml:1\b"),
    Case("empty-grid", "yaml-not-mapping", r"grid\.yaml:1\b", kind="grid"),
    Case("empty-ratings", "csv-syntax", r"ratings/j1\.csv:1\b"),
    Case("blank-lines-ratings", "csv-syntax", r"ratings/j1\.csv:1\b"),
    # encodings, BOM, line endings
    Case("bom-crlf-ratings", "unknown-criterion", r"ratings/j1\.csv:3\b"),
    Case("crlf-tab-dossier", "yaml-syntax", r"dossiers/D01\.yaml:4\b"),
    Case("cr-only-ratings", "value-out-of-scale", r"ratings/j1\.csv:4\b"),
    Case("cp1252-call-wrong-type", "call-invalid", r"call\.yaml:3\b"),
    Case("latin1-undefined-byte", "encoding-invalid", r"dossiers/D02\.yaml:2\b"),
    Case("utf16-ratings", "encoding-invalid", r"ratings/j1\.csv"),
    Case("nul-byte-dossier", "encoding-invalid", r"dossiers/D01\.yaml"),
    Case("bom-mid-file-grid", "unknown-key", r"grid\.yaml:6\b", kind="grid"),
    Case("random-bytes-ratings", None, r"ratings/junk\.csv",
         build=random_bytes("ratings/junk.csv", 4096, seed=10)),
    Case("png-as-dossier", None, r"dossiers/D04\.yaml",
         build=random_bytes("dossiers/D04.yaml", 2048, seed=11,
                            prefix=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")),
    # 50 MB (one blob, linked where needed)
    Case("big-dossier-50mb", "file-too-large", r"dossiers/D04\.yaml",
         build=big_as("dossiers/D04.yaml")),
    Case("big-ratings-50mb", "cell-too-large", r"ratings/big\.csv:2:5\b",
         build=big_as("ratings/big.csv")),
    Case("big-dossiers-csv-50mb", "cell-too-large", r"dossiers\.csv:2:5\b",
         build=big_as("dossiers.csv")),
    Case("big-grid-50mb", "file-too-large", r"grid\.yaml", kind="grid",
         build=big_as("grid.yaml")),
    # lines of more cells than a spreadsheet's columns (a 150 MB header of « x, » took
    # 6 GB and 38 s): said at the first cell beyond, never split into a list
    Case("wide-header-ratings", "too-many-cells", r"ratings/wide\.csv:1:16385\b",
         build=text_at("ratings/wide.csv",
                       "dossier,assessor,criterion,value,comment" + ",x" * 600_000 + "\n")),
    Case("wide-row-ratings", "too-many-cells", r"ratings/wide\.csv:2:16385\b",
         build=text_at("ratings/wide.csv", "dossier,assessor,criterion,value,comment\n"
                       "D01,j1,C1,3," + ",x" * 600_000 + "\n")),
    Case("wide-header-dossiers-csv", "too-many-cells", r"dossiers\.csv:1:16385\b",
         build=csv_table("id,title" + ",x" * 600_000 + "\nD01,Titre\n")),
    # the same rule for a header shorter than a chunk (20,000 cells in 40 kB)
    Case("wide-short-header-ratings", "too-many-cells", r"ratings/wide\.csv:1:16385\b",
         build=text_at("ratings/wide.csv",
                       "dossier,assessor,criterion,value,comment" + ",x" * 20_000 + "\n")),
    Case("wide-short-header-dossiers-csv", "too-many-cells", r"dossiers\.csv:1:16385\b",
         build=csv_table("id,title" + ",x" * 20_000 + "\nD01,Titre\n")),
    # unknown keys and wrong types
    Case("unknown-key-call", "unknown-key", r"call\.yaml:9\b"),
    Case("unknown-key-grid", "unknown-key", r"grid\.yaml:8\b", kind="grid"),
    Case("wrong-type-call", "call-invalid", r"call\.yaml:7\b"),
    Case("wrong-type-grid-weight", "schema-invalid", r"grid\.yaml:36\b", kind="grid"),
    Case("sections-is-string", "schema-invalid", r"grid\.yaml:32\b", kind="grid"),
    # a numeric bound on a string fact, read with a table (was: a TypeError, 'str' < 'int')
    Case("string-fact-minimum", "schema-invalid", r"grid\.yaml:24\b", kind="grid",
         build=table_with_grid(
             grid_fact("  postcode: {type: string}\n", "  postcode: {type: string, minimum: 3}\n"),
             csv_table("id,title,region,postcode\nD01,Un,Alsace,67000\nD02,Deux,Alsace,67000\n"
                       "D03,Trois,Alsace,67000\n"))),
    Case("wrong-type-fact", "fact-invalid", r"dossiers/D01\.yaml:4\b"),
    Case("bad-date-fact", "fact-invalid", r"dossiers/D01\.yaml:4\b"),
    Case("infinite-amount", "fact-invalid", r"dossiers/D01\.yaml:4\b"),
    Case("negative-amount", "fact-invalid", r"dossiers/D01\.yaml:5\b"),
    Case("duplicate-dossier-id", "duplicate-dossier", r"dossiers/D01(-copie)?\.yaml"),
    Case("title-is-list", "call-invalid", r"dossiers/D01\.yaml:2\b"),
    # CSV shapes
    Case("csv-missing-column", "csv-missing-column", r"ratings/j1\.csv:1\b"),
    Case("csv-extra-column", "csv-extra-column", r"ratings/j1\.csv:1\b"),
    Case("csv-wrong-separator", "csv-missing-column", r"ratings/j1\.csv:1\b"),
    Case("csv-row-too-long", "csv-row-length", r"ratings/j1\.csv:3\b"),
    Case("csv-unclosed-quote", "csv-syntax", r"ratings/j1\.csv:[23]\b"),
    Case("csv-value-off-scale", "value-out-of-scale", r"ratings/j1\.csv:3\b"),
    Case("csv-formula-value", "value-out-of-scale", r"ratings/j1\.csv:2\b"),
    Case("csv-half-step-refused", "value-out-of-scale", r"ratings/j1\.csv:2\b"),
    Case("csv-duplicate-rating", "duplicate-rating", r"ratings/j1-bis\.csv:2\b"),
    Case("csv-empty-header-cell", "csv-syntax", r"dossiers\.csv:1\b"),
    Case("dossiers-csv-no-id", "csv-missing-column", r"dossiers\.csv:1\b"),
    Case("dossiers-csv-wrong-separator", "csv-missing-column", r"dossiers\.csv:1\b"),
    # workbooks
    Case("xlsx-formula", "xlsx-formula", r"dossiers\.xlsx!dossiers!C2\b",
         build=xlsx_table([["id", "title", "amount_requested"], ["D09", "Projet", "=1000*12"]])),
    Case("xlsx-merged-id", "call-invalid", r"dossiers\.xlsx!dossiers!A3\b",
         build=xlsx_table([["id", "title"], ["D09", "Projet"], [None, "Autre"]],
                          merge="A2:A3")),
    Case("xlsx-extra-sheet-first", "csv-missing-column", r"dossiers\.xlsx!Instructions!A1\b",
         build=xlsx_table([["numero", "title"], ["D09", "Projet"]], first_sheet="Instructions",
                          title="Feuil2")),
    Case("xlsx-truncated", "xlsx-unreadable", r"dossiers\.xlsx", build=xlsx_broken(truncated)),
    Case("xlsx-csv-renamed", "xlsx-unreadable", r"dossiers\.xlsx",
         build=xlsx_broken(lambda s: b"id,title\nD09,Projet\n")),
    # a dossiers column named like a list fact and that list's sheet (was: None.append)
    Case("xlsx-list-given-twice", "list-given-twice", r"dossiers\.xlsx!partners!A3\b",
         build=table_with_grid(
             grid_fact("  submitted_at: {type: date}\n", PARTNERS_FACT),
             xlsx_with_list_sheet(
                 [["id", "title", "region", "partners"], ["D01", "Un", "Alsace", None],
                  ["D02", "Deux", "Alsace", 5], ["D03", "Trois", "Alsace", None]],
                 [["dossier", "name"], ["D01", "Ville"], ["D02", "Unistra"]]))),
    # ids with spaces and look-alikes
    Case("dossier-id-space", "invalid-id", r"dossiers/D04\.yaml:1\b"),
    Case("dossier-id-cyrillic", "invalid-id", r"dossiers/D04\.yaml:1\b"),
    Case("assessor-id-cyrillic", "invalid-id", r"ratings/j1\.csv:3\b"),
    Case("dossier-ref-lookalike", "unknown-dossier", r"ratings/j1\.csv:3\b"),
    Case("criterion-ref-fullwidth", "unknown-criterion", r"ratings/j1\.csv:3\b"),
    Case("call-assessor-id-space", "invalid-id", r"call\.yaml:5\b"),
    Case("grid-criterion-id-cyrillic", "invalid-id", r"grid\.yaml:\d+", kind="grid"),
    Case("conflict-unknown-dossier", "unknown-dossier", r"call\.yaml:10\b"),
    Case("consensus-off-scale", "bad-consensus", r"call\.yaml:10\b"),
    # extends
    Case("extends-cycle", "extends-cycle", r"grid\.yaml:\d+|hostile-b\.yaml:\d+", kind="grid"),
    Case("extends-self", "extends-cycle", r"grid\.yaml:4\b", kind="grid"),
    Case("extends-unknown", "unknown-grid", r"grid\.yaml:4\b", kind="grid"),
    # paths that leave the call folder
    Case("grid-escape-dotdot", "path-escape", r"call\.yaml:2\b"),
    Case("grid-escape-absolute", "path-escape", r"call\.yaml:2\b"),
    Case("grid-escape-id-ref", "path-escape", r"call\.yaml:2\b"),
    Case("grid-extends-escape", "path-escape", r"grid\.yaml:4\b"),
    Case("dossier-table-escape", "path-escape", r"call\.yaml"),
    Case("grid-symlink-out", "path-escape", r"call\.yaml:2\b",
         build=symlink("grid.yaml", "../outside/grid.yaml")),
    Case("dossier-symlink-out", "path-escape", r"dossiers/D04\.yaml",
         build=symlink("dossiers/D04.yaml", "../../outside/D04.yaml")),
    # outside the folder and not a regular file: either reason will do
    Case("dossier-symlink-dev-zero", None, r"dossiers/D04\.yaml",
         build=symlink("dossiers/D04.yaml", "/dev/zero")),
    # a link to itself: the system cannot tell what it is ("too many levels of symbolic
    # links"); it is named as not a regular file, and the other files are still read
    Case("dossier-symlink-loop", "file-not-found", r"dossiers/D09\.yaml",
         build=symlink("dossiers/D09.yaml", "D09.yaml")),
    Case("ratings-symlink-loop", "file-not-found", r"ratings/loop\.csv",
         build=symlink("ratings/loop.csv", "loop.csv")),
    Case("ratings-symlink-out", "path-escape", r"ratings/x\.csv",
         build=symlink("ratings/x.csv", "../../outside/ratings.csv")),
    Case("ratings-dir-symlink-out", "path-escape", r"ratings/\w+\.csv",
         build=symlink("ratings", "../outside/ratings")),
    Case("call-yaml-symlink-out", "path-escape", r"call\.yaml",
         build=symlink("call.yaml", "../outside/call.yaml")),
    # a hang never ends: the usual bound catches it (15 s failed on a loaded machine)
    Case("fifo-ratings", None, r"ratings/pipe\.csv", build=fifo("ratings/pipe.csv"),
         only=("call-check",)),
    Case("huge-cell-value", "value-out-of-scale", r"ratings/j1\.csv:2\b",
         build=text_at("ratings/j1.csv", H + "D01,j1,B1," + "9" * 100_000 + ",\n")),
    # crashes found by tests/robustness/test_fuzz.py
    Case("yaml-control-char-dossier", "yaml-syntax", r"dossiers/D01\.yaml:2\b",
         build=text_at("dossiers/D01.yaml",
                       b"id: D01\ntitle: Repair\x0bcaf\xc3\xa9\nregion: Alsace\n")),
    Case("yaml-control-char-grid", "yaml-syntax", r"grid\.yaml:\d+", kind="grid",
         build=text_at("grid.yaml", b"id: g\x01\nmode: scored\n")),
    Case("infinite-budget", "call-invalid", r"call\.yaml:7\b"),
    Case("dossiers-csv-only-separators", "csv-syntax", r"dossiers\.csv:1\b"),
    # a juror's workbook, edited by hand, through `isgrid sheets import`
    Case("import-formula", "xlsx-formula", r"j1\.xlsx!Notation!E2\b", kind="import",
         build=workbook(_set("E2", "=2+1"))),
    Case("import-value-off-scale", "value-out-of-scale", r"j1\.xlsx!Notation!F2\b",
         kind="import", build=workbook(_set("F2", 9))),
    Case("import-merged-cells", "value-out-of-scale", r"j1\.xlsx!Notation!F2\b",
         kind="import", build=workbook(_merge)),
    Case("import-extra-sheets-no-meta", "sheet-not-isgrid", r"j1\.xlsx", kind="import",
         build=workbook(_extra_sheets_without_meta)),
    Case("import-assessor-lookalike", "unknown-assessor", r"j1\.xlsx!_isgrid!B3\b",
         kind="import", build=workbook(_set("B3", "ј1", sheet="_isgrid"))),
    Case("import-truncated", "xlsx-unreadable", r"j1\.xlsx", kind="import",
         build=workbook(raw=lambda b: b[: len(b) // 3])),
    Case("import-garbled-sheet-xml", "xlsx-unreadable", r"j1\.xlsx", kind="import",
         build=workbook(raw=_zip_member_garbled)),
    # a tampered decisions journal (journal.jsonl)
    Case("journal-edited-reason", "journal-broken", r"journal\.jsonl:1\b", kind="journal",
         build=journal(_edit_reason)),
    Case("journal-rehashed-entry", "journal-broken", r"journal\.jsonl:1\b", kind="journal",
         build=journal(_rehash_first)),
    Case("journal-line-removed", "journal-broken", r"journal\.jsonl:1\b", kind="journal",
         build=journal(lambda lines: [lines[1]])),
    Case("journal-lines-swapped", "journal-broken", r"journal\.jsonl:1\b", kind="journal",
         build=journal(lambda lines: [lines[1], lines[0]])),
    Case("journal-cut-last-line", "journal-invalid", r"journal\.jsonl:2\b", kind="journal",
         build=journal(lambda lines: [lines[0], lines[1][:40]])),
    Case("journal-not-json", "journal-invalid", r"journal\.jsonl:3\b", kind="journal",
         build=journal(lambda lines: [*lines, b"{D03: retenu}\n"])),
    Case("journal-crlf", None, r"journal\.jsonl:1\b", kind="journal",
         build=journal(lambda lines: [ln.replace(b"\n", b"\r\n") for ln in lines])),
    # a project holder's answers file, through `isgrid assess`
    Case("answers-tab", "yaml-syntax", r"answers\.yaml:3\b", kind="answers",
         build=answers("grid: hostile-base@1\nanswers:\n\tB1: 3\n")),
    Case("answers-alias-bomb", "yaml-too-complex", r"answers\.yaml:\d+", kind="answers",
         build=answers(alias_bomb("grid: hostile-base@1"))),
    Case("answers-undefined-byte", "encoding-invalid", r"answers\.yaml:3\b", kind="answers",
         build=answers(b"grid: hostile-base@1\nanswers:\n  B1: {value: 3, comment: \x81}\n")),
    Case("answers-off-scale", "value-out-of-scale", r"answers\.yaml:3\b", kind="answers",
         build=answers("grid: hostile-base@1\nanswers:\n  B1: 12\n")),
    Case("answers-6mb", "file-too-large", r"answers\.yaml", kind="answers",
         build=answers("grid: hostile-base@1\nanswers:\n  B1: " + "x" * (6 * 1024 * 1024)
                       + "\n")),
    # ---------------------------------------------------------------- issue 18
    # bounded workbooks
    Case("import-far-cell", "xlsx-too-large", r"j1\.xlsx!Notation\b", kind="import",
         build=workbook(far_cell_workbook), exit=1),
    Case("import-zip-bomb", "xlsx-too-large", r"j1\.xlsx", kind="import",
         build=workbook(raw=zip_bomb_member), exit=1),
    Case("dossiers-xlsx-far-cell", "xlsx-too-large", r"dossiers\.xlsx!dossiers\b",
         build=xlsx_broken(lambda s: xlsx_bytes(DOSSIER_ROWS, far=True)), exit=1),
    Case("dossiers-xlsx-zip-bomb", "xlsx-too-large", r"dossiers\.xlsx",
         build=xlsx_broken(lambda s: zip_bomb_member(xlsx_bytes(DOSSIER_ROWS))), exit=1),
    # silent wrong results of an import
    # the same label twice: both header cells said (data22); another label of the same
    # criterion (« B1 » beside « B1 — Besoin social… »): two columns for one criterion
    Case("import-two-columns-one-criterion", "sheet-twin-columns",
         r"j1\.xlsx!Notation!J1\b", kind="import", build=workbook(_duplicate_column), exit=1),
    Case("import-two-labels-one-criterion", "duplicate-rating", r"j1\.xlsx!Notation!J1\b",
         kind="import", build=workbook(_second_label), exit=1),
    Case("import-true-cell", "value-out-of-scale", r"j1\.xlsx!Notation!F2\b", kind="import",
         build=workbook(_set("F2", True)), exit=1),
    Case("import-400-digit-cell", "value-out-of-scale", r"j1\.xlsx!Notation!F2\b",
         kind="import", build=workbook(_set("F2", 12345), raw=_digits_400), exit=1),
    Case("import-ambiguous-amount", "bad-amount", r"j1\.xlsx!Notation!I2\b", kind="import",
         build=workbook(_set("I2", "15,000")), exit=1),
    # numbers: amounts parsed one way, finite and bounded
    Case("budget-52-dot-000", "call-invalid", r"call\.yaml:7\b",
         build=replace_line("call.yaml", "budget: 30000", "budget: 52.000"), exit=1),
    Case("budget-15-comma-000", "call-invalid", r"call\.yaml:7\b",
         build=replace_line("call.yaml", "budget: 30000", "budget: 15,000"), exit=1),
    Case("budget-400-digits", "call-invalid", r"call\.yaml:7\b",
         build=replace_line("call.yaml", "budget: 30000", "budget: " + DIGITS_400), exit=1),
    Case("cap-ambiguous", "call-invalid", r"call\.yaml:9\b",
         build=replace_line("call.yaml", "selection: {rule: rank-order, reserve: 1}",
                            "selection: {rule: rank-order, reserve: 1}\nfunding: {cap: 12.000}"), exit=1),
    Case("weights-1e308", "bad-weight", r"grid\.yaml:36\b", kind="grid",
         build=replace_line("grid.yaml", "{id: B1, label: Besoin social, scale: s04,",
                            "{id: B1, label: Besoin social, scale: s04, weight: 1e308,"), exit=2),
    Case("grid-level-400-digits", "bad-scale", r"grid\.yaml:12\b", kind="grid",
         build=replace_line("grid.yaml", "{value: 4, label: Excellent}",
                            "{value: " + DIGITS_400 + ", label: Excellent}"), exit=2),
    Case("fact-400-digits", "fact-invalid", r"dossiers/D01\.yaml:5\b",
         build=replace_line("dossiers/D01.yaml", "amount_requested: 12000",
                            "amount_requested: " + DIGITS_400), exit=1),
    Case("call-title-lone-surrogate", "encoding-invalid", r"call\.yaml:1\b",
         build=replace_line("call.yaml", "title: Appel de base du corpus hostile",
                            'title: "Appel \\ud800"'), exit=1),
    Case("dossier-title-lone-surrogate", "encoding-invalid", r"dossiers/D01\.yaml:2\b",
         build=replace_line("dossiers/D01.yaml", "title: Repair café",
                            'title: "Repair \\udc80"'), exit=1),
    Case("dossier-in-subfolder", "file-ignored", r"dossiers/sub/D03\.yaml", build=_move_d03, exit=1),
    # the decisions journal
    Case("journal-infinity", "journal-invalid", r"journal\.jsonl:3\b", kind="journal",
         build=journal(third_line(amount=float("inf"))), exit=1),
    Case("journal-deep-nesting", "journal-invalid", r"journal\.jsonl:3\b", kind="journal",
         build=journal(third_line(b"[" * 200_000 + b"]" * 200_000 + b"\n")), exit=1),
    Case("journal-400-digits", "journal-invalid", r"journal\.jsonl:3\b", kind="journal",
         build=journal(third_line(amount=10**400)), exit=1),
    Case("journal-lone-surrogate", "journal-invalid", r"journal\.jsonl:3\b", kind="journal",
         build=journal(third_line(b'{"seq":3,"by":"\\ud800"}\n')), exit=1),
    Case("journal-bad-date", "journal-invalid", r"journal\.jsonl:3\b", kind="journal",
         build=journal(third_line(at="2016-13-45")), exit=1),
    Case("journal-unknown-dossier", "unknown-dossier", r"journal\.jsonl:3\b", kind="journal",
         build=journal(third_line(dossier="D99")),
         only=("decisions", "decide", "report", "minutes", "export"), exit=1),
    Case("journal-is-a-folder", "journal-invalid", r"journal\.jsonl", kind="journal",
         build=_journal_folder, exit=1),
    Case("journal-lock-symlink", "journal-invalid", r"\.journal\.lock", kind="journal",
         build=also(journal(lambda lines: lines), symlink(".journal.lock", "../outside/lock")),
         only=("decide",), exit=1),
    Case("journal-head-lines-removed", "journal-broken", r"journal\.jsonl", kind="journal",
         build=journal(lambda lines: lines[:1]),
         args=isgrid_args("journal", "verify", "{call}", "--head", "{head}"), exit=1),
    Case("journal-head-chain-rewritten", "journal-broken", r"journal\.jsonl", kind="journal",
         build=journal(_rewrite_chain),
         args=isgrid_args("journal", "verify", "{call}", "--head", "{head}"), exit=1),
    Case("journal-head-not-a-hash", "bad-option", r"Error: --head '1234'", kind="journal",
         build=journal(lambda lines: lines),
         args=isgrid_args("journal", "verify", "{call}", "--head", "1234"), exit=2),
    # decide: what a secretary types (the place is the option, named; no file is at fault)
    Case("decide-amount-1.7e308", "bad-amount", r"Error: --amount '1\.7e308'", kind="journal",
         build=journal(lambda lines: lines),
         args=isgrid_args("decide", "{call}", "D03", "--outcome", "retenu", "--amount",
                          "1.7e308", "--by", "X", "--reason", "y"), exit=1),
    Case("decide-amount-15-comma-000", "bad-amount", r"Error: --amount '15,000'",
         kind="journal",
         build=journal(lambda lines: lines),
         args=isgrid_args("decide", "{call}", "D03", "--outcome", "retenu", "--amount",
                          "15,000", "--by", "X", "--reason", "y"), exit=1),
    Case("decide-at-2016-13-45", "bad-decision", r"Error: --at '2016-13-45'", kind="journal",
         build=journal(lambda lines: lines),
         args=isgrid_args("decide", "{call}", "D03", "--outcome", "retenu", "--at",
                          "2016-13-45", "--by", "X", "--reason", "y"), exit=1),
    Case("decide-by-not-utf8", "bad-decision", r"Error: --by ", kind="journal",
         build=journal(lambda lines: lines),
         args=isgrid_args("decide", "{call}", "D03", "--outcome", "retenu", "--by",
                          b"Jos\xe9", "--reason", "y"), exit=1),
    # outputs: never an input, never a replaced page without --force, never exit 3
    Case("score-over-grid-yaml", "output-is-input", r"grid\.yaml",
         build=also(), args=isgrid_args("score", "{call}", "-o", "{call}/grid.yaml",
                                        "--force"), exit=2),
    # (a CSV written over an input: since -o and --format must agree, an HTML report
    # named .csv is refused first as bad-option; score writes CSV)
    Case("score-over-assignments", "output-is-input", r"assignments\.csv",
         build=text_at("assignments.csv", "dossier,assessor\nD01,j1\n"),
         args=isgrid_args("score", "{call}", "--format", "csv", "-o",
                                        "{call}/assignments.csv", "--force"), exit=2),
    Case("minutes-over-call-yaml", "output-is-input", r"call\.yaml",
         build=also(), args=isgrid_args("minutes", "{call}", "-o", "{call}/call.yaml",
                                        "--force"), exit=2),
    # conflicts/ and opinions/ are read like ratings/: an output there would be read as a
    # déport (or an opinion) the next time, and the call would no longer load (the first
    # case was accepted before December 2026; the two others were already refused, one
    # as an input of the command, one by call_input_of, and stay as guards)
    Case("score-into-conflicts", "output-is-input", r"conflicts",
         build=also(), args=isgrid_args("score", "{call}", "--format", "csv", "-o",
                                        "{call}/conflicts/classement.csv"), exit=2),
    Case("score-over-a-conflicts-file", "output-is-input", r"conflicts/j1\.csv",
         build=text_at("conflicts/j1.csv", "assessor,dossier,reason\n"),
         args=isgrid_args("score", "{call}", "--format", "csv", "-o",
                                        "{call}/conflicts/j1.csv", "--force"),
         exit=2),
    Case("score-into-opinions", "output-is-input", r"opinions",
         build=also(), args=isgrid_args("score", "{call}", "--format", "csv", "-o",
                                        "{call}/opinions/classement.csv"), exit=2),
    Case("watch-existing-index", "output-exists", r"seance/index\.html",
         build=at_top("seance/index.html", b"<p>la page de la veille</p>"),
         args=isgrid_args("watch", "{call}", "-o", "{top}/seance", "--once"), exit=2),
    Case("output-under-a-file", "write-failed", r"afile",
         build=at_top("afile", b"x"),
         args=isgrid_args("score", "{call}", "--format", "json", "-o", "{top}/afile/r.json"), exit=1),
    # isgrid intake: a hostile export (formulas, huge numbers), a prefix that climbs out,
    # links out of the call, files where folders go: refused, and nothing written
    Case("intake-formula-number", "intake-value", r"export\.csv:2:1\b",
         build=intake_export(number="=1+1"), args=INTAKE, exit=1),
    Case("intake-formula-amount", "intake-value", r"export\.csv:2:8\b",
         build=intake_export(amount="=2*9000"), args=INTAKE, exit=1),
    Case("intake-huge-amount", "intake-value", r"export\.csv:2:8\b",
         build=intake_export(amount=DIGITS_400), args=INTAKE, exit=1),
    Case("intake-huge-number", "invalid-id", r"export\.csv:2:1\b",
         build=intake_export(number="9" * 400), args=INTAKE, exit=2),
    Case("intake-prefix-dotdot", "call-invalid", r"call\.yaml:\d+:\d+ \(intake\.id_prefix\)",
         build=intake_export("101", "18 000 €", INTAKE_BLOCK + "  id_prefix: '../'\n"),
         args=INTAKE, exit=1),
    Case("intake-dossiers-link-out", "path-escape", r"dossiers/DN-101\.yaml",
         build=intake_export("101", "18 000 €", INTAKE_BLOCK, symlink("dossiers", "../outside")),
         args=INTAKE, exit=1),
    Case("intake-state-link-out", "path-escape", r"intake-state\.json",
         build=intake_export("101", "18 000 €", INTAKE_BLOCK,
                             symlink("intake-state.json", "../outside/state.json")),
         args=INTAKE, exit=1),
    Case("intake-dossiers-a-file", "write-failed", r"call/dossiers: ",
         build=intake_export("101", "18 000 €", INTAKE_BLOCK, _dossiers_a_file),
         args=INTAKE, exit=1),
    Case("intake-dossier-file-a-folder", "output-exists", r"dossiers/DN-102\.yaml: ",
         build=intake_export("101", "18 000 €", INTAKE_BLOCK,
                             lambda call, shared: (call / "dossiers" / "DN-102.yaml").mkdir()),
         args=INTAKE, exit=2),
]


# ------------------------------------------------------------------ commands
def _has(module: str) -> bool:
    return importlib.util.find_spec(f"isgrid.{module}") is not None


#: The cases run through every command that reads them.
FULL = {"yaml-tab-indent", "cp1252-call-wrong-type", "big-ratings-50mb", "xlsx-formula",
        "dossier-symlink-out", "extends-cycle"}

#: Commands that read a call folder besides ``call check`` and ``score``, with the
#: module that brings them (they are tested when that module exists).
NEWER_CALL_COMMANDS = [("report", "cli.report"), ("sheets", "cli.sheets"),
                       ("assign", "cli.assign"), ("compare", "cli.compare"),
                       ("decisions", "cli.decisions"), ("minutes", "cli.minutes"),
                       ("export", "cli.export"), ("calibrate", "cli.jury"),
                       ("sensitivity", "cli.jury")]


#: Commands that read the decisions journal (``score`` does not: it computes only;
#: ``watch`` shows the error in its page, by design, and goes on).
JOURNAL_COMMANDS = [("journal-verify", "cli.decisions"), ("decisions", "cli.decisions"),
                    ("decide", "cli.decisions"),
                    ("report", "cli.report"), ("minutes", "cli.minutes"),
                    ("export", "cli.export")]


def commands(case: Case) -> list[str]:
    """The commands a case goes through.

    Every call-folder case goes through ``call check`` and ``score -o``, every
    grid case also through ``grids check``.  Every command starts by the same
    loader, and one run costs about half a second of CPU, so the newer commands
    (report, sheets, assign, compare, decisions, minutes, export, calibrate,
    sensitivity; grids show, assess --template) run on the
    cases of :data:`FULL`: one per kind of input (a dossier's YAML, call.yaml and
    its encoding, a 50 MB ratings CSV, a workbook, a link out of the folder, a grid's
    extends) -- the whole matrix would take minutes.
    """
    if case.args is not None:
        return ["own"]
    if case.kind == "import":
        names = ["sheets-import"]
    elif case.kind == "answers":
        names = ["assess"]
    elif case.kind == "journal":
        names = [n for n, m in JOURNAL_COMMANDS if _has(m)]
    else:
        names = ["call-check", "score"]
        if case.name in FULL:
            names += [n for n, m in NEWER_CALL_COMMANDS if _has(m)]
        if case.kind == "grid":
            names += ["grids-check"]
            if case.name in FULL:
                names += ["grids-show"] + (["assess-template"] if _has("cli.assess") else [])
    if case.only is not None:
        names = [n for n in names if n in case.only]
    return names


def argv(command: str, call: Path, out: Path) -> tuple[list[str], Path]:
    """The command line, and the output it must not write."""
    c = str(call)
    table: dict[str, tuple[list[str], str]] = {
        "call-check": (["call", "check", c], "none"),
        "score": (["score", c, "--format", "json", "-o", str(out / "result.json")],
                  "result.json"),
        "report": (["report", c, "-o", str(out / "report.html")], "report.html"),
        "sheets": (["sheets", c, "-o", str(out / "sheets")], "sheets"),
        "assign": (["assign", c, "--per-dossier", "1", "-o", str(out / "assignments.csv")],
                   "assignments.csv"),
        "compare": (["compare", str(BASE / "grid.yaml"), "--call", c, "-o",
                     str(out / "compare.md")], "compare.md"),
        "grids-check": (["grids", "check", str(call / "grid.yaml")], "none"),
        "grids-show": (["grids", "show", str(call / "grid.yaml")], "none"),
        "assess-template": (["assess", str(call / "grid.yaml"), "--template", "-o",
                             str(out / "answers.yaml")], "answers.yaml"),
        "sheets-import": (["sheets", "import", c, str(call.parent / "returned" / "j1.xlsx")],
                          "none"),
        "assess": (["assess", str(BASE / "grid.yaml"), str(call.parent / "answers.yaml"),
                    "-o", str(out / "result.md")], "result.md"),
        "journal-verify": (["journal", "verify", c], "none"),
        "journal-show": (["journal", "show", c], "none"),
        "decisions": (["decisions", c, "--format", "json", "-o", str(out / "decided.json")],
                      "decided.json"),
        "decide": (["decide", c, "D03", "--outcome", "retenu", "--by", "X", "--reason", "y"],
                   "none"),
        "minutes": (["minutes", c, "-o", str(out / "pv.html")], "pv.html"),
        "calibrate": (["calibrate", c, "-o", str(out / "calibration.txt")], "calibration.txt"),
        "sensitivity": (["sensitivity", c, "--draws", "10", "--seed", "1", "-o",
                         str(out / "sensitivity.txt")], "sensitivity.txt"),
        "export": (["export", c, "--format", "scdl-subventions", "-o",
                    str(out / "export.csv")], "export.csv"),
    }
    args, target = table[command]
    return [sys.executable, "-m", "isgrid", *args], out / target


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
                "COLUMNS": "200"})
    return env


# ------------------------------------------------------------------ running
def build_case(case: Case, root: Path, shared: Shared) -> Path:
    """Write the case under ``root/<name>/call`` (with ``outside/`` beside it)."""
    top = root / case.name
    call = top / "call"
    shutil.copytree(BASE, call)
    outside = top / "outside"
    outside.mkdir()
    shutil.copyfile(BASE / "grid.yaml", outside / "grid.yaml")
    shutil.copyfile(BASE / "call.yaml", outside / "call.yaml")
    shutil.copyfile(BASE / "dossiers" / "D01.yaml", outside / "D04.yaml")
    (outside / "D04.yaml").write_text("id: D04\ntitle: Secret\n", encoding="utf-8")
    shutil.copytree(BASE / "ratings", outside / "ratings")
    shutil.copyfile(BASE / "ratings" / "j1.csv", outside / "ratings.csv")
    (outside / "dossiers.csv").write_text("id,title\nD09,Secret\n", encoding="utf-8")
    overlay = CASES_DIR / case.name
    if overlay.is_dir():
        for src in sorted(overlay.rglob("*")):
            if src.is_file():
                dst = call / src.relative_to(overlay)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
    if case.build is not None:
        case.build(call, shared)
    return call


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (links not followed): files by size, mtime and hash."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            p = Path(dirpath) / name
            st = p.lstat()
            rel = p.relative_to(folder).as_posix()
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"  # a lock file made and removed inside is not a change
            elif p.is_file() and st.st_size < 1024 * 1024:
                out[rel] = f"{st.st_size}:{st.st_mtime_ns}:" + hashlib.sha256(
                    p.read_bytes()).hexdigest()
            else:
                out[rel] = f"{st.st_mode}:{st.st_size}:{st.st_mtime_ns}"
    return out


@dataclass
class Run:
    returncode: int | None  # None: timed out
    stdout: str
    stderr: str
    out_dir: Path
    target: Path


class Runner:
    """Builds the selected cases and runs their commands in parallel, once."""

    def __init__(self, root: Path, wanted: set[tuple[str, str]]) -> None:
        self.root = root
        self.shared = Shared(root / "shared")
        self.shared.root.mkdir()
        self.pool = ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) + 1))
        self.futures: dict[tuple[str, str], Future[Run]] = {}
        self.calls: dict[str, Path] = {}
        self.before: dict[str, dict[str, str]] = {}
        by_name = {c.name: c for c in CASES}
        # big and slow cases first, so that they overlap with the many small ones
        order = sorted(wanted, key=lambda k: (not k[0].startswith(("big-", "answers-6")),
                                              k[0], k[1]))
        self.cases: dict[str, Future[Path]] = {}
        for name, command in order:
            case = by_name[name]
            if name not in self.cases:
                self.cases[name] = self.pool.submit(self._build, case)
            self.futures[(name, command)] = self.pool.submit(self._run, case, command)

    def _build(self, case: Case) -> Path:
        call = build_case(case, self.root / "cases", self.shared)
        self.before[case.name] = snapshot(call.parent)
        return call

    def _run(self, case: Case, command: str) -> Run:
        call = self.cases[case.name].result()
        out = self.root / "out" / case.name / command
        out.mkdir(parents=True)
        if case.args is not None:
            args: list[Any] = [sys.executable, "-m", "isgrid",
                               *case.args(call, self.shared)]
            target = out / "none"
        else:
            args, target = argv(command, call, out)
        try:
            proc = subprocess.run(args, capture_output=True, timeout=case.timeout,
                                  env=_env(), cwd=self.root, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            return Run(None, _text(exc.stdout), _text(exc.stderr), out, target)
        return Run(proc.returncode, _text(proc.stdout), _text(proc.stderr), out, target)

    def result(self, name: str, command: str) -> Run:
        return self.futures[(name, command)].result()

    def case_folder(self, name: str) -> Path:
        return self.cases[name].result().parent

    def all_done(self, name: str) -> None:
        for (n, _), fut in self.futures.items():
            if n == name:
                fut.result()


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = []
        if case.bug is not None:
            marks.append(pytest.mark.xfail(strict=True, reason=f"BUG: {case.bug}"))
        for command in commands(case):
            out.append(pytest.param(case, command, id=f"{case.name}-{command}", marks=marks))
    return out


@pytest.fixture(scope="module")
def runner(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    wanted: set[tuple[str, str]] = set()
    for item in request.session.items:
        spec = getattr(item, "callspec", None)
        if spec is not None and getattr(item, "originalname", "") == "test_hostile_input":
            wanted.add((spec.params["case"].name, spec.params["command"]))
    r = Runner(tmp_path_factory.mktemp("hostile"), wanted)
    yield r
    r.pool.shutdown(wait=True, cancel_futures=True)


def _short(text: str) -> str:
    """The last lines of an output, each cut to 300 characters (a 6 MB line is unreadable)."""
    return "\n".join(ln[:300] for ln in text.splitlines()[-40:])


def error_lines(stderr: str) -> list[tuple[str, str]]:
    """Each ``Error:`` line with the line after it (where the hint goes)."""
    lines = stderr.splitlines()
    return [(ln, lines[i + 1] if i + 1 < len(lines) else "")
            for i, ln in enumerate(lines) if ln.startswith("Error:")]


@pytest.mark.parametrize(("case", "command"), _params())
def test_hostile_input(runner: Runner, case: Case, command: str) -> None:
    run = runner.result(case.name, command)
    shown = f"\n--- stdout\n{_short(run.stdout)}\n--- stderr\n{_short(run.stderr)}"
    assert run.returncode is not None, f"no answer within {case.timeout} s{shown}"
    both = run.stdout + run.stderr
    assert "Traceback" not in both, shown
    assert "internal error" not in both, shown
    assert run.returncode in (1, 2), f"exit {run.returncode}{shown}"
    if case.exit is not None:
        assert run.returncode == case.exit, f"exit {run.returncode}, not {case.exit}{shown}"
    found = [(ln, nxt) for ln, nxt in error_lines(run.stderr) if re.search(case.place, ln)]
    assert found, f"no Error: line names {case.place!r}{shown}"
    if case.code is not None:
        found = [(ln, nxt) for ln, nxt in found if f"[{case.code}]" in ln]
        assert found, f"no [{case.code}] error at {case.place!r}{shown}"
    assert any(nxt.strip().startswith("Hint:") for _, nxt in found), f"no Hint:{shown}"
    longest = max(len(ln) for ln in run.stderr.splitlines())
    assert longest <= MAX_LINE, f"a {longest}-character line on stderr{shown}"
    # nothing written: no output, no temporary file, the call folder untouched
    assert not run.target.exists(), f"{run.target} was written"
    assert sorted(p.name for p in run.out_dir.iterdir()) == []
    runner.all_done(case.name)
    folder = runner.case_folder(case.name)
    assert snapshot(folder) == runner.before[case.name], "the inputs were changed"


def test_corpus_is_large_and_named() -> None:
    """At least 40 broken inputs; every overlay folder belongs to a case."""
    names = [c.name for c in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)
    overlays = {p.name for p in CASES_DIR.iterdir() if p.is_dir()}
    assert overlays <= set(names), overlays - set(names)
    assert all(c.build is not None or c.name in overlays for c in CASES)


def test_base_call_is_valid(tmp_path: Path) -> None:
    """Every command succeeds on the untouched base: each case breaks exactly one thing."""
    shared = Shared(tmp_path)
    case = Case("base", None, "", kind="grid")
    call = build_case(case, tmp_path / "cases", shared)
    # every command of the matrix; but not `decide` (it writes the journal) nor `export`
    # (it needs a vote recorded and the funder's SIRET, which the base does not have)
    names = [n for n, m in [*NEWER_CALL_COMMANDS, *JOURNAL_COMMANDS] if _has(m)]
    names = [*commands(case), "grids-show", *(["assess-template"] if _has("cli.assess") else []),
             *(["journal-show"] if _has("cli.decisions") else []),
             *(n for n in names if n not in ("decide", "export"))]

    def run(command: str) -> tuple[str, subprocess.CompletedProcess[str]]:
        out = tmp_path / "out" / command
        out.mkdir(parents=True)
        args, _ = argv(command, call, out)
        return command, subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT,
                                       env=_env(), cwd=tmp_path)

    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) + 1)) as pool:
        done = list(pool.map(run, dict.fromkeys(names)))
    for command, proc in done:
        assert proc.returncode == 0, f"{command}: {proc.stderr}"


def test_the_intake_base_is_valid(tmp_path: Path) -> None:
    """The intake cases' base takes both dossiers in: each case breaks one thing."""
    case = Case("intake-base", None, "", build=intake_export(), args=INTAKE)
    call = build_case(case, tmp_path / "cases", Shared(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "isgrid", *INTAKE(call, Shared(tmp_path))],
                          capture_output=True, text=True, timeout=TIMEOUT, env=_env())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1:3] == ["new: DN-101", "new: DN-102"]
    assert (call / "dossiers" / "DN-101.yaml").is_file()


def test_every_problem_of_every_file_at_once(tmp_path: Path) -> None:
    """Four broken files: one run names all four places (DESIGN: collect, then stop)."""
    case = Case("four-at-once", None, "", build=None)
    call = build_case(case, tmp_path / "cases", Shared(tmp_path))
    (call / "dossiers" / "D01.yaml").write_text("id: D01\ntitle: x\n\tregion: Alsace\n",
                                                encoding="utf-8")
    (call / "dossiers" / "D02.yaml").write_text("id: D02\ntitle: x\ntitle: y\n",
                                                encoding="utf-8")
    (call / "ratings" / "j1.csv").write_text(H + "D03,j1,B1,12,\n", encoding="utf-8")
    (call / "ratings" / "j2.csv").write_text(H + "D03,j2,B7,1,\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args, target = argv("score", call, out)
    proc = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, env=_env(),
                          cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    lines = [ln for ln, _ in error_lines(proc.stderr)]
    for place, code in ((r"dossiers/D01\.yaml:3\b", "yaml-syntax"),
                        (r"dossiers/D02\.yaml:3\b", "yaml-duplicate-key"),
                        (r"ratings/j1\.csv:2\b", "value-out-of-scale"),
                        (r"ratings/j2\.csv:2\b", "unknown-criterion")):
        assert any(re.search(place, ln) and f"[{code}]" in ln for ln in lines), (place, lines)
    assert not target.exists()


# ------------------------------------------------------------------ isgrid serve
def _answers(text: str) -> bytes:
    return ("grid: avise-mouves-2011\nanswers:\n" + text).encode("utf-8")


UPLOADS = [
    pytest.param("tab.yaml", _answers("\tA1: 3\n"), 400, id="tab-indent"),
    pytest.param("bomb.yaml", alias_bomb("grid: avise-mouves-2011").encode(), 400,
                 id="alias-bomb"),
    pytest.param("deep.yaml", deep_nesting("grid: avise-mouves-2011\n").encode(), 400,
                 id="deep-nesting"),
    pytest.param("nul.yaml", _answers("A1: 3\x00\n"), 400, id="nul-byte"),
    pytest.param("latin.yaml", b"grid: avise-mouves-2011\nanswers: {A1: \x81}\n", 400,
                 id="undefined-cp1252-byte"),
    pytest.param("big.yaml", b"# " + b"x" * (2100 * 1024) + b"\n", 413, id="over-2-mb"),
    pytest.param("answers.exe", _answers(""), 400, id="not-yaml-name"),
    pytest.param("dup.yaml", b"grid: avise-mouves-2011\ngrid: csess-2017\n", 400,
                 id="duplicate-key"),
    pytest.param("ctrl.yaml", _answers("A1: {value: 3, comment: \"a\x0bb\"}\n"), 400,
                 id="control-character"),
]


@pytest.mark.skipif(not _has("web"), reason="no isgrid serve yet")
@pytest.mark.parametrize(("name", "data", "status"), UPLOADS)
def test_serve_refuses_hostile_uploads(name: str, data: bytes, status: int) -> None:
    """`isgrid serve`: a broken answers file gets a clear error page, never a 500."""
    from isgrid.web.selfassess import create_app
    from webclients import same_origin_client

    client = same_origin_client(create_app(lang="en"))
    resp = client.post("/upload", data={"grid": "avise-mouves-2011",
                                        "answers": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")
    body = resp.get_data(as_text=True)
    assert resp.status_code == status, body[:2000]
    assert "Traceback" not in body
    assert "Content-Security-Policy" in resp.headers


def test_upper_case_extensions_are_read(tmp_path: Path) -> None:
    """ratings/j2.CSV and dossiers/D03.YAML (as Windows tools name them) are read like the rest."""
    import shutil

    from isgrid.call.load import load_call

    folder = tmp_path / "call"
    shutil.copytree(BASE, folder)
    (folder / "ratings" / "j2.csv").rename(folder / "ratings" / "j2.CSV")
    (folder / "dossiers" / "D03.yaml").rename(folder / "dossiers" / "D03.YAML")
    call = load_call(folder)
    assert "D03" in {d.id for d in call.dossiers}
    assert "j2" in set(call.table.assessor_ids)
    assert any(f.endswith("j2.CSV") for f in call.table.files)
