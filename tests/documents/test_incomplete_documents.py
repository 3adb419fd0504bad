"""Documents that would go out incomplete say so (docs/decisions.md, docs/reports.md).

The call (tests/votecalls.py): alsace-2016 with ``meeting.vote`` CP-2016-05-12; the
proposal retains AL16-01 (27 000 €) and AL16-02 (24 000 €), the example's dossiers have no
``holder`` fact and call.yaml no ``letters`` block.  Worked out by hand:

- the CP annex lists AL16-01 and AL16-02 and names neither's holder: « lists 2 dossiers
  and none has a holder (the fact 'holder') »; AL16-01 given a holder, AL16-02 alone is
  named; both given, nothing is said; ``meeting.attribuant.beneficiary_name: nom`` makes
  the annex read ``nom``, and the warning names it;
- ``isgrid call check`` says it when ``meeting.vote`` is there, never without it (the
  example as shipped);
- the letters (8 dossiers) are written without a signatory: said once; with
  ``letters.signatory``, nothing.

Before this change, the annex's « Porteur » column was a dash on every row and the
letters were unsigned, with nothing said (a newcomer's call, /tmp/r9w/aap-2026).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from isgrid.cli import cli
from testpaths import EXAMPLES
from votecalls import example

ENGLISH = {"LANG": "C", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}


def isgrid(*args: object, env: dict[str, str | None] = ENGLISH) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def annex(folder: Path, out: Path, *more: str, env: dict[str, str | None] = ENGLISH) -> Result:
    return isgrid(*more, "minutes", folder, "--kind", "cp-annex", "-o", out, env=env)


def give_holder(folder: Path, dossier: str, name: str, fact: str = "holder") -> None:
    with (folder / "dossiers" / f"{dossier}.yaml").open("a", encoding="utf-8") as f:
        f.write(f'{fact}: "{name}"\n')


def declare(folder: Path, fact: str = "holder") -> None:
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    text = text.replace("set:\n", f"set:\n  facts.{fact}: {{type: string}}\n")
    (folder / "call.yaml").write_text(text, encoding="utf-8")


def letters(folder: Path, out: Path, block: str = "") -> Result:
    """The letters (``report --kind feedback``) written to ``out``, call.yaml first ending
    with ``block``; the command succeeded."""
    if block:
        with (folder / "call.yaml").open("a", encoding="utf-8") as f:
            f.write(block)
    res = isgrid("report", folder, "--kind", "feedback", "-o", out)
    assert res.exit_code == 0, res.output
    return res


# ------------------------------------------------------------------ the annex's holders
def test_an_annex_naming_no_holder_says_so(tmp_path: Path) -> None:
    folder = example(tmp_path)
    res = annex(folder, tmp_path / "a.html")
    assert res.exit_code == 0, res.output
    assert ("the CP annex lists 2 dossiers and none has a holder (the fact 'holder'): its "
            "holder column is a dash on every row [annex-holder-missing]") in res.output
    # the hint: the dossiers' files (no intake block), and the fact to declare
    assert "Write `holder: …` in each dossier's file (dossiers/<id>.yaml)" in res.output
    assert "set: `facts.holder: {type: string}`" in res.output
    assert res.output.count("[annex-holder-missing]") == 1
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "AL16-01" in html and "AL16-02" in html  # written all the same


def test_the_dossiers_without_a_holder_are_named(tmp_path: Path) -> None:
    folder = example(tmp_path)
    declare(folder)
    give_holder(folder, "AL16-01", "Recyclerie du Sundgau")
    res = annex(folder, tmp_path / "a.html")
    assert res.exit_code == 0, res.output
    assert ("the CP annex lists 1 dossier without its holder (the fact 'holder'): AL16-02; "
            "its holder cell is a dash [annex-holder-missing]") in res.output
    assert "facts.holder" not in res.output  # declared: the hint does not ask for it
    give_holder(folder, "AL16-02", "Jardins partagés d'Alsace")
    res = annex(folder, tmp_path / "b.html")
    assert res.exit_code == 0, res.output
    assert "annex-holder-missing" not in res.output
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "Recyclerie du Sundgau" in html and "Jardins partagés d&#39;Alsace" in html


def test_the_warning_names_the_fact_the_annex_reads(tmp_path: Path) -> None:
    folder = example(tmp_path)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write('  attribuant: {name: Région, siret: "99999999900017", beneficiary_name: nom}\n')
    declare(folder, "nom")
    give_holder(folder, "AL16-01", "Recyclerie du Sundgau", "nom")
    res = annex(folder, tmp_path / "a.html")
    assert res.exit_code == 0, res.output
    assert ("the CP annex lists 1 dossier without its holder (the fact 'nom'): AL16-02"
            in res.output)


def test_in_french(tmp_path: Path) -> None:
    folder = example(tmp_path)
    res = annex(folder, tmp_path / "a.html", env=FRENCH)
    assert res.exit_code == 0, res.output
    assert ("l'annexe de délibération porte 2 dossiers et aucun n'a de porteur (le fait "
            "«\u00a0holder\u00a0»)\u00a0: sa colonne «\u00a0Porteur\u00a0» est un tiret sur chaque ligne "
            "[annex-holder-missing]") in res.output


def test_call_check_says_it_when_the_vote_is_named(tmp_path: Path) -> None:
    folder = example(tmp_path)
    res = isgrid("call", "check", folder)
    assert res.exit_code == 0, res.output
    assert "the CP annex lists 2 dossiers and none has a holder" in res.output
    plain = tmp_path / "plain"
    shutil.copytree(EXAMPLES / "alsace-2016", plain)  # no meeting.vote: no annex yet
    res = isgrid("call", "check", plain)
    assert res.exit_code == 0, res.output
    assert "annex-holder-missing" not in res.output


def test_call_check_scores_only_when_a_holder_is_missing(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every dossier naming its holder, no annex row can lack one: the check does not score
    the call for it (a national call's check stays a check); one missing, it does."""
    from isgrid import engine

    scored: list[object] = []
    real = engine.score
    monkeypatch.setattr(engine, "score", lambda call: scored.append(call) or real(call))
    folder = example(tmp_path, to_check=True)  # no decision in the journal to motivate
    declare(folder)
    for i in range(1, 9):
        give_holder(folder, f"AL16-0{i}", f"Porteur {i}")
    res = isgrid("call", "check", folder)
    assert res.exit_code == 0, res.output
    assert "annex-holder-missing" not in res.output
    assert scored == []
    text = (folder / "dossiers" / "AL16-02.yaml").read_text(encoding="utf-8")
    (folder / "dossiers" / "AL16-02.yaml").write_text(
        text.replace('holder: "Porteur 2"\n', ""), encoding="utf-8")
    res = isgrid("call", "check", folder)
    assert res.exit_code == 0, res.output
    assert ("the CP annex lists 1 dossier without its holder (the fact 'holder'): AL16-02"
            in res.output)
    assert len(scored) == 1


