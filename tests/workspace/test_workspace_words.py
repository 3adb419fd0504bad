"""The jury workspace's smaller words (Flask test client, on SQLite and PostgreSQL): « Ce
lien est celui d’Hélène Schaeffer. » (i18n.de_name), « Bonjour, Hélène Schaeffer », a link
that signs no one in said at once, « 1e6 » not an amount (io.numbers, the one reader of
amounts), « La notation est close » said once on a refused save's page."""

from __future__ import annotations

import re
from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.app import create_app
from isgrid.workspace.store import Workspace
from webclients import same_origin_client
from workspacecalls import alsace

NB = "\u00a0"


def test_names_links_amounts_and_closed(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    client = same_origin_client(create_app(ws))
    secret = ws.invite(["j1"])[0][1]
    page = client.get(f"/signin/{secret}").get_data(as_text=True)
    assert '<p id="link-owner">Ce lien est celui d&#39;Hélène Schaeffer.</p>' in page
    english = client.get(f"/signin/{secret}?lang=en").get_data(as_text=True)
    assert '<p id="link-owner">This link is Hélène Schaeffer&#39;s.</p>' in english
    client.get("/?lang=fr")
    # a link that signs no one in: said on the page the link opens, no button to click
    bogus = client.get("/signin/" + "x" * 43)
    html = bogus.get_data(as_text=True)
    assert bogus.status_code == 403
    assert ('<p class="warn" role="alert">Ce lien n&#39;est pas valable (expiré, révoqué ou '
            "inconnu). Demandez-en un nouveau au secrétariat.</p>") in html
    assert 'name="secret"' not in html
    juror = signed_in(ws, "j1")
    assert "<h1>Bonjour, Hélène Schaeffer</h1>" in juror.get("/").get_data(as_text=True)
    # « 1e6 »: refused, as every amount reader of the project refuses it
    refused = juror.post("/dossier/AL16-02", data={"action": "save", "amount": "1e6"})
    assert refused.status_code == 422
    assert f"«{NB}1e6{NB}» n&#39;est pas un montant en euros" in refused.get_data(as_text=True)
    assert juror.post("/dossier/AL16-02", data={"action": "save", "amount": "20 000 €"}
                      ).status_code == 303
    assert ws.sheet("j1", "AL16-02")[1][1] == "20000"
    # closed: a refused save says it once
    ws.set_scoring(False, None)
    closed = juror.post("/dossier/AL16-02", data={"action": "save", "shared": "Tard"})
    text = re.sub(r"<[^>]+>", " ", closed.get_data(as_text=True))
    assert closed.status_code == 409 and text.count("La notation est close") == 1
    assert "Tard" in text  # what was typed, to copy
