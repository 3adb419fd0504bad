"""A criterion a role rates (the grid's ``rated_by``: alsace-aap-2016's ALS-E1 to E3, the
instructor's eligibility) left unrated makes the dossier « à vérifier »; its letter said
« Pièce ou information manquante : La démarche comporte une part de risque. Merci de nous
la transmettre », asking the applicant for an internal rating.  It now says that an
internal assessment is awaited and asks nothing; a missing fact (the applicant's piece)
is still asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NBSP = "\u00a0"
NNBSP = "\u202f"


def _letters(tmp_path: Path, *lang: str) -> Path:
    """alsace-2016 without i1's ALS-E1 rating of AL16-03 (« oui »): AL16-03 « à vérifier »;
    AL16-05 is « à vérifier » for a fact (its eligible expenses), as in the example."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ratings = folder / "ratings" / "i1.csv"
    lines = ratings.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith("AL16-03,i1,ALS-E1,")]
    assert len(kept) == len(lines) - 1
    ratings.write_text("".join(kept), encoding="utf-8")
    out = tmp_path / "lettres"
    res = CliRunner().invoke(cli, [*lang, "report", str(folder), "--kind", "feedback",
                                   "--format", "md", "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_an_internal_rating_is_no_missing_piece(tmp_path: Path) -> None:
    text = (_letters(tmp_path) / "AL16-03.md").read_text(encoding="utf-8")
    assert "Pièce ou information manquante" not in text
    assert "Merci de nous transmettre" not in text
    # in words a holder understands: « Appréciation interne en attente (rôle instructeur) »
    # was the tool's jargon
    assert (f"- Point en cours d'examen par le service instructeur{NBSP}: la démarche "
            "comporte une part de risque. Aucune pièce ne vous est demandée à ce titre.") in text
    assert (f"Votre dossier sera examiné une fois tranché le point indiqué "
            f"ci-dessus{NNBSP}; vous n'avez rien à nous transmettre.") in text
    assert "rôle" not in text and "Appréciation interne" not in text


def test_a_missing_fact_is_still_asked_for(tmp_path: Path) -> None:
    text = (_letters(tmp_path) / "AL16-05.md").read_text(encoding="utf-8")
    assert (f"- Pièce ou information manquante{NBSP}: dépenses éligibles (prestations "
            "externes, HT). Merci de nous la transmettre") in text
    assert "Point en cours d'examen" not in text


def test_in_english(tmp_path: Path) -> None:
    text = (_letters(tmp_path, "--lang", "en") / "AL16-03.md").read_text(encoding="utf-8")
    assert ("- Point still being examined by the department instructing the dossiers: La "
            "démarche comporte une part de risque. No document is asked of you for it.") in text
    assert "Missing document" not in text
