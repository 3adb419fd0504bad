"""``isgrid call purge``: the names left after the purge, found by a review.

Who recorded a consensus value in call.yaml (``consensus[].by``) and the names written in
the journal's texts (a decision's or a consensus's ``reason``, a decision's
``motivation``) kept the jurors' names; the letters' signatory, an official signing in
office, was a ``purge-name-left`` warning (``--strict`` stopped there).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.call.purge import _Names
from isgrid.cli.main import cli
from isgrid.engine import score
from testpaths import EXAMPLES

SIGNATORY = ("Pour le Président et par délégation, le directeur de l'économie sociale, "
             "Paul Meyer")


def _call(tmp_path: Path) -> Path:
    """The Alsace example, a séance chaired by Hélène Schaeffer (j1) with Paul Meyer, the
    service's director, who signs the letters; three journal entries that quote jurors."""
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    # the platform export is said apart (test_purge_other_files): not this test's subject
    (call / "export-dossiers.csv").unlink()
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12}
    cfg["meeting"] = {"vote": {"date": "2026-04-02"}, "chair": "Hélène Schaeffer",
                      "members": [{"name": "Hélène Schaeffer", "assessor": "j1"},
                                  {"name": "Paul Meyer"}]}
    cfg["consensus"][0]["by"] = "Hélène Schaeffer"  # the example's AL16-02 ALS-5 = 3
    cfg["letters"] = {"signatory": SIGNATORY}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    for args in (["decide", str(call), "AL16-01", "--stage", "vote", "--outcome", "retenu",
                  "--by", "Hélène Schaeffer", "--reason", "Vote"],
                 ["consensus", "set", str(call), "AL16-04", "ALS-5", "2", "--by",
                  "Service ESS", "--reason",
                  "Valeur proposée par Marc Wendling, reprise par le jury"],
                 ["decide", str(call), "AL16-03", "--stage", "vote", "--outcome",
                  "non-retenu", "--by", "Service ESS",
                  "--reason", "vote après audition de Mme Schaeffer", "--motivation",
                  "Comme l'a relevé Sophie Kuntz, le modèle économique reste fragile"]):
        res = CliRunner().invoke(cli, args)
        assert res.exit_code == 0, res.output
    return call


def _purge(call: Path, *args: str, before: tuple[str, ...] = ()) -> tuple[int, str]:
    """``isgrid [before] call purge CALL --today 2027-04-02 [args]``: due that day."""
    res = CliRunner().invoke(cli, [*before, "call", "purge", str(call),
                                   "--today", "2027-04-02", *args])
    return res.exit_code, res.output


def _ranking(call: Path) -> list[tuple[str, int | None, str, float | None, float | None]]:
    return [(d.id, d.rank, str(d.status), d.total, d.amounts.granted)
            for d in score(load_call(call)).dossiers]


def test_the_journal_texts_and_the_consensus_by_get_the_pseudonyms(tmp_path: Path) -> None:
    call = _call(tmp_path)
    before = _ranking(call)
    code, out = _purge(call, "--apply")
    assert code == 0, out
    entries = [json.loads(x) for x in (call / "journal.jsonl").read_text("utf-8").splitlines()]
    # worked out by hand: Hélène Schaeffer -> Juré 1 (j1), Marc Wendling -> Juré 2,
    # Sophie Kuntz -> Juré 3; « Mme Schaeffer » is Hélène Schaeffer, the one Schaeffer
    assert [(e["seq"], e["kind"], e["by"], e["reason"], e.get("motivation"))
            for e in entries[:3]] == [
        (1, "decision", "Juré 1", "Vote", None),
        (2, "consensus", "Service ESS", "Valeur proposée par Juré 2, reprise par le jury",
         None),
        (3, "decision", "Service ESS", "vote après audition de Juré 1",
         "Comme l'a relevé Juré 3, le modèle économique reste fragile")]
    assert entries[3]["kind"] == "purge" and len(entries) == 4
    text = (call / "journal.jsonl").read_text("utf-8")
    assert not any(n in text for n in ("Schaeffer", "Wendling", "Kuntz", "Hélène"))
    verify = CliRunner().invoke(cli, ["journal", "verify", str(call)])
    assert verify.exit_code == 0, verify.output
    assert verify.output.startswith("ok: 4 entries, head sha256 " + entries[3]["hash"])
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    assert cfg["consensus"][0]["by"] == "Juré 1"
    assert cfg["consensus"][0]["value"] == 3  # the value and its reason stay
    assert cfg["consensus"][0]["reason"].startswith("Écart de 1 à 4 entre jurés")
    assert _ranking(call) == before
    assert ("pseudonymise the names written in the reasons or motivations of journal "
            "entries 2, 3") in out


def test_the_dry_run_lists_what_would_change_and_changes_nothing(tmp_path: Path) -> None:
    call = _call(tmp_path)
    files = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    code, out = _purge(call)
    assert code == 0, out
    lines = out.splitlines()
    assert "would pseudonymise the names in call.yaml: consensus[0].by" in lines
    assert ("would pseudonymise the names written in the reasons or motivations of journal "
            "entries 2, 3") in lines
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == files
    code, out = _purge(call, before=("--lang", "fr"))
    assert ("[essai] pseudonymiser les noms écrits dans les motifs ou motivations des "
            "entrées 2, 3 du journal") in out.splitlines()


def test_the_signatory_in_office_is_kept_and_said_not_warned(tmp_path: Path) -> None:
    """Paul Meyer is a member of the séance (« Membre 1 ») and signs the letters by
    delegation: as the letters already sent, call.yaml keeps his name and quality there;
    the purge says so, with no ``purge-name-left`` (``--strict`` went no further)."""
    call = _call(tmp_path)
    code, out = _purge(call, "--apply", before=("--strict",))
    assert code == 0, out
    assert "[purge-name-left]" not in out
    assert f'keep: letters.signatory "{SIGNATORY}", an official signing in office (see ' \
        "docs/personal-data.md)" in out.splitlines()
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    assert cfg["letters"]["signatory"] == SIGNATORY
    assert cfg["meeting"]["members"][1]["name"] == "Membre 1"  # the member is purged
    # the signatory's name is kept there only
    assert (call / "call.yaml").read_text("utf-8").count("Meyer") == 1


class _Sub:
    def __init__(self, found: _Names) -> None:
        self.found = found

    def sub(self, text: str) -> str:
        assert self.found.pattern is not None
        return self.found.pattern.sub(self.found.alias, text)


def test_a_name_is_known_after_a_civility_and_by_its_surname_when_one_bears_it() -> None:
    found = _Names({"Hélène Schaeffer": "Juré 1", "Marc Schaeffer": "Juré 2",
                    "Sophie Kuntz": "Juré 3", "Jean-Marie Le Gall": "Membre 1"})
    assert found.pattern is not None
    names = _Sub(found)
    assert names.sub("vu par Mme Hélène Schaeffer et M. Marc  Schaeffer") == \
        "vu par Juré 1 et Juré 2"
    # two Schaeffer: « Mme Schaeffer » could be either, it stays (no guess)
    assert names.sub("audition de Mme Schaeffer, de Madame Kuntz et de M. Le Gall") == \
        "audition de Mme Schaeffer, de Juré 3 et de Membre 1"
    # a surname alone, without a civility, is not a name: « Kuntz » may be anyone's
    assert names.sub("la SCOP Kuntz et fils") == "la SCOP Kuntz et fils"
