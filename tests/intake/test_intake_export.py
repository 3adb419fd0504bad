"""``isgrid intake CALL --from FILE``: an export of Démarche Numérique becomes the call's dossiers."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dnexport import (
    DOSSIERS,
    LABELS,
    RENAMED_AMOUNT,
    export_sheets,
    make_intake_call,
    write_csv,
    write_ods,
    write_ratings,
    write_xlsx,
)
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.engine import score
from isgrid.errors import CallError
from isgrid.grid.model import FactSpec
from isgrid.intake.refresh import refresh
from isgrid.intake.values import read_value


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _facts(call: Path, did: str) -> dict:
    return yaml.safe_load((call / "dossiers" / f"{did}.yaml").read_text(encoding="utf-8"))


def test_a_realistic_export_becomes_a_call_that_check_accepts_and_score_ranks(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    export = write_xlsx(tmp_path / "export.xlsx", export_sheets())
    res = _run("intake", str(call), "--from", str(export))
    assert res.exit_code == 0, res.output
    assert "new: DN-101" in res.output and "new: DN-103" in res.output
    # 104 is « Refusé »: the filter keeps en_instruction and accepte only.  The call never
    # had it, so it did not "leave" anything: it is counted, not listed
    assert "DN-104" not in res.output
    assert "3 new, 0 changed, 0 left the filter, 0 unchanged, 2 avis; " \
        "1 outside the filter, not taken in" in res.output
    assert sorted(p.name for p in (call / "dossiers").iterdir()) == \
        ["DN-101.yaml", "DN-102.yaml", "DN-103.yaml"]
    d = _facts(call, "DN-101")
    # « 25 000 € » under the column the custom template renamed, read as 25000
    assert d["amount_requested"] == 25000 and d["eligible_costs"] == 70000
    assert d["submitted_at"] == "2016-03-14" and d["scic"] is True
    assert d["title"] == "Recyclerie solidaire du Sundgau" and d["departement"] == "68"
    # the repeatable block (sheet « (123) Partenaires du projet »): one item per Ligne
    assert d["partners"] == [{"name": "Ville d'Altkirch", "type": "collectivite"},
                             {"name": "Emmaüs Mundo", "type": "asso"}]
    assert _facts(call, "DN-103")["partners"] == []
    # the Avis sheet: a yes is favorable, a no défavorable, an unanswered avis is left out
    assert (call / "opinions" / "demarche-numerique.csv").read_text(encoding="utf-8") == (
        "dossier,assessor,opinion,amount,comment\n"
        "DN-101,j1,favorable,,Oui : aucune offre de réemploi dans le Sundgau.\n"
        'DN-103,j2,défavorable,,"Projet intéressant, modèle économique fragile."\n')
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    assert _run("call", "check", str(call)).exit_code == 0
    result = score(load_call(call))
    # every criterion at 4 > 3 > 2 (same weights): 102, 101, 103; budget 40 000:
    # 102 gets min(18 000, 50 % x 40 000 = 20 000, 27 000) = 18 000; 101 would get
    # min(25 000, 35 000, 27 000) = 25 000 > 22 000 left: reserve (rank-order stops there)
    assert [(x.id, x.rank) for x in result.dossiers] == [("DN-102", 1), ("DN-101", 2),
                                                          ("DN-103", 3)]
    assert result.current.selected == ("DN-102",)
    assert result.current.reserve == ("DN-101",)


def test_a_second_export_reports_the_new_dossier_and_the_changed_amount(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    notes = call / "dossiers" / "DN-102.yaml"
    notes.write_text(notes.read_text(encoding="utf-8")
                     + "summary: Note locale de la secrétaire.\n", encoding="utf-8")
    ratings_before = {p.name: p.read_bytes() for p in (call / "ratings").iterdir()}
    second = copy.deepcopy(DOSSIERS)
    second[0]["amount_text"] = "22 500,50 €"
    second.append({**second[2], "number": 105, "title": "Atelier vélo solidaire",
                   "partners": []})
    res = _run("intake", str(call), "--from",
               str(write_xlsx(tmp_path / "b.xlsx", export_sheets(second))))
    assert res.exit_code == 0, res.output
    assert "new: DN-105" in res.output
    assert "changed: DN-101 amount_requested: 25000 -> 22500.5" in res.output
    assert "1 new, 1 changed, 0 left the filter, 2 unchanged" in res.output
    assert "1 outside the filter, not taken in" in res.output  # DN-104, still refused
    # the ratings and the secretary's own key are untouched
    assert {p.name: p.read_bytes() for p in (call / "ratings").iterdir()} == ratings_before
    assert _facts(call, "DN-102")["summary"] == "Note locale de la secrétaire."
    # a rerun on the same export changes nothing and writes the same bytes
    before = {p.name: p.read_bytes() for p in (call / "dossiers").iterdir()}
    again = refresh(call, export=tmp_path / "b.xlsx")
    assert (again.new, again.changed, again.unchanged) == ([], {}, 4)
    assert {p.name: p.read_bytes() for p in (call / "dossiers").iterdir()} == before


def test_a_dossier_whose_state_alone_changed_has_its_first_line_brought_up_to_date(
        tmp_path: Path) -> None:
    """DN-101 moves from « en instruction » to « accepté » on the platform, nothing else
    changes: its file's first line says the new state (the rest byte for byte, CRLF line
    ends and the secretary's comment kept), and the refresh says so."""
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    path = call / "dossiers" / "DN-101.yaml"
    first = path.read_bytes()
    assert first.startswith("# Écrit par isgrid intake depuis Démarche Numérique "
                            "(dossier n° 101, en instruction).\n".encode())
    crlf = first.replace(b"\n", b"\r\n") + b"# vu au comite\r\n"
    path.write_bytes(crlf)
    second = copy.deepcopy(DOSSIERS)
    second[0]["state"] = "accepte"
    res = _run("intake", str(call), "--from",
               str(write_xlsx(tmp_path / "b.xlsx", export_sheets(second))))
    assert res.exit_code == 0, res.output
    assert "changed: DN-101 state: being examined -> accepted" in res.output
    assert "0 new, 1 changed, 0 left the filter, 2 unchanged" in res.output
    assert path.read_bytes() == crlf.replace(b"101, en instruction).",
                                             "101, accepté).".encode())
    again = refresh(call, export=tmp_path / "b.xlsx")  # nothing left to change
    assert (again.changed, again.unchanged) == ({}, 3)


