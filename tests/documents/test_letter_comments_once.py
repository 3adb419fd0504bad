"""A comment marked « à transmettre » that several jurors wrote alike is quoted once in the
letter (it was quoted three times in a row); different comments each keep their place."""

from __future__ import annotations

from pathlib import Path

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score

SAME = "Besoin bien documenté par une enquête"
OTHER = "Public cible à préciser"


def test_a_comment_three_jurors_wrote_alike_is_quoted_once(tmp_path: Path) -> None:
    ratings = [(d, j, c, 3, SAME if (d, c) == ("D1", "B1") and j != "j3" else
                OTHER if (d, j, c) == ("D1", "j3", "B1") else "")
               for d in ("D1",) for j in ("j1", "j2", "j3") for c in ("B1", "B2", "I1")]
    ratings.append(("D1", "j4", "B1", 3, SAME))
    folder = make_call(tmp_path, "mini-scored", dossiers=[{"id": "D1", "title": "Recyclerie"}],
                       ratings=ratings + [("D1", "j4", c, 3, "") for c in ("B2", "I1")],
                       call={"assessors": [{"id": j} for j in ("j1", "j2", "j3", "j4")]})
    for path in sorted((folder / "ratings").glob("j*.csv")):  # every comment shareable
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([lines[0] + ",shareable"] + [x + ",oui" for x in lines[1:]])
                        + "\n", encoding="utf-8")
    call = load_call(folder)
    [(_, letter)] = render_report(call, score(call), "feedback", "md")
    text = letter.decode("utf-8")
    # j1, j2 and j4 wrote SAME, j3 OTHER: SAME once, then OTHER (the jurors' order)
    assert text.count(SAME) == 1, text
    assert text.count(OTHER) == 1 and text.index(SAME) < text.index(OTHER), text
