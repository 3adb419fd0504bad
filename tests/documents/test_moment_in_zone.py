"""A moment in the call's time zone, in words: one function
(:func:`isgrid.documents.typography.moment_words` with the call's ``timezone``) for the
workspace's pages and invitations and for the minutes.  A journal's ``--at`` that says its
zone (``Z``, an offset) is said at the call's clock in the minutes (it was said at the UTC
clock: « 14 h 30 » for a change made at 15 h 30 in Paris); one that says none is the call's
time, as written."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from tests.clirun import run

from isgrid.documents.typography import moment_words
from isgrid.workspace.moments import fmt_time

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"
NB = "\u00a0"


def test_a_moment_that_says_its_zone_is_said_at_the_call_s_clock() -> None:
    # 14 March 2026 is winter time in Paris (UTC+1; summer time starts on 29 March);
    # Cayenne is UTC-3, Nouméa UTC+11 (the next day)
    assert moment_words("2026-03-14T14:30Z", "fr", "Europe/Paris") == \
        f"14 mars 2026 à 15{NB}h{NB}30"
    assert moment_words("2026-03-14T14:30Z", "fr", "America/Cayenne") == \
        f"14 mars 2026 à 11{NB}h{NB}30"
    assert moment_words("2026-03-14T14:30+00:00", "en", "Pacific/Noumea") == \
        "15 March 2026 at 01:30"
    # 1 July: summer time in Paris (UTC+2)
    assert moment_words("2026-07-01T08:05:00+02:00", "fr", "America/Cayenne") == \
        f"1er juillet 2026 à 3{NB}h{NB}05"
    # no zone said: the call's time, as written; no call's zone: as written
    assert moment_words("2026-03-14T15:30", "fr", "America/Cayenne") == f"14 mars 2026 à 15{NB}h{NB}30"
    assert moment_words("2026-03-14T14:30Z", "fr") == f"14 mars 2026 à 14{NB}h{NB}30"
    assert moment_words("2026-03-14", "fr", "Europe/Paris") == "14 mars 2026"
    # seconds since the epoch, the workspace's: 1 800 000 000 s is 2027-01-15 08:00 UTC
    # (20 833 days and 8 hours); the workspace's fmt_time is this same function
    assert moment_words(1_800_000_000, "fr", "Europe/Paris") == f"15 janvier 2027 à 9{NB}h{NB}00"
    assert fmt_time(1_800_000_000, "en", "America/Cayenne") == "15 January 2027 at 05:00"


def test_the_minutes_say_a_change_s_time_in_the_call_s_zone(tmp_path: Path) -> None:
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLE, call)
    run("withdraw", call, "AL16-02", "--by", "Secrétariat", "--reason",
        "courrier du porteur du 3 mars", "--at", "2026-03-10T14:30Z")
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", call, "-o", out)
    assert f"<td>Secrétariat</td><td>10 mars 2026 à 15{NB}h{NB}30</td>" in out.read_text("utf-8")
    data = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    data["timezone"] = "America/Cayenne"
    (call / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    run("--lang", "fr", "minutes", call, "-o", out, "--force")
    assert f"<td>Secrétariat</td><td>10 mars 2026 à 11{NB}h{NB}30</td>" in out.read_text("utf-8")
