"""Two pages of one juror on one dossier (two tabs, two devices), on SQLite and PostgreSQL:
each save writes only the fields its page changed since the page had them (their bases,
``isgrid.workspace.draft``); a field changed on both pages is refused on the second (409,
said in the juror's language, their typed value kept on the page) and the first's value
stays; nothing is lost and the audit log records only real changes.

The pages are the real ones (Flask test client): a page's form is read from its HTML, as a
browser would send it, then changed like a juror would."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.draft import digest, merge
from isgrid.workspace.store import Workspace
from webclients import SameOriginClient
from workspacecalls import alsace

DID = "AL16-02"
AUTO = {"X-Autosave": "1"}


class _Form(HTMLParser):
    """The fields the sheet's form (``#sheet``) sends: what a browser would post."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in = a.get("id") == "sheet"
        if not self._in:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("hidden", "text") or (kind in ("radio", "checkbox") and "checked" in a):
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in = False


def page(client: SameOriginClient, did: str = DID) -> dict[str, str]:
    """Open the dossier's page: the form it would send, unchanged."""
    resp = client.get(f"/dossier/{did}")
    assert resp.status_code == 200
    parser = _Form()
    parser.feed(resp.get_data(as_text=True))
    assert "csrf_token" in parser.fields and "v:ALS-2" in parser.fields
    return parser.fields


def rebase(form: dict[str, str], answer: dict[str, dict[str, str]]) -> None:
    """What autosave.js does with a save's answer: the saved fields' new bases."""
    for f, b in answer["bases"].items():
        form[f"b:{f}"] = b


def value(ws: Workspace, criterion: str) -> str:
    return ws.sheet("j1", DID)[0].get(criterion, ("", ""))[0]


def test_two_tabs_changing_different_fields_keep_both(tmp_path: Path, db: str | None) -> None:
    """The lost update: tab B sets ALS-2 and saves; tab A, loaded before, sets ALS-3 and
    saves its whole form. Before the bases, A wrote its empty ALS-2 over B's 3."""
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    a, b = page(client), page(client)
    b["v:ALS-2"] = "3"
    resp = client.post(f"/dossier/{DID}", data=b, headers=AUTO)
    assert resp.status_code == 200
    a["v:ALS-3"] = "1"
    a["c:ALS-3"] = "Partenariats à préciser"
    resp = client.post(f"/dossier/{DID}", data=a, headers=AUTO)
    assert resp.status_code == 200
    assert (value(ws, "ALS-2"), value(ws, "ALS-3")) == ("3", "1")
    # the answer gives A the bases of what it saved, and of nothing else
    assert resp.get_json() == {"bases": {"v:ALS-3": digest("1"),
                                         "c:ALS-3": digest("Partenariats à préciser")}}
    # A keeps working with itself: ALS-3 changed again, from its new base, is saved;
    # ALS-2, still shown empty on A, is still not written from it
    rebase(a, resp.get_json())
    a["v:ALS-3"] = "1.5"
    assert client.post(f"/dossier/{DID}", data=a, headers=AUTO).status_code == 200
    assert (value(ws, "ALS-2"), value(ws, "ALS-3")) == ("3", "1.5")
    # the audit log: B's one change, then A's two, each naming only the criterion it changed
    drafts = [(json.loads(x.before), json.loads(x.after)) for x in reversed(ws.audit_log())
              if x.action == "draft"]
    assert drafts == [
        ({"ALS-2": None}, {"ALS-2": ["3", "", False]}),
        ({"ALS-3": None}, {"ALS-3": ["1", "Partenariats à préciser", False]}),
        ({"ALS-3": ["1", "Partenariats à préciser", False]},
         {"ALS-3": ["1.5", "Partenariats à préciser", False]})]
    # a save that changes nothing writes nothing, and the audit log says nothing
    assert client.post(f"/dossier/{DID}", data=a, headers=AUTO).status_code == 200
    assert len([x for x in ws.audit_log() if x.action == "draft"]) == 3


