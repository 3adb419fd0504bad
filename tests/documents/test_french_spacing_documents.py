"""French typography in the documents a jury signs or sends: the minutes, the CP annex and
the ``score`` table take their French texts from the catalogs, where the one rule
(isgrid.i18n.french_spacing) puts a no-break space before « : » and a narrow one before
« ; ! ? % € ».  They were written by hand with ordinary spaces: « Secrétariat : M. Roth »,
« Délibération : CP-2016-05-12 », a rate « 38,6 % » (a line could break before « % »),
« Retenus : AL16-01, AL16-02 ».

The call: alsace-2016 with the meeting block of docs/fr/apres-la-seance.md, one member
absent and one portfolio constraint.  Rates of the annex, worked by hand: AL16-01
27 000 / 70 000 = 38,57 %, AL16-02 24 000 / 50 000 = 48 % (whole: no decimal)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.decisions_text import decisions_table
from isgrid.documents.minutes import render_minutes
from isgrid.documents.score_outputs import score_table
from isgrid.engine import score
from pagetext import docx_text, visible
from testpaths import EXAMPLES
from votecalls import run, vote

NBSP, NNBSP = "\u00a0", "\u202f"
#: an ordinary space before a mark that French typography holds to the word before it
ORDINARY = re.compile(r" [:;!?%€]")

MEETING = """meeting:
  date: 2016-05-04
  place: à la Maison de la Région, salle 3
  chair: Mme Schaeffer
  secretary: M. Roth
  quorum: 2
  members:
    - {name: Hélène Schaeffer, role: présidente, assessor: j1}
    - {name: Marc Wendling, assessor: j2}
    - {name: Sophie Kuntz, assessor: j3}
    - {name: Paul Meyer, present: false}
  vote: {body: Commission permanente, date: 2016-05-12, reference: CP-2016-05-12}
constraints:
  - {id: haut-rhin, kind: max, fact: departement, value: "68", count: 2,
     label: au plus deux projets du Haut-Rhin}
"""


@pytest.fixture
def seance(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(MEETING)
    return folder


def documents(folder: Path, lang: str = "fr") -> dict[str, str]:
    call = load_call(folder)
    result = score(call)
    def page(kind: str, fmt: str) -> bytes:
        return render_minutes(call, result, kind, fmt, lang=lang)  # type: ignore[arg-type]

    return {"pv": visible(page("pv", "html")), "cp-annex": visible(page("cp-annex", "html")),
            "pv.docx": docx_text(page("pv", "docx")),
            "cp-annex.docx": docx_text(page("cp-annex", "docx")),
            "score": score_table(result, lang), "decisions": decisions_table(result, lang)}


def ordinary_spaces(docs: dict[str, str]) -> dict[str, list[str]]:
    return {k: [text[max(0, m.start() - 30): m.end() + 10] for m in ORDINARY.finditer(text)]
            for k, text in docs.items() if ORDINARY.search(text)}


def test_no_ordinary_space_before_french_marks(seance: Path) -> None:
    docs = documents(seance)
    assert ordinary_spaces(docs) == {}
    pv, annex, table = docs["pv"], docs["cp-annex"], docs["score"]
    for text in (pv, docs["pv.docx"]):
        assert f"Secrétariat{NBSP}: M. Roth" in text
        assert f"Absents{NBSP}: Paul Meyer" in text
        assert f"au plus deux projets du Haut-Rhin{NBSP}: respectée" in text
    assert f"Présidence{NBSP}: Mme Schaeffer" in pv
    assert f"Signature{NBSP}:" in docs["pv.docx"]
    for text in (annex, docs["cp-annex.docx"]):
        assert f"Délibération{NBSP}: CP-2016-05-12" in text
        assert f"38,6{NNBSP}%" in text and f"48{NNBSP}%" in text and "48,0" not in text
    assert f"Proposition du jury{NBSP}: aucun vote n'est enregistré." in table
    assert f"Retenus{NBSP}: AL16-01, AL16-02\n" in table
    assert f"Réserve{NBSP}: AL16-03, AL16-04\n" in table
    assert (f"Montant{NBSP}: attribué après le vote, sinon proposé{NNBSP}; entre "
            f"parenthèses{NBSP}: demandé\n(dossier non proposé), ou proposé sous réserve "
            "(dossier à vérifier).") in table


def test_the_vote_under_way_and_a_withdrawal_too(seance: Path) -> None:
    """AL16-01 voted, then AL16-02 withdrawn: AL16-03 (reserve, 15 000 €) is proposed in
    its place; the minutes record the deliberation, the tables the replacement."""
    vote(seance, "AL16-01")
    run("withdraw", seance, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    docs = documents(seance)
    assert ordinary_spaces(docs) == {}
    # the place told as the minutes tell it (isgrid.documents.places.place_text)
    assert (f"\nAL16-02 s'est retiré{NNBSP}; AL16-03 (liste de réserve) est proposé à sa "
            "place.\n") in docs["decisions"]
    assert f"Retenus{NBSP}: AL16-01, AL16-03\n" in docs["score"]


def test_english_is_left_as_english_writes_it(seance: Path) -> None:
    """No French space in the English documents: « Secretary: M. Roth », « 38.6% » as
    English writes a percentage (messages.percent: the sign set close, « Budget ±10% »)."""
    docs = documents(seance, "en")
    for name, text in docs.items():
        # the one no-break space English keeps: beside the arrow of a change (« 2.7 → 3 »,
        # typography.kept_with_arrow, in every language), now that the minutes list
        # call.yaml's consensus values
        assert NBSP not in text.replace(f"{NBSP}→{NBSP}", " → "), name
    assert "Secretary: M. Roth" in docs["pv"] and "Absent: Paul Meyer" in docs["pv"]
    assert "Deliberation: CP-2016-05-12" in docs["cp-annex"]
    for name in ("cp-annex", "cp-annex.docx"):
        assert "38.6%" in docs[name] and "48%" in docs[name] and " %" not in docs[name]
    assert "Selected: AL16-01, AL16-02\n" in docs["score"]
    assert "The jury's proposal: no vote is recorded yet." in docs["score"]
