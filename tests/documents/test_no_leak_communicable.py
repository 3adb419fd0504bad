"""Issue 17 acceptance: no communicable or public document carries a juror's name, a
comment not marked shareable, or an internal code (grid version « 1+call », a sha256,
a flag code), on every shipped example, at every communicable or public level, before
and after a séance (a vote with a motivation, an internal reason and vote counts)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.documents.build import LEVELS
from isgrid.documents.letters import letters_csv
from isgrid.documents.minutes import render_minutes
from isgrid.documents.opendata import scdl_csv
from isgrid.documents.output import render_report
from isgrid.engine import score
from isgrid.jury.opinions import load_opinions
from testpaths import EXAMPLES

CALLS = sorted(p for p in EXAMPLES.glob("*") if (p / "call.yaml").is_file())
SHA = re.compile(r"\b[0-9a-f]{64}\b")
FLAG = re.compile(r"\b(below-floor|below-threshold|skipped-budget|tie-at-line|overridden|"
                  r"conflict-excluded|below-min-ratings|consensus-missing|disagreement|"
                  r"below-minimum-grant)(:[\w-]+)?\b")
SECRET_REASON = "NOTE-INTERNE-XYZ motif interne à ne jamais diffuser"


def _texts(call: Any) -> tuple[set[str], set[str]]:
    """(names of the jurors, the comments nobody marked shareable) of a call."""
    names = {a.name for a in call.assessors.values() if a.name and len(a.name) > 3}
    secret = {r.comment.strip() for r in call.ratings
              if r.comment.strip() and not r.shareable and len(r.comment.strip()) > 12}
    secret |= {c.reason.strip() for c in call.config.consensus if c.reason
               and len(c.reason.strip()) > 12}
    secret |= {cf.reason.strip() for cf in call.config.conflicts
               if cf.reason and len(cf.reason.strip()) > 12}
    for o in load_opinions(call).by_dossier.values():
        secret |= {x.comment.strip() for x in o if x.comment and len(x.comment.strip()) > 12}
    return names, secret


def _plain(data: bytes) -> str:
    """The words of a document (HTML tags and Markdown escapes removed)."""
    text = data.decode("utf-8", errors="replace")
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("\\", "")
    import html

    return html.unescape(text)


def _docx_text(data: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                      if n.startswith("word/") and n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml)


def _check(where: str, text: str, call: Any, names: set[str], secret: set[str]) -> None:
    flat = " ".join(text.split())
    for n in names:
        assert n not in flat, f"{where}: names the juror {n!r}"
    for c in secret:
        assert " ".join(c.split())[:60] not in flat, f"{where}: quotes {c[:40]!r}"
    assert SECRET_REASON not in flat, f"{where}: quotes the journal's internal reason"
    assert not SHA.search(flat), f"{where}: holds a sha256"
    version = str(call.grid.grid.version)
    if "+" in version:
        assert version not in flat, f"{where}: holds the grid version {version!r}"
    found = FLAG.search(flat)
    assert found is None, f"{where}: holds the flag code {found.group(0) if found else ''}"


def _documents(call: Any, result: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    kind: Any
    for kind, levels in LEVELS.items():
        for level in levels:
            if level == "interne":
                continue
            for fmt in ("html", "md"):
                for did, data in render_report(call, result, kind, fmt, level=level):
                    out.append((f"{kind}/{level}/{fmt}/{did}", _plain(data)))
    for level in ("communicable", "public"):  # the committee report in Word
        for _, data in render_report(call, result, "committee", "docx", level=level):
            out.append((f"committee/{level}/docx", _docx_text(data)))
    letters = render_report(call, result, "feedback", "docx")
    out += [(f"feedback/docx/{did}", _docx_text(data)) for did, data in letters]
    from isgrid.documents.build import build_context

    ctxs = [build_context(call, result, "feedback", "communicable", call.config.lang,
                          dossier=d.id) for d in result.dossiers]
    out.append(("feedback/csv", letters_csv(ctxs).decode("utf-8")))
    for fmt in ("html", "docx"):
        data = render_minutes(call, result, "cp-annex", fmt)  # type: ignore[arg-type]
        out.append((f"cp-annex/{fmt}", _docx_text(data) if fmt == "docx" else _plain(data)))
    if call.config.meeting is not None and call.config.meeting.attribuant is not None:
        # (no shipped example has the beneficiaries' facts the open-data export needs:
        # tests/documents/test_scdl_211.py checks its columns)
        out.append(("scdl", scdl_csv(call, result).decode("utf-8")))
    return out


@pytest.mark.parametrize("folder", CALLS, ids=[p.name for p in CALLS])
def test_no_name_comment_or_code_in_communicable_documents(folder: Path,
                                                           tmp_path: Path) -> None:
    call = load_call(folder)
    names, secret = _texts(call)
    for where, text in _documents(call, score(call)):
        _check(where, text, call, names, secret)


@pytest.mark.parametrize("folder", CALLS, ids=[p.name for p in CALLS])
def test_after_a_vote_nothing_internal_leaks(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy)
    call = load_call(copy)
    first = score(call).dossiers[0].id
    runner = CliRunner()
    res = runner.invoke(cli, ["decide", str(copy), first, "--stage", "vote", "--outcome",
                              "retenu", "--by", "Hélène Présidente-Secrète",
                              "--reason", SECRET_REASON, "--votes", "9/1/2",
                              "--motivation", "Motivation communicable du vote."])
    assert res.exit_code == 0, res.output
    call = load_call(copy)
    result = score(call)
    names, secret = _texts(call)
    names.add("Hélène Présidente-Secrète")
    docs = _documents(call, result)
    for where, text in docs:
        _check(where, text, call, names, secret)
    letter = next(text for where, text in docs if where == f"feedback/communicable/md/{first}")
    assert "Motivation communicable du vote." in letter
    assert "Voies et délais de recours" in letter or "time limits of appeal" in letter
