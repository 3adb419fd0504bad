"""A déport declared on a sheet reopened after the séance's vote is checked by the rule of a
submission (isgrid.workspace.decided, isgrid.call.decided_changes): the juror's ratings of the
dossier would no longer count, which can move a decided dossier.  Refused with the same words,
nothing recorded, unless the secretariat allowed it; a déport that changes nothing decided is
recorded and leaves the allowance to the submission.  The call and its numbers:
tests/workspace/decidedcalls.py."""

from __future__ import annotations

import html
import logging
from pathlib import Path

import pytest
from decidedcalls import AFTER_02, BEFORE_02, recused_elsewhere, zeroed_then_voted
from test_workspace_app import signed_in

from isgrid.workspace.store import ChangesDecided, Workspace


def test_a_deport_that_moves_a_decided_dossier_is_refused_until_allowed(
        tmp_path: Path, db: str | None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="isgrid.workspace")
    folder = zeroed_then_voted(tmp_path)
    ws = Workspace(folder, db)
    ws.reopen("j3")
    with pytest.raises(ChangesDecided) as refused:
        ws.deport("j3", "AL16-02", "Associée du porteur")
    said = [str(d.message) for d in refused.value.found]
    # said as what it is, a déport (« the submission » before)
    assert f"the recusal changes what the meeting decided for AL16-02: {BEFORE_02} -> " \
           f"{AFTER_02}" in said
    assert any("for AL16-05: rank 2, total 75.00" in s and "-> rank 3, total 75.00" in s
               for s in said), said
    # nothing recorded, nothing written: the dossier still the juror's
    assert "AL16-02" in ws.dossiers_of("j3")[0]
    assert not (folder / "conflicts" / "j3.csv").exists()
    sec = signed_in(ws, None)
    audit = sec.get("/admin/audit").get_data(as_text=True)
    assert "déport refusé" in audit
    assert "le déport change ce que la séance a décidé pour AL16-02" in html.unescape(audit)
    # a déport that changes nothing decided: recorded, the allowance left for later
    ws.reopen("j3", change_decided=True)
    ws.deport("j3", "AL16-08", "")
    assert "j3,AL16-08" in (folder / "conflicts" / "j3.csv").read_text(encoding="utf-8")
    assert {j["id"]: j for j in ws.dashboard()["jurors"]}["j3"]["change_decided"]
    # allowed: written, the allowance used
    ws.deport("j3", "AL16-02", "Associée du porteur")
    assert "j3,AL16-02" in (folder / "conflicts" / "j3.csv").read_text(encoding="utf-8")
    assert not [j for j in ws.dashboard()["jurors"] if j["change_decided"]]
    # the server's log says what the act was, refused then allowed (« the submission » before)
    logged = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("juror 'j3': the recusal changes what the meeting decided, "
                            "refused: ") for m in logged), logged
    assert any(m.startswith("juror 'j3': the recusal changes what the meeting decided "
                            "(allowed): ") for m in logged), logged
    assert not any("the submission changes" in m for m in logged)


def test_a_lift_that_would_count_ratings_again_is_refused(
        tmp_path: Path, db: str | None, caplog: pytest.LogCaptureFixture) -> None:
    """A lift is written at once when the juror has no sheet in ratings/ (it waits for the
    submission otherwise): j3's ratings kept in another file (ratings/late.csv, 0 on
    AL16-02) under their own déport of AL16-02 (conflicts/j3.csv) when AL16-02 was voted,
    at 78.57; lifted, the 0s would count again: 55.95, not ranked."""
    caplog.set_level(logging.WARNING, logger="isgrid.workspace")
    folder = recused_elsewhere(tmp_path)
    ws = Workspace(folder, db)
    assert ws.dossiers_of("j3")[1] == ["AL16-02"]
    with pytest.raises(ChangesDecided) as refused:
        ws.lift_deport("j3", "AL16-02")
    assert any(str(d.message).startswith(
        "the lift of the recusal changes what the meeting decided for AL16-02: rank 2, total "
        "78.57") and "-> rank -, total 55.95" in str(d.message) for d in refused.value.found)
    assert ws.dossiers_of("j3")[1] == ["AL16-02"]
    assert "j3,AL16-02" in (folder / "conflicts" / "j3.csv").read_text(encoding="utf-8")
    sec = signed_in(ws, None)
    page = sec.post("/admin/lift/j3/AL16-02")
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 409 and "<h1>Déport non levé</h1>" in text
    assert ("Le déport de j3 sur AL16-02 n'est pas levé\u00a0: ses notes de ce dossier, tenues "
            "dans un autre fichier de ratings/, compteraient de nouveau") in text
    assert ("la levée du déport change ce que la séance a décidé pour AL16-02\u00a0: rang 2, "
            "total 78,57") in text and "-> rang -, total 55,95" in text
    # the way forward for a juror with no submission to allow (« Autoriser » is for a sheet
    # of the workspace): « Lever le déport quand même », a form with its CSRF token
    assert "Lever le déport quand même" in text and "isgrid decide" in text
    # (the other form: « Se déconnecter »)
    assert text.count("<form") == text.count('name="csrf_token"') == 2
    assert 'name="change_decided" value="yes"' in text
    assert any(r.getMessage().startswith("juror 'j3': the lift of the recusal changes what the "
                                         "meeting decided, refused: ") for r in caplog.records)
    dash = sec.get("/admin").get_data(as_text=True)
    assert "Autoriser sa soumission" not in dash.split('id="juror-j3"')[1].split("</tr>")[0]
    assert ws.dossiers_of("j3")[1] == ["AL16-02"]  # nothing lifted yet


def test_a_lift_confirmed_by_the_secretariat_counts_the_ratings_again(
        tmp_path: Path, db: str | None) -> None:
    """« Lever le déport quand même »: lifted and written, what it changed in the audit log;
    j3's 0s of AL16-02 count again (55.95, not ranked: tests/workspace/decidedcalls.py)."""
    import isgrid
    folder = recused_elsewhere(tmp_path)
    ws = Workspace(folder, db)
    sec = signed_in(ws, None)
    page = sec.post("/admin/lift/j3/AL16-02", data={"change_decided": "yes"})
    assert page.status_code == 303
    assert page.headers["Location"] == "/admin?done=lifted&juror=j3&dossier=AL16-02"
    assert ws.dossiers_of("j3")[1] == []
    assert "AL16-02" not in (folder / "conflicts" / "j3.csv").read_text(encoding="utf-8")
    row = next(a for a in ws.audit_log() if a.action == "lift-deport")
    assert row.actor == "secretariat" and ("the lift of the recusal changes what the meeting "
                                           "decided for AL16-02: rank 2, total 78.57") in row.after
    assert "la levée du déport change ce que la séance a décidé pour AL16-02" in row.after
    result = isgrid.score(isgrid.load_call(folder))
    d02 = next(d for d in result.dossiers if d.id == "AL16-02")
    assert round(d02.total, 2) == 55.95 and d02.rank is None
    assert not [j for j in ws.dashboard()["jurors"] if j["change_decided"]]  # none left
