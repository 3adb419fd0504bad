"""What the jury workspace says, as its readers read it (Flask test client, SQLite and
PostgreSQL): the audit log in words (actions, actors, ratings with their level's label, no
JSON), times in the call's time zone and in words (« 5 décembre 2026 à 22 h 19 »; the
deadline typed in that zone, stored as the moment it is), the dossier's facts formatted by
their declared type (« 24 000 € », « 27 mai 2016 »)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from test_workspace_app import signed_in
from test_workspace_deport import Clock

from isgrid.workspace.store import Workspace
from workspacecalls import alsace

NB, NNB = "\u00a0", "\u202f"


def cells(page: str, table: str) -> list[list[str]]:
    """The rows of the table ``id=table``, each cell's text (its list items joined by |)."""
    body = re.search(rf'<table id="{table}">(.*?)</table>', page, re.S)
    assert body is not None, page
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)[1:]:
        tds = re.findall(r"<td>(.*?)</td>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", td.replace("</li><li>", "|")))
                     for td in tds])
    return rows


def test_the_audit_log_says_who_did_what_in_words(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    juror, sec = signed_in(ws, "j1"), signed_in(ws, None)
    form = {"action": "save", "v:ALS-2": "3", "c:ALS-2": "Bien ancré",
            "opinion": "favorable", "amount": "12000"}
    assert juror.post("/dossier/AL16-02", data=form).status_code == 303
    assert juror.post("/dossier/AL16-02", data={
        **form, "v:ALS-2": "1", "s:ALS-2": "oui", "amount": "12 500,5"}).status_code == 303
    assert juror.post("/submit", data={"confirmed": "yes"}).status_code == 303
    assert sec.post("/admin/reopen/j1").status_code == 303

    rows = cells(sec.get("/admin/audit").get_data(as_text=True), "audit")
    # newest first; 1 800 000 000 s is 15 January 2027 at 09:00 in Paris (test_workspace_deport)
    when = f"15 janvier 2027 à 9{NB}h{NB}00"
    assert rows[0] == [when, "Secrétariat", "grille rouverte", "Hélène Schaeffer (j1)",
                       f"État{NB}: soumise{NB}→{NB}rouverte (sa soumission précédente compte "
                       "jusqu'à la prochaine)"]
    assert rows[1][1:4] == ["Hélène Schaeffer (j1)", "grille soumise", "Hélène Schaeffer (j1)"]
    assert rows[1][4].startswith(f"État{NB}: en cours{NB}→{NB}soumise|Dossiers incomplets{NB}: ")
    # the second save: the value with the level's label (the grid's words), the box, the
    # amount in euros; what did not change is not said
    assert rows[2] == [when, "Hélène Schaeffer (j1)", "brouillon enregistré", "AL16-02",
                       f"ALS-2{NB}: 3 (Bon){NB}→{NB}1 (Faible)"
                       f"|ALS-2, à transmettre au porteur{NB}: non{NB}→{NB}oui"
                       f"|Montant proposé{NB}: 12{NNB}000{NNB}€{NB}→{NB}12{NNB}500,50{NNB}€"]
    assert rows[3][4] == (f"ALS-2{NB}: (vide){NB}→{NB}3 (Bon)"
                          f"|ALS-2, commentaire{NB}: (vide){NB}→{NB}«{NB}Bien ancré{NB}»"
                          f"|Avis global{NB}: (vide){NB}→{NB}Favorable"
                          f"|Montant proposé{NB}: (vide){NB}→{NB}12{NNB}000{NNB}€")
    # the secretariat's link is in the log too, as the jurors' invitations are
    assert [r[2] for r in rows[4:8]] == ["connexion", "lien de connexion du secrétariat délivré",
                                         "connexion", "invitation (nouveau lien personnel)"]
    # each juror taken at the start (none has a file in ratings/ here)
    assert rows[-1] == [when, "Secrétariat", "reprise des fichiers de l'appel",
                        "Hélène Schaeffer (j1)", f"État{NB}: en cours|Notes reprises{NB}: 0"]
    assert rows[7][4] == f"Lien valable jusqu'au{NB}: 14 février 2027 à 9{NB}h{NB}00"
    # 12 hours from 9:00: 21:00
    assert rows[5][4] == f"Lien valable jusqu'au{NB}: 15 janvier 2027 à 21{NB}h{NB}00"
    table = sec.get("/admin/audit").get_data(as_text=True).split('<table id="audit">')[1]
    table = table.split("</table>")[0]
    assert "{" not in table and "secretariat" not in table and "draft" not in table

    en = cells(sec.get("/admin/audit?lang=en").get_data(as_text=True), "audit")
    assert en[0] == ["15 January 2027 at 09:00", "Secretariat", "sheet reopened",
                     "Hélène Schaeffer (j1)",
                     f"Status: submitted{NB}→{NB}reopened (the previous submission counts "
                     "until the next one)"]
    assert en[2][4] == (f"ALS-2: 3 (Bon){NB}→{NB}1 (Faible)"
                        f"|ALS-2, share with the applicant: no{NB}→{NB}yes"
                        f"|Proposed amount: €12,000{NB}→{NB}€12,500.50")


def test_times_are_said_in_the_calls_time_zone(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder, db, clock=Clock())
    sec, juror = signed_in(ws, None), signed_in(ws, "j1")
    # typed in Paris time: 2031-01-02 10:30 there is 09:30 UTC, 1 925 112 600 s
    # (test_workspace_app: 22 281 days × 86 400 s + 9.5 h × 3 600 s)
    assert sec.post("/admin/scoring", data={"scoring": "open",
                                            "deadline": "02/01/2031 10:30"}).status_code == 303
    assert ws.state() == (True, 1925112600.0)
    admin = sec.get("/admin").get_data(as_text=True)
    assert f"Date limite{NB}: 2 janvier 2031 à 10{NB}h{NB}30" in admin
    assert 'name="deadline" value="02/01/2031 10:30"' in admin  # as typed, in Paris time
    assert "fuseau Europe/Paris" in admin and "UTC" not in admin
    home = juror.get("/").get_data(as_text=True)
    assert f"Date limite{NB}: 2 janvier 2031 à 10{NB}h{NB}30" in home
    assert "Deadline: 2 January 2031 at 10:30" in juror.get("/?lang=en").get_data(as_text=True)
    # the ISO form is read as well; a summer date is UTC+2: 2031-07-01 00:05 in Paris is
    # 2031-06-30 22:05 UTC = 1 925 112 600 + 179 days × 86 400 + 12 h 35 min
    assert sec.post("/admin/scoring", data={"scoring": "open",
                                            "deadline": "2031-07-01 00:05"}).status_code == 303
    assert ws.state() == (True, 1925112600.0 + 179 * 86400 + 12 * 3600 + 35 * 60)
    assert "1er juillet 2031 à 0\u00a0h\u00a005" in sec.get("/admin").get_data(as_text=True)
    bad = sec.post("/admin/scoring", data={"scoring": "open", "deadline": "demain"})
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    # the dashboard again, the field holding what was typed, its problem under its label
    assert ('<p class="err" role="alert" id="deadline-problem">Date limite illisible'
            f"{NB}: tapez-la JJ/MM/AAAA HH:MM (par exemple 05/12/2026 18:00 ou 05/12/2026 "
            "18h00), heure du fuseau Europe/Paris. Rien n&#39;a été changé.</p>") in page
    assert 'name="deadline" value="demain"' in page and "Retour à mes dossiers" not in page
    assert ws.state()[1] == 1925112600.0 + 179 * 86400 + 12 * 3600 + 35 * 60  # unchanged
    # the French ways of writing an hour (as the workspace writes it: « 18 h 00 »): read;
    # 15/12/2030 18:00 in Paris (UTC+1) is 17:00 UTC: 1 925 112 600 (02/01/2031 09:30
    # UTC) less 17 days and 16 h 30 min (15/12 17:00 + 17 days = 01/01 17:00, + 16 h 30)
    at = 1925112600.0 - 17 * 86400 - 16 * 3600 - 30 * 60
    for typed in ("15/12/2030 18h00", "15/12/2030 18 h 00", "15/12/2030 à 18h",
                  "15/12/2030 18H00", "2030-12-15T18:00"):
        assert sec.post("/admin/scoring", data={"scoring": "open",
                                                "deadline": typed}).status_code == 303, typed
        assert ws.state()[1] == at, typed
    # a day alone: which hour is not said; a day that does not exist: unreadable
    alone = sec.post("/admin/scoring", data={"scoring": "open", "deadline": "16/12/2030"})
    assert alone.status_code == 422
    page = alone.get_data(as_text=True)
    assert (f"Date limite sans heure{NB}: ajoutez l&#39;heure à laquelle la notation se "
            "ferme (par exemple 16/12/2030 18:00), heure du fuseau Europe/Paris. Rien n&#39;a été "
            "changé.") in page
    assert 'name="deadline" value="16/12/2030"' in page
    for typed in ("31/02/2031 10:00", "15/12/2030 25h00"):
        wrong = sec.post("/admin/scoring", data={"scoring": "open", "deadline": typed})
        assert wrong.status_code == 422 and "Date limite illisible" in wrong.get_data(
            as_text=True), typed
    assert ws.state()[1] == at


def test_a_call_in_another_time_zone(tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["timezone"] = "America/Cayenne"  # UTC-3, no summer time
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                      encoding="utf-8")
    ws = Workspace(folder, db, clock=Clock())
    sec = signed_in(ws, None)
    # 10:30 in Cayenne is 13:30 UTC: 22 281 days × 86 400 s + 13.5 h × 3 600 s
    assert sec.post("/admin/scoring", data={"scoring": "open",
                                            "deadline": "02/01/2031 10:30"}).status_code == 303
    assert ws.state() == (True, 1925078400.0 + 48600)
    admin = sec.get("/admin").get_data(as_text=True)
    assert f"2 janvier 2031 à 10{NB}h{NB}30" in admin and "fuseau America/Cayenne" in admin
    # 1 800 000 000 s: 2027-01-15 08:00 UTC, 05:00 in Cayenne
    assert f"15 janvier 2027 à 5{NB}h{NB}00" in sec.get("/admin/audit").get_data(as_text=True)


def test_the_dossiers_facts_as_a_reader_reads_them(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(alsace(tmp_path, keep_ratings=False), db)
    juror = signed_in(ws, "j1")
    page = juror.get("/dossier/AL16-02").get_data(as_text=True)
    facts = dict(re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", page))
    # examples/alsace-2016/dossiers/AL16-02.yaml: amount_requested 24000, eligible_costs
    # 50000 (unit: EUR in the grid), submitted_at 2016-05-27 (type: date), departement "67"
    assert facts["Montant demandé"] == f"24{NNB}000{NNB}€"
    assert facts["Dépenses éligibles (prestations externes, HT)"] == f"50{NNB}000{NNB}€"
    assert facts["Date de dépôt du dossier"] == "27 mai 2016"
    assert facts["Département du lieu de réalisation du projet"] == "67"  # text as written
    en = dict(re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>",
                         juror.get("/dossier/AL16-02?lang=en").get_data(as_text=True)))
    assert en["Montant demandé"] == "€24,000" and en["Date de dépôt du dossier"] == "27 May 2016"


def test_opening_scoring_with_a_deadline_already_past_is_refused_on_the_field(
        tmp_path: Path, db: str | None) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    clock = Clock(1925112600.0)  # 02/01/2031 09:30 UTC, 10:30 in Paris
    ws = Workspace(folder, db, clock=clock)
    sec = signed_in(ws, None)
    assert sec.post("/admin/scoring", data={"scoring": "open",
                                            "deadline": "15/01/2031 18:00"}).status_code == 303
    before = ws.state()
    # last year's date (a typo of January), then one 30 minutes ago: both would close
    # scoring at once; 15/12/2030 18:00 in Paris is 17:00 UTC, 17 days 16 h 30 min before
    for typed, when in (("15/12/2030 18:00", f"15 décembre 2030 à 18{NB}h{NB}00"),
                        ("02/01/2031 10:00", f"2 janvier 2031 à 10{NB}h{NB}00"),
                        ("02/01/2031 10:30", f"2 janvier 2031 à 10{NB}h{NB}30")):
        page = sec.post("/admin/scoring", data={"scoring": "open", "deadline": typed})
        assert page.status_code == 422, typed
        text = page.get_data(as_text=True)
        assert (f'<p class="err" role="alert" id="deadline-problem">Cette date limite est '
                f"déjà passée ({when}){NB}: la notation serait close aussitôt. Rien n&#39;a été "
                "changé.</p>") in text, typed
        assert f'name="deadline" value="{typed}"' in text
        assert ws.state() == before == (True, 1925112600.0 + 13 * 86400 + 7.5 * 3600)
    english = sec.post("/admin/scoring?lang=en", data={"scoring": "open",
                                                       "deadline": "2030-12-15 18:00"})
    assert english.status_code == 422
    assert ("This deadline has already passed (15 December 2030 at 18:00): scoring would "
            "close at once. Nothing was changed.") in english.get_data(as_text=True)
    # closing with a past deadline is what it says: closed (nothing is refused)
    assert sec.post("/admin/scoring", data={"scoring": "closed",
                                            "deadline": "15/12/2030 18:00"}).status_code == 303
    assert ws.state() == (False, 1925112600.0 - 17 * 86400 - 16 * 3600 - 30 * 60)
    # a minute ahead: opened
    assert sec.post("/admin/scoring", data={"scoring": "open",
                                            "deadline": "02/01/2031 10:31"}).status_code == 303
    assert ws.state() == (True, 1925112600.0 + 60)
