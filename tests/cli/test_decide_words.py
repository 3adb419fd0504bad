"""What ``decide`` says to a secretariat following the French guide (alsace-2016: AL16-01
and AL16-02 retained, AL16-03 and AL16-04 on the reserve, AL16-05 to check; minimum grant
5 000 €; AL16-02 asked 24 000 €).

* A refusal the engine did not propose, recorded without ``--motivation``, reached the
  applicant with no reason (``--reason`` is internal): it is warned before it is recorded.
* The hint of an unusual amount said « (12,5 pour 12 500 ?) » after ``--amount "12 500"``.
* An unknown id was sent to « dossiers/ » in a call whose dossiers are a ``dossiers.csv``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES
from zonecalls import zone_call

NB = "\u00a0"
NN = "\u202f"


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    # without the example's own warning (j2's ratings of AL16-01, a déport)
    j2 = folder / "ratings" / "j2.csv"
    lines = j2.read_text(encoding="utf-8").splitlines(keepends=True)
    j2.write_text("".join(x for x in lines if not x.startswith("AL16-01,")), encoding="utf-8")
    return folder


def _run(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(cli, list(args))
    return run.exit_code, run.output


def _hint_of(out: str, code: str) -> str:
    """The hint line under the diagnostic ``code`` (the test grid's own warnings aside)."""
    lines = out.splitlines()
    return lines[next(i for i, x in enumerate(lines) if f"[{code}]" in x) + 1]


def _journal(folder: Path) -> list[dict[str, object]]:
    path = folder / "journal.jsonl"
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_a_refusal_against_the_proposal_without_motivation_is_warned(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    code, out = _run("--lang", "fr", "decide", str(folder), "AL16-02", "--outcome",
                     "non-retenu", "--by", "Jury", "--reason", "budget irréaliste")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        f"Avertissement{NB}: la décision sur AL16-02 va contre la proposition d'isgrid et "
        f"n'a pas de --motivation{NB}: le courrier au porteur ne dira pas pourquoi "
        "[decision-unmotivated]",
        f"  Indice{NB}: Enregistrez-la à nouveau avec les mots que lira le porteur{NB}: "
        '--motivation "…" (--reason reste interne).',
        f"AL16-02 à l'étape jury{NB}: calculé retenu, décidé non retenu (décidé ≠ proposé)"
        f"{NN}; statut non retenu"], out
    assert [e["outcome"] for e in _journal(folder)] == ["non retenu"]  # recorded all the same
    # recorded again with the words the applicant reads: no warning, the letter quotes them
    code, out = _run("--lang", "fr", "decide", str(folder), "AL16-02", "--outcome",
                     "non-retenu", "--by", "Jury", "--reason", "budget irréaliste",
                     "--motivation", "Le budget prévisionnel ne couvre pas les salaires.")
    assert code == 0 and "decision-unmotivated" not in out, out
    # in English
    code, out = _run("--lang", "en", "decide", str(folder), "AL16-01", "--outcome", "réserve",
                     "--by", "Jury", "--reason", "r")
    assert out.splitlines()[:2] == [
        "Warning: the decision on AL16-01 goes against isgrid's proposal and has no "
        "--motivation: the applicant's letter will not say why [decision-unmotivated]",
        '  Hint: Record it again with the words the applicant will read: --motivation "…" '
        "(--reason stays internal)."], out


def test_a_decision_the_engine_proposed_or_left_open_is_not_warned(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    for dossier, outcome in (("AL16-01", "retenu"),  # proposed
                             ("AL16-05", "non-retenu"),  # à vérifier: nothing was proposed
                             ("AL16-04", "réserve")):  # proposed
        code, out = _run("decide", str(folder), dossier, "--outcome", outcome, "--by", "Jury",
                         "--reason", "r")
        assert code == 0 and "decision-unmotivated" not in out, out
    assert len(_journal(folder)) == 3


def test_strict_records_no_unmotivated_override(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    code, out = _run("--strict", "decide", str(folder), "AL16-02", "--outcome", "non-retenu",
                     "--by", "Jury", "--reason", "r")
    assert code == 1 and "[decision-unmotivated]" in out, out
    assert _journal(folder) == []
    code, out = _run("--strict", "decide", str(folder), "AL16-02", "--outcome", "non-retenu",
                     "--by", "Jury", "--reason", "r", "--motivation", "Budget irréaliste.")
    assert code == 0 and [e["motivation"] for e in _journal(folder)] == ["Budget irréaliste."]


def _amount_hint(folder: Path, dossier: str, amount: str, lang: str = "fr") -> str:
    code, out = _run("--lang", lang, "decide", str(folder), dossier, "--stage", "vote",
                     "--outcome", "retenu", "--amount", amount, "--by", "CP", "--reason", "r")
    assert code == 0
    return _hint_of(out, "amount-unusual")


def test_an_unusual_amount_s_hint_fits_what_was_typed(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    # 12,5 below 5 000 €: thousands typed with a decimal comma, 12,5 x 1000 = 12 500
    assert _amount_hint(folder, "AL16-01", "12,5") == (
        f"  Indice{NB}: Vérifiez le montant saisi (12,5 pour 12{NN}500{NN}€{NN}?){NN}; "
        "enregistrez une nouvelle décision pour le corriger.")
    assert _amount_hint(folder, "AL16-01", "12,5", "en") == (
        "  Hint: Check the amount typed (12,5 for €12,500?); record a new decision to "
        "correct it.")
    # 4 000 below 5 000 €: no slip to name (4 000 000 is no likelier)
    assert _amount_hint(folder, "AL16-01", "4 000") == (
        f"  Indice{NB}: Vérifiez le montant saisi{NN}; enregistrez une nouvelle décision pour "
        "le corriger.")
    # 240 000 for 24 000 asked: ten times, a zero too many (240 000 / 10 = 24 000)
    assert _amount_hint(folder, "AL16-02", "240 000") == (
        f"  Indice{NB}: Vérifiez le montant saisi (un zéro de trop{NB}: 24{NN}000{NN}€{NN}?)"
        f"{NN}; enregistrez une nouvelle décision pour le corriger.")
    # the reviewer's 12 500 for AL16-03 (asked 18 000: no warning), then for AL16-04, which
    # asked 20 000... and 25 000 for AL16-02 (asked 24 000): more than asked, no slip
    assert _amount_hint(folder, "AL16-02", "25 000") == (
        f"  Indice{NB}: Vérifiez le montant saisi{NB}: si le vote a accordé plus que la "
        f"demande du dossier, il n'y a rien à faire{NN}; sinon, enregistrez une nouvelle "
        "décision pour le corriger.")
    assert "12,5 pour" not in _amount_hint(folder, "AL16-02", "25 000")


def test_an_unknown_id_is_looked_for_where_the_dossiers_are(tmp_path: Path) -> None:
    folder = zone_call(tmp_path)  # dossiers E, S, U, F, T as dossiers/*.yaml
    code, out = _run("--lang", "fr", "decide", str(folder), "INCONNU", "--outcome", "retenu",
                     "--by", "J", "--reason", "r")
    assert code == 1
    assert _hint_of(out, "unknown-dossier") == (
        f"  Indice{NB}: Vérifiez l'identifiant du dossier dans dossiers/.")
    # the same dossiers as a table
    shutil.rmtree(folder / "dossiers")
    (folder / "dossiers.csv").write_text(
        "id,title,amount_requested\n" + "".join(f"{d},Projet {d},10000\n" for d in "ESUFT"),
        encoding="utf-8")
    for args in (["decide", str(folder), "INCONNU", "--outcome", "retenu"],
                 ["withdraw", str(folder), "INCONNU"]):
        code, out = _run("--lang", "fr", *args, "--by", "J", "--reason", "r")
        assert code == 1
        assert _hint_of(out, "unknown-dossier") == (
            f"  Indice{NB}: Vérifiez l'identifiant du dossier dans dossiers.csv."), out
    code, out = _run("--lang", "en", "decide", str(folder), "INCONNU", "--outcome", "retenu",
                     "--by", "J", "--reason", "r")
    assert _hint_of(out, "unknown-dossier") == "  Hint: Check the dossier id against dossiers.csv."
