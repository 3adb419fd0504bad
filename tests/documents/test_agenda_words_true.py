"""The agenda's words say what its own rule decided (a secretariat's review, séance s9).

* « proche de la ligne de financement » only within the agenda's closeness, tau = 5 points
  (``TAU_POINTS``); the two dossiers the line is drawn between, farther than that, are listed
  with their distance and their side, never said near (« proche … (8,3 points) » read wrong
  on a 100-point total);
* the dossiers left off are after the first ones by the agenda's order, not « with less
  disagreement » (the order weighs the closeness to the line too), and the sentence says
  where to find them.

alsace-2016 (docs/reports.md): AL16-02 77.38 = 1625/21 (rank 2, funded), AL16-05 (rank 3,
to check), AL16-03 60.71 = 1275/21 (rank 4): the line before rank 4 at their midpoint
1450/21 = 69.05, each 175/21 = 8.33 points from it; AL16-07 (not ranked: a floor)
71.43 = 1500/21, 50/21 = 2.38 points from it; AL16-04 at a floor's edge.
"""

from __future__ import annotations

import re

import pytest

from isgrid.call.load import load_call
from isgrid.documents.agenda import TAU_POINTS
from isgrid.documents.build import build_context
from isgrid.documents.output import render_context
from isgrid.engine import score
from testpaths import EXAMPLES

NB = "\u00a0"


@pytest.fixture(scope="module")
def alsace():  # type: ignore[no-untyped-def]
    call = load_call(EXAMPLES / "alsace-2016")
    return call, score(call)


def test_near_only_within_the_agendas_closeness(alsace) -> None:  # type: ignore[no-untyped-def]
    call, result = alsace
    assert 175 / 21 > TAU_POINTS > 50 / 21
    ctx = build_context(call, result, "committee", "interne", "fr")
    why = {a.id: a.why for a in ctx.agenda}
    assert why["AL16-02"][0] == ("à 8,3 points de la ligne de financement, le dernier "
                                 "dossier financé au-dessus d'elle")
    assert why["AL16-03"] == ["à 8,3 points de la ligne de financement, le premier dossier "
                              "classé sous elle"]
    assert why["AL16-07"] == ["proche de la ligne de financement (2,4 points)"]
    assert not any("proche de la ligne" in w and "8,3" in w for ws in why.values() for w in ws)
    # what « proche » means is said under the agenda's help, from the same tau
    assert ctx.agenda_line is not None
    assert ctx.agenda_line.endswith(f"Proche de la ligne{NB}: à 5,0 points au plus.")


def test_near_only_within_the_agendas_closeness_in_english(alsace) -> None:  # type: ignore[no-untyped-def]
    call, result = alsace
    ctx = build_context(call, result, "committee", "interne", "en")
    why = {a.id: a.why for a in ctx.agenda}
    assert why["AL16-02"][0] == ("8.3 points from the funding line, the last dossier funded "
                                 "above it")
    assert why["AL16-03"] == ["8.3 points from the funding line, the first ranked dossier "
                              "below it"]
    assert why["AL16-07"] == ["near the funding line (2.4 points)"]
    assert ctx.agenda_line is not None
    assert ctx.agenda_line.endswith("Near the line: at most 5.0 points from it.")


def _more(text: str) -> str:
    return next(line for line in text.splitlines() if "section 4" in line and "4." not in line)


def test_the_dossiers_left_off_come_after_by_the_agendas_order(alsace) -> None:  # type: ignore[no-untyped-def]
    call, result = alsace
    # four on the agenda (AL16-07, AL16-02, AL16-03, AL16-04): two shown, two left off
    ctx = build_context(call, result, "committee", "interne", "fr", agenda_size=2)
    assert len(ctx.agenda) == 2 and ctx.agenda_more == 2
    text = render_context(ctx, "md").decode("utf-8")
    assert "désaccord moindre" not in text
    assert _more(text) == (
        "2 autres dossiers dont la discussion peut changer le sort viennent après, dans cet "
        f"ordre (plus loin de la ligne ou moins disputés){NB}: voir le classement (section 4).")
    # the ranking is section 4 indeed
    assert re.search(r"^## 4\. Classement", text, re.M)
    ctx = build_context(call, result, "committee", "interne", "en", agenda_size=2)
    text = render_context(ctx, "md").decode("utf-8")
    assert _more(text) == (
        "2 other dossiers whose outcome discussion can change come after, by this order "
        "(farther from the line or less disputed): see the ranking (section 4).")
    assert re.search(r"^## 4\. Ranking", text, re.M)