# ------------------------------------------------------------------ the letters' signatory
def test_letters_without_a_signatory_say_so(tmp_path: Path) -> None:
    folder = example(tmp_path)
    res = letters(folder, tmp_path / "lettres")
    assert ("the letters are written without a signatory: call.yaml has no "
            "letters.signatory [letters-no-signatory]") in res.output
    assert 'letters:\n      signatory: "La Présidente du Conseil régional"' in res.output
    assert res.output.count("[letters-no-signatory]") == 1
    assert len(list((tmp_path / "lettres").glob("*.html"))) == 8
    fr = isgrid("report", folder, "--kind", "feedback", "--format", "csv", "-o",
                tmp_path / "publipostage.csv", env=FRENCH)
    assert fr.exit_code == 0, fr.output
    assert ("les lettres sont écrites sans signataire\u00a0: call.yaml n'a pas de "
            "letters.signatory [letters-no-signatory]") in fr.output
    # the place to read, in French: the French guide's chapter (branch tie-words: the
    # French hint cited « Letters to applicants », docs/calls.md's English title)
    assert ("(le nom et la qualité du signataire\u202f; voir le guide, "
            "docs/fr/apres-la-seance.md, «\u00a0Les lettres aux porteurs\u00a0»).") in fr.output
    assert "Letters to applicants" not in fr.output
    # English quotation marks in an English message (the French call's example stays French:
    # its letters are French; an English call's is "The Programme Director")
    assert '(the name and quality of who signs; see docs/calls.md, "Letters to applicants").' \
        in res.output


def test_letters_with_a_signatory_say_nothing(tmp_path: Path) -> None:
    res = letters(example(tmp_path), tmp_path / "lettres",
                  'letters:\n  signatory: "La Présidente du Conseil régional"\n')
    assert "letters-no-signatory" not in res.output
    letter = (tmp_path / "lettres" / "AL16-01.html").read_text(encoding="utf-8")
    assert "La Présidente du Conseil régional" in letter


def test_a_letters_block_without_signatory_says_where(tmp_path: Path) -> None:
    res = letters(example(tmp_path), tmp_path / "lettres", "letters:\n  place: Strasbourg\n")
    assert "call.yaml (letters): the letters are written without a signatory" in res.output
    assert "Add under letters: in call.yaml:" in res.output
