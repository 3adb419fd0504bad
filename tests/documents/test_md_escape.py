"""Titles that Markdown would turn into a code block, a list or a rule (issue 18).

``md_escape`` is the one escaping of the Markdown documents (letters, fiches,
committee report).  At the start of a line CommonMark reads ``~~~`` and three
backticks as a code fence, ``1)`` and ``1.`` as an ordered list, ``---``/``===``
as a rule or a heading underline, four spaces as an indented code block.
"""

from __future__ import annotations

import pytest

from isgrid.documents.render import md_escape


@pytest.mark.parametrize(("title", "escaped"), [
    ("~~~ Appel", "\\~~~ Appel"),                   # a fence: escaped, the text kept
    ("``` Appel", "\\`\\`\\` Appel"),
    ("1) Appel à projets", "1\\) Appel à projets"),  # an ordered list with a parenthesis
    ("12. Appel", "12\\. Appel"),
    ("---", "\\---"),                                # a rule, or a setext underline
    ("===", "\\==="),
    ("    Appel indenté", "Appel indenté"),          # four spaces: an indented code block
    ("\tAppel", "Appel"),
    ("- Appel", "\\- Appel"),
    ("# Appel", "\\# Appel"),
    ("> Appel", "\\> Appel"),
    # nothing to escape: the text stays as written
    ("Appel 2024 - second tour", "Appel 2024 - second tour"),
    ("-1,33", "-1,33"),
    ("1,5 million", "1,5 million"),
])
def test_titles_stay_text(title: str, escaped: str) -> None:
    assert md_escape(title) == escaped
