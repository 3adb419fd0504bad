"""A juror never loses what they typed, and always knows who is signed in (Flask test
client, on SQLite and PostgreSQL): a save that fails says why in the page's language (the
autosave's answer a machine-readable reason, the page without JavaScript what was typed,
to copy), field problems say what to type, an expired session says so, the sign-in page
names the link's juror and asks to confirm when another juror is signed in, and comments
are stored with ``\\n`` line ends."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.app import COOKIE, create_app
from isgrid.workspace.draft import digest
from isgrid.workspace.store import Entry, Workspace
from webclients import same_origin_client
from workspacecalls import alsace, expire_sessions

DID = "AL16-02"
AUTO = {"X-Autosave": "1"}
NB, NNB = "\u00a0", "\u202f"
#: ALS-2's scale (alsace-aap-2016: 0-4 with half steps, NE allowed), as each language lists it
FR_VALUES = f"{NNB}; ".join(["0", "0,5", "1", "1,5", "2", "2,5", "3", "3,5", "4", "NE"])
EN_VALUES = "0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, NE"


ALS2 = ("ALS-2 — Adéquation aux convergences «\u00a0santé / bien-être\u00a0» et "
        "«\u00a0économie verte\u00a0» et à un thème de la S3")

def alerts(page: str) -> list[str]:
    """The page's alerts, in words (« n'est », its apostrophe unescaped)."""
    return [unescape(t) for t in re.findall(r'role="alert">([^<]*)<', page)]


def problems(page: str) -> list[str]:
    """The fields' problems, each said just before its field (tied to it by its id), in
    words."""
    return [unescape(t) for t in
            re.findall(r'<p class="err problem-note" id="e-[^"]+">([^<]*)<', page)]


def test_field_problems_say_what_to_type_in_the_pages_language(tmp_path: Path,
                                                               db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    form = {"action": "save", "v:ALS-2": "9", "opinion": "pour", "amount": "vingt mille"}
    page = client.post(f"/dossier/{DID}", data=form)
    assert page.status_code == 422
    assert problems(page.get_data(as_text=True)) == [
        f"«{NB}9{NB}» n'est pas une valeur de l'échelle{NB}: choisissez l'une de celles "
        f"proposées ({FR_VALUES}).",
        f"«{NB}pour{NB}» n'est pas un avis{NB}: choisissez favorable, réservé ou défavorable.",
        f"«{NB}vingt mille{NB}» n'est pas un montant en euros{NB}: tapez-le en chiffres, par "
        f"exemple «{NB}20{NNB}000{NB}».",
    ]
    # the autosave's answer: the reason, and each field's problem, in English here
    auto = client.post(f"/dossier/{DID}?lang=en", data=form, headers=AUTO)
    assert auto.status_code == 422 and auto.mimetype == "application/json"
    assert auto.get_json() == {"reason": "problems", "problems": {
        "ALS-2": f"“9” is not a value of the scale: choose one of those offered ({EN_VALUES}).",
        "opinion": "“pour” is not an opinion: choose favourable, reserved or unfavourable.",
        "amount": "“vingt mille” is not an amount in euros: type it in figures, for example "
                  "“20000”."}}
    assert ws.sheet("j1", DID) == ({}, ("", "", ""))  # nothing saved
    # what the text says to type is taken
    ok = client.post(f"/dossier/{DID}", data={**form, "v:ALS-2": "3", "opinion": "favorable",
                                              "amount": "20 000"}, headers=AUTO)
    assert ok.status_code == 200 and ws.sheet("j1", DID)[1] == ("favorable", "20000", "")


def test_every_failed_autosave_answers_a_reason_the_page_says(tmp_path: Path,
                                                              db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    page = client.get(f"/dossier/{DID}").get_data(as_text=True)
    # the texts the script shows, one per reason, in the page's language
    assert f'data-unsaved-submitted="Votre grille est déjà soumise{NB}: ce que vous avez ' \
           "tapé ici n&#39;est pas enregistré. Copiez-le et demandez au secrétariat de rouvrir " \
           'votre grille pour l&#39;y reporter."' in page
    for reason in ("problems", "signin", "csrf", "not-found", "closed", "external", "failed"):
        assert f"data-unsaved-{reason}=" in page
    form = {"action": "save", "c:ALS-2": "Très bon ancrage local"}
    # a CSRF token that is not the session's (the juror signed in again in another tab)
    csrf = client.post(f"/dossier/{DID}", data=form,
                       headers={**AUTO, "X-CSRF-Token": "stale"})
    assert (csrf.status_code, csrf.get_json()) == (403, {"reason": "csrf"})
    # the sheet submitted in another tab
    ws.submit("j1")
    sub = client.post(f"/dossier/{DID}", data=form, headers=AUTO)
    assert (sub.status_code, sub.get_json()) == (409, {"reason": "submitted"})
    ws.reopen("j1")
    # a déport made in another tab: said as the juror's own déport (its text is on the page)
    page = client.get(f"/dossier/{DID}").get_data(as_text=True)
    assert ('data-unsaved-deported="Vous ne notez plus ce dossier\u00a0: un déport y est '
            'enregistré (sur un autre appareil ou dans une autre fenêtre\u202f?). Ce que vous avez tapé n&#39;est pas '
            'enregistré et ne comptera pas."') in page
    ws.deport("j1", DID, "")
    gone = client.post(f"/dossier/{DID}", data=form, headers=AUTO)
    assert (gone.status_code, gone.get_json()) == (409, {"reason": "deported"})
    # the session expired
    expire_sessions(ws, "j1")
    out = client.post(f"/dossier/{DID}", data=form, headers=AUTO)
    assert (out.status_code, out.get_json()) == (401, {"reason": "signin"})
    # revoked by the secretariat: said so (review rev-ops, finding 11)
    client = signed_in(ws, "j1")
    assert "data-unsaved-revoked=" in client.get("/dossier/AL16-03").get_data(as_text=True)
    ws.revoke("j1")
    out = client.post(f"/dossier/{DID}", data=form, headers=AUTO)
    assert (out.status_code, out.get_json()) == (401, {"reason": "revoked"})
    assert ws.sheet("j1", "AL16-03") == ({}, ("", "", ""))


def test_without_javascript_a_refused_save_shows_what_was_typed(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, "j1")
    form = {"action": "save", "v:ALS-2": "3", "c:ALS-2": "Très bon\r\nancrage <local>",
            "amount": "15 000", "shared": "À suivre"}
    ws.submit("j1")  # in another tab
    page = client.post(f"/dossier/{DID}", data=form)
    html = page.get_data(as_text=True)
    assert page.status_code == 409
    assert "Copiez-le et demandez au secrétariat de rouvrir votre grille" in html
    typed = html[html.index('id="typed"'):]
    assert f"<dt>{ALS2}{NB}: Commentaire</dt><dd>Très bon\r\nancrage &lt;local&gt;" \
           "</dd>" in typed
    assert "<dt>Montant proposé (€)</dt><dd>15 000</dd>" in typed
    assert "<dt>Commentaire général (interne au jury)</dt><dd>À suivre</dd>" in typed
    # the session expired: said, and what was typed shown back too
    ws.reopen("j1")
    expire_sessions(ws, "j1")
    out = client.post(f"/dossier/{DID}", data=form)
    html = out.get_data(as_text=True)
    assert out.status_code == 401
    assert alerts(html)[0] == (f"Votre session a expiré{NB}: ce que vous avez tapé n'est "
                               "pas enregistré. Copiez-le, rouvrez votre lien personnel, "
                               "puis recopiez-le dans le dossier.")
    # the grid's words with French spaces; the rating with its level's label (3: « Bon »)
    assert f"<dt>{ALS2}</dt><dd>3 — Bon</dd>" in html and "<dd>À suivre</dd>" in html
    assert ws.sheet("j1", DID) == ({}, ("", "", ""))


def test_an_expired_session_is_told_so(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, "j1")
    ws.clock = lambda: 4_000_000_000.0  # past the session's end
    page = client.get(f"/dossier/{DID}")
    assert page.status_code == 401
    assert alerts(page.get_data(as_text=True)) == [
        f"Votre session a expiré{NB}: rouvrez votre lien personnel."]
    home = client.get("/?lang=en").get_data(as_text=True)
    assert "Your session has expired: open your personal link again." in home
    # never signed in: the personal link, no word of a session
    fresh = same_origin_client(create_app(ws)).get("/").get_data(as_text=True)
    assert "Ouvrez le lien personnel que le secrétariat vous a envoyé" in fresh
    assert "session" not in fresh.split("<main", 1)[1]


def test_the_signin_page_names_the_links_juror_and_asks_before_switching(
        tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, "j1")
    # every page names who is signed in
    for path in ("/", f"/dossier/{DID}"):
        html = client.get(path).get_data(as_text=True)
        assert f'<span id="signed-in">Session{NB}: Hélène Schaeffer</span>' in html
    link = ws.invite(["j2"])[0][1]
    page = client.get(f"/signin/{link}").get_data(as_text=True)
    assert '<p id="link-owner">Ce lien est celui de Marc Wendling.</p>' in page
    assert (f"Une autre session est ouverte dans ce navigateur{NB}: Hélène Schaeffer. Vous "
            "connecter avec ce lien la fermera.") in page
    assert 'name="confirm" value="oui" required> Je confirme que ce lien est le mien ' \
           "(Marc Wendling).</label>" in page
    # not confirmed: j1 stays signed in
    refused = client.post("/signin", data={"secret": link})
    assert refused.status_code == 409
    assert "Cochez la case pour confirmer que ce lien est le vôtre." in alerts(
        refused.get_data(as_text=True))
    assert "Session\u00a0: Hélène Schaeffer" in client.get("/").get_data(as_text=True)
    # confirmed: j2
    assert client.post("/signin", data={"secret": link, "confirm": "oui"}).status_code == 303
    assert "Session\u00a0: Marc Wendling" in client.get("/").get_data(as_text=True)
    # a browser with nobody signed in: the link's juror named, nothing to confirm
    fresh = same_origin_client(create_app(ws))
    alone = fresh.get(f"/signin/{ws.invite(['j3'])[0][1]}?lang=en").get_data(as_text=True)
    assert "This link is Sophie Kuntz&#39;s." in alone and 'name="confirm"' not in alone
    assert 'id="signed-in"' not in alone
    cookie = fresh.get_cookie(COOKIE)
    assert cookie is None


def test_comments_are_stored_with_newlines(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db)
    client = signed_in(ws, "j1")
    form = {"action": "save", "v:ALS-2": "3", "c:ALS-2": "Ancrage fort.\r\nÀ suivre.",
            "shared": "Un\r\ndeux\rtrois"}
    assert client.post(f"/dossier/{DID}", data=form, headers=AUTO).status_code == 200
    assert ws.sheet("j1", DID) == ({"ALS-2": ("3", "Ancrage fort.\nÀ suivre.")},
                                   ("", "", "Un\ndeux\ntrois"))
    # the page's bases are those of what is stored: the same text sent again from the
    # page (with the browser's \r\n) is no change, and a stale page cannot write over it
    assert ws.bases("j1", DID)["c:ALS-2"] == digest("Ancrage fort.\r\nÀ suivre.")
    ws.save("j1", DID, Entry(comments={"ALS-2": "Ancrage fort.\r\nÀ revoir."},
                             values={"ALS-2": "3"}))
    ws.submit("j1")
    lines = (folder / "ratings" / "j1.csv").read_bytes().decode("utf-8")
    assert "\r" not in lines and '"Ancrage fort.\nÀ revoir."' in lines
