"""The audit log page shows every row, a page at a time, and says which of how many.

Before, ``/admin/audit`` showed the newest 200 rows and said nothing of a limit: a juror
sending 1 500 forbidden requests (each refused, each a row) pushed the revocation, the
sign-ins and the drafts before them off the page.  Now refusals of one person in a row are
one row that counts them, the page says « Les 200 plus récentes sur N », links to the
older ones and filters by person and action.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from test_workspace_app import signed_in
from test_workspace_deport import Clock

from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

NB, NNB = "\u00a0", "\u202f"


def rows_of(page: str) -> list[list[str]]:
    body = re.search(r'<table id="audit">(.*?)</table>', page, re.S)
    assert body is not None, page
    return [[html.unescape(re.sub(r"(<[^>]+>)+", "|", td)).strip("|")
             for td in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)[1:]]


def count_line(page: str) -> str:
    found = re.search(r'<p id="audit-count" role="status">(.*?)</p>', page, re.S)
    assert found is not None, page
    return html.unescape(found.group(1))


def test_a_thousand_refusals_are_one_row_and_push_nothing_out(tmp_path: Path,
                                                              db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    clock = Clock(1925112600.0)  # 02/01/2031 09:30 UTC, 10:30 in Paris
    ws = Workspace(folder, db, clock=clock)
    sec = signed_in(ws, None)
    j1 = signed_in(ws, "j1")
    ws.revoke("j3")  # a row the refusals must not push away
    for k in range(1500):  # one every 0.2 s: 299.8 s from the first to the last
        assert j1.get(f"/admin/held/AAAA{k}").status_code == 403
        clock.now += 0.2
    page = sec.get("/admin/audit").get_data(as_text=True)
    rows = rows_of(page)
    refused = [r for r in rows if r[2] == "accès refusé"]
    assert len(refused) == 1
    # 10:30:00 in Paris to 10:34:59.8 (1 499 × 0.2 s later), said to the minute
    assert refused[0][1] == "Hélène Schaeffer (j1)" and refused[0][3] == "/admin/held/AAAA0"
    assert refused[0][4] == (f"1{NNB}500 accès refusés à la suite, entre le 2 janvier 2031 à "
                             f"10{NB}h{NB}30 et le 2 janvier 2031 à 10{NB}h{NB}34|"
                             f"Dernière adresse demandée{NB}: /admin/held/AAAA1499")
    assert any(r[2] == "liens révoqués" for r in rows)
    assert count_line(page) == f"Toutes les {len(rows)} entrées."
    # ten minutes without a refusal: the next one starts a row of its own
    clock.now += 600
    assert j1.get("/admin").status_code == 403
    refused = [a for a in ws.audit_log(action="refused")]
    assert [a.target for a in refused] == ["/admin", "/admin/held/AAAA0"]
    assert refused[0].after == ""
    assert json.loads(refused[1].after)["count"] == 1500
    # something else of j1's between two refusals: two rows
    crits = [c.id for c in ws.criteria_of("j1")]
    ws.save("j1", "AL16-02", Entry(values={crits[0]: "3"}))
    assert j1.get("/admin").status_code == 403
    assert len(ws.audit_log(action="refused")) == 3


def test_the_page_says_which_rows_of_how_many_and_pages_through_all(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock(1925112600.0))
    sec = signed_in(ws, None)
    crits = [c.id for c in ws.criteria_of("j1")]
    for k in range(450):  # 450 drafts: each save is a row
        value = str(k % 4 + 1)
        assert ws.save("j1", "AL16-02", Entry(values={crits[0]: value})).problems == {}
    total = len(ws.audit_log(limit=10_000))
    drafts = len(ws.audit_log(limit=10_000, action="draft"))
    assert total > drafts >= 450
    first = sec.get("/admin/audit").get_data(as_text=True)
    assert len(rows_of(first)) == 200
    assert count_line(first) == f"Les 200 plus récentes sur {total}."
    older = re.search(r'<a href="([^"]+)" id="audit-older">', first)
    assert older is not None and 'id="audit-newest"' not in first
    second = sec.get(html.unescape(older.group(1))).get_data(as_text=True)
    assert count_line(second) == (
        f"Entrées 201 à 400 sur {total}, des plus récentes aux plus anciennes.")
    assert 'id="audit-newest"' in second
    # every row once, page after page, down to the first one (the sign-in link)
    shown = len(rows_of(first))
    page = second
    while True:
        shown += len(rows_of(page))
        link = re.search(r'<a href="([^"]+)" id="audit-older">', page)
        if link is None:
            break
        page = sec.get(html.unescape(link.group(1))).get_data(as_text=True)
    assert shown == total
    # one action of one person: the drafts of j1 only
    only = sec.get("/admin/audit?who=j1&what=draft").get_data(as_text=True)
    assert count_line(only) == f"Les 200 plus récentes sur {drafts}."
    assert {r[2] for r in rows_of(only)} == {"brouillon enregistré"}
    assert '<option value="j1" selected>Hélène Schaeffer (j1)</option>' in only
    nxt = re.search(r'<a href="([^"]+)" id="audit-older">', only)
    assert nxt is not None and "who=j1" in nxt.group(1) and "what=draft" in nxt.group(1)
    # a filter on something the log does not hold: ignored, every row
    odd = sec.get("/admin/audit?who=nobody&before=abc").get_data(as_text=True)
    assert count_line(odd) == f"Les 200 plus récentes sur {total}."
    english = sec.get("/admin/audit?lang=en").get_data(as_text=True)
    assert count_line(english) == f"The 200 newest of {total:,}."


def test_the_language_link_keeps_the_filters_and_the_page(tmp_path: Path,
                                                          db: str | None) -> None:
    """The page's FR/EN link led to ``/admin/audit?lang=en``: every row of everyone, the
    filters chosen and the page reached lost.  It is now the same rows in the other
    language: j1's drafts (three saves: three rows), from the same row on."""
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock(1925112600.0))
    sec = signed_in(ws, None)
    crits = [c.id for c in ws.criteria_of("j1")]
    for value in ("1", "2", "3"):
        assert ws.save("j1", "AL16-02", Entry(values={crits[0]: value})).problems == {}
    drafts = ws.audit_log(limit=10_000, action="draft", actor="j1")
    assert len(drafts) == 3
    before = drafts[0].id  # the newest draft: the page from the next one on, two rows
    page = sec.get(f"/admin/audit?who=j1&what=draft&before={before}").get_data(as_text=True)
    assert len(rows_of(page)) == 2
    link = re.search(r'<a href="([^"]+)" lang="en">', page)
    assert link is not None, page
    url = html.unescape(link.group(1))
    assert url.startswith("/admin/audit?")
    assert {"who=j1", "what=draft", f"before={before}", "lang=en"} <= set(
        url.split("?", 1)[1].split("&")), url
    english = sec.get(url).get_data(as_text=True)
    assert count_line(english) == "Entries 2 to 3 of 3, newest first."
    assert {r[2] for r in rows_of(english)} == {"draft saved"}
    assert '<option value="j1" selected>' in english
    # and back: the French page's link keeps them too
    back = re.search(r'<a href="([^"]+)" lang="fr">', english)
    assert back is not None and "what=draft" in html.unescape(back.group(1))
