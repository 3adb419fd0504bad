"""The peer view (``peer_ratings: after_submission``) writes another juror's proposed amount
as the page's language writes money: « 12 000 € » (narrow no-break spaces) in French,
"€12,000" in English; it read « 12000 € » (review rev-dpo, finding 13)."""

from __future__ import annotations

from pathlib import Path

import yaml

from isgrid.workspace.app import create_app, money_text
from isgrid.workspace.store import Entry, Workspace
from webclients import same_origin_client
from workspacecalls import alsace


def test_the_amount_of_a_peer_is_written_as_money(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["workspace"] = {"peer_ratings": "after_submission"}
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    ws = Workspace(folder)
    ws.save("j2", "AL16-02", Entry(values={"ALS-2": "2"}, opinion="favorable", amount="12000"))
    ws.submit("j2")
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))
    ws.submit("j1")
    client = same_origin_client(create_app(ws))
    assert client.post("/signin", data={"secret": ws.invite(["j1"])[0][1]}).status_code == 303
    page = client.get("/dossier/AL16-02").get_data(as_text=True)
    peers = page[page.index('id="peers"'):]
    assert "<br>12\u202f000\u202f€" in peers and "12000 €" not in peers
    english = client.get("/dossier/AL16-02?lang=en").get_data(as_text=True)
    assert "<br>€12,000" in english[english.index('id="peers"'):]


def test_a_text_that_is_no_amount_is_left_as_it_is() -> None:
    assert money_text("12000.5", "fr") == "12\u202f000,50\u202f€"
    assert money_text("environ 5k", "fr") == "environ 5k"
