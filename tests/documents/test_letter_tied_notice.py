"""The box of a letter to a dossier tied at the funding line, the tie open, says what is
true of it: the jury proposed nothing for it yet, the tie is to break (found by a review:
its outcome said the tie, its box still « Il s'agit d'une proposition du jury … »).

The séance call of tests/decisions_calls.py: D1 20 000 and D2 15 000 retained (35 000 of
50 000); D3 and D4 total 75 each (3 and 3 on 0..4: 100 × 6 / 8) and ask 10 000 each:
15 000 left, one of them only, the tie at the line is left to the jury.  With ``TIGHT``
(D4 asks 21 000) the vote refusing D2 leaves its place to D3 and D4, tied (D3 + D4 =
31 000 > 30 000 left): the vote must choose.
"""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

from test_place_story import TIGHT, vote
from test_vote_reference import letters

from clirun import run
from decisions_calls import seance_call

NBSP = "\u00a0"
PROPOSAL = "Il s'agit d'une proposition du jury"
TIED = (f"Le jury n'a encore rien proposé pour votre dossier{NBSP}: il le fera en départageant "
        "les dossiers ex æquo, et la décision appartiendra ensuite à l'instance qui votera les "
        "aides. Ce courrier ne vaut pas décision.")
TIED_VOTE = (f"Aucune décision n'est encore prise pour votre dossier{NBSP}: l'instance qui vote "
             "les aides doit d'abord départager les dossiers ex æquo. Ce courrier ne vaut pas "
             "décision.")


def _docx_text(data: bytes) -> str:
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return html.unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)))


def test_the_tied_letter_s_box_says_the_tie_is_open(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    for did in ("D3", "D4"):
        assert f"> {TIED}\n" in md[did], md[did]
        assert PROPOSAL not in md[did]
    for did in ("D1", "D2", "D5"):  # proposed by the jury: they say so
        assert PROPOSAL in md[did] and TIED not in md[did]
    page = html.unescape(letters(folder, "html")["D3"].decode("utf-8"))
    assert f'<p class="notice">{TIED}</p>' in page, page
    assert PROPOSAL not in page
    word = _docx_text(letters(folder, "docx")["D4"])
    assert TIED in word and PROPOSAL not in word
    assert PROPOSAL in _docx_text(letters(folder, "docx")["D1"])
    # the jury settles the tie (D3 retained): D4 is its proposal again, and says so
    run("decide", folder, "D3", "--stage", "jury", "--outcome", "retenu", "--by", "Jury",
        "--reason", "départage")
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    assert PROPOSAL in md["D4"] and TIED not in md["D4"], md["D4"]


def test_in_english(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"lang": "en"})
    md = letters(folder)["D3"].decode("utf-8")
    assert ("> The jury has not proposed anything for your application yet: it will once it "
            "has decided between the tied applications, and the decision will then belong to "
            "the body that votes the grants. This letter is not a decision.\n") in md, md
    assert "This is a proposal of the jury" not in md


def test_a_place_the_vote_left_to_the_tie(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, dossiers=TIGHT)
    vote(folder, "D2", "non retenu")  # D3, D4 tied for its place: the vote chooses
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    for did in ("D3", "D4"):
        assert f"> {TIED_VOTE}\n" in md[did], md[did]
        assert PROPOSAL not in md[did] and TIED not in md[did]
    en = seance_call(tmp_path, dossiers=TIGHT, call={"lang": "en"}, name="en")
    vote(en, "D2", "non retenu")
    assert ("> No decision has been taken on your application yet: the body that votes the "
            "grants must first decide between the tied applications. This letter is not a "
            "decision.\n") in letters(en)["D4"].decode("utf-8")
