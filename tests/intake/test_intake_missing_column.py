"""An ``intake`` key that names no column of the export: an error at its key, nothing written.

Found by a review (a secretary's afternoon on a regional call): ``amount_requested:
"Montant sollicité"`` where the export says « Montant demandé » gave 30 lines
``amount_requested : 27000 -> None``, wrote 31 files and exited 0; the amount was gone
from every dossier.  A wrong ``intake.title`` gave one « n'a pas de titre » per dossier,
none naming the key, and the cut-off line named a command the user had not typed.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dnexport import (
    BLOCK_SHEET,
    CHAMPS,
    DOSSIERS,
    GRID,
    LABELS,
    RENAMED_AMOUNT,
    export_sheets,
    make_intake_call,
    write_csv,
    write_xlsx,
)
from isgrid.cli.main import cli
from isgrid.errors import CallError, Collector
from isgrid.intake.export import read_export
from isgrid.intake.refresh import refresh

FR = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}
EN = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C"}

#: The call as a secretary writes it, each mapping a column label (line numbers below are
#: counted by hand: intake.title is line 13, column 3; amount_requested line 16, column 5).
CALL = """\
title: Appel à projets de test (démarche fictive)
grid: grid.yaml
lang: fr
fictitious: true
budget: 40000
funding: {{rate: 0.5, cap: 27000, minimum: 5000}}
selection: {{rule: rank-order, reserve: 1}}
assessors:
  - {{id: i1, name: Service instructeur, role: instructeur}}
  - {{id: j1, name: Claire Martin, role: juré}}
  - {{id: j2, name: Marc Wendling, role: juré}}
intake:
  title: "{title}"
  facts:
    departement: "Département de réalisation"
    amount_requested: "{amount}"
    eligible_costs: "Dépenses éligibles (HT)"
    submitted_at: "Déposé le"
    holder: "Entreprise raison sociale"
  ignore: ["SIRET de la structure", "Numéro RNA", "Téléphone du contact",
           "Structure en SCIC", "Partenaires du projet", "Commentaire interne"]
