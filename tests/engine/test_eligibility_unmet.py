"""An eligibility rule that no dossier of the call meets is said (``eligibility-unmet``).

Found by a review (a regional secretariat's first call with the French guide): a mapping
gave every dossier the département's name (« Haut-Rhin ») where the grid's rule lists
codes (``in: ["67", "68"]``).  All twelve dossiers became « irrecevable », the letters
would have said so, and ``call check`` answered « ok ».  The warning is read from the
engine's own eligibility reading, and said by ``call check`` and ``score``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from callfactory import make_call
from gridtexts import criterion, grid, section
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.engine import score
from isgrid.engine.eligibility import Unmet, unmet_rules
from isgrid.engine.unmet import unmet_warnings
from isgrid.grid.load import load_grid

FR = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "fr_FR.UTF-8"}
EN = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C"}
FACTS = ("  departement: {type: string}\n  national: {type: boolean}\n"
         "  amount_requested: {type: number}\n")
TERRITORY = ('  - {id: territoire, label: "En Alsace", fact: departement, in: ["67", "68"]}\n')
EITHER = ('  - id: territoire-ou-national\n    label: "En Alsace, ou national"\n'
          '    any:\n      - {fact: departement, in: ["67", "68"]}\n'
          '      - {fact: national, equals: true}\n')
ELIGIBILITY = "  - {id: montant, label: \"Montant demandé\", fact: amount_requested, le: 30000}\n"


def _grid(eligibility: str) -> str:
    return grid("g", "Grille", section("S", "Axe", criterion("C", "Critère")),
                facts=FACTS, eligibility=eligibility + ELIGIBILITY)


def _call(tmp_path: Path, departements: list[Any], eligibility: str = TERRITORY,
          national: list[bool] | None = None, intake: bool = False) -> Path:
    dossiers = []
    for i, dep in enumerate(departements, start=1):
        d: dict[str, Any] = {"id": f"D{i}", "amount_requested": 10000}
        if dep is not None:
            d["departement"] = dep
        if national is not None:
            d["national"] = national[i - 1]
        dossiers.append(d)
    config: dict[str, Any] = {"lang": "fr"}
    if intake:
        config["intake"] = {"title": "Intitulé du projet",
                            "facts": {"departement": "Département de réalisation"}}
    return make_call(tmp_path, _grid(eligibility), config, dossiers)


def _loaded(tmp_path: Path, eligibility: str) -> Any:
    path = tmp_path / "grid.yaml"
    path.write_text(_grid(eligibility), encoding="utf-8")
    return load_grid(path).grid


def _facts(departements: list[Any]) -> list[dict[str, Any]]:
    return [{"departement": d, "amount_requested": 10000} for d in departements]


def test_names_where_the_rule_lists_codes(tmp_path: Path) -> None:
    g = _loaded(tmp_path, TERRITORY)
    got = unmet_rules(g, _facts(["Haut-Rhin", "Bas-Rhin", "Haut-Rhin", "Moselle"]))
    # four dossiers, none in 67 or 68; three distinct names, in the dossiers' order; the
    # amount rule (10 000 <= 30 000) is met by all: not said
    assert got == [Unmet(rule="territoire", fact="departement",
                         values=("Haut-Rhin", "Bas-Rhin", "Moselle"), more=False, failed=4,
                         dossiers=4, targets=("67", "68"), names=True, whole=True)]


def test_only_a_call_of_three_dossiers_or_more_none_of_which_meets_the_rule(
        tmp_path: Path) -> None:
    g = _loaded(tmp_path, TERRITORY)
    assert unmet_rules(g, _facts(["Haut-Rhin", "Bas-Rhin"])) == []  # two: says nothing
    assert unmet_rules(g, _facts(["Haut-Rhin", "Bas-Rhin", "68"])) == []  # one meets it
    # codes out of the list: the same warning, without « names » (the generic hint)
    (u,) = unmet_rules(g, _facts(["57", "54", "88", "55", "57"]))
    assert (u.values, u.more, u.failed, u.names) == (("57", "54", "88"), True, 5, False)
    # a dossier without the fact is unknown, not failed: 3 of 4 fail, none meets it
    (u,) = unmet_rules(g, _facts(["Haut-Rhin", None, "Bas-Rhin", "Moselle"]))
    assert (u.failed, u.dossiers, u.values) == (3, 4, ("Haut-Rhin", "Bas-Rhin", "Moselle"))


def test_an_in_list_inside_a_rule_some_dossier_meets(tmp_path: Path) -> None:
    g = _loaded(tmp_path, EITHER)
    facts = [{"departement": d, "national": n, "amount_requested": 10000}
             for d, n in [("Haut-Rhin", False), ("Bas-Rhin", True), ("Moselle", False)]]
    # the rule is met by D2 (national); its in: list holds no dossier's value
    assert unmet_rules(g, facts) == [Unmet(
        rule="territoire-ou-national", fact="departement",
        values=("Haut-Rhin", "Bas-Rhin", "Moselle"), more=False, failed=3, dossiers=3,
        targets=("67", "68"), names=True, whole=False)]


def test_call_check_and_score_say_it_in_french_at_the_mapping(tmp_path: Path) -> None:
    call = _call(tmp_path, ["Haut-Rhin", "Bas-Rhin", "Haut-Rhin"], intake=True)
    lines = (call / "call.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    departement: Département de réalisation") + 1
    runner = CliRunner()
    for args in (["call", "check", str(call)], ["score", str(call)]):
        res = runner.invoke(cli, args, env=FR, catch_exceptions=False)
        assert res.exit_code == 0, res.output
        assert (f"call.yaml:{line}:5 (intake.facts.departement)\u00a0: aucun dossier de "
                "l'appel ne satisfait la règle de recevabilité territoire\u00a0: 3 dossiers sur 3 sont "
                "irrecevables sur le fait departement, dont les valeurs sont "
                "«\u00a0Haut-Rhin\u00a0», «\u00a0Bas-Rhin\u00a0» [eligibility-unmet]"
                ) in res.output, res.output
        assert ("La règle liste des codes (67, 68) et les dossiers donnent des noms."
                ) in res.output
        assert "«\u00a0<libellé> (Code)\u00a0»" in res.output


def test_in_english_at_the_first_dossier_without_a_mapping(tmp_path: Path) -> None:
    call = _call(tmp_path, ["57", "54", "88"])
    res = CliRunner().invoke(cli, ["call", "check", str(call)], env=EN,
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert ("D1.yaml (departement): no dossier of the call meets the eligibility rule "
            "territoire: 3 dossiers of 3 are ineligible on the fact departement, whose values "
            "are “57”, “54”, “88” [eligibility-unmet]") in res.output, res.output
    assert "Hint: Check the values of departement in the dossiers' files" in res.output


def test_the_warning_and_the_engine_read_the_same_rule(tmp_path: Path) -> None:
    call = _call(tmp_path, ["Haut-Rhin", "Bas-Rhin", "Moselle", "68"])
    loaded = load_call(call)
    # D4 (68) meets the rule: no warning, and the engine finds it eligible
    assert unmet_warnings(loaded) == []
    result = score(loaded)
    assert [d.eligible for d in sorted(result.dossiers, key=lambda d: d.id)] == \
        [False, False, False, True]
