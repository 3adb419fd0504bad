"""The next edition of a call (a review, Nadia's second year): she copied last year's folder,
and last year's consensus overrode this year's ratings (AL16-02 / ALS-5 = 3 against
ratings of 1, 4 and 3), last year's recusal of j2 moved to the new person given the id j2,
and a journal kept in the copy voted this year's dossiers, with « ok » from ``call check``.
``isgrid call init NEW --from OLD`` keeps the call's design and leaves last year's séance
out; ``call check`` warns of a journal dated long before the call's own dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.config import read_config
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import Collector
from testpaths import EXAMPLES, ROOT

BLOCKS = """
meeting:
  date: 2025-05-06
  place: Hôtel du Département, salle 2   # la salle habituelle
  chair: Juré 1
  quorum: 2
  members:
    - {name: Juré 1, role: présidente, assessor: j1}
    - {name: Juré 2, assessor: j2, present: false}
  interests:
    - {member: Juré 2, dossier: AL16-01, text: administrateur de la SCIC}
  syntheses: {AL16-01: "Projet solide."}
  vote: {body: Commission permanente, date: 2025-05-19, reference: CP-2025-05-19}
letters:
  sender: "Département (exemple) — Mission ESS"
  signatory: "Le Président du Conseil départemental"
  date: 2025-05-26
retention:
  months: 12
  contact_facts: [email, phone]
