"""The « Enveloppe ±10 % » table of the minutes says what it walks: before any decision
the jury's proposal, with the journal's consensus values (it said « sans les décisions
enregistrées » while a reviewer saw a consensus counted, and took it for a mistake); once a
decision or a withdrawal is recorded, the selection after them (review s18 F3: a withdrawn
dossier listed as funded beside the adopted list)."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

from tests.clirun import norm, run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def _note(html: str) -> str:
    text = norm(unescape(re.sub(r"<[^>]+>", "", html)))
    found = re.search(r"Qui entre dans la sélection[^.]*\.|Who would enter[^.]*\.", text)
    assert found is not None
    return found.group(0)


def test_the_envelope_table_says_consensus_counts_and_what_it_walks(
        tmp_path: Path) -> None:
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLE, call)
    run("--lang", "fr", "minutes", call, "-o", tmp_path / "pv0.html")
    assert _note((tmp_path / "pv0.html").read_text("utf-8")) == (
        "Qui entre dans la sélection ou en sort si l'enveloppe était plus petite ou plus "
        "grande de 10 % : la proposition du jury, classement inchangé (les valeurs de "
        "consensus comptent ; ni les décisions ni les retraits enregistrés).")
    run("withdraw", call, "AL16-01", "--by", "président", "--reason", "retrait")
    run("--lang", "fr", "minutes", call, "-o", tmp_path / "pv.html")
    assert _note((tmp_path / "pv.html").read_text("utf-8")) == (
        "Qui entre dans la sélection ou en sort si l'enveloppe était plus petite ou plus "
        "grande de 10 % : la sélection après les décisions et les retraits enregistrés, "
        "classement inchangé (les valeurs de consensus comptent).")
    run("--lang", "en", "minutes", call, "-o", tmp_path / "pv-en.html")
    assert _note((tmp_path / "pv-en.html").read_text("utf-8")) == (
        "Who would enter or leave the selection if the budget were 10% smaller or larger: "
        "the selection after the recorded decisions and withdrawals, same ranking "
        "(consensus values count).")
