"""PDF on a machine without WeasyPrint's libraries (Windows: GTK/Pango, which pip does not
install): a French or English error with what to do (HTML and Word are written without
them; on Windows, the GTK runtime), never a traceback (review windows, finding 10).
Emulated: ``import weasyprint`` raises the ``OSError`` it raises on such a Windows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

WINDOWS_SAYS = ("cannot load library 'libgobject-2.0-0': error 0x7e.  Additionally, "
                "ctypes.util.find_library() did not manage to locate a library called "
                "'libgobject-2.0-0'")


@pytest.fixture
def no_pango(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "fake-site"
    fake.mkdir()
    (fake / "weasyprint.py").write_text(f"raise OSError({WINDOWS_SAYS!r})\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(fake))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)


@pytest.mark.usefixtures("no_pango")
def test_the_pdf_error_says_what_to_do(tmp_path: Path) -> None:
    out = tmp_path / "comite.pdf"
    res = CliRunner().invoke(cli, ["--lang", "fr", "report", str(EXAMPLES / "alsace-2016"),
                                   "--format", "pdf", "-o", str(out)])
    assert res.exit_code == 1 and not out.exists(), res.stderr
    assert "Traceback" not in res.stderr and "erreur interne" not in res.stderr
    assert ("impossible de produire le PDF\u00a0: WeasyPrint n'est pas utilisable ici "
            "(cannot load library 'libgobject-2.0-0'") in res.stderr
    assert "[pdf-unavailable]" in res.stderr
    hint = res.stderr[res.stderr.index("Indice"):]
    assert "--format html" in hint and "--format docx" in hint
    assert "GTK" in hint and "doc.courtbouillon.org/weasyprint" in hint
    res = CliRunner().invoke(cli, ["--lang", "en", "report", str(EXAMPLES / "alsace-2016"),
                                   "--format", "pdf", "-o", str(out)])
    assert res.exit_code == 1 and "Hint: HTML and Word documents are written without it" \
        in res.stderr, res.stderr
