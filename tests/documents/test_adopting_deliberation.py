"""Which deliberation decided what (docs/decisions.md, "Which dossiers a vote decides" and
"A later deliberation"); found by a review, each case worked out by hand on alsace-2016
(tests/votecalls.py: meeting.vote = CP-2016-05-12 of 12 May 2016; AL16-05 decided « non
retenu » at the jury's stage; AL16-01 and AL16-02 retained, AL16-03 and AL16-04 on the
reserve).

1. The list adopted at a later deliberation: AL16-01 voted at CP-2016-05-12 (journal line
   2), AL16-02 — the list's last outstanding place — at CP-2016-06-02 on 2 June 2016
   (line 3).  The list is adopted by line 3's vote: the reserve dossier AL16-03, decided
   by that adoption, has a letter citing CP-2016-06-02 and dated 2 June 2016 (it cited
   CP-2016-05-12 and 12 May).
2. A « réserve » voted and then changed: AL16-03 voted « réserve » at CP-2016-05-12 (line
   4), AL16-02 withdraws (line 5), AL16-03 is proposed in its place and voted « retenu »
   at CP-2016-06-02 (line 6).  The minutes' « Délibérations » list both votes (the first
   was dropped).
3. One deliberation, two dates: AL16-01 voted at CP-2016-06-02 with --at 2016-06-02 (line
   2), AL16-02 at CP-2016-06-02 with --at 2016-06-09 (line 3): a warning names both dates
   and lines, and the annex of CP-2016-06-02 says both (it had no date, silently).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from test_vote_reference import letters, words

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from votecalls import example, run, vote

NBSP = "\u00a0"
LATER = ("--reference", "CP-2016-06-02", "--at", "2016-06-02")


def decide(folder: Path, dossier: str, outcome: str, *extra: str) -> None:
    run("decide", folder, dossier, "--stage", "vote", "--outcome", outcome, *extra,
        "--by", "CP", "--reason", "délibération")


def test_the_list_adopted_at_a_later_deliberation(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    decide(folder, "AL16-02", "retenu", *LATER)
    result = score(load_call(folder))
    assert result.list_voted
    adopted = result.adopted
    assert adopted is not None
    assert (adopted.seq, adopted.reference, adopted.at) == (3, "CP-2016-06-02", "2016-06-02")
    assert result.to_json()["journal"]["adopted"] == {
        "seq": 3, "reference": "CP-2016-06-02", "at": "2016-06-02"}
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    # AL16-03 (réserve) and AL16-05 (non retenu at the jury's stage): decided by the list's
    # adoption, at CP-2016-06-02
    for did in ("AL16-03", "AL16-05"):
        assert "Le 2 juin 2016\n\nDélibération" + NBSP + ": CP-2016-06-02\n" in md[did], did
        assert "CP-2016-05-12" not in md[did] and "12 mai 2016" not in md[did]
    # AL16-01 keeps its own vote's deliberation
    assert "Délibération" + NBSP + ": CP-2016-05-12\n" in md["AL16-01"]
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out)
    text = words(out.read_text(encoding="utf-8"))
    assert ("vote : retenu pour un montant de 24 000 € (délibération CP-2016-06-02 du 2 juin "
            "2016). Liste adoptée par "
            "la délibération CP-2016-06-02 du 2 juin 2016, qui décide aussi des dossiers "
            "sans vote propre.") in text


def test_the_list_adopted_at_meeting_vote_stays_there(tmp_path: Path) -> None:
    """Both places voted at CP-2016-05-12, then AL16-02 withdraws and AL16-03 is voted at
    CP-2016-06-02: the list was adopted on 12 May (line 3), and stays so."""
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    decide(folder, "AL16-03", "retenu", *LATER)
    adopted = score(load_call(folder)).adopted
    assert adopted is not None and (adopted.seq, adopted.reference) == (3, "CP-2016-05-12")
    md = letters(folder)["AL16-04"].decode("utf-8")
    assert "Le 12 mai 2016\n\nDélibération" + NBSP + ": CP-2016-05-12\n" in md


def test_the_minutes_keep_a_reserve_vote_changed_later(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    decide(folder, "AL16-03", "réserve")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    decide(folder, "AL16-03", "retenu", *LATER)
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out)
    text = words(out.read_text(encoding="utf-8"))
    title = "Dossier AL16-03 « Épicerie mobile bio de l'Outre-Forêt », vote : "
    # what that deliberation voted, and that the later one (entry 6) replaced it
    first = title + ("réserve (délibération CP-2016-05-12 du 12 mai 2016) ; remplacée par "
                     "la décision de l'entrée 6 du journal.")
    then = title + "retenu pour un montant de 15 000 € (délibération CP-2016-06-02 du 2 juin 2016)."
    assert first in text and then in text
    assert text.index(first) < text.index("retiré par son porteur") < text.index(then)


def test_one_deliberation_recorded_with_two_dates(tmp_path: Path) -> None:
    folder = example(tmp_path)
    decide(folder, "AL16-01", "retenu", "--reference", "CP-2016-06-02", "--at", "2016-06-02")
    decide(folder, "AL16-02", "retenu", "--reference", "CP-2016-06-02", "--at", "2016-06-09")
    journal = folder / "journal.jsonl"
    said = (f"{journal}:3: the deliberation CP-2016-06-02 is recorded with 2 different dates: "
            f"2016-06-02 ({journal}:2), 2016-06-09 ({journal}:3) [deliberation-dates]")
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert res.exit_code == 0 and said in res.output, res.output
    out = tmp_path / "annexe.html"
    res = CliRunner().invoke(cli, ["--lang", "en", "minutes", str(folder), "--kind",
                                   "cp-annex", "--reference", "CP-2016-06-02", "--lang",
                                   "fr", "-o", str(out)])
    assert res.exit_code == 0 and said in res.output, res.output
    assert ("Délibération : CP-2016-06-02 (dates enregistrées : 2 juin 2016 et 9 juin 2016)"
            in words(out.read_text(encoding="utf-8")))
    # the vote recorded again with the right date: one date, no warning
    decide(folder, "AL16-02", "retenu", "--reference", "CP-2016-06-02", "--at", "2016-06-02")
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert res.exit_code == 0 and "deliberation-dates" not in res.output, res.output


# ------------------------------------------------------------------ a vote recorded again
def _seance_refused(tmp_path: Path) -> Path:
    """decisions_calls.seance_call (meeting.vote CP-2026-04-117 of 2 April 2026; D3 and
    D4 tied at the line; reserve D5, D6), D4 asking 21 000 € (branch tie-freed: with
    10 000 € both would fit the 30 000 € and be taken together): D1 voted in (line 1), D2
    refused (line 2: its 15 000 €, 30 000 € beside D1, offered to D3 and D4, tied: 31 000 €
    for both), D4 refused at CP-2026-06-02 on 2 June (line 3): D3 is proposed in D2's
    place, the list's last outstanding place."""
    from decisions_calls import DOSSIERS, seance_call

    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi")))
    for did, outcome, extra in (("D1", "retenu", ()), ("D2", "non-retenu", ()),
                                ("D4", "non-retenu", LATER_2026)):
        run("decide", folder, did, "--stage", "vote", "--outcome", outcome, *extra,
            "--by", "CP", "--reason", "r")
    return folder


