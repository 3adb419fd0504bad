"""``isgrid intake`` on a call purged of its personal data is refused.

Found by a review (an instructeur): after ``isgrid call purge --apply``, the next intake
(a campaign still open on the platform) wrote the holders' e-mails and phones back into
the dossier files, and the expert's comment the purge had emptied, without a word.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from dnexport import export_sheets, make_intake_call, write_xlsx
from isgrid.call.journal_append import append
from isgrid.cli.main import cli


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_purged_call_is_not_refreshed(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    export = write_xlsx(tmp_path / "e.xlsx", export_sheets())
    assert _run("intake", str(call), "--from", str(export)).exit_code == 0
    # voted, then purged: the journal records the purge
    append(call, kind="decision", dossier="DN-101", by="CP", reason="délibération",
           stage="vote", outcome="retenu")
    cfg = yaml.safe_load((call / "call.yaml").read_text(encoding="utf-8"))
    cfg["retention"] = {"months": 1, "since": "2016-05-12", "contact_facts": ["email", "phone"]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    res = _run("call", "purge", str(call), "--apply", "--today", "2026-12-01")
    assert res.exit_code == 0, res.output
    purged = {p.name: p.read_bytes() for p in (call / "dossiers").iterdir()}
    assert b"contact@recyclerie.example" not in purged["DN-101.yaml"]
    avis = (call / "opinions" / "demarche-numerique.csv").read_bytes()
    assert "aucune offre de réemploi".encode() not in avis

    for extra in ([], ["--dry-run"]):
        res = _run("--lang", "en", "intake", str(call), "--from", str(export), *extra)
        assert res.exit_code == 2, res.output
        assert "[intake-purged]" in res.output
        assert "the call was purged of its personal data on" in " ".join(res.output.split())
    assert {p.name: p.read_bytes() for p in (call / "dossiers").iterdir()} == purged
    assert (call / "opinions" / "demarche-numerique.csv").read_bytes() == avis
