"""``isgrid call purge``: call.yaml and the dossier files keep what the secretariat wrote.

Only the purged values change: comments, blank lines, quotes, flow items, order and line
ends stay byte for byte, and isgrid reads the purged files as the same call.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.errors import Collector
from isgrid.io.yamlio import load_yaml
from testpaths import EXAMPLES

SEVEN = "[AL16-01, AL16-02, AL16-03, AL16-04, AL16-05, AL16-07, AL16-08]"

CALL_YAML = f"""\
# Appel à projets « Innovation(s) sociale(s) en Alsace » 2016, tenu par le secrétariat.
# voté en CA du 12/03 ; jury présidé par Hélène Schaeffer

title: "Innovation(s) sociale(s) en Alsace 2016"   # titre de la délibération
grid: alsace-aap-2016
lang: fr
retention: {{months: 12, contact_facts: [email, phone]}}

assessors:
  # l'instruction
  - id: i1
    name: 'Julien Roth (Mission ESS, instruction)'
    role: instructeur
  - {{id: j1, name: Hélène Schaeffer, role: juré, dossiers: {SEVEN}}}   # présidente du jury
  - {{id: j2, name: "Marc Wendling", role: juré, dossiers: {SEVEN}}}
  - {{id: j3, name: Sophie Kuntz, role: juré, dossiers: {SEVEN}}}

conflicts:
  - assessor: j2
    dossier: AL16-01
    reason: "Administrateur de la SCIC porteuse du projet"

funding: {{rate: 0.5, cap: 27000, minimum: 5000, partial: false}}
budget: 52000   # enveloppe votée en CA du 12/03 ; 5 000 € gardés en réserve
selection:
  rule: rank-order
  reserve: 2
set:
  # Le jury s'autorise les demi-points (2,5 ; 3,5) sur l'échelle 0-4 de la grille.
  scales.note04.half_steps: true

meeting:
  date: 2016-06-20
  chair: Hélène Schaeffer
  members:
    - {{name: Hélène Schaeffer, assessor: j1}}
    - name: Paul Meyer   # suppléant de marc WENDLING, sans voix délibérative
      voting: false
  interests:
    - {{member: Paul Meyer, dossier: AL16-03, text: "trésorier de l'association"}}
  vote: {{date: 2016-07-01}}
"""

#: The lines the purge changes, worked out by hand: (line number, before, after).
CHANGED = [
    (2, "# voté en CA du 12/03 ; jury présidé par Hélène Schaeffer",
     "# voté en CA du 12/03 ; jury présidé par Juré 1"),
    (12, "    name: 'Julien Roth (Mission ESS, instruction)'", "    name: 'Instructeur 1'"),
    (14, f"  - {{id: j1, name: Hélène Schaeffer, role: juré, dossiers: {SEVEN}}}   "
         "# présidente du jury",
     f"  - {{id: j1, name: Juré 1, role: juré, dossiers: {SEVEN}}}   # présidente du jury"),
    (15, f'  - {{id: j2, name: "Marc Wendling", role: juré, dossiers: {SEVEN}}}',
     f'  - {{id: j2, name: "Juré 2", role: juré, dossiers: {SEVEN}}}'),
    (16, f"  - {{id: j3, name: Sophie Kuntz, role: juré, dossiers: {SEVEN}}}",
     f"  - {{id: j3, name: Juré 3, role: juré, dossiers: {SEVEN}}}"),
    (34, "  chair: Hélène Schaeffer", "  chair: Juré 1"),
    (36, "    - {name: Hélène Schaeffer, assessor: j1}", "    - {name: Juré 1, assessor: j1}"),
    (37, "    - name: Paul Meyer   # suppléant de marc WENDLING, sans voix délibérative",
     "    - name: Membre 1   # suppléant de Juré 2, sans voix délibérative"),
    (40, "    - {member: Paul Meyer, dossier: AL16-03, text: \"trésorier de l'association\"}",
     "    - {member: Membre 1, dossier: AL16-03}"),
]

DOSSIER = """\
# Dossier fictif, saisi à la main.
id: AL16-01
title: "Recyclerie solidaire du Sundgau"   # intitulé du dépôt
departement: "68"
legal_form: SCIC SARL
postcode: 06100
email: marie.muller@recyclerie.example   # courriel de la gérante
phone: '03 89 00 00 00'

