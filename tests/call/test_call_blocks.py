"""The typed call.yaml blocks (isgrid.call.blocks, .meeting_models): constraints, sensitivity, calibration, meeting.

Each is validated when call.yaml is loaded, so ``isgrid call check`` reports a
bad block at its ``file:line:col`` with a hint, and the commands that read it
get a model with the defaults they always used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from callfactory import make_call
from decisions_calls import seance_call
from gridtexts import criterion, grid, section
from isgrid.analysis import calibration, sensitivity
from isgrid.call import block_hints, constraints, meeting, meeting_models
from isgrid.call import blocks as callblocks
from isgrid.call.blocks import (
    CalibrationConfig,
    Envelope,
    MaxCount,
    MinCount,
    SensitivityConfig,
)
from isgrid.call.constraints import parse_constraints
from isgrid.call.load import load_call
from isgrid.call.meeting_models import Meeting
from isgrid.cli import cli
from isgrid.errors import CallError, Diagnostic
from isgrid.jury.record import call_parameters

GRID = grid("blocks", "Blocs", section("s", "Section", criterion("C", "Critère")))
HEAD = "title: Appel de test\ngrid: grid.yaml\nbudget: 1000\n"


def folder_with(tmp_path: Path, blocks: str, name: str = "call") -> Path:
    """A call whose call.yaml is HEAD followed by ``blocks``, written exactly so."""
    folder = make_call(tmp_path, GRID, dossiers=[{"id": "D1"}, {"id": "D2"}],
                       ratings=[("D1", "j1", "C", 3), ("D2", "j1", "C", 2)], name=name)
    (folder / "call.yaml").write_text(HEAD + blocks, encoding="utf-8")
    return folder


def line_of(blocks: str, marker: str) -> int:
    """The call.yaml line (1-based) of the first line of ``blocks`` holding ``marker``."""
    lines = (HEAD + blocks).splitlines()
    return next(i for i, text in enumerate(lines, 1) if marker in text)


def load_errors(folder: Path) -> list[Diagnostic]:
    with pytest.raises(CallError) as exc:
        load_call(folder)
    return [d for d in exc.value.diagnostics if d.severity == "error"]


VALID = """\
constraints:
  - {id: rural, kind: min, fact: territory, value: rural, count: 1}
  - {id: one, kind: max, fact: holder, count: 1}
  - {id: env, kind: envelope, fact: priority, value: emploi, max_amount: 500}
set:
  facts.territory: {type: string}
  facts.holder: {type: string}
  facts.priority: {type: string}
sensitivity: {margin: 3, weights: 0.2, draws: 50, seed: 7}
calibration: {k: 4}
meeting:
  date: 2026-03-12
  quorum: 1
  members:
    - {name: Mme Martin, assessor: j1}
  interests:
    - {member: Mme Martin, dossier: D1}
  syntheses: {D1: Un beau projet.}
  vote: {date: 2026-04-02}
  attribuant: {name: Région, siret: "23350001600040"}
