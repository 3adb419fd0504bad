"""The access document's words as the other documents say them (review s16 guide,
findings 6 and 7): the body is « le comité de sélection », as the minutes, the letters and
the committee report name it (in a Département, « la commission » is the Commission
permanente that votes); the grid's version is « version 1 », as the minutes and `score`
print it, and its title, which holds guillemets of its own, is not quoted a second time."""

from __future__ import annotations

import shutil
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.documents.access import build_access
from isgrid.documents.access_render import render_access
from isgrid.engine import score
from testpaths import EXAMPLES

MEETING_OUT = """meeting:
  date: 2016-05-04
  members:
    - {name: Hélène Schaeffer, role: présidente}
    - {name: Sophie Kuntz}
  interests:
    - {member: Hélène Schaeffer, dossier: AL16-03, text: association partenaire}
  left_room:
    - {member: Hélène Schaeffer, dossier: AL16-03}
"""


def _access(folder: Path, dossier: str, lang: str) -> str:
    call = load_call(folder)
    md = render_access(build_access(call, score(call), dossier, lang), "md").decode("utf-8")
    return " ".join(md.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_the_body_and_the_grid_as_the_other_documents_say_them(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "journal.jsonl").unlink(missing_ok=True)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(MEETING_OUT)
    md = _access(folder, "AL16-03", "fr")
    assert "Un membre du comité de sélection a déclaré un intérêt à ce dossier." in md
    assert ("Un membre du comité de sélection a quitté la salle pendant la délibération sur "
            "ce dossier") in md
    assert "valeur de consensus arrêtée par le comité de sélection" in md
    assert "commission" not in md.lower()
    assert ("- Grille : alsace-aap-2016 version 1, adaptée par l'appel — Appel à projets "
            "« Innovation(s) sociale(s) en Alsace » (Région Alsace, 2016)") in md
    assert "« Appel à projets «" not in md
    en = _access(folder, "AL16-03", "en")
    assert "A member of the selection committee declared an interest in this dossier." in en
    assert ("- Grid: alsace-aap-2016 version 1, adapted by the call — Appel à projets "
            "« Innovation(s) sociale(s) en Alsace » (Région Alsace, 2016)") in en
