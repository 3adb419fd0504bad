"""isgrid decide says at once the deliberation-dates contradiction that the vote it records
brings (found by a review: it was said only by the next command that loaded the call).

decisions_calls.seance_call: D4 voted « non retenu » at CP-2026-06-02 dated 2 June 2026
(journal line 1); D3 voted « retenu » at the same deliberation dated 9 June would be line
2: the one check (isgrid.call.deliberations.date_warnings) names both days and lines.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from isgrid.cli import cli


def _decide(folder: Path, dossier: str, outcome: str, *options: str,
            strict: bool = False) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", *(["--strict"] if strict else []),
                                    "decide", str(folder), dossier, "--stage", "vote",
                                    "--outcome", outcome, *options, "--by", "CP",
                                    "--reason", "r"])


def _seance(tmp_path: Path) -> tuple[Path, str]:
    from decisions_calls import seance_call

    folder = seance_call(tmp_path)
    res = _decide(folder, "D4", "non-retenu", "--reference", "CP-2026-06-02", "--at",
                  "2026-06-02")
    assert res.exit_code == 0 and "deliberation-dates" not in res.output, res.output
    journal = folder / "journal.jsonl"
    said = (f"{journal}:2: the deliberation CP-2026-06-02 is recorded with 2 different "
            f"dates: 2026-06-02 ({journal}:1), 2026-06-09 ({journal}:2) [deliberation-dates]")
    return folder, said


def _lines(folder: Path) -> int:
    return len((folder / "journal.jsonl").read_bytes().splitlines())


def test_decide_says_the_date_its_vote_contradicts_at_once(tmp_path: Path) -> None:
    folder, said = _seance(tmp_path)
    res = _decide(folder, "D3", "retenu", "--reference", "CP-2026-06-02", "--at",
                  "2026-06-09")
    assert res.exit_code == 0, res.output
    assert res.output.count(said) == 1, res.output
    # D4 refused, D3 is the only one left of the tie at the line and fits the 15 000 left:
    # the engine proposes it (branch tie-three), the vote retains it
    assert "D3 at vote: computed tied, proposed selected, decided selected; status selected" \
        in res.output
    assert _lines(folder) == 2
    # the next vote, of another deliberation, brings nothing new: said once, by the loading
    res = _decide(folder, "D1", "retenu")
    assert res.exit_code == 0 and res.output.count("[deliberation-dates]") == 1, res.output
    # recorded again with the right date: nothing more to say once recorded
    res = _decide(folder, "D3", "retenu", "--reference", "CP-2026-06-02", "--at",
                  "2026-06-02")
    assert res.exit_code == 0 and res.output.count("[deliberation-dates]") == 1, res.output
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert res.exit_code == 0 and "deliberation-dates" not in res.output, res.output


def test_decide_strict_does_not_record_a_contradicting_date(tmp_path: Path) -> None:
    folder, said = _seance(tmp_path)
    res = _decide(folder, "D3", "retenu", "--reference", "CP-2026-06-02", "--at",
                  "2026-06-09", strict=True)
    assert res.exit_code == 1 and said in res.output, res.output
    assert "Error: 1 warning and --strict is set." in res.output
    assert _lines(folder) == 1
