"""Déports and submission in the jury workspace, on SQLite and PostgreSQL: no déport after
the deadline nor once submitted, a confirmation before a déport and before submitting, the
secretariat lifts a déport from /admin, a juror's own déported dossier is told, not refused;
the texts in French and English (the browser: test_workspace_browser_deport.py)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from test_workspace_app import signed_in

import isgrid
from isgrid.workspace.app import create_app
from isgrid.workspace.db import Setting
from isgrid.workspace.deports import MIRRORED, declared_deports
from isgrid.workspace.store import Deported, Entry, Refused, Workspace
from workspacecalls import alsace

#: 1 800 000 000 s after 1970-01-01 00:00 UTC: 20 833 days and 8 hours, 2027-01-15 08:00
#: UTC, 09:00 in the call's time zone (Europe/Paris, UTC+1 in January), said in words
NOW = 1_800_000_000.0
WHEN = "15 janvier 2027 à 9\u00a0h\u00a000"
WHEN_EN = "15 January 2027 at 09:00"
HEADER = "assessor,dossier,reason\n"
REASON = "Cousin du président"


class Clock:
    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def audit(ws: Workspace, action: str) -> list[tuple[str, str, object, object]]:
    return [(a.actor, a.target, json.loads(a.before) if a.before else None,
             json.loads(a.after) if a.after else None)
            for a in reversed(ws.audit_log()) if a.action == action]


def test_no_deport_after_the_deadline_nor_once_submitted(tmp_path: Path,
                                                         db: str | None) -> None:
    clock = Clock()
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=clock)
    ws.set_scoring(True, NOW + 60)
    clock.now = NOW + 61  # the deadline has passed
    with pytest.raises(Refused) as closed:
        ws.deport("j1", "AL16-02", REASON)
    assert closed.value.key == "closed"
    ws.set_scoring(True, None)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))
    ws.submit("j1")
    submitted = (folder / "ratings" / "j1.csv").read_text(encoding="utf-8")
    with pytest.raises(Refused) as done:
        ws.deport("j1", "AL16-02", REASON)
    assert done.value.key == "submitted"
    # nothing recorded, nothing written: the submitted rating still counts
    assert ws.dossiers_of("j1")[1] == []
    assert not (folder / "conflicts").exists()
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8") == submitted
    assert audit(ws, "deport") == []
    assert not [d for d in isgrid.load_call(folder).warnings if d.code == "conflicted-rating"
                and "j1" in d.message]


def test_the_secretariat_lifts_a_deport_made_in_the_workspace(tmp_path: Path,
                                                              db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}, comments={"ALS-2": "Solide"}))
    ws.deport("j1", "AL16-02", REASON)
    with pytest.raises(Deported) as gone:
        ws.sheet("j1", "AL16-02")
    assert gone.value.at == NOW
    conflicts = folder / "conflicts" / "j1.csv"
    assert conflicts.read_text(encoding="utf-8") == f"{HEADER}j1,AL16-02,{REASON}\n"
    ws.lift_deport("j1", "AL16-02")
    # back in j1's list (call order), with what they had typed
    assert ws.dossiers_of("j1") == (["AL16-01", "AL16-02", "AL16-03", "AL16-04", "AL16-05",
                                     "AL16-07", "AL16-08"], [])
    assert ws.sheet("j1", "AL16-02")[0] == {"ALS-2": ("3", "Solide")}
    assert conflicts.read_text(encoding="utf-8") == HEADER  # rewritten, no row left
    assert audit(ws, "lift-deport") == [
        ("secretariat", "AL16-02", {"juror": "j1", "reason": REASON}, {"juror": "j1"})]
    # and it stays lifted: j1's submission writes conflicts/j1.csv from the database
    ws.submit("j1")
    assert conflicts.read_text(encoding="utf-8") == HEADER
    call = isgrid.load_call(folder)
    assert [d for d in call.warnings if d.code == "conflicted-rating"] == []
    # j1's 3 on ALS-2 counts: the one rating of AL16-02's ALS-2 (no other sheet here)
    d02 = next(d for d in isgrid.score(call).dossiers if d.id == "AL16-02")
    assert (d02.criteria["ALS-2"].value, d02.criteria["ALS-2"].n) == (3, 1)
    with pytest.raises(Refused) as twice:
        ws.lift_deport("j1", "AL16-02")
    assert twice.value.key == "not-deported"
    # a déport call.yaml declares is lifted there, not here
    assert ("j2", "AL16-01") in declared_deports(folder)
    with pytest.raises(Refused) as declared:
        ws.lift_deport("j2", "AL16-01")
    assert declared.value.key == "declared"
    assert ws.dossiers_of("j2")[1] == ["AL16-01"]


def test_declared_deports_are_call_yamls_and_other_files_rows(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    (folder / "conflicts").mkdir()
    (folder / "conflicts" / "j1.csv").write_text(f"{HEADER}j1,AL16-03,\n", encoding="utf-8")
    (folder / "conflicts" / "hand.csv").write_text(f"{HEADER}j3,AL16-04,ami\n",
                                                   encoding="utf-8")
    # j1's own file is the workspace's; j3's row in hand.csv is not
    assert declared_deports(folder) == {("j2", "AL16-01"), ("j3", "AL16-04")}


def test_pages_deport_confirm_lift_and_tell(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    client = signed_in(ws, "j1")
    assert 'id="deport"' in client.get("/dossier/AL16-02").get_data(as_text=True)
    # the déport link leads to a page (a GET: Back returns to it) to confirm it, saying
    # what a déport does, where the reason is typed
    dossier = client.get("/dossier/AL16-02").get_data(as_text=True)
    assert '<a class="secondary" href="/dossier/AL16-02/deport" id="deport-button">' in dossier
    ask = client.get("/dossier/AL16-02/deport")
    html = ask.get_data(as_text=True)
    assert ask.status_code == 200
    assert "<h1>Vous déporter du dossier AL16-02\u202f?</h1>" in html
    assert "<title>Vous déporter du dossier AL16-02\u202f? · " in html
    assert "seul le secrétariat peut lever un déport" in html
    assert '<label for="reason">Motif (facultatif)</label>' in html
    assert 'name="reason" maxlength="2000" value=""' in html
    assert 'name="confirmed" value="yes"' in html
    # a dossier page from before, its reason typed: the same page, the reason kept
    old = client.post("/dossier/AL16-02", data={"action": "deport", "reason": REASON})
    assert old.status_code == 200
    assert f'name="reason" maxlength="2000" value="{REASON}"' in old.get_data(as_text=True)
    bare = client.post("/dossier/AL16-02", data={"action": "deport"})
    assert (bare.status_code, bare.headers["Location"]) == (303, "/dossier/AL16-02/deport")
    assert ws.dossiers_of("j1")[1] == []  # not yet
    done = client.post("/dossier/AL16-02", data={"action": "deport", "reason": REASON,
                                                 "confirmed": "yes"})
    assert done.status_code == 303 and done.headers["Location"] == "/?done=deport"
    assert ws.dossiers_of("j1")[1] == ["AL16-02"]
    # the page of before (Back, a second tab): told, not refused
    page = client.get("/dossier/AL16-02")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<h1>Dossier AL16-02</h1>" in html and "<title>Dossier AL16-02 · " in html
    assert (f"Déport enregistré le {WHEN}\u00a0: vous ne notez pas ce dossier. Il n'est plus "
            "dans votre liste et vos notes n'y comptent pas. Seul le secrétariat peut lever ce "
            "déport.") in unescape(html)
    assert "déporté" not in html  # said to every juror alike, not in the masculine
    auto = client.post("/dossier/AL16-02", data={"v:ALS-2": "2"}, headers={"X-Autosave": "1"})
    assert (auto.status_code, auto.get_json()) == (409, {"reason": "deported"})
    saved = client.post("/dossier/AL16-02", data={"v:ALS-2": "2"})
    assert saved.status_code == 409 and "Déport enregistré le " in saved.get_data(as_text=True)
    assert audit(ws, "refused") == []
    english = client.get("/dossier/AL16-02?lang=en").get_data(as_text=True)
    assert (f"Recusal recorded on {WHEN_EN}: you do not rate this dossier. It is no longer in "
            "your list and your ratings on it do not count. Only the secretariat can lift this "
            "recusal.") in english
    client.get("/?lang=fr")

    # the secretariat lifts it (CSRF like every form); j2's, in call.yaml, is not theirs
    sec = signed_in(ws, None)
    admin = sec.get("/admin").get_data(as_text=True)
    assert admin.count('action="/admin/lift/') == 1
    assert 'action="/admin/lift/j1/AL16-02"' in admin
    assert "j2 — AL16-01\u00a0: " in admin and "il se lève là" in admin
    bare = create_app(ws).test_client()
    bare.set_cookie("isgrid_jury", sec.get_cookie("isgrid_jury").value)  # type: ignore[union-attr]
    assert bare.post("/admin/lift/j1/AL16-02").status_code == 403  # no token
    assert client.post("/admin/lift/j1/AL16-02").status_code == 403  # a juror
    assert ws.dossiers_of("j1")[1] == ["AL16-02"]
    lifted = sec.post("/admin/lift/j1/AL16-02")
    assert lifted.status_code == 303
    assert lifted.headers["Location"] == "/admin?done=lifted&juror=j1&dossier=AL16-02"
    assert (folder / "conflicts" / "j1.csv").read_text(encoding="utf-8") == HEADER
    assert "AL16-02" in client.get("/").get_data(as_text=True).split('id="dossiers"')[1]
    again = sec.post("/admin/lift/j1/AL16-02")
    assert again.status_code == 409
    assert "<h1>Action impossible</h1>" in again.get_data(as_text=True)
    assert "Ce juré n&#39;est pas déporté de ce dossier." in again.get_data(as_text=True)
    declared = sec.post("/admin/lift/j2/AL16-01").get_data(as_text=True)
    assert "déclaré dans call.yaml (conflicts)" in declared
    assert [(a, t) for a, t, _, _ in audit(ws, "lift-deport")] == [("secretariat", "AL16-02")]


def test_no_deport_form_when_closed_or_submitted_and_the_way_forward(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    client = signed_in(ws, "j1")
    ws.set_scoring(False, None)
    closed = client.get("/dossier/AL16-02").get_data(as_text=True)
    assert "La notation est close." in closed and 'id="deport"' not in closed
    refused = client.post("/dossier/AL16-02", data={"action": "deport", "confirmed": "yes"})
    assert refused.status_code == 409
    assert "La notation est close\u00a0: rien n'a été enregistré." in unescape(
        refused.get_data(as_text=True))
    ask = client.post("/dossier/AL16-02", data={"action": "deport"})  # a page left open
    assert ask.status_code == 409 and "Vous déporter" not in ask.get_data(as_text=True)
    assert client.get("/dossier/AL16-02/deport").status_code == 409
    assert not (folder / "conflicts").exists()
    ws.set_scoring(True, None)
    # submitting: a page to confirm it first (a GET: Back returns to it), then submitted
    old = client.post("/submit")  # a list from before
    assert (old.status_code, old.headers["Location"]) == (303, "/submit")
    ask = client.get("/submit")
    html = ask.get_data(as_text=True)
    assert ask.status_code == 200 and "<h1>Soumettre votre grille\u202f?</h1>" in html
    assert "demander au secrétariat de la rouvrir" in html
    assert "Il reste 7 dossiers incomplets" in html  # j1's 7 dossiers, none rated
    assert ws.juror("j1").status == "open"
    assert client.post("/submit", data={"confirmed": "yes"}).status_code == 303
    assert ws.juror("j1").status == "submitted"
    back = client.get("/submit")  # Back, after submitting: the list, which says it
    assert (back.status_code, back.headers["Location"]) == (303, "/")
    page = client.get("/dossier/AL16-02").get_data(as_text=True)
    assert ("Votre grille est soumise\u00a0: elle ne peut plus être modifiée. Pour la "
            "changer, demandez au secrétariat de rouvrir votre grille.") in page
    assert 'id="deport"' not in page
    again = client.post("/submit", data={"confirmed": "yes"})
    assert again.status_code == 409
    html = again.get_data(as_text=True)
    assert ("Votre grille est déjà soumise\u00a0: pour la modifier, demandez au secrétariat "
            "de rouvrir votre grille.") in html
    assert "<h1>Action impossible</h1>" in html and "<title>Action impossible · " in html
    client.get("/?lang=en")
    english = client.post("/submit", data={"confirmed": "yes"}).get_data(as_text=True)
    assert ("Your sheet is already submitted: to change it, ask the secretariat to reopen "
            "your sheet.") in english and "<h1>Action not possible</h1>" in english
    assert not (folder / "conflicts").exists()


def test_the_progress_line_counts_in_the_singular_up_to_one(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), clock=Clock())
    client = signed_in(ws, "j1")

    def progress(lang: str = "fr") -> str:
        html = client.get(f"/?lang={lang}").get_data(as_text=True)
        return re.findall(r"AL16-02 — .*?<small>(.*?)</small>", html, re.S)[0]

    assert progress() == "0 critère noté sur 7"  # French: the singular up to 1
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))
    assert progress() == "1 critère noté sur 7"
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3", "ALS-3": "NE"}))  # NE is rated
    assert progress() == "2 critères notés sur 7"
    assert progress("en") == "2 of 7 criteria rated"


def without_call_yaml_conflicts(folder: Path) -> None:
    """The secretariat lifts call.yaml's one déport (j2 from AL16-01) where it is declared."""
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("conflicts:\n")
    end = text.index("consensus:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def test_a_call_yaml_deport_is_never_copied_and_is_lifted_there(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    # call.yaml's déport hides AL16-01 from j2 (the workspace's copy in its database)
    assert ws.dossiers_of("j2")[1] == ["AL16-01"]
    ws.deport("j2", "AL16-08", "Beau-frère trésorier")
    conflicts = folder / "conflicts" / "j2.csv"
    # j2's own déport only: call.yaml's stays where it is declared (one place a déport)
    assert conflicts.read_text(encoding="utf-8") == f"{HEADER}j2,AL16-08,Beau-frère trésorier\n"
    admin = signed_in(ws, None).get("/admin").get_data(as_text=True)
    line = admin.split('<li id="deport-j2-AL16-01">')[1].split("</li>")[0]
    # call.yaml's line 29: « conflicts: » is line 28, its first item the next
    assert "(déclaré dans call.yaml, ligne 29\u00a0: il se lève là, en retirant cette ligne" \
        in line
    # lifted there: isgrid score no longer excludes j2 from AL16-01, the workspace follows
    without_call_yaml_conflicts(folder)
    call = isgrid.load_call(folder)
    assert [(c.assessor, c.dossier) for c in call.config.conflicts] == [("j2", "AL16-08")]
    ws.submit("j1")  # the workspace writes a file: the call reloaded
    ws.dashboard()
    assert ws.dossiers_of("j2")[1] == ["AL16-08"]
    assert "AL16-01" in ws.dossiers_of("j2")[0]
    assert conflicts.read_text(encoding="utf-8") == f"{HEADER}j2,AL16-08,Beau-frère trésorier\n"
    assert audit(ws, "lift-deport") == [
        ("isgrid", "AL16-01", {"juror": "j2", "reason": (
            "Administrateur de la SCIC porteuse du projet (déport déclaré en séance, après "
            "l'envoi de sa grille)")}, {"juror": "j2"})]


def test_a_copy_written_by_an_older_workspace_leaves_the_jurors_file(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    old = Workspace(folder)
    old.deport("j2", "AL16-08", "Beau-frère")
    # what a workspace from before this rule kept and wrote: call.yaml's déport in its
    # database, unmarked, and copied into j2's file
    with old.tx() as s:
        s.delete(s.get(Setting, MIRRORED))
    old.engine.dispose()
    conflicts = folder / "conflicts" / "j2.csv"
    conflicts.write_text(f"{HEADER}j2,AL16-01,Administrateur\nj2,AL16-08,Beau-frère\n",
                         encoding="utf-8")
    ws = Workspace(folder)  # started again: the copy leaves j2's file
    assert conflicts.read_text(encoding="utf-8") == f"{HEADER}j2,AL16-08,Beau-frère\n"
    without_call_yaml_conflicts(folder)
    assert [(c.assessor, c.dossier) for c in isgrid.load_call(folder).config.conflicts] == [
        ("j2", "AL16-08")]
    ws.engine.dispose()


def test_a_declared_deport_is_said_without_a_date(tmp_path: Path, db: str | None) -> None:
    """j2 is recused from AL16-01 in call.yaml: the workspace copies the déport into its
    database at its first start (the row's date is that start), so its page says the
    secretariat declared it, with no date; j2's own déport keeps « Déport enregistré le »
    and its date (review rev-dpo 12)."""
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    ws.deport("j2", "AL16-08", "Beau-frère trésorier")
    client = signed_in(ws, "j2")
    html = client.get("/dossier/AL16-01").get_data(as_text=True)
    assert ("Le secrétariat a déclaré un déport pour vous sur ce dossier\u00a0: vous ne le "
            "notez pas. Il n'est pas dans votre liste et vos notes n'y comptent pas. Seul le "
            "secrétariat peut lever ce déport.") in unescape(html)
    assert "Déport enregistré" not in html and WHEN not in html
    english = client.get("/dossier/AL16-01?lang=en").get_data(as_text=True)
    assert ("The secretariat declared a recusal for you on this dossier: you do not rate "
            "it. It is not in your list and your ratings on it do not count. Only the "
            "secretariat can lift this recusal.") in english
    own = client.get("/dossier/AL16-08?lang=fr").get_data(as_text=True)
    assert f"Déport enregistré le {WHEN}\u00a0: vous ne notez pas ce dossier." in own


def test_a_reason_holding_a_lone_carriage_return_is_written_quoted(
        tmp_path: Path, db: str | None) -> None:
    """A reason with a lone \\r (a crafted form: the browsers send \\r\\n): written bare into
    conflicts/<juror>.csv, whose rows end \\n, its row split in two and the call no longer
    loaded (« the conflict names an unknown dossier '' »); quoted, it reads back as sent."""
    folder = alsace(tmp_path, keep_ratings=False)  # j1's sheet not submitted
    ws = Workspace(folder, db)
    ws.deport("j1", "AL16-02", "Cousin\rdu président")
    written = (folder / "conflicts" / "j1.csv").read_bytes()
    assert written == (HEADER + 'j1,AL16-02,"Cousin\rdu président"\n').encode("utf-8")
    reasons = {(c.assessor, c.dossier): c.reason
               for c in isgrid.load_call(folder).config.conflicts}
    assert reasons[("j1", "AL16-02")] == "Cousin\rdu président"
    ws.close()
