"""The library's refusals and warnings name its parameters, the command line's its options,
from one message each (``naming``: :func:`isgrid.messages.as_parameter` or
:func:`~isgrid.messages.as_option`); and ``decide(outcome="retiré")``, which the command
line refuses (a withdrawal is ``withdraw``), is refused by the library too, with the same
sentence (review s12, the lead's note)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import isgrid
from isgrid.call.journal import journal_path
from isgrid.cli import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """examples/alsace-2016: AL16-04 asked 22 000 (eligible costs 40 000 at a rate of 50 %:
    20 000), the call's cap per dossier is 27 000."""
    target = tmp_path / "alsace-2016"
    shutil.copytree(ROOT / "examples" / "alsace-2016", target)
    return target


def test_a_withdrawal_is_not_a_decision(folder: Path) -> None:
    call = isgrid.load_call(folder)
    with pytest.raises(isgrid.UsageError) as refused:
        isgrid.decide(call, "AL16-02", outcome="retiré", by="S", reason="lettre")
    d = refused.value.diagnostics[0]
    assert d.code == "bad-option"
    # click's own sentence for --outcome (isgrid.cli.base.CLICK_WORDS), the parameter named
    assert str(d.message) == ("Invalid value for 'outcome': 'retiré' is not one of 'retenu', "
                              "'réserve', 'non retenu', 'ajourné'.")
    assert "withdraw()" in str(d.hint)
    assert not journal_path(folder).exists()
    # the command line says the same sentence about its option
    got = CliRunner().invoke(cli, ["--lang", "en", "decide", str(folder), "AL16-02",
                                   "--outcome", "retiré", "--by", "S", "--reason", "r"])
    assert got.exit_code == 2 and "Invalid value for '--outcome': 'retiré' is not one of" \
        in got.output


def test_the_library_names_its_parameters_and_the_command_its_options(folder: Path) -> None:
    call = isgrid.load_call(folder)
    with pytest.raises(isgrid.CallError) as votes:
        isgrid.decide(call, "AL16-04", outcome="retenu", votes="7-1", by="J", reason="r")
    d = votes.value.diagnostics[0]
    assert (str(d.message), str(d.hint)) == (
        "votes '7-1' is not three counts", "Give for/against/abstentions, for example "
                                            "votes='7/1/2'.")
    with pytest.raises(isgrid.UsageError) as reference:
        isgrid.decide(call, "AL16-04", outcome="retenu", reference="CP-1", by="J", reason="r")
    assert str(reference.value.diagnostics[0].hint) == (
        "Add stage='vote' (the vote of the deliberation), or leave reference out.")
    # 30 000 for AL16-04: above the cap (27 000) and its rate's 20 000, more than it asked
    done = isgrid.decide(call, "AL16-04", outcome="retenu", amount=30000, by="J", reason="r")
    said = [str(w.message) for w in done.warnings if w.code == "amount-unusual"]
    assert "amount €30,000 is above the call's cap per dossier (€27,000)" in said
    assert all(not s.startswith("--") for s in said), said
    hints = " ".join(str(w.hint) for w in done.warnings)
    assert "--" not in hints and "say why with motivation" in hints
    # the command: the same messages, its options named
    got = CliRunner().invoke(cli, ["--lang", "en", "decide", str(folder), "AL16-03",
                                   "--outcome", "selected", "--amount", "30000", "--by", "J",
                                   "--reason", "r"])
    assert got.exit_code == 0, got.output
    assert "--amount €30,000 is above the call's cap per dossier (€27,000)" in got.output
    assert "say why with --motivation" in got.output
    assert '--motivation "…" (--reason stays internal)' in got.output
