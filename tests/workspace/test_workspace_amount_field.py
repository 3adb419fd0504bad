"""The proposed amount comes back on the juror's page as the call's language writes it:
typed « 12 500,50 » in a French call, stored 12500.5 (opinions/<juré>.csv), shown
« 12 500,50 » (it showed « 12500.5 »), and the page sent back as shown changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

NN = "\u202f"


def field(page: str) -> str:
    found = re.search(r'id="amount" name="amount" value="([^"]*)"', page)
    assert found, page
    return found.group(1)


def bases(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(b:[^"]+)" value="([^"]*)">', page))


def test_an_amount_typed_the_french_way_comes_back_the_french_way(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    ws.save("j1", "AL16-02", Entry(amount="12 500,50"))
    assert ws.sheet("j1", "AL16-02")[1][1] == "12500.5"  # the data file's writing
    client = signed_in(ws, "j1")
    page = client.get("/dossier/AL16-02").get_data(as_text=True)
    assert field(page) == f"12{NN}500,50"
    # the page sent back as it shows the amount: not a change (its base is the stored value)
    drafts = len([a for a in ws.audit_log() if a.action == "draft"])
    resp = client.post("/dossier/AL16-02", data={"action": "save", "amount": field(page),
                                                  **bases(page)})
    assert resp.status_code == 303
    assert ws.sheet("j1", "AL16-02")[1][1] == "12500.5"
    assert len([a for a in ws.audit_log() if a.action == "draft"]) == drafts
    # whole euros: no decimals; none: an empty field
    ws.save("j1", "AL16-03", Entry(amount="20000"))
    page = client.get("/dossier/AL16-03").get_data(as_text=True)
    assert field(page) == f"20{NN}000"
    assert field(client.get("/dossier/AL16-04").get_data(as_text=True)) == ""