"""


def _last_year(tmp_path: Path) -> Path:
    """examples/alsace-2016 as a call that went through its séance: a meeting, letters,
    retention, a journal, a recusal in conflicts/, an opinion and a document."""
    old = tmp_path / "aap-2025"
    shutil.copytree(EXAMPLES / "alsace-2016", old)
    with (old / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(BLOCKS)
    append(old, kind="decision", dossier="AL16-05", by="Jury", reason="pièces non fournies",
           outcome="non retenu", at="2025-05-06")
    (old / "conflicts").mkdir()
    (old / "conflicts" / "j3.csv").write_text("assessor,dossier,reason\nj3,AL16-04,voisin\n",
                                              encoding="utf-8")
    (old / "opinions").mkdir()
    (old / "opinions" / "j1.csv").write_text("dossier,assessor,opinion\n", encoding="utf-8")
    (old / "pv-2025.html").write_text("<p>PV</p>", encoding="utf-8")
    return old


def _init(*args: object) -> tuple[int, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    return res.exit_code, res.output


def test_the_design_carries_over_and_the_seance_does_not(tmp_path: Path) -> None:
    old = _last_year(tmp_path)
    new = tmp_path / "aap-2026"
    code, out = _init("--lang", "en", "call", "init", new, "--from", old,
                      "--title", "Appel à projets 2026")
    assert code == 0, out
    # no journal, no ratings…: ratings/ is there to fill, its file the header alone
    assert sorted(p.name for p in new.iterdir()) == ["call.yaml", "ratings"]
    assert [p.name for p in (new / "ratings").iterdir()] == ["ratings.csv"]
    assert (new / "ratings" / "ratings.csv").read_text(encoding="utf-8") == \
        "dossier,assessor,criterion,value,comment\n"
    _, cfg = read_config(new / "call.yaml", Collector())
    _, before = read_config(old / "call.yaml", Collector())
    # the design: grid, set:, money, selection, jury (without last year's dossiers), blocks
    assert cfg.title == "Appel à projets 2026"
    assert cfg.grid == "alsace-aap-2016"
    assert cfg.set == {"scales.note04.half_steps": True}
    assert cfg.budget == 52000 and cfg.funding == before.funding
    assert cfg.selection == before.selection
    assert [(a.id, a.name, a.role, a.dossiers) for a in cfg.assessors or []] == [
        ("i1", "Julien Roth (Mission ESS, instruction)", "instructeur", None),
        ("j1", "Hélène Schaeffer", "juré", None), ("j2", "Marc Wendling", "juré", None),
        ("j3", "Sophie Kuntz", "juré", None)]
    assert cfg.letters is not None and cfg.letters.sender == before.letters.sender  # type: ignore[union-attr]
    assert cfg.letters.date is None
    assert cfg.retention is not None and cfg.retention.months == 12
    meeting = cfg.meeting
    assert meeting is not None and meeting.place == "Hôtel du Département, salle 2"
    assert meeting.quorum == 2 and [m.name for m in meeting.members] == ["Juré 1", "Juré 2"]
    assert all(m.present for m in meeting.members)  # last year's absence is not this year's
    # last year's séance: recusals, consensus, declarations, syntheses, dates
    assert cfg.conflicts == [] and cfg.consensus == []
    assert meeting.interests == [] and meeting.syntheses == {}
    assert meeting.date is None and meeting.vote is not None and meeting.vote.date is None
    assert meeting.vote.reference is None and meeting.vote.body == "Commission permanente"
    text = (new / "call.yaml").read_text(encoding="utf-8")
    assert "# Le jury s'autorise les demi-points" in text  # edited in place: comments kept
    assert "# la salle habituelle" in text
    assert "Administrateur de la SCIC" not in text and "Écart de 1 à 4" not in text
    assert "left out of call.yaml (the last séance): conflicts" in out
    assert "conflicts, consensus, assessors[].dossiers, meeting.interests, " \
           "meeting.syntheses, meeting.members[].present" in out
    assert "conflicts/, dossiers/, export-dossiers.csv, journal.jsonl, opinions/, " \
           "pv-2025.html, ratings/" in out
    assert ("to update: description, meeting.date (was 2025-05-06), meeting.vote.date "
            "(was 2025-05-19), meeting.vote.reference (was CP-2025-05-19), letters.date "
            "(was 2025-05-26)") in out
    assert "to check: assessors, the jury kept as it was (4 members)" in out
    # last year's file is untouched
    assert "consensus:" in (old / "call.yaml").read_text(encoding="utf-8")


def test_this_years_ratings_are_read_without_last_years_consensus(tmp_path: Path) -> None:
    old = _last_year(tmp_path)
    new = tmp_path / "aap-2026"
    assert _init("call", "init", new, "--from", old)[0] == 0
    shutil.copytree(old / "dossiers", new / "dossiers")
    shutil.copytree(old / "ratings", new / "ratings", dirs_exist_ok=True)
    code, out = _init("score", new, "--format", "json")
    assert code == 0, out
    result = json.loads(out[out.index("{"):])
    als5 = next(d for d in result["dossiers"] if d["id"] == "AL16-02")["criteria"]["ALS-5"]
    # this year's ratings 1, 4 and 3 (j1, j2, j3): their mean 8/3, no consensus of 3
    assert als5["consensus"] is None
    assert als5["value"] == pytest.approx(8 / 3)
    # j2's recusal on AL16-01 was last year's: j2's ratings of AL16-01 count this year
    assert load_call(new).config.conflicts == []


def test_never_overwrite(tmp_path: Path) -> None:
    old = _last_year(tmp_path)
    new = tmp_path / "aap-2026"
    new.mkdir()
    (new / "notes.txt").write_text("à garder", encoding="utf-8")
    code, out = _init("--lang", "en", "call", "init", new, "--from", old)
    assert code == 2 and "[output-exists]" in out
    assert sorted(p.name for p in new.iterdir()) == ["notes.txt"]
    empty = tmp_path / "vide"
    empty.mkdir()  # even empty: the next edition is a folder of its own, made here
    assert _init("call", "init", empty, "--from", old)[0] == 2


def test_a_grid_file_of_the_call_goes_with_it(tmp_path: Path) -> None:
    old = _last_year(tmp_path)
    shutil.copy(ROOT / "grids" / "alsace-aap-2016.yaml", old / "ma-grille.yaml")
    text = (old / "call.yaml").read_text(encoding="utf-8")
    (old / "call.yaml").write_text(text.replace("grid: alsace-aap-2016", "grid: ma-grille.yaml"),
                                   encoding="utf-8")
    new = tmp_path / "aap-2026"
    code, out = _init("call", "init", new, "--from", old)
    assert code == 0, out
    assert (new / "ma-grille.yaml").read_bytes() == (old / "ma-grille.yaml").read_bytes()
    assert "ma-grille.yaml" not in out.split("not copied", 1)[-1]


def test_grid_and_from_do_not_go_together(tmp_path: Path) -> None:
    old = _last_year(tmp_path)
    code, out = _init("--lang", "fr", "call", "init", tmp_path / "n", "--from", old,
                      "--grid", "alsace-aap-2016")
    assert code == 2 and "--grid et --from ne vont pas ensemble" in out
    code, out = _init("--lang", "en", "call", "init", tmp_path / "n")
    assert code == 2 and "give --grid, or --from an earlier call" in out
    assert not (tmp_path / "n").exists()


def _check(folder: Path, lang: str = "en") -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, "call", "check", str(folder)])
    return res.output


@pytest.mark.parametrize(("at", "warned"), [
    ("2025-05-06", True),   # 364 days before the meeting of 2026-05-05: last year's
    ("2025-11-02", True),   # 184 days before: more than six months (183 days)
    ("2025-11-03", False),  # 183 days: a long instruction, this call's
    ("2026-04-20", False),  # a withdrawal two weeks before the meeting
])
def test_check_warns_of_an_earlier_editions_journal(tmp_path: Path, at: str,
                                                    warned: bool) -> None:
    old = _last_year(tmp_path)
    copy = tmp_path / "copie"  # last year's folder copied by hand, dates updated
    shutil.copytree(old, copy)
    (copy / "journal.jsonl").unlink()
    text = (copy / "call.yaml").read_text(encoding="utf-8")
    (copy / "call.yaml").write_text(text.replace("date: 2025-05-06", "date: 2026-05-05"),
                                    encoding="utf-8")
    append(copy, kind="consensus", dossier="AL16-07", by="Présidente", reason="relecture",
           criterion="ALS-4", value=2)  # no date: cannot be told apart
    append(copy, kind="decision", dossier="AL16-05", by="Jury", reason="pièces non fournies",
           outcome="non retenu", at=at)
    out = _check(copy)
    if not warned:
        assert "journal-other-edition" not in out
        return
    assert ("journal.jsonl:2: 1 journal entry is dated more than six months before the "
            "call's own date (2026-05-05): entry 2, dated " + at) in out
    assert "isgrid call init NEW --from OLD" in out
    fr = _check(copy, "fr").replace("\u202f", " ").replace("\xa0", " ")
    assert ("1 entrée du journal est datée de plus de six mois avant la date de l'appel "
            "(2026-05-05) : l'entrée 2, du " + at) in fr


def test_check_counts_every_early_entry_and_needs_the_calls_date(tmp_path: Path) -> None:
    old = _last_year(tmp_path)  # its journal: one entry of 2025-05-06
    append(old, kind="withdrawal", dossier="AL16-06", by="Secrétariat", reason="abandon",
           at="2025-04-01")
    assert "journal-other-edition" not in _check(old)  # its own séance: 2025-05-06
    text = (old / "call.yaml").read_text(encoding="utf-8")
    (old / "call.yaml").write_text(text.replace("date: 2025-05-06", "date: 2026-05-05"),
                                   encoding="utf-8")
    out = _check(old)
    assert "2 journal entries are dated more than six months before the call's own date " \
           "(2026-05-05), the first: entry 1, dated 2025-05-06" in out
    # no meeting.date: the vote's date is the call's own
    (old / "call.yaml").write_text(text.replace("  date: 2025-05-06\n", "").replace(
        "date: 2025-05-19", "date: 2026-05-19"), encoding="utf-8")
    assert "(2026-05-19), the first: entry 1" in _check(old)


def test_a_grid_that_no_longer_loads_does_not_stop_the_next_edition(tmp_path: Path) -> None:
    """A call pinned to a version isgrid ships no more (`grid: alsace-aap-2016@7`): its
    design is copied all the same; the new call's check says what is wrong with its grid."""
    old = _last_year(tmp_path)
    text = (old / "call.yaml").read_text(encoding="utf-8")
    (old / "call.yaml").write_text(text.replace("grid: alsace-aap-2016", "grid: alsace-aap-2016@7"),
                                   encoding="utf-8")
    new = tmp_path / "aap-2026"
    code, out = _init("call", "init", new, "--from", old)
    assert code == 0, out
    assert "grid: alsace-aap-2016@7\n" in (new / "call.yaml").read_text(encoding="utf-8")


