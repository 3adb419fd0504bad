"""Pages left open while things changed elsewhere (Flask test client, on SQLite and
PostgreSQL): a save without JavaScript on a dossier the juror is recused from shows the text
back; a stale form when another juror has signed in in the same browser names that
session; a dossier no longer assigned says to ask the secretariat; a déport is not lifted
on a submitted sheet (the juror confirms by submitting again)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from test_workspace_app import signed_in
from test_workspace_deport import HEADER, REASON, WHEN, Clock, audit

import isgrid
from isgrid.workspace.store import Deported, Entry, Refused, Workspace
from workspacecalls import alsace

DID = "AL16-02"
NB, NNB = "\u00a0", "\u202f"
FORM = {"action": "save", "v:ALS-2": "3", "c:ALS-2": "Ancrage <local> solide",
        "shared": "À revoir"}


ALS2 = ("ALS-2 — Adéquation aux convergences «\u00a0santé / bien-être\u00a0» et "
        "«\u00a0économie verte\u00a0» et à un thème de la S3")

def alerts(html: str) -> list[str]:
    """The page's alerts, in words (« n'est », its apostrophe unescaped)."""
    return [unescape(t) for t in re.findall(r'role="alert">([^<]*)<', html)]


def field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found is not None, name
    return found.group(1)


def test_a_save_on_a_dossier_recused_from_elsewhere_shows_the_text_back(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db, clock=Clock())
    client = signed_in(ws, "j1")
    ws.deport("j1", DID, REASON)  # in another tab
    page = client.post(f"/dossier/{DID}", data=FORM)
    html = page.get_data(as_text=True)
    assert page.status_code == 409
    assert alerts(html) == [
        f"Déport enregistré le {WHEN}{NB}: vous ne notez pas ce dossier. Il n'est plus dans "
        "votre liste et vos notes n'y comptent pas. Seul le secrétariat peut lever ce déport. "
        "Ce que vous "
        f"venez de taper n'est donc pas enregistré{NB}: le voici, à recopier si besoin."]
    typed = html[html.index('id="typed"'):]
    assert "<h2>Ce que vous avez tapé, à recopier</h2>" in typed
    # the grid's words with French spaces; the rating with its level's label (3: « Bon »)
    assert f"<dt>{ALS2}</dt><dd>3 — Bon</dd>" in typed
    assert f"<dt>{ALS2}{NB}: Commentaire</dt><dd>Ancrage &lt;local&gt; solide</dd>" \
        in typed
    assert "<dt>Commentaire général (interne au jury)</dt><dd>À revoir</dd>" in typed
    english = client.post(f"/dossier/{DID}?lang=en", data=FORM).get_data(as_text=True)
    assert alerts(english)[0].endswith(
        "Only the secretariat can lift this recusal. What you just typed is therefore not "
        "saved: here it is, to copy if need be.")
    assert "<dt>Overall comment (jury only)</dt><dd>À revoir</dd>" in english
    client.get("/?lang=fr")
    # nothing was saved: lifted, the sheet holds nothing
    with pytest.raises(Deported):
        ws.sheet("j1", DID)
    ws.lift_deport("j1", DID)
    assert ws.sheet("j1", DID) == ({}, ("", "", ""))
    # the page of before, only read: told, no word of typed text
    ws.deport("j1", DID, REASON)
    read = client.get(f"/dossier/{DID}").get_data(as_text=True)
    assert 'id="typed"' not in read and "venez de taper" not in read


def test_a_dossier_no_longer_assigned_says_to_ask_the_secretariat(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    french = (f"Ce dossier ne vous est plus attribué (les attributions ont pu changer){NB}: "
              "ce que vous avez tapé n'est pas enregistré. Copiez-le et demandez au "
              "secrétariat ce qu'il en est.")
    english = ("This dossier is no longer assigned to you (the assignments may have "
               "changed): what you typed is not saved. Copy it and ask the secretariat.")
    # the autosave's text (a 404: the dossier is not the juror's now)
    assert f'data-unsaved-not-found="{french}"' in unescape(client.get(
        f"/dossier/{DID}").get_data(as_text=True))
    assert f'data-unsaved-not-found="{english}"' in client.get(
        f"/dossier/{DID}?lang=en").get_data(as_text=True)
    client.get("/?lang=fr")
    # AL16-06 is not j1's: the autosave answers not_found, the page without JavaScript says
    # it with what was typed
    assert "AL16-06" not in ws.dossiers_of("j1")[0]
    auto = client.post("/dossier/AL16-06", data=FORM, headers={"X-Autosave": "1"})
    assert (auto.status_code, auto.get_json()) == (404, {"reason": "not_found"})
    page = client.post("/dossier/AL16-06", data=FORM)
    html = page.get_data(as_text=True)
    assert page.status_code == 404
    assert alerts(html) == [french]
    assert "<dd>Ancrage &lt;local&gt; solide</dd>" in html[html.index('id="typed"'):]
    # the two refusals in a row: one row of the audit log that counts them
    assert [(t, after["count"]) for a, t, _, after in audit(ws, "refused")] == [
        ("/dossier/AL16-06", 2)]
    assert ws.sheet("j1", DID) == ({}, ("", "", ""))


def test_a_stale_form_names_the_session_now_open_in_the_browser(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    home = client.get("/").get_data(as_text=True)
    stale = field(home, "csrf_token")
    assert field(home, "page_of") == "j1"
    # j2 signs in in another tab of the same browser (confirming the switch)
    link = ws.invite(["j2"])[0][1]
    assert client.post("/signin", data={"secret": link, "confirm": "oui"}).status_code == 303
    # j1's stale page: the submission confirmed there is refused, and says who is signed in
    refused = client.post("/submit", data={"confirmed": "yes", "page_of": "j1"},
                          headers={"X-CSRF-Token": stale})
    assert refused.status_code == 403
    other = (f"Une autre session est ouverte dans ce navigateur{NB}: Marc Wendling. Ce "
             f"formulaire vient d'une page ouverte sous une autre session{NB}: rien n'a été "
             f"fait. Si ce n'est pas vous, touchez ou cliquez «{NB}Se déconnecter{NB}», puis rouvrez "
             f"votre propre lien personnel{NNB}; sinon, rechargez la page et recommencez.")
    assert alerts(refused.get_data(as_text=True)) == [other]
    deport = client.post(f"/dossier/{DID}", data={"action": "deport", "confirmed": "yes",
                                                  "page_of": "j1"},
                         headers={"X-CSRF-Token": stale})
    assert deport.status_code == 403 and alerts(deport.get_data(as_text=True)) == [other]
    english = client.post("/submit?lang=en", data={"confirmed": "yes", "page_of": "j1"},
                          headers={"X-CSRF-Token": stale})
    assert alerts(english.get_data(as_text=True)) == [
        "Another session is open in this browser: Marc Wendling. This form comes from a page "
        "opened under another session: nothing was done. If that is not you, tap or click “Sign "
        "out”, then open your own personal link again; otherwise, reload the page and try "
        "again."]
    client.get("/?lang=fr")
    # nothing done for either juror
    assert ws.juror("j1").status == ws.juror("j2").status == "open"
    assert ws.dossiers_of("j1")[1] == []
    assert ws.dossiers_of("j2")[1] == ["AL16-01"]  # call.yaml's, no other
    # a stale token of the same session's page: the usual words
    same = client.post("/submit", data={"confirmed": "yes", "page_of": "j2"},
                       headers={"X-CSRF-Token": stale})
    assert alerts(same.get_data(as_text=True)) == [
        f"Cette page n'était plus valable (une nouvelle connexion a eu lieu dans ce navigateur "
        f"depuis qu'elle a été ouverte){NB}: rien n'a été fait. Rechargez la page et "
        "recommencez."]
    # every form of j2's pages says whose they are
    for path in ("/", f"/dossier/{DID}"):
        html = client.get(path).get_data(as_text=True)
        assert html.count("<form") == html.count('name="page_of" value="j2"') > 0


def test_no_lift_on_a_submitted_sheet(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    ws.deport("j1", DID, REASON)
    ws.set_scoring(True, None)
    # typed under the déport (a page of before, an import): 3 on ALS-2, then submitted
    ws.lift_deport("j1", DID)
    ws.save("j1", DID, Entry(values={"ALS-2": "3"}))
    ws.deport("j1", DID, REASON)
    ws.submit("j1")
    conflicts = folder / "conflicts" / "j1.csv"
    written = conflicts.read_text(encoding="utf-8")
    assert written == f"{HEADER}j1,{DID},{REASON}\n"
    with pytest.raises(Refused) as refused:
        ws.lift_deport("j1", DID)
    assert refused.value.key == "lift-submitted"
    # nothing changed: the déport stands, the file as it was, the 3 does not count
    assert ws.dossiers_of("j1")[1] == [DID]
    assert conflicts.read_text(encoding="utf-8") == written
    assert [a for a, t, _, _ in audit(ws, "lift-deport")] == ["secretariat"]  # the first
    d02 = next(d for d in isgrid.score(isgrid.load_call(folder)).dossiers if d.id == DID)
    assert d02.criteria["ALS-2"].n == 0
    # /admin says the way, offers no button; the refusal page says it too
    sec = signed_in(ws, None)
    admin = sec.get("/admin").get_data(as_text=True)
    item = admin[admin.index(f'id="deport-j1-{DID}"'):].split("</li>")[0]
    assert 'action="/admin/lift/' not in item
    assert (f"(grille soumise{NB}: rouvrez-la d'abord, puis levez le déport{NNB}; le juré "
            "confirmera en soumettant de nouveau)") in unescape(item)
    page = sec.post(f"/admin/lift/j1/{DID}")
    assert page.status_code == 409
    assert alerts(page.get_data(as_text=True)) == [
        f"La grille de ce juré est soumise{NB}: lever le déport ferait compter les notes "
        "saisies pendant le déport sans qu'il les ait confirmées. Rouvrez d'abord sa grille, "
        f"puis levez le déport{NB}: le juré confirmera ses notes en soumettant de nouveau."]
    english = sec.post(f"/admin/lift/j1/{DID}?lang=en").get_data(as_text=True)
    assert alerts(english) == [
        "This juror's sheet is submitted: lifting the recusal would make the ratings typed "
        "during it count without the juror confirming them. Reopen the sheet first, then "
        "lift the recusal: the juror confirms the ratings by submitting again."]
    assert "(sheet submitted: reopen it first, then lift the recusal; the juror confirms " \
           "by submitting again)" in sec.get("/admin").get_data(as_text=True)
    # the way said: reopened, lifted, and the 3 counts once j1 submits again
    ws.reopen("j1")
    ws.lift_deport("j1", DID)
    assert conflicts.read_text(encoding="utf-8") == written  # the submission's file still
    ws.submit("j1")
    assert conflicts.read_text(encoding="utf-8") == HEADER
    d02 = next(d for d in isgrid.score(isgrid.load_call(folder)).dossiers if d.id == DID)
    assert (d02.criteria["ALS-2"].value, d02.criteria["ALS-2"].n) == (3, 1)


def test_a_submitted_sheet_s_save_on_a_dossier_not_its_own_is_refused_as_such(
        tmp_path: Path, db: str | None) -> None:
    """A juror whose sheet is submitted posting a save for a dossier they are déporté from
    (AL16-01: j2's conflict in call.yaml) or that does not exist: the answer is the déport or
    « not found » (409, 404), as for an open sheet. The sheet's state was checked first, and
    the page of its refusal then read a dossier that was not the juror's: an internal error
    (500) each time."""
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db, clock=Clock())
    client = signed_in(ws, "j2")
    assert ws.dossiers_of("j2")[1] == ["AL16-01"]
    ws.submit("j2")
    own = client.post("/dossier/AL16-01", data=FORM)
    assert own.status_code == 409
    assert alerts(own.get_data(as_text=True))[0].startswith(  # call.yaml's: no date
        "Le secrétariat a déclaré un déport pour vous sur ce dossier")
    assert client.post("/dossier/ZZZ", data=FORM).status_code == 404
    with pytest.raises(Deported):  # the store's order: whose dossier, then the sheet's state
        ws.save("j2", "AL16-01", Entry(values={"ALS-2": "3"}))
    with pytest.raises(Refused):  # its own dossier: the sheet is submitted
        ws.save("j2", DID, Entry(values={"ALS-2": "3"}))
