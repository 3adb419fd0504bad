"""The minutes' table of changes (« Modifications enregistrées ») dates every entry by one
rule (:func:`isgrid.documents.deliberation.change_day`): a vote by its deliberation's day,
as the « Délibérations » say it (its ``--at``, else ``meeting.vote.date``); what the jury
recorded by its ``--at``, else the séance's day (``meeting.date``).  It dated the entries
recorded with ``--at`` only: one line in seven of a signed PV (review rev-secr F7).

The call (tests/decisions_calls.py): séance on 12 March 2026, ``meeting.vote``
CP-2026-04-117 on 2 April 2026."""

from __future__ import annotations

from pathlib import Path

from pvwords import pv_words
from test_vote_reference import words

from clirun import run
from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.documents.minutes import build_minutes
from isgrid.engine import score


def _call(tmp_path: Path) -> Path:
    folder = seance_call(tmp_path)
    run("consensus", "set", folder, "D5", "Q1", "3", "--by", "Présidente", "--reason", "relu")
    run("decide", folder, "D6", "--outcome", "ajourné", "--by", "Jury", "--reason", "pièce")
    run("decide", folder, "D3", "--outcome", "retenu", "--by", "Jury", "--reason", "relu",
        "--at", "2026-03-13T10:30")
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    run("decide", folder, "D2", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération", "--reference", "CP-2026-05-20", "--at", "2026-05-20")
    return folder


def test_every_change_is_dated(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    call = load_call(folder)
    result = score(call)
    changes = build_minutes(call, result, "pv", "fr")["changes"]
    said = [(c["dossier"], words(c["at_words"])) for c in changes]
    # review audit, finding 9: a date the entry does not record says so
    inferred = "12 mars 2026 (date de la séance, non enregistrée)"
    assert said == [
        ("D5", inferred),  # a consensus, in the séance: meeting.date
        ("D6", inferred),  # a jury decision, in the séance: meeting.date
        ("D3", "13 mars 2026 à 10 h 30"),  # its own --at
        ("D1", "2 avril 2026"),  # meeting.vote's date, sealed in the vote when recorded
        ("D2", "20 mai 2026"),  # its own deliberation's --at
    ]
    page = pv_words(call, result)
    assert "délibération CP-2026-04-117 du 2 avril 2026" in page  # the same day above
    # D5's consensus (s16 recours, task 1): total 100 x (2 + 3) / 8 = 62,5, 5th, the
    # reserve, without it; 75 with it, tied 3rd with D3 and D4 at the line (20 000 +
    # 15 000 of 50 000 €: 15 000 € left for 28 000 €): « classé »
    assert (f"Enregistré par Date 1 D5 consensus Q1 : 2 → 3 ; sans ce consensus, le jury proposait : 5ᵉ, "
            f"réserve ; avec : 3ᵉ, classé relu Présidente {inferred} "
            f"2 D6 jury : ajourné pièce Jury {inferred} 3 D3 jury : retenu relu Jury "
            "13 mars 2026 à 10 h 30 4 D1 vote : retenu (20 000 €) délibération CP 2 avril "
            "2026 5 D2 vote : retenu (15 000 €) délibération CP 20 mai 2026 ") in page
    en = [words(c["at_words"]) for c in build_minutes(call, result, "pv", "en")["changes"]]
    assert en == ["12 March 2026 (the meeting's date, not recorded)",
                  "12 March 2026 (the meeting's date, not recorded)", "13 March 2026 at 10:30",
                  "2 April 2026", "20 May 2026"]
    body = pv_words(call, result, "docx")
    assert body.count("12 mars 2026 (date de la séance, non enregistrée)") == 2 and "2 avril 2026" in body


def test_no_date_the_journal_never_recorded(tmp_path: Path) -> None:
    """Review audit, finding 9: the French guide's withdrawal, recorded after the vote of
    12 May without --at, was dated 4 May (the séance's day, its stage being « jury »).  A
    withdrawal (the applicant's act), a cancellation, a decision at an earlier stage
    recorded without --at: no date; a vote recorded before isgrid sealed its date: its
    deliberation's day, said to be inferred."""
    from isgrid.call.journal_append import append

    folder = seance_call(tmp_path)
    # an older isgrid's vote: no at, no reference in the entry (meeting.vote's)
    append(folder, kind="decision", stage="vote", dossier="D1", outcome="retenu", by="CP",
           reason="délibération")
    run("withdraw", folder, "D2", "--by", "Secrétariat", "--reason", "courrier")
    run("decide", folder, "D6", "--stage", "recevabilité", "--outcome", "non-retenu",
        "--by", "Service", "--reason", "hors champ")
    run("withdraw", folder, "D5", "--by", "Secrétariat", "--reason", "courrier",
        "--at", "2026-04-20")
    call = load_call(folder)
    changes = build_minutes(call, score(call), "pv", "fr")["changes"]
    assert [(c["dossier"], words(c["at_words"])) for c in changes] == [
        ("D1", "2 avril 2026 (date de la délibération, non enregistrée)"),
        ("D2", ""), ("D6", ""),
        ("D5", "20 avril 2026"),  # its own --at
    ]
