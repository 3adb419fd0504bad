"""A criterion whose value is a dossier fact (``from_fact``): the written stage's total
counted in the final one (« 40 % écrit, 60 % audition »), exactly, and never rated.

The call: grid val-de-marne-ess-2024 (five criteria 0..4, equal weights, in the section
``criteres``), set to weight 3, and a section ``ecrit`` of weight 2 with the criterion
ECRIT read from the fact ``written_total`` on a 0..100 scale.  Worked by hand:

- P4: the three jurors rate 3, 3, 3, 3, 2: criterion means sum to 14, audition total
  14 / 20 × 100 = 70.00; written 88.33; final 0.6 × 70 + 0.4 × 88.33 = 42 + 35.332 = 77.332
  (with the written total rounded to 88, the old workaround: 77.2).
- P2: c1 rates 2, 2, 2, 2, 2; c2 and c3 rate 2, 2, 2, 2, 3: the means sum to 32 / 3, the
  audition total is 32 / 3 / 20 × 100 = 53.333...; written 73.33; final
  0.6 × 53.333... + 0.4 × 73.33 = 32 + 29.332 = 61.332.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli

CALL = """\
title: Auditions
grid: val-de-marne-ess-2024
lang: fr
assessors:
  - {id: c1, role: juré}
  - {id: c2, role: juré}
  - {id: c3, role: juré}
set:
  sections.criteres.weight: 3
  facts.written_total: {type: number, minimum: 0, maximum: 100, label: "Total de l'écrit"}
  scales.sur100:
    label: Note sur 100
    na: false
    levels:
      - {value: 0, label: "0"}
      - {value: 100, label: "100"}
add:
  - section:
      id: ecrit
      label: Instruction écrite
      weight: 2
      criteria:
        - id: ECRIT
          label: Total de l'instruction écrite
          scale: sur100
          from_fact: written_total
          provenance: {status: inferred, note: 40 % écrit}
"""

RATINGS = {"P4": {"c1": [3, 3, 3, 3, 2], "c2": [3, 3, 3, 3, 2], "c3": [3, 3, 3, 3, 2]},
           "P2": {"c1": [2, 2, 2, 2, 2], "c2": [2, 2, 2, 2, 3], "c3": [2, 2, 2, 2, 3]}}
WRITTEN = {"P4": "88.33", "P2": "73.33"}


def _call(tmp_path: Path, call: str = CALL, written: dict[str, str] = WRITTEN) -> Path:
    folder = tmp_path / "audition"
    (folder / "dossiers").mkdir(parents=True)
    (folder / "ratings").mkdir()
    (folder / "call.yaml").write_text(call, encoding="utf-8")
    for did in RATINGS:
        extra = f"written_total: {written[did]}\n" if did in written else ""
        (folder / "dossiers" / f"{did}.yaml").write_text(
            f"id: {did}\ntitle: Projet {did}\n{extra}", encoding="utf-8")
    for aid in ("c1", "c2", "c3"):
        rows = ["dossier,assessor,criterion,value"]
        for did, by in RATINGS.items():
            rows += [f"{did},{aid},VDM-{k + 1},{v}" for k, v in enumerate(by[aid])]
        (folder / "ratings" / f"{aid}.csv").write_text("\n".join(rows) + "\n",
                                                       encoding="utf-8")
    return folder


def _invoke(*args: object) -> tuple[int, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    return res.exit_code, res.output


def test_the_written_total_counts_exactly(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    code, out = _invoke("score", folder, "--format", "json")
    assert code == 0, out
    result = json.loads(out)
    total = {d["id"]: d["total"] for d in result["dossiers"]}
    assert abs(total["P4"] - (0.6 * 70 + 0.4 * 88.33)) < 1e-9  # 77.332, not 77.2
    assert abs(total["P4"] - 77.332) < 1e-9
    assert abs(total["P2"] - (0.6 * 32 / 3 / 20 * 100 + 0.4 * 73.33)) < 1e-9
    assert abs(total["P2"] - 61.332) < 1e-9
    cells = {d["id"]: d["criteria"]["ECRIT"] for d in result["dossiers"]}
    assert cells["P4"]["value"] == 88.33 and cells["P4"]["n"] == 0
    assert not any(f.startswith(("missing", "disagreement"))
                   for d in result["dossiers"] for f in d["flags"])


def test_nobody_is_asked_to_rate_it(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    code, out = _invoke("call", "check", folder)
    assert code == 0, out
    assert "ratings-missing" not in out and "ECRIT" not in out
    code, out = _invoke("sheets", folder, "--format", "csv", "-o", tmp_path / "sheets")
    assert code == 0, out
    written = sorted((tmp_path / "sheets").iterdir())
    assert [p.name for p in written] == ["c1.csv", "c2.csv", "c3.csv"]
    for path in written:
        text = path.read_text(encoding="utf-8-sig")
        assert "VDM-1" in text and "ECRIT" not in text


def test_a_rating_of_it_is_refused(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    (folder / "ratings" / "extra.csv").write_text(
        "dossier,assessor,criterion,value\nP4,c1,ECRIT,88.33\n", encoding="utf-8")
    code, out = _invoke("call", "check", folder)
    assert code == 1, out
    assert "extra.csv:2:4" in out and "[wrong-rater-role]" in out
    assert "written_total" in out


def test_a_dossier_without_the_fact_is_incomplete(tmp_path: Path) -> None:
    folder = _call(tmp_path, written={"P4": "88.33"})
    code, out = _invoke("score", folder, "--format", "json")
    assert code == 0, out
    by_id = {d["id"]: d for d in json.loads(out)["dossiers"]}
    assert by_id["P2"]["total"] is None
    assert abs(by_id["P4"]["total"] - 77.332) < 1e-9


def test_the_fact_must_be_a_bounded_number(tmp_path: Path) -> None:
    unbounded = CALL.replace(", minimum: 0, maximum: 100", "")
    code, out = _invoke("call", "check", _call(tmp_path / "a", unbounded))
    assert code != 0 and "[bad-scale]" in out and "(0..100)" in out, out
    undeclared = CALL.replace("from_fact: written_total", "from_fact: note_ecrite")
    code, out = _invoke("call", "check", _call(tmp_path / "b", undeclared))
    assert code != 0 and "[unknown-fact]" in out and "note_ecrite" in out, out
    # said where it is written: line 26 of call.yaml, in the section `add:` adds
    assert "call.yaml:26:" in out and "(criteria.ECRIT.from_fact)" in out, out
