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