def test_the_same_field_changed_in_two_tabs_is_refused_on_the_second(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    a, b = page(client), page(client)
    b["v:ALS-2"] = "3"
    assert client.post(f"/dossier/{DID}", data=b, headers=AUTO).status_code == 200
    # A changes ALS-2 too (a conflict) and the overall opinion (no conflict)
    a["v:ALS-2"] = "1"
    a["opinion"] = "favorable"
    resp = client.post(f"/dossier/{DID}", data=a, headers=AUTO)
    assert resp.status_code == 409
    answer = resp.get_json()
    assert answer["conflicts"] == ["v:ALS-2"]
    assert answer["bases"] == {"opinion": digest("favorable")}  # ALS-2 keeps its old base
    assert answer["message"] == (
        "Ce dossier a été modifié sur un autre appareil ou dans une autre fenêtre depuis que vous l'avez ouvert ici\u00a0: "
        "vos changements d'ALS-2 n'ont pas été enregistrés, pour ne pas effacer l'autre "
        "version (vos autres changements le sont). Sous chaque champ encadré, la valeur "
        "enregistrée est affichée à côté de la vôtre\u00a0: choisissez «\u00a0Garder ma "
        "version\u00a0» ou «\u00a0Reprendre la valeur enregistrée\u00a0».")
    assert value(ws, "ALS-2") == "3" and ws.sheet("j1", DID)[1][0] == "favorable"
    # saved again by the stale page (the juror typed elsewhere): still refused, still 3
    rebase(a, answer)
    a["c:ALS-4"] = "Bien"
    again = client.post(f"/dossier/{DID}", data=a, headers=AUTO)
    assert again.status_code == 409 and again.get_json()["conflicts"] == ["v:ALS-2"]
    assert value(ws, "ALS-2") == "3" and ws.sheet("j1", DID)[0]["ALS-4"][1] == "Bien"
    # reloaded (a current base), the juror's value is saved
    fresh = page(client)
    assert fresh["v:ALS-2"] == "3"
    fresh["v:ALS-2"] = "1"
    assert client.post(f"/dossier/{DID}", data=fresh, headers=AUTO).status_code == 200
    assert value(ws, "ALS-2") == "1"
    # in English when the juror reads English
    client.get("/?lang=en")
    en = client.post(f"/dossier/{DID}", data={**b, "v:ALS-2": "2"}, headers=AUTO)
    assert en.status_code == 409 and en.get_json()["message"].startswith(
        "This dossier was changed on another device or in another window since you opened it here: your changes "
        "to ALS-2 were not saved")


def test_without_javascript_the_conflict_page_keeps_what_the_juror_typed(
        tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = signed_in(ws, "j1")
    a, b = page(client), page(client)
    b["c:ALS-2"] = "Ancrage local solide"
    assert client.post(f"/dossier/{DID}", data=b).status_code == 303
    a["c:ALS-2"] = "Ancrage à vérifier"
    a["v:ALS-3"] = "2"
    resp = client.post(f"/dossier/{DID}", data=a)  # the « Enregistrer » button
    assert resp.status_code == 409
    html = resp.get_data(as_text=True)
    assert "Ce dossier a été modifié sur un autre appareil ou dans une autre fenêtre" in html
    assert "vos changements d&#39;ALS-2 n&#39;ont pas été enregistrés" in html  # « d'ALS-2 »
    assert ">Ancrage à vérifier</textarea>" in html  # kept, to copy
    assert re.findall(r'id="(f-[^"]+)"\s+class="conflict"', html) == ["f-ALS-2"]
    assert ws.sheet("j1", DID)[0]["ALS-2"][1] == "Ancrage local solide"
    assert value(ws, "ALS-3") == "2"
    # the page sent back keeps ALS-2's old base: sent again as is, still refused
    parser = _Form()
    parser.feed(html)
    assert parser.fields["b:c:ALS-2"] == a["b:c:ALS-2"] == digest("")
    assert parser.fields["b:v:ALS-3"] == digest("2")
    assert client.post(f"/dossier/{DID}", data=parser.fields).status_code == 409
    assert ws.sheet("j1", DID)[0]["ALS-2"][1] == "Ancrage local solide"


def test_the_rule_of_one_field() -> None:
    """draft.merge on its own: untouched, changed, changed alike, changed on both sides."""
    stored = {"v:C1": "3", "v:C2": "2", "v:C3": "1", "c:C4": "a\nb"}
    base = {"v:C1": digest("3"), "v:C2": digest("0"), "v:C3": digest("0"),
            "c:C4": digest("a\nb")}
    # C1 changed here only; C2 changed elsewhere and here alike; C3 changed elsewhere
    # and here differently; C4 sent with a browser's line ends: untouched; C5 no base
    got = merge(stored, {"v:C1": "4", "v:C2": "2", "v:C3": "4", "c:C4": "a\r\nb",
                         "v:C5": "1"}, base)
    assert got.fields == {"v:C1": "4", "v:C2": "2", "v:C3": "1", "c:C4": "a\nb"}
    assert got.conflicts == ["v:C3"]
    assert got.bases == {"v:C1": digest("4"), "v:C2": digest("2")}
    # a form without bases is written whole
    assert merge(stored, {"v:C1": "0"}, None).fields["v:C1"] == "0"
