"""The jury workspace's rules, on SQLite and PostgreSQL: one source of truth (the call's
CSV contracts), déports, drafts, submission, scoring state, sign-in links, audit."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import isgrid
from isgrid.workspace.access import digest
from isgrid.workspace.db import SignInToken
from isgrid.workspace.files import mail_merge_csv
from isgrid.workspace.store import Entry, NotYours, Refused, Workspace
from testpaths import EXAMPLES
from workspacecalls import alsace


def example_rows(juror: str) -> list[dict[str, str]]:
    with (EXAMPLES / "alsace-2016" / "ratings" / f"{juror}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dossiers_json(folder: Path) -> list[dict[str, Any]]:
    result = isgrid.score(isgrid.load_call(folder))
    return [d.to_json() for d in result.dossiers]


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_sheets_typed_in_the_workspace_score_like_the_same_csv_typed_by_hand(
        tmp_path: Path, db: str | None) -> None:
    # By hand: the example's ratings, without j2's rows on AL16-01 (j2 is deported from
    # it in call.yaml, so a juror scoring in the workspace never sees it).
    hand = alsace(tmp_path, name="hand")
    rows = [r for r in example_rows("j2") if r["dossier"] != "AL16-01"]
    with (hand / "ratings" / "j2.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["dossier", "assessor", "criterion", "value",
                                          "comment"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    web = alsace(tmp_path, keep_ratings=False, name="web")
    ws = Workspace(web, db)
    assert ws.juror("j2").status == "open"
    assert ws.dossiers_of("j2") == (["AL16-02", "AL16-03", "AL16-04", "AL16-05", "AL16-07",
                                     "AL16-08"], ["AL16-01"])
    for juror in ("j1", "j2", "j3"):
        entries: dict[str, Entry] = {}
        for r in example_rows(juror):
            if juror == "j2" and r["dossier"] == "AL16-01":
                continue
            e = entries.setdefault(r["dossier"], Entry())
            e.values[r["criterion"]] = r["value"]
            e.comments[r["criterion"]] = r["comment"]
        for did, e in entries.items():
            assert ws.save(juror, did, e).problems == {}
        ws.submit(juror)
    assert dossiers_json(web) == dossiers_json(hand)
    # and the ranking documented in docs/api.md: AL16-01 first, AL16-02 second
    result = isgrid.score(isgrid.load_call(web))
    assert result.current.selected == ("AL16-01", "AL16-02")


def test_a_deport_goes_through_the_conflicts_contract(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path)
    ws = Workspace(folder, db)
    assert ws.juror("j3").status == "submitted"  # the example's ratings/j3.csv
    with pytest.raises(Refused) as refused:  # a submitted sheet changes only once reopened
        ws.deport("j3", "AL16-08", "Trésorière de l'association porteuse")
    assert refused.value.key == "submitted" and not (folder / "conflicts").exists()
    ws.reopen("j3")  # ratings/j3.csv stays as submitted until j3 submits again
    ws.deport("j3", "AL16-08", "Trésorière de l'association porteuse")
    assert ws.dossiers_of("j3")[1] == ["AL16-08"]
    assert (folder / "conflicts" / "j3.csv").read_text(encoding="utf-8") == (
        "assessor,dossier,reason\nj3,AL16-08,Trésorière de l'association porteuse\n")
    with pytest.raises(NotYours):
        ws.sheet("j3", "AL16-08")  # hidden from them now
    # the rule of every rating under a déport (call.deports): kept where j3 wrote it,
    # never counted, told
    kept = (folder / "ratings" / "j3.csv").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("AL16-08,j3,") for line in kept)
    call = isgrid.load_call(folder)
    assert [d.message for d in call.warnings if d.code == "conflicted-rating"] == [
        "j2 is conflicted on AL16-01; their ratings are excluded",  # the example's own
        "j3 is conflicted on AL16-08; their ratings are excluded"]
    result = isgrid.score(call)
    d08 = next(d for d in result.dossiers if d.id == "AL16-08")
    assert "conflict-excluded:j3" in d08.flags
    # AV-4.2 on AL16-08: j1 1, j2 1, j3 2 (excluded): mean (1 + 1) / 2 = 1 over n = 2
    assert d08.criteria["AV-4.2"].value == 1
    assert d08.criteria["AV-4.2"].n == 2
    # the same déport typed by hand in call.yaml gives the same result
    hand = alsace(tmp_path, name="hand")
    text = (hand / "call.yaml").read_text(encoding="utf-8")
    text = text.replace("conflicts:\n", "conflicts:\n  - assessor: j3\n    dossier: AL16-08\n"
                        "    reason: \"Trésorière de l'association porteuse\"\n", 1)
    (hand / "call.yaml").write_text(text, encoding="utf-8")
    assert dossiers_json(folder) == dossiers_json(hand)


def test_a_draft_is_checked_and_never_half_saved(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    problems = ws.save("j1", "AL16-02", Entry(values={"ALS-2": "7", "ALS-3": "3"})).problems
    assert set(problems) == {"ALS-2"}  # the scale is 0-4 with half steps
    assert ws.sheet("j1", "AL16-02") == ({}, ("", "", ""))
    assert ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2,5", "ALS-3": "Bon",
                                                  "ALS-4": "ne"},
                                          opinion="Avis favorable", amount="20 000 €",
                                          comment="Projet solide.")).problems == {}
    values, op = ws.sheet("j1", "AL16-02")
    # "2,5" -> 2.5 (half step), the label "Bon" -> 3, "ne" -> NE (cannot assess)
    assert {c: v for c, (v, _) in values.items()} == {"ALS-2": "2.5", "ALS-3": "3",
                                                       "ALS-4": "NE"}
    assert op == ("favorable", "20000", "Projet solide.")
    assert ws.progress("j1")["AL16-02"] == (3, 7)  # 3 of the 7 criteria of a juré


def test_a_juror_reaches_only_their_own_dossiers_and_criteria(tmp_path: Path,
                                                              db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    with pytest.raises(NotYours):  # AL16-06 is not in j1's list in call.yaml
        ws.save("j1", "AL16-06", Entry(values={"ALS-2": "3"}))
    with pytest.raises(NotYours):  # j2 is deported from AL16-01
        ws.sheet("j2", "AL16-01")
    with pytest.raises(NotYours):  # ALS-E1 is the instructor's eligibility criterion
        ws.save("j1", "AL16-02", Entry(values={"ALS-E1": "oui"}))
    with pytest.raises(NotYours):
        ws.deport("j1", "AL16-06", "")
    assert not (folder / "conflicts").exists()


def test_a_juror_s_dossiers_are_read_once_not_at_every_request(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # each save and page looked the dossier up in the call's every dossier: at 20,000
    # dossiers a save took 3 times as long as at 2,000 (bench/jury_web.py --dossiers)
    import isgrid.workspace.store as store

    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    asked: list[str] = []
    real = store.dossiers_of

    def counted(call: Any, assessor: Any, assignments: Any) -> Any:
        asked.append(assessor.id)
        return real(call, assessor, assignments)

    monkeypatch.setattr(store, "dossiers_of", counted)
    for value in ("1", "2", "3"):
        ws.save("j1", "AL16-02", Entry(values={"ALS-2": value}))
        ws.sheet("j1", "AL16-02")
        ws.bases("j1", "AL16-02")
    with pytest.raises(NotYours):
        ws.sheet("j1", "AL16-06")
    ws.deport("j1", "AL16-03", "")  # a déport made here still counts at once
    with pytest.raises(NotYours):
        ws.sheet("j1", "AL16-03")
    assert asked == ["j1"]
    assert ws.sheet("j1", "AL16-02")[0]["ALS-2"] == ("3", "")
    assert "AL16-03" not in ws.dossiers_of("j1")[0]
    assert ws.dossiers_of("j1")[1] == ["AL16-03"]


def test_submission_closing_and_reopening(tmp_path: Path, db: str | None) -> None:
    clock = Clock()
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=clock)
    assert ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"})).problems == {}
    assert not (folder / "ratings" / "j1.csv").exists()  # a draft is not a rating
    ws.submit("j1")
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8") == (
        "dossier,assessor,criterion,value,comment\nAL16-02,j1,ALS-2,3,\n")
    with pytest.raises(Refused, match="submitted"):
        ws.save("j1", "AL16-02", Entry(values={"ALS-2": "4"}))
    ws.reopen("j1")
    assert ws.save("j1", "AL16-02", Entry(values={"ALS-2": "4"})).problems == {}
    # reopened: the last submission stays the rating until the juror submits again
    assert "ALS-2,3," in (folder / "ratings" / "j1.csv").read_text(encoding="utf-8")
    ws.set_scoring(True, clock.now + 60)
    clock.now += 61  # the deadline has passed
    with pytest.raises(Refused, match="closed"):
        ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2"}))
    ws.set_scoring(False, None)
    with pytest.raises(Refused, match="closed"):
        ws.submit("j1")
    ws.set_scoring(True, None)
    ws.submit("j1")
    assert "ALS-2,4," in (folder / "ratings" / "j1.csv").read_text(encoding="utf-8")
    actions = [(a.actor, a.action) for a in reversed(ws.audit_log())]
    assert ("j1", "submit") in actions and ("secretariat", "reopen") in actions
    draft = next(a for a in ws.audit_log() if a.action == "draft" and '"4"' in a.after)
    # [value, comment, shareable]: no comment, so nothing to share
    assert draft.before == '{"ALS-2": ["3", "", false]}' and draft.target == "AL16-02"


def test_sign_in_links_are_hashed_expire_and_can_be_revoked(tmp_path: Path,
                                                           db: str | None) -> None:
    clock = Clock()
    ws = Workspace(alsace(tmp_path), db, clock=clock)
    rows = ws.invite(["j1"], days=2)
    (_, secret, expires), = rows
    assert expires == clock.now + 2 * 86400
    with ws.tx() as s:
        stored = [t.token_hash for t in s.query(SignInToken).all()]
    assert secret not in stored and digest(secret) in stored
    found = ws.sign_in(secret)
    assert found is not None and found[1].juror == "j1"
    assert ws.principal(found[0]) == found[1]
    assert ws.sign_in("not-a-link") is None
    # a new invitation revokes the earlier link
    (_, secret2, _), = ws.invite(["j1"], days=2)
    assert ws.sign_in(secret) is None and ws.sign_in(secret2) is not None
    clock.now += 2 * 86400 + 1
    assert ws.sign_in(secret2) is None  # expired
    (_, secret3, _), = ws.invite(["j1"])
    session, _ = ws.sign_in(secret3) or ("", None)
    assert ws.revoke("j1") == 1
    assert ws.sign_in(secret3) is None and ws.principal(session) is None


def test_the_mail_merge_file_neutralises_formulas(tmp_path: Path) -> None:
    from isgrid.call.model import Assessor

    # 1 800 000 000 s after 1970-01-01 00:00 UTC: 20 833 days and 8 hours, 2027-01-15 08:00
    # UTC; 09:00 in Paris (UTC+1 in January), 05:00 in Cayenne (UTC-3)
    when = 1_800_000_000.0
    data = mail_merge_csv([(Assessor(id="j1", name="=HYPERLINK(\"x\")"), "s3cret", when)],
                          "https://jury.example.org/")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[1] == (
        "j1,\"'=HYPERLINK(\"\"x\"\")\",https://jury.example.org/signin/s3cret,"
        "15 January 2027 at 09:00")
    # a French call's: « ; », French merge fields, the date in words, in the call's zone
    fr = mail_merge_csv([(Assessor(id="j1", name="Anne"), "s3cret", when)],
                        "https://jury.example.org/", "fr").decode("utf-8-sig").splitlines()
    assert fr == ["juré;nom;lien;expire le",
                  "j1;Anne;https://jury.example.org/signin/s3cret;15 janvier 2027 à 9\u00a0h\u00a000"]
    cayenne = mail_merge_csv([(Assessor(id="j1", name="Anne"), "s3cret", when)],
                             "https://jury.example.org/", "fr", "America/Cayenne")
    assert cayenne.decode("utf-8-sig").splitlines()[1].endswith(
        ";15 janvier 2027 à 5\u00a0h\u00a000")


def test_the_dashboard_counts_progress_deports_and_the_engines_disagreements(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path), db)
    dash = ws.dashboard()
    jurors = {j["id"]: j for j in dash["jurors"]}
    # j2: 7 dossiers in call.yaml, minus AL16-01 (déport) = 6, all rated in the example
    assert (jurors["j2"]["dossiers"], jurors["j2"]["complete"]) == (6, 6)
    assert ("j2", "AL16-01") in {(j, d) for j, d, _ in dash["deports"]}
    d01 = next(d for d in dash["dossiers"] if d["id"] == "AL16-01")
    assert (d01["assigned"], d01["deports"]) == (2, ["j2"])  # j1 and j3; j2 deported
    # the engine's flags: AL16-02's ALS-5 was rated 1 and 4 (spread 3 > half of 0-4)
    # call.yaml's consensus (AL16-02 / ALS-5 = 3) settles it: said with the flag
    assert ("ALS-5", "3") in dash["disagreements"]["AL16-02"]


def test_the_database_is_at_the_latest_migration(tmp_path: Path, db: str | None) -> None:
    from sqlalchemy import text

    ws = Workspace(alsace(tmp_path), db)
    with ws.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0004"
    Workspace(ws.folder, db)  # a second start migrates nothing and seeds nothing twice
    with ws.tx() as s:
        from isgrid.workspace.db import Juror
        assert s.query(Juror).count() == 3


def test_the_grid_is_locked_once_jurors_score(tmp_path: Path, db: str | None) -> None:
    from isgrid.errors import CallError

    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2,5"}))  # scoring started
    ws.close()
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    # half steps withdrawn: 2.5 no longer a value of the 0-4 scale, drafts would change
    (folder / "call.yaml").write_text(text.replace("half_steps: true", "half_steps: false"),
                                      encoding="utf-8")
    isgrid.load_call(folder)  # the call itself is fine
    with pytest.raises(CallError) as exc:
        Workspace(folder, db)
    assert [d.code for d in exc.value.diagnostics] == ["grid-locked"]
    said = exc.value.diagnostics[0]
    assert "alsace-aap-2016@1+call" in said.message  # the grid the jurors started with
    assert "Put the grid's criteria and scales" in said.effective_hint


def _grid_of_the_call(folder: Path) -> Path:
    """The call's grid copied into its folder and named by path (as a call that keeps the
    grid it started with does)."""
    import shutil

    from testpaths import ROOT

    shutil.copy(ROOT / "grids" / "alsace-aap-2016.yaml", folder / "grille.yaml")
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace("grid: alsace-aap-2016", "grid: ./grille.yaml"),
                                      encoding="utf-8")
    return folder / "grille.yaml"


def test_the_grid_s_notes_wording_and_weights_do_not_lock(tmp_path: Path, db: str | None,
                                                         caplog: Any) -> None:
    """A new isgrid whose grid changed its notes, provenance, a level's wording, a weight or
    the threshold: the drafts mean what they meant, the workspace starts (review rev-ops,
    finding 2: it was grid-locked, and the hint's ways out lost the drafts)."""
    folder = alsace(tmp_path)
    grid = _grid_of_the_call(folder)
    ws = Workspace(folder, db)
    ws.reopen("j1")
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2,5"}))
    ws.close()
    text = grid.read_text(encoding="utf-8")
    changed = text.replace("notes:\n", "notes:\n  - Une note ajoutée par une version plus "
                                       "récente.\n", 1)
    changed = changed.replace("status: reconstructed", "status: inferred")
    assert changed != text
    grid.write_text(changed, encoding="utf-8")
    call = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(call.replace("half_steps: true", "half_steps: true\n"
                                                   "  threshold: 70"), encoding="utf-8")
    with caplog.at_level("WARNING", logger="isgrid.workspace"):
        ws = Workspace(folder, db)
    assert ws.sheet("j1", "AL16-02")[0]["ALS-2"] == ("2.5", "")
    assert "not its criteria nor their values" in caplog.text
    ws.close()


def test_a_shipped_grid_that_changed_says_so(tmp_path: Path, db: str | None,
                                            monkeypatch: Any) -> None:
    from isgrid.errors import CallError
    from isgrid.workspace import gridlock

    folder = alsace(tmp_path)
    grid = _grid_of_the_call(folder)
    monkeypatch.setattr(gridlock, "shipped_dir", lambda: folder)  # as if isgrid's own
    Workspace(folder, db).close()
    text = grid.read_text(encoding="utf-8")
    # a level of the 0-4 scale gone (the new isgrid's scale 1-4)
    start = text.index("scales:")
    at = text.index("- {value: 0", start)
    end = text.index("- {value: 1", at)
    grid.write_text(text[:at] + text[end:], encoding="utf-8")
    with pytest.raises(CallError) as exc:
        Workspace(folder, db)
    said = exc.value.diagnostics[0]
    assert said.code == "grid-locked"
    assert "isgrid's own grid alsace-aap-2016 changed with this version" in said.effective_hint


def test_a_shipped_grid_whose_old_version_isgrid_keeps_says_to_pin_it(
        tmp_path: Path, db: str | None, monkeypatch: Any) -> None:
    # isgrid's own grid changed (version 1 -> 2, a level gone) but this isgrid still has
    # version 1 (grids/versions/<id>@1.yaml, here a copy beside the call): the hint names
    # the pin that keeps the jurors' drafts, not « go back to the previous isgrid »
    from isgrid.errors import CallError
    from isgrid.workspace import gridlock

    folder = alsace(tmp_path)
    grid = _grid_of_the_call(folder)
    monkeypatch.setattr(gridlock, "shipped_dir", lambda: folder)  # as if isgrid's own
    Workspace(folder, db).close()
    text = grid.read_text(encoding="utf-8")
    (folder / "versions").mkdir()
    (folder / "versions" / "alsace-aap-2016@1.yaml").write_text(text, encoding="utf-8")
    start = text.index("scales:")
    at = text.index("- {value: 0", start)
    end = text.index("- {value: 1", at)
    grid.write_text((text[:at] + text[end:]).replace('version: "1"', 'version: "2"', 1),
                    encoding="utf-8")
    with pytest.raises(CallError) as exc:
        Workspace(folder, db)
    said = exc.value.diagnostics[0]
    assert said.code == "grid-locked"
    assert "name it in call.yaml (grid: alsace-aap-2016@1)" in said.effective_hint
    assert "previous isgrid" not in said.effective_hint


def test_a_database_older_than_the_lock_checks_the_drafts(tmp_path: Path, db: str | None) -> None:
    """A database that recorded only the whole grid's hash: a changed grid under which every
    saved rating still reads starts; one that no longer reads one is refused, naming it."""
    from isgrid.errors import CallError
    from isgrid.workspace.db import Setting

    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2,5"}))

    def as_before() -> None:
        with ws.tx() as s:
            for key in ("grid_sheet_sha256", "grid_ref", "grid_scoring_sha256"):
                row = s.get(Setting, key)
                if row is not None:
                    s.delete(row)
            s.merge(Setting(key="grid_sha256", value="0" * 64))  # another grid's

    as_before()
    ws.close()
    ws = Workspace(folder, db)  # every rating still reads: goes on
    as_before()
    ws.close()
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace("half_steps: true", "half_steps: false"),
                                      encoding="utf-8")
    with pytest.raises(CallError) as exc:
        Workspace(folder, db)
    assert "AL16-02 ALS-2 = 2.5" in exc.value.diagnostics[0].message


