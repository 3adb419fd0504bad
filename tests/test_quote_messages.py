"""A value a user wrote, quoted in a message (messages.Quote): « budget » in French, never
Python's 'budget' or its escapes (« l'appel » was "l'appel"); 'budget' in English as every
message wrote it, so that a script reading the English (and --format json) reads the same;
a control character or a bidi override shown escaped in both languages."""

from __future__ import annotations

import pickle
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.errors import Diagnostic, Location, excerpt
from isgrid.messages import Message, Quote, Quotes

NBSP = "\u00a0"


def _both(value: object, limit: int | None = None) -> tuple[str, str]:
    m = Message("unknown key {key}", key=Quote(value, limit))
    return str(m), m.translated("fr")


def test_a_plain_value() -> None:
    assert _both("budget") == ("unknown key 'budget'", f"clé inconnue «{NBSP}budget{NBSP}»")


def test_a_value_with_quotes_is_written_as_it_is_in_french() -> None:
    assert _both("l'appel") == ("unknown key \"l'appel\"", f"clé inconnue «{NBSP}l'appel{NBSP}»")
    # both quotes: Python's escape in English (as before), none in French
    assert _both("a'b\"") == ("unknown key 'a\\'b\"'", f"clé inconnue «{NBSP}a'b\"{NBSP}»")


def test_a_value_holding_guillemets_is_quoted_with_the_inner_quotes() -> None:
    # « « a » » would read as two quotations: the French inner quotes instead
    assert _both("a « b »") == ("unknown key 'a « b »'", "clé inconnue “a « b »”")
    assert _both("x»")[1] == "clé inconnue “x»”"


def test_a_control_character_is_shown_escaped() -> None:
    en, fr = _both("a\x1b[2Jb\nc")
    assert en == "unknown key 'a\\x1b[2Jb\\nc'"
    assert fr == f"clé inconnue «{NBSP}a\\x1b[2Jb\\nc{NBSP}»"
    assert "\x1b" not in fr and "\n" not in fr


def test_a_bidi_override_is_shown_escaped() -> None:
    en, fr = _both("exe.\u202etxt")
    assert en == "unknown key 'exe.\\u202etxt'"
    assert fr == f"clé inconnue «{NBSP}exe.\\u202etxt{NBSP}»"
    assert _both("\u2066x")[1] == f"clé inconnue «{NBSP}\\u2066x{NBSP}»"


def test_a_space_of_any_kind_is_shown_as_it_is_in_french() -> None:
    # « 24 000,50 » as French writes it (U+202F, U+00A0): spaces, not escapes, though
    # Python does not count them printable; a line separator (U+2028) is still escaped
    assert _both("24\u202f000,505")[1] == f"clé inconnue «{NBSP}24\u202f000,505{NBSP}»"
    assert _both(f"12{NBSP}500")[1] == f"clé inconnue «{NBSP}12{NBSP}500{NBSP}»"
    assert _both("a\u2028b")[1] == f"clé inconnue «{NBSP}a\\u2028b{NBSP}»"


def test_a_value_that_is_not_a_text_is_written_without_quotes() -> None:
    assert _both(3) == ("unknown key 3", "clé inconnue 3")
    assert _both(None) == ("unknown key None", "clé inconnue None")


def test_a_long_value_is_cut_where_english_cuts_it() -> None:
    # 100 characters, limit 60: English keeps 48 characters of the repr (its quote and 47
    # letters), then « … (100 chars) »; French 46 letters, the ellipsis inside the quotes
    en, fr = _both("x" * 100, 60)
    assert en == "unknown key '" + "x" * 47 + "… (100 chars)"
    assert fr == f"clé inconnue «{NBSP}" + "x" * 46 + f"…{NBSP}» (100{NBSP}caractères)"
    # 12 345 characters: grouped by thousands as each language writes them
    assert _both("y" * 12345, 60)[1].endswith("(12\u202f345\u00a0caractères)")
    assert _both("y" * 12345, 60)[0].endswith("(12,345 chars)")
    # short enough: whole
    assert _both("x" * 10, 60)[1] == f"clé inconnue «{NBSP}{'x' * 10}{NBSP}»"
    assert excerpt("abc") == "'abc'" and excerpt("abc").translated("fr") == f"«{NBSP}abc{NBSP}»"


