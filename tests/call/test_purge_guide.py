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
