"""A value the secretariat corrected by hand in a dossier file is kept by the next intake.

Found by a review (an instructeur, Démarche Numérique): the secretariat checked the
eligible costs with the holder and wrote ``eligible_costs: 68000  # corrigé`` in
DN-101's file; the next export (where only the amount requested changed) put 70000
back, said as an ordinary « changed » line, the comment left beside the value it had
corrected away.  isgrid now keeps, in intake-state.json, a digest of each value the
platform gave: a value of the file that differs from it was edited by hand, and stays.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_xlsx
from isgrid.cli.main import cli
from isgrid.intake.refresh import refresh


def _export(path: Path, amount: str = "25 000 €", costs: str = "70 000 €") -> Path:
    dossiers = copy.deepcopy(DOSSIERS)
    dossiers[0]["amount_text"], dossiers[0]["costs_text"] = amount, costs
    return write_xlsx(path, export_sheets(dossiers))


def _facts(call: Path) -> dict:
    return yaml.safe_load((call / "dossiers" / "DN-101.yaml").read_text(encoding="utf-8"))


def _correct(call: Path) -> Path:
    """The secretariat's correction: 70 000 checked with the holder, 68 000."""
    path = call / "dossiers" / "DN-101.yaml"
    text = path.read_text(encoding="utf-8")
    assert "eligible_costs: 70000\n" in text
    path.write_text(text.replace("eligible_costs: 70000\n", "# vérifié avec le porteur\n"
                                 "eligible_costs: 68000  # corrigé\n"), encoding="utf-8")
    return path


def test_a_correction_is_kept_when_the_platform_did_not_change(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=_export(tmp_path / "a.xlsx"))
    _correct(call)
    res = CliRunner().invoke(cli, ["--lang", "fr", "intake", str(call), "--from",
                                   str(_export(tmp_path / "b.xlsx", amount="22 500 €"))])
    assert res.exit_code == 0, res.output
    # the amount the platform changed is taken; the costs the secretariat corrected stay
    assert "modifié\u00a0: DN-101 amount_requested\u00a0: 25000 -> 22500" in res.output
    assert "eligible_costs\u00a0: 68000 -> 70000" not in res.output
    assert ("gardé\u00a0: DN-101 eligible_costs\u00a0: 68000 (modifié à la main depuis le "
            "dernier import\u202f; la plateforme dit 70000)") in res.output
    assert "intake-hand-edit" not in res.output  # the platform's value did not change
    d = _facts(call)
    assert (d["amount_requested"], d["eligible_costs"]) == (22500, 68000)
    text = (call / "dossiers" / "DN-101.yaml").read_text(encoding="utf-8")
    assert "# vérifié avec le porteur\neligible_costs: 68000  # corrigé\n" in text
    # the digest of the platform's value (70000), not of the file's, is kept
    state = json.loads((call / "intake-state.json").read_text(encoding="utf-8"))
    marks = state["dossiers"]["DN-101"]["facts"]
    assert set(marks) >= {"title", "amount_requested", "eligible_costs", "partners"}
    # a rerun keeps it again, and writes nothing new to the dossier
    again = refresh(call, export=tmp_path / "b.xlsx")
    assert again.changed == {} and [(c.fact, c.old, c.new) for c in again.kept["DN-101"]] \
        == [("eligible_costs", 68000, 70000)]
    assert (call / "dossiers" / "DN-101.yaml").read_text(encoding="utf-8") == text


def test_both_changed_the_file_is_kept_with_a_warning_and_removing_the_line_goes_back(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=_export(tmp_path / "a.xlsx"))
    path = _correct(call)
    # the holder changes the costs on the platform too: 72 000
    report = refresh(call, export=_export(tmp_path / "b.xlsx", costs="72 000 €"))
    [warning] = [w for w in report.warnings if w.code == "intake-hand-edit"]
    assert warning.severity == "warning" and warning.location.file == str(path)
    # line 8 of the file (2 header lines, id, title, departement, amount, the comment)
    assert (warning.location.line, warning.location.key_path) == (8, "eligible_costs")
    assert _facts(call)["eligible_costs"] == 68000
    assert report.changed == {}
    # said once: the next refresh on the same export only says the value is kept
    again = refresh(call, export=tmp_path / "b.xlsx")
    assert not [w for w in again.warnings if w.code == "intake-hand-edit"]
    assert [(c.old, c.new) for c in again.kept["DN-101"]] == [(68000, 72000)]
    # the way back to the platform's value: remove the line
    path.write_text(path.read_text(encoding="utf-8").replace(
        "eligible_costs: 68000  # corrigé\n", ""), encoding="utf-8")
    back = refresh(call, export=tmp_path / "b.xlsx")
    assert back.kept == {} and _facts(call)["eligible_costs"] == 72000


def test_an_unedited_file_follows_the_platform(tmp_path: Path) -> None:
    """No hand edit: a value changed on the platform is taken, as before."""
    call = make_intake_call(tmp_path / "call")
    refresh(call, export=_export(tmp_path / "a.xlsx"))
    report = refresh(call, export=_export(tmp_path / "b.xlsx", costs="72 000 €"))
    assert [(c.fact, c.old, c.new) for c in report.changed["DN-101"]] == \
        [("eligible_costs", 70000, 72000)]
    assert report.kept == {} and _facts(call)["eligible_costs"] == 72000
