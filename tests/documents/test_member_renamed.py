"""A meeting member tied to an assessor id whose declared name is another's is told
(review year2, finding 8): the id j2 given to a new juror this year, last year's member
line kept, and the minutes named last year's juror present and this year's recused."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from isgrid.cli import cli
from workspacecalls import alsace


def call_with(tmp_path: Path, members: list[dict[str, str]]) -> Path:
    folder = alsace(tmp_path, name="alsace")
    path = folder / "call.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    # this year, j2 is Paul Meyer
    [j2] = [a for a in doc["assessors"] if a["id"] == "j2"]
    j2["name"] = "Paul Meyer"
    doc["meeting"] = {"date": "2016-05-04", "quorum": 2, "members": members}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def check(folder: Path) -> str:
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert res.exit_code == 0, res.output
    return res.output


def test_last_years_member_on_a_reused_id_is_told(tmp_path: Path) -> None:
    folder = call_with(tmp_path, [{"name": "Hélène Schaeffer", "assessor": "j1"},
                                  {"name": "Marc Wendling", "assessor": "j2"}])
    out = check(folder)
    assert ("the member 'Marc Wendling' is tied to j2, whose name in assessors is "
            "'Paul Meyer' [meeting-member-renamed]") in out
    assert out.count("meeting-member-renamed") == 1  # Hélène Schaeffer is j1's name


def test_a_shorter_form_of_the_same_name_says_nothing(tmp_path: Path) -> None:
    folder = call_with(tmp_path, [{"name": "Mme Schaeffer (présidente)", "assessor": "j1"},
                                  {"name": "M. MEYER", "assessor": "j2"}])
    assert "meeting-member-renamed" not in check(folder)