LATER_2026 = ("--reference", "CP-2026-06-02", "--at", "2026-06-02")
ADOPTED_2026 = ("vote : retenu pour un montant de 10 000 € (délibération CP-2026-06-02 du 2 "
                "juin 2026). Liste adoptée "
                "par la délibération CP-2026-06-02 du 2 juin 2026, qui décide aussi des "
                "dossiers sans vote propre.")


def _adoption_read(tmp_path: Path, folder: Path) -> tuple[dict[str, Any], str, str]:
    """``journal.adopted``, the minutes' words and D5's letter (md)."""
    adopted = score(load_call(folder)).to_json()["journal"]["adopted"]
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out, "--force")
    return adopted, words(out.read_text(encoding="utf-8")), letters(folder)["D5"].decode()


def test_a_vote_recorded_again_with_the_right_date_moves_the_adoption(tmp_path: Path
                                                                      ) -> None:
    """Found by a review: D3 voted at CP-2026-06-02 dated 9 June by mistake (line 4), then
    recorded again dated 2 June (line 5), as the deliberation-dates warning asks.  One
    deliberation, one reference: line 5 records line 4's vote again, corrected; the list
    is adopted by line 5 on 2 June (it stayed line 4's, 9 June: D5's and D6's letters were
    dated 9 June)."""
    folder = _seance_refused(tmp_path)
    for at, reason in (("2026-06-09", "r4"), ("2026-06-02", "correction de date")):
        run("decide", folder, "D3", "--stage", "vote", "--outcome", "retenu", "--reference",
            "CP-2026-06-02", "--at", at, "--by", "CP", "--reason", reason)
    adopted, minutes, d5 = _adoption_read(tmp_path, folder)
    assert adopted == {"seq": 5, "reference": "CP-2026-06-02", "at": "2026-06-02"}
    assert minutes.count("Liste adoptée par") == 1  # the sentence once (and the heading)
    assert ("vote : retenu pour un montant de 10 000 € (délibération CP-2026-06-02 du 9 juin "
            "2026) ; remplacée par la décision de l'entrée 5 du journal. Dossier D3 « Projet "
            "D3 », " + ADOPTED_2026) in minutes
    assert "Le 2 juin 2026\n\nDélibération" + NBSP + ": CP-2026-06-02\n" in d5
    assert "9 juin" not in d5


