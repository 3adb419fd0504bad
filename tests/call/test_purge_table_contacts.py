"""``isgrid call purge`` looks for the applicants' contact values in every other file (a
journal's motive, a recusal's reason): those of a dossier file ``dossiers/*.yaml`` were, not
those of the call's table ``dossiers.csv`` (its ``contact_facts`` columns), which it empties
all the same (review excel, left over).  One function gives a dossier's contact values
whatever its file (:mod:`isgrid.call.purge_contacts`); the letters' check reads them too."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.call.purge_contacts import table_contacts
from isgrid.call.purge_people import contact_values
from isgrid.cli.main import cli
from testpaths import EXAMPLES

EMAIL = "marie@recyclerie.example"
PHONE = "03 89 00 00 00"
REASON = f"Le porteur renonce (courriel de {EMAIL} du 2 mai)"


def _table_call(tmp_path: Path) -> Path:
    """The example, its eight dossiers as one table (cp1252, semicolons, as Excel saves
    it) with an e-mail and a phone column that only AL16-01 fills, retention over; AL16-02
    withdrawn by a motive quoting AL16-01's e-mail."""
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "since": "2024-06-30", "contact_facts": ["email", "phone"]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    cols = ["id", "title", "departement", "legal_form", "amount_requested",
            "eligible_costs", "submitted_at"]
    lines = [";".join([*cols, "Email", "phone"])]  # (a column named in any case)
    for path in sorted((call / "dossiers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        cells = ["" if data.get(c) is None else str(data[c]) for c in cols]
        contact = [EMAIL, PHONE] if data["id"] == "AL16-01" else ["", ""]
        lines.append(";".join([*cells, *contact]))
    shutil.rmtree(call / "dossiers")
    (call / "dossiers.csv").write_bytes("\r\n".join([*lines, ""]).encode("cp1252"))
    run = CliRunner().invoke(cli, ["withdraw", str(call), "AL16-02", "--by", "Service ESS",
                                   "--reason", REASON])
    assert run.exit_code == 0, run.output
    return call


def test_the_tables_contact_values(tmp_path: Path) -> None:
    call = _table_call(tmp_path)
    assert table_contacts(call / "dossiers.csv", ["email", "phone"]) == {
        "AL16-01": [EMAIL, PHONE]}
    _, owners = contact_values(load_call(call))  # the letters' check: the same values
    assert owners == {EMAIL: {"AL16-01"}, PHONE: {"AL16-01"}}


def test_a_motive_quoting_an_email_only_the_table_gives_is_emptied(tmp_path: Path) -> None:
    call = _table_call(tmp_path)
    assert EMAIL in (call / "journal.jsonl").read_text("utf-8")
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "purge", str(call),
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    assert ("retirer les coordonnées des porteurs écrites dans le motif ou la motivation de "
            "l'entrée 1 du journal") in res.output, res.output
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    journal = (call / "journal.jsonl").read_text("utf-8")
    assert EMAIL not in journal
    assert ("Le porteur renonce (courriel de [coordonnées retirées par la purge] du 2 mai)"
            in journal), journal
    assert EMAIL not in (call / "dossiers.csv").read_bytes().decode("cp1252")
    verify = CliRunner().invoke(cli, ["journal", "verify", str(call)])
    assert verify.exit_code == 0, verify.output
