"""An answers file nested too deeply is told so, at its line, whatever the « Grille » field
says (the hostile review: a file whose line 1 is ``grid: sa-checklist@…`` and line 2 holds
300 ``[`` was told « il n'a pas de ligne « grid: » »; the cause came only when the grid was
also chosen in the form).  The hint speaks of nesting, not of anchors and aliases, which
stay the hint of the alias budget."""

from __future__ import annotations

import html
import io
import re

import pytest
from flask.testing import FlaskClient

from isgrid.errors import Collector
from isgrid.grid.load import load_grid
from isgrid.io.yamlio import parse_yaml
from isgrid.web.selfassess import create_app
from testpaths import FIXTURES
from webclients import same_origin_client

DEEP = "grid: sa-checklist@1\nanswers: " + "[" * 300 + "]" * 300 + "\n"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    lg = load_grid(FIXTURES / "selfassess" / "sa-checklist.yaml")
    return same_origin_client(create_app(grids={lg.grid.id: lg}))


def _said(resp) -> str:  # type: ignore[no-untyped-def]
    text = html.unescape(re.sub(r"<[^>]+>", " ", resp.get_data(as_text=True)))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("grid", [None, "sa-checklist"])
def test_a_too_deep_file_is_told_its_nesting_with_or_without_the_grid_field(
        client: FlaskClient, grid: str | None) -> None:
    for lang, cause, hint, wrong in (
            ("fr", "Ligne 2 : imbrication de plus de 200 niveaux",
             "Écrivez les listes et les clés moins imbriquées : 200 niveaux d'indentation ou "
             "de crochets au plus.", "ligne « grid: »"),
            ("en", "Line 2: nesting deeper than 200",
             "Write the lists and mappings flatter: at most 200 levels of indentation or "
             "brackets.", "grid: line")):
        form = {"answers": (io.BytesIO(DEEP.encode()), "deep.yaml")}
        if grid:
            form["grid"] = grid  # type: ignore[assignment]
        r = client.post(f"/upload?lang={lang}", data=form, content_type="multipart/form-data")
        assert r.status_code == 400
        said = _said(r)
        assert cause in said and hint in said, said
        assert wrong not in said
        assert "alias" not in said


def test_the_command_lines_hint_for_nesting_and_for_aliases() -> None:
    diags = Collector()
    assert parse_yaml(DEEP, "deep.yaml", diags) is None
    [d] = diags.items
    # line 2: the top mapping is level 1, so the 200th « [ » is level 201, at column
    # 10 + 199 = 209 (« answers: » is 9 characters)
    assert (d.code, str(d.message), d.location.line, d.location.column) == (
        "yaml-too-complex", "nesting deeper than 200", 2, 209)
    assert d.effective_hint == ("Write the lists and mappings flatter: at most 200 levels of "
                                  "indentation or brackets.")
    bomb = "a: &a [x]\n" + "".join(f"b{i}: *a\n" for i in range(201))
    diags = Collector()
    assert parse_yaml(bomb, "bomb.yaml", diags) is None
    [d] = diags.items
    assert str(d.message) == "more than 200 aliases"
    assert d.effective_hint == "Write the content out instead of using anchors and aliases."
