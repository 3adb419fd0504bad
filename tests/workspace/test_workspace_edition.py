"""A call folder copied with ``cp -r`` (last year's call reused) and its workspace
database: refused at start, never served to this year's jurors (workspace/edition.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from isgrid.cli.main import cli
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

DID = "AL16-03"


def isgrid(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def edit(folder: Path, change: dict[str, object], names: dict[str, str] | None = None
         ) -> None:
    path = folder / "call.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    for a in data["assessors"]:
        if names and a["id"] in names:
            a["name"] = names[a["id"]]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def last_year(tmp_path: Path) -> tuple[Path, Path]:
    """Last year's call with a workspace (a draft of j1's), and its ``cp -r`` copy."""
    old = alsace(tmp_path, keep_ratings=False, name="aap-2016")
    ws = Workspace(old)
    ws.save("j1", DID, Entry(comments={"ALS-2": "Porteur fragile, à revoir."}))
    assert ws.stored("j1", DID)["c:ALS-2"] == "Porteur fragile, à revoir."
    ws.close()
    new = tmp_path / "aap-2017"
    shutil.copytree(old, new)
    assert (new / ".isgrid" / "jury.sqlite3").is_file()  # the database came along
    return old, new


def test_a_juror_given_last_years_id_is_refused_at_start(tmp_path: Path) -> None:
    old, new = last_year(tmp_path)
    edit(new, {}, names={"j1": "Paul Meyer"})  # this year's j1 is another person
    before = (new / ".isgrid" / "jury.sqlite3").read_bytes()
    run = isgrid("jury", "secretariat", str(new))
    assert run.exit_code == 2, run.output
    assert "[workspace-juror-renamed]" in run.output
    assert "« Paul Meyer »" in run.output and "« Hélène Schaeffer »" in run.output
    assert "signin" not in run.output  # no link given
    # nothing of last year's sheet is deleted
    assert (new / ".isgrid" / "jury.sqlite3").read_bytes() == before
    # a name written with other spaces or case is the same person's
    edit(new, {}, names={"j1": "hélène  SCHAEFFER"})
    assert isgrid("jury", "secretariat", str(new)).exit_code == 0
    # the original call is untouched and still opens
    assert isgrid("jury", "secretariat", str(old)).exit_code == 0


def test_another_editions_database_is_refused_and_kept(tmp_path: Path) -> None:
    _, new = last_year(tmp_path)
    edit(new, {"title": "Appel à projets 2017"})
    run = isgrid("jury", "invite", str(new), "-o", str(tmp_path / "links.csv"))
    assert run.exit_code == 2, run.output
    assert "[workspace-other-edition]" in run.output
    assert "« Appel à projets 2017 »" in run.output
    assert "call init NEW --from OLD" in run.output
    assert str(new / ".isgrid") in run.output.replace("\n", "")
    assert not (tmp_path / "links.csv").exists()
    # moved away: the workspace starts a database of its own, and j1 has no draft
    (new / ".isgrid").rename(tmp_path / "old-isgrid")
    ws = Workspace(new)
    assert ws.stored("j1", DID)["c:ALS-2"] == ""
    ws.close()


def test_a_date_moved_more_than_six_months_is_another_edition(tmp_path: Path) -> None:
    old = alsace(tmp_path, keep_ratings=False)
    edit(old, {"meeting": {"date": "2016-06-15"}})
    Workspace(old).close()
    # postponed by 183 days (the gap): the same edition, the new date recorded
    edit(old, {"meeting": {"date": "2016-12-15"}})
    Workspace(old).close()
    # 184 days after the recorded 2016-12-15: another edition
    edit(old, {"meeting": {"date": "2017-06-17"}})
    run = isgrid("jury", "secretariat", str(old))
    assert run.exit_code == 2 and "[workspace-other-edition]" in run.output
    assert "dated 2016-12-15" in run.output and "dated 2017-06-17" in run.output


def test_confirm_call_records_a_corrected_name_only_when_applied(tmp_path: Path) -> None:
    _, new = last_year(tmp_path)
    edit(new, {"title": "Appel 2016 (corrigé)"}, names={"j1": "Hélène Schaeffer-Roth"})
    dry = isgrid("jury", "confirm-call", str(new))
    assert dry.exit_code == 0, dry.output
    assert "juror j1: « Hélène Schaeffer » in the database" in dry.output
    assert "title: «" in dry.output and "--apply" in dry.output
    assert isgrid("jury", "secretariat", str(new)).exit_code == 2  # nothing recorded
    done = isgrid("jury", "confirm-call", str(new), "--apply")
    assert done.exit_code == 0 and "Recorded" in done.output
    assert isgrid("jury", "secretariat", str(new)).exit_code == 0
    ws = Workspace(new)
    # the same person: her draft is hers
    assert ws.stored("j1", DID)["c:ALS-2"] == "Porteur fragile, à revoir."
    entry = next(a for a in ws.audit_log() if a.action == "confirm-call")
    assert '"j1": "Hélène Schaeffer-Roth"' in entry.after
    ws.close()
    again = isgrid("jury", "confirm-call", str(new))
    assert again.exit_code == 0 and "nothing to confirm" in again.output
