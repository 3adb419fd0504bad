"""A disagreement a consensus settled says so where the jury reads it (the committee
report's flags, the fiches, the séance board): the chair read « désaccord » on ALS-5 of
AL16-02 though call.yaml's consensus had settled it at 3 (a review of the workspace)."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import norm, run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def _report(tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "c.md"
    run("report", str(EXAMPLE), "--format", "md", "-o", str(out), *extra)
    return norm(out.read_text(encoding="utf-8"))


def test_a_settled_disagreement_says_its_consensus(tmp_path: Path) -> None:
    # call.yaml: AL16-02 / ALS-5 consensus 3; the scale's level 3 is « Bon »
    text = _report(tmp_path)
    assert ("désaccord : Capacité du porteur et des partenaires à déployer rapidement, une "
            "fois la faisabilité vérifiée (ALS-5), réglé par consensus à 3 (Bon)") in text


def test_in_english_and_without_consensus(tmp_path: Path) -> None:
    assert "disagreement: Capacité du porteur et des partenaires à déployer rapidement, " \
           "une fois la faisabilité vérifiée (ALS-5), settled by consensus at 3 (Bon)" in \
           _report(tmp_path, "--lang", "en")
    # the same call without its consensus: the disagreement is open, said as before
    call = tmp_path / "call"
    shutil.copytree(EXAMPLE, call)
    yaml = (call / "call.yaml").read_text(encoding="utf-8")
    start = yaml.index("consensus:\n")
    end = yaml.index("funding:\n")
    (call / "call.yaml").write_text(yaml[:start] + yaml[end:], encoding="utf-8")
    out = tmp_path / "open.md"
    run("report", str(call), "--format", "md", "-o", str(out))
    text = norm(out.read_text(encoding="utf-8"))
    assert ("désaccord : Capacité du porteur et des partenaires à déployer rapidement, une "
            "fois la faisabilité vérifiée (ALS-5)") in text
    assert "réglé par consensus" not in text


def test_the_seance_board_says_it_too(tmp_path: Path) -> None:
    out = tmp_path / "board"
    run("watch", str(EXAMPLE), "-o", str(out), "--once")
    page = norm((out / "index.html").read_text(encoding="utf-8"))
    assert "vérifiée (ALS-5), réglé par consensus à 3 (Bon)" in page
