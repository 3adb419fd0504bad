"""Properties of the engine on random calls (Hypothesis).

Each example is a real call folder (grid.yaml, call.yaml, dossiers/*.yaml,
ratings/*.csv) written to a temporary folder, loaded with
:func:`isgrid.call.load.load_call` and scored with :func:`isgrid.engine.score`;
results are compared as the bytes of the JSON output
(:func:`isgrid.io.write.dumps_records`), without ``inputs`` (the hashes of the
files, which legitimately change when the files are laid out differently).

* permuting the jury list, the dossier files or the rating rows, and splitting
  the ratings across several files, changes nothing;
* raising one rating never lowers that dossier's total nor worsens its rank;
* an n/a beside usable ratings never makes a complete dossier incomplete (nor
  changes its total);
* totals stay in [0, 100]; profile grids never yield a total; checklist grids
  always yield one of the four verdicts and no total;
* the same folder gives byte-identical results, run after run, and so does a
  copy of it elsewhere.

The scales include levels such as 0.1 and 0.35, whose sums depend on the order
of addition in binary floating point: an engine that adds ratings in file
order would show it here.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import random
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import yaml
from hypothesis import HealthCheck, assume, given, settings

from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.io.write import dumps_records

VERDICTS = {"caractérisé", "partiellement", "non caractérisé", "indéterminé"}

#: scale id -> (level values, labels, half steps)
SCALES: dict[str, tuple[list[float], list[str], bool]] = {
    "s04": ([0, 1, 2, 3, 4], ["Insuffisant", "Faible", "Moyen", "Bon", "Excellent"], True),
    "dec": ([0, 0.1, 0.35, 0.7, 1.3], ["Nul", "Ténu", "Réel", "Net", "Fort"], False),
    "p4": ([1, 2, 3, 4], ["Absent", "En partie", "Présent", "Affirmé"], False),
    "i03": ([0, 1, 2, 3], ["Absent", "Faible", "Marqué", "Fort"], False),
}
MODE_SCALES = {"scored": ["s04", "dec"], "checklist": ["p4"], "profile": ["i03"]}
MODES = list(MODE_SCALES)

SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def values_of(scale: str) -> list[float]:
    levels, _, half = SCALES[scale]
    if not half:
        return list(levels)
    return sorted({*levels, *(a + 0.5 for a in levels[:-1])})


# ------------------------------------------------------------------ specs
@st.composite
def specs(draw: st.DrawFn, modes: list[str] | None = None) -> dict[str, Any]:
    """A random call: grid (mode, sections, weights, scales), jury, dossiers, ratings."""
    mode = draw(st.sampled_from(modes or MODES))
    sections = []
    criteria = []
    for s in range(draw(st.integers(1, 3))):
        sid = f"S{s + 1}"
        sections.append({"id": sid, "weight": draw(st.sampled_from([None, 0.5, 1, 2, 3]))})
        for _ in range(draw(st.integers(1, 3))):
            criteria.append({
                "id": f"C{len(criteria) + 1}", "section": sid,
                "scale": draw(st.sampled_from(MODE_SCALES[mode])),
                "weight": draw(st.sampled_from([None, 1, 2, 0.5])) if mode == "scored" else None,
                "core": draw(st.booleans()) if mode == "checklist" else False,
            })
    dossiers = [f"D{i + 1:02d}" for i in range(draw(st.integers(1, 5)))]
    assessors = [f"j{i + 1}" for i in range(draw(st.integers(1, 4)))]
    ratings: dict[tuple[str, str, str], Any] = {}
    for d in dossiers:
        for a in assessors:
            for c in criteria:
                kind = draw(st.sampled_from(["value"] * 6 + ["absent", "empty", "na"]))
                if kind == "value":
                    ratings[(d, a, c["id"])] = draw(st.sampled_from(values_of(c["scale"])))
                elif kind != "absent":
                    ratings[(d, a, c["id"])] = None if kind == "empty" else "na"
    return {
        "mode": mode, "sections": sections, "criteria": criteria,
        "dossiers": dossiers, "assessors": assessors, "ratings": ratings,
        "declared": draw(st.booleans()),
        "aggregator": draw(st.sampled_from([None, "mean", "median", "trimmed-mean"])),
        "missing": draw(st.sampled_from([None, "incomplete", "renormalise"])),
        "threshold": draw(st.sampled_from([None, 0, 25, 50])) if mode == "scored" else None,
        "style": draw(st.integers(0, 5)),
    }


def grid_yaml(spec: dict[str, Any]) -> str:
    mode = spec["mode"]
    params: dict[str, Any] = {}
    sections = []
    for sec in spec["sections"]:
        crits = []
        for c in spec["criteria"]:
            if c["section"] != sec["id"]:
                continue
            item: dict[str, Any] = {"id": c["id"], "label": f"Critère {c['id']}",
                                    "scale": c["scale"], "dimension": "D1",
                                    "provenance": {"status": "inferred"}}
            if c["weight"] is not None:
                item["weight"] = c["weight"]
                params[f"criteria.{c['id']}.weight"] = {"status": "inferred"}
            if c["core"]:
                item["core"] = True
            crits.append(item)
        s: dict[str, Any] = {"id": sec["id"], "label": f"Axe {sec['id']}", "criteria": crits}
        if sec["weight"] is not None and mode == "scored":
            s["weight"] = sec["weight"]
            params[f"sections.{sec['id']}.weight"] = {"status": "inferred"}
        sections.append(s)
    used = {c["scale"] for c in spec["criteria"]}
    scales = {sid: {"levels": [{"value": v, "label": lab}
                               for v, lab in zip(SCALES[sid][0], SCALES[sid][1], strict=True)],
                    **({"half_steps": True} if SCALES[sid][2] else {})}
              for sid in sorted(used)}
    grid: dict[str, Any] = {"id": "prop-grid", "version": "1", "title": "Grille aléatoire",
                            "mode": mode, "scales": scales, "sections": sections}
    if mode == "checklist":
        grid["counts_as"] = {"met": 3, "partly": 2}
    if mode == "profile":
        grid["counts_as"] = {"present": 2}
    if spec["threshold"] is not None:
        grid["threshold"] = spec["threshold"]
        params["threshold"] = {"status": "inferred"}
    if params:
        grid["parameters"] = params
    return yaml.safe_dump(grid, allow_unicode=True, sort_keys=False)


def written(spec: dict[str, Any], key: tuple[str, str, str], value: Any) -> str:
    """How a juror wrote a value: a number, a decimal comma, a label, NE, empty."""
    if value is None:
        return ""
    style = (spec["style"] + sum(map(ord, "".join(key)))) % 4
    if value == "na":
        return ["NE", "na", "n/a", "NE"][style]
    scale = next(c["scale"] for c in spec["criteria"] if c["id"] == key[2])
    levels, labels, _ = SCALES[scale]
    if style == 2 and value in levels:
        return labels[levels.index(value)]
    text = f"{value:g}"
    return text.replace(".", ",") if style == 1 else text


def rows_of(spec: dict[str, Any]) -> list[list[str]]:
    """The rating rows, in a canonical order (dossier, assessor, criterion)."""
    return [[d, a, c, written(spec, (d, a, c), v), ""]
            for (d, a, c), v in sorted(spec["ratings"].items())]


def write_call(root: Path, spec: dict[str, Any], *, assessor_order: list[str] | None = None,
               dossier_files: dict[str, str] | None = None,
               rating_files: dict[str, list[list[str]]] | None = None) -> Path:
    """Write the call folder; the layout (orders, file names) is the caller's choice."""
    folder = root / "call"
    (folder / "dossiers").mkdir(parents=True)
    (folder / "ratings").mkdir()
    (folder / "grid.yaml").write_text(grid_yaml(spec), encoding="utf-8")
    config: dict[str, Any] = {"title": "Appel aléatoire", "grid": "grid.yaml"}
    if spec["declared"]:
        config["assessors"] = [{"id": a, "name": f"Juré {a}", "role": "juré"}
                               for a in (assessor_order or spec["assessors"])]
    for key in ("aggregator", "missing"):
        if spec[key] is not None:
            config[key] = spec[key]
    (folder / "call.yaml").write_text(yaml.safe_dump(config, allow_unicode=True,
                                                     sort_keys=False), encoding="utf-8")
    for d in spec["dossiers"]:
        name = (dossier_files or {}).get(d, f"{d}.yaml")
        (folder / "dossiers" / name).write_text(f"id: {d}\ntitle: Projet {d}\n",
                                                encoding="utf-8")
    if rating_files is None:
        rating_files = {}
        for row in rows_of(spec):
            rating_files.setdefault(f"{row[1]}.csv", []).append(row)
    for name, rows in rating_files.items():
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["dossier", "assessor", "criterion", "value", "comment"])
        w.writerows(rows)
        (folder / "ratings" / name).write_text(buf.getvalue(), encoding="utf-8")
    return folder


