"""``isgrid intake`` edits an existing dossier file in place: only the keys the platform
gives change; the secretary's comments, keys, blank lines, quotes, encoding and line
ends stay byte for byte."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_xlsx
from isgrid.cli.main import cli
from isgrid.intake.refresh import refresh

FR = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}

#: DN-101 as the secretary keeps it: her comments, a key of her own with a quoted
#: postcode, a date left unquoted, an indented list, a summary in a literal block.
KEPT_101 = """\
# Écrit par isgrid intake depuis Démarche Numérique (dossier n° 101, en_instruction).
# Dossier suivi par Mme Roth (secrétariat).
id: DN-101
title: Recyclerie solidaire du Sundgau

# Montants vérifiés le 12/04 avec le porteur
amount_requested: 25000   # montant du formulaire
eligible_costs: 70000
departement: "68"
code_postal: "06100"      # saisi à la main
submitted_at: 2016-03-14
siret: '12345678900015'
rna: W681000001           # à vérifier au JOAFE
email: contact@recyclerie.example
phone: 03 89 00 00 01
scic: true
holder: Recyclerie (structure)
partners:
  - name: Ville d'Altkirch   # convention signée
    type: collectivite
  - name: Emmaüs Mundo
    type: asso

summary: |
  Une recyclerie en zone rurale.
  Deux emplois d'insertion.
"""

#: DN-102 as typed on Windows: cp1252, CRLF; no departement nor rna yet.
KEPT_102 = (
    "# Saisi par le secrétariat (Excel, Windows)\r\n"
    "id: DN-102\r\n"
    "title: Épicerie sociale mobile\r\n"
    "amount_requested: 18000\r\n"
    "eligible_costs: 40000\r\n"
    "submitted_at: '2016-03-20'\r\n"
    "siret: '98765432100023'\r\n"
    "email: bonjour@epicerie.example\r\n"
    "phone: 03 88 00 00 02\r\n"
    "scic: false\r\n"
    "holder: Épicerie (structure)\r\n"
    "partners:\r\n"
    "- name: CCAS de Sélestat\r\n"
    "  type: collectivite\r\n"
    "notes: Dossier déposé à la préfecture\r\n").encode("cp1252")


def _call(tmp_path: Path) -> Path:
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    (call / "dossiers" / "DN-101.yaml").write_text(KEPT_101, encoding="utf-8")
    (call / "dossiers" / "DN-102.yaml").write_bytes(KEPT_102)
    return call


def _second_export(tmp_path: Path) -> Path:
    later = copy.deepcopy(DOSSIERS)
    # 101: accepted, a new title, another amount, no RNA any more, a third partner
    later[0].update(state="accepte", title="Recyclerie solidaire du Sundgau (Altkirch)",
                    amount_text="22 500,50 €", rna="",
                    partners=[*later[0]["partners"], ("Mairie de Hirsingue", "collectivite")])
    # 102: a title the platform writes with a narrow no-break space (not in cp1252), a
    # département and an RNA answered, its partner's type changed
    later[1].update(title="Épicerie sociale mobile, enfin\u202f!", departement="06",
                    rna="W671000002", partners=[("CCAS de Sélestat", "ccas")])
    return write_xlsx(tmp_path / "b.xlsx", export_sheets(later))


def test_a_refresh_changes_only_the_platforms_keys_and_keeps_the_rest_byte_for_byte(
        tmp_path: Path) -> None:
    call = _call(tmp_path)
    res = CliRunner().invoke(cli, ["intake", str(call), "--from", str(_second_export(tmp_path))])
    assert res.exit_code == 0, res.output
    assert "0 new, 2 changed, 0 left the filter, 1 unchanged" in res.output
    assert "Warning" not in res.output
    # the title and the amount changed where they are written (the comment after the
    # amount stays), the RNA's line goes with its comment, the new partner comes after
    # the last one at its indentation, the first line says the new state; the rest
    # (comments, blank lines, "68" and "06100" quoted, the date unquoted, the summary)
    # is as it was
    assert (call / "dossiers" / "DN-101.yaml").read_text(encoding="utf-8") == """\
# Écrit par isgrid intake depuis Démarche Numérique (dossier n° 101, accepté).
# Dossier suivi par Mme Roth (secrétariat).
id: DN-101
title: Recyclerie solidaire du Sundgau (Altkirch)

# Montants vérifiés le 12/04 avec le porteur
amount_requested: 22500.5   # montant du formulaire
eligible_costs: 70000
departement: "68"
code_postal: "06100"      # saisi à la main
submitted_at: 2016-03-14
siret: '12345678900015'
email: contact@recyclerie.example
phone: 03 89 00 00 01
scic: true
holder: Recyclerie (structure)
partners:
  - name: Ville d'Altkirch   # convention signée
    type: collectivite
  - name: Emmaüs Mundo
    type: asso
  - name: Mairie de Hirsingue
    type: collectivite

summary: |
  Une recyclerie en zone rurale.
  Deux emplois d'insertion.