def _open_peer_ratings(folder: Path) -> None:
    import yaml
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["workspace"] = {"peer_ratings": "after_submission"}
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                      encoding="utf-8")


def test_scoring_is_blind_by_default_even_once_submitted(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder)
    # j1 and j2 both score AL16-02 (call.yaml's assessor lists)
    assert ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"})).problems == {}
    assert ws.save("j2", "AL16-02", Entry(values={"ALS-2": "1.5"})).problems == {}
    ws.submit("j1")
    ws.submit("j2")
    assert ws.peer_sheets("j1", "AL16-02") == []


def test_the_call_can_open_submitted_sheets_to_jurors_who_submitted(tmp_path: Path,
                                                                    db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    _open_peer_ratings(folder)
    ws = Workspace(folder, db)
    # j1, j2 and j3 all score AL16-02 (call.yaml's assessor lists)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}, comments={"ALS-2": "Ancré"},
                                   opinion="favorable"))
    ws.save("j2", "AL16-02", Entry(values={"ALS-2": "1.5"}))
    ws.save("j3", "AL16-02", Entry(values={"ALS-2": "4"}))  # j3 keeps a draft
    assert ws.peer_sheets("j1", "AL16-02") == []  # j1 has not submitted: blind
    ws.submit("j1")
    assert ws.peer_sheets("j1", "AL16-02") == []  # nobody else has submitted; drafts hidden
    ws.submit("j2")
    peers = ws.peer_sheets("j1", "AL16-02")
    assert [(p.name, p.values) for p in peers] == [("Marc Wendling", {"ALS-2": ("1.5", "")})]
    mine = ws.peer_sheets("j2", "AL16-02")
    assert [(p.name, p.values["ALS-2"], p.opinion[0]) for p in mine] == [
        ("Hélène Schaeffer", ("3", "Ancré"), "favorable")]
    ws.reopen("j1")  # reopened: j1 scores blind again, and j2 no longer sees j1's sheet
    assert ws.peer_sheets("j1", "AL16-02") == []
    assert ws.peer_sheets("j2", "AL16-02") == []
    with pytest.raises(NotYours):
        ws.peer_sheets("j1", "AL16-06")  # not j1's dossier


def test_amounts_and_texts_are_kept_as_typed(tmp_path: Path, db: str | None) -> None:
    """« 12 345,67 » was written 12345.7 (six digits), « 1 234 567 » 1.23457e+06, which the
    report then refused; a NUL in a comment reached ratings/j1.csv and every command then
    refused the call's ratings (« the file contains NUL bytes »)."""
    from isgrid.call.load import load_call

    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    assert ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}, comments={
        "ALS-2": "bien\x00 vu\x0b ici"}, opinion="favorable", amount="12 345,67",
        comment="avis\x07 global")).problems == {}
    assert ws.save("j1", "AL16-03", Entry(values={"ALS-2": "2"}, opinion="favorable",
                                          amount="1 234 567")).problems == {}
    ws.submit("j1")
    ratings = (folder / "ratings" / "j1.csv").read_text(encoding="utf-8")
    assert "AL16-02,j1,ALS-2,3,bien vu ici\n" in ratings
    opinions = (folder / "opinions" / "j1.csv").read_text(encoding="utf-8")
    assert "AL16-02,j1,favorable,12345.67,avis global" in opinions
    assert "AL16-03,j1,favorable,1234567," in opinions
    load_call(folder)  # the call still loads