"""


# ------------------------------------------------------------------ valid blocks
def test_valid_blocks_load_as_models(tmp_path: Path) -> None:
    cfg = load_call(folder_with(tmp_path, VALID)).config
    assert [type(c) for c in cfg.constraints or []] == [MinCount, MaxCount, Envelope]
    assert cfg.sensitivity == SensitivityConfig(margin=3, weights=0.2, draws=50, seed=7)
    assert cfg.calibration == CalibrationConfig(k=4)
    assert isinstance(cfg.meeting, Meeting)
    assert cfg.meeting.date == "2026-03-12" and cfg.meeting.quorum_reached is True
    assert cfg.meeting.vote is not None and cfg.meeting.vote.body == "Commission permanente"
    assert cfg.meeting.syntheses == {"D1": "Un beau projet."}
    result = CliRunner().invoke(cli, ["call", "check", str(folder_with(tmp_path, VALID, "c2"))])
    assert result.exit_code == 0, result.output


def test_the_consumers_read_the_models(tmp_path: Path) -> None:
    call = load_call(folder_with(tmp_path, VALID))
    assert sensitivity.sensitivity_config(call) is call.config.sensitivity
    assert calibration.calibration_config(call) is call.config.calibration
    assert meeting.load_meeting(call) is call.config.meeting
    cons = call.config.constraints or []
    assert len(cons) == 3  # VALID's rural, one, env
    assert parse_constraints(cons) == list(cons)  # already validated: returned as they are
    assert all(a is b for a, b in zip(parse_constraints(cons), cons, strict=True))


def test_blocks_are_frozen() -> None:
    with pytest.raises(ValidationError):
        SensitivityConfig().draws = 3  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Meeting().quorum = 2  # type: ignore[misc]


def test_old_names_still_importable() -> None:
    assert constraints.MinCount is MinCount and constraints.Envelope is Envelope
    assert constraints.parse_constraints is parse_constraints
    assert constraints.Constraint is callblocks.Constraint
    assert meeting.Meeting is Meeting and meeting.Attribuant is meeting_models.Attribuant
    assert sensitivity.SensitivityConfig is SensitivityConfig
    assert calibration.CalibrationConfig is CalibrationConfig


# ------------------------------------------------------------------ defaults
def test_defaults_are_those_the_consumers_used(tmp_path: Path) -> None:
    # The values jury/sensitivity.py, jury/calibration.py and meeting.py applied
    # before the blocks were typed.  (docs/jury.md shows weights: 0.1 in its
    # example; the code's default is 0: no weight perturbation.)
    call = load_call(folder_with(tmp_path, ""))
    assert call.config.sensitivity is None and call.config.calibration is None
    assert call.config.constraints is None and call.config.meeting is None
    s = sensitivity.sensitivity_config(call)
    assert (s.margin, s.weights, s.draws, s.seed) == (5.0, 0.0, 0, 0)
    assert calibration.calibration_config(call).k == 10
    m = meeting.load_meeting(call)
    assert m == Meeting() and m.members == [] and m.syntheses == {} and m.vote is None
    assert m.quorum_reached is None
    a = meeting_models.Attribuant(name="R", siret="23350001600040")
    assert (a.nature, a.conditions_versement, a.notification_ue, a.beneficiary_name,
            a.beneficiary_id, a.objet) == ("aide en numéraire", "unique", False, "holder",
                                           "siret", "title")
    assert meeting_models.Member(name="X").present is True
    assert parse_constraints(None) == [] and parse_constraints([]) == []


def test_partial_blocks_take_the_defaults(tmp_path: Path) -> None:
    call = load_call(folder_with(tmp_path, "sensitivity: {draws: 20}\ncalibration: {}\n"))
    assert sensitivity.sensitivity_config(call) == SensitivityConfig(draws=20)
    assert calibration.calibration_config(call).k == 10


def test_audit_parameters_keep_the_blocks_as_written(tmp_path: Path) -> None:
    call = load_call(folder_with(tmp_path, "sensitivity: {margin: 3}\n"))
    params = call_parameters(call)
    assert params["sensitivity"] == {"margin": 3} and params["calibration"] is None


# ------------------------------------------------------------------ invalid blocks
# (call.yaml text after HEAD, the marker of the line at fault, key path, code)
INVALID = [
    ("sensitivity: {draws: -3}\n", "draws", "sensitivity.draws", "call-invalid"),
    ("sensitivity:\n  margin: 150\n", "margin", "sensitivity.margin", "call-invalid"),
    ("sensitivity:\n  weights: 1\n", "weights", "sensitivity.weights", "call-invalid"),
    ("sensitivity:\n  seed: x\n", "seed", "sensitivity.seed", "call-invalid"),
    ("sensitivity:\n  margin: 5\n  drawz: 3\n", "drawz", "sensitivity.drawz", "unknown-key"),
    ("sensitivity: 5\n", "sensitivity", "sensitivity", "call-invalid"),
    ("calibration:\n  k: -1\n", "k:", "calibration.k", "call-invalid"),
    ("calibration:\n  shrink: 3\n", "shrink", "calibration.shrink", "unknown-key"),
    ("constraints:\n  - {id: a, kind: min, fact: t, value: x, count: 0}\n", "count",
     "constraints[0].count", "call-invalid"),
    ("constraints:\n  - id: a\n    kind: min\n    fact: t\n    value: x\n", "id: a",
     "constraints[0]", "call-invalid"),
    ("constraints:\n  - id: e\n    kind: envelope\n    fact: t\n    value: x\n", "id: e",
     "constraints[0]", "call-invalid"),
    ("constraints:\n  - id: a\n    kind: mini\n", "kind: mini", "constraints[0].kind",
     "call-invalid"),
    ("constraints:\n  - {id: a, fact: t}\n", "id: a", "constraints[0]", "call-invalid"),
    ("constraints:\n  - {id: a, kind: max, fact: t, count: 1}\n"
     "  - {id: a, kind: max, fact: u, count: 2}\n", "{id: a, kind: max, fact: t",
     "constraints", "call-invalid"),
    ("constraints:\n  - id: a\n    kind: max\n    fact: t\n    count: 1\n    valeur: x\n",
     "valeur", "constraints[0].valeur", "unknown-key"),
    ("meeting:\n  quorum: 0\n", "quorum", "meeting.quorum", "call-invalid"),
    # (12/03/2026 is a date now: tests/call/test_call_dates.py)
    ("meeting:\n  vote: {date: 31/02/2026}\n", "vote", "meeting.vote.date", "call-invalid"),
    ("meeting:\n  members:\n    - {name: X, presnt: false}\n", "presnt",
     "meeting.members[0].presnt", "unknown-key"),
    ("meeting:\n  attribuant: {name: R, siret: '123'}\n", "attribuant",
     "meeting.attribuant.siret", "call-invalid"),
]


@pytest.mark.parametrize(("blocks", "marker", "key_path", "code"), INVALID,
                         ids=[k + ":" + c for _, _, k, c in INVALID])
def test_invalid_blocks_are_located(tmp_path: Path, blocks: str, marker: str, key_path: str,
                                    code: str) -> None:
    [d] = load_errors(folder_with(tmp_path, blocks))
    assert (d.code, d.location.key_path) == (code, key_path), d.format()
    assert d.location.line == line_of(blocks, marker), d.format()
    assert d.location.column is not None
    block = key_path.split(".")[0].split("[")[0]
    assert d.hint, d.format()
    if code == "call-invalid":
        assert block_hints.BLOCKS[block] in d.hint, d.hint


def test_hints_say_what_is_expected(tmp_path: Path) -> None:
    [d] = load_errors(folder_with(tmp_path, "sensitivity: {draws: -3}\n"))
    assert d.hint == ("draws: an integer >= 0 and <= 10000, default 0 (Default number of draws). "
                      "See docs/jury.md (sensitivity).")
    [d] = load_errors(folder_with(tmp_path, "sensitivity: {drawz: 3}\n", "c2"))
    assert d.hint == "Did you mean 'draws'?"
    missing, unknown = sorted(load_errors(folder_with(
        tmp_path, "constraints:\n  - {id: a, kind: min, fact: t, value: x, cont: 2}\n", "c3")),
        key=lambda d: d.code)
    assert unknown.code == "unknown-key" and unknown.hint == "Did you mean 'count'?"
    assert missing.message == "the key 'count' is required"
    assert missing.hint == "count: an integer >= 1, required. See docs/decisions.md (constraints)."


@pytest.mark.parametrize(("blocks", "twin"), [
    ("sensitivity: {draws: -3}\n", "min_ratings: 0\n"),        # a wrong value
    ("sensitivity: {bogus: 1}\n", "bogus: 1\n"),               # an unknown key
])
def test_call_check_reports_file_line_col(tmp_path: Path, blocks: str, twin: str) -> None:
    folder = folder_with(tmp_path, blocks)
    res = CliRunner().invoke(cli, ["call", "check", str(folder)])
    [d] = load_errors(folder)
    where = f"{folder / 'call.yaml'}:{line_of(blocks, 'sensitivity')}:{d.location.column}"
    assert where in res.output, res.output
    assert d.location.key_path is not None and f"({d.location.key_path})" in res.output
    assert "Hint:" in res.output
    # the same exit code as the same kind of error elsewhere in call.yaml
    other = CliRunner().invoke(cli, ["call", "check", str(folder_with(tmp_path, twin, "c2"))])
    assert res.exit_code == other.exit_code != 0, (res.output, other.output)


def test_every_problem_of_every_block_at_once(tmp_path: Path) -> None:
    blocks = ("sensitivity: {draws: -3}\ncalibration: {k: -1}\nmeeting: {quorum: 0}\n"
              "constraints:\n  - {id: a, kind: min, fact: t, value: x, count: 0}\n")
    errors = load_errors(folder_with(tmp_path, blocks))
    assert sorted(d.location.key_path or "" for d in errors) == [
        "calibration.k", "constraints[0].count", "meeting.quorum", "sensitivity.draws"]


def test_parse_constraints_still_checks_raw_dicts() -> None:
    raw: list[dict[str, Any]] = [{"id": "a", "kind": "min", "fact": "t", "value": "x",
                                  "count": 0}]
    with pytest.raises(CallError) as exc:
        parse_constraints(raw)
    [d] = exc.value.diagnostics
    assert d.code == "call-invalid" and d.location.key_path == "constraints[0].count"
    assert d.hint is not None and "docs/decisions.md" in d.hint
    with pytest.raises(CallError) as exc:
        parse_constraints([{"id": "a", "kind": "max", "fact": "t", "count": 1}] * 2)
    assert "used twice" in exc.value.diagnostics[0].message


# ------------------------------------------------------------------ consumers
def test_feedback_letters_read_the_syntheses(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"meeting": {"syntheses": {"D1": "Synthèse du jury."}}})
    out = tmp_path / "lettres"
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "feedback", "--format",
                                   "md", "-o", str(out), "--dossier", "D1"])
    assert res.exit_code == 0, res.output
    assert "Synthèse du jury." in (out / "D1.md").read_text(encoding="utf-8")
