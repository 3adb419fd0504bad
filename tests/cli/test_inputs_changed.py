"""A rating or a dossier's file edited after the vote is told (inputs-changed) by every
command that loads the call, as a change of grid is (grid-changed): each entry records
the fingerprints of the ratings and dossiers it was judged on (review recours, finding 4:
one rating of AL16-03 changed after the adopted list moved it from « réserve » to « non
classé », and call check said « ok »).

The example alsace-2016: its séance as the guide records it (a consensus, a jury
decision, the vote on AL16-01 at meeting.vote).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from isgrid.cli import cli
from testpaths import EXAMPLES

VOTE = "  vote: {body: Commission permanente, date: 2016-05-12, reference: CP-2016-05-12}\n"


def _run(*args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(cli, ["--lang", lang, *args])


def _call(tmp_path: Path, vote: bool = True) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "journal.jsonl").unlink(missing_ok=True)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("meeting:\n  date: 2016-05-04\n" + VOTE)
    acts = [("consensus", "set", str(folder), "AL16-07", "ALS-4", "2", "--by", "Jury",
             "--reason", "relecture du budget en séance"),
            ("decide", str(folder), "AL16-05", "--outcome", "non-retenu", "--by", "Jury",
             "--reason", "pièces non fournies")]
    if vote:
        acts.append(("decide", str(folder), "AL16-01", "--stage", "vote", "--outcome",
                     "retenu", "--by", "CP", "--reason", "délibération CP-2016-05-12"))
    for args in acts:
        res = _run(*args)
        assert res.exit_code == 0, res.output
    return folder


def _said(res: Result) -> list[str]:
    return [line for line in res.output.splitlines() if "[inputs-changed]" in line]


def _fingerprint(folder: Path, *files: str) -> str:
    """The fingerprint worked out by hand: sha256 of the sorted « path sha256\\n » lines."""
    lines = sorted(f"{f} {hashlib.sha256((folder / f).read_bytes()).hexdigest()}\n"
                   for f in files)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def _judged(folder: Path, without: tuple[str, ...] = ()) -> str:
    """The dossiers' fingerprint worked out by hand: sha256 of the JSON list of each
    dossier's « [id, facts] » (sorted keys), in id order, the facts only documents read
    left out."""
    import isgrid

    rows = [[d.id, {k: v for k, v in d.facts.items() if k not in without}]
            for d in sorted(isgrid.load_call(folder).dossiers, key=lambda d: d.id)]
    return hashlib.sha256(json.dumps(rows, sort_keys=True, ensure_ascii=False,
                                     default=str).encode("utf-8")).hexdigest()


def test_each_entry_records_the_fingerprints(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    entries = [json.loads(x) for x in (folder / "journal.jsonl").read_text().splitlines()]
    ratings = _fingerprint(folder, *(f"ratings/{j}.csv" for j in ("i1", "j1", "j2", "j3")))
    # the example declares none of the documents' facts (holder, siret, rna, convention_date)
    assert [(e["ratings_sha256"], e["dossiers_sha256"]) for e in entries] == \
        [(ratings, _judged(folder))] * 3
    # and each file's sha256, by path, that the fingerprint is made of: in the first entry
    # recorded on these files only (the later ones, on the same files, refer to it)
    files = {f"ratings/{j}.csv": hashlib.sha256((folder / "ratings" / f"{j}.csv")
                                                .read_bytes()).hexdigest()
             for j in ("i1", "j1", "j2", "j3")}
    assert [e.get("ratings_files") for e in entries] == [files, None, None]


def test_a_rating_changed_after_the_vote(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    for command in (("call", "check", str(folder)), ("score", str(folder))):
        assert _said(_run(*command)) == []  # nothing changed: nothing said
    path = folder / "ratings" / "j1.csv"
    text = path.read_text(encoding="utf-8")
    assert "\nAL16-03,j1,ALS-4,3," in text
    path.write_text(text.replace("\nAL16-03,j1,ALS-4,3,", "\nAL16-03,j1,ALS-4,1,"),
                    encoding="utf-8")
    journal = folder / "journal.jsonl"
    for command in (("call", "check", str(folder)), ("score", str(folder))):
        res = _run(*command)
        assert res.exit_code == 0, res.output
        assert _said(res) == [
            f"Warning: {journal}:3: ratings/j1.csv changed since journal entry 3 (the vote on "
            "AL16-01): totals and statuses may differ from those the deliberation decided "
            "and the minutes and letters show [inputs-changed]"], res.output
    fr = _said(_run("call", "check", str(folder), lang="fr"))
    assert len(fr) == 1 and "ratings/j1.csv a changé depuis l'entrée 3 du journal (le vote " \
        "sur AL16-01)" in fr[0]
    # a later jury entry does not hide it: the vote is what the change is read against
    assert _run("withdraw", str(folder), "AL16-08", "--by", "S", "--reason", "r").exit_code == 0
    assert len(_said(_run("call", "check", str(folder)))) == 1
    # a new vote, recorded on the files as they are now, takes the change on; it records
    # the map of these new files (entry 4, the withdrawal, did already: entry 5 does not)
    assert _run("decide", str(folder), "AL16-02", "--stage", "vote", "--outcome", "retenu",
                "--by", "CP", "--reason", "r").exit_code == 0
    assert _said(_run("call", "check", str(folder))) == []
    entries = [json.loads(x) for x in journal.read_text().splitlines()]
    assert [sorted(e.get("ratings_files") or ()) for e in entries] == [
        ["ratings/i1.csv", "ratings/j1.csv", "ratings/j2.csv", "ratings/j3.csv"], [], [],
        ["ratings/i1.csv", "ratings/j1.csv", "ratings/j2.csv", "ratings/j3.csv"], []]
    assert entries[3]["ratings_files"]["ratings/j1.csv"] == \
        hashlib.sha256(path.read_bytes()).hexdigest()
    # a later edit is named against the new vote, from entry 4's map
    other = folder / "ratings" / "j2.csv"
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _said(_run("call", "check", str(folder))) == [
        f"Warning: {journal}:5: ratings/j2.csv changed since journal entry 5 (the vote on "
        "AL16-02): totals and statuses may differ from those the deliberation decided "
        "and the minutes and letters show [inputs-changed]"]


def test_the_files_that_changed_are_named(tmp_path: Path) -> None:
    """A file edited, one added and one removed, each named; with the dossiers too."""
    folder = _call(tmp_path)
    ratings = folder / "ratings"
    (ratings / "j3.csv").write_text((ratings / "j3.csv").read_text(encoding="utf-8") + "\n",
                                    encoding="utf-8")
    (ratings / "j2.csv").rename(ratings / "j5.csv")  # j2's file gone, j5's new
    start = f"Warning: {folder / 'journal.jsonl'}:3: "
    end = (" since journal entry 3 (the vote on AL16-01): totals and statuses may differ "
           "from those the deliberation decided and the minutes and letters show "
           "[inputs-changed]")
    assert _said(_run("call", "check", str(folder))) == [
        start + "ratings/j2.csv (removed), ratings/j3.csv, ratings/j5.csv (new) changed" + end]
    fr = _said(_run("call", "check", str(folder), lang="fr"))
    assert len(fr) == 1 and ": ratings/j2.csv (supprimé), ratings/j3.csv, ratings/j5.csv " \
        "(nouveau) ont changé depuis l'entrée 3 du journal" in fr[0], fr
    (ratings / "j5.csv").rename(ratings / "j2.csv")
    path = folder / "dossiers" / "AL16-03.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("eligible_costs: 30000\n", "eligible_costs: 20000\n"),
                    encoding="utf-8")
    assert _said(_run("call", "check", str(folder))) == [
        start + "ratings/j3.csv and the dossiers changed" + end]


def test_the_map_of_a_cancelled_entry_still_names_the_file(tmp_path: Path) -> None:
    """Entry 1 (the consensus) holds the map of the files the vote was recorded on too;
    cancelled, its map still says what those files were."""
    folder = _call(tmp_path)
    res = _run("journal", "cancel", str(folder), "1", "--by", "Jury", "--reason", "erreur")
    assert res.exit_code == 0, res.output
    path = folder / "ratings" / "j3.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    said = _said(_run("call", "check", str(folder)))
    assert len(said) == 1 and ":3: ratings/j3.csv changed since journal entry 3 (the vote " \
        "on AL16-01)" in said[0], said


def test_an_entry_without_the_files_keeps_the_old_words(tmp_path: Path) -> None:
    """An entry recorded before isgrid wrote ratings_files: « the ratings changed »."""
    from isgrid.call.journal import GENESIS, entry_hash

    folder = _call(tmp_path, vote=False)
    journal = folder / "journal.jsonl"
    prev, lines = GENESIS, []
    for line in journal.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        data.pop("ratings_files", None)
        data["prev"] = prev
        data["hash"] = entry_hash(data)
        lines.append(json.dumps(data, sort_keys=True, ensure_ascii=False,
                                separators=(",", ":")))
        prev = hashlib.sha256(lines[-1].encode("utf-8")).hexdigest()
    journal.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    assert _run("journal", "verify", str(folder)).exit_code == 0
    (folder / "ratings" / "j1.csv").write_text(
        (folder / "ratings" / "j1.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _said(_run("call", "check", str(folder))) == [
        f"Warning: {journal}:2: the ratings changed since journal entry 2 (the last one, on "
        "AL16-05): totals and statuses may differ from those the séance saw [inputs-changed]"]


def test_files_that_are_not_the_fingerprint_are_refused() -> None:
    from isgrid.call.inputstamp import ratings_fingerprint
    from isgrid.call.journal import GENESIS, Entry

    files = {"ratings/j1.csv": "c" * 64}
    # worked out by hand: the sha256 of the one line « ratings/j1.csv cc…c\n »
    by_hand = hashlib.sha256(f"ratings/j1.csv {'c' * 64}\n".encode()).hexdigest()
    assert ratings_fingerprint(files) == by_hand

    def entry(ratings: str) -> Entry:
        return Entry.model_construct(seq=1, kind="withdrawal", stage="jury", dossier="D1",
                                     by="J", reason="r", prev=GENESIS, hash=GENESIS,
                                     ratings_sha256=ratings, dossiers_sha256="b" * 64,
                                     ratings_files=files, value=None, at=None, cancels=None,
                                     hashes_before=None, votes_for=None, votes_against=None,
                                     abstentions=None, motivation=None, reference=None)

    assert entry(by_hand).check_kind() is None
    assert entry("a" * 64).check_kind() == \
        "ratings_files: these files' fingerprint is not ratings_sha256"


def test_before_the_vote_the_last_entry_and_the_dossiers(tmp_path: Path) -> None:
    folder = _call(tmp_path, vote=False)
    path = folder / "dossiers" / "AL16-03.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n# relu\n", encoding="utf-8")  # a comment: no fact changed
    assert _said(_run("call", "check", str(folder))) == []
    assert "eligible_costs: 30000\n" in text  # 15 000 € proposed (50 %): now 10 000 €
    path.write_text(text.replace("eligible_costs: 30000\n", "eligible_costs: 20000\n"),
                    encoding="utf-8")
    said = _said(_run("call", "check", str(folder)))
    assert said == [
        f"Warning: {folder / 'journal.jsonl'}:2: the dossiers changed since journal entry 2 "
        "(the last one, on AL16-05): totals and statuses may differ from those the séance "
        "saw [inputs-changed]"]


def test_the_facts_documents_read_added_after_the_vote_are_not_told(tmp_path: Path) -> None:
    """The French guide has the secretariat declare and give the holder's name and the SIRET
    after the vote (for the annex and the open data): no total and no status moves, and
    neither inputs-changed nor grid-changed is said; a fact a rule reads still is."""
    folder = _call(tmp_path)
    call_yaml = folder / "call.yaml"
    text = call_yaml.read_text(encoding="utf-8")
    assert "\nset:\n" in text
    call_yaml.write_text(text.replace("\nset:\n", "\nset:\n  facts.holder: {type: string}\n"
                                      "  facts.siret: {type: string}\n"), encoding="utf-8")
    path = folder / "dossiers" / "AL16-01.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + 'holder: "Recyclerie du Sundgau"\nsiret: "12345678900015"\n',
                    encoding="utf-8")
    res = _run("score", str(folder))
    assert res.exit_code == 0, res.output
    assert "[inputs-changed]" not in res.output and "[grid-changed]" not in res.output
    entries = [json.loads(x) for x in (folder / "journal.jsonl").read_text().splitlines()]
    assert entries[-1]["dossiers_sha256"] == _judged(folder, without=("holder", "siret"))
    # a constraint naming the holder (one grant per holder) makes it a fact a rule reads
    call_yaml.write_text(call_yaml.read_text(encoding="utf-8") + "constraints:\n"
                         "  - {id: one-per-holder, kind: max, fact: holder, count: 1}\n",
                         encoding="utf-8")
    res = _run("score", str(folder))
    assert "[inputs-changed]" in res.output, res.output


def test_the_facts_documents_read_declared_by_a_first_set_are_not_told(
        tmp_path: Path) -> None:
    """The same when the call had no ``set:`` at the séance: its grid was the shipped one
    (``alsace-aap-2016@1``), and the ``set:`` written after the vote makes it the call's
    (``@1+call``), which judges as the séance's did (a new user's walk-through, session 26:
    « grid-changed » on every command, and a hint, « pin grid: …@1 », that did not clear
    it).  A ``set:`` that changes what scores is still told, with the hint to put back what
    the séance was judged with (pinning the version would keep the set:)."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "journal.jsonl").unlink(missing_ok=True)
    call_yaml = folder / "call.yaml"
    text = call_yaml.read_text(encoding="utf-8")
    head, _, tail = text.partition("\nset:\n")
    rest = tail.split("\n")
    kept = [x for x in rest if not x.startswith(("  ", "#")) and x.strip()]
    call_yaml.write_text(head + "\n" + "\n".join(kept) + "\nmeeting:\n  date: 2016-05-04\n"
                         + VOTE, encoding="utf-8")
    j3 = folder / "ratings" / "j3.csv"  # its half point needs the set:'s half steps
    j3.write_text(j3.read_text(encoding="utf-8").replace('"3,5"', "3"), encoding="utf-8")
    res = _run("decide", str(folder), "AL16-01", "--stage", "vote", "--outcome", "retenu",
               "--by", "CP", "--reason", "délibération CP-2016-05-12")
    assert res.exit_code == 0, res.output
    entry = json.loads((folder / "journal.jsonl").read_text().splitlines()[-1])
    assert entry["grid"] == "alsace-aap-2016@1"  # the shipped grid itself
    plain = call_yaml.read_text(encoding="utf-8")
    call_yaml.write_text(plain + "set:\n  facts.holder: {type: string}\n"
                         "  facts.siret: {type: string}\n", encoding="utf-8")
    res = _run("score", str(folder))
    assert res.exit_code == 0, res.output
    assert "[grid-changed]" not in res.output and "[inputs-changed]" not in res.output
    # half steps on the scale: what scores changed since the séance
    call_yaml.write_text(plain + "set:\n  facts.holder: {type: string}\n"
                         "  scales.note04.half_steps: true\n", encoding="utf-8")
    res = _run("score", str(folder))
    said = [x for x in res.output.splitlines() if "[grid-changed]" in x]
    assert len(said) == 1 and "alsace-aap-2016@1+call" in said[0], res.output
    assert "set: changed since the séance" in res.output
    assert "name its version in call.yaml" not in res.output


