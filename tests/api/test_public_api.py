"""The public API (docs/api.md): its example runs, and it equals the command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import isgrid
import isgrid.errors

ROOT = Path(__file__).resolve().parents[2]


def test_all_names_resolve() -> None:
    for name in isgrid.__all__:
        assert getattr(isgrid, name) is not None, name
    with pytest.raises(AttributeError):
        _ = isgrid.no_such_name  # type: ignore[attr-defined]


def _api_doc() -> str:
    return (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def _resolve(dotted: str) -> object:
    """``isgrid.a.b.C.d`` as Python finds it: the longest importable module, then attributes."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            value = getattr(value, attr)
        return value
    raise AssertionError(dotted)


def test_every_name_the_api_page_gives_exists() -> None:
    text = _api_doc()
    dotted = set(re.findall(r"\bisgrid(?:\.[A-Za-z_]\w*)+", text)) - {"isgrid.__all__"}
    # the page names these (docs/api.md); a name dropped from it drops out of this list
    assert {"isgrid.errors.IsgridError", "isgrid.errors.render_diagnostics",
            "isgrid.io.write.iter_records", "isgrid.call.early.start_reading",
            "isgrid.score", "isgrid.Scenario"} <= dotted
    for name in sorted(dotted):
        value = _resolve(name)
        assert value is not None, name
        module, _, last = name.rpartition(".")
        if module == "isgrid" and not isinstance(value, types.ModuleType):
            assert last in isgrid.__all__, name
        if module == "isgrid.errors":
            assert last in isgrid.errors.__all__, name
    # every name the table of public names lists is in isgrid.__all__ and resolves
    table = re.search(r"\| name \| what it is \|\n\|---\|---\|\n((?:\|.*\n)+)", text)
    assert table is not None
    listed = [n.split("(")[0] for row in table.group(1).splitlines()
              for n in re.findall(r"`([^`]+)`", row.split("|")[1])]
    assert {"Call", "LoadedGrid", "Grid", "IsgridError", "CallError", "Diagnostic",
            "load_call", "score"} <= set(listed)
    for name in listed:
        assert name in isgrid.__all__, name
        assert getattr(isgrid, name) is not None, name


def test_the_types_and_errors_are_the_modules_own() -> None:
    call = isgrid.load_call(ROOT / "examples" / "alsace-2016")
    assert type(call) is isgrid.Call
    assert type(call.grid) is isgrid.LoadedGrid
    assert type(call.grid.grid) is isgrid.Grid
    assert isgrid.CallError is isgrid.errors.CallError
    assert issubclass(isgrid.CallError, isgrid.IsgridError)
    assert issubclass(isgrid.UsageError, isgrid.IsgridError)
    assert issubclass(isgrid.GridError, isgrid.IsgridError)
    with pytest.raises(isgrid.CallError):
        isgrid.load_call(ROOT / "no-such-call")
    for name in isgrid.errors.__all__:
        assert hasattr(isgrid.errors, name), name


def test_the_documented_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "docs/api.md has no Python example"
    monkeypatch.chdir(ROOT)
    for code in blocks:
        exec(compile(code, "docs/api.md", "exec"), {})


def test_score_equals_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    # a journal too: the library and the command both apply it
    from isgrid.call.journal_append import append

    append(folder, kind="withdrawal", dossier="AL16-02", by="S", reason="retrait")
    append(folder, kind="decision", dossier="AL16-03", outcome="retenu", amount=15000,
           by="Jury", reason="r")
    out = subprocess.run([sys.executable, "-m", "isgrid", "score", str(folder), "--format",
                          "json"], capture_output=True, check=True, timeout=120).stdout
    from_cli = json.loads(out)
    from_lib = isgrid.score(isgrid.load_call(folder)).to_json()
    assert from_cli == json.loads(json.dumps(from_lib))
    # 27 000 (AL16-01) + 15 000 (AL16-03 as voted) = 42 000; 52 000 - 42 000 = 10 000
    assert from_cli["selection"]["decided"]["committed"] == 42000
    assert from_cli["selection"]["decided"]["remaining"] == 10000
