"""Suite-wide checks.

Every diagnostic code in the catalog must be produced by at least one test:
each :class:`isgrid.errors.Diagnostic` created during the session is recorded,
and when the whole suite runs (no file, ``-k`` or ``-x`` selection) the session
fails if a code was never produced.  Codes produced only in subprocesses do
not count: give them an in-process test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from isgrid import errors

SEEN: set[str] = set()
_original_post_init = errors.Diagnostic.__post_init__


def _recording_post_init(self: errors.Diagnostic) -> None:
    _original_post_init(self)
    SEEN.add(self.code)


errors.Diagnostic.__post_init__ = _recording_post_init  # type: ignore[method-assign]


def _whole_suite(config: Any) -> bool:
    args = [a for a in config.args if not a.startswith("-")]
    selected = bool(config.getoption("keyword")) or bool(getattr(config.option, "maxfail", 0))
    default = not args or all(a.rstrip("/") in ("tests", str(config.rootpath / "tests"))
                              for a in args)
    return default and not selected


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus != 0 or not _whole_suite(session.config):
        return
    missing = sorted(set(errors.CODES) - SEEN)
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                "FAILED diagnostic catalog: codes never produced by any test: "
                + ", ".join(missing), red=True)
        session.exitstatus = 1


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium per test module (real-browser tests, see browsers.py).

    ``ISGRID_BROWSER_THROTTLE=N`` runs every page N times slower (Chromium's CPU
    throttling), as on a busy machine: a test that reads the page before it shows what an
    action changed fails then."""
    from browsers import CHROMIUM

    api = pytest.importorskip("playwright.sync_api")
    # an assertion on the page (expect) waits as long as an action: a page reads what an
    # action changed only once it shows it (a second core busy must not fail a test)
    api.expect.set_options(timeout=10000)
    rate = float(os.environ.get("ISGRID_BROWSER_THROTTLE") or 1)
    new_page = api.BrowserContext.new_page

    def throttled(context: Any) -> Any:
        page = new_page(context)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
        return page

    with api.sync_playwright() as p, pytest.MonkeyPatch.context() as mp:
        if rate > 1:
            mp.setattr(api.BrowserContext, "new_page", throttled)
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks the locale's language (isgrid.i18n.cli_lang): tests run
    with an English locale whatever the developer's, unless they set their own."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
