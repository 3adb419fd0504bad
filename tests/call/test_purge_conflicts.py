"""``isgrid call purge`` and the recusal reasons of ``conflicts/<juror>.csv`` (review
rev-dpo, finding 3): where the jury workspace writes every recusal a juror declares, with
the reason they typed.  A purged name written there is replaced by its pseudonym (as in
the journal's reasons); a removed contact value is a ``purge-name-left`` warning with its
file and line (as in call.yaml); the recusals themselves stay."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli.main import cli
from purgecalls import kept_contact


def _call(tmp_path: Path) -> Path:
    call = kept_contact(tmp_path, "AL16-03", "contact_name", "Nadia Benali", name="t1")
    (call / "conflicts").mkdir()
    # as the workspace writes them (workspace.deports.conflicts_csv)
    (call / "conflicts" / "j1.csv").write_text(
        'assessor,dossier,reason\nj1,AL16-03,"Ami de Nadia Benali, contact du porteur"\n',
        "utf-8")
    (call / "conflicts" / "j2.csv").write_text(
        'assessor,dossier,reason\nj2,AL16-04,Sans motif\n'
        'j2,AL16-05,"Conjoint de Sophie Kuntz, salariée du porteur"\n', "utf-8")
    return call


def test_the_dry_run_says_what_the_purge_does_to_the_recusal_reasons(tmp_path: Path) -> None:
    call = _call(tmp_path)
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    out = res.output
    # j3, Sophie Kuntz, is the third juré: « Juré 3 »; her name in j2's reason, line 3
    assert "would pseudonymise the names in conflicts/j2.csv: reason[AL16-05]" in out
    # the applicant's contact removed from AL16-03: still written in j1's reason, line 2
    assert f"{call / 'conflicts' / 'j1.csv'}:2: 'Nadia Benali' is still written here" in out
    assert "[purge-name-left]" in out


def test_the_purge_pseudonymises_the_names_of_the_recusal_reasons(tmp_path: Path) -> None:
    call = _call(tmp_path)
    before = {(c.assessor, c.dossier) for c in load_call(call).config.conflicts}
    strict = CliRunner().invoke(cli, ["--strict", "call", "purge", str(call), "--apply",
                                      "--today", "2025-07-01"])
    assert strict.exit_code == 1  # the contact value left in j1's reason stops --strict
    assert "Kuntz" in (call / "conflicts" / "j2.csv").read_text("utf-8")  # nothing written
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    assert (call / "conflicts" / "j2.csv").read_text("utf-8").splitlines() == [
        "assessor,dossier,reason", "j2,AL16-04,Sans motif",
        'j2,AL16-05,"Conjoint de Juré 3, salariée du porteur"']
    # a contact value is the secretariat's to remove by hand: said, not changed
    assert "Nadia Benali" in (call / "conflicts" / "j1.csv").read_text("utf-8")
    after = load_call(call)
    assert {(c.assessor, c.dossier) for c in after.config.conflicts} == before  # the recusals stay
    assert ("j2", "AL16-05") in before and ("j1", "AL16-03") in before
    again = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2025-07-01"])
    assert "conflicts/j2.csv" not in again.output  # nothing left to pseudonymise


def test_a_reason_holding_a_lone_carriage_return_reads_back_whole(tmp_path: Path) -> None:
    """A reason typed on a Mac (a lone \\r inside, no comma nor quote): written back bare by
    Python's csv writer, whose rows end \\n, it split its row in two, and the purged call
    no longer loaded (« the conflict names an unknown dossier '' », conflicts/j2.csv:4)."""
    call = _call(tmp_path)
    (call / "conflicts" / "j2.csv").write_bytes(
        b'assessor,dossier,reason\nj2,AL16-04,Sans motif\n'
        b'j2,AL16-05,"Conjoint de Sophie Kuntz\rsalari\xc3\xa9e du porteur"\n')
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    # the name pseudonymised, the \r kept inside its quoted cell
    assert (call / "conflicts" / "j2.csv").read_bytes().endswith(
        b'j2,AL16-05,"Conjoint de Jur\xc3\xa9 3\rsalari\xc3\xa9e du porteur"\n')
    reasons = {(c.assessor, c.dossier): c.reason for c in load_call(call).config.conflicts}
    assert reasons[("j2", "AL16-05")] == "Conjoint de Juré 3\rsalariée du porteur"
    assert reasons[("j2", "AL16-04")] == "Sans motif"
