"""A member's own séance view says whose it is in its title and under its heading, the
first things a screen reader speaks (RGAA 8.6: the projected page and every member's had
the same title), with French elision: « Vue d'Anne Roussel », « Vue de M. Petit »."""

from __future__ import annotations

import html
import re
from pathlib import Path

from decisions_calls import seance_call
from isgrid.web.watch import watch

ASSESSORS = [{"id": "j1", "name": "Anne Roussel"}, {"id": "j2", "name": "M. Petit"}]


def title(page: str) -> str:
    found = re.search(r"<title>([^<]*)</title>", page)
    assert found is not None
    return html.unescape(found.group(1))


def test_each_view_is_titled_with_its_member(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"assessors": ASSESSORS})
    out = tmp_path / "seance"
    assert watch(folder, out, once=True) == 1
    call = "AAP Innovation sociale 2026 (test)"
    pages = {p.name: html.unescape(p.read_text(encoding="utf-8")) for p in out.glob("*.html")}
    assert title(pages["index.html"]) == f"Tableau de bord de séance · {call}"
    assert title(pages["membre-j1.html"]) == f"Vue d'Anne Roussel · Tableau de bord de séance · {call}"
    assert title(pages["membre-j2.html"]) == f"Vue de M. Petit · Tableau de bord de séance · {call}"
    # right under the heading
    assert re.search(r"<h1>Tableau de bord de séance</h1>\n<p class=\"badge\" id=\"whose\">"
                     r"Vue d'Anne Roussel</p>", pages["membre-j1.html"])
    assert 'id="whose"' not in pages["index.html"]


def test_in_english(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"assessors": ASSESSORS, "lang": "en"})
    out = tmp_path / "seance"
    assert watch(folder, out, once=True) == 1
    page = (out / "member-j1.html").read_text(encoding="utf-8")
    assert title(page).startswith("View of Anne Roussel · Meeting dashboard · ")


def test_the_reload_is_said_in_words(tmp_path: Path) -> None:
    """« toutes les 1 s » (review-web 9): « chaque seconde », else « toutes les 5 secondes »."""
    folder = seance_call(tmp_path, call={"assessors": ASSESSORS})
    for every, said, member in (
            (1, "Cette page se recharge chaque seconde.",
             "Cette page se recharge chaque seconde\u00a0: arrêtez le rechargement"),
            (5, "Cette page se recharge toutes les 5 secondes.",
             "Cette page se recharge toutes les 5 secondes\u00a0: arrêtez le rechargement")):
        out = tmp_path / f"seance{every}"
        assert watch(folder, out, once=True, refresh=every) == 1
        projected = html.unescape((out / "index.html").read_text(encoding="utf-8"))
        assert said in projected and " s." not in projected.split("recharge")[1][:30]
        own = html.unescape((out / "membre-j1.html").read_text(encoding="utf-8"))
        assert member in own
        # the catalogs' one apostrophe, the straight one (tests/cli/test_small_messages_fr.py)
        assert "Reste de l'enveloppe" in projected and "\u2019" not in projected
