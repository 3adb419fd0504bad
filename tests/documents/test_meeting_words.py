"""An English call's dashboard says « meeting », never « séance » (in English, a
spiritualist's session: found by a review of `isgrid watch` on an English call, « Séance
dashboard » projected to an English-speaking committee)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.cli import cli


def test_the_english_dashboard_is_a_meeting_dashboard(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"lang": "en"})
    out = tmp_path / "board"
    res = CliRunner().invoke(cli, ["--lang", "en", "watch", str(folder), "-o", str(out),
                                   "--once"])
    assert res.exit_code == 0, res.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Meeting dashboard\b", page), page[:400]
    assert "éance" not in re.sub(r"<[^>]+>", " ", page)
