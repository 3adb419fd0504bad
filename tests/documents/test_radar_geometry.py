"""One radar geometry and one rounding for the fiches' radar (documents/svg.py) and the
self-assessment's (selfassess/assess.py): the two drew their axes each their own way and
rounded their coordinates differently (``half_up(x, 1)`` and ``round(x, 2)``), two places
to forget (review s12 F7). The values below are worked out by hand."""

from __future__ import annotations

from isgrid.documents import svg, text
from isgrid.documents.svg import points, radar_point
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess
from testpaths import FIXTURES


def test_the_first_axis_points_up_and_the_next_ones_turn_clockwise() -> None:
    # 4 axes around (100, 100), radius 50: up, right, down, left (SVG's y grows downwards)
    assert radar_point(0, 4, 1.0, 100, 100, 50) == (100.0, 50.0)
    assert radar_point(1, 4, 1.0, 100, 100, 50) == (150.0, 100.0)
    assert radar_point(2, 4, 0.5, 100, 100, 50) == (100.0, 125.0)
    assert radar_point(3, 4, 1.0, 100, 100, 50) == (50.0, 100.0)
    # 12 axes, radius 132 around (160, 160): axis 1 at 60° from the vertical,
    # x = 160 + 132 × 0.5 = 226, y = 160 − 132 × 0.866025… = 45.682… → 45.7
    assert radar_point(1, 12, 1.0, 160, 160, 132) == (226.0, 45.7)


def test_coordinates_are_rounded_half_up_to_a_tenth() -> None:
    # 0.25 to a tenth: 0.3 half up (round(0.25, 1) is 0.2, half to even)
    assert radar_point(1, 4, 1.0, 0, 0, 0.25) == (0.3, 0.0)
    assert points([(0.25, 1.0), (2.0, 3.45)]) == "0.3,1.0 2.0,3.5"


def test_the_self_assessment_radar_is_drawn_by_the_same_geometry() -> None:
    g = load_grid(FIXTURES / "selfassess" / "sa-profile.yaml")
    res = assess(g, {"m1": Answer(0.0, False, None), "m2": Answer(1.0, False, None),
                     "m3": Answer(2.0, False, None), "m4": Answer(3.0, False, None)})
    assert res.radar is not None
    # size 320: centre (160, 160), radius 160 − 28 = 132; scale 0..3, 4 axes
    # m1 0 → the centre; m2 1/3 on the right axis: 160 + 44; m3 2/3 down: 160 + 88;
    # m4 3 on the left axis: 160 − 132
    assert res.radar["polygon"] == "160.0,160.0 204.0,160.0 160.0,248.0 28.0,160.0"
    m2 = res.radar["points"][1]
    assert (m2["axis_x"], m2["axis_y"], m2["label_x"], m2["label_y"]) == (
        292.0, 160.0, 306.0, 160.0)  # the axis' end at 132, its number at 132 + 14


def test_one_cut() -> None:
    assert svg.cut is text.cut
    assert not hasattr(svg, "_cut")
    assert text.cut("Utilité sociale", 8) == "Utilité…"
    assert text.cut("Utilité", 8) == "Utilité"
