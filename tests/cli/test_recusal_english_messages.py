"""English command-line messages said the French « déport » (« j1 is conflicted on D1
(déport, call.yaml:12) », « wrote … (3 dossiers; déport: D2) », assign's help « respects
déports and roles »), and the jury workspace said « withdraw » in English: English says
what the glossary says (docs/glossary.md: déport, recusal), as the English document
catalogs do (tests/documents/test_recusal_english.py); French keeps « déport ».

Identifiers, codes and file names keep their French word (``deport-rated``,
``conflicts/``): only the word a reader reads is looked for."""

from __future__ import annotations

import json
import re

from babel.messages.pofile import read_po
from i18n_messages import PO, all_messages

from isgrid.workspace.texts import TEXTS
from testpaths import ROOT

#: a code, an option, a path or a key (``deport-rated``, ``conflicts/<juror>.csv``,
#: `deport.title`): its word is not read as English
IDENTIFIER = re.compile(r"`[^`]*`|\[[a-z0-9-]+\]|[\w.<>*]*[-_/][\w.<>*/-]*")
DEPORT = re.compile(r"d[ée]port", re.IGNORECASE)


def says_deport(text: str) -> bool:
    return bool(DEPORT.search(IDENTIFIER.sub(" ", text)))


def test_the_word_is_found_and_identifiers_are_not() -> None:
    assert says_deport("j1 is conflicted on D1 (déport, call.yaml:12)")
    assert says_deport("Propose a balanced assignment that respects déports and roles.")
    assert says_deport("the members déportés for it are named")
    assert says_deport("Deport: D2")
    assert not says_deport("a row of a recusal [deport-rated] in conflicts/deport.csv")
    assert not says_deport("see `deport.title` and test_deport_row")


def _msgids() -> list[str]:
    with PO.open("rb") as f:
        catalog = read_po(f)
    out: list[str] = []
    for message in catalog:
        if message.id:
            out.extend(message.id if isinstance(message.id, tuple) else (message.id,))
    return out


def test_no_msgid_of_the_catalog_says_deport() -> None:
    said = [m for m in _msgids() if says_deport(m)]
    assert said == []


def test_no_message_of_the_code_says_deport() -> None:
    """The messages the command line shows (help, diagnostics, hints), whether or not the
    catalog has them yet."""
    said = sorted(str(m) for m in all_messages()
                  if any(says_deport(t) for t in (m if isinstance(m, tuple) else (m,))))
    assert said == []


def test_the_french_still_says_deport() -> None:
    """The French texts moved to the new msgids unchanged."""
    with PO.open("rb") as f:
        catalog = read_po(f)
    assert catalog.get("{assessor} is conflicted on {dossier} (recusal, {place}): their "
                       "ratings of it do not count").string == (
        "{assessor} est en déport sur {dossier} ({place})\u00a0: ses notes sur ce dossier ne "
        "comptent pas")
    assert catalog.get("wrote {path} ({n} dossier; recused from: {ids})").string == (
        "écrit\u00a0: {path} ({n} dossier\u202f; déport\u00a0: {ids})",
        "écrit\u00a0: {path} ({n} dossiers\u202f; déport\u00a0: {ids})")


def test_the_english_workspace_says_recusal() -> None:
    said = {key: en for key, (_fr, en) in TEXTS.items()
            if says_deport(en) or re.search(r"withdr[ae]w", en, re.IGNORECASE)}
    assert said == {}
    assert TEXTS["deport.button"] == ("Je me déporte de ce dossier",
                                      "I recuse myself from this dossier")
    assert TEXTS["admin.deports"] == ("Déports", "Recusals")


def test_the_english_catalogs_too() -> None:
    """The English document catalogs (each file's ``en`` texts), keys apart."""
    said = {}
    for path in sorted((ROOT / "src" / "isgrid" / "locale").glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8"))["en"].items():
            if isinstance(text, str) and says_deport(text):
                said[f"{path.name}:{key}"] = text
    assert said == {}
