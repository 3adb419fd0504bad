"""Encodings Excel leaves (review excel, findings 2 and 11): a cp1252 file holding UTF-8
read as Windows text (« Ã© ») is warned at its first such line, never « read correctly »;
a UTF-16 file (« Texte Unicode ») is refused as UTF-16, not read as cp1252 then called
binary."""

from __future__ import annotations

from pathlib import Path

import pytest
from ratingsfiles import ratings_file_call

from isgrid.call.load import load_call
from isgrid.errors import CallError, Collector
from isgrid.io.text import decode, twice_decoded


def said(diags: Collector) -> list[tuple[str, str, str]]:
    return [(d.code, d.severity, str(d.location)) for d in diags.items]


def test_a_ratings_file_excel_opened_as_ansi_and_saved() -> None:
    # isgrid wrote it in UTF-8 without BOM; Excel read it as cp1252 (« é » → « Ã© »), a
    # line was edited (a real cp1252 « é »), and the whole was saved in cp1252
    original = "dossier;assessor;criterion;value;comment\r\nD1;j1;B1;3;Bien\r\n" \
               "D1;j1;B2;2;besoin bien documenté\r\n"
    seen_by_excel = original.encode("utf-8").decode("cp1252")
    saved = (seen_by_excel + "D2;j1;B1;1;Réponse trop générale\r\n").encode("cp1252")
    diags = Collector()
    text = decode(saved, "j1.csv", diags, table=True)
    assert text is not None
    # line 3: « documentÃ© »; « besoin bien document » is 20 characters after « D1;j1;B2;2; »
    # (11), so « Ã© » starts at column 11 + 20 + 1 = 32
    assert said(diags) == [("encoding-mojibake", "warning", "j1.csv:3:32")]
    assert "Ã©" in str(diags.items[0].message)
    assert "correctly" not in str(diags.items[0].hint)


def test_a_plain_cp1252_file_is_read_correctly_and_said_so() -> None:
    diags = Collector()
    text = decode("id;title\r\nD1;Épicerie à côté\r\n".encode("cp1252"), "d.csv", diags)
    assert text == "id;title\nD1;Épicerie à côté\n"
    assert [d.code for d in diags.items] == ["encoding-decoded"]


def test_french_text_is_no_mojibake() -> None:
    for text in ("Épicerie à côté, « Très bien » ; l’été", "Ça marche", "Âge : 12 € HT"):
        assert twice_decoded(text) is None, text
    assert twice_decoded("ok\nrÃ©el") is not None
    assert twice_decoded("l\u00e2\u20ac\u2122offre").column == 2  # « â€™ » for « ’ »


def test_a_utf16_file_is_refused_as_utf16() -> None:
    data = "dossier\tassessor\r\nD1\tj1\r\n".encode("utf-16")  # BOM FF FE, as Excel writes
    assert data.startswith(b"\xff\xfe")
    diags = Collector()
    assert decode(data, "j1.csv", diags) is None
    assert [d.code for d in diags.items] == ["encoding-invalid"]  # not also « cp1252 »
    assert "UTF-16" in str(diags.items[0].message)
    assert "CSV UTF-8" in str(diags.items[0].hint)


def test_an_unreadable_ratings_file_is_not_said_missing(tmp_path: Path) -> None:
    """The juror's ratings are in the file isgrid cannot read: no « j1 has not rated yet »
    nor « no ratings yet … you may ignore this warning » beside its error."""
    utf16 = "dossier\tassessor\tcriterion\tvalue\r\nD1\tj1\tB1\t3\r\n".encode("utf-16")
    folder = ratings_file_call(tmp_path, "j1", utf16, call={"assessors": [{"id": "j1"}]})
    with pytest.raises(CallError) as err:
        load_call(folder)
    codes = [d.code for d in err.value.diagnostics]
    assert "encoding-invalid" in codes
    assert "ratings-missing" not in codes and "no-ratings" not in codes
