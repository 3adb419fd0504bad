"""What a holder typed survives two tabs, an old result page, an answers file and a server
restart, in a real browser (Playwright driving Debian's chromium; see browsers.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browsers import MARKS
from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app
from testpaths import FIXTURES

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect

GRIDS = {lg.grid.id: lg for lg in (load_grid(FIXTURES / "selfassess" / "sa-checklist.yaml"),)}
KEY = "isgrid:sa-checklist@1"


class Server:
    """The app on a port, that can be stopped and started again on the same port with a
    new app (a new secret key: as ``isgrid serve`` restarted the next day)."""

    def __init__(self) -> None:
        self.port = 0
        self.start()

    def start(self) -> None:
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", self.port, create_app(grids=GRIDS),
                                  threaded=True)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(accept_downloads=True)
    ctx.set_default_timeout(5000)
    yield ctx
    ctx.close()


def url(server: Server, path: str = "/g/sa-checklist") -> str:
    return f"http://127.0.0.1:{server.port}{path}"


def stored(page: Any) -> dict[str, str]:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}') || '{{}}'"))


def expect_checked(page: Any, cid: str, value: str | None) -> None:
    if value is None:
        expect(page.locator(f"input[name='v:{cid}']:checked")).to_have_count(0)
    else:
        expect(page.locator(f"input[name='v:{cid}'][value='{value}']")).to_be_checked()


def test_two_tabs_add_up_instead_of_wiping_each_other(context: Any, server: Server) -> None:
    a = context.new_page()
    b = context.new_page()
    a.goto(url(server))
    b.goto(url(server))  # opened twice (a link clicked twice, yesterday's tab)
    a.check("input[name='v:c1'][value='3']")
    a.check("input[name='v:c2'][value='2']")
    a.check("input[name='v:c3'][value='2']")
    a.check("input[name='v:c4'][value='1']")
    a.fill("textarea[name='c:c1']", "Diagnostic partagé avec la mairie d'Hirson")
    expect(a.locator("#other-tab")).to_be_hidden()
    expect(a.locator("#replace-choice")).to_be_hidden()
    b.check("input[name='v:c5'][value='3']")  # one click in the idle tab
    assert stored(b) == {"v:c1": "3", "v:c2": "2", "v:c3": "2", "v:c4": "1", "v:c5": "3",
                         "c:c1": "Diagnostic partagé avec la mairie d'Hirson"}
    # each tab shows what the other did, and says so
    expect(a.locator("#other-tab")).to_be_visible()
    expect_checked(a, "c5", "3")
    expect_checked(b, "c1", "3")
    expect(b.locator("textarea[name='c:c1']")).to_have_value(
        "Diagnostic partagé avec la mairie d'Hirson")
    expect(b.locator("#progress-text")).to_have_text("Réponses\u00a0: 5 sur 7")
    # the same question changed in both: the last change wins, in both tabs
    b.check("input[name='v:c1'][value='0']")
    expect_checked(a, "c1", "0")
    a.reload()  # « I'll come back later »
    expect_checked(a, "c1", "0")
    expect_checked(a, "c4", "1")
    expect_checked(a, "c5", "3")
    expect(a.locator("#progress-text")).to_have_text("Réponses\u00a0: 5 sur 7")
    expect(a.locator("textarea[name='c:c1']")).to_have_value(
        "Diagnostic partagé avec la mairie d'Hirson")


def test_an_old_result_page_asks_before_replacing(context: Any, server: Server) -> None:
    old = context.new_page()
    old.goto(url(server))
    old.check("input[name='v:c1'][value='3']")
    old.click("#see-result")
    old.wait_for_url("**/result**")  # an old result page, left open
    newer = context.new_page()
    newer.goto(url(server))
    expect_checked(newer, "c1", "3")
    newer.check("input[name='v:c1'][value='1']")
    newer.check("input[name='v:c2'][value='2']")
    newer.fill("textarea[name='c:c2']", "Écrit plus tard")
    old.click("#edit")  # « Modifier mes réponses » on the old page: c1 = 3 only
    old.wait_for_url(url(server) + "?lang=fr")
    expect(old.locator("#replace-choice")).to_be_visible()
    expect(old.locator("#replace-text")).to_contain_text("questions répondues\u00a0: 2")
    expect_checked(old, "c1", "3")  # the page shows what it was sent ...
    old.check("input[name='v:c3'][value='0']")  # ... and keeps nothing until she chooses
    assert stored(old) == {"v:c1": "1", "v:c2": "2", "c:c2": "Écrit plus tard"}
    old.click("#replace-no")  # take back the ones kept in the browser
    expect(old.locator("#replace-choice")).to_be_hidden()
    expect_checked(old, "c1", "1")
    expect_checked(old, "c2", "2")
    expect_checked(old, "c3", None)
    expect(old.locator("textarea[name='c:c2']")).to_have_value("Écrit plus tard")
    assert stored(old) == {"v:c1": "1", "v:c2": "2", "c:c2": "Écrit plus tard"}
    # the same answers sent again (result, then edit): nothing is asked
    old.click("#see-result")
    old.wait_for_url("**/result**")
    old.click("#edit")
    old.wait_for_url(url(server) + "?lang=fr")
    expect_checked(old, "c2", "2")
    expect(old.locator("#replace-choice")).to_be_hidden()


def test_an_answers_file_asks_before_replacing(context: Any, server: Server,
                                               tmp_path: Path) -> None:
    page = context.new_page()
    page.goto(url(server))
    page.check("input[name='v:c1'][value='2']")
    page.fill("textarea[name='c:c4']", "Notre partenariat")
    answers = tmp_path / "mes réponses.yaml.txt"
    answers.write_text("grid: sa-checklist@1\nanswers:\n  c2: 3\n", encoding="utf-8")
    page.goto(url(server, "/"))
    page.set_input_files("#answers-file", str(answers))
    page.click("form[action^='/upload'] button[type=submit]")
    expect(page.locator("#replace-choice")).to_be_visible()
    expect_checked(page, "c2", "3")
    assert stored(page) == {"v:c1": "2", "c:c4": "Notre partenariat"}
    page.click("#replace-yes")  # keep the file's
    expect(page.locator("#replace-choice")).to_be_hidden()
    assert stored(page) == {"v:c2": "3"}
    page.goto(url(server))
    expect_checked(page, "c2", "3")
    expect_checked(page, "c1", None)


def test_a_comment_over_the_limit_is_said_as_it_is_typed(context: Any, server: Server) -> None:
    page = context.new_page()
    page.goto(url(server))
    page.fill("textarea[name='c:c1']", "é" * 25_000)  # pasted: kept whole
    expect(page.locator("textarea[name='c:c1']")).to_have_value("é" * 25_000)
    expect(page.locator("#n-c1")).to_contain_text(
        "25\u202f000 caractères\u00a0: 5\u202f000 de trop")
    page.click("#see-result")  # refused, every text given back
    expect(page.locator("#loaded-message")).to_contain_text("c1\u00a0: 25\u202f000 caractères")
    expect(page.locator("textarea[name='c:c1']")).to_have_value("é" * 25_000)
    page.fill("textarea[name='c:c1']", "é" * 16_500)  # over 80 %: counted
    expect(page.locator("#n-c1")).to_have_text("16\u202f500 caractères sur 20\u202f000")


@pytest.mark.parametrize("javascript", [True, False])
def test_a_page_open_across_a_restart_gives_the_answers_back(
        browser: Any, server: Server, javascript: bool) -> None:
    ctx = browser.new_context(java_script_enabled=javascript)
    ctx.set_default_timeout(5000)
    page = ctx.new_page()
    page.goto(url(server))
    page.check("input[name='v:c1'][value='3']")
    page.check("input[name='v:c2'][value='na']")
    page.fill("textarea[name='c:c3']", "Besoin : mobilité des jeunes ruraux")
    server.restart()  # the agency updates isgrid; the page stays open
    page.click("#see-result")
    expect(page.locator("#loaded-message")).to_contain_text(
        "Cette page datait d'avant un redémarrage du serveur")
    expect_checked(page, "c1", "3")
    expect_checked(page, "c2", "na")
    expect(page.locator("textarea[name='c:c3']")).to_have_value(
        "Besoin : mobilité des jeunes ruraux")
    page.click("#see-result")  # sent again: the result
    page.wait_for_url("**/result**")
    assert "mobilité des jeunes ruraux" in page.inner_text("main")
    ctx.close()


def test_clear_all_answers_on_a_shared_computer(context: Any, server: Server) -> None:
    page = context.new_page()
    page.goto(url(server))
    page.check("input[name='v:c1'][value='3']")
    page.evaluate("localStorage.setItem('unrelated', 'kept')")
    page.goto(url(server, "/"))
    expect(page.locator("main")).to_contain_text("Sur un ordinateur partagé")
    expect(page.locator("li[data-store-key] a.btn")).to_have_text("Continuer")
    page.once("dialog", lambda d: d.accept())
    page.click("#clear-all")
    expect(page.locator("#cleared-all")).to_have_text(
        "Les réponses gardées dans ce navigateur sont effacées.")
    expect(page.locator("li[data-store-key] a.btn")).to_have_text("Commencer")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    assert page.evaluate("localStorage.getItem('unrelated')") == "kept"


def test_the_buttons_names_use_the_pages_colon(context: Any, server: Server) -> None:
    """A screen reader reads the grid's button « Commencer : <grid> » in French and
    "Start: <grid>" in English (it read "Start : <grid>", French typography in English),
    as the page makes it and as its script remakes it (« Continuer », « Commencer » again
    once cleared)."""
    page = context.new_page()
    page.goto(url(server, "/?lang=en"))
    title = page.inner_text("li[data-store-key] h3")
    btn = page.locator("li[data-store-key] a.btn")
    expect(btn).to_have_attribute("aria-label", f"Start: {title}")
    page.goto(url(server, "/g/sa-checklist?lang=en"))
    page.check("input[name='v:c1'][value='3']")
    page.goto(url(server, "/?lang=en"))
    expect(btn).to_have_attribute("aria-label", f"Continue: {title}")
    page.once("dialog", lambda d: d.accept())
    page.click("#clear-all")
    expect(btn).to_have_attribute("aria-label", f"Start: {title}")
    page.goto(url(server, "/?lang=fr"))
    expect(btn).to_have_attribute("aria-label", f"Commencer\u00a0: {title}")
    page.goto(url(server, "/g/sa-checklist?lang=fr"))
    page.check("input[name='v:c1'][value='3']")
    page.goto(url(server, "/?lang=fr"))
    expect(btn).to_have_attribute("aria-label", f"Continuer\u00a0: {title}")
