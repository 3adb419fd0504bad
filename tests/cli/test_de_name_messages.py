"""The command line's French messages that name a juror after « de » elide it before a
vowel, as every document does (``isgrid.i18n.de_name``): « les dossiers d'anne », « un
second avis d'Élise », never « de anne »; « de j1 » stays.  A French template writes
``{de_assessor}`` where the English one writes ``{assessor}`` (``messages._filled``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.jury.opinions import load_opinions
from isgrid.messages import Message, Plural
from testpaths import EXAMPLES

NB = "\u00a0"


@pytest.mark.parametrize(("who", "de"), [("anne", "d'anne"), ("Élise", "d'Élise"),
                                         ("Hugo", "d'Hugo"), ("j1", "de j1"),
                                         ("Marc", "de Marc")])
def test_each_message_that_names_a_juror_after_de(who: str, de: str) -> None:
    fr = {m.translated("fr") for m in (
        Message("Remove {assessor}'s rows from {other} first.", assessor=who, other="a.csv"),
        Message("{dossier} is not one of {assessor}'s dossiers", dossier="D1", assessor=who),
        Message("the workbook was written with {dossier}, which is no longer one of "
                "{assessor}'s dossiers: its ratings are imported and count",
                dossier="D1", assessor=who))}
    assert fr == {f"Retirez d'abord de a.csv les lignes {de}.",
                  f"D1 ne fait pas partie des dossiers {de}",
                  f"le classeur a été écrit avec D1, qui ne fait plus partie des dossiers "
                  f"{de}{NB}: ses notes sont importées et comptent"}
    hint = Message("{assessor}'s dossiers are {shown}: put back the row's own id. If "
                   "{assessor}'s dossiers changed after the sheet was sent, add {dossier} "
                   "back to them (call.yaml or assignments.csv) to import it, or delete its "
                   "rows.", assessor=who, shown="D2, D3", dossier="D1").translated("fr")
    assert hint.startswith(f"Les dossiers {de} sont D2, D3{NB}: ")
    assert f"Si les dossiers {de} ont changé" in hint
    # the English is as it was
    assert Message("{dossier} is not one of {assessor}'s dossiers", dossier="D1",
                   assessor=who) == f"D1 is not one of {who}'s dossiers"


def test_a_plural_message_too() -> None:
    message = Plural("{dossier} can get only {n} of {per_dossier} assessors: the dossiers of "
                     "{assessors} are fixed in call.yaml and do not include it",
                     "{dossier} can get only {n} of {per_dossier} assessors: the dossiers of "
                     "{assessors} are fixed in call.yaml and do not include it", 1,
                     dossier="D1", per_dossier="3", assessors="anne, j2")
    assert message.translated("fr") == (
        f"D1 ne peut recevoir que 1 évaluateur sur 3{NB}: les dossiers d'anne, j2 sont "
        "fixés dans call.yaml et ne le comprennent pas")


def test_a_second_opinion_of_a_juror_named_with_a_vowel(tmp_path: Path) -> None:
    """Through the reading of opinions/: the juror j1 of the example renamed « anne »."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call_yaml = folder / "call.yaml"
    call_yaml.write_text(call_yaml.read_text(encoding="utf-8").replace("id: j1", "id: anne"),
                         encoding="utf-8")
    ratings = (folder / "ratings" / "j1.csv").read_text(encoding="utf-8")
    (folder / "ratings" / "j1.csv").unlink()
    (folder / "ratings" / "anne.csv").write_text(ratings.replace(",j1,", ",anne,"),
                                                 encoding="utf-8")
    (folder / "opinions").mkdir()
    (folder / "opinions" / "a.csv").write_text(
        "dossier,assessor,opinion,amount,comment\n"
        "AL16-05,anne,favorable,,\nAL16-05,anne,défavorable,,\n", encoding="utf-8")
    found = [d for d in load_opinions(load_call(folder)).warnings
             if d.code == "duplicate-rating"]
    assert len(found) == 1
    assert found[0].format("fr").splitlines()[0].split(f"{NB}: ", 2)[-1].startswith(
        "un second avis d'anne sur AL16-05 (le premier en ")
