"""``ratings-missing`` for a juror who scores in the jury workspace: the hint says to wait
for their submission or reopen their sheet in /admin, never only « import their workbook »
(they have none), in English and French, from ``isgrid call check`` (and every command that
loads the call: ``jury invite``, ``jury serve``...)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

import isgrid
from isgrid.cli import cli
from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace

NB = "\u00a0"
HINT = ("If j1 scores in the jury workspace (isgrid jury serve): wait for their submission, "
        "or, if they have submitted, reopen their sheet from the dashboard (/admin, « Rouvrir "
        "sa grille ») for them to complete it. If they score in a workbook: import it once it "
        "comes back (isgrid sheets import), with --replace to complete it.")
HINT_FR = (f"Si j1 note dans l'espace du jury (isgrid jury serve){NB}: attendez sa soumission, "
           f"ou, s'il a soumis sa grille, rouvrez-la depuis le tableau de bord (/admin, «{NB}"
           f"Rouvrir sa grille{NB}») pour qu'il la complète. S'il note dans un classeur{NB}: "
           "importez-le à son retour (isgrid sheets import), avec --replace pour le compléter.")


def hints(folder: Path, assessor: str) -> list[str]:
    return [str(d.hint) for d in isgrid.load_call(folder).warnings
            if d.code == "ratings-missing" and d.message.values.get("assessor") == assessor]


def test_a_workspace_jurors_missing_ratings_say_to_wait_or_reopen(tmp_path: Path) -> None:
    folder = alsace(tmp_path)  # j3 keeps the workbook's ratings; j1 and j2 score online
    for j in ("j1", "j2"):
        (folder / "ratings" / f"{j}.csv").unlink()
    plain = tmp_path / "plain"
    shutil.copytree(folder, plain)
    ws = Workspace(folder)
    # j1 has not rated any of their 7 dossiers: a workspace's hint
    assert hints(folder, "j1") == [HINT]
    # j1 submits with AL16-02 rated on one criterion only: the same hint, not « fill these
    # cells of their workbook »
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "3"}))
    ws.submit("j1")
    assert hints(folder, "j1") == [HINT, HINT]
    ws.engine.dispose()
    # the same call without the workspace's database: the workbook's hint (the code's own)
    assert hints(plain, "j1") == ["None"]
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)]).stderr
    assert HINT_FR in " ".join(fr.split(" ")).replace("\n", " "), fr


def test_a_workspace_on_postgresql_is_known_by_its_record(tmp_path: Path) -> None:
    """A workspace on PostgreSQL (``--db``) keeps no database in the call folder, only its
    record, ``.isgrid/workspace.json`` (review rev-dpo 11: ``jury serve --db postgresql://…``
    told the secretariat to send workbooks).  The record alone says the jury scores online."""
    from sqlalchemy.engine import make_url

    from isgrid.call.missing import WORKSPACE_RECORD, scored_online
    from isgrid.call.purge_extra import RECORD
    from isgrid.workspace.purged import record_database

    assert WORKSPACE_RECORD == RECORD  # one path, the purge's and this check's
    folder = alsace(tmp_path)
    (folder / "ratings" / "j1.csv").unlink()
    assert not scored_online(folder) and hints(folder, "j1") == ["None"]
    record_database(folder, make_url("postgresql://isgrid@db.example:5432/jury"))
    assert not (folder / ".isgrid" / "jury.sqlite3").exists()
    assert scored_online(folder) and hints(folder, "j1") == [HINT]


def test_the_first_start_reads_the_call_as_the_workspace_serves_it(
        tmp_path: Path, db: str | None) -> None:
    """The first ``jury invite``/``jury serve`` of a call read it before the workspace had
    made (SQLite) or recorded (PostgreSQL) its database: the warnings it printed gave the
    workbook's hint.  The workspace reads the call again once it has."""
    folder = alsace(tmp_path)
    (folder / "ratings" / "j1.csv").unlink()
    ws = Workspace(folder, db)
    try:
        said = [str(d.hint) for d in ws.call.warnings if d.code == "ratings-missing"
                and d.message.values.get("assessor") == "j1"]
        assert said == [HINT]
    finally:
        ws.engine.dispose()
