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
from pathlib import Path

import pytest

from isgrid.documents.markdown import md_escape, md_heading, md_inline


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
    ("fr", "| PI15-06 | Café associatif itinérant du Noyonnais | Action collective\u00a0: rôle "
           "de chaque partenaire détaillé et volet de R&D (SIEG-E5) |",
     "- Règle de recevabilité non respectée\u00a0: action collective\u00a0: rôle de chaque "
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
    The grid's words stay its sources'; its « : » is printed as a French document prints
    one, a no-break space before it (isgrid.documents.typography.printed), and as written
    in English."""
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


@pytest.mark.parametrize(("title", "escaped"), [
    ("Atelier C#", "Atelier C\\#"),          # Python-Markdown drops it even after a letter
    ("Projet #", "Projet \\#"),              # CommonMark: the heading's closing sequence
    ("Projet ## ", "Projet \\#\\#"),         # each « # » of the run, trailing spaces dropped
    ("#", "\\#"),
    # a « # » anywhere else closes nothing: as written
    ("Projet #3", "Projet #3"),
    ("C# pour tous", "C# pour tous"),
    ("*Projet* #", "\\*Projet\\* \\#"),      # md_inline's escaping first
])
def test_a_heading_keeps_its_closing_hashes(title: str, escaped: str) -> None:
    """A value that ends a heading (a dossier's or a grid's title, a section's label):
    renderers took its last « # »s for the heading's closing sequence and dropped them
    (« ## Projet # » rendered « Projet »)."""
    assert md_heading(title) == escaped
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render("## " + md_heading(title))
    assert rendered == f"<h2>{html.escape(title.strip(), quote=False)}</h2>\n"


def test_the_self_assessment_s_headings_keep_the_grid_s_hashes(tmp_path: Path) -> None:
    """The self-assessment result's headings end with the grid's title and each section's
    label: a title « Atelier C# » and a section « … mal satisfait # » were written
    as they are, and a renderer showed « Atelier C » (Python-Markdown) and dropped the
    section's last « # » (CommonMark)."""
    from isgrid.grid.load import load_grid
    from isgrid.selfassess.assess import assess, render_result
    from testpaths import ROOT

    text = (ROOT / "grids" / "avise-mouves-2011.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: \"Grille de caractérisation de l'innovation sociale (Avise / Mouves, 2011)\"",
        'title: "Atelier C#"', 1)
    label = "Axe 1 – Réponse à un besoin social mal satisfait"
    assert text.count(f'"{label}"') == 1
    text = text.replace(f'"{label}"', f'"{label} #"')
    grid = tmp_path / "avise-mouves-2011.yaml"
    grid.write_text(text, encoding="utf-8")
    md = render_result(assess(load_grid(grid), {}), "md", "fr")
    lines = md.splitlines()
    assert "# Autoévaluation — Atelier C\\#" in lines
    assert f"### {label} \\#" in lines
