"""The fiches quote a comment several jurors wrote alike once (a shared comment pasted:
it read three times in a row under one criterion), by the letters' one rule
(:func:`isgrid.documents.text.first_said`); the other jurors' lines keep their value and
say whose comment theirs is the same as.  Different comments each keep their place."""

from __future__ import annotations

from pathlib import Path

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.engine import score

SAME = "Besoin bien documenté par une enquête"
OTHER = "Public cible à préciser"


def _call(tmp_path: Path) -> Path:
    """D1 rated 3 everywhere by j1..j4: on B1, j1, j2 and j4 wrote SAME (j4 with spaces
    around it), j3 OTHER; no other comment."""
    ratings = [(d, j, c, 3, SAME if (c, j) in (("B1", "j1"), ("B1", "j2")) else
                OTHER if (c, j) == ("B1", "j3") else "")
               for d in ("D1",) for j in ("j1", "j2", "j3") for c in ("B1", "B2", "I1")]
    ratings.append(("D1", "j4", "B1", 3, f"  {SAME} "))
    return make_call(tmp_path, "mini-scored", dossiers=[{"id": "D1", "title": "Recyclerie"}],
                     ratings=ratings + [("D1", "j4", c, 3, "") for c in ("B2", "I1")],
                     call={"assessors": [{"id": "j1", "name": "Mme Roy"},
                                         {"id": "j2", "name": "M. Petit"},
                                         {"id": "j3", "name": "Mme Blanc"},
                                         {"id": "j4", "name": "M. Noir"}]})


def test_the_fiche_model_quotes_it_once(tmp_path: Path) -> None:
    call = load_call(_call(tmp_path))
    ctx = build_context(call, score(call), "fiches", "interne", "fr")
    [fiche] = ctx.fiches
    b1 = next(c for s in fiche.sections for c in s.criteria if c.id == "B1")
    # by juror id: j1 Mme Roy, j2 M. Petit, j3 Mme Blanc, j4 M. Noir
    assert [(r.assessor, r.value, r.comment, r.same_comment_as) for r in b1.ratings] == [
        ("Mme Roy", 3, SAME, None), ("M. Petit", 3, "", "Mme Roy"),
        ("Mme Blanc", 3, OTHER, None), ("M. Noir", 3, "", "Mme Roy")]


@pytest.mark.parametrize(("lang", "same"), [("fr", "(même commentaire que Mme Roy)"),
                                            ("en", "(same comment as Mme Roy)")])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_fiches_quote_it_once(tmp_path: Path, lang: str, same: str, fmt: str) -> None:
    call = load_call(_call(tmp_path))
    [(_, page)] = render_report(call, score(call), "fiches", fmt,  # type: ignore[arg-type]
                                level="interne", lang=lang)
    text = page.decode("utf-8")
    assert text.count(SAME) == 1, text
    assert text.count(OTHER) == 1 and text.index(SAME) < text.index(OTHER)
    assert text.count(same) == 2  # M. Petit's and M. Noir's lines
    assert text.index(SAME) < text.index(same)