@contextmanager
def tempdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="isgrid-prop-") as d:
        yield Path(d)


def result_of(folder: Path) -> dict[str, Any]:
    return score(load_call(folder)).to_json()


def canonical(result: dict[str, Any]) -> str:
    """The JSON output without ``inputs`` (file hashes depend on the layout)."""
    data = {k: v for k, v in result.items() if k != "inputs"}
    return dumps_records(data, "dossiers")


def scored_once(spec: dict[str, Any], **layout: Any) -> str:
    with tempdir() as root:
        return canonical(result_of(write_call(root, spec, **layout)))


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in result["dossiers"]}


# ------------------------------------------------------------------ permutations
@SETTINGS
@given(spec=specs(), seed=st.integers(0, 2**32 - 1))
def test_permuting_the_jury_list_changes_nothing(spec: dict[str, Any], seed: int) -> None:
    order = list(spec["assessors"])
    random.Random(seed).shuffle(order)
    # undeclared jurors come from the ratings: permute the files they are read from
    files: dict[str, list[list[str]]] = {}
    names = {a: f"f{i}-{a}.csv" for i, a in enumerate(order)}
    for row in rows_of(spec):
        files.setdefault(names[row[1]], []).append(row)
    assert scored_once(spec, assessor_order=order, rating_files=files) == scored_once(spec)


