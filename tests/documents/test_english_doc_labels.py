"""docs/self-assessment.md, in English, names the self-assessment pages' buttons by the
English page's labels (found by a review: it named « Télécharger mes réponses », « Modifier
mes réponses », « Effacer mes réponses »…, none of which is on the English page)."""

from __future__ import annotations

import json
import re

from testpaths import ROOT

LOCALE = ROOT / "src" / "isgrid" / "locale" / "selfassess.json"


def test_the_english_guide_names_the_english_buttons() -> None:
    en = json.loads(LOCALE.read_text(encoding="utf-8"))["en"]
    doc = (ROOT / "docs" / "self-assessment.md").read_text(encoding="utf-8")
    for key in ("web.download_answers", "web.resume_title", "web.upload_grid", "web.edit",
                "web.replace_yes", "web.replace_no", "web.continue", "web.clear",
                "web.clear_all"):
        assert f'"{en[key]}"' in doc, (key, en[key])
    # a French label is only quoted the French way, beside the English one
    quoted = re.findall(r'"([^"`]+)"', doc)
    assert not [q for q in quoted if re.search(r"\b(mes|celles|réponses|Grille)\b", q)], quoted
