"""The quorum per dossier (review chair F12): a dossier deliberated while members were out
of the room (recused from it in call.yaml's ``conflicts``, or named under
``meeting.left_room``) is counted without them, and the minutes, ``call check`` and the
séance view's dossier under discussion say when it falls below the quorum."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.call.meeting_models import Meeting
from isgrid.cli import cli
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score
from isgrid.web.watch import pages
from pagetext import words as text
from workspacecalls import alsace

MEMBERS = [{"name": "Hélène Schaeffer", "role": "présidente", "assessor": "j1"},
           {"name": "Marc Wendling", "assessor": "j2"},
           {"name": "Sophie Kuntz", "assessor": "j3"}]


def call_with(tmp_path: Path, quorum: int, left_room: list[dict[str, str]]) -> Path:
    folder = alsace(tmp_path, name="alsace")
    path = folder / "call.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    # the example's own recusal: j2 (Marc Wendling) on AL16-01
    doc["meeting"] = {"date": "2016-05-04", "quorum": quorum, "members": MEMBERS,
                      "left_room": left_room}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def test_the_rule() -> None:
    meeting = Meeting.model_validate({
        "quorum": 3,
        "members": [*MEMBERS, {"name": "Paul Absent", "present": False},
                    {"name": "Anne Conseil", "voting": False}],
        # by name and by assessor id
        "left_room": [{"member": "Sophie Kuntz", "dossier": "D5"},
                      {"member": "j1", "dossier": "D6"}]})
    # three present who vote (the absent one and the adviser do not count): reached
    assert len(meeting.voting) == 3 and meeting.quorum_reached is True
    short = meeting.below_quorum([("j2", "D1"), ("j9", "D2")])
    # D1: 3 - Marc Wendling = 2 < 3; D2: j9 is no member, 3 stay; D5, D6: 2 each
    assert [(s.dossier, s.present, [m.name for m in s.out]) for s in short] == [
        ("D1", 2, ["Marc Wendling"]), ("D5", 2, ["Sophie Kuntz"]),
        ("D6", 2, ["Hélène Schaeffer"])]
    assert meeting.short_for("D2", ["j9"]) is None
    two = meeting.model_copy(update={"quorum": 2})
    assert two.below_quorum([("j2", "D1")]) == []
    assert Meeting().below_quorum([("j2", "D1")]) == []


def test_minutes_say_which_dossiers_fell_below(tmp_path: Path) -> None:
    folder = call_with(tmp_path, 3, [{"member": "Sophie Kuntz", "dossier": "AL16-05"}])
    call = load_call(folder)
    page = text(render_minutes(call, score(call), "pv", "html"))
    assert "Quorum : 3 membres présents requis ; 3 présents : atteint." in page
    assert ("Quorum non atteint pour le dossier AL16-01 : 2 membres présents pendant sa "
            "délibération (hors de la salle : Marc Wendling).") in page
    assert ("Quorum non atteint pour le dossier AL16-05 : 2 membres présents pendant sa "
            "délibération (hors de la salle : Sophie Kuntz).") in page
    import io

    import docx

    word = docx.Document(io.BytesIO(render_minutes(call, score(call), "pv", "docx")))
    paragraphs = [" ".join(p.text.replace("\u202f", " ").replace("\xa0", " ").split())
                  for p in word.paragraphs]
    i = paragraphs.index("Quorum : 3 membres présents requis ; 3 présents : atteint.")
    assert paragraphs[i + 1].startswith("Quorum non atteint pour le dossier AL16-01 : 2 ")
    assert paragraphs[i + 2].startswith("Quorum non atteint pour le dossier AL16-05 : 2 ")
    english = text(render_minutes(call, score(call), "pv", "html", lang="en"))
    assert ("Quorum not reached for dossier AL16-01: 2 members present while it was "
            "deliberated (out of the room: Marc Wendling).") in english


def test_a_quorum_kept_says_nothing(tmp_path: Path) -> None:
    folder = call_with(tmp_path, 2, [{"member": "Sophie Kuntz", "dossier": "AL16-05"}])
    call = load_call(folder)
    page = text(render_minutes(call, score(call), "pv", "html"))
    assert "Quorum : 2 membres présents requis ; 3 présents : atteint." in page
    assert "Quorum non atteint" not in page
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert "quorum-short" not in res.output


def test_call_check_warns(tmp_path: Path) -> None:
    folder = call_with(tmp_path, 3, [])
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert res.exit_code == 0, res.output
    out = res.output.replace("\u202f", " ").replace("\xa0", " ")
    assert ("le dossier « AL16-01 » a été délibéré sous le quorum de 3 : 2 membres présents "
            "(hors de la salle : Marc Wendling) [quorum-short]") in out
    assert out.count("[quorum-short]") == 1


def test_a_left_room_entry_naming_no_member_is_warned(tmp_path: Path) -> None:
    # « Sophie Kunz » (a typo for Sophie Kuntz) left the room for AL16-03: counted out for
    # nobody, AL16-03 would read deliberated by 3 of 3; call check says so, with the name
    meeting = Meeting.model_validate({"quorum": 3, "members": MEMBERS, "left_room": [
        {"member": "Sophie Kunz", "dossier": "AL16-03"}, {"member": "j3", "dossier": "AL16-04"}]})
    assert [(x.member, x.dossier) for x in meeting.unknown_left()] == [("Sophie Kunz", "AL16-03")]
    folder = call_with(tmp_path, 2, [{"member": "Sophie Kunz", "dossier": "AL16-03"}])
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert res.exit_code == 0, res.output
    out = res.output.replace("\u202f", " ").replace("\xa0", " ")
    assert ("meeting.left_room nomme « Sophie Kunz », qui n'est pas dans meeting.members : "
            "personne n'est compté hors de la salle pour « AL16-03 » [meeting-member-unknown]"
            ) in out
    assert "« Sophie Kuntz »" in out  # the member meant, as every mistyped id is hinted
    fixed = call_with(tmp_path / "ok", 2, [{"member": "Sophie Kuntz", "dossier": "AL16-03"}])
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(fixed)])
    assert "[meeting-member-unknown]" not in res.output


def test_the_seance_view_of_the_dossier_under_discussion(tmp_path: Path) -> None:
    folder = call_with(tmp_path, 3, [])
    out = pages(folder, dossier="AL16-01")
    said = ("Quorum non atteint pour le dossier AL16-01 : 2 membres présents pendant sa "
            "délibération (hors de la salle : Marc Wendling).")
    assert said in text(out["index.html"])
    assert said not in text(out["membre-j2.html"])  # told to leave, not the quorum
    assert "Quorum non atteint" not in text(pages(folder, dossier="AL16-02")["index.html"])
