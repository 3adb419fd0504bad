"""A member who declared an interest and left the room for a dossier still rates it: her
ratings count (``left_room`` counts for the quorum only; a recusal is a ``conflicts``
entry).  ``isgrid call check`` says so, naming the member, the dossier and the entry that
would recuse her, and the minutes no longer list her among the « déports » as if she were
one (review audit, finding 7: nothing said it; the French guide's own séance).

The example (alsace-2016): Sophie Kuntz (j3) gave AL16-03 seven ratings, one « NE »
(AV-4.2): six count."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from test_vote_reference import words as text

from isgrid.call.load import load_call
from isgrid.call.meeting import RatedOutOfRoom, rated_out_of_room
from isgrid.cli import cli
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score
from workspacecalls import alsace

MEMBERS = [{"name": "Hélène Schaeffer", "role": "présidente", "assessor": "j1"},
           {"name": "Marc Wendling", "assessor": "j2"},
           {"name": "Sophie Kuntz", "assessor": "j3"}]
INTEREST = "membre du bureau de l'association"


def call_with(tmp_path: Path, *, interest: bool = True, recused: bool = False,
              who: str = "Sophie Kuntz") -> Path:
    """The guide's meeting block (apres-la-seance.md §1): Sophie Kuntz declares an interest
    in AL16-03 and leaves the room for it."""
    folder = alsace(tmp_path, name="alsace")
    path = folder / "call.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["meeting"] = {"date": "2016-05-04", "quorum": 2, "members": MEMBERS,
                      "left_room": [{"member": who, "dossier": "AL16-03"}]}
    if interest:
        doc["meeting"]["interests"] = [{"member": "Sophie Kuntz", "dossier": "AL16-03",
                                        "text": INTEREST}]
    if recused:
        doc["conflicts"].append({"assessor": "j3", "dossier": "AL16-03", "reason": INTEREST})
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def check(folder: Path, lang: str = "fr") -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, "call", "check", str(folder)])
    assert res.exit_code == 0, res.output
    return text(res.output)


def test_her_ratings_count_and_call_check_says_so(tmp_path: Path) -> None:
    folder = call_with(tmp_path)
    call = load_call(folder)
    assert rated_out_of_room(call) == [
        RatedOutOfRoom("Sophie Kuntz", "j3", "AL16-03", 6, INTEREST)]
    said = check(folder)
    assert ("alsace/call.yaml (meeting.left_room) : Sophie Kuntz a quitté la "
            "salle pour AL16-03 (intérêt déclaré), mais ses 6 notes de ce dossier comptent "
            "[left-room-rated]") in said
    assert ("Indice : Si Sophie Kuntz est en déport sur AL16-03, ajoutez à call.yaml "
            "conflicts : [{assessor: j3, dossier: AL16-03}]") in said
    assert ("Sophie Kuntz left the room for AL16-03, where they declared an interest, but "
            "their 6 ratings of that dossier count [left-room-rated]") in check(folder, "en")
    # the minutes list her, and say that her ratings count
    page = text(render_minutes(call, score(call), "pv", "html", lang="fr").decode("utf-8"))
    assert ("AL16-03 Sophie Kuntz a quitté la salle pour le dossier AL16-03 ; pas de déport : "
            "ses notes de ce dossier comptent") in page
    # AL16-03 with her ratings: 60,7 (by hand, 100 x 17 / 28 = 60,714)
    assert round(score(call).dossier("AL16-03").total, 3) == 60.714


def test_by_assessor_id_and_without_an_interest(tmp_path: Path) -> None:
    folder = call_with(tmp_path, interest=False, who="j3")
    assert rated_out_of_room(load_call(folder)) == [
        RatedOutOfRoom("Sophie Kuntz", "j3", "AL16-03", 6, None)]
    assert ("Sophie Kuntz a quitté la salle pour AL16-03, mais ses 6 notes de ce dossier "
            "comptent [left-room-rated]") in check(folder)


def test_the_fix_the_hint_gives(tmp_path: Path) -> None:
    folder = call_with(tmp_path, recused=True)
    call = load_call(folder)
    assert rated_out_of_room(call) == []
    assert "left-room-rated" not in check(folder)
    page = text(render_minutes(call, score(call), "pv", "html", lang="fr").decode("utf-8"))
    assert "AL16-03 Sophie Kuntz a quitté la salle pour le dossier AL16-03 " in page
    assert "pas de déport" not in page
    # without her ratings: 62,5 (by hand, 100 x 17,5 / 28)
    assert round(score(call).dossier("AL16-03").total, 3) == 62.5


def test_the_committee_report_says_it_in_the_minutes_words(tmp_path: Path) -> None:
    """The committee report's « Jury et déports » names a member who only left the room for
    a dossier, as the minutes do and in their words (by her assessor id in call.yaml: by
    her name in both)."""
    from isgrid.documents.output import render_report

    folder = call_with(tmp_path, interest=False, who="j3")
    call = load_call(folder)
    result = score(call)
    said = ("Sophie Kuntz a quitté la salle pour le dossier AL16-03 ; pas de déport : ses "
            "notes de ce dossier comptent")
    pv = text(render_minutes(call, result, "pv", "html", lang="fr").decode("utf-8"))
    assert f"AL16-03 {said}" in pv
    html = text(render_report(call, result, "committee", "html", lang="fr")[0][1]
                .decode("utf-8"))
    assert "Déports et sorties de salle" in html
    assert said in html
    md = text(render_report(call, result, "committee", "md", lang="fr")[0][1].decode("utf-8"))
    assert "### Déports et sorties de salle" in md
    assert "| Sophie Kuntz | a quitté la salle pour le dossier AL16-03 ; pas de déport" in md
    en = text(render_report(call, result, "committee", "md", lang="en")[0][1].decode("utf-8"))
    assert ("| Sophie Kuntz | left the room for dossier AL16-03; no recusal: their ratings "
            "of that dossier count |") in en
    # recused as well: the recusal's line, then the room's, with no « pas de déport »
    recused = load_call(call_with(tmp_path / "r", interest=False, recused=True))
    md = text(render_report(recused, score(recused), "committee", "md",
                            lang="fr")[0][1].decode("utf-8"))
    section = md[md.index("### Déports et sorties de salle"):md.index("## 3.")]
    assert section.count("| AL16-03 |") == 2
    assert "| Sophie Kuntz | membre du bureau de l'association |" in section
    assert "| Sophie Kuntz | a quitté la salle pour le dossier AL16-03 |" in section
    assert "pas de déport" not in md


def test_the_committee_report_docx_says_it(tmp_path: Path) -> None:
    import io

    import docx

    from isgrid.documents.output import render_report

    call = load_call(call_with(tmp_path))
    data = render_report(call, score(call), "committee", "docx", lang="fr")[0][1]
    d = docx.Document(io.BytesIO(data))
    heads = [p.text for p in d.paragraphs if p.style is not None
             and p.style.name.startswith("Heading")]
    assert "Déports et sorties de salle" in heads
    cells = [text(c.text) for tb in d.tables for row in tb.rows for c in row.cells]
    assert any("a quitté la salle pour le dossier AL16-03 ; pas de déport" in c
               for c in cells)
