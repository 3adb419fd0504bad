"""isgrid decide warns (vote-confirms) when the vote « retenu » it records for a dossier
already retained by a vote, at another reference, will be read as confirming that vote only
because one of the two has no date: a mistyped --reference corrected without --at kept the
list's adoption on the typo, and nothing said so (the engine cannot know which is meant:
docs/decisions.md, « Which dossiers a vote decides »).

decisions_calls.seance_call (meeting.vote: CP-2026-04-117, budget 50 000): D1 and D2 voted
at meeting.vote without --at (journal lines 1, 2), D3 voted with the typo CP-2026-0602 on
2 June 2026 (line 3), the list's last place: the list is adopted by line 3.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from isgrid.cli import cli


def _decide(folder: Path, dossier: str, *options: str, lang: str = "en",
            strict: bool = False) -> Result:
    return CliRunner().invoke(cli, ["--lang", lang, *(["--strict"] if strict else []),
                                    "decide", str(folder), dossier, "--stage", "vote",
                                    "--outcome", "retenu", *options, "--by", "CP",
                                    "--reason", "r"])


def _seance(tmp_path: Path, vote_date: bool = True) -> Path:
    """``vote_date=False``: meeting.vote has no date (D1's and D2's votes have none)."""
    from decisions_calls import MEETING, seance_call

    vote = {k: v for k, v in MEETING["vote"].items() if vote_date or k != "date"}
    folder = seance_call(tmp_path, call={"meeting": {**MEETING, "vote": vote}})
    for dossier, options in (("D1", ()), ("D2", ()),
                             ("D3", ("--reference", "CP-2026-0602", "--at", "2026-06-02"))):
        res = _decide(folder, dossier, *options)
        assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 3, "reference": "CP-2026-0602", "at": "2026-06-02"}
    return folder


def _adopted(folder: Path) -> object:
    res = CliRunner().invoke(cli, ["decisions", str(folder), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)["journal"]["adopted"]


def _lines(folder: Path) -> int:
    return len((folder / "journal.jsonl").read_bytes().splitlines())


UNDATED = ("Warning: D3 is already selected by the vote at CP-2026-0602 (journal entry 3): "
           "recorded at CP-2026-06-02 without --at, this vote will be read as confirming it "
           "at a later deliberation, not as correcting it: the place stays given by "
           "CP-2026-0602 and the list's adoption does not move [vote-confirms]\n"
           "  Hint: To correct that vote instead (a mistyped --reference), give the "
           "deliberation's date: --at 2026-06-02 (on that day or an earlier one, this vote "
           "replaces it).\n")


def test_a_reference_corrected_without_a_date_is_said_to_confirm(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    res = _decide(folder, "D3", "--reference", "CP-2026-06-02")
    assert res.exit_code == 0, res.output
    assert res.output.count(UNDATED) == 1, res.output
    assert _lines(folder) == 4
    # as it says: recorded, read as a confirmation, the adoption stays on the typo
    assert _adopted(folder) == {"seq": 3, "reference": "CP-2026-0602", "at": "2026-06-02"}
    # recorded again with the date the hint gives: a correction, nothing to say
    res = _decide(folder, "D3", "--reference", "CP-2026-06-02", "--at", "2026-06-02")
    assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 5, "reference": "CP-2026-06-02", "at": "2026-06-02"}


def test_strict_does_not_record_it(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    res = _decide(folder, "D3", "--reference", "CP-2026-06-02", strict=True)
    assert res.exit_code == 1 and UNDATED in res.output, res.output
    assert "Error: 1 warning and --strict is set." in res.output
    assert _lines(folder) == 3


def test_no_warning_with_both_dates_nor_for_the_same_reference(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    # another reference on a later day: a confirmation, as both dates say
    res = _decide(folder, "D3", "--reference", "CP-2026-07-01", "--at", "2026-07-01")
    assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 3, "reference": "CP-2026-0602", "at": "2026-06-02"}
    # the same reference again, without a date: a correction (the latest counts)
    res = _decide(folder, "D3", "--reference", "CP-2026-0602")
    assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 5, "reference": "CP-2026-0602", "at": None}
    # after another outcome the run is broken: the vote gives the place anew, no warning
    res = CliRunner().invoke(cli, ["--lang", "en", "decide", str(folder), "D2", "--stage",
                                   "vote", "--outcome", "ajourné", "--by", "CP",
                                   "--reason", "r"])
    assert res.exit_code == 0, res.output
    res = _decide(folder, "D2", "--reference", "CP-2026-07-01")
    assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output


def test_in_french_when_the_earlier_vote_has_no_date(tmp_path: Path) -> None:
    folder = _seance(tmp_path, vote_date=False)
    # D1's vote (meeting.vote's, no --at, meeting.vote.date not given) has no date: a date
    # on this one is not enough
    res = _decide(folder, "D1", "--reference", "CP-2026-04-171", "--at", "2026-04-02",
                  lang="fr")
    assert res.exit_code == 0, res.output
    said = ("Avertissement\u00a0: D1 est déjà retenu par le vote de CP-2026-04-117 (entrée 1 "
            "du journal), qui n'a pas de date\u00a0: ce vote à CP-2026-04-171 sera lu comme "
            "le confirmant à une délibération ultérieure, non comme le corrigeant\u00a0: la "
            "place reste donnée par CP-2026-04-117 et l'adoption de la liste ne bouge pas "
            "[vote-confirms]\n"
            "  Indice\u00a0: Pour corriger plutôt ce vote (une --reference mal saisie), "
            "datez-le d'abord\u00a0: enregistrez-le de nouveau (--reference CP-2026-04-117) "
            "avec --at "
            "et la date de la délibération, puis celui-ci avec --at le même jour.\n")
    assert res.output.count(said) == 1, res.output
    assert _adopted(folder) == {"seq": 3, "reference": "CP-2026-0602", "at": "2026-06-02"}
    # as the hint says: D1's vote dated first (the same deliberation: a correction), then
    # the other reference on that day corrects it, without a word; the list is adopted by it
    for options in (("--at", "2026-04-02"),
                    ("--reference", "CP-2026-04-171", "--at", "2026-04-02")):
        res = _decide(folder, "D1", *options, lang="fr")
        assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 6, "reference": "CP-2026-04-171", "at": "2026-04-02"}


def test_no_warning_for_a_confirmation_after_meeting_vote_s_day(tmp_path: Path) -> None:
    """D1 was voted at meeting.vote (CP-2026-04-117, dated 2 April 2026 by call.yaml, the vote
    itself without --at): voting it « retenu » again at CP-2026-06-20 on 20 June is a
    confirmation at a later deliberation, as the engine reads it: nothing to warn of (the
    warning fired on this documented flow)."""
    folder = _seance(tmp_path)
    res = _decide(folder, "D1", "--reference", "CP-2026-06-20", "--at", "2026-06-20")
    assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 3, "reference": "CP-2026-0602", "at": "2026-06-02"}


def test_meeting_vote_date_dates_its_votes(tmp_path: Path) -> None:
    """A vote at meeting.vote without --at has meeting.vote.date (2026-04-02): the same
    command as above, against D1's vote so dated, is read as the dates say."""
    folder = _seance(tmp_path)
    # another deliberation on the same day: a correction, nothing to say; D1's place is now
    # given by line 4, the list's latest: the list is adopted by it
    res = _decide(folder, "D1", "--reference", "CP-2026-04-171", "--at", "2026-04-02")
    assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 4, "reference": "CP-2026-04-171", "at": "2026-04-02"}
    # D2 (meeting.vote's, 2 April by call.yaml) confirmed at another deliberation on a
    # later day: a confirmation, with no warning; the adoption stays on line 4
    res = _decide(folder, "D2", "--reference", "CP-2026-07-01", "--at", "2026-07-01")
    assert res.exit_code == 0 and "vote-confirms" not in res.output, res.output
    assert _adopted(folder) == {"seq": 4, "reference": "CP-2026-04-171", "at": "2026-04-02"}