"""
    # still cp1252 and CRLF: the title with U+202F as an escape between double quotes,
    # the partner's type in place, the new keys after the secretary's last one, the
    # département quoted (06 would be a number)
    assert (call / "dossiers" / "DN-102.yaml").read_bytes() == (
        "# Saisi par le secrétariat (Excel, Windows)\r\n"
        "id: DN-102\r\n"
        'title: "Épicerie sociale mobile, enfin\\u202f!"\r\n'
        "amount_requested: 18000\r\n"
        "eligible_costs: 40000\r\n"
        "submitted_at: '2016-03-20'\r\n"
        "siret: '98765432100023'\r\n"
        "email: bonjour@epicerie.example\r\n"
        "phone: 03 88 00 00 02\r\n"
        "scic: false\r\n"
        "holder: Épicerie (structure)\r\n"
        "partners:\r\n"
        "- name: CCAS de Sélestat\r\n"
        "  type: ccas\r\n"
        "notes: Dossier déposé à la préfecture\r\n"
        "departement: '06'\r\n"
        "rna: W671000002\r\n").encode("cp1252")
    # and reads as the platform says
    res = CliRunner().invoke(cli, ["intake", str(call), "--from", str(tmp_path / "b.xlsx")])
    assert "0 new, 0 changed, 0 left the filter, 3 unchanged" in res.output


#: DN-103 with its title repeated under summary by an alias: when the title changes, the
#: summary would change with it, so the file cannot be edited in place.
ALIASED_103 = """\
# Tiers-lieu, suivi par M. Weber
id: DN-103
title: &nom Tiers-lieu des savoir-faire
summary: *nom
"""


def test_a_file_that_cannot_be_edited_in_place_is_written_anew_after_a_warning(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    path = call / "dossiers" / "DN-103.yaml"
    path.write_text(ALIASED_103, encoding="utf-8")
    later = copy.deepcopy(DOSSIERS)
    later[2]["title"] = "Tiers-lieu des savoir-faire de Sélestat"
    export = str(write_xlsx(tmp_path / "b.xlsx", export_sheets(later)))
    warning = (f"Warning: {path}:4:10 (summary): the file cannot be edited in place (a value "
               "repeated with an alias (*nom) would change with the value it repeats); it is "
               "written anew: its comments and layout are not kept [intake-rewritten]")
    # said before anything is written: --strict stops there, --dry-run writes nothing
    res = CliRunner().invoke(cli, ["--strict", "intake", str(call), "--from", export])
    assert res.exit_code == 1 and warning in res.output, res.output
    assert path.read_text(encoding="utf-8") == ALIASED_103
    res = CliRunner().invoke(cli, ["intake", str(call), "--from", export, "--dry-run"], env=FR)
    assert res.exit_code == 0, res.output
    assert (f"Avertissement\u00a0: {path}:4:10 (summary)\u00a0: le fichier ne peut pas être "
            "modifié sur place (une valeur répétée par un alias (*nom) changerait avec la "
            "valeur qu'elle répète)\u202f; il est réécrit\u00a0: ses commentaires et sa mise "
            "en forme ne sont pas gardés [intake-rewritten]") in res.output
    assert path.read_text(encoding="utf-8") == ALIASED_103
    res = CliRunner().invoke(cli, ["intake", str(call), "--from", export])
    assert res.exit_code == 0 and warning in res.output, res.output
    # as a new file, the summary the secretary had (the title as it was) kept as a text
    assert path.read_text(encoding="utf-8") == """\
# Écrit par isgrid intake depuis Démarche Numérique (dossier n° 103, en instruction).
# isgrid intake met à jour title et les faits de intake.facts et intake.lists depuis \
la plateforme (une valeur que vous y corrigez est gardée)\u202f; vos autres clés et vos \
commentaires restent tels quels.
id: DN-103
title: Tiers-lieu des savoir-faire de Sélestat
departement: '67'
amount_requested: 12000
eligible_costs: 30000
submitted_at: '2016-04-02'
siret: '11122233300036'
rna: W672000003
email: info@tiers-lieu.example
phone: 03 88 00 00 03
scic: false
holder: Tiers-lieu (structure)
partners: []
summary: Tiers-lieu des savoir-faire
"""


def test_a_dossier_file_that_cannot_be_read_stops_the_refresh_before_any_write(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    broken = "id: DN-103\ntitle: [Tiers-lieu\nsummary: mon résumé\n"
    (call / "dossiers" / "DN-103.yaml").write_text(broken, encoding="utf-8")
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    later = copy.deepcopy(DOSSIERS)
    later[0]["amount_text"] = "22 500 €"  # DN-101 would change
    later[2]["amount_text"] = "13 000 €"
    res = CliRunner().invoke(cli, ["intake", str(call), "--from",
                                   str(write_xlsx(tmp_path / "b.xlsx", export_sheets(later)))])
    assert res.exit_code == 1, res.output
    assert f"Error: {call / 'dossiers' / 'DN-103.yaml'}:" in res.output
    assert "[yaml-syntax]" in res.output
    assert "Hint: isgrid intake writes over no dossier file it cannot read: correct it " \
        "(isgrid call check shows the same), or remove it to take the dossier in again; " \
        "nothing was written." in res.output
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before


def test_a_dossier_file_with_a_key_written_twice_stops_the_refresh_before_any_write(
        tmp_path: Path) -> None:
    """A key written twice (a hand correction appended) is an error at its second line, as
    `call check` says, and nothing is written: the refresh used to write the file anew with
    the first value only, the second and every comment gone (found by the review)."""
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_xlsx(tmp_path / "a.xlsx", export_sheets()))
    path = call / "dossiers" / "DN-101.yaml"
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    path.write_text(text + "notes: a\nnotes: b\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    later = copy.deepcopy(DOSSIERS)
    later[0]["amount_text"] = "22 500 €"  # DN-101 would change
    res = CliRunner().invoke(cli, ["intake", str(call), "--from",
                                   str(write_xlsx(tmp_path / "b.xlsx", export_sheets(later)))])
    assert res.exit_code == 1, res.output
    assert (f"Error: {path}:{lines + 2}:1 (notes): the key “notes” appears twice "
            "[yaml-duplicate-key]") in res.output
    assert "nothing was written." in res.output
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before
