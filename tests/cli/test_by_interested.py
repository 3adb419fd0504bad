"""A consensus or a decision recorded --by a member who declared an interest in the
dossier, left the room for it or is recused from it is warned (by-interested) at
`consensus set`, `decide` and `call check`, and recorded all the same (review recours,
finding 1: the chair who left the room for AL16-07 recorded, as « Présidente », the
consensus that lifted it over its floor, and nothing said it).

The example alsace-2016 with the meeting block of docs/fr/apres-la-seance.md §1:
Hélène Schaeffer (j1, « présidente », meeting.chair « Mme Schaeffer ») declared an
interest in AL16-07 and left the room for it; Sophie Kuntz (j3) did for AL16-03; the
example's conflicts recuse Marc Wendling (j2) from AL16-01.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from isgrid.cli import cli
from testpaths import EXAMPLES

MEETING = """
meeting:
  date: 2016-05-04
  chair: Mme Schaeffer
  secretary: M. Roth
  members:
    - {name: Hélène Schaeffer, role: présidente, assessor: j1}
    - {name: Marc Wendling, assessor: j2}
    - {name: Sophie Kuntz, assessor: j3}
  vote: {body: Commission permanente, date: 2016-05-12, reference: CP-2016-05-12}
  interests:
    - {member: Sophie Kuntz, dossier: AL16-03, text: membre du bureau}
    - {member: Hélène Schaeffer, dossier: AL16-07, text: association partenaire}
  left_room:
    - {member: Sophie Kuntz, dossier: AL16-03}
    - {member: Hélène Schaeffer, dossier: AL16-07}
"""


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "journal.jsonl").unlink(missing_ok=True)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(MEETING)
    return folder


def _run(*args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(cli, ["--lang", lang, *args])


def _lines(folder: Path) -> int:
    path = folder / "journal.jsonl"
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def test_consensus_by_the_chair_out_of_the_room_is_warned_and_recorded(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    res = _run("consensus", "set", str(folder), "AL16-07", "ALS-4", "2", "--by", "Présidente",
               "--reason", "relecture du budget en séance")
    assert res.exit_code == 0, res.output
    assert ("Warning: --by 'Présidente' is Hélène Schaeffer, who declared an interest in "
            "AL16-07 and left the room for it: recorded in their name, this consensus value "
            "reads as their taking part in the deliberation on AL16-07 [by-interested]"
            ) in res.output
    assert "Hint: Recorded all the same. Give --by the member who chaired" in res.output
    assert _lines(folder) == 1  # recorded: a chair may write down what the committee decided


def test_decision_by_a_recused_member_and_by_others(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    # j2 is recused from AL16-01 (the example's conflicts), named by his assessor id
    res = _run("decide", str(folder), "AL16-01", "--outcome", "retenu", "--by", "j2",
               "--reason", "r")
    assert res.exit_code == 0, res.output
    assert ("--by 'j2' is Marc Wendling, who is recused from AL16-01 (conflicts)"
            in res.output)
    # the chair on a dossier she has no tie to; a body; a first name alone (not a person)
    for dossier, by in (("AL16-03", "Mme Schaeffer"), ("AL16-03", "Jury"),
                        ("AL16-07", "Hélène")):
        res = _run("decide", str(folder), dossier, "--outcome", "réserve", "--by", by,
                   "--reason", "r")
        assert res.exit_code == 0, res.output
        assert "by-interested" not in res.output, (dossier, by, res.output)
    # her surname with a civility, another case and no accent: Sophie Kuntz on AL16-03
    res = _run("decide", str(folder), "AL16-03", "--outcome", "retenu", "--by", "MME KUNTZ",
               "--reason", "r")
    assert "is Sophie Kuntz, who declared an interest in AL16-03 and left the room" \
        in res.output
    assert _lines(folder) == 5
    # --strict: the warning stops it, nothing written
    res = CliRunner().invoke(cli, ["--lang", "en", "--strict", "decide", str(folder),
                                   "AL16-07", "--outcome", "réserve", "--by",
                                   "Présidence de séance", "--reason", "r"])
    assert res.exit_code != 0 and "by-interested" in res.output, res.output
    assert _lines(folder) == 5


def test_call_check_names_the_entries(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    for args in (("consensus", "set", str(folder), "AL16-07", "ALS-4", "2", "--by",
                  "Présidente", "--reason", "r"),
                 ("decide", str(folder), "AL16-05", "--outcome", "non-retenu", "--by",
                  "Jury", "--reason", "r"),
                 ("decide", str(folder), "AL16-03", "--outcome", "réserve", "--by",
                  "Sophie Kuntz", "--reason", "r")):
        assert _run(*args).exit_code == 0
    res = _run("call", "check", str(folder))
    assert res.exit_code == 0, res.output
    said = [line for line in res.output.splitlines() if "[by-interested]" in line]
    assert said == [
        f"Warning: {folder / 'journal.jsonl'}:1: journal entry 1: the consensus value on "
        "AL16-07 is recorded by 'Présidente', that is Hélène Schaeffer, who declared an "
        "interest in AL16-07 and left the room for it [by-interested]",
        f"Warning: {folder / 'journal.jsonl'}:3: journal entry 3: the decision on AL16-03 "
        "is recorded by 'Sophie Kuntz', that is Sophie Kuntz, who declared an interest in "
        "AL16-03 and left the room for it [by-interested]"]
    fr = _run("call", "check", str(folder), lang="fr")
    assert ("entrée 1 du journal\u00a0: la valeur de consensus sur AL16-07 est enregistrée "
            "par «\u00a0Présidente\u00a0», c'est-à-dire Hélène Schaeffer, qui a déclaré un intérêt dans "
            "AL16-07 et a quitté la salle pendant sa délibération [by-interested]"
            ) in fr.output


def test_the_chair_named_by_meeting_chair_alone(tmp_path: Path) -> None:
    """No member has the chair's role: « Présidente » is the member meeting.chair names."""
    from isgrid.call.interested import named_by
    from isgrid.call.load import load_call

    folder = _call(tmp_path)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace(", role: présidente", ""), encoding="utf-8")
    call = load_call(folder)
    assert [p.name for p in named_by(call, "Présidente")] == ["Hélène Schaeffer"]
    assert [p.name for p in named_by(call, "the chair")] == ["Hélène Schaeffer"]
    assert [p.name for p in named_by(call, "Wendling")] == ["Marc Wendling"]
    assert named_by(call, "Marc") == []
    assert named_by(call, "Commission permanente") == []
