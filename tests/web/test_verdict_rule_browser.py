"""`isgrid assess ess-utilite-sociale-art2` in a real browser: the verdict of the loi ESS's
art. 2 and the improvement that would change it (Playwright driving Debian's chromium).

Worked out from the law (tests/engine/test_verdict_rules_law.py quotes it): only the 4°
(« Oui ») -> « non caractérisé », since the 4° counts only with 1°, 2° or 3°; meeting any
of those three alone would change the verdict; with the 2° as well -> « caractérisé ».
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browsers import MARKS
from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app

pytestmark = MARKS
pytest.importorskip("playwright.sync_api")

GRID = "ess-utilite-sociale-art2"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    from werkzeug.serving import make_server

    app = create_app(grids={GRID: load_grid(GRID)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(5000)
    pg = context.new_page()
    yield pg
    context.close()


def answer(page: Any, values: dict[str, int]) -> None:
    for cid, v in values.items():
        page.check(f"input[name='v:{cid}'][value='{v}']")


def test_only_the_fourth_condition_then_the_second(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/g/{GRID}")
    answer(page, {"US-1": 0, "US-2": 0, "US-3": 0, "US-4": 2})
    page.click("#see-result")
    page.wait_for_url(f"**/g/{GRID}/result**")
    main = page.inner_text("main")
    assert "Verdict\u00a0: non caractérisé" in main
    assert "Règle du verdict de cette grille" in main
    # the improvements: 1°, 2°, 3°, each of which alone would change the verdict
    items = page.locator("ol.improvements > li")
    assert items.count() == 3
    texts = [items.nth(i).inner_text() for i in range(3)]
    assert [t.split(" Elles")[0].strip() for t in texts] == ["1°", "2°", "3°"]
    assert all("à lui seul, changerait le verdict" in t for t in texts)
    # each is one of the rule's alternatives (« l'une au moins »), none required alone
    assert all("l'une des possibilités du verdict" in t for t in texts)
    # back to the questionnaire: the 2° met as well
    page.click("#edit")
    page.wait_for_url(f"{base_url}/g/{GRID}?lang=fr")  # the questionnaire, answers restored
    answer(page, {"US-2": 2})
    page.click("#see-result")
    page.wait_for_url(f"**/g/{GRID}/result**")
    assert "Verdict\u00a0: caractérisé" in page.inner_text("main")


def test_the_assess_command_html_in_the_browser(page: Any, tmp_path: Path) -> None:
    answers = tmp_path / "reponses.yaml"
    answers.write_text(f"grid: {GRID}\nanswers:\n  US-1: 0\n  US-2: 0\n  US-3: 0\n"
                       "  US-4: Oui\n", encoding="utf-8")
    out = tmp_path / "diagnostic.html"
    result = CliRunner().invoke(cli, ["assess", GRID, str(answers), "--format", "html",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    main = page.inner_text("body")
    assert "Verdict\u00a0: non caractérisé" in main
    first = page.locator("ol.improvements > li").first.inner_text()
    assert first.startswith("1°") and "changerait le verdict" in first
