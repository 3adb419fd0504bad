"""The one escaping of the Markdown documents (``isgrid.documents.markdown``).

``md_escape`` is what every Markdown document (committee report, letters, fiches, the
self-assessment result; the comparison at the start of its lines) puts around grid and
dossier text; ``md_inline`` the same rule for a value inside a line (the comparison).

Titles that Markdown would turn into a code block, a list or a rule (issue 18): at the
start of a line CommonMark reads ``~~~`` and three backticks as a code fence, ``1)`` and
``1.`` as an ordered list, ``---``/``===`` as a rule or a heading underline, four spaces as
an indented code block.

The documents are read in a terminal (the commands' default output) as much as rendered:
an ``&amp;`` or a ``\\{`` shown raw is wrong, so only what Markdown acts on is escaped, and
a renderer gives back the text as written (checked with a CommonMark renderer).
"""

from __future__ import annotations

import html

import pytest

from isgrid.documents.markdown import md_escape, md_inline


@pytest.mark.parametrize(("title", "escaped"), [
    ("~~~ Appel", "\\~\\~~ Appel"),                 # a fence: escaped, the text kept
    ("``` Appel", "\\`\\`\\` Appel"),
    ("1) Appel à projets", "1\\) Appel à projets"),  # an ordered list with a parenthesis
    ("12. Appel", "12\\. Appel"),
    ("---", "\\---"),                                # a rule, or a setext underline
    ("===", "\\==="),
    ("___", "\\_\\_\\_"),
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


@pytest.mark.parametrize(("text", "escaped"), [
    # read in a terminal: ordinary text as written (an « R&amp;D » before the one rule)
    ("Volet de R&D", "Volet de R&D"),
    ("Ateliers & réparation", "Ateliers & réparation"),
    ("snake_case", "snake_case"),
    ("{accolades} (parenthèses) a > b", "{accolades} (parenthèses) a > b"),
    ("budget < 10 000 €", "budget < 10 000 €"),
    # what a renderer would act on
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("<http://exemple.fr>", "&lt;http://exemple.fr>"),
    ("<!-- commentaire -->", "&lt;!-- commentaire -->"),
    ("&amp; et &#38;", "&amp;amp; et &amp;#38;"),
    ("*gras* _souligné_ `code`", "\\*gras\\* \\_souligné\\_ \\`code\\`"),
    ("[lien](http://x) | ~~barré~~", "\\[lien\\](http://x) \\| \\~\\~barré\\~\\~"),
    ("deux\nlignes", "deux lignes"),
])
def test_only_what_markdown_acts_on_is_escaped(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped
    assert md_inline(text) == escaped


HOSTILE = [
    '<script>alert("x")</script><img src=x onerror="alert(1)"> & R&D',
    "<http://exemple.fr> <!-- c --> <?php ?> </p> <b>gras</b>",
    "&amp; &#38; &eacute; *a* **b** _c_ __d__ `e` ~~f~~ [g](h) ![i](j)",
    "# titre", "- liste", "1. liste", "> citation", "---", "~~~", "    code",
    "a | b | c", "\\ échappé \\*", "note < 3 et 4 > 2",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_renderer_gives_back_the_text(text: str) -> None:
    """Rendered (CommonMark, with tables and strike-through), the escaped text is the
    text itself, as one paragraph: no tag, no link, no emphasis, no entity decoded."""
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])

    def shown(s: str) -> str:
        return html.escape(s, quote=False).replace('"', "&quot;")

    assert renderer.render(md_escape(text)) == f"<p>{shown(text.strip())}</p>\n"
    # inside a line (after a label), as the comparison puts it
    assert (renderer.render("- x : " + md_inline(text))
            == f"<ul>\n<li>x : {shown(text)}</li>\n</ul>\n")


@pytest.mark.parametrize(("lang", "committee_row", "letter_line"), [
    ("fr", "| PI15-06 | Café associatif itinérant du Noyonnais | Action collective : rôle de "
           "chaque partenaire détaillé et volet de R&D (SIEG-E5) |",
     "- Règle de recevabilité non respectée\u00a0: Action collective : rôle de chaque "
     "partenaire détaillé et volet de R&D."),
    ("en", "| PI15-06 | Café associatif itinérant du Noyonnais | Action collective : rôle de "
           "chaque partenaire détaillé et volet de R&D (SIEG-E5) |",
     "- Eligibility rule not met: Action collective : rôle de chaque partenaire détaillé et "
     "volet de R&D."),
])
def test_the_examples_documents_keep_the_grids_words(lang: str, committee_row: str,
                                                    letter_line: str) -> None:
    """The Picardie example's SIEG-E5 (« … volet de R&D ») in its committee report and its
    letter to PI15-06: as the grid writes it (they said « R&amp;D » before the one rule).
    The grid's own « : » keeps its plain space: grid content stays in its sources' words."""
    from isgrid.call.load import load_call
    from isgrid.documents.output import render_report
    from isgrid.engine import score
    from testpaths import EXAMPLES

    call = load_call(EXAMPLES / "picardie-sieg-2015")
    result = score(call)
    committee = render_report(call, result, "committee", "md", lang=lang)[0][1].decode()
    assert committee_row in committee.splitlines()
    letter = dict(render_report(call, result, "feedback", "md", lang=lang))["PI15-06"].decode()
    assert letter_line in letter.splitlines()
    assert "&amp;" not in committee + letter
