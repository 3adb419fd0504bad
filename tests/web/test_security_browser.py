"""The issue-18 attacks in a real browser (Playwright driving Debian's chromium).

* CSRF: a page of another site (another origin, here another port and host name)
  auto-submits a form to the questionnaire; the app refuses it (403) and the
  answers the user saved in the browser are untouched.
* Open redirect: a crafted path (``/%5Cevil.example``) must not give a language
  link that takes the browser off the site.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from browsers import MARKS
from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app
from testpaths import FIXTURES

pytestmark = MARKS
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    from werkzeug.serving import make_server

    lg = load_grid(FIXTURES / "selfassess" / "sa-scored.yaml")
    server = make_server("127.0.0.1", 0, create_app(grids={lg.grid.id: lg}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="module")
def evil_url(app_url: str) -> Iterator[str]:
    """Another site: one page whose form posts answers to the app by itself."""
    page = (f'<!DOCTYPE html><html><body><form id="f" method="post" '
            f'action="{app_url}/g/sa-scored/result?lang=fr">'
            '<input name="v:a1" value="0"><input name="v:a2" value="0">'
            '<input name="csrf_token" value="forged"></form>'
            '<script>document.getElementById("f").submit()</script></body></html>').encode()

    class Evil(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(8000)
    pg = context.new_page()
    yield pg
    context.close()


def saved(page: Any) -> Any:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def test_a_post_from_another_site_is_refused(page: Any, app_url: str, evil_url: str) -> None:
    page.goto(f"{app_url}/g/sa-scored")
    page.check('input[name="v:a1"][value="4"]')  # the user's answer, saved by the page
    before = saved(page)
    assert any("4" in str(v) for v in before.values()), before
    responses: list[Any] = []
    page.on("response", lambda r: responses.append(r) if "/g/sa-scored" in r.url else None)
    page.goto(evil_url)
    page.wait_for_url(f"{app_url}/**")
    page.wait_for_load_state()
    assert responses and responses[-1].status == 403
    assert "envoyé depuis une page de ce site" in page.content()
    page.goto(f"{app_url}/g/sa-scored")
    assert saved(page) == before  # the saved answers are untouched
    # the app's own form still works: the result page of the user's answers
    with page.expect_response(lambda r: "/result" in r.url) as result:
        page.click("#see-result")
    assert result.value.status == 200
    page.wait_for_url(f"{app_url}/g/sa-scored/result**")  # the answer is the page shown
    expect(page.locator("#result-title")).to_be_visible()
    assert "autre site" not in page.content()


@pytest.mark.parametrize("path", ["/%5Cevil.example", "/%5C%5Cevil.example/x",
                                  "/g/%5Cevil.example"])
def test_the_language_link_of_a_crafted_path_stays_on_the_site(page: Any, app_url: str,
                                                                path: str) -> None:
    page.goto(app_url + path)
    link = page.locator("header a[lang]")
    href = link.get_attribute("href")
    assert href is not None and href.startswith("/") and not href.startswith("//")
    crafted = page.url
    link.click()
    page.wait_for_url(lambda url: url != crafted)  # the page the link leads to, loaded
    assert page.url.startswith(app_url + "/"), page.url
