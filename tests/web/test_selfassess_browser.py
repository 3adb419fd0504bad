"""The self-assessment pages in a real browser: Playwright driving Debian's chromium.

``./run test`` installs ``/usr/bin/chromium`` with apt-get when it is missing (as
root); elsewhere these tests are skipped.  Playwright's own browser download is
not used.  Run only these with ``pytest -m browser``.

A click that loads a page returns before the page is there, and the page's script
restores the answers once it runs: after an action the tests wait for the address or
the state it brings (``wait_for_url``, ``expect``) before they read the page.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browsers import MARKS
from contrast import contrast
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import load_answers_text
from isgrid.web.selfassess import create_app
from testpaths import FIXTURES

FIX = FIXTURES / "selfassess"

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    from werkzeug.serving import make_server

    grids = [load_grid(FIX / f"sa-{g}.yaml") for g in ("checklist", "scored", "profile")]
    app = create_app(grids={lg.grid.id: lg for lg in grids})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(5000)
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda req: requests.append(req.url))
    pg.requests = requests
    yield pg
    # every request went to the local server: the pages need no network
    assert requests  # the page's own, at least
    assert all(u.startswith((base_url, "data:", "about:")) for u in requests), requests
    context.close()


def tab_to(page: Any, predicate: str, limit: int = 60) -> None:
    """Press Tab until ``predicate`` (JS, on document.activeElement ``el``) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"never reached {predicate!r} with Tab")


def expect_checked(page: Any, cid: str, value: str | None) -> None:
    """Wait until question ``cid`` shows answer ``value`` (None: no answer)."""
    if value is None:
        expect(page.locator(f"input[name='v:{cid}']:checked")).to_have_count(0)
    else:
        expect(page.locator(f"input[name='v:{cid}'][value='{value}']")).to_be_checked()


