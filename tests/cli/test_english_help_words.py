"""English help that used French words (a review): « documents speak of a "proposition du
jury" » (the English documents say « Proposal of the jury »), « pv: minutes of the
séance », « tableau de séance », CP never explained, examples writing ``lettres/``,
``publipostage.csv``, ``annexe.html``; « zone grise near the line ».  The option values
stay (they are what one types), explained in English; the French help is unchanged."""

from __future__ import annotations

from click.testing import CliRunner

from isgrid.cli import cli


def _help(*args: str) -> str:
    res = CliRunner().invoke(cli, [*args, "--help"])
    assert res.exit_code == 0, res.output
    return " ".join(res.output.split())


def test_report_minutes_and_the_command_list_speak_english() -> None:
    report = _help("--lang", "en", "report")
    assert 'documents speak of a "Proposal of the jury"' in report
    assert "CP, Commission permanente" in report
    assert "interne (internal" in report
    minutes = _help("--lang", "en", "minutes")
    assert "pv: the minutes (procès-verbal) of the meeting" in minutes
    assert "The CP (Commission permanente) is the board that votes the grants" in minutes
    top = _help("--lang", "en")
    assert ("Where the decision is fragile: the selection near the line that one juror or "
            "one level flips.") in top
    score = _help("--lang", "en", "score")
    for text in (report, minutes, top, score):
        for french in ("proposition du jury", "séance", "lettres/", "publipostage",
                       "annexe", "zone grise", "comite.", "tableau"):
            assert french not in text, french


def test_the_french_help_keeps_its_words() -> None:
    report = _help("--lang", "fr", "report")
    assert "proposition du jury" in report
    assert "-o lettres/" in report
    top = _help("--lang", "fr")
    assert "la sélection fragile, près de la ligne" in top
