"""``isgrid call purge``: an applicant's contact value (``retention.contact_facts``, removed
from the dossiers) written in a journal entry's reason was neither said nor removed, while
the purged names there are pseudonymised.  The journal cannot be edited by hand (its hash
chain): the purge replaces the value in the entry's text itself, says which entries, and
re-seals the chain, which `journal verify` accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from isgrid.cli.main import cli
from testpaths import EXAMPLES

EMAIL = "claire.roux@asso-exemple.fr"
REASON = f"Le porteur renonce (courriel de {EMAIL}), lu par Hélène Schaeffer"


def _call(tmp_path: Path) -> Path:
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "contact_facts": ["email"]}
    cfg["meeting"] = {"vote": {"date": "2026-04-02"},
                      "members": [{"name": "Hélène Schaeffer", "assessor": "j1"}]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    with (call / "dossiers" / "AL16-01.yaml").open("a", encoding="utf-8") as f:
        f.write(f"email: {EMAIL}\n")
    run = CliRunner().invoke(cli, ["withdraw", str(call), "AL16-02", "--by", "Service ESS",
                                   "--reason", REASON])
    assert run.exit_code == 0, run.output
    return call


def test_the_dry_run_says_the_entry_and_changes_nothing(tmp_path: Path) -> None:
    call = _call(tmp_path)
    journal = (call / "journal.jsonl").read_bytes()
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "purge", str(call),
                                   "--today", "2027-04-02"])
    assert res.exit_code == 0, res.output
    assert ("[essai] retirer les coordonnées des porteurs écrites dans le motif ou la "
            "motivation de l'entrée 1 du journal") in res.output, res.output
    assert (call / "journal.jsonl").read_bytes() == journal


def test_the_purge_replaces_it_and_the_journal_verifies(tmp_path: Path) -> None:
    call = _call(tmp_path)
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2027-04-02"])
    assert res.exit_code == 0, res.output
    text = (call / "journal.jsonl").read_text("utf-8")
    assert EMAIL not in text and "Hélène" not in text
    # the French call's words, the name's pseudonym beside them
    assert ("Le porteur renonce (courriel de [coordonnées retirées par la purge]), lu par "
            "Juré 1") in text, text
    verify = CliRunner().invoke(cli, ["journal", "verify", str(call)])
    assert verify.exit_code == 0, verify.output
    # a second purge has nothing left to hide: the journal stays as it is
    before = (call / "journal.jsonl").read_bytes()
    CliRunner().invoke(cli, ["call", "purge", str(call), "--apply", "--today", "2027-05-01"])
    assert (call / "journal.jsonl").read_bytes() == before
