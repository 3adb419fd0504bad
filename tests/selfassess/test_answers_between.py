"""A number between two levels of a scale: read once (grid.scales.parse_value, which knows
the scale's values and says the two around it), and an answers file's message names those
two, on a scale of half points as on one with gaps."""

from __future__ import annotations

from pathlib import Path

from isgrid.grid.load import load_grid
from isgrid.grid.model import Level, Scale
from isgrid.grid.scales import parse_value
from isgrid.messages import translate_message
from isgrid.selfassess.answers import load_answers_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "grids" / "mini-scored.yaml"

#: 0 … 4 with half steps: the values 0, 0,5, 1, … 4
HALVES = Scale(levels=[Level(value=v, label=f"n{v}") for v in range(5)], half_steps=True)
#: 0, 2, 5: gaps, no half steps
GAPS = Scale(levels=[Level(value=0, label="nul"), Level(value=2, label="moyen"),
                     Level(value=5, label="fort")])


def test_the_reading_of_a_number_says_the_two_values_around_it() -> None:
    assert parse_value("2,25", HALVES).between == (2.0, 2.5)
    assert parse_value(3.75, HALVES).between == (3.5, 4.0)
    assert parse_value("3", GAPS).between == (2.0, 5.0)
    one = parse_value(1, GAPS)  # halfway between 0 and 2: a half step, still between them
    assert one.error is not None and one.between == (0.0, 2.0)
    for outside in ("7", "-1", 4.5):
        assert parse_value(outside, HALVES).between is None
    assert parse_value("2,5", HALVES) == parse_value(2.5, HALVES)
    assert parse_value("2,5", HALVES).value == 2.5 and parse_value("2,5", HALVES).between is None
    assert parse_value("moyen", GAPS).between is None  # a label, not a number


def _grid(tmp_path: Path, gaps: bool):  # type: ignore[no-untyped-def]
    text = FIXTURE.read_text(encoding="utf-8")
    if gaps:
        text = text.replace(
            "      - {value: 0, label: Insuffisant}\n      - {value: 1, label: Faible}\n"
            "      - {value: 2, label: Moyen}\n      - {value: 3, label: Bon}\n"
            "      - {value: 4, label: Excellent}\n    half_steps: true\n",
            "      - {value: 0, label: Insuffisant}\n      - {value: 2, label: Moyen}\n"
            "      - {value: 5, label: Excellent}\n")
        assert "value: 5, label: Excellent" in text
    path = tmp_path / "grid.yaml"
    path.write_text(text, encoding="utf-8")
    return load_grid(path).grid


def _said(text: str, grid) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    answers, diags = load_answers_text(text, grid)
    assert answers == {}
    (d,) = diags.errors
    assert d.code == "value-out-of-scale"
    return (translate_message(d.message, "fr").replace("\u00a0", " ").replace("\u202f", " "),
            translate_message(d.message, "en"))


def test_half_points_name_the_half_steps_around(tmp_path: Path) -> None:
    grid = _grid(tmp_path, gaps=False)
    fr, en = _said("B1: 2,25\n", grid)
    assert fr == ("B1 : « 2,25 » tombe entre deux niveaux de l'échelle (0 ; 0,5 ; 1 ; 1,5 ; 2 ; "
                  "2,5 ; 3 ; 3,5 ; 4) : écrivez 2 ou 2,5")
    assert en == ("B1: “2,25” lies between two levels of the scale (0, 0.5, 1, 1.5, 2, 2.5, 3, "
                  "3.5, 4): write 2 or 2.5")
    fr, _ = _said("B1: 3.75\n", grid)  # a YAML number, as typed
    assert fr.endswith(": écrivez 3,5 ou 4")
    fr, _ = _said("B1: 9\n", grid)  # beyond the scale: no two to choose from
    assert fr == "B1 : 9 n'est pas une valeur de l'échelle (0 ; 0,5 ; 1 ; 1,5 ; 2 ; 2,5 ; 3 ; 3,5 ; 4)"


def test_a_scale_with_gaps_names_the_levels_around(tmp_path: Path) -> None:
    grid = _grid(tmp_path, gaps=True)
    fr, en = _said("B1: 3\n", grid)
    assert fr == "B1 : « 3 » tombe entre deux niveaux de l'échelle (0 ; 2 ; 5) : écrivez 2 ou 5"
    assert en == "B1: “3” lies between two levels of the scale (0, 2, 5): write 2 or 5"
    # halfway between 0 and 2: the two levels, never the grid's half-step setting
    fr, en = _said("B1: 1\n", grid)
    assert fr == "B1 : « 1 » tombe entre deux niveaux de l'échelle (0 ; 2 ; 5) : écrivez 0 ou 2"
    assert "half_steps" not in en and "call.yaml" not in en
