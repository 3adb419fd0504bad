"""Documents round half up on the decimal as written (isgrid.documents.text.half_up).

A juror's mean of 3,25 (2,5 and 4) was printed « 3,2 / 4 » in the applicant's letter:
``f"{x:.1f}"`` rounds the binary value half to even, where a reader checking by hand
rounds 3,25 to 3,3.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from isgrid.documents.text import fmt_number, half_up
from testpaths import EXAMPLES


@pytest.mark.parametrize(("x", "digits", "fr"), [
    (3.25, 1, "3,3"), (2.45, 1, "2,5"), (0.05, 1, "0,1"), (1.15, 1, "1,2"), (0.25, 1, "0,3"),
    (-3.25, 1, "-3,3"), (-2.45, 1, "-2,5"), (-0.05, 1, "-0,1"),
    (3.24, 1, "3,2"), (3.26, 1, "3,3"), (3.0, 1, "3,0"), (3, 1, "3,0"), (78.55, 1, "78,6"),
    # 2 decimals: 84,825 -> 84,83; 0,125 -> 0,13 (half to even gave 0,12)
    (84.825, 2, "84,83"), (0.125, 2, "0,13"), (-0.125, 2, "-0,13"),
    # no decimal: 2,5 -> 3, 3,5 -> 4 (half to even gave 2 and 4)
    (2.5, 0, "3"), (3.5, 0, "4"), (-2.5, 0, "-3"), (12, 0, "12"),
    # the decimal as written: 3.05 is 3.0499… in binary, 3.2499999999999996 is 3,25 to nine places
    (3.2499999999999996, 1, "3,3"), (0.1 + 0.2 + 2.75, 1, "3,1"),
    # no « -0,0 »
    (-0.04, 1, "0,0"), (-0.0, 1, "0,0"),
])
def test_half_up_by_hand(x: float, digits: int, fr: str) -> None:
    assert fmt_number(x, "fr", digits) == fr
    assert fmt_number(x, "en", digits) == fr.replace(",", ".")
    assert half_up(x, digits) == fr.replace(",", ".")


def test_none_is_a_dash() -> None:
    assert fmt_number(None, "fr") == "-"


def test_the_letter_says_3_3_for_a_mean_of_3_25(tmp_path: Path) -> None:
    """The reviewer's case: AL16-02 rated by j2 (2,5 then 3,5) and j3 (4 then 3) only:
    (2,5 + 4) / 2 = 3,25 and (3,5 + 3) / 2 = 3,25, read « 3,3 / 4 » in the letter."""
    from clirun import norm, run

    call = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    (call / "ratings" / "j1.csv").unlink()
    path = call / "ratings" / "j2.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for row in rows:
        if row[:3] == ["AL16-02", "j2", "AV-1.1"]:
            row[3] = "2.5"
        if row[:3] == ["AL16-02", "j2", "ALS-4"]:
            row[3] = "3.5"
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    j3 = {tuple(r[:3]): r[3] for r in csv.reader(
        (call / "ratings" / "j3.csv").read_text(encoding="utf-8").splitlines())}
    assert (j3[("AL16-02", "j3", "AV-1.1")], j3[("AL16-02", "j3", "ALS-4")]) == ("4", "3")
    out = tmp_path / "letters"
    run("report", str(call), "--kind", "feedback", "--format", "md", "-o", str(out))
    letter = norm((out / "AL16-02.md").read_text(encoding="utf-8"))
    assert "| Réponse à un besoin social nouveau ou mal satisfait | 3,3 / 4 |" in letter
    assert "| Pérennité de la démarche | 3,3 / 4 |" in letter
