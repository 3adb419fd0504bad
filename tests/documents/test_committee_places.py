"""The committee report says who replaced whom, in the minutes' words (review s18 F10)."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from click.testing import CliRunner

from clirun import norm
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.minutes import build_minutes
from isgrid.engine import score
from testpaths import ROOT


def run(*args: object) -> None:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output


def test_the_committee_report_says_who_took_the_withdrawn_place(tmp_path: Path) -> None:
    # Alsace, budget 52 000: AL16-02 (24 000) withdraws, 25 000 left after AL16-01
    # (27 000); AL16-03 (15 000), first on the reserve, fits and is proposed in its place
    folder = tmp_path / "appel"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    said = "AL16-02 s'est retiré ; AL16-03 (liste de réserve) est proposé à sa place."
    call = load_call(folder)
    pv = build_minutes(call, score(call), "pv", "fr")
    assert [norm(w["text"]) for w in pv["withdrawals"]] == [said]  # type: ignore[index]
    for fmt in ("md", "html"):
        out = tmp_path / f"comite.{fmt}"
        run("--lang", "fr", "report", folder, "--kind", "committee", "--format", fmt,
            "-o", out)
        text = norm(html.unescape(out.read_text(encoding="utf-8")))
        assert "Retraits et places libérées" in text and said in text, fmt
    out = tmp_path / "comite-en.md"
    run("--lang", "en", "report", folder, "--kind", "committee", "--format", "md",
        "-o", out, "--lang", "en")
    assert "Withdrawals and freed places" in norm(out.read_text(encoding="utf-8"))
