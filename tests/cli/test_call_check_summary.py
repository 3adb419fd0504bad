"""``isgrid call check``'s last line counts in words that agree with the numbers: « 1
dossier », « 0 note reçue » (French: the singular up to 1), « 7 cellules vides »; it
said « 1 dossiers, 1 évaluateurs » before."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli


def test_the_summary_agrees_with_its_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "mon-appel"
    made = CliRunner().invoke(cli, ["call", "init", str(folder), "--grid", "alsace-aap-2016"])
    assert made.exit_code == 0, made.output
    en = CliRunner().invoke(cli, ["call", "check", str(folder)]).stdout.splitlines()[-1]
    assert en == "ok: 1 dossier, 0 ratings received (7 empty cells), 1 assessor, grid " \
                 "alsace-aap-2016 version 1", en
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    last = fr.stdout.splitlines()[-1]
    assert last == "ok\u00a0: 1 dossier, 0 note reçue (7 cellules vides), 1 évaluateur, " \
                   "grille alsace-aap-2016 version 1", last


def test_a_call_that_changes_its_grid_says_its_version_in_words(tmp_path: Path) -> None:
    """A call whose call.yaml changes its grid (``set``) scores version « 1+call », a code:
    the summary said « grille alsace-aap-2016 1+call »; every document says « version 1,
    adaptée par l'appel » (``documents.text.version_words``), the check too."""
    import shutil

    from testpaths import EXAMPLES

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)  # its call.yaml sets facts' types
    runner = CliRunner()
    fr = runner.invoke(cli, ["--lang", "fr", "call", "check", str(folder)]).stdout
    assert fr.splitlines()[-1].endswith(
        ", grille alsace-aap-2016 version 1, adaptée par l'appel"), fr
    en = runner.invoke(cli, ["--lang", "en", "call", "check", str(folder)]).stdout
    assert en.splitlines()[-1].endswith(", grid alsace-aap-2016 version 1, adapted by the call"), en


def test_a_journal_of_one_entry_says_so(tmp_path: Path) -> None:
    """« ok: 1 entry » / « ok : 1 entrée », « 2 entries » / « 2 entrées »."""
    import shutil

    from testpaths import EXAMPLES

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    runner = CliRunner()
    for n in (1, 2):
        res = runner.invoke(cli, ["consensus", "set", str(folder), "AL16-05", "ALS-3", str(n),
                                  "--by", "S", "--reason", "r"])
        assert res.exit_code == 0, res.output
        en = runner.invoke(cli, ["journal", "verify", str(folder)]).stdout
        fr = runner.invoke(cli, ["--lang", "fr", "journal", "verify", str(folder)]).stdout
        assert en.startswith(f"ok: {n} {'entry' if n == 1 else 'entries'}, head sha256 "), en
        assert fr.startswith(f"ok\u00a0: {n} {'entrée' if n == 1 else 'entrées'}, "), fr


def test_counts_are_grouped_by_thousands(monkeypatch: pytest.MonkeyPatch) -> None:
    """« 165 500 dossiers » (narrow no-break spaces) in French, « 165,500 » in English:
    every count said through ``_n``."""
    from isgrid.cli.base import _n

    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert _n("{n} dossier", "{n} dossiers", 165500) == "165\u202f500 dossiers"
    assert _n("{n} dossier", "{n} dossiers", 1).format(n=1) == "1 dossier"
    monkeypatch.setenv("LC_ALL", "C")
    assert _n("{n} dossier", "{n} dossiers", 165500).format(n=165500) == "165,500 dossiers"


def test_the_check_reads_the_jurors_opinions_too(tmp_path: Path) -> None:
    """A bad amount in opinions/j1.csv was said by `report`, never by `call check`."""
    import shutil

    from testpaths import EXAMPLES

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "opinions").mkdir()
    (folder / "opinions" / "j1.csv").write_text(
        "dossier,assessor,opinion,amount,comment\nAL16-02,j1,favorable,52.000,x\n",
        encoding="utf-8")
    run = CliRunner().invoke(cli, ["call", "check", str(folder)])
    assert run.exit_code == 0
    assert f"{folder / 'opinions' / 'j1.csv'}:2:4: '52.000'" in run.stderr
    assert "[bad-amount]" in run.stderr
    strict = CliRunner().invoke(cli, ["--strict", "call", "check", str(folder)])
    assert strict.exit_code == 1


def test_call_init_completes_a_folder_without_call_yaml(tmp_path: Path) -> None:
    """Every command's hint in a folder of dossiers and ratings without call.yaml is
    « create one with call init », which refused the folder as not empty: it now writes
    call.yaml alone, never an example beside the call's own files."""
    import shutil

    from testpaths import EXAMPLES

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "call.yaml").unlink()
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    run = CliRunner().invoke(cli, ["call", "init", str(folder), "--grid", "alsace-aap-2016"])
    assert run.exit_code == 0, run.output
    after = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert sorted({*after} - {*before}) == [Path("call.yaml")]
    # a folder with call.yaml, or with other things only, is still refused
    again = CliRunner().invoke(cli, ["call", "init", str(folder), "--grid", "alsace-aap-2016"])
    assert again.exit_code == 2 and "[output-exists]" in again.output
    other = tmp_path / "autre"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    assert CliRunner().invoke(cli, ["call", "init", str(other), "--grid",
                                    "alsace-aap-2016"]).exit_code == 2
