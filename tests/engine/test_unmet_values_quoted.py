"""The values an ``eligibility-unmet`` or ``constraint-value-unmet`` warning shows are
quoted by :class:`isgrid.messages.Quoted`, the one rule of values between a language's
quotes (engine/unmet.py had its own near-copy, ``_Quoted``); unmet keeps only what is its
own: a value longer than 40 characters cut to 39 and « … », and « … » after the list when
more values were found than shown.

By hand: « Communauté d'agglomération Mulhouse Alsace Agglomération » is 56 characters
(10 + 1 + 15 + 1 + 8 + 1 + 6 + 1 + 13), shown as its first 39 (« Communauté
d'agglomération Mulhouse Als », 10 + 1 + 15 + 1 + 8 + 1 + 3) and « … ».
"""

from __future__ import annotations

import pickle

from isgrid.engine import unmet
from isgrid.messages import Quoted

NB = "\u00a0"
LONG = "Communauté d'agglomération Mulhouse Alsace Agglomération"


def test_quoted_says_there_are_more() -> None:
    values = Quoted(["Haut-Rhin", "Bas-Rhin"], more=True)
    assert str(values) == "“Haut-Rhin”, “Bas-Rhin”…"
    assert values.translated("fr") == f"«{NB}Haut-Rhin{NB}», «{NB}Bas-Rhin{NB}»…"
    assert Quoted(["A"]).translated("fr") == f"«{NB}A{NB}»"  # no more: nothing after
    # a diagnostic crosses processes: its values as they were
    again = pickle.loads(pickle.dumps(values))
    assert type(again) is Quoted and again.translated("fr") == values.translated("fr")


def test_unmet_quotes_its_values_with_quoted() -> None:
    assert len(LONG) == 56
    values = unmet.shown_values(("Haut-Rhin", LONG, "Colmar Agglomération"), True)
    assert isinstance(values, Quoted)
    assert str(values) == ("“Haut-Rhin”, “Communauté d'agglomération Mulhouse Als…”, "
                           "“Colmar Agglomération”…")
    assert values.translated("fr") == (
        f"«{NB}Haut-Rhin{NB}», «{NB}Communauté d'agglomération Mulhouse Als…{NB}», "
        f"«{NB}Colmar Agglomération{NB}»…")
    forty = "x" * 40  # 40 characters: shown whole
    assert unmet.shown_values((forty,), False).translated("en") == f"“{forty}”"