def test_entries_without_the_fingerprints_are_not_compared(tmp_path: Path) -> None:
    """A journal written before isgrid recorded them: still valid, nothing compared."""
    from isgrid.call.journal import read_journal
    from isgrid.call.journal_append import append

    folder = _call(tmp_path, vote=False)
    (folder / "journal.jsonl").unlink()
    append(folder, kind="decision", dossier="AL16-05", outcome="non retenu", by="Jury",
           reason="r")
    assert read_journal(folder)[0].ratings_sha256 is None
    (folder / "ratings" / "j1.csv").write_text(
        (folder / "ratings" / "j1.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    res = _run("call", "check", str(folder))
    assert res.exit_code == 0 and _said(res) == [], res.output


def test_one_fingerprint_without_the_other_is_refused(tmp_path: Path) -> None:
    from isgrid.call.journal import GENESIS, Entry

    entry = Entry.model_construct(seq=1, kind="decision", stage="jury", dossier="D1",
                                  outcome="retenu", by="J", reason="r", prev=GENESIS,
                                  hash=GENESIS, ratings_sha256="a" * 64, dossiers_sha256=None,
                                  value=None, at=None, cancels=None, hashes_before=None,
                                  votes_for=None, votes_against=None, abstentions=None,
                                  motivation=None, reference=None)
    assert entry.check_kind() == "ratings_sha256 and dossiers_sha256 are recorded together"


def test_a_purge_since_the_vote_stops_the_comparison() -> None:
    """The purge rewrites the ratings' comments and the names: its files are not those the
    vote saw, byte for byte, and nothing is compared after it."""
    from isgrid.call.inputstamp import reference_entry
    from isgrid.call.journal import GENESIS, Entry

    def entry(seq: int, kind: str, stage: str = "jury") -> Entry:
        return Entry.model_construct(seq=seq, kind=kind, stage=stage, dossier="D1",
                                     ratings_sha256="a" * 64, dossiers_sha256="b" * 64,
                                     prev=GENESIS, hash=GENESIS)

    consensus, vote, later = entry(1, "consensus"), entry(2, "decision", "vote"), \
        entry(3, "withdrawal")
    assert reference_entry([consensus, vote, later]) is vote  # the vote, not the later one
    assert reference_entry([consensus, later]) is later  # no vote: the last entry
    assert reference_entry([consensus, vote, entry(3, "purge")]) is None


def _hint(res: Result) -> str:
    lines = res.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "[inputs-changed]" in line)
    return " ".join(line.strip() for line in lines[at + 1:at + 6])


def test_the_hint_names_the_entry_that_clears_it(tmp_path: Path) -> None:
    # s16 guide, finding 3: after a vote, a jury's decision does not clear the warning
    # (the vote is what the files are compared to): the hint says « a new vote »
    folder = _call(tmp_path)
    path = folder / "ratings" / "j1.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nAL16-03,j1,ALS-4,3,", "\nAL16-03,j1,ALS-4,1,"),
                    encoding="utf-8")
    fr = " ".join(_hint(_run("call", "check", str(folder), lang="fr")).split())
    assert ("si le changement est voulu, enregistrez ce qu'il décide par un nouveau vote "
            "(isgrid decide APPEL DOSSIER --stage vote …), en disant pourquoi : une fois un "
            "vote enregistré, une décision du jury ne lève pas cet avertissement.") \
        in fr.replace("\u00a0", " ").replace("\u202f", " ")
    assert _run("decide", str(folder), "AL16-03", "--outcome", "réserve", "--by", "Jury",
                "--reason", "test").exit_code == 0
    assert len(_said(_run("call", "check", str(folder)))) == 1  # as the hint says
    assert _run("decide", str(folder), "AL16-03", "--stage", "vote", "--outcome", "réserve",
                "--by", "CP", "--reason", "r").exit_code == 0
    assert _said(_run("call", "check", str(folder))) == []
    # no vote yet: the last entry is compared to; a jury's decision clears it
    folder = _call(tmp_path / "sans-vote", vote=False)
    path = folder / "ratings" / "j1.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "\nAL16-03,j1,ALS-4,3,", "\nAL16-03,j1,ALS-4,1,"), encoding="utf-8")
    en = " ".join(_hint(_run("call", "check", str(folder))).split())
    assert ("if the change is meant, record what it decides with a new decision of the jury "
            "(isgrid decide CALL DOSSIER …) and say why.") in en
    assert "new vote" not in en
    assert _run("decide", str(folder), "AL16-03", "--outcome", "réserve", "--by", "Jury",
                "--reason", "test").exit_code == 0
    assert _said(_run("call", "check", str(folder))) == []


