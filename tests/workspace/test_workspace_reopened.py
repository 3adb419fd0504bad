"""A reopened sheet, and « Grilles soumises », said as the call's files are: a reopened
sheet's last submission stays in ratings/ and counts (``isgrid score``) until the juror
submits again; the dashboard says so, counts per dossier the sheets that rate it, and the
juror is told on their list (Flask test client, on SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from pathlib import Path

from test_workspace_app import signed_in

import isgrid
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

NB = "\u00a0"


def submitted_column(page: str) -> dict[str, int]:
    """dossier -> the « Grilles soumises » cell of the dashboard's table."""
    return {d: int(n) for d, n in re.findall(
        r'<tr id="dossier-([^"]+)"><th scope="row">[^<]*</th><td>\d+</td><td>\d+</td><td>(\d+)</td>', page)}


def status(page: str, juror: str) -> str:
    found = re.search(rf'<tr id="juror-{juror}"><th scope="row">[^<]*</th><td class="status">([^<]*)<', page)
    assert found is not None
    return found.group(1)


def test_a_reopened_sheet_counts_until_submitted_again_and_says_so(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    # j1 rates AL16-02 and AL16-03; j2 rates AL16-02 only; both submit
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))
    ws.save("j1", "AL16-03", Entry(values={"ALS-2": "NE"}))
    ws.save("j2", "AL16-02", Entry(values={"ALS-2": "1"}))
    ws.submit("j1")
    ws.submit("j2")
    sec = signed_in(ws, None)
    page = sec.get("/admin").get_data(as_text=True)
    counts = submitted_column(page)
    # the sheets that rate each dossier, not every submitted sheet assigned it
    assert (counts["AL16-02"], counts["AL16-03"], counts["AL16-04"]) == (2, 1, 0)
    assert counts["AL16-06"] == 0  # no juror is given AL16-06
    assert "Désaccords (écart d&#39;au moins la moitié de l&#39;échelle)" in page
    j2_file = (folder / "ratings" / "j2.csv").read_text(encoding="utf-8")

    # the secretariat reopens j2's sheet: the files and the dashboard say the same
    assert sec.post("/admin/reopen/j2").status_code == 303
    page = sec.get("/admin").get_data(as_text=True)
    assert status(page, "j2") == (
        "rouverte (sa soumission précédente compte jusqu&#39;à la prochaine)")
    assert status(page, "j1") == "soumise"
    assert submitted_column(page)["AL16-02"] == 2  # j2's submission still counts
    assert (f"Grilles soumises{NB}: les grilles des jurés, dans ratings/, qui notent ce dossier "
            f"(une note ou NE), hors déport{NB}: celles que compte isgrid score.") in page
    assert (folder / "ratings" / "j2.csv").read_text(encoding="utf-8") == j2_file
    call = isgrid.load_call(folder)  # what isgrid score reads: j2's 1 still there
    assert sorted((r.assessor, r.value) for r in call.table.rows
                  if r.dossier == "AL16-02" and r.criterion == "ALS-2") == [("j1", 3), ("j2", 1)]

    # j2 is told on their list; j1 (never reopened) is not
    j2 = signed_in(ws, "j2").get("/").get_data(as_text=True)
    assert (f"Le secrétariat a rouvert votre grille{NB}: vous pouvez de nouveau la modifier. "
            "Les notes que vous aviez soumises comptent encore, telles quelles, jusqu&#39;à ce "
            "que vous soumettiez de nouveau votre grille.") in j2
    assert 'id="reopened"' not in signed_in(ws, "j1").get("/").get_data(as_text=True)

    # j2 changes AL16-02 and submits again: the new rating counts, the word is gone
    ws.save("j2", "AL16-02", Entry(values={"ALS-2": "2"}))
    assert submitted_column(sec.get("/admin").get_data(as_text=True))["AL16-02"] == 2
    ws.submit("j2")
    page = sec.get("/admin").get_data(as_text=True)
    assert status(page, "j2") == "soumise"
    assert "ALS-2,2" in (folder / "ratings" / "j2.csv").read_text(encoding="utf-8").replace(
        '"', "")