# montants du budget prévisionnel, page 4
amount_requested: 32000
eligible_costs: 70000
submitted_at: 2016-05-20
"""


def _call(tmp_path: Path, call_yaml: str = CALL_YAML, newline: str = "\n") -> Path:
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    (call / "call.yaml").write_bytes(call_yaml.replace("\n", newline).encode("utf-8"))
    (call / "dossiers" / "AL16-01.yaml").write_bytes(DOSSIER.replace("\n", newline)
                                                     .encode("utf-8"))
    return call


def _purge(call: Path, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2017-07-01", *args])
    return res.exit_code, res.output


def _changes(before: str, after: str) -> list[tuple[int, str, str]]:
    """The lines that differ, by number (the two texts have as many lines)."""
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), (old, new)
    return [(i, a, b) for i, (a, b) in enumerate(zip(old, new, strict=True), start=1) if a != b]


def test_the_purge_changes_only_the_purged_values_of_call_yaml(tmp_path: Path) -> None:
    call = _call(tmp_path)
    code, out = _purge(call, "--apply")
    assert code == 0, out
    after = (call / "call.yaml").read_text("utf-8")
    assert _changes(CALL_YAML, after) == CHANGED
    # the comments are there, where they were
    assert "# voté en CA du 12/03" in after and "# présidente du jury" in after
    assert "budget: 52000   # enveloppe votée en CA du 12/03" in after
    assert "pseudonymise the names in the comments of call.yaml, lines 2, 37" in out


def test_the_dossier_file_loses_its_contact_lines_only(tmp_path: Path) -> None:
    call = _call(tmp_path)
    code, out = _purge(call, "--apply")
    assert code == 0, out
    after = (call / "dossiers" / "AL16-01.yaml").read_text("utf-8")
    lines = DOSSIER.split("\n")
    # lines 7 and 8 go, with the comment at the end of line 7; everything else stays
    assert after.split("\n") == lines[:6] + lines[8:]
    assert "remove: email, phone from dossiers/AL16-01.yaml" in out


def test_isgrid_reads_the_purged_files_as_the_same_call(tmp_path: Path) -> None:
    call = _call(tmp_path)
    before = load_call(call)
    dossier = call / "dossiers" / "AL16-01.yaml"
    facts = load_yaml(dossier, Collector()).data  # type: ignore[union-attr]
    assert _purge(call, "--apply")[0] == 0
    after = load_call(call)
    expected = before.config.model_dump()
    for a, name in zip(expected["assessors"], ["Instructeur 1", "Juré 1", "Juré 2", "Juré 3"],
                       strict=True):
        a["name"] = name
    meeting = expected["meeting"]
    meeting["chair"] = "Juré 1"
    meeting["members"][0]["name"], meeting["members"][1]["name"] = "Juré 1", "Membre 1"
    meeting["interests"][0].update(member="Membre 1", text=None)
    assert after.config.model_dump() == expected
    assert [(d.id, d.title, d.facts, d.summary) for d in after.dossiers] == \
        [(d.id, d.title, d.facts, d.summary) for d in before.dossiers]
    # postcode 06100 stays the text "06100" (YAML 1.1 would have written the octal 3136)
    del facts["email"], facts["phone"]
    assert load_yaml(dossier, Collector()).data == facts  # type: ignore[union-attr]
    assert facts["postcode"] == "06100"


def test_line_ends_and_the_bom_stay_as_written(tmp_path: Path) -> None:
    call = _call(tmp_path, newline="\r\n")
    path = call / "call.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _purge(call, "--apply")[0] == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == CALL_YAML.count("\n")
    assert _changes(CALL_YAML, raw[3:].decode("utf-8").replace("\r\n", "\n")) == CHANGED
    dossier = (call / "dossiers" / "AL16-01.yaml").read_bytes()
    assert dossier.count(b"\r\n") == DOSSIER.count("\n") - 2 and b"\n\n" not in dossier


def test_a_cp1252_call_yaml_stays_cp1252(tmp_path: Path) -> None:
    call = _call(tmp_path)
    (call / "call.yaml").write_bytes(CALL_YAML.encode("cp1252"))
    assert _purge(call, "--apply")[0] == 0
    after = (call / "call.yaml").read_bytes().decode("cp1252")
    assert _changes(CALL_YAML, after) == CHANGED


def test_the_dry_run_lists_the_comments_and_changes_nothing(tmp_path: Path) -> None:
    call = _call(tmp_path)
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    code, out = _purge(call)
    assert code == 0, out
    assert "would pseudonymise the names in the comments of call.yaml, lines 2, 37" in out
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before


def _refused_under_strict(call: Path, dossier: str) -> str:
    """AL16-01's file written as ``dossier``, then ``--strict call purge --apply``: refused
    (exit 1) with nothing written; what it said."""
    (call / "dossiers" / "AL16-01.yaml").write_text(dossier, "utf-8")
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    res = CliRunner().invoke(cli, ["--strict", "call", "purge", str(call), "--apply",
                                   "--today", "2017-07-01"])
    assert res.exit_code == 1, res.output
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before
    return res.output


def test_a_name_left_in_a_value_is_a_warning_and_strict_writes_nothing(tmp_path: Path) -> None:
    text = CALL_YAML.replace('reason: "Administrateur de la SCIC porteuse du projet"',
                             'reason: "Déport demandé par Sophie Kuntz"')
    dossier = DOSSIER.replace("# montants", "# relu avec marie.muller@recyclerie.example ;"
                              " montants")
    call = _call(tmp_path, text)
    out = _refused_under_strict(call, dossier)
    assert f"{call / 'call.yaml'}:21:33: 'Sophie Kuntz' is still written here " \
        "[purge-name-left]" in out
    assert f"{call / 'dossiers' / 'AL16-01.yaml'}:10:13: 'marie.muller@recyclerie.example' " \
        "is still written here [purge-name-left]" in out
    # without --strict: said, and the purge goes on; the reason keeps its words
    code, out = _purge(call, "--apply")
    assert code == 0 and "[purge-name-left]" in out
    assert 'reason: "Déport demandé par Sophie Kuntz"' in (call / "call.yaml").read_text("utf-8")


@pytest.mark.parametrize(("juror", "comment", "column", "after"), [
    # the name in the comment was one edit with the whole comment: the address beside it
    # was taken as handled (no warning, --strict went on, the address stayed)
    ("Sophie Kuntz", "# suivi par Sophie Kuntz, joignable à marie.muller@recyclerie.example",
     39, "# suivi par Juré 3, joignable à marie.muller@recyclerie.example"),
    # a juror called « Marie » matched the start of the address: « Juré 3.muller@… », and
    # its first character edited, the address was no longer reported
    ("Marie", "# vu avec Marie, marie.muller@recyclerie.example",
     18, "# vu avec Juré 3, marie.muller@recyclerie.example"),
])
def test_a_contact_beside_a_name_in_one_comment_is_still_reported(
        tmp_path: Path, juror: str, comment: str, column: int, after: str) -> None:
    text = CALL_YAML.replace("name: Sophie Kuntz,", f"name: {juror},")
    call = _call(tmp_path, text)
    out = _refused_under_strict(call, DOSSIER.replace("# montants", comment + " ; montants"))
    assert f"{call / 'dossiers' / 'AL16-01.yaml'}:10:{column}: " \
        "'marie.muller@recyclerie.example' is still written here [purge-name-left]" in out
    code, out = _purge(call, "--apply")  # without --strict: said, the name still replaced
    assert code == 0 and "[purge-name-left]" in out
    assert after + " ; montants" in (call / "dossiers" / "AL16-01.yaml").read_text("utf-8")


def test_a_layout_that_cannot_be_edited_in_place_is_refused_and_nothing_written(
        tmp_path: Path) -> None:
    # the conflict's reason is an alias of Marc Wendling's name: renaming him would change it
    text = CALL_YAML.replace('name: "Marc Wendling"', 'name: &mw "Marc Wendling"').replace(
        'reason: "Administrateur de la SCIC porteuse du projet"', "reason: *mw")
    call = _call(tmp_path, text)
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    code, out = _purge(call, "--apply")
    assert code == 1, out
    # line 21 "    reason: *mw": the alias at column 13
    assert f"Error: {call / 'call.yaml'}:21:13 (conflicts[0].reason): a value repeated " \
        "with an alias (*mw) would change with the value it repeats [yaml-rewrite]" in out
    assert "nothing was changed" in out
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before


def test_a_ratings_file_excel_saved_in_cp1252_is_purged_and_stays_cp1252(
        tmp_path: Path) -> None:
    # Every command reads a ratings file Excel saved in cp1252 (with a warning); the purge
    # stopped on it with an internal error (UnicodeDecodeError), so that the legal purge
    # could not be done. Its comments are emptied, the other cells kept as they were, and
    # the file stays cp1252 with its semicolons (what Excel's « CSV (séparateur :
    # point-virgule) » writes: cp1252, semicolons, CRLF).
    call = _call(tmp_path)
    for path in (call / "ratings").glob("*.csv"):
        path.unlink()
    (call / "ratings" / "j1.csv").write_bytes(
        "dossier;assessor;criterion;value;comment\r\n"
        "AL16-01;j1;AV-1.1;3;Très bien ancré à Altkirch\r\n"
        "AL16-01;j1;ALS-2;2;\r\n"
        "AL16-02;j1;AV-1.1;4;Portée régionale, à suivre\r\n".encode("cp1252"))
    code, out = _purge(call)
    assert code == 0, out
    assert "ratings/j1.csv" in out
    code, out = _purge(call, "--apply")
    assert code == 0, out
    text = (call / "ratings" / "j1.csv").read_bytes().decode("cp1252")
    assert text.splitlines() == ["dossier;assessor;criterion;value;comment",
                                 "AL16-01;j1;AV-1.1;3;", "AL16-01;j1;ALS-2;2;",
                                 "AL16-02;j1;AV-1.1;4;"]


def test_a_cp1252_file_keeps_its_accents_where_the_purge_keeps_the_cell(
        tmp_path: Path) -> None:
    # an opinions-like file whose kept cells hold accents: written back in cp1252, the
    # same characters (not UTF-8 bytes that Excel would show as « Ã© »)
    call = _call(tmp_path)
    (call / "ratings" / "j1.csv").write_bytes(
        "dossier;assessor;criterion;value;comment\r\n"
        "AL16-01;j1;AV-1.1;3;Très bien\r\n".encode("cp1252"))
    (call / "ratings" / "zz.csv").write_bytes(
        "dossier;assessor;criterion;value;comment;note du secrétariat\r\n"
        "AL16-02;j3;AV-1.1;2;à revoir;reçu le 12/05\r\n".encode("cp1252"))
    from isgrid.call.purge_comments import _Emptied

    piece = b"".join(_Emptied(call / "ratings" / "zz.csv"))
    assert piece.decode("cp1252").splitlines()[1] == "AL16-02;j3;AV-1.1;2;;reçu le 12/05"


def test_a_ratings_file_neither_utf8_nor_cp1252_is_refused_at_its_line(
        tmp_path: Path) -> None:
    call = _call(tmp_path)
    # 0x81 is no character in cp1252, and not UTF-8 after "ab"
    (call / "ratings" / "j9.csv").write_bytes(
        b"dossier,assessor,criterion,value,comment\nAL16-01,j1,ALS-1,3,ok\n"
        b"AL16-02,j1,ALS-1,3,ab\x81\n")
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    code, out = _purge(call, "--apply")
    assert code == 1, out
    assert "ratings/j9.csv:3" in out and "neither UTF-8 nor cp1252" in out
    assert "Traceback" not in out and "internal error" not in out
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before


def _table_call(tmp_path: Path) -> Path:
    """The example with its eight dossiers as one table (cp1252, semicolons, as Excel
    saves it), an e-mail and a phone column, and retention over: AL16-01 with both,
    AL16-02 with a title Excel users type (« =solidaire »), the others without contact."""
    call = _call(tmp_path)
    cols = ["id", "title", "departement", "legal_form", "amount_requested",
            "eligible_costs", "submitted_at"]
    lines = [";".join([*cols, "email", "phone"])]
    for path in sorted((call / "dossiers").glob("*.yaml")):
        data = load_yaml(path, Collector()).data
        cells = ["" if data.get(c) is None else str(data[c]) for c in cols]
        contact = ["", ""]
        if data["id"] == "AL16-01":
            contact = ["marie@recyclerie.example", "03 89 00 00 00"]
        if data["id"] == "AL16-02":
            cells[1] = "Épicerie =solidaire"
        lines.append(";".join([*cells, *contact]))
    shutil.rmtree(call / "dossiers")
    (call / "dossiers.csv").write_bytes("\r\n".join([*lines, ""]).encode("cp1252"))
    return call


def test_the_table_of_dossiers_loses_its_contact_columns_values(tmp_path: Path) -> None:
    # The call's own dossiers.csv was called a « platform export » to delete, and kept the
    # applicants' e-mails after « purgé » (excel finding 5). Its contact columns are
    # emptied like a dossier file's contact lines; every other cell stays as typed (the
    # title « Épicerie =solidaire » is not neutralised: the table is not isgrid's output),
    # cp1252 and semicolons kept.
    call = _table_call(tmp_path)
    written = (call / "dossiers.csv").read_bytes().decode("cp1252").splitlines()
    code, out = _purge(call)
    assert code == 0, out
    assert "email, phone" in out and "dossiers.csv" in out
    # (the example's own export-dossiers.csv is one, said as such)
    assert "alsace/dossiers.csv: this file is a platform export" not in out
    code, out = _purge(call, "--apply")
    assert code == 0, out
    before = [line.split(";") for line in written]
    after = [line.split(";") for line in
             (call / "dossiers.csv").read_bytes().decode("cp1252").splitlines()]
    # every cell as it was but the e-mail and phone of AL16-01 (the only ones given)
    assert [row[:-2] for row in after] == [row[:-2] for row in before]
    assert after[1][-2:] == ["", ""] and before[1][-2:] == ["marie@recyclerie.example",
                                                           "03 89 00 00 00"]
    assert after[2][1] == "Épicerie =solidaire"
    # and the call reads the purged table as the same eight dossiers
    assert [d.id for d in load_call(call).dossiers] == [row[0] for row in before[1:]]
    assert "marie@" not in (call / "dossiers.csv").read_bytes().decode("cp1252")


def test_a_workbook_of_dossiers_is_purged_too(tmp_path: Path) -> None:
    """Its contact columns emptied as dossiers.csv's are, every other cell kept
    (tests/call/test_purge_workbook.py: the styles, what isgrid cannot write back)."""
    openpyxl = pytest.importorskip("openpyxl")
    call = _table_call(tmp_path)
    text = (call / "dossiers.csv").read_bytes().decode("cp1252")
    (call / "dossiers.csv").unlink()
    wb = openpyxl.Workbook()
    for line in text.splitlines():
        wb.active.append(line.split(";"))
    wb.save(call / "dossiers.xlsx")
    rows = [list(r) for r in openpyxl.load_workbook(call / "dossiers.xlsx").active.values]
    at = [rows[0].index("email"), rows[0].index("phone")]
    assert any(r[i] for r in rows[1:] for i in at)  # the contacts some rows give
    code, out = _purge(call, "--apply")
    assert code == 0, out
    assert "keeps the applicants' contact columns" not in out
    assert "alsace/dossiers.xlsx: this file is a platform export" not in out
    after = [list(r) for r in openpyxl.load_workbook(call / "dossiers.xlsx").active.values]
    assert after == [rows[0]] + [[None if i in at else v for i, v in enumerate(r)]
                                 for r in rows[1:]]
