"""A présélection with a budget (``selection.shortlist: true`` and ``budget:``): the engine
cuts the shortlist by the dossiers' amounts, so ``call check`` (and every command, as
warnings are) warns ``shortlist-budget`` at call.yaml's ``budget:`` line.

tests/fixtures/shortlist-call: hand totals P4 88,33; P1 80,00; P2 73,33 (the three first);
amounts under ``funding: {rate: 0.7, cap: 15000}`` are at least 5 000 € each, so a budget of
10 000 € holds one dossier only of the three that ``top: 3`` says are heard."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import FIXTURES


def _call(tmp_path: Path, *, shortlist: bool, budget: bool) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    sel = "selection: {top: 3, reserve: 0" + (", shortlist: true" if shortlist else "") + "}"
    text = text.replace("selection: {top: 3, reserve: 0}",
                        ("budget: 10000\n" if budget else "") + sel)
    yaml.write_text(text, encoding="utf-8")
    return folder


def _lines(folder: Path) -> list[str]:
    return (folder / "call.yaml").read_text(encoding="utf-8").splitlines()


def test_a_shortlist_with_a_budget_is_warned_at_its_line(tmp_path: Path) -> None:
    folder = _call(tmp_path, shortlist=True, budget=True)
    line = _lines(folder).index("budget: 10000") + 1
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert res.exit_code == 0, res.output
    assert f"call.yaml:{line}:9 (budget)" in res.output
    assert "[shortlist-budget]" in res.output
    assert "Retirez `budget:` de call.yaml : une présélection n'attribue pas d'argent" in (
        res.output.replace("\u202f", " ").replace("\xa0", " "))
    # every command says it, as warnings are: score too, in English
    res = CliRunner().invoke(cli, ["--lang", "en", "score", str(folder), "--format", "json"])
    assert res.exit_code == 0
    assert "[shortlist-budget]" in res.stderr
    heard = [d["id"] for d in json.loads(res.stdout)["dossiers"] if d["selected"]]
    assert len(heard) < 3  # what the warning is about: fewer heard than top: 3


def test_no_warning_without_the_budget_or_without_the_shortlist(tmp_path: Path) -> None:
    for i, (shortlist, budget) in enumerate(((True, False), (False, True))):
        folder = _call(tmp_path / str(i), shortlist=shortlist, budget=budget)
        res = CliRunner().invoke(cli, ["call", "check", str(folder)])
        assert res.exit_code == 0, res.output
        assert "shortlist-budget" not in res.output
