"""``isgrid journal cancel``: an entry recorded by mistake counts for nothing
(review s11, findings-chair F1, F2, F9, F10).

alsace-2016 as shipped: AL16-01 (asks 32 000 €, proposed 27 000 €) and AL16-02 (24 000 €)
retained within the 52 000 € envelope, AL16-03 and AL16-04 on the reserve.  Before,
a decision typed on the wrong dossier could only be « corrected » by another decision,
which froze the dossier out of the reserve; a typo's vote stayed a deliberation of the
minutes; a mistaken withdrawal stayed « s'est retiré »; a consensus could not be taken
back.  Each test compares the call with the mistake and its cancellation to the same call
where the mistake was never typed: everything but the journal's history is the same.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.journal import canonical, entry_hash, verify_journal
from isgrid.cli import cli
from testpaths import EXAMPLES

NB = "\u00a0"
NN = "\u202f"


def _call(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def _run(*args: object) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--lang", "fr", *map(str, args)])
    return res.exit_code, res.output


def _ok(*args: object) -> str:
    code, out = _run(*args)
    assert code == 0, out
    return out


def _result(folder: Path) -> dict:
    out = folder.parent / f"{folder.name}.json"
    _ok("score", folder, "--format", "json", "-o", out, "--force")
    return json.loads(out.read_text(encoding="utf-8"))


def _no_seq(x: object) -> object:
    """``x`` without the journal's line numbers (the same act is another line of it)."""
    if isinstance(x, dict):
        return {k: _no_seq(v) for k, v in x.items() if k not in ("seq", "offered_at")}
    if isinstance(x, list):
        return [_no_seq(v) for v in x]
    return x


def _same_outcome(a: dict, b: dict) -> None:
    """Everything the journal decides is the same; only its history (changes, head) differs."""
    for key in ("selection", "withdrawals", "freed_places", "decisions", "summary",
                "dossiers"):
        assert _no_seq(a[key]) == _no_seq(b[key]), key


def _text(html: Path) -> str:
    t = re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", t.replace("&#39;", "'").replace(NN, " ").replace(NB, " "))


def _section(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i:text.index(end, i)]


