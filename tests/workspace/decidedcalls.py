"""alsace-2016 where j3 rated AL16-02 0 on every criterion before the vote that retained it
anyway (« décidé ≠ proposé »): the call of the tests of a déport declared after the vote
(tests/workspace/test_workspace_decided_deport*.py).

AL16-02, by j3's 0s: means 7/3, 7/3, 6/3, 5/3, 6/3, 7/3 and ALS-5's consensus 3, sum 38/3 + 3,
total 100 × (38/3 + 3) / 28 = 55.95, under a floor: not ranked, AL16-05 (75.00) at rank 2.
j3 déported from it: j1's and j2's ratings alone, means 3.5, 3.5, 3, 2.5, 3, 3.5 and 3, sum
22, total 100 × 22 / 28 = 78.57: rank 2 and computed « retenu », AL16-05 back at rank 3.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from votecalls import example, vote

BEFORE_02 = ("rank -, total 55.95, selected (computed not ranked, decided ≠ proposed, "
             "decided by the vote)")
AFTER_02 = "rank 2, total 78.57, selected (computed selected, decided by the vote)"


def zeroed_then_voted(tmp_path: Path) -> Path:
    """The call (the module docstring): j3's ratings of AL16-02 set to 0, then AL16-02 voted."""
    assert round(100 * (38 / 3 + 3) / 28, 2) == 55.95
    assert round(100 * 22 / 28, 2) == 78.57
    folder = example(tmp_path)
    path = folder / "ratings" / "j3.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows[1:]:
        if row[0] == "AL16-02":
            row[3] = "0"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    vote(folder, "AL16-02")
    return folder


def recused_elsewhere(tmp_path: Path) -> Path:
    """alsace-2016 where j3's ratings sit in another file of ratings/ (``late.csv``: its
    0s of AL16-02, as :func:`zeroed_then_voted` wrote them) and conflicts/j3.csv recuses
    j3 from AL16-02, then AL16-02 voted: lifting that recusal would make the 0s count again
    (AL16-02 back to 55.95, unranked: the module docstring), what the séance decided."""
    folder = example(tmp_path)
    zeroed = zeroed_then_voted(tmp_path / "zeroed")  # j3's sheet with its 0s
    (folder / "ratings" / "j3.csv").unlink()
    (folder / "ratings" / "late.csv").write_bytes((zeroed / "ratings" / "j3.csv").read_bytes())
    (folder / "conflicts").mkdir()
    (folder / "conflicts" / "j3.csv").write_text("assessor,dossier,reason\nj3,AL16-02,\n",
                                                 encoding="utf-8")
    vote(folder, "AL16-02")
    return folder
