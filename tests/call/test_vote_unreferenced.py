"""A vote recorded with neither ``--reference`` nor call.yaml's ``meeting.vote.reference`` has no
deliberation's reference: the minutes cannot name the deliberation that took it.  It was
recorded without a word; now ``vote-unreferenced`` is said before it is written (``--strict``:
nothing recorded)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import isgrid
import isgrid.journal
from isgrid.call.journal import journal_path
from isgrid.cli.main import cli
from testpaths import EXAMPLES

VOTE = ["decide", "", "AL16-01", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "vote"]


@pytest.fixture()
def call(tmp_path: Path) -> Path:
    """examples/alsace-2016, whose call.yaml has no meeting block."""
    out = tmp_path / "aap"
    shutil.copytree(EXAMPLES / "alsace-2016", out)
    assert "meeting" not in yaml.safe_load((out / "call.yaml").read_text("utf-8"))
    return out


def _vote(call: Path, *more: str, lang: str = "en") -> str:
    args = ["--lang", lang, *VOTE, *more]
    args[3] = str(call)
    res = CliRunner().invoke(cli, args)
    return res.output + f"\nexit {res.exit_code}"


def test_a_vote_without_any_reference_is_warned(call: Path) -> None:
    out = _vote(call)
    assert "exit 0" in out  # recorded all the same: a warning
    assert ("Warning: the vote on AL16-01 names no deliberation: neither --reference nor "
            "meeting.vote.reference in call.yaml gives one, and the minutes cannot name it "
            "[vote-unreferenced]") in out
    assert ("Hint: Give the deliberation's reference: --reference CP-2026-06-02, or "
            "meeting.vote.reference in call.yaml for the votes of the séance "
            "(docs/decisions.md).") in out
    fr = _vote(call, lang="fr")
    assert ("le vote sur AL16-01 ne nomme aucune délibération\u00a0: ni --reference ni "
            "meeting.vote.reference dans call.yaml n'en donnent, et le procès-verbal ne peut "
            "pas la nommer [vote-unreferenced]") in fr
    # the two votes recorded, neither with a reference
    lines = journal_path(call).read_text("utf-8").splitlines()
    assert len(lines) == 2 and not any('"reference"' in line for line in lines)


def test_strict_records_nothing(call: Path) -> None:
    res = CliRunner().invoke(cli, ["--strict", *VOTE[:1], str(call), *VOTE[2:]])
    assert res.exit_code != 0 and "[vote-unreferenced]" in res.output
    assert not journal_path(call).exists()


def test_a_reference_given_or_in_call_yaml_is_not_warned(call: Path) -> None:
    assert "vote-unreferenced" not in _vote(call, "--reference", "CP-2016-05-12")
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["meeting"] = {"vote": {"body": "Commission permanente", "date": "2016-05-12",
                               "reference": "CP-2016-05-12"}}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    assert "vote-unreferenced" not in _vote(call)
    # a jury's decision names no deliberation: nothing to say
    res = CliRunner().invoke(cli, ["decide", str(call), "AL16-02", "--outcome", "retenu",
                                   "--by", "jury", "--reason", "r"])
    assert res.exit_code == 0 and "vote-unreferenced" not in res.output


def test_the_library_names_its_parameter(call: Path) -> None:
    done = isgrid.journal.decide(isgrid.load_call(call), "AL16-01", outcome="retenu",
                                 stage="vote", by="CP", reason="vote")
    [w] = [w for w in done.warnings if w.code == "vote-unreferenced"]
    assert "neither reference nor meeting.vote.reference" in str(w.message)
    assert "reference='CP-2026-06-02'" in str(w.hint)
