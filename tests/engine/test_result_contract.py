"""The result JSON contract of DESIGN.md ("Contracts other tools rely on").

Every key other tools and users' scripts rely on is present, flags come from
the closed list, ranked dossiers come first, the CLI's JSON is the library's,
and the same inputs give byte-identical output.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from callfactory import make_call
from gridtexts import ONE_CRITERION
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.io.write import dumps_json

STATUSES = {"à vérifier", "irrecevable", "incomplet", "classé", "non classé", "retenu",
            "réserve", "non retenu", "retiré", "ajourné"}
#: DESIGN.md's closed list, plus the documented additions below-minimum-grant, partial-grant,
#: ratings-missing:<rated>/<expected> (docs/result.md)
FLAG_HEADS_WITH_ID = {"incomplete", "renormalised", "below-floor", "ineligible", "unknown",
                      "disagreement", "conflict-excluded", "overridden", "tie-broken",
                      "ratings-missing"}
FLAGS_ALONE = {"below-threshold", "tie", "tie-at-line", "skipped-budget", "below-min-ratings",
               "below-minimum-grant", "partial-grant"}
DOSSIER_KEYS = {"id", "title", "status", "eligible", "eligibility", "complete", "total",
                "verdict", "profile", "rank", "selected", "reserve", "amounts", "criteria",
                "sections", "flags"}
CRITERION_KEYS = {"value", "raw", "consensus", "n", "na", "min", "max", "spread"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")

PARTNERS = [{"name": "Labo", "type": "recherche"}, {"name": "Ville", "type": "collectivite"}]
GOOD = {"region": "Alsace", "partners": PARTNERS}


def rich_call(tmp_path: Path) -> Path:
    """A mini-scored call that meets most rules: money, conflicts, consensus, flags."""
    crits = ("B1", "B2", "I1")

    def rate(did: str, vals: tuple[Any, ...], who: str = "a1") -> list[tuple[Any, ...]]:
        return [(did, who, c, v) for c, v in zip(crits, vals, strict=True)]

    rows: list[tuple[Any, ...]] = []
    for did, vals, x1 in [
        ("d01", (4, 4, 4), "oui"),
        ("d02", (4, 4, 3), "oui"),
        ("d03", (3, 3, 3), 1),
        ("d04", (4, 4, 4), "oui"),  # wrong region
        ("d05", (4, 4, 4), "oui"),  # no partners
        ("d06", (1, 4, 4), "oui"),  # below floor
        ("d07", (2, 1, 0), "oui"),  # below threshold
        ("d09", (4, 4, 4), "oui"),  # disagreement (with a2 below)
        ("d10", (4, 4, 4), "non"),  # eliminated
        ("d11", (3, 3, 3), "oui"),  # no amount
    ]:
        rows.extend(rate(did, vals))
        rows.append((did, "i1", "X1", x1, "vu"))
    rows.extend(rate("d03", (0, 0, 0), "a2"))  # a2 is conflicted on d03
    rows.extend(rate("d09", ("NE", 2, 0), "a2"))
    call = {
        "title": "Appel contrat",
        "budget": 100,
        "funding": {"cap": 60, "minimum": 10, "partial": True},
        "selection": {"rule": "skip", "reserve": 1},
        "conflicts": [{"assessor": "a2", "dossier": "d03", "reason": "Salarié"}],
        "consensus": [{"dossier": "d02", "criterion": "I1", "value": 4, "reason": "Séance"}],
    }
    dossiers: list[dict[str, Any]] = [
        {"id": "d01", **GOOD, "amount_requested": 50, "submitted_at": "2024-03-01"},
        {"id": "d02", **GOOD, "amount_requested": 80, "submitted_at": "2024-03-02"},
        {"id": "d03", **GOOD, "amount_requested": 20, "submitted_at": "2024-03-03"},
        {"id": "d04", "region": "Lorraine", "partners": PARTNERS, "amount_requested": 10},
        {"id": "d05", "region": "Alsace", "amount_requested": 10},
        {"id": "d06", **GOOD, "amount_requested": 10},
        {"id": "d07", **GOOD, "amount_requested": 10},
        {"id": "d08", **GOOD, "amount_requested": 10},  # no ratings at all
        {"id": "d09", **GOOD, "amount_requested": 5},  # proposed 5 < minimum 10
        {"id": "d10", **GOOD, "amount_requested": 10},
        {"id": "d11", **GOOD},
    ]
    return make_call(tmp_path, "mini-scored", call, dossiers, rows)


def check_flag(flag: str) -> None:
    head, sep, rest = flag.partition(":")
    if sep:
        assert head in FLAG_HEADS_WITH_ID and rest, flag
    else:
        assert flag in FLAGS_ALONE, flag


def check_result(result: dict[str, Any], folder: Path) -> None:
    """The contract of DESIGN.md's result JSON, for any mode."""
    loaded = load_call(folder)
    grid = result["grid"]
    assert {"id", "version", "mode", "sha256"} <= set(grid)
    assert (grid["id"], grid["version"], grid["mode"]) == (
        loaded.grid.grid.id, loaded.grid.grid.version, loaded.grid.grid.resolved_mode())
    assert SHA256.match(grid["sha256"])
    # inputs: call.yaml and every dossier and ratings file, by path, with its sha256
    expected = ["call.yaml"] + [p.relative_to(folder).as_posix() for p in
                                sorted((folder / "dossiers").glob("*.yaml"))
                                + sorted((folder / "ratings").glob("*.csv"))]
    assert set(expected) <= set(result["inputs"])
    for rel, digest in result["inputs"].items():
        assert digest == hashlib.sha256((folder / rel).read_bytes()).hexdigest(), rel
    assert result["call"]["title"] == loaded.config.title
    # dossiers
    crit_ids = {c.id for c in loaded.grid.grid.criteria()}
    sec_ids = {s.id for s in loaded.grid.grid.sections}
    scored_secs = {s.id for s in loaded.grid.grid.sections
                   if any(not c.eliminatory for c in s.criteria)}
    assert sorted(d["id"] for d in result["dossiers"]) == sorted(d.id for d in loaded.dossiers)
    for d in result["dossiers"]:
        assert set(d) >= DOSSIER_KEYS, DOSSIER_KEYS - set(d)
        assert isinstance(d["title"], str)
        assert d["status"] in STATUSES
        assert d["eligible"] in (True, False, None)
        assert set(d["eligibility"].values()) <= {"pass", "fail", "unknown"}
        assert isinstance(d["complete"], bool)
        assert d["total"] is None or isinstance(d["total"], int | float)
        if grid["mode"] != "scored":
            assert d["total"] is None
        if grid["mode"] == "checklist":
            assert d["verdict"] in {"caractérisé", "partiellement", "non caractérisé",
                                    "indéterminé"}
        else:
            assert d["verdict"] is None
        if grid["mode"] == "profile":
            assert isinstance(d["profile"]["present"], list)
        assert d["rank"] is None or (isinstance(d["rank"], int) and d["rank"] >= 1)
        assert d["selected"] in (True, False, None)
        assert isinstance(d["reserve"], bool)
        assert {"requested", "proposed", "granted"} <= set(d["amounts"])
        assert set(d["criteria"]) == crit_ids
        for c in d["criteria"].values():
            assert set(c) >= CRITERION_KEYS, CRITERION_KEYS - set(c)
        # every section that has criteria counting in the mode (a section of only
        # eliminatory criteria has no score)
        assert scored_secs <= set(d["sections"]) <= sec_ids
        for v in d["sections"].values():
            assert v is None or isinstance(v, int | float)
        for f in d["flags"]:
            check_flag(f)
    # ranked first, by rank; then the unranked, by id
    ranks = [d["rank"] for d in result["dossiers"]]
    n_ranked = sum(1 for r in ranks if r is not None)
    assert all(r is not None for r in ranks[:n_ranked])
    assert ranks[:n_ranked] == sorted(ranks[:n_ranked])
    rest = [d["id"] for d in result["dossiers"][n_ranked:]]
    assert rest == sorted(rest)
    sel = result["selection"]
    if sel is not None:
        assert {"budget", "spent", "selected", "reserve", "line"} <= set(sel)
        by = {d["id"]: d for d in result["dossiers"]}
        assert sel["selected"] == [d["id"] for d in result["dossiers"] if d["selected"] is True]
        assert all(by[x]["reserve"] for x in sel["reserve"])


