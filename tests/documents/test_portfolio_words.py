"""The portfolio constraints' reasons in the call's language: the engine records them as
data (a code and its values, isgrid.engine.reasons) and every reader says them in its
language, so that an English call's minutes, report and `score` never print the
engine's French; ``top`` is the walk's record; the documents' reading of a result is
kept by the result, never in a module.

The call: tests/fixtures/quota-call in English, its constraints without labels (the
engine's own words), ``montagne`` at least 1.  By hand (tests/documents/
test_portfolio_reasons.py's docstring, docs/decisions.md §4): rural takes D05 (rank 5),
D07 (7), D10 (10); montagne: D11 alone, proposed 0,5 × 9 000 = 4 500 € under the 5 000 €
minimum grant: infeasible, for that reason; the ranking takes D01, D02, D03 (scop 2),
leaves out D04 (scop, at most 2), D08 (associations 45 000 + 14 000 > 55 000), takes D09.
D05 passed D04 over (D01–D03 taken), D10 passed D04 and D08 (D06 has no amount, D09 is
taken).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import threading
from pathlib import Path

import pytest

from clirun import norm, run
from isgrid.call.load import load_call
from isgrid.documents import portfolio
from isgrid.engine import score
from testpaths import FIXTURES

MONTAGNE_EN = ("D11 matches but cannot be selected, its amount is below the minimum grant")
MONTAGNE_FR = ("D11 correspond mais ne peut pas être retenu, son montant est sous le minimum "
               "d'aide")


@pytest.fixture
def english(tmp_path: Path) -> Path:
    out = tmp_path / "call"
    shutil.copytree(FIXTURES / "quota-call", out)
    path = out / "call.yaml"
    text = path.read_text(encoding="utf-8").replace("lang: fr", "lang: en")
    path.write_text(re.sub(r", label: [^}]*}", "}", text), encoding="utf-8")
    return out


def test_score_says_the_infeasible_reason_in_english(english: Path) -> None:
    out = run("--lang", "en", "score", english)
    assert ("the constraint montagne (at least 1 laureate with territoire = montagne) cannot "
            f"be met: {MONTAGNE_EN}") in out
    assert "correspond" not in out and "lauréat" not in out
    out = norm(run("--lang", "fr", "score", english))
    assert ("la contrainte montagne (au moins 1 lauréat avec territoire = montagne)" in out
            and MONTAGNE_FR in out)


def test_minutes_and_report_say_the_reasons_in_english(english: Path, tmp_path: Path) -> None:
    pv = tmp_path / "pv.html"
    run("report", english, "--kind", "pv", "-o", pv)
    page = pv.read_text(encoding="utf-8")
    section = page.split("5. ", 1)[1].split("<h2>", 1)[0]
    text = re.sub(r"<[^>]+>", "", section).replace("&#39;", "'")
    for line in ("montagne — at least 1 laureate with territoire = montagne: cannot be met "
                 f"({MONTAGNE_EN})",
                 "rural — at least 3 laureates with territoire = rural: met",
                 "scop — at most 2 laureates with structure = scop: met",
                 "asso — envelope structure = association: at most €55,000: met",
                 "D04: not selected: constraint scop reached",
                 "D08: not selected: constraint asso reached",
                 "D05: selected ahead of D04 (better ranked) to meet the constraint rural "
                 "(at least 3 laureates with territoire = rural)",
                 "D10: selected ahead of D04, D08 (better ranked) to meet the constraint rural "
                 "(at least 3 laureates with territoire = rural)"):
        assert line in text, (line, text)
    for french in ("retenu", "lauréat", "correspond", "enveloppe"):
        assert french not in text, french
    report = tmp_path / "c.md"
    run("report", english, "--format", "md", "-o", report)
    section = report.read_text(encoding="utf-8").split("## 5.", 1)[1]
    assert ("- montagne (at least 1 laureate with territoire = montagne): cannot be met — "
            f"{MONTAGNE_EN}.") in section
    assert "correspond" not in section


def test_the_result_json_says_them_in_the_calls_language(english: Path) -> None:
    """``note`` and ``text`` in the call's ``lang``; ``reasons`` as data."""
    data = score(load_call(english)).to_json()
    items = {x["id"]: x for x in data["constraints"]["items"]}
    assert items["montagne"]["note"] == MONTAGNE_EN
    assert items["montagne"]["reasons"] == [{"code": "unusable", "ids": ["D11"],
                                              "why": "below"}]
    assert items["rural"]["label"] == "at least 3 laureates with territoire = rural"
    choices = {x["dossier"]: x for x in data["constraints"]["choices"]}
    assert choices["D04"]["text"] == "not selected: constraint scop reached"
    french = score(load_call(FIXTURES / "quota-call")).to_json()
    items = {x["id"]: x for x in french["constraints"]["items"]}
    assert items["montagne"]["note"] == MONTAGNE_FR


def test_left_out_by_top_is_the_walks_record(tmp_path: Path) -> None:
    """``top: 5`` (test_portfolio_reasons.test_left_out_by_top): the walk takes D05, D07,
    D10, D01, D02 and records D03, D04, D08, D09, D12, D16 as left out by ``top`` (D06
    has no amount, D11 is under the minimum grant: not walked).  The documents read that
    record: a result whose selection records none says none, whatever the proposal holds."""
    folder = tmp_path / "call"
    shutil.copytree(FIXTURES / "quota-call", folder)
    path = folder / "call.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "selection: {rule: rank-order, reserve: 2}", "selection: {top: 5, reserve: 2}"),
        encoding="utf-8")
    result = score(load_call(folder))
    assert result.selection is not None
    assert result.selection.beyond_top == ("D03", "D04", "D08", "D09", "D12", "D16")
    assert result.constraints is not None
    whys = {c.dossier: c.why for c in result.constraints.choices}
    assert whys["D03"] == whys["D12"] == "top"
    d12 = result.dossier("D12")
    assert d12.reserve is False and d12.selected is False
    why = portfolio.portfolio_why(result, d12)
    assert why is not None and why.kind == "top"
    unrecorded = dataclasses.replace(
        result, selection=dataclasses.replace(result.selection, beyond_top=()))
    assert len(unrecorded.selection.proposed.selected) == 5  # type: ignore[union-attr]
    assert portfolio.portfolio_why(unrecorded, unrecorded.dossier("D12")) is None


def test_no_reading_kept_in_the_module(english: Path) -> None:
    """The documents' index of a result (standing choices, decided maximums, passers) is
    the result's own (``Result.once``), not a module's: nothing mutable at module level,
    and two results read at once by two threads each get their own reasons."""
    kept = [name for name, x in vars(portfolio).items()
            if isinstance(x, list | dict | set) and not name.startswith("__")]
    assert kept == []
    french = score(load_call(FIXTURES / "quota-call"))
    plain = score(load_call(english))
    found: dict[str, list[tuple[int, tuple[str, ...]]]] = {"fr": [], "en": []}

    def read(key: str, result: object) -> None:
        for _ in range(200):
            found[key].append(portfolio.passed_by(result, result.dossier("D04")))  # type: ignore[attr-defined]

    threads = [threading.Thread(target=read, args=("fr", french)),
               threading.Thread(target=read, args=("en", plain))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # D05, D07, D10 (ranked after D04) were taken before it for `rural`
    assert set(found["fr"]) == set(found["en"]) == {(3, ("rural",))}
