"""A YAML syntax error says what the mistake most likely is, where PyYAML's words say only
how it broke (a new user's walk-through, session 26: an unclosed quote on line 2 was told
at line 10, « <block end> attendu, mais '<scalar>' trouvé », with no word of line 2; a
colon inside braces read « ',' or '}' attendu », an English « or » in French)."""

from __future__ import annotations

from isgrid.errors import Collector
from isgrid.io.yamlio import parse_yaml


def _said(text: str, lang: str = "en") -> tuple[str, str, str]:
    diags = Collector()
    assert parse_yaml(text, "call.yaml", diags) is None
    (d,) = diags.items
    return (f"{d.location.line}:{d.location.column}", d.message.translated(lang),
            d.effective_hint.translated(lang) if hasattr(d.effective_hint, "translated")
            else str(d.effective_hint))


def test_an_unclosed_quote_is_named_at_its_own_line() -> None:
    text = ('title: "Appel 2027\ngrid: alsace-aap-2016\nbudget: 50000\nassessors:\n'
            '  - {id: j1}\n  - {id: j2, name: "Jean"}\n')
    where, _, hint = _said(text)
    assert where.startswith("6:")  # where PyYAML broke, the quote ending at « "Jean »
    assert hint == ('Line 1 opens a quote (") it does not close: close it at the end of its '
                    "text, or take it away.")
    assert _said(text, "fr")[2] == ('La ligne 1 ouvre des guillemets (") qu\'elle ne ferme '
                                    "pas\u00a0: fermez-les à la fin de son texte, ou "
                                    "retirez-les.")
    # a text quoted over two lines opens and closes: the open quote after it is named
    text = ('description: "une longue\n  description"\ntitle: "Appel 2027\nbudget: 1\n'
            'assessors:\n  - {id: j2, name: "Jean"}\n')
    assert _said(text)[2].startswith("Line 3 opens a quote")


def test_a_colon_between_braces_says_to_quote_the_text() -> None:
    text = ("consensus:\n  - {dossier: A, criterion: B, value: 3, "
            "reason: Trésorier : association porteuse}\n")
    hint = _said(text)[2]
    assert hint.startswith("Between braces { }, a text that holds « : » or « , » goes in "
                           "quotes")
    fr = _said(text, "fr")
    assert fr[1].startswith("','\u00a0ou '}' attendu") or fr[1].startswith("',' ou '}' "
                                                                          "attendu"), fr[1]
    assert " or " not in fr[1]
    # another mistake: the code's own hint
    assert _said("a: [1, 2\nb: 3\n")[2].startswith("Check indentation")


def test_quotes_that_are_text_are_not_blamed() -> None:
    """A review's inputs: each valid line is followed by a real mistake later (an unclosed
    « [1, 2 »), which keeps the code's own hint: a « # » inside quotes, an escaped
    backslash, a double quote inside single quotes, in a block scalar or in a plain text,
    an escaped quote in a comment."""
    later = "grid: a\nbudget: [1, 2\nx: 3\n"
    for first in ('title: "Appel #2 du département"\n', 'path: "C:\\\\"\n',
                  "reason: 'il a dit \"oui'\n", 'description: |\n  Un écran de 12" pour\n',
                  'note: écran 12" \n', 'a: "x" # il a dit \\"\n'):
        assert _said(first + later)[2].startswith("Check indentation"), first
    # PyYAML's own line breaks (U+2028, NEL) count as lines: line 2 opens the quote
    for sep in ("\u2028", "\x85", "\r"):
        text = f'title: ok{sep}grid: "a\nassessors:\n  - {{id: j2, name: "Jean"}}\n'
        assert _said(text)[2].startswith("Line 2 opens a quote"), repr(sep)