def test_a_vote_recorded_again_with_the_right_reference_moves_the_adoption(
        tmp_path: Path) -> None:
    """Found by a review: D3 voted at « CP-2026-06-20 » on 2 June, a mistyped reference
    (line 4), then recorded again at CP-2026-06-02 the same day (line 5): another
    reference on the same day corrects it; the list is adopted by line 5 at CP-2026-06-02
    (D5's and D6's letters cited CP-2026-06-20)."""
    folder = _seance_refused(tmp_path)
    for ref, reason in (("CP-2026-06-20", "typo"), ("CP-2026-06-02", "correction")):
        run("decide", folder, "D3", "--stage", "vote", "--outcome", "retenu", "--reference",
            ref, "--at", "2026-06-02", "--by", "CP", "--reason", reason)
    adopted, minutes, d5 = _adoption_read(tmp_path, folder)
    assert adopted == {"seq": 5, "reference": "CP-2026-06-02", "at": "2026-06-02"}
    assert ("vote : retenu pour un montant de 10 000 € (délibération CP-2026-06-20 du 2 juin "
            "2026) ; remplacée par la décision de l'entrée 5 du journal. Dossier D3 « Projet "
            "D3 », " + ADOPTED_2026) in minutes
    assert "Le 2 juin 2026\n\nDélibération" + NBSP + ": CP-2026-06-02\n" in d5
    assert "CP-2026-06-20" not in d5


def test_a_vote_confirmed_at_a_later_deliberation_keeps_the_adoption(tmp_path: Path) -> None:
    """AL16-01 and AL16-02 voted at meeting.vote, CP-2016-05-12 of 12 May (lines 2, 3):
    the list is adopted by line 3.  AL16-02 voted « retenu » again at CP-2016-06-02 on 2
    June, its amount lowered to 20 000 (line 4): another deliberation, a later day, a
    confirmation; the list stays adopted on 12 May (AL16-03's letter), while AL16-02's own
    letter cites the vote in effect, CP-2016-06-02."""
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    decide(folder, "AL16-02", "retenu", "--amount", "20000", *LATER)
    result = score(load_call(folder))
    # (the vote at meeting.vote records its reference and date: review audit, finding 1)
    assert result.to_json()["journal"]["adopted"] == {"seq": 3, "reference": "CP-2016-05-12",
                                                      "at": "2016-05-12"}
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    assert "Le 12 mai 2016\n\nDélibération" + NBSP + ": CP-2016-05-12\n" in md["AL16-03"]
    assert "Le 2 juin 2016\n\nDélibération" + NBSP + ": CP-2016-06-02\n" in md["AL16-02"]


def test_the_list_is_not_adopted_while_a_tie_at_the_line_is_open(tmp_path: Path) -> None:
    """Found by a review.  decisions_calls.seance_call: D1 (20 000) and D2 (15 000) voted
    in at meeting.vote (lines 1, 2); D3 and D4 (10 000 each) tied at the line, 55 000 >
    50 000 with both: nobody settled the tie, the reserve (D5, D6) depends on how it is.
    The list is not adopted: D5's letter is a proposition (it was « Décision : placé sur la
    liste de réserve », voies de recours, dated 2 April).  D3 voted in at CP-2026-06-02 on 2
    June (line 3) settles it: D4 heads the reserve, D5 second, D6 leaves it; the list is
    adopted by line 3, D5's and D6's letters are its decisions."""
    from decisions_calls import seance_call

    folder = seance_call(tmp_path)
    vote(folder, "D1")
    vote(folder, "D2")
    result = score(load_call(folder))
    assert result.adopted is None and result.to_json()["journal"]["adopted"] is None
    d5 = letters(folder)["D5"].decode("utf-8")
    assert "**Proposition du jury" + NBSP + ": dossier placé sur la liste de réserve.**" in d5
    assert "Délibération" not in d5 and "recours" not in d5
    run("decide", folder, "D3", "--stage", "vote", "--outcome", "retenu", *LATER_2026,
        "--by", "CP", "--reason", "départage")
    result = score(load_call(folder))
    assert result.to_json()["journal"]["adopted"] == {"seq": 3, "reference": "CP-2026-06-02",
                                                      "at": "2026-06-02"}
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    head = "Le 2 juin 2026\n\nDélibération" + NBSP + ": CP-2026-06-02\n"
    assert head in md["D5"] and "Position 2 sur la liste de réserve." in md["D5"]
    assert "**Décision" + NBSP + ": dossier placé sur la liste de réserve.**" in md["D5"]
    assert head in md["D6"] and "**Décision" + NBSP + ": dossier non retenu.**" in md["D6"]
    assert "Voies et délais de recours" in md["D6"]
