"""The workspace's pages isolate bidirectional controls, but give a form's text back as typed.

A dossier's title ending in U+202E (an applicant's, from the platform) is printed as an
isolate of its own (:func:`isgrid.io.bidi.bidi_isolated`): it cannot reverse what follows
it on the page.  A juror's comment holding one goes back into its text box exactly as
typed: the isolation never adds a character to what the juror saves again.
"""

from __future__ import annotations

import html
from pathlib import Path

from test_workspace_app import signed_in

from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"


def test_a_title_is_isolated_and_a_comment_given_back_as_typed(tmp_path: Path) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    dossier = folder / "dossiers" / "AL16-02.yaml"
    source = dossier.read_text(encoding="utf-8")
    line = next(x for x in source.splitlines() if x.startswith("title: "))
    title = line.removeprefix("title: ").strip('"')
    dossier.write_text(source.replace(line, f'title: "{title} \\u202etxet.exe"'),
                       encoding="utf-8")
    ws = Workspace(folder)
    comment = f"Bien{RLO} ancré"  # an override left open, as pasted
    assert ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"},
                                          comments={"ALS-2": comment})).problems == {}
    client = signed_in(ws, "j1")
    home = html.unescape(client.get("/").get_data(as_text=True))
    assert f"{FSI}{title} {RLO}txet.exe{PDF}{PDI}" in home
    page = html.unescape(client.get("/dossier/AL16-02").get_data(as_text=True))
    assert f'name="c:ALS-2" maxlength="100000" aria-describedby="h-ALS-2">{comment}</textarea>' \
        in page
    assert f"{FSI}{title} {RLO}txet.exe{PDF}{PDI}" in page