def test_a_dossier_back_in_the_filter_with_another_state_says_it(tmp_path: Path) -> None:
    """Found by a review: DN-101 leaves the filter (« en construction »: dropped from
    intake-state.json), then comes back « accepté »: its first line said
    « en_instruction » for good, and the refresh said nothing.  And a state changed with a
    fact is said with the fact."""
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    path = call / "dossiers" / "DN-101.yaml"
    out = copy.deepcopy(DOSSIERS)
    out[0]["state"] = "en_construction"
    res = _run("--lang", "fr", "intake", str(call), "--from",
               str(write_xlsx(tmp_path / "b.xlsx", export_sheets(out))))
    assert res.exit_code == 0, res.output
    # sent back for correction: the platform's correction round, not a withdrawal (a
    # review found « retirez-le (isgrid withdraw) » there); its first line says its state
    assert ("renvoyé pour correction\u00a0: DN-101 (état en construction)\u202f; son fichier "
            "est gardé, et repris quand son porteur l'aura corrigé") in res.output
    assert "withdraw" not in res.output
    assert "(dossier n° 101, en construction)." in path.read_text(encoding="utf-8")
    back = copy.deepcopy(DOSSIERS)
    back[0]["state"] = "accepte"
    report = refresh(call, export=write_xlsx(tmp_path / "c.xlsx", export_sheets(back)))
    assert [(c.fact, c.old, c.new) for c in report.changed["DN-101"]] == [
        ("state", "en_construction", "accepte")]
    assert "(dossier n° 101, accepté)." in path.read_text(encoding="utf-8")
    both = copy.deepcopy(back)
    both[0]["state"] = "en_instruction"
    both[0]["amount_text"] = "22 500,50 €"
    report = refresh(call, export=write_xlsx(tmp_path / "d.xlsx", export_sheets(both)))
    assert sorted((c.fact, c.old, c.new) for c in report.changed["DN-101"]) == [
        ("amount_requested", 25000, 22500.5), ("state", "accepte", "en_instruction")]
    assert "(dossier n° 101, en instruction)." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["ods", "csv"])
def test_ods_and_csv_exports_give_the_same_dossiers_as_xlsx(tmp_path: Path, fmt: str) -> None:
    ref = make_intake_call(tmp_path / "ref")
    refresh(ref, export=write_xlsx(tmp_path / "e.xlsx", export_sheets()))
    call = make_intake_call(tmp_path / "call")
    path = (write_ods(tmp_path / "e.ods", export_sheets()) if fmt == "ods"
            else write_csv(tmp_path / "e.csv"))
    report = refresh(call, export=path)
    assert report.new == ["DN-101", "DN-102", "DN-103"]
    for did in report.new:
        got, want = _facts(call, did), _facts(ref, did)
        if fmt == "csv":  # a CSV export has no block sheet: no partners list
            want.pop("partners")
        assert got == want


