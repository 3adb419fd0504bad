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
