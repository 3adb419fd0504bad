"""Dossier files read with the per-call plan (``call.dossiers._YamlPlan``) against without.

The plan keeps, for each scalar fact, the typed value of each value as written and
whether it surely validates, and skips the schema validator for a dossier whose every
fact is surely valid.  On any set of dossier files it must give the very dossiers and
the very diagnostics that reading each file on its own gives.
"""

from __future__ import annotations

import random
from pathlib import Path

from isgrid.call import dossiers as D
from isgrid.call.dossier_facts import LazyValidator
from isgrid.errors import Collector
from isgrid.grid.facts import fact_schema
from isgrid.grid.model import FactSpec

FACTS = {
    "departement": FactSpec(type="string", enum=["67", "68", "2A"]),
    "commune": FactSpec(type="string"),
    "amount_requested": FactSpec(type="number", minimum=0, required=True),
    "eligible_costs": FactSpec(type="number"),
    "jobs": FactSpec(type="integer", maximum=10),
    "ess": FactSpec(type="boolean"),
    "submitted_at": FactSpec(type="date", required=True),
    "partners": FactSpec(type="array", items=FactSpec(type="string")),
}

WRITTEN = {
    "departement": ['"67"', "67", "'68'", "2A", "2a", '"01"', "01", "null", "", "[67]"],
    "commune": ["Sélestat", '"Sélestat"', "0123", "1e3", "1000.0", "true", "True",
                "'0.50'", "0.50", ".5", "1.0", "~", "-3"],
    "amount_requested": ["25000", "25000.0", "'25000'", '"25 000"', "-1", "1e3", "0x10",
                         "douze", "true", "null", "25000,5", "0", "-0", "1e999"],
    "eligible_costs": ["12000", "-5", "'12,5'", "abc", "12000.00"],
    "jobs": ["3", "3.0", "11", "3.5", "'4'", "-2", "yes", "true"],
    "ess": ["true", "false", "oui", "'non'", "1", "0", "2", "True", "x"],
    "submitted_at": ["2016-01-08", "'08/01/2016'", "2016-02-30", "08/01/2016", "20160108",
                     '"2016-01-08"', "2016-1-8", "null"],
    "partners": ["[a, b]", "a", "[]"],
}


def write_dossiers(folder: Path, n: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir()
    paths = []
    for i in range(n):
        lines = [f"id: D{i:04d}", f"title: Projet {i}"]
        for name, values in WRITTEN.items():
            if rng.random() < 0.85:
                lines.append(f"{name}: {rng.choice(values)}")
        if rng.random() < 0.05:
            lines.append("unknown_fact: 1")
        if rng.random() < 0.05:
            lines.append("  nested: wrong")
        path = folder / f"D{i:04d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def read(paths: list[Path], plan: D._YamlPlan | None) -> tuple[list[object], list[object]]:
    diags = Collector()
    validator = LazyValidator(fact_schema(FACTS))
    out = [D._dossier_from_yaml(p, FACTS, validator, diags, {}, plan) for p in paths]
    return out, [(d.code, str(d.message), d.location, d.severity) for d in diags.items]


def test_the_plan_reads_the_same_dossiers_and_diagnostics(tmp_path: Path) -> None:
    paths = write_dossiers(tmp_path / "dossiers", 1500, 20261203)
    with_plan, diags_plan = read(paths, D._YamlPlan(FACTS))
    alone, diags_alone = read(paths, None)
    assert with_plan == alone
    assert diags_plan == diags_alone
    assert sum(d is not None for d in alone) > 1000
    assert len(diags_alone) > 500  # the values written do exercise every kind of problem


def test_a_cached_value_is_typed_as_written_each_time(tmp_path: Path) -> None:
    # '"67"' and 67 reach a string fact as the same text: the cache keys them apart (quoted
    # against plain) and each dossier gets what reading it alone gives
    folder = tmp_path / "d"
    folder.mkdir()
    texts = ['id: A\ntitle: a\ndepartement: "01"\namount_requested: 1\nsubmitted_at: 2016-01-08\n',
             "id: B\ntitle: b\ndepartement: 01\namount_requested: 1\nsubmitted_at: 2016-01-08\n",
             "id: C\ntitle: c\ncommune: 1.0\namount_requested: 1.0\nsubmitted_at: 2016-01-08\n",
             "id: D\ntitle: d\ncommune: '1.0'\namount_requested: '1.0'\n"
             "submitted_at: '2016-01-08'\n"]
    paths = []
    for i, text in enumerate(texts):
        p = folder / f"{i}.yaml"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    plan = D._YamlPlan(FACTS)
    got, diags = read(paths + paths, plan)
    assert [d.facts for d in got[:4]] == [  # type: ignore[attr-defined]
        {"departement": "01", "amount_requested": 1, "submitted_at": "2016-01-08"},
        {"departement": "01", "amount_requested": 1, "submitted_at": "2016-01-08"},
        {"commune": "1.0", "amount_requested": 1, "submitted_at": "2016-01-08"},
        {"commune": "1.0", "amount_requested": 1, "submitted_at": "2016-01-08"},
    ]
    assert got[:4] == got[4:]
    # "01" is no département of the enum, in either spelling: reported each time
    assert [c for c, *_ in diags].count("fact-invalid") == 4
    assert plan.plain["departement"] and plan.quoted["departement"]
