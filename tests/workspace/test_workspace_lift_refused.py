"""A lift of a déport refused is in the audit log, as the lift itself would be: who (the
secretariat), when (the row's time), the dossier (its target), the juror and why; one refused
after the vote (the page « Lever le déport quand même ») with the lines of what it would have
changed, by language (isgrid.workspace.deports: Deports._refused_lift).  A lift not checked
(the call folder busy, its lock refused: test_workspace_lock_refused.py) records nothing.

The call after the vote and its numbers: tests/workspace/decidedcalls.py (j3's 0s of AL16-02
counting again: 78.57, rank 2, → 55.95, not ranked)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from decidedcalls import recused_elsewhere
from test_workspace_app import signed_in

from isgrid.workspace.db import Audit
from isgrid.workspace.deports import UNCHECKED
from isgrid.workspace.export import Busy, LockRefused
from isgrid.workspace.store import Refused, Workspace
from workspacecalls import alsace

NB = "\u00a0"
AT = 1_780_000_000.0  # the workspace's clock: the refusals' time


def refusals(ws: Workspace) -> list[Audit]:
    return [a for a in ws.audit_log() if a.action == "lift-refused"]


def test_a_lift_refused_after_the_vote_is_in_the_audit_log(tmp_path: Path,
                                                           db: str | None) -> None:
    ws = Workspace(recused_elsewhere(tmp_path), db, clock=lambda: AT)
    sec = signed_in(ws, None)
    assert sec.post("/admin/lift/j3/AL16-02").status_code == 409  # « Déport non levé »
    row, = refusals(ws)
    assert (row.actor, row.target, row.at, row.before) == ("secretariat", "AL16-02", AT, "")
    after = json.loads(row.after)
    assert (after["juror"], after["refused"]) == ("j3", "changes-decided")
    assert after["change_decided"]["fr"][0].startswith(
        f"la levée du déport change ce que la séance a décidé pour AL16-02{NB}: rang 2, "
        "total 78,57")
    assert after["change_decided"]["en"][0].startswith(
        "the lift of the recusal changes what the meeting decided for AL16-02: rank 2, "
        "total 78.57")
    assert ws.dossiers_of("j3")[1] == ["AL16-02"]  # nothing lifted

    page = html.unescape(sec.get("/admin/audit?what=lift-refused").get_data(as_text=True))
    assert "<td>levée de déport refusée</td><td>AL16-02</td>" in page
    assert f"<li>Juré{NB}: Sophie Kuntz (j3)</li>" in page
    assert f"<li>Motif du refus{NB}: elle changerait ce que la séance a décidé</li>" in page
    assert "la levée du déport change ce que la séance a décidé pour AL16-02" in page
    page = html.unescape(sec.get("/admin/audit?what=lift-refused&lang=en")
                         .get_data(as_text=True))
    assert "<td>recusal lift refused</td><td>AL16-02</td>" in page
    assert "<li>Refused because: it would change what the meeting decided</li>" in page
    assert "the lift of the recusal changes what the meeting decided for AL16-02" in page

    # « Lever le déport quand même »: lifted, the refusal before it kept
    assert sec.post("/admin/lift/j3/AL16-02", data={"change_decided": "yes"}).status_code == 303
    assert len(refusals(ws)) == 1 and ws.dossiers_of("j3")[1] == []
    ws.close()


def test_every_refused_lift_is_in_the_audit_log(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path), db, clock=lambda: AT)
    ws.reopen("j1")
    ws.deport("j1", "AL16-02", "Associée du porteur")
    ws.submit("j1")
    with pytest.raises(Refused, match="lift-submitted"):  # reopen first
        ws.lift_deport("j1", "AL16-02")
    with pytest.raises(Refused, match="not-deported"):  # no such déport (lifted already)
        ws.lift_deport("j1", "AL16-03", actor="secretariat")
    said = [(r.actor, r.target, json.loads(r.after)) for r in refusals(ws)]
    assert said == [("secretariat", "AL16-03", {"juror": "j1", "refused": "not-deported"}),
                    ("secretariat", "AL16-02", {"juror": "j1", "refused": "lift-submitted"})]
    sec = signed_in(ws, None)
    page = html.unescape(sec.get("/admin/audit").get_data(as_text=True))
    assert (f"<li>Motif du refus{NB}: la grille du juré est soumise (à rouvrir "
            "d'abord)</li>") in page
    assert (f"<li>Motif du refus{NB}: aucun déport de ce juré sur ce dossier (déjà "
            "levé\u202f?)</li>") in page
    assert "AL16-02" in ws.dossiers_of("j1")[1]
    ws.close()


def test_the_lifts_not_checked_are_the_busy_folder_and_the_refused_lock() -> None:
    assert {Busy({}).key, LockRefused({}).key} == UNCHECKED


def test_a_lift_of_a_deport_declared_in_the_calls_files_is_refused_and_in_the_log(
        tmp_path: Path, db: str | None) -> None:
    # j3's déport of AL16-08 declared in call.yaml: lifted there, never by the workspace
    folder = alsace(tmp_path)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace(
        "conflicts:\n", "conflicts:\n  - assessor: j3\n    dossier: AL16-08\n", 1),
        encoding="utf-8")
    ws = Workspace(folder, db, clock=lambda: AT)
    with pytest.raises(Refused, match="declared"):
        ws.lift_deport("j3", "AL16-08", actor="secretariat")
    said = [(r.actor, r.target, r.at, json.loads(r.after)) for r in refusals(ws)]
    assert said == [("secretariat", "AL16-08", AT, {"juror": "j3", "refused": "declared"})]
    page = html.unescape(signed_in(ws, None).get("/admin/audit?what=lift-refused")
                         .get_data(as_text=True))
    assert "<td>levée de déport refusée</td><td>AL16-08</td>" in page
    assert (f"<li>Motif du refus{NB}: déport déclaré dans les fichiers de l'appel (call.yaml "
            "ou conflicts/), à lever là</li>") in page
    assert "j3,AL16-08" not in ((folder / "conflicts" / "j3.csv").read_text(encoding="utf-8")
                               if (folder / "conflicts" / "j3.csv").exists() else "")
    ws.close()
