"""The journal stage of the engine (decisions, withdrawals, consensus), and the watch loop."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from decisions_calls import DOSSIERS, seance_call
from isgrid.call.journal import read_journal
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.engine.consensus import journal_consensus, with_journal
from isgrid.engine.decide import effective
from isgrid.errors import CallError
from isgrid.web.watch import fingerprint, watch


def test_journal_consensus_is_parsed_and_latest_wins(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={"consensus": [
        {"dossier": "D1", "criterion": "Q1", "value": 1, "reason": "call.yaml"}]})
    append(folder, kind="consensus", dossier="D1", criterion="Q1", value="Moyen", by="A",
           reason="first")
    append(folder, kind="consensus", dossier="D1", criterion="Q1", value=3, by="B",
           reason="second")
    call = load_call(folder)
    entries = read_journal(folder)
    assert journal_consensus(call, entries) == {("D1", "Q1"): (3.0, "second")}
    merged = with_journal(call, entries)
    assert [(c.dossier, c.criterion, c.value, c.by) for c in merged.config.consensus] == [
        ("D1", "Q1", 3, "B")]
    assert call.config.consensus[0].reason == "call.yaml"  # the call itself is unchanged
    d1 = next(d for d in score(merged).to_json()["dossiers"] if d["id"] == "D1")
    q1 = d1["criteria"]["Q1"]
    assert (q1["value"], q1["raw"], q1["consensus"], q1["consensus_reason"]) == (3, 4, 3, "second")


def test_journal_that_no_longer_fits_the_call(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    append(folder, kind="consensus", dossier="D9", criterion="Q1", value=3, by="A", reason="r")
    append(folder, kind="consensus", dossier="D1", criterion="Q9", value=3, by="A", reason="r")
    append(folder, kind="consensus", dossier="D1", criterion="Q1", value=7, by="A", reason="r")
    with pytest.raises(CallError) as exc:
        journal_consensus(load_call(folder), read_journal(folder))
    assert [(d.code, d.location.line) for d in exc.value.diagnostics] == [
        ("unknown-dossier", 1), ("unknown-criterion", 2), ("bad-consensus", 3)]
    # the ids as each language quotes a value (messages.Quote): 'D9' in English, « D9 »
    # (no-break spaces inside) in French
    from isgrid.messages import translate_message

    dossier, criterion = (d.message for d in exc.value.diagnostics[:2])
    assert str(dossier) == "the journal names an unknown dossier 'D9'"
    assert translate_message(dossier, "fr").endswith("«\u00a0D9\u00a0»")
    assert str(criterion) == "the journal names an unknown criterion 'Q9'"
    assert translate_message(criterion, "fr").endswith("«\u00a0Q9\u00a0»")


def test_cli_refuses_bad_input(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    runner = CliRunner()
    for args, code in (
        (["consensus", "set", str(folder), "D9", "Q1", "3"], "unknown-dossier"),
        (["consensus", "set", str(folder), "D1", "Q9", "3"], "unknown-criterion"),
        (["consensus", "set", str(folder), "D1", "Q1", "9"], "bad-consensus"),
        (["decide", str(folder), "D1", "--outcome", "retenu", "--amount", "beaucoup"],
         "bad-amount"),
    ):
        r = runner.invoke(cli, [*args, "--by", "A", "--reason", "r"])
        assert r.exit_code == 1 and code in r.output, r.output
    r = runner.invoke(cli, ["decide", str(folder), "D1", "--outcome", "retenu", "--by", "A"])
    assert r.exit_code == 2 and "--reason" in r.output
    assert not (folder / "journal.jsonl").exists()


def test_a_mistyped_id_gets_the_close_one_as_hint(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    runner = CliRunner()
    for args, code, hint in (
        (["consensus", "set", str(folder), "d1", "Q1", "3"], "unknown-dossier",
         "Hint: Did you mean 'D1'?"),
        (["consensus", "set", str(folder), "D1", "q1", "3"], "unknown-criterion",
         "Hint: Did you mean 'Q1'?"),
        (["decide", str(folder), "d2", "--outcome", "retenu"], "unknown-dossier",
         "Hint: Did you mean 'D2'?"),
        (["withdraw", str(folder), "ZZZ"], "unknown-dossier",  # nothing close: the code's
         "Hint: Check the dossier id against dossiers/."),
    ):
        r = runner.invoke(cli, [*args, "--by", "A", "--reason", "r"])
        assert r.exit_code == 1 and f"[{code}]" in r.output, r.output
        assert hint in r.output, r.output
    r = runner.invoke(cli, ["--lang", "fr", "consensus", "set", str(folder), "d1", "Q1", "3",
                            "--by", "A", "--reason", "r"])
    assert "Vouliez-vous dire «\u00a0D1\u00a0»\u202f?" in r.output, r.output
    assert not (folder / "journal.jsonl").exists()


def test_the_seance_commands_write_french_numbers_in_french(tmp_path: Path) -> None:
    """« total 71,43 », « 1,333 -> 2 » with --lang fr (decimal commas, a no-break space
    before the colon); points in English."""
    import re

    folder = seance_call(tmp_path)
    r = CliRunner().invoke(cli, ["--lang", "fr", "consensus", "set", str(folder), "D1", "Q1",
                                 "2", "--by", "A", "--reason", "r"])
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert first.startswith("D1 Q1\u00a0: ") and " -> 2 (rang " in first, first
    assert re.search(r"total \d+,\d\d,", first) and not re.search(r"\d\.\d", first), first
    r = CliRunner().invoke(cli, ["consensus", "set", str(folder), "D1", "Q1", "3",
                                 "--by", "A", "--reason", "r"])
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert first.startswith("D1 Q1: 2 -> 3 (rank "), first
    assert re.search(r"total \d+\.\d\d,", first), first


def test_effective_rule(tmp_path: Path) -> None:
    """A later jury decision does not undo the vote; a withdrawal always applies."""
    append(tmp_path, kind="decision", stage="vote", dossier="D1", outcome="retenu", by="CP",
           reason="r")
    append(tmp_path, kind="decision", stage="jury", dossier="D1", outcome="réserve", by="J",
           reason="r")
    e = effective(read_journal(tmp_path))
    assert e is not None and (e.stage, e.outcome) == ("vote", "retenu")
    append(tmp_path, kind="withdrawal", dossier="D1", by="S", reason="r")
    e = effective(read_journal(tmp_path))
    assert e is not None and e.kind == "withdrawal"
    append(tmp_path, kind="decision", stage="jury", dossier="D1", outcome="retenu", by="J",
           reason="reinstated")
    e = effective(read_journal(tmp_path))
    assert e is not None and e.reason == "reinstated"


def test_withdrawal_takes_the_first_reserve_dossier_that_fits(tmp_path: Path) -> None:
    """The committee first settles the tie at the line (D3 retained, D4 not); then D2
    withdraws.  Held: D1 20 000 + D3 10 000 = 30 000, so 50 000 - 30 000 = 20 000 is
    available.  D5 (40 000) is first on the reserve but does not fit; D6 (5 000) does."""
    data = dict(DOSSIERS)
    data["D5"] = (2, 3, 40000, 80000, "rural", "association", "mobilite")
    folder = seance_call(tmp_path, dossiers=data)
    call = load_call(folder)
    base = score(call).to_json()
    assert base["selection"]["reserve"] == ["D5", "D6"]
    append(folder, kind="decision", dossier="D3", outcome="retenu", by="J", reason="ex æquo")
    append(folder, kind="decision", dossier="D4", outcome="non retenu", by="J", reason="ex æquo")
    append(folder, kind="withdrawal", dossier="D2", by="S", reason="r")
    res = score(load_call(folder)).to_json()
    by = {d["id"]: d for d in res["dossiers"]}
    assert res["withdrawals"][0]["replacement"] == "D6"
    assert res["withdrawals"][0]["available"] == 20000
    assert by["D6"]["status"] == "retenu" and by["D6"]["selected"] is True
    assert by["D6"]["decision"]["computed"] == "réserve"
    assert by["D6"]["decision"]["proposed"] == "retenu"
    assert by["D6"]["amounts"]["granted"] is None  # a proposal: nobody granted it yet
    assert by["D6"]["amounts"]["proposed"] == 5000
    assert by["D5"]["status"] == "réserve"
    assert by["D2"]["status"] == "retiré" and by["D2"]["selected"] is False
    assert base["dossiers"] != res["dossiers"]
    assert next(d for d in base["dossiers"] if d["id"] == "D2")["status"] == "retenu"


def test_withdrawing_an_unselected_dossier_frees_nothing(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    append(folder, kind="withdrawal", dossier="D6", by="S", reason="r")
    res = score(load_call(folder)).to_json()
    w = res["withdrawals"][0]
    assert (w["freed"], w["replacement"]) == (None, None)
    d6 = next(d for d in res["dossiers"] if d["id"] == "D6")
    assert d6["status"] == "retiré" and d6["reserve"] is False


def test_ajourne_and_granted_amounts(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    append(folder, kind="decision", stage="jury", dossier="D1", outcome="retenu", amount=12000,
           by="J", reason="montant revu")
    append(folder, kind="decision", stage="vote", dossier="D1", outcome="retenu", by="CP",
           reason="r")
    append(folder, kind="decision", stage="jury", dossier="D2", outcome="ajourné", by="J",
           reason="pièces manquantes")
    res = score(load_call(folder)).to_json()
    by = {d["id"]: d for d in res["dossiers"]}
    assert by["D1"]["amounts"]["granted"] == 12000  # the jury's amount, confirmed by the vote
    assert by["D2"]["status"] == "ajourné" and "overridden:jury" in by["D2"]["flags"]
    assert by["D2"]["amounts"]["granted"] is None
    assert res["summary"]["ajourné"] == 1


# ------------------------------------------------------------------ watch
def test_watch_once_and_on_change(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    out = folder / "tableau"  # inside the call folder: ignored by the fingerprint
    built: list[Path] = []
    steps = iter(range(10))

    def sleep(_: float) -> None:
        if next(steps) == 1:
            append(folder, kind="decision", dossier="D3", outcome="retenu", by="J",
                   reason="ex æquo départagé")

    n = watch(folder, out, interval=0, max_iterations=4, on_build=built.append, sleep=sleep)
    assert n == 2 and built == [out / "index.html"] * 2
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "ex æquo départagé" in page
    assert "Enveloppe ±10\u202f%" in page
    fp = fingerprint(folder, ignore=out)
    (out / "other.html").write_text("x", encoding="utf-8")
    assert fingerprint(folder, ignore=out) == fp


def test_watch_shows_errors_instead_of_stopping(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    (folder / "call.yaml").write_text("title: [\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["watch", str(folder), "-o", str(tmp_path / "d"), "--once"])
    # the page says why, and so does the terminal: --once, a check, fails (exit 1)
    assert r.exit_code == 1 and "[yaml-syntax]" in r.stderr, r.output
    page = (tmp_path / "d" / "index.html").read_text(encoding="utf-8")
    assert "yaml-syntax" in page
    # d/index.html is watch's own page: a watch started again takes it up (any other
    # index.html needs --force, issue 18: tests/web/test_watch_rebuild.py)
    r = CliRunner().invoke(cli, ["watch", str(folder), "-o", str(tmp_path / "d"), "--once"])
    assert r.exit_code == 1, r.output
    r = CliRunner().invoke(cli, ["watch", str(folder), "-o", str(tmp_path / "d"), "--force",
                                 "--max-iterations", "2", "--interval", "0.05"])
    assert r.exit_code == 0 and r.output.count("rebuilt") == 1


# ------------------------------------------------------------------ CLI odds and ends
def test_decisions_json_and_english_minutes(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    runner = CliRunner()
    hostile = "<script>alert(1)</script>\x0b=SUM(A1)"
    r = runner.invoke(cli, ["decide", str(folder), "D3", "--outcome", "retenu", "--by", "J",
                            "--reason", hostile, "--at", "2026-03-12T10:30"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "d.json"
    r = runner.invoke(cli, ["decisions", str(folder), "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    d3 = next(d for d in data["dossiers"] if d["id"] == "D3")
    assert d3["decision"]["stages"]["jury"]["at"] == "2026-03-12T10:30"
    assert data["decisions"][0]["reason"] == hostile
    r = runner.invoke(cli, ["decisions", str(folder)])
    assert "D3" in r.output and "retenu" in r.output
    html = tmp_path / "pv.html"
    r = runner.invoke(cli, ["--lang", "en", "minutes", str(folder), "-o", str(html)])
    assert r.exit_code == 0, r.output
    page = html.read_text(encoding="utf-8")
    assert "Minutes of the selection committee" in page and "<script>" not in page
    assert "Proposal of the jury" in page
    docx_out = tmp_path / "pv.docx"
    r = runner.invoke(cli, ["minutes", str(folder), "--format", "docx", "-o", str(docx_out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["minutes", str(folder), "--format", "docx", "-o", str(docx_out)])
    assert r.exit_code == 2 and "output-exists" in r.output


def test_withdrawal_with_top_k_and_a_tie_on_the_reserve(tmp_path: Path) -> None:
    """top 2: D1, D2 selected; D3 and D4 (tied) are the reserve.  D1 withdraws: isgrid does
    not choose between D3 and D4; once the committee decides, D3 is retained."""
    folder = seance_call(tmp_path, call={"budget": None, "selection": {"top": 2, "reserve": 2}})
    append(folder, kind="withdrawal", dossier="D1", by="S", reason="r")
    res = score(load_call(folder)).to_json()
    w = res["withdrawals"][0]
    assert (w["replacement"], w["tied"], w["freed"], w["available"]) == (
        None, ["D3", "D4"], 20000, None)
    r = CliRunner().invoke(cli, ["minutes", str(folder), "-o", str(tmp_path / "pv.html")])
    assert r.exit_code == 0, r.output
    assert "D3 et D4, ex æquo, peuvent le remplacer" in \
        (tmp_path / "pv.html").read_text(encoding="utf-8").replace("&#39;", "'")
    append(folder, kind="decision", dossier="D3", outcome="retenu", by="J", reason="choisi")
    by = {d["id"]: d for d in score(load_call(folder)).to_json()["dossiers"]}
    assert by["D3"]["status"] == "retenu" and by["D4"]["status"] == "réserve"
