"""SCDL Subventions 2.1.1 (the default) validated against the published schema.

The schema is the published ``schema.json`` of 2.1.1, vendored in
``tests/fixtures/scdl`` (see its README for the source).  frictionless checks
the fields (types, patterns, enums, required); the schema's two Validata
custom checks are applied here as Validata defines them: ``french-siret-value``
(14 digits, Luhn checksum) and ``one-of-required`` (for each row, idBeneficiaire
or rnaBeneficiaire is non-empty).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.documents.opendata import DISPOSITIF_COLUMNS, SCDL_COLUMNS_2_1_1
from isgrid.engine import score
from testpaths import EXAMPLES, FIXTURES

frictionless = pytest.importorskip("frictionless")
SCHEMAS = FIXTURES / "scdl"


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def siret(n: int) -> str:
    """A 14-digit SIRET whose Luhn checksum holds: 13 digits then the check digit."""
    base = f"{n:013d}"
    for last in range(10):
        if luhn_ok(base + str(last)):
            return base + str(last)
    raise AssertionError  # pragma: no cover


def validate(csv_path: Path, version: str = "2.1.1") -> list[tuple[object, ...]]:
    """Every error of the file against the published schema, custom checks included."""
    desc = json.loads((SCHEMAS / f"subventions-{version}.schema.json").read_text("utf-8"))
    schema = frictionless.Schema.from_descriptor(
        {k: v for k, v in desc.items() if k in ("fields", "missingValues")})
    report = frictionless.Resource(path=csv_path.name, basepath=str(csv_path.parent),
                                   schema=schema).validate()
    errors: list[tuple[object, ...]] = [tuple(e) for e in
                                        report.flatten(["rowNumber", "fieldName", "type"])]
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text("utf-8"))))
    for check in desc.get("custom_checks", []):
        p = check["params"]
        for i, row in enumerate(rows, start=2):
            if check["name"] == "french-siret-value":
                v = row.get(p["column"], "")
                if v and not (len(v) == 14 and v.isdigit() and luhn_ok(v)):
                    errors.append((i, p["column"], "french-siret-value"))
            elif check["name"] == "one-of-required" and not row.get(p["column1"]) \
                    and not row.get(p["column2"]):
                errors.append((i, p["column1"], "one-of-required"))
    return errors


def _voted_copy(example: Path, tmp_path: Path, rna_only: bool = True) -> Path:
    """The example with a grantor, a vote on every proposed laureate and the holders' ids."""
    call = tmp_path / example.name
    shutil.copytree(example, call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg.setdefault("set", {}).update({"facts.holder": {"type": "string"},
                                      "facts.siret": {"type": "string"},
                                      "facts.rna": {"type": "string"}})
    cfg["meeting"] = {"vote": {"date": "2026-04-02", "reference": "CP-2026-04-117"},
                      "attribuant": {"name": "Région Exemple", "siret": siret(2335000160),
                                     "dates_periode_versement": "2026-05-01/2026-12-31"}}
    cfg["dispositif"] = {"id": "65d5b6c7-102c-4440-ac3b-768f708edc0a",
                         "zone": "Grand Est", "contact": "aap@region.example",
                         "date_ouverture": "2026-01-15", "date_cloture": "2026-03-15"}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    for i, path in enumerate(sorted((call / "dossiers").glob("*.yaml")), start=1):
        d = yaml.safe_load(path.read_text("utf-8"))
        d["holder"] = f"Structure {d['id']}"
        if rna_only and i == 1:
            d["rna"] = f"W{i:09d}"  # an association known by its RNA number only
        else:
            d["siret"] = siret(100 + i)
        path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    result = score(load_call(call))
    # a checklist call (verdicts, no selection) has no proposal: the vote picks two
    chosen = (result.current.selected if result.current is not None else
              tuple(x.id for x in result.dossiers if x.eligible is not False)[:2])
    for did in chosen:
        # a call without money rules (an incubator) has no proposed amount: the vote gives one
        proposed = next(x for x in result.dossiers if x.id == did).amounts.proposed
        res = CliRunner().invoke(cli, ["decide", str(call), did, "--stage", "vote",
                                       "--outcome", "retenu", "--by", "CP",
                                       "--amount", str(int(proposed or 10000)),
                                       "--reason", "Vote de la commission permanente"])
        assert res.exit_code == 0, res.output
    return call


@pytest.mark.parametrize("example", sorted(p for p in EXAMPLES.iterdir()
                                           if (p / "call.yaml").is_file()),
                         ids=lambda p: p.name)
def test_every_shipped_example_validates_against_2_1_1(example: Path, tmp_path: Path) -> None:
    call = _voted_copy(example, tmp_path)
    out = tmp_path / "subventions.csv"
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert tuple(rows[0].keys()) == SCDL_COLUMNS_2_1_1
    assert rows, "no grant voted"
    assert {r["dispositifAide"] for r in rows} == {"65d5b6c7-102c-4440-ac3b-768f708edc0a"}
    assert validate(out) == []


def test_the_former_2_0_0_format_is_kept_on_request(tmp_path: Path) -> None:
    call = _voted_copy(EXAMPLES / "alsace-2016", tmp_path, rna_only=False)
    old = tmp_path / "old.csv"
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions",
                                   "--schema-version", "2.0.0", "-o", str(old)])
    assert res.exit_code == 0, res.output
    assert len(next(csv.reader(io.StringIO(old.read_text("utf-8"))))) == 14
    assert validate(old, "2.0.0") == []


