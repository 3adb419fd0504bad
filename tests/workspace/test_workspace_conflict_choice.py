"""A field changed on two pages of one juror: the second page's save is refused (409) and
the page shows the value stored now beside the juror's, with two choices: « Garder ma
version » (the typed value saved with the stored value as its base: an explicit overwrite
of what the juror saw, never of a newer value) and « Reprendre la valeur enregistrée » (the
stored value put back in the field). With the script (the autosave's JSON answer) and
without (the form's keep=/take= buttons); the stored value is juror-typed text, escaped.

The pages are the real ones (Flask test client), read from their HTML as a browser would."""

from __future__ import annotations

import re
from pathlib import Path

from test_workspace_app import signed_in
from test_workspace_two_tabs import _Form, page, rebase

from isgrid.web.security import CSRF_HEADER
from isgrid.workspace.draft import digest
from isgrid.workspace.store import Workspace
from workspacecalls import alsace

DID = "AL16-02"
AUTO = {"X-Autosave": "1"}
NB = "\u00a0"
HOSTILE = '<script>alert("x")</script> & « ancrage »'


def comment(ws: Workspace) -> str:
    return ws.sheet("j1", DID)[0].get("ALS-2", ("", ""))[1]


def form_of(html: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(html)
    return parser.fields


def test_with_the_script_keep_my_version_then_the_other_page_conflicts(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    first, second = page(client), page(client)
    first["c:ALS-2"] = HOSTILE
    answer = client.post(f"/dossier/{DID}", data=first, headers=AUTO)
    assert answer.status_code == 200
    rebase(first, answer.get_json())
    second["c:ALS-2"] = "Ancrage local solide"
    second["v:ALS-2"] = "2.5"  # changed on this page only: saved
    resp = client.post(f"/dossier/{DID}", data=second, headers=AUTO)
    assert resp.status_code == 409
    got = resp.get_json()
    assert got["conflicts"] == ["c:ALS-2"]
    # the other value, as stored, its base, and both versions said: the script puts them
    # in the page with textContent (the JSON is text, never HTML)
    assert got["theirs"] == {"c:ALS-2": {
        "label": "Commentaire", "text": HOSTILE, "base": digest(HOSTILE), "shown": HOSTILE,
        "mine": "Ancrage local solide"}}
    assert got["message"].endswith(
        f"Sous chaque champ encadré, la valeur enregistrée est affichée à côté de la "
        f"vôtre{NB}: choisissez «{NB}Garder ma version{NB}» ou «{NB}Reprendre la valeur "
        f"enregistrée{NB}».")
    assert comment(ws) == HOSTILE and ws.sheet("j1", DID)[0]["ALS-2"][0] == "2.5"
    # « Garder ma version »: what autosave.js does, the stored value's base, then a save
    rebase(second, got)
    second["b:c:ALS-2"] = got["theirs"]["c:ALS-2"]["base"]
    kept = client.post(f"/dossier/{DID}", data=second, headers=AUTO)
    assert (kept.status_code, kept.get_json()) == (
        200, {"bases": {"c:ALS-2": digest("Ancrage local solide")}})
    assert comment(ws) == "Ancrage local solide"
    # the first page, still based on its own value, saves again: a conflict again
    first["c:ALS-2"] = HOSTILE + " (relu)"
    again = client.post(f"/dossier/{DID}", data=first, headers=AUTO)
    assert again.status_code == 409
    assert again.get_json()["theirs"]["c:ALS-2"]["text"] == "Ancrage local solide"
    assert comment(ws) == "Ancrage local solide"


def test_keep_my_version_never_overwrites_a_newer_value(tmp_path: Path, db: str | None) -> None:
    """The base kept is the stored value the juror saw: a value saved since (a third page)
    is a new conflict, not overwritten."""
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    a, b = page(client), page(client)
    b["v:ALS-3"] = "1"
    assert client.post(f"/dossier/{DID}", data=b, headers=AUTO).status_code == 200
    c = page(client)  # a third page, opened since
    a["v:ALS-3"] = "3"
    seen = client.post(f"/dossier/{DID}", data=a, headers=AUTO).get_json()["theirs"]["v:ALS-3"]
    assert (seen["text"], seen["shown"], seen["mine"], seen["label"]) == ("1", "1", "3", "Note")
    c["v:ALS-3"] = "2"  # saved in between
    assert client.post(f"/dossier/{DID}", data=c, headers=AUTO).status_code == 200
    a["b:v:ALS-3"] = seen["base"]
    late = client.post(f"/dossier/{DID}", data=a, headers=AUTO)
    assert late.status_code == 409 and late.get_json()["theirs"]["v:ALS-3"]["text"] == "2"
    assert ws.sheet("j1", DID)[0]["ALS-3"][0] == "2"


def test_without_the_script_the_conflict_page_offers_the_choice(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    first, second = page(client), page(client)
    first["c:ALS-2"] = HOSTILE
    assert client.post(f"/dossier/{DID}", data=first).status_code == 303
    second["c:ALS-2"] = "Ancrage local solide"
    resp = client.post(f"/dossier/{DID}", data=second)
    assert resp.status_code == 409
    html = resp.get_data(as_text=True)
    # the other value beside the juror's, escaped (juror-typed text: hostile input)
    assert "<script>alert" not in html
    box = html[html.index('<div class="theirs" data-field="c:ALS-2"'):]
    box = box[:box.index("</div>")]
    assert ('data-text="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; « ancrage »"'
            in box)
    assert (f'Valeur enregistrée ailleurs (autre appareil ou autre fenêtre){NB}: <span class="theirs-text">&lt;script&gt;'
            'alert(&#34;x&#34;)&lt;/script&gt; &amp; « ancrage »</span>') in box
    assert f'Votre version{NB}: <span class="mine-text">Ancrage local solide</span>' in box
    assert re.findall(r'<button type="submit" class="secondary (\w+)" name="(\w+)" '
                      r'value="([^"]+)">([^<]+)</button>', box) == [
        ("keep", "keep", "c:ALS-2", "Garder ma version"),
        ("take", "take", "c:ALS-2", "Reprendre la valeur enregistrée")]
    # the page's form: the juror's text kept, the stored value's base (t:), the CSRF token
    sent = form_of(html)
    assert sent["c:ALS-2"] == "Ancrage local solide"
    assert sent["t:c:ALS-2"] == digest(HOSTILE) and sent["b:c:ALS-2"] == digest("")
    assert sent["csrf_token"]
    # sent again as is (« Enregistrer le brouillon »): still refused
    assert client.post(f"/dossier/{DID}", data=sent).status_code == 409
    # no CSRF token: refused, nothing written
    forged = client.post(f"/dossier/{DID}", data={**sent, "keep": "c:ALS-2", "csrf_token": ""},
                         headers={CSRF_HEADER: ""})
    assert forged.status_code == 403 and comment(ws) == HOSTILE
    # « Garder ma version »
    kept = client.post(f"/dossier/{DID}", data={**sent, "keep": "c:ALS-2"})
    assert kept.status_code == 303 and comment(ws) == "Ancrage local solide"
    # the first page, stale, conflicts; « Reprendre la valeur enregistrée » puts it back
    first["c:ALS-2"] = "Ancrage à vérifier"
    first["v:ALS-4"] = "2"
    stale = client.post(f"/dossier/{DID}", data=first)
    assert stale.status_code == 409 and comment(ws) == "Ancrage local solide"
    assert ws.sheet("j1", DID)[0]["ALS-4"][0] == "2"  # the rest saved
    taken = client.post(f"/dossier/{DID}", data={**form_of(stale.get_data(as_text=True)),
                                                  "take": "c:ALS-2"})
    assert taken.status_code == 303 and comment(ws) == "Ancrage local solide"
    shown = form_of(client.get(f"/dossier/{DID}").get_data(as_text=True))
    assert shown["c:ALS-2"] == "Ancrage local solide"


def test_the_choice_in_english_an_opinion_said(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    client.get("/?lang=en")
    a, b = page(client), page(client)
    b.update({"opinion": "réservé", "s:ALS-2": "oui", "c:ALS-2": "Solide"})
    assert client.post(f"/dossier/{DID}", data=b).status_code == 303
    a.update({"opinion": "favorable", "c:ALS-2": "Solide"})  # the same comment: no conflict
    a.pop("s:ALS-2", None)  # unticked on this page: its base is "not ticked", unchanged
    a["v:ALS-2"] = "1"
    resp = client.post(f"/dossier/{DID}", data=a)
    assert resp.status_code == 409
    html = resp.get_data(as_text=True)
    box = html[html.index('<div class="theirs" data-field="opinion"'):]
    box = box[:box.index("</div>")]
    assert '<span class="theirs-text">Reserved</span>' in box
    assert '<span class="mine-text">Favourable</span>' in box
    assert ">Keep my version</button>" in box and ">Take the saved value</button>" in box
    assert "Under each field outlined, the saved value is shown beside yours" in html
    assert html.count('<div class="theirs" data-field=') == 1  # only the opinion conflicted
    said = client.post(f"/dossier/{DID}", data=a, headers=AUTO)
    assert said.status_code == 409
    assert {f: (o["label"], o["shown"], o["mine"]) for f, o in said.get_json()["theirs"].items()
            } == {"opinion": ("Overall opinion", "Reserved", "Favourable")}
