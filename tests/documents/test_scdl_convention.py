"""SCDL ``dateConvention``: the date of the grant agreement (schema 2.1.1: « Date de la
convention de subvention », required), not the decision's (docs/decisions.md §7).

Where it comes from, first given first: the dossier's fact (``convention_date``, or the one
``meeting.attribuant.convention_date`` names), then ``meeting.vote.convention_date`` for
the grants of ``meeting.vote``'s deliberation; when neither is given, the decision's date
stands in for it, with ONE ``convention-date-missing`` warning naming how many grants and
which.

The séance call of tests/decisions_calls.py: budget 50 000, D1 20 000 + D2 15 000 + D3
10 000 = 45 000 retained; meeting.vote is CP-2026-04-117 of 2 April 2026.  D1 and D2 are
voted at it (no --at: its date, 2026-04-02), D3 at a later deliberation, CP-2026-05-07,
on 7 May 2026.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from decisions_calls import MEETING, seance_call
from isgrid.call.journal_append import append
from isgrid.cli import cli

NBSP = "\u00a0"
NNBSP = "\u202f"
DATED = {"set": {"facts.convention_date": {"type": "date"}}}


def call(tmp_path: Path, config: dict[str, Any] | None = None,
         facts: dict[str, str] | None = None) -> Path:
    folder = seance_call(tmp_path, call=config)
    for did in ("D1", "D2"):
        append(folder, kind="decision", dossier=did, outcome="retenu", stage="vote",
               by="CP", reason="délibération")
    append(folder, kind="decision", dossier="D3", outcome="retenu", stage="vote", by="CP",
           reason="délibération", reference="CP-2026-05-07", at="2026-05-07")
    for did, line in (facts or {}).items():  # as a user writes it in the dossier's file
        with (folder / "dossiers" / f"{did}.yaml").open("a", encoding="utf-8") as f:
            f.write(line + "\n")
    return folder


def export(folder: Path, tmp_path: Path, lang: str = "fr") -> tuple[int, str, dict[str, str]]:
    """(exit code, what the command said, {dossier's objet: dateConvention})."""
    out = tmp_path / "subventions.csv"
    run = CliRunner().invoke(cli, ["--lang", lang, "export", str(folder), "--format",
                                   "scdl-subventions", "-o", str(out)])
    if run.exit_code:
        return run.exit_code, run.output, {}
    rows = csv.DictReader(io.StringIO(out.read_text("utf-8")))
    return 0, run.output, {r["objet"]: r["dateConvention"] for r in rows}


def test_without_an_agreement_date_the_decisions_date_is_written_and_said_once(
        tmp_path: Path) -> None:
    code, out, dates = export(call(tmp_path, DATED), tmp_path)
    assert code == 0, out
    assert dates == {"Projet D1": "2026-04-02", "Projet D2": "2026-04-02",
                     "Projet D3": "2026-05-07"}
    assert out.count("[convention-date-missing]") == 1
    assert ("la colonne dateConvention du SCDL est la date de la convention de subvention"
            + NBSP + ": la date de la décision y a été écrite à sa place pour 3 subventions "
            "(D1, D2, D3)") in out
    # how to give it: the fact in each dossier's file (declared: no « declare » clause)
    assert "dossiers/<id>.yaml" + NBSP + ": `convention_date: 2026-06-20`)" in out
    assert "`meeting: {vote: {convention_date: 2026-06-20}}`" in out
    assert "écrit" + NBSP + ":" in out  # and the file is written


def test_the_dossiers_fact_wins_then_meeting_votes_date(tmp_path: Path) -> None:
    # D1: its fact (2026-04-20) over meeting.vote's (2026-04-15); D2: meeting.vote's;
    # D3, of another deliberation: its fact, written 25/05/2026 (read as 2026-05-25)
    meeting = dict(MEETING, vote=dict(MEETING["vote"], convention_date="2026-04-15"))
    folder = call(tmp_path, dict(DATED, meeting=meeting),
                  {"D1": "convention_date: 2026-04-20", "D3": "convention_date: 25/05/2026"})
    code, out, dates = export(folder, tmp_path)
    assert code == 0, out
    assert dates == {"Projet D1": "2026-04-20", "Projet D2": "2026-04-15",
                     "Projet D3": "2026-05-25"}
    assert "convention-date-missing" not in out


def test_meeting_votes_date_is_not_another_deliberations(tmp_path: Path) -> None:
    # meeting.vote.convention_date dates D1 and D2 only: D3 (CP-2026-05-07) keeps its
    # decision's date, and the warning names it alone
    meeting = dict(MEETING, vote=dict(MEETING["vote"], convention_date="2026-04-15"))
    code, out, dates = export(call(tmp_path, dict(DATED, meeting=meeting)), tmp_path, "en")
    assert code == 0, out
    assert dates == {"Projet D1": "2026-04-15", "Projet D2": "2026-04-15",
                     "Projet D3": "2026-05-07"}
    assert ("SCDL's dateConvention is the date of the grant agreement: the decision's date "
            "was written in its place for 1 grant (D3)") in out


def test_a_fact_named_by_attribuant(tmp_path: Path) -> None:
    # meeting.attribuant.convention_date names the fact: `signature`, declared by the call;
    # D2's is given, D1's and D3's are not
    meeting = dict(MEETING, attribuant=dict(MEETING["attribuant"], convention_date="signature"))
    folder = call(tmp_path, {"meeting": meeting, "set": {"facts.signature": {"type": "date"}}},
                  {"D2": 'signature: "2026-04-30"'})
    code, out, dates = export(folder, tmp_path, "en")
    assert code == 0, out
    assert dates == {"Projet D1": "2026-04-02", "Projet D2": "2026-04-30",
                     "Projet D3": "2026-05-07"}
    assert "in its place for 2 grants (D1, D3)" in out
    assert "(dossiers/<id>.yaml: `signature: 2026-06-20`); for the grants" in out


def test_the_hint_says_to_declare_the_fact_the_grid_does_not(tmp_path: Path) -> None:
    # nothing written, the fact undeclared: the hint says to write it and to declare it
    code, out, _ = export(call(tmp_path), tmp_path, "en")
    assert code == 0, out
    assert "in its place for 3 grants (D1, D2, D3)" in out
    assert ("(dossiers/<id>.yaml: `convention_date: 2026-06-20`, the fact declared in "
            "call.yaml under set: `facts.convention_date: {type: date}`)") in out


def test_an_agreement_date_written_undeclared_is_refused_where_it_is_written(
        tmp_path: Path) -> None:
    """The date written in D2's file, where the guide says, without the declaration: it was
    dropped as an unknown fact and the export wrote the decision's date in its place (D2
    among « 3 grants »); it is refused at the dossier's line, with the YAML to add."""
    folder = call(tmp_path, None, {"D2": "convention_date: 2026-04-30"})
    line = (folder / "dossiers" / "D2.yaml").read_text(encoding="utf-8").splitlines().index(
        "convention_date: 2026-04-30") + 1
    code, out, _ = export(folder, tmp_path, "en")
    assert code == 1, out
    assert (f"D2.yaml:{line}:1 (convention_date): the fact convention_date is the grant "
            "agreement's date of the open-data export (meeting.attribuant.convention_date), "
            "but neither the grid nor call.yaml declares it: it cannot be read "
            "[convention-date-undeclared]") in out, out
    assert "Hint: Declare it in call.yaml: `set: {facts.convention_date: {type: date}}`" in out
    assert not (tmp_path / "subventions.csv").exists()
    code, out, _ = export(folder, tmp_path, "fr")
    assert code == 1 and (f"ni la grille ni call.yaml ne le déclarent{NBSP}: il ne peut pas "
                          "être lu") in out, out
    # declared, the same file is read: D2's own date
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("set:\n  facts.convention_date: {type: date}\n")
    code, out, dates = export(folder, tmp_path, "en")
    assert code == 0, out
    assert dates["Projet D2"] == "2026-04-30"


def test_an_agreement_date_that_is_no_date_stops_the_export_at_the_dossiers_file(
        tmp_path: Path) -> None:
    folder = call(tmp_path, {"set": {"facts.convention_date": {"type": "string"}}},
                  {"D2": "convention_date: fin avril"})
    code, out, _ = export(folder, tmp_path)
    assert code == 1
    assert "D2.yaml (dossier D2)" + NBSP + ": D2" + NBSP + ": dateConvention n'est pas au " \
        "format AAAA-MM-JJ" in out
    assert not (tmp_path / "subventions.csv").exists()


def test_a_date_written_as_meeting_attribuant_convention_date_says_what_the_key_is(
        tmp_path: Path) -> None:
    """docs/calls.md lists `convention_date` under `attribuant`: a date written there was
    refused as « String should match pattern '^[^\\d]' »; it says the key names a fact."""
    meeting = dict(MEETING, attribuant=dict(MEETING["attribuant"], convention_date="2026-04-15"))
    folder = seance_call(tmp_path, call={"meeting": meeting})
    run = CliRunner().invoke(cli, ["call", "check", str(folder)])
    assert run.exit_code == 1
    assert ("(meeting.attribuant.convention_date): the name of the dossier fact that holds "
            "each grant's agreement date, not a date: one date for all of meeting.vote's "
            "grants goes in meeting.vote.convention_date (got '2026-04-15') [call-invalid]"
            ) in run.output, run.output
    assert "match pattern" not in run.output