def cli_json(folder: Path, *extra: str) -> tuple[int, str, str]:
    runner = CliRunner()
    res = runner.invoke(cli, [*extra, "score", str(folder), "--format", "json"])
    return res.exit_code, res.stdout, res.stderr


# ------------------------------------------------------------------ tests
def test_scored_result_follows_the_contract(tmp_path: Path) -> None:
    folder = rich_call(tmp_path)
    result = score(load_call(folder)).to_json()
    check_result(result, folder)
    flags = {f for d in result["dossiers"] for f in d["flags"]}
    # the call was built to meet these; the contract check above has seen them all
    assert {"conflict-excluded:a2", "ineligible:region", "unknown:partners",
            "below-floor:B1", "below-threshold", "incomplete:B1", "disagreement:B2",
            "ineligible:X1", "unknown:amount_requested", "below-minimum-grant",
            "partial-grant"} <= flags
    by = {d["id"]: d for d in result["dossiers"]}
    assert by["d02"]["criteria"]["I1"]["consensus"] == 4
    # d01 and d02 (the consensus gives it 4 too) share a total: the grid's tie-break, the
    # date of deposit (earliest first), puts d02 (2024-03-02) after d01 (2024-03-01)
    assert by["d01"]["total"] == by["d02"]["total"]
    assert "tie-broken:fact:submitted_at" in by["d02"]["flags"]
    assert not any(f.startswith("tie-broken") for f in by["d01"]["flags"])
    assert result["selection"]["budget"] == 100