@SETTINGS
@given(spec=specs(), seed=st.integers(0, 2**32 - 1))
def test_permuting_the_dossier_files_changes_nothing(spec: dict[str, Any], seed: int) -> None:
    names = [f"{i:02d}-dossier.yaml" for i in range(len(spec["dossiers"]))]
    random.Random(seed).shuffle(names)
    files = dict(zip(spec["dossiers"], names, strict=True))
    assert scored_once(spec, dossier_files=files) == scored_once(spec)


@SETTINGS
@given(spec=specs(), seed=st.integers(0, 2**32 - 1), parts=st.integers(1, 4))
def test_permuting_and_splitting_rating_rows_changes_nothing(
        spec: dict[str, Any], seed: int, parts: int) -> None:
    rng = random.Random(seed)
    rows = rows_of(spec)
    rng.shuffle(rows)
    files: dict[str, list[list[str]]] = {}
    for row in rows:
        files.setdefault(f"part-{rng.randrange(parts)}.csv", []).append(row)
    assert scored_once(spec, rating_files=files) == scored_once(spec)


# ------------------------------------------------------------------ monotonicity
@SETTINGS
@given(spec=specs(), data=st.data())
def test_raising_one_rating_never_lowers_total_or_rank(spec: dict[str, Any],
                                                       data: st.DataObject) -> None:
    raisable = sorted(k for k, v in spec["ratings"].items() if isinstance(v, int | float)
                      and v < max(values_of(_scale(spec, k[2]))))
    assume(raisable)
    key = data.draw(st.sampled_from(raisable), label="rating")
    old = spec["ratings"][key]
    new = data.draw(st.sampled_from([v for v in values_of(_scale(spec, key[2])) if v > old]),
                    label="raised to")
    raised = copy.deepcopy(spec)
    raised["ratings"][key] = new
    with tempdir() as root:
        before = by_id(result_of(write_call(root / "a", spec)))[key[0]]
        after = by_id(result_of(write_call(root / "b", raised)))[key[0]]
    if before["total"] is not None:
        assert after["total"] is not None
        assert after["total"] >= before["total"] - 1e-9
    if before["rank"] is not None:
        assert after["rank"] is not None, "a ranked dossier lost its rank"
        assert after["rank"] <= before["rank"]


def _scale(spec: dict[str, Any], cid: str) -> str:
    return str(next(c["scale"] for c in spec["criteria"] if c["id"] == cid))


@SETTINGS
@given(spec=specs(), data=st.data())
def test_an_na_beside_usable_ratings_keeps_a_complete_dossier_complete(
        spec: dict[str, Any], data: st.DataObject) -> None:
    with tempdir() as root:
        before = by_id(result_of(write_call(root / "a", spec)))
        # (dossier, criterion) with a usable rating, and a juror with no value there
        spots = sorted(
            (d, a, c["id"]) for d in spec["dossiers"] if before[d]["complete"]
            for c in spec["criteria"]
            if any(isinstance(spec["ratings"].get((d, b, c["id"])), int | float)
                   for b in spec["assessors"])
            for a in spec["assessors"]
            if spec["ratings"].get((d, a, c["id"])) is None)
        assume(spots)
        key = data.draw(st.sampled_from(spots), label="n/a at")
        more = copy.deepcopy(spec)
        more["ratings"][key] = "na"
        after = by_id(result_of(write_call(root / "b", more)))[key[0]]
    assert after["complete"] is True
    assert after["total"] == before[key[0]]["total"]


# ------------------------------------------------------------------ invariants
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=specs())
def test_totals_verdicts_and_profiles_follow_the_mode(spec: dict[str, Any]) -> None:
    with tempdir() as root:
        result = result_of(write_call(root, spec))
    assert {d["id"] for d in result["dossiers"]} == set(spec["dossiers"])
    for d in result["dossiers"]:
        if spec["mode"] == "scored":
            assert d["total"] is None or 0.0 <= d["total"] <= 100.0, d["total"]
            assert d["verdict"] is None
        elif spec["mode"] == "profile":
            assert d["total"] is None
            assert d["verdict"] is None
            assert d["profile"] is not None
        else:
            assert d["total"] is None
            assert d["verdict"] in VERDICTS, d["verdict"]
        ranks = [x["rank"] for x in result["dossiers"] if x["rank"] is not None]
        assert ranks == sorted(ranks)
    json.loads(dumps_records(result, "dossiers"))  # plain JSON: no NaN, no Infinity


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=specs())
def test_results_are_byte_identical_across_runs_and_copies(spec: dict[str, Any]) -> None:
    with tempdir() as root:
        folder = write_call(root / "a", spec)
        first = dumps_records(result_of(folder), "dossiers")
        second = dumps_records(result_of(folder), "dossiers")
        copy_ = root / "b" / "call"
        shutil.copytree(folder, copy_)
        third = dumps_records(result_of(copy_), "dossiers")
    assert first == second == third
