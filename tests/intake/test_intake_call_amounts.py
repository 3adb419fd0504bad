"""``isgrid intake`` reads call.yaml as ``load_call`` does: amounts written the French way
(``budget: 40 000``, ``cap: "27 000 €"``, ``rate: 50 %``), as the French guide shows them,
are read, not refused (:func:`isgrid.call.config.read_config` is the one reading)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dnexport import export_sheets, make_intake_call, write_ratings, write_xlsx
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.engine import score
from isgrid.intake.refresh import load_config

# make_intake_call's amounts, as yaml.safe_dump writes them, and as the guide writes them
_NUMBERS = "budget: 40000\nfunding:\n  rate: 0.5\n  cap: 27000\n  minimum: 5000\n"
_FRENCH = 'budget: 40 000\nfunding:\n  rate: 50 %\n  cap: "27 000 €"\n  minimum: "5 000 €"\n'


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _french_call(folder: Path) -> Path:
    call = make_intake_call(folder)
    text = (call / "call.yaml").read_text(encoding="utf-8")
    assert _NUMBERS in text
    (call / "call.yaml").write_text(text.replace(_NUMBERS, _FRENCH), encoding="utf-8")
    return call


def test_intake_and_intake_refresh_read_french_amounts(tmp_path: Path) -> None:
    call = _french_call(tmp_path / "call")
    export = write_xlsx(tmp_path / "export.xlsx", export_sheets())
    dry = _run("--lang", "fr", "intake", str(call), "--from", str(export), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "call-invalid" not in dry.output and not (call / "dossiers").exists()
    res = _run("intake", str(call), "--from", str(export))
    assert res.exit_code == 0, res.output
    assert "3 new, 0 changed, 0 left the filter, 0 unchanged" in res.output
    again = _run("intake", "refresh", str(call), "--from", str(export))
    assert again.exit_code == 0, again.output
    assert "0 new, 0 changed, 0 left the filter, 3 unchanged" in again.output
    # intake's reading and load_call's give the same numbers: 40 000, 27 000, 5 000, 50 %
    config, _ = load_config(call)
    for cfg in (config, load_call(call).config):
        assert cfg.budget == 40000
        assert cfg.funding is not None
        assert (cfg.funding.rate, cfg.funding.cap, cfg.funding.minimum) == (0.5, 27000, 5000)
    # and score selects as with plain numbers (test_intake_export): 102 at 4 gets
    # min(18 000, 50 % x 40 000, 27 000) = 18 000; 101 would get 25 000 > 22 000 left
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    result = score(load_call(call))
    assert result.current.selected == ("DN-102",)
    assert result.current.reserve == ("DN-101",)


def test_an_amount_that_is_no_number_is_located_with_a_hint_saying_what_to_write(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    text = (call / "call.yaml").read_text(encoding="utf-8")
    lines = text.replace("budget: 40000\n", "budget: [40000]\n").splitlines()
    (call / "call.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = lines.index("budget: [40000]") + 1
    export = write_xlsx(tmp_path / "export.xlsx", export_sheets())
    for args in (("intake", str(call), "--from", str(export), "--dry-run"),
                 ("call", "check", str(call))):
        res = _run("--lang", "fr", *args)
        assert res.exit_code == 1, res.output
        # the CLI's French: a no-break space before « : » and after « ≥ »
        assert f"call.yaml:{line}:9 (budget)\u00a0: " in res.output
        assert ("Indice\u00a0: budget\u00a0: un entier ou un nombre ≥\u00a00, facultatif. "
                "Écrivez un nombre\u00a0: 150000 ou 150 000.") in res.output
    res = _run("--lang", "en", "call", "check", str(call))
    assert ("Hint: budget: an integer or a number >= 0, optional. "
            "Write a number: 150000 or 150 000.") in res.output


def test_another_key_refused_says_what_it_expects(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call", min_ratings=0)
    res = _run("--lang", "en", "intake", str(call), "--from",
               str(write_xlsx(tmp_path / "export.xlsx", export_sheets())), "--dry-run")
    assert res.exit_code == 1, res.output
    assert "(min_ratings): Input should be greater than or equal to 1 (got 0)" in res.output
    assert "Hint: min_ratings: an integer >= 1, optional. See docs/calls.md." in res.output
