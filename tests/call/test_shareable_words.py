"""The shareable column of a ratings file refused in the call's words: an English call's
import writes « yes » there and its user types yes/no, but the refusal said « neither oui
nor non » and told them to write « oui ».  Both languages' words are read; the message
names the call's."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES


def _call(tmp_path: Path, lang: str, mark: str) -> Path:
    folder = tmp_path / f"call-{lang}"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("\nlang: fr\n", f"\nlang: {lang}\n"),
                    encoding="utf-8")
    path = folder / "ratings" / "j1.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    # a shareable column: line 2 marked `mark`, line 3 marked in the other language's word
    other = "oui" if lang == "en" else "yes"
    rows = [rows[0] + ",shareable", rows[1] + f",{mark}", rows[2] + f",{other}",
            *(r + "," for r in rows[3:])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _check(folder: Path, lang: str) -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, "call", "check", str(folder)])
    assert res.exit_code != 0
    return res.output.replace("\u202f", " ").replace("\xa0", " ")


def test_an_english_call_is_told_yes_or_no(tmp_path: Path) -> None:
    folder = _call(tmp_path, "en", "maybe")
    out = _check(folder, "en")
    # line 2, the sixth column; line 3's « oui » is read (no second problem)
    assert "ratings/j1.csv:2:6: shareable: 'maybe' is neither yes nor no [bad-shareable]" \
        in out and out.count("[bad-shareable]") == 1
    assert "Write yes when the comment may be quoted in the applicant's letter; no (or " \
        "nothing) otherwise." in out
    assert "oui" not in out
    out = _check(folder, "fr")  # a French secretariat's terminal: the call's words still
    assert "shareable : « maybe » n'est ni yes ni no" in out
    assert "Écrivez yes quand le commentaire peut être cité" in out


def test_a_french_call_is_told_oui_or_non(tmp_path: Path) -> None:
    out = _check(_call(tmp_path, "fr", "peut-être"), "fr")
    assert "shareable : « peut-être » n'est ni oui ni non [bad-shareable]" in out
    assert "Écrivez oui quand le commentaire peut être cité dans la lettre au porteur ; non " \
        "(ou rien) sinon." in out
