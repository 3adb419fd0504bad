"""What one request of the jury workspace reads: a dossier's page reads the juror's draft
once and checks their access once (it read the same draft three times and checked access
four), the peers' sheets test the dossier for each other juror directly (they built each
one's list of dossiers), and a juror's déports come in call order without walking the
call's dossiers (20,000 of them at every page of a juror with a déport)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import event
from test_workspace_app import signed_in

from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

DID = "AL16-02"  # j1, j2 and j3 all score it (call.yaml's assessor lists)


def tables_read(ws: Workspace) -> list[str]:
    """The tables the database reads from now on, a name per SELECT of it."""
    found: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        text = statement.lower()
        if text.lstrip().startswith("select"):
            found.extend(re.findall(r"\bfrom (rating|opinion|deport)\b", text))

    event.listen(ws.engine, "before_cursor_execute", seen)
    return found


def peers_open(folder: Path) -> None:
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["workspace"] = {"peer_ratings": "after_submission"}
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                      encoding="utf-8")


def test_a_dossier_page_reads_the_draft_once_and_checks_access_once(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    ws.save("j1", DID, Entry(values={"ALS-2": "3"}, comments={"ALS-2": "Bien ancré"},
                             shared={"ALS-2"}, opinion="favorable", amount="12000"))
    client = signed_in(ws, "j1")
    reads = tables_read(ws)
    page = client.get(f"/dossier/{DID}").get_data(as_text=True)
    # the draft shown: its value, its comment, its box, its opinion and amount
    assert 'name="v:ALS-2" value="3" checked' in page
    assert ">Bien ancré</textarea>" in page and 'name="s:ALS-2" value="oui"' in page
    assert 'name="opinion" value="favorable" checked' in page and 'value="12\u202f000"' in page
    # one access check (the déport looked up), one read of the ratings and of the opinion
    assert sorted(reads) == ["deport", "opinion", "rating"]


def test_the_peers_sheets_are_read_without_building_anyones_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    peers_open(folder)
    ws = Workspace(folder)
    ws.save("j1", DID, Entry(values={"ALS-2": "3"}))
    ws.save("j2", DID, Entry(values={"ALS-2": "1.5"}, comments={"ALS-2": "Fragile"}))
    ws.save("j3", DID, Entry(values={"ALS-2": "4"}))  # a draft: never shown
    ws.submit("j1")
    ws.submit("j2")
    client = signed_in(ws, "j1")
    listed: list[str] = []
    real = ws.dossiers_of

    def counted(aid: str, s: Any = None) -> tuple[list[str], list[str]]:
        listed.append(aid)
        return real(aid, s)

    monkeypatch.setattr(ws, "dossiers_of", counted)
    reads = tables_read(ws)
    page = client.get(f"/dossier/{DID}").get_data(as_text=True)
    peers = page.split('id="peers"')[1]
    assert "<th scope=\"col\">Marc Wendling</th>" in peers and "Sophie Kuntz" not in peers
    assert "<td>1,5<br><small>Fragile</small></td>" in peers
    assert listed == []  # j2's and j3's lists of dossiers never built
    # j1: one check, their draft; j2 (submitted): their déport looked up, their sheet;
    # j3 (a draft): nothing read
    assert sorted(reads) == ["deport", "deport", "opinion", "opinion", "rating", "rating"]


class Walked(list):  # type: ignore[type-arg]
    """A list that counts the walks over it."""

    walks = 0

    def __iter__(self) -> Any:
        Walked.walks += 1
        return super().__iter__()


def test_a_jurors_deports_come_in_call_order_without_walking_the_call(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    ws.deport("j1", "AL16-07", "Ami du porteur")
    ws.deport("j1", "AL16-03", "Ancien salarié")
    assert ws.dossiers_of("j1")[1] == ["AL16-03", "AL16-07"]  # the call's order
    ws.call.dossiers = Walked(ws.call.dossiers)
    Walked.walks = 0
    assert ws.dossiers_of("j1") == (["AL16-01", "AL16-02", "AL16-04", "AL16-05", "AL16-08"],
                                    ["AL16-03", "AL16-07"])
    assert Walked.walks == 0