def test_quotes_list_and_pickle() -> None:
    q = Quotes(["oui", "non"])
    assert str(q) == "'oui', 'non'"
    assert q.translated("fr") == f"«{NBSP}oui{NBSP}», «{NBSP}non{NBSP}»"
    for v in (Quote("a'b", 5), Quote("x"), q):
        again = pickle.loads(pickle.dumps(v))
        assert again == v and again.translated("fr") == v.translated("fr")


def test_machine_output_keeps_the_english_text_and_its_raw_value() -> None:
    d = Diagnostic("unknown-key", Message("unknown key {key}", key=Quote("budgett")),
                   Location("call.yaml", 8, 1, key_path="budgett"))
    assert d.to_dict()["message"] == "unknown key 'budgett'"
    assert "clé inconnue «\u00a0budgett\u00a0»" in d.format("fr")


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    src = Path(__file__).resolve().parents[1] / "examples" / "alsace-2016"
    import shutil

    shutil.copytree(src, folder)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    text = text.replace("fictitious: true\n", "fictitious: true\nbudgett: 3\n", 1)
    text = text.replace("  - assessor: j2\n    dossier: AL16-01",
                        "  - assessor: j9\n    dossier: \"AL16-0'x\"", 1)
    (folder / "call.yaml").write_text(text, encoding="utf-8")
    return folder


def test_call_check_quotes_the_values_in_french_and_in_english(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)]).output
    assert f"clé inconnue «{NBSP}budgett{NBSP}» [unknown-key]" in fr
    assert f"Vouliez-vous dire «{NBSP}budget{NBSP}»{NBSP}?" in fr.replace("\u202f", NBSP)
    assert f"le déport nomme un évaluateur inconnu «{NBSP}j9{NBSP}» [unknown-assessor]" in fr
    assert f"le déport nomme un dossier inconnu «{NBSP}AL16-0'x{NBSP}» [unknown-dossier]" in fr
    assert "'" + "budgett" not in fr and "'j9'" not in fr
    en = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)]).output
    assert "unknown key 'budgett' [unknown-key]" in en
    assert "Hint: Did you mean 'budget'?" in en
    assert "the conflict names an unknown assessor 'j9' [unknown-assessor]" in en
    assert "the conflict names an unknown dossier \"AL16-0'x\" [unknown-dossier]" in en


def test_a_grid_s_unknown_key_and_click_s_values(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    res = CliRunner().invoke(cli, ["grids", "show", "alsace-aap-2016", "--format", "yaml",
                                   "-o", str(path)])
    assert res.exit_code == 0, res.output
    text = path.read_text(encoding="utf-8").replace("\nversion:", "\nweigth: 3\nversion:", 1)
    path.write_text(text, encoding="utf-8")
    fr = CliRunner().invoke(cli, ["--lang", "fr", "grids", "check", str(path)]).output
    assert f"clé inconnue «{NBSP}weigth{NBSP}» [unknown-key]" in fr
    en = CliRunner().invoke(cli, ["--lang", "en", "grids", "check", str(path)]).output
    assert "unknown key 'weigth' [unknown-key]" in en


def test_a_list_of_quoted_texts_shows_a_control_character_escaped_too() -> None:
    # messages.Quoted (a platform's labels, the value a rating cell holds) printed an
    # escape sequence raw: the terminal ran it
    from isgrid.messages import Quoted

    q = Quoted(["4\x1b[2J", "exe.\u202etxt"])
    assert str(q) == "“4\\x1b[2J”, “exe.\\u202etxt”"
    assert q.translated("fr") == f"«{NBSP}4\\x1b[2J{NBSP}», «{NBSP}exe.\\u202etxt{NBSP}»"


def test_a_rating_cell_holding_an_escape_is_said_escaped(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace("budgett: 3\n", ""), encoding="utf-8")
    ratings = folder / "ratings" / "j1.csv"
    lines = ratings.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",4,", ",\"4\x1b]0;x\x07\",", 1)
    ratings.write_text("".join(lines), encoding="utf-8")
    for lang in ("fr", "en"):
        out = CliRunner().invoke(cli, ["--lang", lang, "call", "check", str(folder)]).output
        assert "[value-out-of-scale]" in out, out
        assert "\x1b" not in out and "\x07" not in out
        assert "4\\x1b]0;x\\x07" in out
