"""Writing outputs so that nothing is ever lost.

Every file isgrid writes goes through :func:`write_output`: it refuses to
overwrite an input, refuses to replace an existing output unless asked
(``--force``), and writes atomically (a temporary file in the same folder,
flushed and renamed), so an interrupted run never leaves a half-written report
in place of a good one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, Location, UsageError


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:  # pragma: no cover
        return False


def check_output(path: Path, *, inputs: Iterable[Path] = (), force: bool = False) -> None:
    """Raise :class:`UsageError` if writing ``path`` would lose something."""
    for inp in inputs:
        if _same(path, inp):
            raise UsageError(
                f"{path} is an input",
                [Diagnostic("output-is-input", f"refusing to overwrite the input {path}",
                            Location(str(path)))],
            )
    if path.exists() and not force:
        raise UsageError(
            f"{path} exists",
            [Diagnostic("output-exists", f"{path} already exists", Location(str(path)))],
        )
    if path.exists() and path.is_dir():
        raise UsageError(
            f"{path} is a folder",
            [Diagnostic("output-exists", f"{path} is a folder", Location(str(path)),
                        hint="Give a file name.")],
        )


def refuse_inside_call_inputs(path: Path, folder: Path) -> None:
    """Raise :class:`UsageError` if ``path`` is inside the ``ratings/`` or ``dossiers/``
    folder of the call in ``folder``: it would be read as an input next time."""
    for sub in ("ratings", "dossiers"):
        try:
            path.resolve().relative_to((folder / sub).resolve())
        except ValueError:
            continue
        raise UsageError("output inside an input folder", [Diagnostic(
            "output-is-input", f"{path} is inside the call's {sub}/ folder, which isgrid "
            "reads as input", Location(str(path)),
            hint="Write results outside ratings/ and dossiers/.")])


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of bytes) to ``path`` atomically.

    A same-folder temporary file, flushed to disk, then renamed over ``path``.
    Pieces are written as they come (a large result is never joined in memory).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); an output is shared like any file
        # the user creates (a séance folder): the replaced file's mode, else the umask's
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes | bytearray):
                fh.write(data)
            else:
                fh.writelines(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_output(
    path: Path, data: bytes | str | Iterable[bytes], *, inputs: Iterable[Path] = (),
    force: bool = False,
) -> None:
    """Check then atomically write one output file."""
    check_output(path, inputs=inputs, force=force)
    atomic_write(path, data.encode("utf-8") if isinstance(data, str) else data)


def dumps_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def dumps_records(data: dict[str, Any], records_key: str) -> str:
    """Deterministic JSON with one record of ``data[records_key]`` per line (as text)."""
    return dumps_records_bytes(data, records_key).decode("utf-8")


def dumps_records_bytes(data: dict[str, Any], records_key: str) -> bytes:
    """Deterministic JSON with one record of ``data[records_key]`` per line, UTF-8.

    For large results: each top-level key on its own line, each record compact
    on one line (sorted keys).  It is readable, diff-friendly (one dossier per
    line), and fast: records are encoded by orjson, as bytes, straight to the
    file (a national call's result is 80 MB; the standard library's encoder
    alone took longer than reading the ratings).  ``json.loads`` gives exactly
    the same data as :func:`dumps_json`.
    """
    return b"".join(iter_records(data, records_key))


def iter_records(data: dict[str, Any], records_key: str) -> Iterator[bytes]:
    """The bytes of :func:`dumps_records_bytes`, piece by piece (for writing as they come)."""
    yield b"{\n"
    keys = sorted(data)
    for i, key in enumerate(keys):
        comma = b",\n" if i < len(keys) - 1 else b"\n"
        value = data[key]
        if key == records_key and isinstance(value, list) and value:
            yield b"  " + _compact(key) + b": [\n"
            last = len(value) - 1
            for j, record in enumerate(value):
                yield b"    " + _compact(record) + (b",\n" if j < last else b"\n")
            yield b"  ]" + comma
        else:
            yield b"  " + _compact(key) + b": " + _compact(value) + comma
    yield b"}\n"


def _compact(x: Any) -> bytes:
    """One value as compact JSON with sorted keys.

    orjson where it can; the standard library for what orjson refuses (integers
    beyond 64 bits, which a hostile dossier may hold).  orjson would write NaN
    as null: a result never holds NaN (the fuzz tests check the data itself).
    """
    import orjson

    try:
        return orjson.dumps(x, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(x, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")


#: Characters that make a spreadsheet cell a formula (or a DDE call), once the
#: cell is opened in Excel or LibreOffice; the full-width forms too, which some
#: spreadsheets fold into ASCII.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d",
                    "\uff20")

#: A plain number as the writers spell it (``-1,33``, ``-12.5``, ``+3``, ``-1e-05``):
#: a spreadsheet reads it as a number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d\u00a0\u202f]*)?(?:[.,]\d+)?(?:[eE][+-]?\d+)?%?")


def neutralise_cell(value: Any) -> Any:
    """The one formula neutralisation of isgrid (every CSV and XLSX writer, and import).

    A text that a spreadsheet would run as a formula gets a leading ``'``, so
    that ``=HYPERLINK(...)`` or ``@SUM(...)`` stays the text it is.  Numbers,
    and texts that are plain numbers (a negative score written ``-1,33``), are
    left alone; so is everything else.
    """
    if (isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
            and not (value[:1] in "+-" and any(c.isdigit() for c in value)
                     and _PLAIN_NUMBER.fullmatch(value))):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """:func:`neutralise_cell` of every cell of a row."""
    return [neutralise_cell(v) for v in values]
