"""The score table's « Retenus » and « Réserve » lines: a list longer than the line shows
the whole ids that fit and how many more (it was cut inside an id: « Retenus : …, G26-1… »,
and the reader could not tell how many dossiers the list holds)."""

from __future__ import annotations

from isgrid.documents.score_outputs import _ids_line
from isgrid.i18n import translator


def test_a_short_list_is_said_whole() -> None:
    said = translator("report", "fr")
    assert _ids_line(said, "score.selected", ["AL16-01", "AL16-02"], "fr", 80) == \
        "Retenus\u00a0: AL16-01, AL16-02"
    assert _ids_line(said, "score.selected", [], "fr", 80) == "Retenus\u00a0: -"


def test_a_long_list_shows_whole_ids_and_how_many_more() -> None:
    ids = [f"G26-{k:02d}" for k in range(1, 18)]  # 17 ids of 6 characters
    fr = _ids_line(translator("report", "fr"), "score.selected", ids, "fr", 80)
    # « Retenus : » is 10 characters; each id 6, each « , » 2; 8 ids (8 x 6 + 7 x 2 = 62)
    # and « , … et 9 autres » (15): 87 > 80; 7 ids (54) and « , … et 10 autres » (16): 80
    assert fr == "Retenus\u00a0: " + ", ".join(ids[:7]) + ", … et 10 autres"
    assert len(fr) == 80
    en = _ids_line(translator("report", "en"), "score.reserve", ids[:12], "en", 40)
    # « Reserve: » 9; 3 ids (3 x 6 + 2 x 2 = 22) and « , … and 9 more » (14): 45 > 40;
    # 2 ids (14) and « , … and 10 more » (15): 38
    assert en == "Reserve: G26-01, G26-02, … and 10 more"


def test_one_more_is_singular_in_french() -> None:
    ids = ["AAAAAAAAAA", "BBBBBBBBBB"]
    said = translator("report", "fr")
    assert _ids_line(said, "score.selected", ids, "fr", 30) == \
        "Retenus\u00a0: AAAAAAAAAA, … et 1 autre"
    # a single id longer than the line is still said, never cut
    assert _ids_line(said, "score.selected", ["X" * 90, "Y"], "fr", 20) == \
        "Retenus\u00a0: " + "X" * 90 + ", … et 1 autre"
