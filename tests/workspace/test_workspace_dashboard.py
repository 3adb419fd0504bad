"""The secretariat's dashboard: the page as it was written before its speed-ups (rows,
déports, disagreements), and each juror's progress counted again only when their sheet
changed (``Juror.version``): a national call's dashboard counted the 1.8 M ratings of every
juror, submitted or not, at every reload (issue 22)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from test_workspace_app import signed_in

from isgrid.workspace import deports
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace


def test_the_dashboard_page_is_the_one_it_was(tmp_path: Path, db: str | None) -> None:
    # alsace-2016: j1, j2, j3 rate the 7 dossiers but AL16-06, all submitted; j2 is deported
    # from AL16-01 (call.yaml): AL16-01 has 2 jurés, the others 3, AL16-06 none
    ws = Workspace(alsace(tmp_path), db)
    page = signed_in(ws, None).get("/admin?lang=fr").get_data(as_text=True)
    rows = [
        ("AL16-01", "Recyclerie solidaire du Sundgau", 2, "j2"),
        ("AL16-02", "Maison des aidants itinérante du Kochersberg", 3, ""),
        ("AL16-03", "Épicerie mobile bio de l&#39;Outre-Forêt", 3, ""),
        ("AL16-04", "Mobilier urbain producteur d&#39;énergie", 3, ""),
        ("AL16-05", "Conciergerie solidaire de quartier", 3, ""),
        ("AL16-06", "Festival des solidarités de Colmar", 0, ""),
        ("AL16-07", "Jardins thérapeutiques en Ehpad", 3, ""),
        ("AL16-08", "Plateforme de covoiturage solidaire vers l&#39;emploi", 3, "")]
    # each row headed by its dossier (RGAA 5.7)
    table = "".join(f'<tr id="dossier-{d}"><th scope="row">{d} — {title}</th><td>{n}</td><td>{n}</td>'
                    f"<td>{n}</td><td>{dp}</td></tr>\n" for d, title, n, dp in rows)
    assert table in page
    for juror, name, done in (("j1", "Hélène Schaeffer", "7 / 7"),
                              ("j2", "Marc Wendling", "6 / 6"), ("j3", "Sophie Kuntz", "7 / 7")):
        assert (f'<tr id="juror-{juror}"><th scope="row">{juror} — {name}</th><td class="status">soumise'
                f"</td>\n<td>{done}</td><td></td>\n") in page
    assert ('<li id="deport-j2-AL16-01">j2 — AL16-01\u00a0: Administrateur de la SCIC porteuse'
            " du projet (déport déclaré en séance, après l&#39;envoi de sa grille) <small>"
            ) in page
    # AL16-02's ALS-5 (rated 1 and 4) is settled by call.yaml's consensus: 3, said
    assert ('<ul id="disagreements"><li>AL16-02\u00a0: ALS-5 (réglé par consensus\u00a0: 3)'
            '</li></ul>') in page


def counted(ws: Workspace) -> list[str]:
    """The progress counts the database runs from now on (one per juror counted)."""
    found: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "count(" in statement.lower() and "from rating" in statement.lower():
            found.append(statement)

    event.listen(ws.engine, "before_cursor_execute", seen)
    return found


def progress(ws: Workspace) -> dict[str, tuple[int, int, list[str]]]:
    return {j["id"]: (j["complete"], j["dossiers"], j["missing"])
            for j in ws.dashboard()["jurors"]}


def test_a_jurors_progress_is_counted_again_only_when_their_sheet_changed(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    queries = counted(ws)
    seven = ["AL16-01", "AL16-02", "AL16-03", "AL16-04", "AL16-05", "AL16-07", "AL16-08"]
    six = [d for d in seven if d != "AL16-01"]  # j2's déport (call.yaml)
    assert progress(ws) == {"j1": (0, 7, seven), "j2": (0, 6, six), "j3": (0, 7, seven)}
    assert len(queries) == 3  # the three jurors, counted once
    assert progress(ws)["j1"] == (0, 7, seven)
    assert len(queries) == 3  # nothing changed: nothing counted again
    # j1 rates every criterion of AL16-02: 1 dossier of 7 complete
    crits = ws.criteria_of("j1")
    ws.save("j1", "AL16-02", Entry(values={c.id: ws.choices(c)[0][0] for c in crits}))
    assert progress(ws)["j1"] == (1, 7, [d for d in seven if d != "AL16-02"])
    assert len(queries) == 4  # j1 alone
    ws.deport("j3", "AL16-03", "Trésorière de l'association")
    assert progress(ws)["j3"] == (0, 6, [d for d in seven if d != "AL16-03"])
    assert len(queries) == 5
    ws.lift_deport("j3", "AL16-03")
    assert progress(ws)["j3"] == (0, 7, seven)
    assert len(queries) == 6
    ws.submit("j1")  # its status changes, its progress does not
    queries.clear()  # the submission counts the sheet for its audit line
    dash = ws.dashboard()
    assert [(j["id"], j["status"], j["complete"]) for j in dash["jurors"]] == [
        ("j1", "submitted", 1), ("j2", "open", 0), ("j3", "open", 0)]
    d02 = next(d for d in dash["dossiers"] if d["id"] == "AL16-02")
    assert (d02["assigned"], d02["complete"], d02["submitted"]) == (3, 1, 1)
    assert len(queries) == 1  # j1's sheet, submitted: a new version


def test_the_declared_deports_are_read_once_per_reload_of_the_call(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the dashboard read call.yaml and every conflicts/*.csv at each load (issue: ws-reads)
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    reads: list[Path] = []
    real = deports.declared_places

    def counted(folder: Path) -> Iterator[tuple[str, str, str, int | None]]:
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(deports, "declared_places", counted)
    sec = signed_in(ws, None)
    for _ in range(3):
        page = sec.get("/admin").get_data(as_text=True)
        # j2's déport from AL16-01, declared in call.yaml: lifted there, not here
        assert '<li id="deport-j2-AL16-01">' in page and "il se lève là" in page
        assert 'action="/admin/lift/j2/AL16-01"' not in page
    assert len(reads) == 1  # the first dashboard loaded the call: read then, not since
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))  # a draft: no file written
    sec.get("/admin")
    assert len(reads) == 1
    ws.deport("j1", "AL16-03", "Ami")  # conflicts/j1.csv written: the call reloaded
    for _ in range(2):
        page = sec.get("/admin").get_data(as_text=True)
        assert 'action="/admin/lift/j1/AL16-03"' in page  # j1's own: lifted here
    assert len(reads) == 2


def test_a_deport_added_to_the_files_is_seen_once_the_call_is_reloaded(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder)
    ws.deport("j3", "AL16-04", "Trésorière de l'association")  # conflicts/j3.csv, j3's own
    sec = signed_in(ws, None)
    assert set(ws.dashboard()["declared"]) == {("j2", "AL16-01")}
    assert 'action="/admin/lift/j3/AL16-04"' in sec.get("/admin").get_data(as_text=True)
    # the secretariat's own file declares j3's déport too: lifted there from now on
    (folder / "conflicts" / "hand.csv").write_text(
        "assessor,dossier,reason\nj3,AL16-04,Trésorière\n", encoding="utf-8")
    # read with the call, as its scores: not before the call is reloaded
    assert set(ws.dashboard()["declared"]) == {("j2", "AL16-01")}
    ws.submit("j1")  # ratings/j1.csv written: the call reloaded
    assert set(ws.dashboard()["declared"]) == {("j2", "AL16-01"), ("j3", "AL16-04")}
    page = sec.get("/admin").get_data(as_text=True)
    assert 'action="/admin/lift/j3/AL16-04"' not in page
    line = page.split('<li id="deport-j3-AL16-04">')[1].split("</li>")[0]
    assert line == ("j3 — AL16-04\u00a0: Trésorière de l&#39;association <small>(déclaré dans "
                    "conflicts/hand.csv, ligne 2\u00a0: il se lève là, en retirant cette "
                    "ligne\u202f; l&#39;espace le suit au rechargement de l&#39;appel)</small>")
