"""A three-dossier call whose numbers are worked out by hand in the tests that use it.

Grid alsace-aap-2016 (scores 0-4), the median (of two ratings: the lower), ALS-2 weighted
3 in its section, section ``demarche-porteur`` weighted 1.5: the section weights sum to
2 + 2 + 1 + 1.5 = 6.5, and a total is 100 x (sum of section weight x section mean / 4) / 6.5.
"""

from __future__ import annotations

from pathlib import Path

CALL = """\
title: Small hand-check call
grid: alsace-aap-2016
lang: {lang}
aggregator: median
missing: renormalise
budget: {budget}
funding: {{rate: 0.5, cap: 18000, round: 100, minimum: 3000, partial: true}}
selection: {{rule: rank-order, reserve: 1}}
set:
  criteria.ALS-2.weight: 3
  sections.demarche-porteur.weight: 1.5
"""

DOSSIERS = {
    "F1": ('"€20,000"', '"35,555"', "2026-02-01"),
    "F2": ('"12000"', '"30000"', "2026-02-02"),
    "F3": ('"€16,250.75"', '"40000"', "2026-02-03"),
}

#: per dossier and juror, the ratings of AV-1.1, ALS-2, ALS-3, ALS-4, AV-4.2, ALS-1, ALS-5
RATINGS = {
    ("F1", "j1"): "4 4 3 3 2 4 3", ("F1", "j2"): "3 2 4 3 3 4 1", ("F1", "j3"): "2 4 4 4 3 3 3",
    ("F2", "j1"): "3 3 3 2 2 2 2", ("F2", "j2"): "4 4 4 3 3 3 3",
    ("F3", "j1"): "4 3 2 2 NE 3 4", ("F3", "j2"): "4 2 3 4 n/a 3 4",
}
SCORED = ("AV-1.1", "ALS-2", "ALS-3", "ALS-4", "AV-4.2", "ALS-1", "ALS-5")


def make_call(folder: Path, *, lang: str = "en", budget: str = "41,150") -> Path:
    """The call in ``folder`` (made), for ``lang``, with ``budget`` as call.yaml writes it."""
    (folder / "dossiers").mkdir(parents=True)
    (folder / "ratings").mkdir()
    (folder / "call.yaml").write_text(CALL.format(lang=lang, budget=budget), encoding="utf-8")
    for did, (asked, costs, day) in DOSSIERS.items():
        (folder / "dossiers" / f"{did}.yaml").write_text(
            f"id: {did}\ntitle: {did} project\ndepartement: \"68\"\nlegal_form: SCOP\n"
            f"amount_requested: {asked}\neligible_costs: {costs}\nsubmitted_at: {day}\n",
            encoding="utf-8")
    lines = ["dossier,assessor,criterion,value"]
    for (did, aid), values in RATINGS.items():
        lines += [f"{did},{aid},{cid},{v}" for cid, v in zip(SCORED, values.split(), strict=True)]
    for did in DOSSIERS:
        lines += [f"{did},i1,ALS-E{k},yes" for k in (1, 2, 3)]
    (folder / "ratings" / "all.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
