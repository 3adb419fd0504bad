"""``isgrid call purge`` and the other files of the call folder (review rev-dpo, finding 7):
the Démarche Numérique export the example keeps in its folder (``export-dossiers.csv``:
the applicants' e-mails, SIRET, the instructors' address) is said, with the hint to
delete it; a removed contact value written in any other text file of the folder is said
with its line; the purge changes neither."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli.main import cli
from purgecalls import kept_contact


def _call(tmp_path: Path) -> Path:
    call = kept_contact(tmp_path, "AL16-02", "email", "bonjour@tiers-lieu.example")
    (call / "notes").mkdir()
    (call / "notes" / "suivi.md").write_text(
        "# Suivi\n\nRelancer le porteur : bonjour@tiers-lieu.example (AL16-02).\n", "utf-8")
    return call


def test_the_platform_export_and_a_removed_value_elsewhere_are_said(tmp_path: Path) -> None:
    call = _call(tmp_path)
    export = (call / "export-dossiers.csv").read_bytes()
    assert b"contact@atelier-velo.example" in export  # the example's applicants' e-mails
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert (f"{call / 'export-dossiers.csv'}: this file is a platform export (Démarche "
            "Numérique): it holds the applicants' e-mails") in out
    assert "Delete it once the dossiers are imported" in out
    # line 3, column 23 of notes/suivi.md (« Relancer le porteur : » is 22 characters)
    assert (f"{call / 'notes' / 'suivi.md'}:3:23: 'bonjour@tiers-lieu.example' is still "
            "written here") in out
    assert out.count("[purge-name-left]") == 2
    # said, never changed: the secretariat deletes them
    assert (call / "export-dossiers.csv").read_bytes() == export
    assert "bonjour@tiers-lieu.example" in (call / "notes" / "suivi.md").read_text("utf-8")
    assert "email" not in (call / "dossiers" / "AL16-02.yaml").read_text("utf-8")


def test_without_the_export_nothing_more_is_said(tmp_path: Path) -> None:
    call = _call(tmp_path)
    (call / "export-dossiers.csv").unlink()
    (call / "notes" / "suivi.md").write_text("Relancer le porteur d'AL16-02.\n", "utf-8")
    res = CliRunner().invoke(cli, ["--strict", "call", "purge", str(call), "--apply",
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    assert "[purge-name-left]" not in res.output
