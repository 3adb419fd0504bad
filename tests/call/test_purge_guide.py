"""``isgrid call purge`` on the French guide's example (docs/fr/apres-la-seance.md), as a
review played it after the séance: a removed e-mail address still quoted in another
dossier's file was not said (finding 3); the chair « Mme Schaeffer », the member Hélène
Schaeffer, became « Présidence de séance » in the texts, and a letter remade after the
purge read « l'audition par Présidence de séance » (finding 4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from isgrid.cli.main import cli
from testpaths import EXAMPLES

ADDRESS = "direction@recyclerie-sundgau.example"


def _call(tmp_path: Path, chair: str = "Mme Schaeffer") -> Path:
    """The guide's séance: chaired by Mme Schaeffer, who is the member Hélène Schaeffer
    (j1), with M. Roth as secretary; AL16-01 gives its contact facts."""
    call = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    # the platform export is said apart (test_purge_other_files): not this test's subject
    (call / "export-dossiers.csv").unlink()
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["meeting"] = {
        "date": "2016-05-04", "chair": chair, "secretary": "M. Roth", "quorum": 2,
        "members": [{"name": "Hélène Schaeffer", "role": "présidente", "assessor": "j1"},
                    {"name": "Marc Wendling", "assessor": "j2"},
                    {"name": "Sophie Kuntz", "assessor": "j3"}],
        "vote": {"body": "Commission permanente", "date": "2016-05-12",
                 "reference": "CP-2016-05-12"}}
    cfg["retention"] = {"months": 12, "contact_facts": ["email", "phone"]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    with (call / "dossiers" / "AL16-01.yaml").open("a", encoding="utf-8") as f:
        f.write(f'email: "{ADDRESS}"\nphone: "03 89 00 00 00"\n')
    return call


def _purge(call: Path, *args: str, before: tuple[str, ...] = ()) -> tuple[int, str]:
    res = CliRunner().invoke(cli, [*before, "call", "purge", str(call),
                                   "--today", "2017-05-12", *args])
    return res.exit_code, res.output


def test_a_removed_address_quoted_in_another_dossier_is_said(tmp_path: Path) -> None:
    call = _call(tmp_path)
    d3, d4 = call / "dossiers" / "AL16-03.yaml", call / "dossiers" / "AL16-04.yaml"
    d3.write_text(d3.read_text("utf-8") + f"# contact : {ADDRESS} (même réseau)\n", "utf-8")
    d4.write_text(d4.read_text("utf-8") + f'note_interne: "appeler {ADDRESS}"\n', "utf-8")
    lines3 = d3.read_text("utf-8").splitlines()
    lines4 = d4.read_text("utf-8").splitlines()
    # where a reader finds them: the last line of each file, after « # contact : » (12
    # characters: column 13) and after « note_interne: "appeler » (23: column 24)
    at3, at4 = (len(lines3), 13), (len(lines4), 24)
    assert lines3[at3[0] - 1][at3[1] - 1:].startswith(ADDRESS)
    assert lines4[at4[0] - 1][at4[1] - 1:].startswith(ADDRESS)
    said = [f"Warning: {d3}:{at3[0]}:{at3[1]}: '{ADDRESS}' is still written here "
            "[purge-name-left]",
            f"Warning: {d4}:{at4[0]}:{at4[1]}: '{ADDRESS}' is still written here "
            "[purge-name-left]"]
    code, out = _purge(call)  # the dry run says it
    assert code == 0, out
    assert [x for x in out.splitlines() if "purge-name-left" in x] == said
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    code, out = _purge(call, "--apply", before=("--strict",))  # --strict stops there
    assert code == 1, out
    assert [x for x in out.splitlines() if "purge-name-left" in x] == said
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before
    code, out = _purge(call, "--apply")  # without --strict: purged, the quotes stay
    assert code == 0, out
    assert ADDRESS not in (call / "dossiers" / "AL16-01.yaml").read_text("utf-8")
    assert ADDRESS in d3.read_text("utf-8") and ADDRESS in d4.read_text("utf-8")


def test_a_removed_address_quoted_in_call_yaml_is_said(tmp_path: Path) -> None:
    call = _call(tmp_path)
    text = (call / "call.yaml").read_text("utf-8")
    (call / "call.yaml").write_text(f"# écrire à {ADDRESS}\n" + text, "utf-8")
    code, out = _purge(call)
    assert code == 0, out
    # line 1, after « # écrire à » (11 characters)
    assert (f"Warning: {call / 'call.yaml'}:1:12: '{ADDRESS}' is still written here "
            "[purge-name-left]") in out.splitlines()


def test_the_contact_facts_call_yaml_names_are_known_to_the_call(tmp_path: Path) -> None:
    """retention.contact_facts names them: every command warned « the fact 'email' is not
    declared by the grid » once per dossier (finding 11). A key it does not name (a typo)
    is still warned, once, at its file."""
    call = _call(tmp_path)
    d2 = call / "dossiers" / "AL16-02.yaml"
    d2.write_text(d2.read_text("utf-8") + 'emial: "contact@example.org"\n', "utf-8")
    res = CliRunner().invoke(cli, ["call", "check", str(call)])
    assert res.exit_code == 0, res.output
    warned = [x for x in res.output.splitlines() if "[unknown-fact-key]" in x]
    line = len(d2.read_text("utf-8").splitlines())  # the last line, column 1
    assert d2.read_text("utf-8").splitlines()[line - 1].startswith("emial:")
    assert warned == [f"Warning: {d2}:{line}:1 (emial): the fact 'emial' is not declared "
                      "by the grid [unknown-fact-key]"]


def test_a_contact_column_of_a_dossier_table_is_known_too(tmp_path: Path) -> None:
    call = tmp_path / "table"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "contact_facts": ["email"]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    rows = []
    for path in sorted((call / "dossiers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        rows.append(data)
    shutil.rmtree(call / "dossiers")
    keys = [k for k in rows[0] if all(k in r and not isinstance(r[k], (list, dict))
                                      for r in rows)]
    import csv
    with (call / "dossiers.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([*keys, "email", "emial"])
        for r in rows:
            w.writerow([*(r[k] for k in keys), "a@example.org", "b@example.org"])
    res = CliRunner().invoke(cli, ["call", "check", str(call)])
    warned = [x for x in res.output.splitlines() if "[unknown-fact-key]" in x]
    assert warned == [f"Warning: {call / 'dossiers.csv'}:1:{len(keys) + 2}: the column "
                      "'emial' is not a declared fact [unknown-fact-key]"], res.output


def _entries(call: Path) -> list[dict[str, str]]:
    return [json.loads(x) for x in (call / "journal.jsonl").read_text("utf-8").splitlines()]


def test_the_chair_who_is_a_member_gets_the_member_s_pseudonym(tmp_path: Path) -> None:
    """The guide's own example (docs/personal-data.md): « vote après audition de Mme
    Schaeffer » becomes « vote après audition de Juré 1 »: Mme Schaeffer, the chair, is the
    member Hélène Schaeffer (j1, the only Schaeffer), so one person has one pseudonym; so is
    M. Roth, the secretary, the instructor Julien Roth (i1, « Instructeur 1 »)."""
    call = _call(tmp_path)
    res = CliRunner().invoke(cli, [
        "decide", str(call), "AL16-03", "--stage", "vote", "--outcome", "réserve",
        "--by", "Hélène Schaeffer", "--reason", "vote après audition de Mme Schaeffer",
        "--motivation", "Vote après audition de Mme Schaeffer."])
    assert res.exit_code == 0, res.output
    code, out = _purge(call)
    assert "would pseudonymise: Mme Schaeffer -> Juré 1" in out.splitlines()
    assert "would pseudonymise: M. Roth -> Instructeur 1" in out.splitlines()
    code, out = _purge(call, "--apply")
    assert code == 0, out
    first = _entries(call)[0]
    assert (first["by"], first["reason"], first["motivation"]) == (
        "Juré 1", "vote après audition de Juré 1", "Vote après audition de Juré 1.")
    meeting = yaml.safe_load((call / "call.yaml").read_text("utf-8"))["meeting"]
    assert (meeting["chair"], meeting["secretary"]) == ("Juré 1", "Instructeur 1")


def test_a_chair_and_a_secretary_who_are_no_member_read_as_their_offices_in_a_sentence(
        tmp_path: Path) -> None:
    """Mme Klein chairs, M. Durand is the secretary; neither is a member nor a juror.
    call.yaml and the journal's ``by`` get the office (« Présidence de séance », what the
    minutes read); a sentence gets it with its article: « l'audition par Présidence de
    séance » was what a remade letter read."""
    call = _call(tmp_path, chair="Mme Klein")
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["meeting"]["secretary"] = "M. Durand"
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    res = CliRunner().invoke(cli, [
        "decide", str(call), "AL16-03", "--stage", "vote", "--outcome", "réserve",
        "--by", "Mme Klein", "--reason", "Mme Klein propose la réserve. Avis de M. Durand",
        "--motivation", "Après l'audition par Mme Klein, le projet reste en réserve."])
    assert res.exit_code == 0, res.output
    code, out = _purge(call, "--apply")
    assert code == 0, out
    first = _entries(call)[0]
    # by hand: « Mme Klein » at the start -> « La présidence de séance »; « de M. Durand »
    # -> « du secrétariat de séance » (de + le); « par Mme Klein » -> « par la présidence »
    assert (first["by"], first["reason"], first["motivation"]) == (
        "Présidence de séance",
        "La présidence de séance propose la réserve. Avis du secrétariat de séance",
        "Après l'audition par la présidence de séance, le projet reste en réserve.")
    meeting = yaml.safe_load((call / "call.yaml").read_text("utf-8"))["meeting"]
    assert (meeting["chair"], meeting["secretary"]) == (
        "Présidence de séance", "Secrétariat de séance")
