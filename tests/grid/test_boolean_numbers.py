"""true and false are no numbers: a grid's weight, floor or threshold, a call's budget,
reserve or quorum written ``true`` is refused where it is written.

Found by a review: pydantic's lax mode reads ``weight: true`` as 1 and ``false`` as 0, so
``weight: true`` in a grid, or a call's ``set: sections.X.weight: true``, was accepted as
weight 1.  The rule is the grid's number types (:data:`isgrid.grid.model.Number`,
``Integer``, ``Real``), which call.yaml's models use too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from callfactory import FIXTURE_GRIDS, make_call
from isgrid.call.load import load_call
from isgrid.errors import IsgridError

MINI = (FIXTURE_GRIDS / "mini-scored.yaml").read_text(encoding="utf-8")
DOSSIER = {"id": "D1", "region": "Alsace", "partners": [
    {"name": "Labo", "type": "recherche"}, {"name": "Ville", "type": "collectivite"}]}
HINT = "Write the number itself ({key}: 1, not {key}: true): true and false are not read as " \
    "numbers."


def _errors(folder: Path) -> list[tuple[str, str, int | None, int | None, str, str]]:
    with pytest.raises(IsgridError) as caught:
        load_call(folder)
    return [(d.code, Path(d.location.file or "").name, d.location.line, d.location.column,
             str(d.message), str(d.effective_hint))
            for d in caught.value.diagnostics if d.severity == "error"]


def _call(tmp_path: Path, grid: str = "mini-scored", **call: Any) -> Path:
    return make_call(tmp_path, grid, call=call, dossiers=[DOSSIER],
                     ratings=[("D1", "j1", "B1", 3)])


@pytest.mark.parametrize(("written", "column", "key"), [
    # mini-scored.yaml line 52: « - {id: B1, label: Besoin social, scale: s04, weight: 2,
    # floor: 2, … »: the weight's value at column 60, the floor's at 70
    ("weight: true, floor: 2", 60, "weight"),
    ("weight: 2, floor: false", 70, "floor"),
])
def test_a_criterion_number_in_the_grid(tmp_path: Path, written: str, column: int,
                                        key: str) -> None:
    grid = MINI.replace("weight: 2, floor: 2", written, 1)
    assert grid != MINI
    value = "false" if key == "floor" else "true"
    assert _errors(_call(tmp_path, grid)) == [(
        "schema-invalid", "grid.yaml", 52, column,
        f"a number is expected here (got {value})",
        HINT.format(key=key).replace("true):", f"{value}):"))]


def test_the_threshold(tmp_path: Path) -> None:
    """``threshold: 50`` is line 7, its value at column 12."""
    grid = MINI.replace("threshold: 50\n", "threshold: true\n", 1)
    assert _errors(_call(tmp_path, grid)) == [(
        "schema-invalid", "grid.yaml", 7, 12, "a number is expected here (got true)",
        HINT.format(key="threshold"))]


def test_a_calls_set_is_said_at_its_entry(tmp_path: Path) -> None:
    """call.yaml as make_call writes it: title (1), grid (2), « set: » (3), then
    « ··sections.besoin.weight: true »: its value at column 3 + 24 = 27 of line 4."""
    folder = _call(tmp_path, set={"sections.besoin.weight": True})
    assert _errors(folder) == [(
        "schema-invalid", "call.yaml", 4, 27, "a number is expected here (got true)",
        HINT.format(key="weight"))]


@pytest.mark.parametrize(("call", "line", "column", "what", "hint"), [
    # « budget: true » on line 3 (after title and grid), the value at column 9
    ({"budget": True}, 3, 9, "a number",
     "budget: an integer or a number >= 0, optional. Write a number: 150000 or 150 000."),
    # « selection: » line 3, « ··reserve: true » line 4, the value at column 12
    ({"selection": {"reserve": True}}, 4, 12, "an integer",
     "reserve: an integer >= 0, default 0 (How many dossiers on the reserve list). See "
     "docs/calls.md."),
    ({"funding": {"cap": True}}, 4, 8, "a number",
     "cap: an integer or a number > 0, optional (Maximum amount per dossier). Write a "
     "number: 150000 or 150 000."),
    ({"min_ratings": False}, 3, 14, "an integer",
     "min_ratings: an integer >= 1, optional. See docs/calls.md."),
])
def test_a_number_of_call_yaml(tmp_path: Path, call: dict[str, Any], line: int, column: int,
                               what: str, hint: str) -> None:
    got = "false" if "min_ratings" in call else "true"
    [(code, file, at_line, at_column, message, said_hint)] = _errors(_call(tmp_path, **call))
    assert (code, file, at_line, at_column) == ("call-invalid", "call.yaml", line, column)
    assert message.endswith(f"{what} is expected here (got {got})"), message
    assert said_hint == hint


def test_a_block_number(tmp_path: Path) -> None:
    """A number of a call.yaml block (meeting.quorum): the same rule."""
    folder = _call(tmp_path, meeting={"quorum": True})
    [(code, file, line, _, message, _)] = _errors(folder)
    assert (code, file, line) == ("call-invalid", "call.yaml", 4)
    assert "an integer is expected here (got true)" in message, message


def test_numbers_as_users_write_them_still_read(tmp_path: Path) -> None:
    """Ints where a float is expected, and call.yaml's French amounts: ``150 000``,
    ``"30 000 €"``, ``50 %`` (:func:`isgrid.call.config.read_config`)."""
    folder = _call(tmp_path, budget="150 000", funding={"rate": "50 %", "cap": "30 000 €"},
                   sensitivity={"margin": 5}, selection={"reserve": 2})
    config = load_call(folder).config
    assert (config.budget, config.funding.rate, config.funding.cap) == (150000, 0.5, 30000)
    assert config.selection.reserve == 2
    assert config.sensitivity is not None and config.sensitivity.margin == 5.0


def test_french(tmp_path: Path) -> None:
    """The message and the hint in French."""
    grid = MINI.replace("threshold: 50\n", "threshold: true\n", 1)
    with pytest.raises(IsgridError) as caught:
        load_call(_call(tmp_path, grid))
    [d] = [d for d in caught.value.diagnostics if d.severity == "error"]
    text = d.format("fr")
    assert "un nombre est attendu ici (true trouvé) [schema-invalid]" in text, text
    assert ("Écrivez le nombre lui-même (threshold: 1, et non threshold: true)\u00a0: true et "
            "false ne sont pas lus comme des nombres.") in text, text


def test_a_consensus_value(tmp_path: Path) -> None:
    """A consensus value is a number or a level's label: ``value: true`` was read as 1
    (« Faible » on B1's scale).  « consensus: » line 3, « - dossier: D1 » line 4,
    « ··criterion: B1 » line 5, « ··value: true » line 6: its value at column 10."""
    folder = _call(tmp_path, consensus=[
        {"dossier": "D1", "criterion": "B1", "value": True, "reason": "accord"}])
    assert _errors(folder) == [(
        "call-invalid", "call.yaml", 6, 10, "a number is expected here (got true)",
        "value: a number or a text, required. See docs/calls.md.")]
