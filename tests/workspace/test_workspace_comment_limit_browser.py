"""The dossier's form says how long a comment may be, and holds no more (review-web 7).

Without JavaScript, a comment of a million letters reached the server as one request over
its 1 MB limit: « Erreur 413 · La demande est trop volumineuse. », and what was typed was
lost.  Each textarea now carries ``maxlength`` (100 000 characters, fewer on a form with so
many comments that they could not all travel: :func:`isgrid.workspace.scoring.comment_limit`),
its label says it, a longer comment sent anyway (not from the form) is refused at its field
with what was typed shown back, and a request too large anyway says the limit and what to do.  Real browser: Debian's chromium, JavaScript off (the plain form).
"""

from __future__ import annotations

from typing import Any

import pytest
from test_workspace_app import signed_in
from test_workspace_browser import contexts, new_page, served, sign_in

from browsers import MARKS
from isgrid.workspace.draft import MAX_REQUEST, comment_limit
from isgrid.workspace.store import Workspace
from workspacecalls import alsace

pytestmark = MARKS
pytest.importorskip("playwright.sync_api")
__all__ = ["contexts", "served"]
NNB = "\u202f"


def test_the_limit_in_words_and_no_more_typed(browser: Any, served: tuple[Workspace, str],
                                              contexts: list[Any]) -> None:
    ws, base = served
    # 7 criteria and the overall comment: 100 000 each, 8 × 100 000 × 9 bytes = 7 200 000 B,
    # in the 8 388 608 B a request may carry with 64 KiB to spare
    assert MAX_REQUEST == 8 * 1024 * 1024 and comment_limit(8) == 100_000
    # 40 comments: (8 388 608 − 65 536) / (9 × 40) = 23 119.6, to the hundred below: 23 100
    assert comment_limit(40) == 23_100 and MAX_REQUEST >= 40 * 23_100 * 9 + 65_536
    secret = ws.invite(["j1"])[0][1]
    page = new_page(browser, contexts, java_script_enabled=False)
    sign_in(page, base, secret)
    page.goto(f"{base}/dossier/AL16-02")
    label = page.locator("label[for='c-ALS-2']")
    assert label.inner_text() == f"Commentaire (au plus 100{NNB}000 caractères)"
    assert page.locator("label[for='shared']").inner_text().endswith(
        f"(au plus 100{NNB}000 caractères)")
    box = page.locator("#c-ALS-2")
    assert box.get_attribute("maxlength") == "100000"
    assert page.locator("#shared").get_attribute("maxlength") == "100000"
    box.focus()
    page.keyboard.insert_text("é" * 100_050)  # pasted: the browser keeps the first 100 000
    assert len(box.input_value()) == 100_000
    page.locator("#save").click()
    page.wait_for_url(f"{base}/dossier/AL16-02?done=saved")
    assert ws.sheet("j1", "AL16-02")[0]["ALS-2"][1] == "é" * 100_000


def test_a_longer_comment_is_refused_at_its_field_and_a_request_too_large_says_the_limit(
        tmp_path: Any) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False))
    client = signed_in(ws, "j1")
    page = client.get("/dossier/AL16-05").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    # 1 100 000 letters (the review's 1.1 MB): under the request's limit, over the comment's
    long = client.post("/dossier/AL16-05", data={"csrf_token": token, "action": "save",
                                                 "c:ALS-1": "x" * 1_100_000})
    assert long.status_code == 422
    text = long.get_data(as_text=True)
    assert (f'id="e-ALS-1">Ce commentaire compte 1{NNB}100{NNB}000 caractères, au plus '
            f"100{NNB}000\u00a0: raccourcissez-le. Rien n&#39;a été enregistré\u202f; ce que vous "
            "avez tapé est resté dans les champs.</p>") in text
    assert ">" + "x" * 1_100_000 + "</textarea>" in text  # shown back, to shorten or copy
    assert ws.sheet("j1", "AL16-05") == ({}, ("", "", ""))
    big = client.post("/dossier/AL16-05", data={"csrf_token": token, "action": "save",
                                                "c:ALS-1": "x" * 9_000_000})
    assert big.status_code == 413
    text = big.get_data(as_text=True)
    assert (f"La demande est trop volumineuse\u00a0: un commentaire compte au plus 100{NNB}000 "
            "caractères. Rien n&#39;a été enregistré\u00a0: revenez à la page précédente") in text