def test_a_decision_on_the_wrong_dossier_cancelled_leaves_it_on_the_reserve(tmp_path: Path
                                                                            ) -> None:
    typo = _call(tmp_path, "typo")
    _ok("decide", typo, "AL16-04", "--outcome", "retenu", "--by", "Présidente",
        "--reason", "retenu en séance")
    out = _ok("journal", "cancel", typo, "1", "--by", "Secrétariat",
              "--reason", "erreur de saisie : la décision visait AL16-03")
    assert "Entrée n° 1 annulée (AL16-04, décision" in out
    assert "AL16-04 : retenu -> réserve" in out.replace(NB, " ")
    # then the séance goes on: AL16-02 withdraws, AL16-03 (first on the reserve) replaces
    # it and AL16-04 stays on the reserve, as if the mistake had never been typed
    _ok("withdraw", typo, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    clean = _call(tmp_path, "clean")
    _ok("withdraw", clean, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    a, b = _result(typo), _result(clean)
    _same_outcome(a, b)
    status = {d["id"]: d["status"] for d in a["dossiers"]}
    assert (status["AL16-03"], status["AL16-04"]) == ("retenu", "réserve")
    assert a["selection"]["decided"]["reserve"] == ["AL16-04"]
    # the history keeps both lines, each saying what it is
    changes = {c["seq"]: c for c in a["changes"]}
    assert (changes[1]["cancelled_by"], changes[2]["kind"], changes[2]["cancels"]) == \
        (2, "cancellation", 1)
    assert changes[3]["cancelled_by"] is None and changes[3]["cancels"] is None


def test_a_mistyped_vote_cancelled_is_not_a_deliberation_of_the_minutes(tmp_path: Path) -> None:
    typo = _call(tmp_path, "typo")
    vote = ("--stage", "vote", "--outcome", "retenu", "--by", "CP", "--reason", "délibération")
    _ok("decide", typo, "AL16-02", *vote, "--amount", "2400")  # a zero forgotten
    _ok("journal", "cancel", typo, "1", "--by", "Lucie", "--reason", "montant mal saisi")
    _ok("decide", typo, "AL16-02", *vote, "--amount", "24000")
    clean = _call(tmp_path, "clean")
    _ok("decide", clean, "AL16-02", *vote, "--amount", "24000")
    a, b = _result(typo), _result(clean)
    _same_outcome(a, b)
    assert [(d["dossier"], d["amount"]) for d in a["decisions"]] == [("AL16-02", 24000)]
    _ok("minutes", typo, "-o", tmp_path / "pv.html")
    text = _text(tmp_path / "pv.html")
    deliberations = _section(text, "Délibérations", "Modifications enregistrées")
    assert deliberations.count("AL16-02") == 1
    assert "24 000 €" in deliberations and "2 400 €" not in deliberations
    history = _section(text, "Modifications enregistrées", "Enveloppe ±10 %")
    assert "(2 400 €) (annulée par l'entrée n° 2)" in history
    assert "annule l'entrée n° 1, enregistrée par erreur" in history


def test_a_mistaken_withdrawal_cancelled_is_not_told_in_the_minutes(tmp_path: Path) -> None:
    typo = _call(tmp_path, "typo")
    _ok("withdraw", typo, "AL16-01", "--by", "Lucie", "--reason", "courrier du porteur")
    out = _ok("journal", "cancel", typo, "1", "--by", "Lucie",
              "--reason", "erreur : le retrait visait AL16-02")
    assert "AL16-01 : retiré -> retenu" in out.replace(NB, " ")
    _ok("withdraw", typo, "AL16-02", "--by", "Lucie", "--reason", "courrier du porteur")
    clean = _call(tmp_path, "clean")
    _ok("withdraw", clean, "AL16-02", "--by", "Lucie", "--reason", "courrier du porteur")
    _same_outcome(_result(typo), _result(clean))
    _ok("minutes", typo, "-o", tmp_path / "pv.html")
    text = _text(tmp_path / "pv.html")
    assert "AL16-01 s'est retiré" not in text
    assert "AL16-02 s'est retiré ; AL16-03 (liste de réserve) est proposé à sa place" in text


def test_a_consensus_cancelled_gives_the_jurors_value_back(tmp_path: Path) -> None:
    typo = _call(tmp_path, "typo")
    _ok("consensus", "set", typo, "AL16-07", "ALS-4", "2", "--by", "Présidente",
        "--reason", "relecture en séance")
    before = {d["id"]: d for d in _result(typo)["dossiers"]}
    assert before["AL16-07"]["criteria"]["ALS-4"]["value"] == 2
    _ok("journal", "cancel", typo, "1", "--by", "Lucie",
        "--reason", "erreur : le consensus visait AL16-04")
    a, b = _result(typo), _result(_call(tmp_path, "clean"))
    _same_outcome(a, b)
    after = {d["id"]: d for d in a["dossiers"]}
    # the jurors' mean again, not the nearest level of the scale
    assert after["AL16-07"]["criteria"]["ALS-4"]["value"] != 2
    assert after["AL16-07"]["total"] < before["AL16-07"]["total"]


def test_what_cannot_be_cancelled_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    folder = _call(tmp_path, "appel")
    _ok("decide", folder, "AL16-04", "--outcome", "retenu", "--by", "P", "--reason", "r")
    _ok("journal", "cancel", folder, "1", "--by", "L", "--reason", "erreur")
    journal = (folder / "journal.jsonl").read_bytes()
    for entry, said in (("1", "l'entrée n° 1 est déjà annulée (entrée n° 2)"),
                        ("2", "l'entrée n° 2 n'est ni un consensus, ni une décision, ni un "
                              "retrait"),
                        ("3", "le journal n'a pas d'entrée n° 3 (la dernière est l'entrée n° 2)")):
        code, out = _run("journal", "cancel", folder, entry, "--by", "L", "--reason", "r")
        assert code == 1, out
        assert said in out.replace(NB, " ") and "[bad-decision]" in out
        assert (folder / "journal.jsonl").read_bytes() == journal
    code, out = _run("journal", "cancel", folder, "0", "--by", "L", "--reason", "r")
    assert code == 2, out


def _line(data: dict) -> bytes:
    data["hash"] = entry_hash(data)
    return canonical(data)


def test_a_cancellation_that_does_not_fit_the_journal_breaks_it_at_its_line(tmp_path: Path
                                                                            ) -> None:
    from isgrid.call.journal import GENESIS, sha256

    first = _line({"seq": 1, "kind": "decision", "stage": "jury", "dossier": "D1",
                   "outcome": "retenu", "by": "P", "reason": "r", "prev": GENESIS})
    for bad, said in (({"dossier": "D2", "cancels": 1}, "entry 1 is about D1, not D2"),
                      ({"dossier": "D1", "cancels": 2}, "cancels an earlier entry")):
        second = _line({"seq": 2, "kind": "cancellation", "stage": "jury", "by": "L",
                        "reason": "erreur", "prev": sha256(first), **bad})
        path = tmp_path / "journal.jsonl"
        path.write_bytes(first + b"\n" + second + b"\n")
        diags = verify_journal(path)
        assert [(d.code, d.location.line) for d in diags] == [("journal-invalid", 2)]
        assert said in str(diags[0].message)
