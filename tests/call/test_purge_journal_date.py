"""The purge's journal entry is a French sentence: its start date is written in words,
« depuis le 1er mai 2026 », not « depuis le 2026-05-01 » (found by a review of the journal
as a reader reads it: ``isgrid journal show``, the file itself).

The call (tests/decisions_calls.py) keeps personal data 12 months from ``retention.since``,
1 May 2026: due on 1 May 2027, the purge's --today.  The 1st of a month is « 1er » in
French.
"""

from __future__ import annotations

import json
from pathlib import Path

from clirun import run
from decisions_calls import seance_call


def test_the_purge_entry_writes_its_start_date_in_words(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"retention": {"months": 12, "since": "2026-05-01"}})
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "vote")
    run("call", "purge", folder, "--apply", "--today", "2027-05-01")
    last = json.loads((folder / "journal.jsonl").read_text("utf-8").splitlines()[-1])
    assert last["kind"] == "purge"
    assert last["reason"].startswith(
        "Purge des données personnelles (conservation 12 mois depuis le 1er mai 2026) ; "
        "tête de chaîne avant purge : "), last["reason"]
    assert "2026-05-01" not in last["reason"]
    run("journal", "verify", folder)  # the chain still verifies with the new words
