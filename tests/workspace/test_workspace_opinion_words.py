"""The overall opinion said in the page's words (the words of its buttons), in both
languages: the workspace stores « réservé » (the opinions/ files' word), and showed it as
such on an English page, in the list of what the juror typed and could not save
(« Overall opinion: réservé »); its refusal names the three opinions as the page's buttons
say them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from test_workspace_app import signed_in

from isgrid.workspace.store import Workspace
from workspacecalls import alsace


def _call(tmp_path: Path, lang: str) -> Path:
    folder = alsace(tmp_path, keep_ratings=False, name=f"call-{lang}")
    path = folder / "call.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nlang: fr\n", f"\nlang: {lang}\n"),
                    encoding="utf-8")
    return folder


def _typed(page: str) -> list[tuple[str, str]]:
    box = page[page.index('id="typed"'):]
    box = box[:box.index("</dl>")]
    return re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", html.unescape(box))


FORM = {"action": "save", "v:ALS-2": "3", "opinion": "réservé", "amount": "12000"}


# one workspace (one database) a language: a PostgreSQL test database is the test's, and
# the first language's submitted sheet would refuse the second's submission
@pytest.mark.parametrize(("lang", "said"), [("en", ("Overall opinion", "Reserved")),
                                            ("fr", ("Avis global", "Réservé"))])
def test_what_could_not_be_saved_says_the_opinion_in_the_pages_words(
        tmp_path: Path, db: str | None, lang: str, said: tuple[str, str]) -> None:
    ws = Workspace(_call(tmp_path, lang), db)
    client = signed_in(ws, "j1")
    ws.submit("j1")  # the sheet submitted meanwhile: nothing more is saved
    resp = client.post("/dossier/AL16-02", data=FORM)
    assert resp.status_code == 409
    typed = _typed(resp.get_data(as_text=True))
    assert said in typed, typed
    assert all("réservé" not in text for _, text in typed), typed


def test_an_opinion_refused_names_the_pages_own_words(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(_call(tmp_path, "en"), db)
    client = signed_in(ws, "j1")
    bad = {**FORM, "opinion": "positive"}
    for query, words in (("", "“positive” is not an opinion: choose favourable, reserved or "
                              "unfavourable."),
                         ("?lang=fr", "« positive » n'est pas un avis : choisissez "
                                      "favorable, réservé ou défavorable.")):
        client.get(f"/{query}")  # the page's language, as a juror switches it
        resp = client.post("/dossier/AL16-02", data=bad, headers={"X-Autosave": "1"})
        assert resp.status_code == 422
        got = resp.get_json()["problems"]["opinion"].replace("\u202f", " ").replace("\xa0", " ")
        assert got == words
