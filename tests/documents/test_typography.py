"""French typography (issue 17, item 6, part): narrow no-break spaces and plural agreement."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.cli import cli
from isgrid.documents.text import fmt_money
from isgrid.documents.typography import french_spacing, plural_form

N = "\u202f"
B = "\u00a0"


def test_french_spacing() -> None:
    # the command line's catalog's rule: U+202F before ; ! ? € %, U+00A0 before : and
    # inside « »
    assert french_spacing("Total : 3 ; oui ! non ? 12 € 45 %") == \
        f"Total{B}: 3{N}; oui{N}! non{N}? 12{N}€ 45{N}%"
    assert french_spacing("« liste »") == f"«{B}liste{B}»"
    assert french_spacing("«liste»") == f"«{B}liste{B}»"
    assert french_spacing(f"«{N}liste{N}» :") == f"«{B}liste{B}»{B}:"  # one convention
    # no space written before the mark, or a mark that does not end a word: left alone
    # (times, addresses, codes, Markdown's table alignment)
    assert french_spacing("10:30 https://x.fr 12%") == "10:30 https://x.fr 12%"
    assert french_spacing("| :--- | a :b |") == "| :--- | a :b |"
    assert french_spacing("**Note :** (50 %)") == f"**Note{B}:** (50{N}%)"
    assert french_spacing(french_spacing("a : b")) == f"a{B}: b"  # idempotent


def test_money_keeps_the_euro_with_its_number() -> None:
    # thousands and € held by U+202F, no ordinary space left; cents when there are some
    # (12 345,6 read « 12 346 € », and a granted 12,50 « 12 € »: banker's rounding)
    assert fmt_money(12345.6, "fr") == f"12{N}345,60{N}€"
    assert fmt_money(12345.6, "en") == "€12,345.60"
    assert fmt_money(12000, "fr") == f"12{N}000{N}€" and fmt_money(12.5, "fr") == f"12,50{N}€"
    assert fmt_money(27000.000000001, "fr") == f"27{N}000{N}€"  # a sum's float noise


def test_plural_forms() -> None:
    # French: 0 and 1 take the singular; English: only 1
    assert [plural_form(n, "fr") for n in (0, 1, 1.5, 2)] == ["one", "one", "one", "other"]
    assert [plural_form(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]


def _run(*args: object) -> None:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output


def test_minutes_count_their_journal_entries(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    _run("withdraw", folder, "D2", "--by", "S", "--reason", "courrier")
    out = tmp_path / "pv.html"
    _run("minutes", folder, "-o", out)
    assert "Journal des décisions\u00a0: 1 entrée\u202f;" in out.read_text(encoding="utf-8")
    _run("decide", folder, "D3", "--outcome", "retenu", "--by", "J", "--reason", "ex æquo")
    _run("minutes", folder, "-o", out, "--force")
    assert "Journal des décisions\u00a0: 2 entrées\u202f;" in out.read_text(encoding="utf-8")


def test_committee_report_counts_agree(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    out = tmp_path / "c.md"
    _run("report", folder, "--kind", "committee", "--format", "md", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert "sourcé(s)" not in text and "reconstitué(s)" not in text and "inféré(s)" not in text
    # the test grid: two criteria, both « inferred » (gridtexts.criterion's default);
    # French singular for 0 and 1, plural from 2
    assert "2 (0 sourcé, 0 reconstitué, 2 inférés)" in text


def test_lists_are_joined_as_each_language_writes(tmp_path: Path) -> None:
    """The templates joined reasons, rules and criteria with « ; » in every language: an
    English committee report read « selected ; recorded decision: … ».  The catalogue's
    ``sep``: « ; » held by U+202F in French, « ; » in English."""
    import shutil

    from testpaths import EXAMPLES

    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    _run("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "retenu", "--votes",
         "10/0/1", "--by", "CP", "--reason", "vote")
    for lang, fmt in (("en", "md"), ("fr", "md")):  # the HTML has the decision in a column
        out = tmp_path / f"c-{lang}.{fmt}"
        _run("report", folder, "--kind", "committee", "--format", fmt, "--lang", lang,
             "-o", out)
        text = out.read_text(encoding="utf-8")
        if lang == "en":
            assert "selected; recorded decision: selected (vote)" in text, fmt
            assert "selected ; recorded" not in text, fmt
        else:
            assert f"retenu{N}; décision enregistrée{B}: retenu (vote)" in text, fmt


def test_the_minutes_carry_their_confidentiality_mark(tmp_path: Path) -> None:
    """pv.docx had « Document interne : ne pas diffuser » in its header; pv.html and
    pv.pdf, which name the jurors too, had no mark."""
    folder = seance_call(tmp_path)
    out = tmp_path / "pv.html"
    _run("minutes", folder, "-o", out)
    assert f'<p class="level"><em>Document interne{B}: ne pas diffuser</em></p>' in \
        out.read_text(encoding="utf-8")


def test_a_backtick_ends_a_word_and_code_stays_as_written() -> None:
    """review data21, item 6: a mark before a backtick was left with its plain space, and a
    code span's own spaces were changed (« `rate: 50 %` » is what to type, as written)."""
    from isgrid.i18n import french_spacing

    nb, nn = "\u00a0", "\u202f"
    assert french_spacing("vérifiez ?`call.yaml`") == f"vérifiez{nn}?`call.yaml`"
    assert french_spacing("écrivez `rate: 50 %` ; ou") == f"écrivez `rate: 50 %`{nn}; ou"
    assert french_spacing("la question `Oui ?` !") == f"la question `Oui ?`{nn}!"
    assert french_spacing("« `x` » : fin") == f"«{nb}`x`{nb}»{nb}: fin"
    assert french_spacing("Voir `--amount` : ok") == f"Voir `--amount`{nb}: ok"
    assert french_spacing("a ? b") == f"a{nn}? b"  # no code: as before
