"""An eligibility rule's value that cannot compare with its fact's type is an error where it
is written, with the value to write (review s9, F1).

Found by a review: a French author wrote ``{fact: siege_region, equals: oui}`` on a yes/no
fact and ``{fact: amount_requested, le: "11 000"}`` on an amount.  Dossiers' facts are read
into their type (``oui`` is true, ``11 000`` is 11000), the rule's value was compared as
written: ``True`` never equals ``"oui"`` and ``10000 <= "11 000"`` cannot be computed, so
every dossier was « irrecevable » while `grids check` and `call check` said « ok ».
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.grid.load import validate_grid_file
from testpaths import FIXTURES

MINI = (FIXTURES / "grids" / "mini-scored.yaml").read_text(encoding="utf-8")
# the rules replace mini-scored's two (lines 38-46); line numbers below count from there
RULES = """\
eligibility:
  - id: siege
    label: Siège dans la région
    fact: siege_region
    equals: oui
  - id: plafond
    label: Au plus 11 000 €
    fact: amount_requested
    le: 11 000
  - id: departement
    label: Bas-Rhin ou Haut-Rhin
    any:
      - {fact: postcode, in: ["67000", 68000]}
  - id: depot
    label: Déposé avant la date limite
    fact: submitted_at
    le: 31/03/2027
  - id: nature
    label: Pas une simple manifestation
    not: {fact: one_off, equals: 1}
"""
OLD_RULES = MINI[MINI.index("eligibility:\n"):MINI.index("sections:\n")]
GOOD_RULES = (RULES.replace("equals: oui", "equals: true").replace("le: 11 000", "le: 11000")
              .replace("68000]", '"68000"]').replace("le: 31/03/2027", 'le: "2027-03-31"')
              .replace("equals: 1}", "equals: true}"))
FACTS = "  siege_region: {type: boolean}\n  one_off: {type: boolean}\neligibility:\n"


def _grid(rules: str) -> str:
    text = MINI.replace(OLD_RULES, rules).replace("eligibility:\n", FACTS, 1)
    assert text.count("siege_region: {type: boolean}") == 1
    return text


def test_every_value_that_cannot_compare_is_an_error_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "grille.yaml"
    path.write_text(_grid(RULES), encoding="utf-8")
    # mini-scored's lines 1-37, then two facts (38, 39), `eligibility:` line 40, `- id: siege` 41: its `equals` 44
    found = [(d.code, d.location.line, d.location.column, d.location.key_path,
              str(d.message), str(d.effective_hint))
             for d in validate_grid_file(path).errors]
    assert found == [
        ("bad-rule", 44, 13, "eligibility[0].equals",
         "the rule 'siege' compares the yes/no fact 'siege_region' with 'oui', which is "
         "neither true nor false: it would read every dossier wrong",
         "Write `equals: true`: true for yes (oui), false for no (non)."),
        ("bad-rule", 48, 9, "eligibility[1].le",
         "the rule 'plafond' compares the number fact 'amount_requested' with '11 000', which "
         "a grid does not read as a number: it would read every dossier wrong",
         "Write `le: 11000`: a number in a grid has no spaces and a decimal point (1.5)."),
        # « - {fact: postcode, in: ["67000", 68000]} »: 68000 is the list's second item
        ("bad-rule", 52, 40, "eligibility[2].any[0].in[1]",
         "the rule 'departement' compares the text fact 'postcode' with 68000, which is not a "
         "text: it would read every dossier wrong",
         'Write it in quotes, as a text: `in: ["67000", "68000"]`.'),
        ("bad-rule", 56, 9, "eligibility[3].le",
         "the rule 'depot' compares the date fact 'submitted_at' with '31/03/2027', which is "
         "not a date written YYYY-MM-DD: it would read every dossier wrong",
         'Write `le: "2027-03-31"`.'),
        # « not: {fact: one_off, equals: 1} »
        ("bad-rule", 59, 34, "eligibility[4].not.equals",
         "the rule 'nature' compares the yes/no fact 'one_off' with 1, which is neither true "
         "nor false: it would read every dossier wrong",
         "Write `equals: true`: true for yes (oui), false for no (non)."),
    ]


def test_a_value_nothing_reads_gets_the_form_to_write(tmp_path: Path) -> None:
    path = tmp_path / "grille.yaml"
    path.write_text(_grid(GOOD_RULES.replace("le: 11000", "le: onze mille")
                          .replace("equals: true\n", "equals: peut-être\n", 1)),
                    encoding="utf-8")
    hints = [str(d.effective_hint) for d in validate_grid_file(path).errors]
    assert hints == ["Write `equals: true` (yes) or `equals: false` (no).",
                     "Write a number, without spaces and with a decimal point: `le: 11000`, "
                     "`le: 1.5`."]


@pytest.mark.parametrize(("siege", "amount", "expected"), [
    ("oui", 10000, "pass"), ("Oui", 11000, "pass"), ("non", 6000, "fail"),
    ("true", 6000, "pass"), ("oui", 12000, "fail"),
])
def test_the_values_written_as_the_hint_says_read_the_dossiers_right(
        tmp_path: Path, siege: str, amount: int, expected: str) -> None:
    """With the hints' values, a dossier written « oui », « Oui », « true » is in the region,
    « non » is not; 10 000 and 11 000 are at most 11 000, 12 000 is not."""
    grid = _grid(GOOD_RULES)
    dossier = (f"id: D1\ntitle: Projet\nregion: Alsace\nsiege_region: {siege}\namount_requested: {amount}\n"
               "postcode: '67000'\nsubmitted_at: 14/03/2027\none_off: non\n")
    folder = make_call(tmp_path, grid, dossiers=[dossier], ratings=[("D1", "j1", "B1", 3)])
    rules = score(load_call(folder)).dossier("D1").eligibility
    wanted_siege = "pass" if siege.casefold() in ("oui", "true") else "fail"
    wanted_cap = "pass" if amount <= 11000 else "fail"
    assert (rules["siege"], rules["plafond"]) == (wanted_siege, wanted_cap)
    assert {rules["departement"], rules["depot"], rules["nature"]} == {"pass"}
    overall = "pass" if wanted_siege == wanted_cap == "pass" else "fail"
    assert overall == expected


def test_grids_check_and_call_check_both_say_it_in_french(tmp_path: Path) -> None:
    folder = make_call(tmp_path, _grid(RULES), dossiers=[
        "id: D1\ntitle: Projet\nregion: Alsace\nsiege_region: oui\namount_requested: 10000\n"],
        ratings=[("D1", "j1", "B1", 3)])
    for args in (["grids", "check", str(folder / "grid.yaml")], ["call", "check", str(folder)]):
        res = CliRunner().invoke(cli, ["--lang", "fr", *args])
        assert res.exit_code == 2, res.output
        assert ("grid.yaml:44:13 (eligibility[0].equals) : la règle « siege » compare le fait "
                "oui/non « siege_region » à « oui », qui n'est ni true ni false : elle lirait mal "
                "chaque dossier [bad-rule]") in res.output.replace("\xa0", " ")
        assert "Indice : Écrivez `equals: true` : true pour oui, false pour non." \
            in res.output.replace("\xa0", " ")
        assert "Écrivez `le: 11000` :" in res.output.replace("\xa0", " ")
