"""The command line's language on Windows, which sets no LANG: the user's language of the
system (a French Windows gets French), and ISGRID_LANG, which PowerShell can set
(``$env:ISGRID_LANG = "fr"``) (review windows, finding 9).  Emulated on Linux:
``sys.platform`` says Windows and ``ctypes.windll`` is a fake."""

from __future__ import annotations

import ctypes
import locale
import sys
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from isgrid import i18n
from isgrid.cli import cli
from isgrid.i18n import cli_lang, lang_from_env

NO_LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG", "ISGRID_LANG")


def windows_ui(monkeypatch: pytest.MonkeyPatch, langid: int | None) -> None:
    """Windows, whose interface language is ``langid`` (None: ``windll`` unusable)."""
    monkeypatch.setattr(sys, "platform", "win32")
    if langid is None:
        monkeypatch.delattr(ctypes, "windll", raising=False)
    else:
        kernel32 = SimpleNamespace(GetUserDefaultUILanguage=lambda: langid)
        monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32),
                            raising=False)


@pytest.mark.parametrize(("langid", "lang"), [
    (0x040C, "fr"),  # French (France)
    (0x080C, "fr"),  # French (Belgium)
    (0x0C0C, "fr"),  # French (Canada)
    (0x0409, "en"),  # English (United States)
    (0x0407, "en"),  # German: English, as any language isgrid does not speak
])
def test_a_windows_interface_language_decides_when_no_variable_is_set(
        monkeypatch: pytest.MonkeyPatch, langid: int, lang: str) -> None:
    windows_ui(monkeypatch, langid)
    assert lang_from_env({}) == lang
    # a variable set still decides before it (here: English on a French Windows)
    assert lang_from_env({"LANG": "C.UTF-8"}) == "en"


@pytest.mark.parametrize(("name", "lang"), [
    ("French_France", "fr"), ("fr_FR", "fr"), ("English_United Kingdom", "en"), (None, "en"),
])
def test_without_the_interface_language_the_locale_decides(
        monkeypatch: pytest.MonkeyPatch, name: str | None, lang: str) -> None:
    windows_ui(monkeypatch, None)
    monkeypatch.setattr(locale, "getlocale", lambda *a: (name, "1252"))
    assert lang_from_env({}) == lang


def test_elsewhere_the_system_is_not_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "windll", None, raising=False)  # (would fail if asked)
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("fr_FR", "UTF-8"))
    assert lang_from_env({}) == "en"  # POSIX: LC_*/LANG alone say the messages' language


@pytest.mark.parametrize(("value", "lang"), [
    ("fr", "fr"), ("FR", "fr"), ("fr_FR", "fr"), ("en", "en"), ("en-GB", "en"),
    ("de", "fr"), ("", "fr"),  # a language isgrid does not speak: the next rule (LANG)
])
def test_isgrid_lang_decides_before_the_locale(value: str, lang: str) -> None:
    assert lang_from_env({"ISGRID_LANG": value, "LANG": "fr_FR.UTF-8"}) == lang
    assert cli_lang("en", {"ISGRID_LANG": "fr"}) == "en"  # --lang wins over it


def test_the_command_line_in_french_on_a_french_windows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in NO_LOCALE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n, "system_lang", lambda: "fr")  # (sys.platform left alone)
    res = CliRunner().invoke(cli, ["decide", "--help"])
    assert res.exit_code == 0 and res.output.startswith("Utilisation"), res.output
    monkeypatch.setattr(i18n, "system_lang", lambda: None)  # no language said: English
    assert CliRunner().invoke(cli, ["decide", "--help"]).output.startswith("Usage: ")
    monkeypatch.setenv("ISGRID_LANG", "fr")  # $env:ISGRID_LANG = "fr"
    assert CliRunner().invoke(cli, ["decide", "--help"]).output.startswith("Utilisation")
