"""The committee report and the fiches in a real browser (Playwright + Debian's chromium).

Skipped when ``/usr/bin/chromium`` or Playwright is missing.  Screenshots are
saved in the test's temporary folder, for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browsers import MARKS
from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from report_calls import big_call, profile_call, scored_call

pytestmark = MARKS
pytest.importorskip("playwright.sync_api")


def _open(browser: Any, path: Path) -> tuple[Any, Any, list[str], list[str]]:
    context = browser.new_context(viewport={"width": 1200, "height": 1600})
    context.set_default_timeout(10000)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    return context, page, requests, errors


def _write(tmp_path: Path, folder: Path, kind: Any, name: str) -> Path:
    call = load_call(folder)
    out = tmp_path / name
    out.write_bytes(render_report(call, score(call), kind, "html")[0][1])
    return out


def test_committee_report_in_a_browser(browser: Any, tmp_path: Path) -> None:
    path = _write(tmp_path, big_call(tmp_path), "committee", "committee.html")
    context, page, requests, errors = _open(browser, path)
    rows = page.locator("table.ranking tbody tr:not(.line)")
    assert rows.count() == 300
    assert page.locator("table.ranking tr.line").count() == 1
    assert page.locator("table.ranking tr.sel").count() >= 1
    assert page.locator("h2", has_text="Ordre de discussion").count() == 1
    page.screenshot(path=str(tmp_path / "committee.png"), full_page=False)
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "committee-print.png"))
    context.close()
    assert requests == [path.as_uri()], requests
    assert errors == []


def test_fiches_charts_in_a_browser(browser: Any, tmp_path: Path) -> None:
    for name, folder, chart in (("scored", scored_call(tmp_path), "svg.chart.bars"),
                                ("profile", profile_call(tmp_path), "svg.chart.radar")):
        path = _write(tmp_path, folder, "fiches", f"fiches-{name}.html")
        context, page, requests, errors = _open(browser, path)
        charts = page.locator(chart)
        assert charts.count() == page.locator("section.fiche").count() > 0
        box = charts.first.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 40
        page.screenshot(path=str(tmp_path / f"fiches-{name}.png"))
        context.close()
        assert requests == [path.as_uri()], requests
        assert errors == []


def test_hostile_text_runs_nothing(browser: Any, tmp_path: Path) -> None:
    path = _write(tmp_path, scored_call(tmp_path, hostile=True), "fiches", "hostile.html")
    context, page, requests, errors = _open(browser, path)
    assert page.evaluate("typeof window.alert") == "function"
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0 and page.locator("a").count() == 0
    assert "<script>" in page.locator("h2").first.inner_text()
    context.close()
    assert requests == [path.as_uri()] and errors == []