"""


def _call(folder: Path, title: str = "Intitulé du projet",
          amount: str = "Montant demandé") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "grid.yaml").write_text(GRID, encoding="utf-8")
    (folder / "call.yaml").write_text(CALL.format(title=title, amount=amount),
                                      encoding="utf-8")
    return folder


def _export(path: Path, dossiers: list | None = None) -> Path:
    """The CSV export, its amount column headed « Montant demandé » as in the review."""
    return write_csv(path, dossiers, rename={RENAMED_AMOUNT: "Montant demandé"})


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(*args: str, env: dict | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env or EN)


def test_a_mistyped_fact_label_is_an_error_at_its_key_and_nothing_is_written(
        tmp_path: Path) -> None:
    call = _call(tmp_path / "call")
    export = str(_export(tmp_path / "export.csv"))
    first = _run("intake", str(call), "--from", export)
    assert first.exit_code == 0, first.output
    assert "3 new" in first.output  # 101, 102, 103 (104 is refused)
    # the secretary mistypes the amount's column
    (call / "call.yaml").write_text(CALL.format(title="Intitulé du projet",
                                                amount="Montant sollicité"), encoding="utf-8")
    before = _files(call)
    for extra in ([], ["--dry-run"]):
        res = _run("intake", str(call), "--from", export, *extra, env=FR)
        assert res.exit_code == 1, res.output
        assert (f"Erreur\u00a0: {call / 'call.yaml'}:16:5 (intake.facts.amount_requested)"
                f"\u00a0: la colonne «\u00a0Montant sollicité\u00a0» n'est pas dans {export} "
                "[intake-missing-column]") in res.stderr
        # the line to write is the key corrected (it offered the typo too, as an alias)
        assert ("  Indice\u00a0: Vouliez-vous dire «\u00a0Montant demandé\u00a0»\u202f? "
                "Écrivez, sous intake.facts dans call.yaml\u00a0: "
                '`amount_requested: "Montant demandé"`.\n') in res.stderr
        # one mistake, one diagnostic: the column it names is not « mapped to no fact » too
        assert "intake-unknown-column" not in res.stderr, res.stderr
        assert "None" not in res.output and "modifié" not in res.output
        assert _files(call) == before  # not one dossier lost its amount
    # a near miss without the accent (or with other case) is still the column
    (call / "call.yaml").write_text(CALL.format(title="intitule du projet",
                                                amount="MONTANT DEMANDE"), encoding="utf-8")
    res = _run("intake", str(call), "--from", export)
    assert res.exit_code == 0, res.output
    assert "0 new, 0 changed, 0 left the filter, 3 unchanged" in res.output


def test_a_mistyped_title_is_one_error_at_intake_title(tmp_path: Path) -> None:
    call = _call(tmp_path / "call", title="Titre du projet")
    export = str(_export(tmp_path / "export.csv"))
    res = _run("intake", str(call), "--from", export)
    assert res.exit_code == 1, res.output
    errors = [line for line in res.stderr.splitlines() if line.startswith("Error")]
    assert errors == [
        f"Error: {call / 'call.yaml'}:13:3 (intake.title): the column “Titre du projet” is "
        f"not in {export} [intake-missing-column]"]
    # and nothing else: « Intitulé du projet » was also a warning « mapped to no fact »
    # (intake-unknown-column), the one mistake said twice
    assert "Warning" not in res.stderr, res.stderr
    assert ('Hint: Did you mean “Intitulé du projet”? Write, under intake in call.yaml: '
            '`title: "Intitulé du projet"`') in res.stderr
    assert "has no title" not in res.output
    assert not (call / "dossiers").exists()


def test_with_no_close_column_the_hint_lists_the_columns_no_key_takes(tmp_path: Path) -> None:
    call = _call(tmp_path / "call", amount="Zorglub")
    export = str(_export(tmp_path / "export.csv"))
    res = _run("intake", str(call), "--from", export)
    assert res.exit_code == 1, res.output
    # « Montant demandé » is the one column of the form no key maps nor ignores (the
    # platform's own columns, Email, Traité le…, are not offered; « Zorglub » is too far
    # from every column for a guess)
    assert ('Hint: Write its column\'s header as the export has it, under intake.facts in '
            'call.yaml: `amount_requested: "<header>"`. Columns of the export no mapping '
            'takes: “Montant demandé”.') in res.stderr


def test_an_emptied_cell_is_said_in_words_not_none(tmp_path: Path) -> None:
    """The column is there, DN-101's cell is empty: the value goes, as the platform says,
    and the line says « (empty) » / « (vide) », never Python's None."""
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_csv(tmp_path / "a.csv"))
    later = copy.deepcopy(DOSSIERS)
    later[0]["rna"] = ""
    export = str(write_csv(tmp_path / "b.csv", later))
    res = _run("intake", str(call), "--from", export, "--dry-run")
    assert res.exit_code == 0, res.output
    assert "changed: DN-101 rna: 'W681000001' -> (empty)" in res.stdout
    res = _run("intake", str(call), "--from", export, env=FR)
    assert res.exit_code == 0, res.output
    assert "modifié\u00a0: DN-101 rna\u00a0: «\xa0W681000001\xa0» -> (vide)" in res.stdout
    assert "None" not in res.output
    assert "rna:" not in (call / "dossiers" / "DN-101.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("complete", [True, False])
def test_an_api_answer_without_the_champ_keeps_the_fact(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, complete: bool) -> None:
    """The API leaves out the champs its conditions hide, and an answer of the dossiers
    updated since the last refresh holds few: a key no dossier of it answers is a
    warning, and the files keep that fact (the export, with every column in its header,
    is the exact case)."""
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_csv(tmp_path / "a.csv"))
    renamed = write_csv(tmp_path / "b.csv", rename={"Numéro RNA": "RNA"})
    source = read_export(renamed, Collector())
    assert source is not None
    source.kind, source.complete = "api", complete
    monkeypatch.setattr("isgrid.intake.api.fetch_source", lambda *args, **kw: source)
    warned: list = []
    report = refresh(call, api=True, warn=warned.extend,
                     now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    missing = [d for d in warned if d.code == "intake-missing-column"]
    assert [(d.severity, d.location.key_path) for d in missing] == [
        ("warning", "intake.facts.rna")]
    assert report.changed == {}
    assert "rna: W681000001" in (call / "dossiers" / "DN-101.yaml").read_text(encoding="utf-8")


def test_the_state_is_said_in_french_words(tmp_path: Path) -> None:
    """The first line of a dossier file and the report say « en instruction », « refusé »,
    not the platform's codes; a file written with the code keeps its bytes while the
    state stays the same."""
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=write_csv(tmp_path / "a.csv"))
    path = call / "dossiers" / "DN-101.yaml"
    assert path.read_text(encoding="utf-8").startswith(
        "# Écrit par isgrid intake depuis Démarche Numérique (dossier n° 101, en instruction).\n")
    assert "(dossier n° 102, accepté)." in \
        (call / "dossiers" / "DN-102.yaml").read_text(encoding="utf-8")
    old = path.read_text(encoding="utf-8").replace("101, en instruction).",
                                                   "101, en_instruction).")
    path.write_text(old, encoding="utf-8")
    (call / "intake-state.json").unlink()  # the state known is lost: the first line is read
    again = refresh(call, export=tmp_path / "a.csv")
    assert again.changed == {} and path.read_text(encoding="utf-8") == old
    later = copy.deepcopy(DOSSIERS)
    later[0]["state"] = "refuse"
    res = _run("intake", str(call), "--from", str(write_csv(tmp_path / "b.csv", later)),
               env=FR)
    assert res.exit_code == 0, res.output
    assert "sorti du filtre\u00a0: DN-101 (état refusé)" in res.stdout


