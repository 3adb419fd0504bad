"""The minutes quote the purge's journal entry with its date in words, as they write every
date (found by a review: « conservation 12 mois depuis le 2016-05-12 » in the PV).

The call (tests/decisions_calls.py) keeps personal data 12 months from its vote of
2 April 2026 (meeting.vote.date): due on 2 April 2027, the purge's --today.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_vote_reference import words

from clirun import run
from decisions_calls import seance_call


def test_the_purge_entry_is_dated_in_words(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"retention": {"months": 12}})
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "vote")
    run("call", "purge", folder, "--apply", "--today", "2027-04-02")
    last = json.loads((folder / "journal.jsonl").read_text("utf-8").splitlines()[-1])
    assert last["kind"] == "purge" and "depuis le 2 avril 2026)" in last["reason"]
    for lang in ("fr", "en"):
        out = tmp_path / f"pv-{lang}.html"
        run("--lang", lang, "minutes", folder, "--kind", "pv", "-o", out)
        text = words(out.read_text(encoding="utf-8"))
        # the reason is isgrid's French words, in either language of the minutes
        assert ("Purge des données personnelles (conservation 12 mois depuis le "
                "2 avril 2026) ; tête de chaîne avant purge : ") in text, text
        assert "2026-04-02" not in text
