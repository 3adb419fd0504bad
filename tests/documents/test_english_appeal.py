"""An English call's letters name no French institution by default (found by a review: an
English programme's decided letters sent applicants in Germany or Poland to a « recours
gracieux » and the French courts' Télérecours portal, in French words).  The default
means of appeal is French administrative law's in a French call only (whatever language
its letters are written in); an English call's is general, and ``isgrid report --kind
feedback`` warns (``letters-appeal-default``) until call.yaml's ``letters.appeal`` states
the programme's own routes.  The hints of ``letters-no-signatory`` give an example
signatory in the letters' language.

The séance call of tests/decisions_calls.py, every dossier decided by the vote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.cli import cli

GENERAL = ("This decision may be the subject of a request for review to the authority that "
           "signed it, or of an appeal before the competent court, within the time limits and "
           "under the conditions set by the rules that govern the programme.")


def _voted(tmp_path: Path, **call: Any) -> Path:
    folder = seance_call(tmp_path, call=call)
    for d in DOSSIERS:
        outcome = "retenu" if d in ("D1", "D2", "D3") else "non-retenu"
        res = CliRunner().invoke(cli, ["decide", str(folder), d, "--stage", "vote",
                                       "--outcome", outcome, "--by", "Board",
                                       "--reason", "vote", "--motivation", "the board's vote"])
        assert res.exit_code == 0, res.output
    return folder


def _letters(folder: Path, out: Path, *lang: str) -> tuple[str, str]:
    res = CliRunner().invoke(cli, ["--lang", "en", "report", str(folder), "--kind", "feedback",
                                   "--format", "md", "-o", str(out), *lang])
    assert res.exit_code == 0, res.output
    return res.output, (out / "D1.md").read_text(encoding="utf-8")


def test_an_english_call_s_letters_state_no_french_remedy(tmp_path: Path) -> None:
    folder = _voted(tmp_path, lang="en", letters={"signatory": "The Programme Director"})
    said, d1 = _letters(folder, tmp_path / "letters")
    assert GENERAL in d1
    for french in ("recours", "Télérecours", "tribunal", "convention"):
        assert french not in d1, french
    assert "A grant agreement or a grant decision will be sent to you" in d1
    assert "[letters-appeal-default]" in said
    assert "call.yaml has no letters.appeal" in said
    # its letters in French: the same general routes, in French words
    _, fr = _letters(folder, tmp_path / "lettres", "--lang", "fr")
    assert ("La présente décision peut faire l'objet d'une demande de réexamen auprès de "
            "l'autorité signataire ou d'un recours devant la juridiction compétente") in fr
    assert "Télérecours" not in fr


def test_the_programme_s_own_appeal_is_printed_and_silences_the_warning(
        tmp_path: Path) -> None:
    own = "You may ask the Programme Board to review this decision within 30 days."
    folder = _voted(tmp_path, lang="en",
                    letters={"signatory": "The Programme Director", "appeal": own})
    said, d1 = _letters(folder, tmp_path / "letters")
    assert own in d1 and GENERAL not in d1
    assert "letters-appeal-default" not in said


def test_a_french_call_keeps_french_law_s_remedy_in_english_too(tmp_path: Path) -> None:
    folder = _voted(tmp_path, letters={"signatory": "La Présidente"})
    said, d1 = _letters(folder, tmp_path / "letters", "--lang", "en")
    assert "informal appeal (recours gracieux)" in d1 and "Télérecours citoyens" in d1
    assert "letters-appeal-default" not in said


def test_the_signatory_hint_gives_an_example_in_the_letters_language(tmp_path: Path) -> None:
    english = seance_call(tmp_path, call={"lang": "en"}, name="en")
    res = CliRunner().invoke(cli, ["--lang", "en", "report", str(english), "--kind",
                                   "feedback", "--format", "md", "-o", str(tmp_path / "l1")])
    assert res.exit_code == 0, res.output
    assert 'signatory: "The Programme Director"' in res.output
    assert "Présidente" not in res.output and "«" not in res.output
    french = seance_call(tmp_path, name="fr")
    res = CliRunner().invoke(cli, ["--lang", "fr", "report", str(french), "--kind",
                                   "feedback", "--format", "md", "-o", str(tmp_path / "l2")])
    assert res.exit_code == 0, res.output
    assert 'signatory: "La Présidente du Conseil régional"' in res.output
