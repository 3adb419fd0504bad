"""A portfolio constraint no selection can meet is said by every command that reads the
selection (docs/decisions.md §4: « commands print a `constraint-infeasible` warning (an
error with `--strict`) »): `score`, `call check`, `report`, `decisions`; review
rev-money F7.

The call (tests/fixtures/quota-call, the reviewer's, checked by hand): `montagne` asks
for one mountain project; the only one, D11, asks 8 000 € for 9 000 € of costs, so
0.5 × 9 000 = 4 500 € < the minimum grant of 5 000 €: it cannot be proposed, and the
minimum cannot be met.  The three other constraints are met."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from quotacalls import quota_call

CODE = "[constraint-infeasible]"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return quota_call(tmp_path)


def invoke(*args: object) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--lang", "fr", *map(str, args)])
    return res.exit_code, res.output


@pytest.mark.parametrize("command", [
    ("score",), ("call", "check"), ("report", "--format", "md", "-o", "{tmp}/c.md"),
    ("report", "--kind", "seance", "--format", "html", "-o", "{tmp}/s.html"),
    ("decisions",)])
def test_every_command_says_the_infeasible_minimum_once(folder: Path, tmp_path: Path,
                                                       command: tuple[str, ...]) -> None:
    head, *rest = command
    start = [head] if head != "call" else ["call", rest.pop(0)]
    code, out = invoke(*start, folder, *(x.format(tmp=tmp_path) for x in rest))
    assert code == 0, out
    assert out.count(CODE) == 1, out  # montagne only, said once
    assert "la contrainte montagne (au moins un projet de montagne)" in out
    (tmp_path / "strict").mkdir()
    code, out = invoke("--strict", *start, folder,
                       *(x.format(tmp=tmp_path / "strict") for x in rest))
    assert code == 1 and CODE in out, out


def test_a_call_whose_constraints_are_met_says_nothing(folder: Path) -> None:
    """Without the mountain minimum every constraint is met: no warning, --strict passes."""
    yaml = folder / "call.yaml"
    yaml.write_text("\n".join(x for x in yaml.read_text(encoding="utf-8").splitlines()
                              if "id: montagne" not in x) + "\n", encoding="utf-8")
    for args in (("score", folder), ("call", "check", folder)):
        code, out = invoke("--strict", *args)
        assert code == 0 and "constraint-" not in out, out


# ------------------------------------------------- a constraint that matches nothing (F4)
def test_a_constraint_on_an_undeclared_fact_is_an_error(folder: Path) -> None:
    """`territoir` for `territoire` (declared by the call's `set:`): an error at its place
    in call.yaml (line 18, the `fact` of the first constraint), never a silent « ok »."""
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("fact: territoire, value: rural", "fact: territoir, value: rural"),
                    encoding="utf-8")
    line = 1 + text.splitlines().index(next(x for x in text.splitlines() if "id: rural" in x))
    code, out = invoke("call", "check", folder)
    assert code == 1, out  # call.yaml's data (README, exit codes), not a broken grid
    assert f"call.yaml:{line}:" in out and "[unknown-fact]" in out
    assert "la contrainte «\xa0rural\xa0» lit le fait «\xa0territoir\xa0», que la grille ne déclare pas" in out
    assert "territoire" in out.split("Indice", 1)[1]  # the declared facts, in the hint
    code, out = invoke("score", folder)
    assert code == 1 and "[unknown-fact]" in out


def test_a_constraint_value_no_dossier_has_is_warned(folder: Path) -> None:
    """`SCOP` where the dossiers say `scop`: the maximum would never be reached (D04
    retained, three SCOP).  Warned at call check and score with the values found (the
    dossiers' structures: association, scic, scop); an error with --strict."""
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("value: scop", "value: SCOP"),
                    encoding="utf-8")
    for args in (("call", "check", folder), ("score", folder)):
        code, out = invoke(*args)
        assert code == 0, out
        assert out.count("[constraint-value-unmet]") == 1, out
        assert ("le fait structure d'aucun dossier ne vaut « SCOP », la valeur de la "
                "contrainte « scop » : valeurs trouvées « association », « scic », "
                "« scop »") in out.replace(
                    "\u202f", " ").replace("\xa0", " ")
        code, out = invoke("--strict", *args)
        assert code == 1, out


def test_constraints_matching_dossiers_say_nothing_of_it(folder: Path) -> None:
    code, out = invoke("call", "check", folder)
    assert code == 0 and "constraint-value-unmet" not in out and "unknown-fact" not in out
