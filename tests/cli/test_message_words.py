"""Messages of the command line in natural French (a review with ``LANG=fr_FR.UTF-8``).

* « … et 20 erreurs assign-impossible de plus (… les montre tous) »: « erreurs » are
  « toutes », « avertissements » « tous »; the English stays « shows every one ».
* ``isgrid sensitivity`` printed « E: » with no no-break space before the colon.
* Hints are in the imperative, like every other hint (« N'importer que… » read as a title;
  « ou ignorez d'ici là » ignored nothing said).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.errors import Diagnostic, Location, render_diagnostics
from zonecalls import zone_call

NB = "\u00a0"
NN = "\u202f"
SEE = "isgrid --all-diagnostics assign …"


def _diags(code: str, severity: str, n: int) -> list[Diagnostic]:
    return [Diagnostic(code, f"message {i}", Location("f.csv", i + 1),
                       severity="error" if severity == "error" else "warning")
            for i in range(n)]


def test_the_line_of_a_cut_code_agrees_with_errors_and_warnings() -> None:
    # 10 shown of each: 30 - 10 = 20 errors more, 11 - 10 = 1 warning more
    diags = _diags("assign-impossible", "error", 30) + _diags("no-ratings", "warning", 11)
    assert render_diagnostics(diags, 10, show_all=SEE, lang="fr")[-2:] == [
        f"Erreur{NB}: … et 20 erreurs assign-impossible de plus ({SEE} les montre toutes)",
        f"Avertissement{NB}: … et 1 avertissement no-ratings de plus ({SEE} les montre "
        "tous)"]
    assert render_diagnostics(diags[:11] + diags[30:] * 3, 10, show_all=SEE,
                              lang="fr")[-2:] == [
        f"Erreur{NB}: … et 1 erreur assign-impossible de plus ({SEE} les montre toutes)",
        f"Avertissement{NB}: … et 23 avertissements no-ratings de plus ({SEE} les montre "
        "tous)"]
    assert render_diagnostics(diags, 10, show_all=SEE)[-2:] == [
        f"Error: … and 20 more assign-impossible errors ({SEE} shows every one)",
        f"Warning: … and 1 more no-ratings warning ({SEE} shows every one)"]
    # without a command to name (a library's caller): the count alone
    assert render_diagnostics(diags, 10, lang="fr")[-2:] == [
        f"Erreur{NB}: … et 20 erreurs assign-impossible de plus",
        f"Avertissement{NB}: … et 1 avertissement no-ratings de plus"]


def test_sensitivity_puts_a_no_break_space_before_a_dossier_s_colon(tmp_path: Path) -> None:
    folder = zone_call(tmp_path)  # E and U in the zone grise (tests/zonecalls.py)
    fr = CliRunner().invoke(cli, ["--lang", "fr", "sensitivity", str(folder)]).stdout
    assert f"\n  E{NB}:\n    sans j1{NB}: " in fr and f"\n  U{NB}:\n" in fr, fr
    assert "E:" not in fr and "U:" not in fr
    en = CliRunner().invoke(cli, ["--lang", "en", "sensitivity", str(folder)]).stdout
    assert "\n  E:\n    without j1: " in en and "\n  U:\n" in en, en


def test_hints_are_in_the_imperative() -> None:
    def hint(code: str, lang: str) -> str:
        return Diagnostic(code, "m", severity="warning").format(lang).splitlines()[1]

    assert hint("no-ratings", "fr") == (
        f"  Indice{NB}: Recueillez les notes des jurés{NN}; d'ici là, vous pouvez ignorer "
        "cet avertissement.")
    assert hint("no-ratings", "en") == (
        "  Hint: Collect the jurors' ratings; until then, you may ignore this warning.")
    assert hint("sheet-assessor-twice", "fr") == (
        f"  Indice{NB}: N'importez que le classeur le plus récent de chaque juré.")