@pytest.mark.parametrize(("typed", "said"), [
    (["intake"], "isgrid --all-diagnostics intake …"),
    (["intake", "refresh"], "isgrid --all-diagnostics intake refresh …")])
def test_the_cut_line_names_the_command_as_typed(tmp_path: Path, typed: list[str],
                                                 said: str) -> None:
    """Twelve unreadable amounts: ten errors shown, and the line of the two others names
    the command the user ran (``isgrid intake CALL`` runs ``refresh`` unnamed)."""
    dossiers = [{**DOSSIERS[0], "number": 200 + i, "amount_text": "beaucoup"}
                for i in range(12)]
    call = make_intake_call(tmp_path / "call")
    res = _run(*typed, str(call), "--from", str(write_csv(tmp_path / "e.csv", dossiers)))
    assert res.exit_code == 1, res.output
    assert f"… and 2 more intake-value errors ({said} shows every one)" in res.stderr


def test_an_items_column_missing_from_its_blocks_sheet_is_an_error_at_its_key(
        tmp_path: Path) -> None:
    """The partners' sheet of an XLSX export heads its name column otherwise: the key
    ``intake.lists.partners.fields.name`` is refused, at its line, before any write."""
    call = make_intake_call(tmp_path / "call")
    sheets = export_sheets()
    sheets[BLOCK_SHEET][0][2] = "Nom du partenaire (raison sociale)"
    with pytest.raises(CallError) as caught:
        refresh(call, export=write_xlsx(tmp_path / "a.xlsx", sheets))
    [problem] = [d for d in caught.value.diagnostics if d.code == "intake-missing-column"]
    assert problem.location.key_path == "intake.lists.partners.fields.name"
    assert problem.location.line is not None
    assert problem.message == (f"the column “{LABELS['partner_name']}” is not in "
                               f"{tmp_path / 'a.xlsx'}")
    # the hint keeps the champ id the key has
    assert ('`name: {labels: ["Nom du partenaire (raison sociale)"], champs: '
            f'["{CHAMPS["partner_name"]}"]}}`') in str(problem.hint)
    assert not (call / "dossiers").exists()


def test_the_hint_of_mistyped_aliases_proposes_the_key_corrected(tmp_path: Path) -> None:
    """A list of headers (aliases), one mistyped: the line proposed is the list with the
    typo replaced by the column, the other alias kept (it proposed the column beside
    every label written, the typo included)."""
    call = _call(tmp_path / "call", amount="@AMOUNT@")
    text = (call / "call.yaml").read_text(encoding="utf-8")
    (call / "call.yaml").write_text(text.replace(
        '"@AMOUNT@"', '["Montant sollicité", "Montant HT"]'), encoding="utf-8")
    export = str(_export(tmp_path / "export.csv"))
    res = _run("intake", str(call), "--from", export)
    assert res.exit_code == 1, res.output
    assert ('Hint: Did you mean “Montant demandé”? Write, under intake.facts in call.yaml: '
            '`amount_requested: ["Montant demandé", "Montant HT"]`.\n') in res.stderr
    assert "Warning" not in res.stderr, res.stderr