@pytest.mark.parametrize("grid, rows", [
    ("engine-checklist", [("d1", "a1", "K1", 3), ("d1", "a1", "K2", 2),
                          ("d1", "i1", "KX", "oui"), ("d2", "a1", "K1", 4)]),
    ("engine-profile", [("d1", "a1", "M1", 3), ("d1", "a1", "M2", 0), ("d1", "a1", "M3", 2),
                        ("d2", "a1", "M1", 1)]),
])
def test_checklist_and_profile_results_follow_the_contract(
        tmp_path: Path, grid: str, rows: list[tuple[Any, ...]]) -> None:
    folder = make_call(tmp_path, grid, {"selection": {"top": 1, "reserve": 1}},
                       [{"id": "d1"}, {"id": "d2"}], rows)
    result = score(load_call(folder)).to_json()
    check_result(result, folder)
    assert len(result["dossiers"]) == 2  # d1, d2
    assert all(d["total"] is None for d in result["dossiers"])


def test_cli_json_is_the_library_result(tmp_path: Path) -> None:
    folder = rich_call(tmp_path)
    code, out, _ = cli_json(folder)
    assert code == 0
    assert json.loads(out) == json.loads(dumps_json(score(load_call(folder)).to_json()))


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    folder = rich_call(tmp_path)
    first = cli_json(folder)
    second = cli_json(folder)
    assert first[0] == second[0] == 0
    assert first[1] == second[1]
    assert dumps_json(score(load_call(folder)).to_json()) == dumps_json(score(load_call(folder)).to_json())


def test_same_inputs_elsewhere_give_the_same_json(tmp_path: Path) -> None:
    # the folder's location is not part of the result
    a = dumps_json(score(load_call(rich_call(tmp_path / "a"))).to_json())
    b = dumps_json(score(load_call(rich_call(tmp_path / "b"))).to_json())
    assert a == b


def test_dossier_without_ratings_warns_and_strict_fails(tmp_path: Path) -> None:
    folder = make_call(tmp_path, ONE_CRITERION, None, [{"id": "d1"}, {"id": "d2"}],
                       [("d1", "a1", "C", 3)])
    code, out, err = cli_json(folder)
    assert code == 0
    assert "no-ratings" in err
    result = json.loads(out)
    assert [d["id"] for d in result["dossiers"]] == ["d1", "d2"]
    assert result["dossiers"][1]["total"] is None
    code, out, err = cli_json(folder, "--strict")
    assert code == 1
    assert "no-ratings" in err
    assert out == ""


def test_the_result_json_without_its_dossiers_is_the_rest_of_it() -> None:
    # what the séance pages receive: everything but the dossiers' records
    root = Path(__file__).resolve().parents[2]
    result = score(load_call(root / "examples" / "alsace-2016"))
    whole = result.to_json()
    rest = result.to_json(dossiers=False)
    assert rest["dossiers"] == [] and len(whole["dossiers"]) == len(result.dossiers) > 0
    assert {**whole, "dossiers": []} == rest
    assert rest["withdrawals"] == whole["withdrawals"] and rest["changes"] == whole["changes"]