def test_every_unreadable_value_is_located_at_its_cell_and_nothing_is_written(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    bad = copy.deepcopy(DOSSIERS)
    bad[0]["amount_text"] = "vingt mille"
    bad[1]["depot"] = "31/02/2016"
    bad[2]["scic"] = None
    sheets = export_sheets(bad)
    sheets["Dossiers"][3][19] = "Peut-être"  # row 4 = dossier 103, column T = Structure en SCIC
    with pytest.raises(CallError) as info:
        refresh(call, export=write_xlsx(tmp_path / "bad.xlsx", sheets))
    found = sorted((d.code, d.location.sheet, d.location.cell) for d in info.value.diagnostics
                   if d.severity == "error")
    # columns: O = the renamed amount (15th), H = Déposé le (8th), T = SCIC (20th)
    assert found == [("intake-value", "Dossiers", "H3"), ("intake-value", "Dossiers", "O2"),
                     ("intake-value", "Dossiers", "T4")]
    assert not (call / "dossiers").exists()
    assert not (call / "intake-state.json").exists()


def test_unknown_columns_and_unmapped_required_facts_are_reported(tmp_path: Path) -> None:
    intake = json.loads(json.dumps(__import__("dnexport").INTAKE))
    intake["ignore"] = []
    del intake["facts"]["amount_requested"]
    call = make_intake_call(tmp_path / "call", intake=intake)
    grid = (call / "grid.yaml").read_text(encoding="utf-8")
    (call / "grid.yaml").write_text(grid.replace(
        "  holder: {type: string, label: Porteur}",
        "  holder: {type: string, label: Porteur}\n  amount_requested: {type: number, "
        "required: true}"), encoding="utf-8")
    with pytest.raises(CallError) as info:
        refresh(call, export=write_xlsx(tmp_path / "e.xlsx", export_sheets()))
    got = sorted((d.code, d.severity, str(d.location.key_path or d.location.cell))
                 for d in info.value.diagnostics)
    # the renamed amount column (O1) and the private annotation (V1) are mapped to nothing
    assert got == [("intake-unknown-column", "warning", "O1"),
                   ("intake-unknown-column", "warning", "V1"),
                   ("intake-unmapped-fact", "error", "intake.facts")]


def test_an_export_without_an_id_column_is_refused(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    sheets = export_sheets()
    sheets["Dossiers"][0][0] = "Numéro"
    res = _run("intake", str(call), "--from", str(write_xlsx(tmp_path / "e.xlsx", sheets)))
    assert res.exit_code == 1
    assert "Dossiers!A1: the dossiers sheet has no `ID` column [intake-source]" in res.output


@pytest.mark.parametrize(("raw", "kind", "want"), [
    ("25 000 €", "number", 25000), ("25\u202f000,50 €", "number", 25000.5),
    ("1 200 EUR", "number", 1200), ("14/03/2016", "date", "2016-03-14"),
    ("2016-03-14T10:00:00+01:00", "date", "2016-03-14"), ("Oui", "boolean", True),
    ("non", "boolean", False), ("on", "boolean", True),
])
def test_values_as_the_platform_writes_them(raw: str, kind: str, want: object) -> None:
    assert read_value(raw, FactSpec(type=kind)) == (want, True)


@pytest.mark.parametrize(("raw", "kind"), [("vingt", "number"), ("31/02/2016", "date"),
                                           ("peut-être", "boolean"), ("12,5", "integer")])
def test_values_that_cannot_be_read(raw: str, kind: str) -> None:
    assert read_value(raw, FactSpec(type=kind)) == (raw, False)


def test_the_label_aliases_match_without_case_or_accents(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    sheets = export_sheets(amount_label="MONTANT SOLLICITE (€)")
    report = refresh(call, export=write_xlsx(tmp_path / "e.xlsx", sheets))
    assert report.warnings == []
    assert _facts(call, "DN-102")["amount_requested"] == 18000
    assert LABELS["amount_requested"] != RENAMED_AMOUNT


def test_a_dossier_taken_in_then_refused_has_left_the_filter(tmp_path: Path) -> None:
    # DN-103 is taken in (en instruction), then refused on the platform: its file stays
    # (its ratings stay valid) and the report lists it, once; DN-104, refused from the
    # start, is only counted.  In French under a French locale, with no-break spaces.
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    later = copy.deepcopy(DOSSIERS)
    later[2]["state"] = "refuse"
    export = write_xlsx(tmp_path / "b.xlsx", export_sheets(later))
    report = refresh(call, export=export, dry_run=True)
    assert report.left == {"DN-103": "refuse"} and report.outside == {"DN-104": "refuse"}
    res = CliRunner().invoke(cli, ["intake", str(call), "--from", str(export)],
                             env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"})
    assert res.exit_code == 0, res.output
    assert ("sorti du filtre\u00a0: DN-103 (état refusé)\u202f; son fichier est gardé"
            in res.output)
    assert "0 nouveau, 0 modifié, 1 sorti du filtre, 2 inchangés" in res.output
    assert "\u202f; 1 hors du filtre, non repris" in res.output
    assert (call / "dossiers" / "DN-103.yaml").is_file()


def test_labels_are_folded_once_and_never_mixed_up() -> None:
    # fold is cached (an export repeats its column labels for every dossier); equal keys of
    # other types (1, 1.0, True) must not share an answer
    from isgrid.intake.source import fold

    assert fold("Montant  demandé :") == fold("montant demande") == "montant demande"
    assert (fold(1), fold(1.0), fold(True)) == ("1", "1.0", "true")
    assert fold(1.0) == "1.0" and fold(1) == "1"
