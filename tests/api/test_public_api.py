"""The public API (docs/api.md): its example runs, and it equals the command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import isgrid

ROOT = Path(__file__).resolve().parents[2]


def test_all_names_resolve() -> None:
    for name in isgrid.__all__:
        assert getattr(isgrid, name) is not None, name
    with pytest.raises(AttributeError):
        _ = isgrid.no_such_name  # type: ignore[attr-defined]


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
    from isgrid.call.journal import append

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