def test_the_rna_alone_identifies_an_association_and_neither_is_refused(tmp_path: Path) -> None:
    call = _voted_copy(EXAMPLES / "alsace-2016", tmp_path)
    out = tmp_path / "s.csv"
    CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions", "-o",
                             str(out)])
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    # AL16-01 (the first dossier file) has only an RNA number, and is voted
    first = next(r for r in rows if r["nomBeneficiaire"] == "Structure AL16-01")
    assert (first["idBeneficiaire"], first["rnaBeneficiaire"]) == ("", "W000000001")
    # the validator does catch a row with neither (the check is not vacuous)
    bad = tmp_path / "bad.csv"
    text = out.read_text("utf-8").replace(",W000000001,", ",,")
    bad.write_text(text, "utf-8")
    assert (2, "idBeneficiaire", "one-of-required") in validate(bad)
    # and isgrid refuses to write such a row
    path = call / "dossiers" / "AL16-01.yaml"
    d = yaml.safe_load(path.read_text("utf-8"))
    del d["rna"]
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "scdl-subventions",
                                   "-o", str(tmp_path / "x.csv")])
    assert res.exit_code == 1
    assert "AL16-01: neither idBeneficiaire (SIRET) nor rnaBeneficiaire (RNA)" in res.output


def test_the_companion_dispositif_record(tmp_path: Path) -> None:
    call = _voted_copy(EXAMPLES / "alsace-2016", tmp_path)
    out = tmp_path / "dispositif.csv"
    res = CliRunner().invoke(cli, ["export", str(call), "--format", "dispositif-aide",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert len(rows) == 1 and tuple(rows[0]) == DISPOSITIF_COLUMNS
    r = rows[0]
    # funding.rate 0.5 of the example: 50 (a percentage); the porteur's SIREN is the
    # first 9 digits of the grantor's SIRET
    assert (r["id_aide"], r["taux_subvention_maximum"], r["aap_ami"]) == \
        ("65d5b6c7-102c-4440-ac3b-768f708edc0a", "50", "Oui")
    assert r["porteur_siren"] == siret(2335000160)[:9] and r["porteur_aide"] == "Région Exemple"
    assert r["recurrence_aide"] == "Ponctuelle" and r["zone_geographique"] == "Grand Est"


def test_a_call_without_dispositif_block_is_told_to_add_one(tmp_path: Path) -> None:
    """The hint said « Remplissez le bloc meeting.attribuant … et les faits SIRET des
    bénéficiaires », the code's general hint, where the dispositif block is what is missing
    (found by the French-guide walk, whose après-la-séance chapter exports both files)."""
    call = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    res = CliRunner().invoke(cli, ["--lang", "fr", "export", str(call), "--format",
                                   "dispositif-aide", "-o", str(tmp_path / "d.csv")])
    assert res.exit_code == 1
    nbsp = "\u00a0"
    assert res.stderr.splitlines()[-2:] == [
        f"Erreur{nbsp}: {call}/call.yaml (dispositif){nbsp}: call.yaml n'a pas de bloc "
        "dispositif (id, …) [export-incomplete]",
        f"  Indice{nbsp}: Ajoutez à call.yaml un bloc dispositif{nbsp}: l'identifiant de "
        f"l'appel dans le schéma «{nbsp}dispositif d'aide{nbsp}» (id), sa zone, son contact, "
        "sa date_ouverture et sa date_cloture (docs/decisions.md)."]
    assert not (tmp_path / "d.csv").exists()


def test_a_dispositif_without_zone_nor_contact_is_told_its_keys(tmp_path: Path) -> None:
    """The hint of an empty zone_geographique named « the meeting.attribuant block » (the
    code's general hint, the grants' block) where the dispositif block's zone is what is
    missing (review-data19 §12): each empty column names the key that gives it."""
    call = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    with (call / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("dispositif:\n  id: 65d5b6c7-102c-4440-ac3b-768f708edc0a\n")
    res = CliRunner().invoke(cli, ["--lang", "fr", "export", str(call), "--format",
                                   "dispositif-aide", "-o", str(tmp_path / "d.csv")])
    assert res.exit_code == 1
    nbsp = "\u00a0"
    lines = res.stderr.splitlines()
    zone = lines.index(f"Erreur{nbsp}: {call}/call.yaml (dispositif){nbsp}: dispositif{nbsp}: "
                       "zone_geographique est vide [export-incomplete]")
    assert lines[zone + 1].replace(nbsp, " ") == (
        "  Indice : Écrivez-le dans le bloc dispositif de call.yaml : `dispositif: {zone: "
        "Grand Est}` (docs/decisions.md §7).")
    contact = lines.index(f"Erreur{nbsp}: {call}/call.yaml (dispositif){nbsp}: dispositif"
                          f"{nbsp}: contact est vide [export-incomplete]")
    assert "`dispositif: {contact: aap@region.example}`" in lines[contact + 1]
    # the example has no grantor: the porteur's two say where else they come from
    assert any("sans lui, l'attribuant de meeting.attribuant (name, siret) est écrit comme "
               "porteur_siren" in line for line in lines)
    assert not any("SIRET des bénéficiaires" in line for line in lines)
    assert not (tmp_path / "d.csv").exists()