def test_a_path_outside_ratings_or_with_a_control_character_is_refused() -> None:
    """The warning prints the paths of ratings_files: a crafted « ratings/x\\nError: … »
    forged a terminal line, and « ../../etc/passwd » was accepted (review s16 hostile,
    finding 8).  A path is one of the call's ratings/ or conflicts/ files, no « .. »."""
    import pydantic

    from isgrid.call.inputstamp import ratings_fingerprint
    from isgrid.call.journal import GENESIS, Entry

    def entry(files: dict[str, str]) -> Entry:
        return Entry.model_validate(dict(
            seq=1, kind="withdrawal", stage="jury", dossier="D1", by="J", reason="r",
            prev=GENESIS, hash=GENESIS, ratings_sha256=ratings_fingerprint(files),
            dossiers_sha256="b" * 64, ratings_files=files))

    sha = "c" * 64
    assert entry({"ratings/j1.csv": sha, "conflicts/j2.csv": sha}).check_kind() is None
    for bad in ("../../etc/passwd", "ratings/a\nError: forged", "dossiers/D1.yaml",
                "ratings/a\\b.csv"):
        try:
            e = entry({bad: sha})
        except pydantic.ValidationError:
            continue
        raise AssertionError(f"{bad!r} accepted: {e.ratings_files}")
    assert entry({"ratings/../../etc/passwd": sha}).check_kind() == \
        "ratings_files: a path leaves the call's folder"
