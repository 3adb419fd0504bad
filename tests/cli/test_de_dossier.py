"""A dossier id after « de » in a French message is elided as a name is (« d'AL16-02 »,
« de D2 »: isgrid.i18n.de_name, the one rule): the French template writes ``{de_dossier}``
where the English one writes ``of {dossier}`` (isgrid.messages fills it).  A review found
« ALS-1 de AL16-02 vaut déjà 2 » next to `isgrid decide`'s « la place d'AL16-02 ».
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

import isgrid
from isgrid.messages import Message

PO = Path(isgrid.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "isgrid.po"
#: « de » written before a placeholder that holds a dossier id
DE_DOSSIER = re.compile(r"\bde \{(dossier|dossier_id|freed|replacement)\}")


def test_no_french_message_writes_de_before_a_dossier_id() -> None:
    with PO.open("rb") as f:
        catalog = read_po(f)
    found = [(m.id, s) for m in catalog
             for s in (m.string if isinstance(m.string, tuple) else (m.string,))
             if s and DE_DOSSIER.search(s)]
    assert found == []
    assert DE_DOSSIER.search("{criterion} de {dossier} vaut déjà")  # the rule finds it


def test_the_messages_elide_before_a_vowel_and_not_before_a_consonant() -> None:
    journal = "{criterion} of {dossier} is already {value} (journal entry {seq})"
    assert Message(journal, criterion="ALS-1", dossier="AL16-02", value="2",
                   seq=3).translated("fr") == "ALS-1 d'AL16-02 vaut déjà 2 (entrée 3 du journal)"
    assert Message(journal, criterion="C1", dossier="D2", value="2",
                   seq=3).translated("fr") == "C1 de D2 vaut déjà 2 (entrée 3 du journal)"
    assert Message("{criterion} of {dossier} is already {value} (call.yaml's consensus)",
                   criterion="ALS-5", dossier="AL16-02", value="3").translated("fr") == (
        "ALS-5 d'AL16-02 vaut déjà 3 (consensus de call.yaml)")
    assert Message("{assessor} rates {criterion} of {dossier} twice (first at {place})",
                   assessor="j1", criterion="ALS-1", dossier="AL16-02",
                   place="j1.csv:4").translated("fr") == (
        "j1 note deux fois ALS-1 d'AL16-02 (d'abord en j1.csv:4)")
    assert Message("{assessor} rates {item} of {dossier} twice (first at {seen})",
                   assessor="j1", item="avis", dossier="ES-7",
                   seen="j1.xlsx!Notation!B5").translated("fr") == (
        "j1 note deux fois avis d'ES-7 (d'abord en j1.xlsx!Notation!B5)")
    assert Message("the row names {dossier}, but its title {title} is {other}'s",
                   dossier="AL16-03", title="'Maison'", other="AL16-02").translated("fr") == (
        "la ligne porte l'identifiant AL16-03, mais son titre 'Maison' est celui d'AL16-02")
    # English unchanged
    assert Message(journal, criterion="ALS-1", dossier="AL16-02", value="2",
                   seq=3).translated("en") == "ALS-1 of AL16-02 is already 2 (journal entry 3)"
