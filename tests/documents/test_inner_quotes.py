"""A quote inside a quote (review s18 F9): a juror's comment or a label holding « » is
quoted in a letter with “ ” inside « », never « … « … » … »; in English ‘ ’ inside “ ”."""

from __future__ import annotations

from clirun import norm
from isgrid.documents.typography import inner_quotes, quoted
from isgrid.i18n import translator
from isgrid.messages import euros


def test_a_quote_inside_a_french_quote_uses_english_quotes() -> None:
    t = translator("report", "fr")
    said = quoted(t, "Besoin bien documenté ; public : « jeunes NEET ».", "fr")
    assert norm(said) == "« Besoin bien documenté ; public : “jeunes NEET”. »"
    # the spaces French puts inside « » are dropped with them (no-break ones too)
    assert inner_quotes("un «\u00a0tiers-lieu\u00a0» rural", "fr") == "un “tiers-lieu” rural"
    assert inner_quotes("sans guillemets", "fr") == "sans guillemets"


def test_a_quote_inside_an_english_quote_uses_single_quotes() -> None:
    t = translator("report", "en")
    assert quoted(t, "the “NEET” public", "en") == "“the ‘NEET’ public”"


def test_a_negative_amount_takes_the_minus_sign_in_french() -> None:
    # 300 000 - 405 000 = -105 000: « reste −105 000 € » (U+2212), « -€105,000 » in English
    assert euros(-105000, "fr") == "\u2212105\u202f000\u202f€"
    assert euros(-105000, "en") == "-€105,000"
    assert euros(105000, "fr") == "105\u202f000\u202f€"


def test_the_mail_merge_keeps_a_negative_amount_readable_after_an_excel_save() -> None:
    # cp1252 has no U+2212: the mail merge writes the hyphen, as it writes U+00A0 for U+202F
    from isgrid.io.excel import for_excel_save

    assert for_excel_save(euros(-5000, "fr")) == "-5\u00a0000\u00a0€"
    for_excel_save(euros(-5000, "fr")).encode("cp1252")  # no UnicodeEncodeError