def test_keyboard_only(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/g/sa-checklist")
    tab_to(page, "el.name === 'v:c1'")
    page.keyboard.press("Space")            # level 0
    page.keyboard.press("ArrowDown")        # level 1
    page.keyboard.press("ArrowDown")        # level 2
    expect_checked(page, "c1", "2")
    page.keyboard.press("Tab")              # the comment
    expect(page.locator("textarea[name='c:c1']")).to_be_focused()
    page.keyboard.type("Écrit au clavier")
    page.keyboard.press("Tab")              # next question
    expect(page.locator("input[name='v:c2']").first).to_be_focused()
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect_checked(page, "c2", "3")
    expect(page.locator("#progress-text")).to_have_text("Réponses\u00a0: 2 sur 7")
    # a visible focus indicator
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # at 3:1 against the white page (WCAG 1.4.11), as the comment box's border
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    white = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert white == "rgb(255, 255, 255)" and contrast(ring, white) >= 3
    border = page.eval_on_selector("textarea[name='c:c1']",
                                   "el => getComputedStyle(el).borderTopColor")
    assert contrast(border, white) >= 3
    tab_to(page, "el.id === 'see-result'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/g/sa-checklist/result**")
    assert "Verdict\u00a0: indéterminé" in page.inner_text("main")  # c3 and c6 are unanswered
    assert "Écrit au clavier" in page.inner_text("main")


def test_answers_survive_navigation(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/g/sa-checklist")
    page.check("input[name='v:c1'][value='3']")
    page.check("input[name='v:c2'][value='na']")
    page.fill("textarea[name='c:c3']", "à compléter <b>vite</b>")
    page.click("text=← Retour aux grilles")
    page.wait_for_url(f"{base_url}/?lang=fr")
    # « Réponses gardées dans ce navigateur : 2 » (no « 1 réponses » for one answer)
    expect(page.locator("main")).to_contain_text(
        re.compile("Réponses gardées dans ce navigateur\\s*:\\s*2"))
    expect(page.locator("a[href='/g/sa-checklist?lang=fr'].btn")).to_have_text("Continuer")
    page.click("a[href='/g/sa-checklist?lang=fr'] >> nth=0")
    page.wait_for_url(f"{base_url}/g/sa-checklist?lang=fr")
    expect_checked(page, "c1", "3")
    expect_checked(page, "c2", "na")
    expect(page.locator("textarea[name='c:c3']")).to_have_value("à compléter <b>vite</b>")
    expect(page.locator("#progress-text")).to_have_text("Réponses\u00a0: 2 sur 7")
    # the result page, then back to edit: still there
    page.click("#see-result")
    page.wait_for_url("**/result**")  # the result page loaded, not the form
    page.click("#edit")
    page.wait_for_url(f"{base_url}/g/sa-checklist?lang=fr")
    expect_checked(page, "c1", "3")
    # clear
    page.once("dialog", lambda d: d.accept())
    page.click("#clear-answers")
    expect_checked(page, "c1", None)
    expect(page.locator("#progress-text")).to_have_text("Réponses\u00a0: 0 sur 7")
    page.reload()
    expect(page.locator("#progress-text")).to_have_text("Réponses\u00a0: 0 sur 7")
    expect_checked(page, "c1", None)


def test_download_then_upload_to_resume(browser: Any, page: Any, base_url: str,
                                        tmp_path: Path) -> None:
    page.goto(f"{base_url}/g/sa-scored")
    page.check("input[name='v:a1'][value='1']")
    page.check("input[name='v:e1'][value='0']")
    page.fill("textarea[name='c:a1']", 'notre "diagnostic"')
    with page.expect_download() as info:
        page.click("#download-answers")
    download = info.value
    assert download.suggested_filename == "reponses-sa-scored.yaml"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    answers, diags = load_answers_text(text, load_grid(FIX / "sa-scored.yaml").grid)
    assert not diags.items
    assert answers["a1"].value == 1 and answers["a1"].comment == 'notre "diagnostic"'
    # a fresh browser (nothing in localStorage) resumes from the file
    other = browser.new_context()
    pg = other.new_page()
    pg.goto(f"{base_url}/")
    pg.set_input_files("#answers-file", str(saved))
    pg.click("form[action^='/upload'] button[type=submit]")
    expect(pg.locator("main")).to_contain_text("Réponses chargées depuis le fichier.")
    expect_checked(pg, "a1", "1")
    expect_checked(pg, "e1", "0")
    pg.goto(f"{base_url}/g/sa-scored")  # and saved in this browser too
    expect_checked(pg, "a1", "1")
    # the result page shows the same result as the file
    pg.click("#see-result")
    pg.wait_for_url("**/result**")  # the result page loaded, not the form
    body = pg.inner_text("main")
    assert "le dossier serait irrecevable" in body
    # a malformed upload is refused cleanly
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n")
    pg.goto(f"{base_url}/g/sa-scored")
    pg.click("summary")
    pg.set_input_files("#answers-file", str(bad))
    pg.click("form[action^='/upload'] button[type=submit]")
    expect(pg.locator("[role=alert]")).to_contain_text("pas un fichier de réponses")
    other.close()


def test_phone_width_has_no_horizontal_scroll(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True)
    pg = context.new_page()
    for url in ("/", "/g/sa-scored", "/g/sa-profile"):
        pg.goto(base_url + url)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375, url
    for m, v in (("m1", "0"), ("m2", "1"), ("m3", "2"), ("m4", "3")):
        pg.check(f"input[name='v:{m}'][value='{v}']")
    pg.click("#see-result")
    pg.wait_for_url("**/result**")  # the result page loaded, not the form
    assert pg.is_visible("svg.radar")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375
    pg.goto(base_url + "/g/sa-scored")
    pg.click("#see-result")
    pg.wait_for_url("**/result**")  # the result page loaded, not the form
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_print_view(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/g/sa-checklist")
    page.check("input[name='v:c1'][value='2']")
    page.click("#see-result")
    page.wait_for_url("**/result**")  # the result page loaded, not the form
    assert page.is_visible("#print")
    page.emulate_media(media="print")
    assert not page.is_visible("#print")
    assert not page.is_visible("#edit")
    assert not page.is_visible(".site-header")
    assert not page.is_visible("select#target")
    assert page.is_visible("#result-title")
    assert page.is_visible("text=Ce qui peut être renforcé")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    # the downloadable HTML is self-contained: it shows the same result with no request
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.click("#download-html")
    html = Path(info.value.path()).read_text(encoding="utf-8")
    before = len(page.requests)
    page.set_content(html)
    assert len(page.requests) == before
    assert "Ce qui peut être renforcé" in page.inner_text("body")
    assert page.locator("script").count() == 0


def test_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    pg = context.new_page()
    pg.goto(f"{base_url}/g/sa-checklist")
    assert not pg.is_visible("#clear-answers")
    pg.check("input[name='v:c2'][value='0']")
    pg.click("#see-result")
    pg.wait_for_url("**/result**")  # the result page loaded, not the form
    assert "Verdict\u00a0: non caractérisé" in pg.inner_text("main")
    assert not pg.is_visible("#print")
    assert pg.is_visible("text=utilisez la commande Imprimer")
    pg.click("#edit")
    pg.wait_for_url(f"{base_url}/g/sa-checklist?lang=fr")
    expect_checked(pg, "c2", "0")
    context.close()