def test_last_seances_next_steps_are_not_this_ones(tmp_path: Path) -> None:
    """A call in two stages: the présélection's folder says « vous êtes convoqué(e) à une
    audition » to the dossiers it keeps; the final folder, started with ``--from`` it,
    must not end its laureates' letters with that convocation.  The next steps are left
    out and said « to update » with their text; the rest of ``letters`` stays."""
    old = _last_year(tmp_path)
    convocation = "Vous êtes convoqué(e) à une audition devant le comité."
    text = (old / "call.yaml").read_text(encoding="utf-8")
    (old / "call.yaml").write_text(text.replace("letters:\n", (
        f"letters:\n  next_steps:\n    retenu: \"{convocation}\"\n"
        "    non retenu: Vous pouvez redéposer l'an prochain.\n"), 1), encoding="utf-8")
    _, before = read_config(old / "call.yaml", Collector())
    assert before.letters is not None and before.letters.next_steps["retenu"] == convocation
    new = tmp_path / "auditions"
    code, out = _init("--lang", "en", "call", "init", new, "--from", old)
    assert code == 0, out
    _, cfg = read_config(new / "call.yaml", Collector())
    assert cfg.letters is not None and cfg.letters.next_steps == {}
    assert cfg.letters.sender == before.letters.sender
    assert convocation not in (new / "call.yaml").read_text(encoding="utf-8")
    assert f"letters.next_steps.retenu (was {convocation})" in out
    assert "letters.next_steps.non retenu (was Vous pouvez redéposer l'an prochain.)" in out
