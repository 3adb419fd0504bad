"""A juror's submission in the workspace after the séance's vote is checked by the rule of
``isgrid sheets import`` and ``isgrid intake`` (isgrid.call.decided_changes): one that
changes what the meeting decided is refused, the sheet left open and its ratings kept as a
draft, unless the secretariat allowed it (isgrid.workspace.decided; docs/jury-web.md).

The call: alsace-2016 with a deliberation, AL16-02 voted « retenu » (rank 2) and AL16-05
refused at the jury's stage (tests/votecalls.py).  AL16-02's ratings (j1, j2, j3; ALS-5 set
by consensus at 3), seven criteria of equal weight on a 0-4 scale, total on 100:

- before: means 11/3, 10/3, 9/3, 8/3, 8/3, 10/3 and 3, sum 56/3 + 3, total
  100 × (56/3 + 3) / 28 = 77.38;
- j3's sheet reopened, AL16-02 rated 0 everywhere: means 7/3, 7/3, 6/3, 5/3, 6/3, 7/3 and
  3, sum 38/3 + 3, total 100 × (38/3 + 3) / 28 = 55.95, under a floor: not ranked, and
  AL16-05 (75.00) moves up from rank 3 to rank 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_workspace_app import signed_in

from isgrid.workspace.store import ChangesDecided, Entry, Workspace
from votecalls import example, vote

NB = "\u00a0"
BEFORE_02 = "rank 2, total 77.38, selected (computed selected, decided by the vote)"
AFTER_02 = ("rank -, total 55.95, selected (computed not ranked, decided ≠ proposed, "
            "decided by the vote)")


def voted(tmp_path: Path, db: str | None) -> tuple[Path, Workspace]:
    """The voted call, its workspace (the jurors' sheets taken from ratings/, submitted),
    j3's sheet reopened and AL16-02 rated 0 on every criterion."""
    folder = example(tmp_path)
    vote(folder, "AL16-02")
    ws = Workspace(folder, db)
    assert ws.juror("j3").status == "submitted"
    ws.reopen("j3")
    crits = [c.id for c in ws.criteria_of("j3")]
    assert len(crits) == 7
    ws.save("j3", "AL16-02", Entry(values=dict.fromkeys(crits, "0")))
    return folder, ws


def test_a_submission_that_changes_a_decided_dossier_is_refused_and_kept(
        tmp_path: Path, db: str | None) -> None:
    assert round(100 * (56 / 3 + 3) / 28, 2) == 77.38
    assert round(100 * (38 / 3 + 3) / 28, 2) == 55.95
    folder, ws = voted(tmp_path, db)
    before = (folder / "ratings" / "j3.csv").read_bytes()
    with pytest.raises(ChangesDecided) as refused:
        ws.submit("j3")
    said = [str(d.message) for d in refused.value.found]
    assert said == [
        f"the submission changes what the meeting decided for AL16-02: {BEFORE_02} -> "
        f"{AFTER_02}",
        "the submission changes what the meeting decided for AL16-05: rank 3, total 75.00, "
        "not selected (computed to check, a proposal) -> rank 2, total 75.00, not selected "
        "(computed to check, a proposal)"]
    assert {d.code for d in refused.value.found} == {"submission-changes-decided"}
    # nothing lost, nothing written: the sheet open, its draft kept, the file as it was
    assert ws.juror("j3").status == "open"
    assert set(ws.sheet("j3", "AL16-02")[0].values()) == {("0", "")}
    assert (folder / "ratings" / "j3.csv").read_bytes() == before
    # the juror's page says it in French, a dossier they are déported from by its id only
    ws.deport("j3", "AL16-05", "")
    lines = ws.decided_lines("j3", refused.value.found, "fr")
    assert lines == [
        f"la soumission change ce que la séance a décidé pour AL16-02{NB}: rang 2, total 77,38, "
        "retenu (calculé retenu, décidé par le vote) -> rang -, total 55,95, retenu (calculé "
        "non classé, décidé ≠ proposé, décidé par le vote)",
        f"AL16-05{NB}: ce que la séance a décidé changerait (vous êtes déporté de ce dossier)."]


def test_allowed_by_the_secretariat_it_is_written_once(tmp_path: Path, db: str | None) -> None:
    folder, ws = voted(tmp_path, db)
    with pytest.raises(ChangesDecided):
        ws.submit("j3")
    # the secretariat's audit log says the refusal and what it would have changed
    sec = signed_in(ws, None)
    audit = sec.get("/admin/audit").get_data(as_text=True)
    assert "soumission refusée" in audit and "décidé pour AL16-02" in audit
    # « Autoriser » on the sheet reopened already: the next submission goes through
    page = sec.get("/admin").get_data(as_text=True)
    assert 'id="decided-risk"' in page and "Autoriser sa soumission" in page
    resp = sec.post("/admin/reopen/j3", data={"change_decided": "yes"})
    assert resp.status_code == 303 and "done=allowed" in resp.headers["Location"]
    assert "Sa prochaine soumission peut changer" in sec.get("/admin").get_data(as_text=True)
    ws.submit("j3")
    assert ws.juror("j3").status == "submitted"
    rows = (folder / "ratings" / "j3.csv").read_text(encoding="utf-8").splitlines()
    assert [r.split(",")[3] for r in rows if r.startswith("AL16-02,")] == ["0"] * 7
    # the allowance is used: reopened again without it, a change back is refused
    ws.reopen("j3")
    ws.save("j3", "AL16-02", Entry(values={"ALS-2": "4"}))
    with pytest.raises(ChangesDecided):
        ws.submit("j3")


def test_without_decisions_a_submission_is_not_checked(tmp_path: Path, db: str | None) -> None:
    folder = example(tmp_path, to_check=True)  # no decision in the journal
    ws = Workspace(folder, db)
    assert "decided-risk" not in signed_in(ws, None).get("/admin").get_data(as_text=True)
    ws.reopen("j3")
    ws.save("j3", "AL16-02", Entry(values=dict.fromkeys(
        [c.id for c in ws.criteria_of("j3")], "0")))
    ws.submit("j3")
    assert ws.juror("j3").status == "submitted"
