"""``isgrid call purge``: personal data out after the retention period; the decision record stays."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.engine import score
from testpaths import EXAMPLES


def _call(tmp_path: Path) -> Path:
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "contact_facts": ["legal_form"]}
    cfg["meeting"] = {"vote": {"date": "2026-04-02"}, "chair": "Hélène Schaeffer",
                      "members": [{"name": "Hélène Schaeffer", "assessor": "j1"},
                                  {"name": "Paul Meyer"}]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    run = CliRunner().invoke
    assert run(cli, ["decide", str(call), "AL16-01", "--stage", "vote", "--outcome",
                     "retenu", "--by", "Hélène Schaeffer", "--reason", "Vote"]).exit_code == 0
    assert run(cli, ["withdraw", str(call), "AL16-02", "--by", "Service ESS",
                     "--reason", "Le porteur renonce"]).exit_code == 0
    return call


def test_the_dry_run_lists_what_would_go_and_changes_nothing(tmp_path: Path) -> None:
    call = _call(tmp_path)
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2027-04-02"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "would pseudonymise: Hélène Schaeffer -> Juré 1" in out
    assert "would pseudonymise: Julien Roth (Mission ESS, instruction) -> Instructeur 1" in out
    assert "would pseudonymise: Paul Meyer -> Membre 1" in out
    assert "would remove: legal_form from dossiers/AL16-01.yaml" in out
    assert "would empty:" in out and "ratings/j1.csv" in out
    # 2026-04-02 + 12 months = 2027-04-02: due that very day
    assert "retention until 2 April 2027: due" in out
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before


def test_the_purge_is_refused_before_the_retention_date(tmp_path: Path) -> None:
    call = _call(tmp_path)
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2027-04-01"])
    assert res.exit_code == 2 and "[purge-not-due]" in res.output
    assert "the retention period runs until 2 April 2027" in res.output  # in words
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "purge", str(call), "--apply",
                                  "--today", "2027-04-01"])
    assert "la durée de conservation court jusqu'au 2 avril 2027" in fr.output


def test_after_the_purge_the_ranking_is_the_same_and_the_journal_verifies(
        tmp_path: Path) -> None:
    call = _call(tmp_path)
    before = score(load_call(call))
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2027-04-02"])
    assert res.exit_code == 0, res.output
    after = score(load_call(call))
    assert [(d.id, d.rank, str(d.status), d.total, d.amounts.granted)
            for d in after.dossiers] == \
        [(d.id, d.rank, str(d.status), d.total, d.amounts.granted) for d in before.dossiers]
    verify = CliRunner().invoke(cli, ["journal", "verify", str(call)])
    assert verify.exit_code == 0, verify.output
    text = (call / "journal.jsonl").read_text("utf-8")
    assert "Hélène" not in text and '"by":"Juré 1"' in text
    assert '"kind":"purge"' in text and "tête de chaîne avant purge" in text
    cfg = (call / "call.yaml").read_text("utf-8")
    assert "Schaeffer" not in cfg and "Paul Meyer" not in cfg and "Roth" not in cfg
    ratings = (call / "ratings" / "j1.csv").read_text("utf-8")
    assert "Aucune offre de réemploi" not in ratings
    assert "legal_form" not in (call / "dossiers" / "AL16-01.yaml").read_text("utf-8")
    # a second purge has nothing left to do and keeps the journal as it is
    journal = (call / "journal.jsonl").read_bytes()
    CliRunner().invoke(cli, ["call", "purge", str(call), "--apply", "--today", "2027-05-01"])
    assert (call / "journal.jsonl").read_bytes() == journal
    assert dt.date(2027, 4, 2) > dt.date(2026, 4, 2)


def test_the_dry_run_says_when_the_period_has_no_start(tmp_path: Path) -> None:
    """Without retention.since, a vote's date or a meeting's, the dry run said « retention
    until no start date: » (« conservation jusqu'au pas de date de début »)."""
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    with (call / "call.yaml").open("a", encoding="utf-8") as fh:
        fh.write("retention: {months: 12}\n")
    fr = CliRunner().invoke(cli, ["--lang", "fr", "call", "purge", str(call)])
    assert fr.exit_code == 0, fr.output
    assert fr.output.splitlines()[-2] == (
        "la durée de conservation n'a pas de date de début (retention.since, "
        "meeting.vote.date ou meeting.date)\u00a0: pas encore échue\u202f; essai à "
        "blanc\u00a0: rien n'a changé")
    en = CliRunner().invoke(cli, ["call", "purge", str(call)])
    assert en.output.splitlines()[-2] == (
        "the retention period has no start date (retention.since, meeting.vote.date or "
        "meeting.date): not due yet; dry run: nothing changed")


def test_the_dated_copies_of_replaced_ratings_go_too(tmp_path: Path) -> None:
    """``sheets import --replace`` keeps the previous ratings file under ratings/replaced/,
    comments and all: the purge emptied ratings/*.csv and removed opinions/replaced/ only,
    so the jurors' comments outlived the retention period there."""
    call = _call(tmp_path)
    old = call / "ratings" / "replaced" / "j1.2026-03-01T10-00-00.csv"
    old.parent.mkdir()
    old.write_text("dossier,assessor,criterion,value,comment\n"
                   "AL16-01,j1,AV-1.1,3,Aucune offre de réemploi dans le Sundgau\n", "utf-8")
    dry = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2027-04-02"])
    assert "would remove: ratings/replaced/" in dry.output
    assert old.is_file()
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2027-04-02"])
    assert res.exit_code == 0, res.output
    assert not (call / "ratings" / "replaced").exists()
    assert (call / "ratings" / "j1.csv").is_file()


@pytest.mark.parametrize("block", ["retention: {months: 12, since: 30/06/2016}\n",
                                   "retention: {months: 12}\nmeeting: {date: 30/06/2016}\n",
                                   "retention: {months: 12}\n"
                                   "meeting: {vote: {date: 30/06/2016}}\n"])
def test_a_start_date_written_dd_mm_yyyy_is_read(tmp_path: Path, block: str) -> None:
    """call.yaml takes 30/06/2016 for a date; the purge read the raw text with
    date.fromisoformat and ended in an internal error (exit 3), dry run included."""
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    with (call / "call.yaml").open("a", encoding="utf-8") as fh:
        fh.write(block)
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2017-06-29"])
    assert res.exit_code == 0, res.output
    # 2016-06-30 + 12 months = 2017-06-30: not due the day before
    assert res.output.splitlines()[-2] == (
        "retention until 30 June 2017: not due yet; dry run: nothing changed")


def test_a_replaced_folder_that_is_a_link_is_refused_before_any_write(
        tmp_path: Path) -> None:
    """rmtree refuses a link: the purge had pseudonymised call.yaml and emptied the
    comments when it stopped on ratings/replaced/, saying « nothing was changed »."""
    call = _call(tmp_path)
    archive = call / "archive"
    archive.mkdir()
    (archive / "j1.old.csv").write_text("dossier,assessor,criterion,value,comment\n", "utf-8")
    (call / "ratings" / "replaced").symlink_to(archive, target_is_directory=True)
    before = {p: p.read_bytes() for p in call.rglob("*") if p.is_file()}
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2027-04-02"])
    assert res.exit_code == 1, res.output
    assert "is a link, not a folder of the call: the purge does not remove it " \
        "[path-escape]" in res.output
    assert {p: p.read_bytes() for p in call.rglob("*") if p.is_file()} == before


def test_the_documents_after_the_purge_name_it_and_no_vote(tmp_path: Path) -> None:
    """The purge's journal entry (recorded with the stage « vote », dossier « * ») read
    « vote : outcome.None » in the minutes and the séance dashboard, and « vote purge *
    retiré » in `journal show`, as if a vote had withdrawn every dossier; a withdrawal read
    « outcome.None » on the dashboard too."""
    call = _call(tmp_path)  # a vote on AL16-01 and the withdrawal of AL16-02
    assert CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                    "--today", "2027-04-02"]).exit_code == 0
    pv, board = tmp_path / "pv.html", tmp_path / "tableau"
    for args in (["minutes", str(call), "-o", str(pv)],
                 ["watch", str(call), "-o", str(board), "--once"]):
        res = CliRunner().invoke(cli, ["--lang", "fr", *args])
        assert res.exit_code == 0, res.output
    for page in (pv.read_text("utf-8"), (board / "index.html").read_text("utf-8")):
        assert "outcome.None" not in page
        assert ('<td class="id">*</td><td>purge des données personnelles (fin de la durée '
                'de conservation)</td>') in page
    assert '<td class="id">AL16-02</td><td>retrait du porteur</td>' in (
        board / "index.html").read_text("utf-8")
    shown = CliRunner().invoke(cli, ["--lang", "fr", "journal", "show", str(call)]).output
    purge = next(x for x in shown.splitlines() if "isgrid call purge" in x)
    assert purge.split()[:3] == ["3", "purge", "*"], purge


def test_the_jurors_workspace_and_the_documents_are_said_to_stay(tmp_path: Path) -> None:
    """The purge said « purgé » while .isgrid/jury.sqlite3 still held the jurors' names,
    drafts and comments, and said nothing of the documents written from the call."""
    call = _call(tmp_path)
    (call / ".isgrid").mkdir()
    (call / ".isgrid" / "jury.sqlite3").write_bytes(b"")
    res = CliRunner().invoke(cli, ["--lang", "fr", "--strict", "call", "purge", str(call),
                                   "--apply", "--today", "2027-04-02"])
    assert res.exit_code == 1, res.output
    assert (f"Avertissement\u00a0: {call / '.isgrid'}\u00a0: l'espace web des jurés garde "
            "encore leurs noms, brouillons et commentaires\u202f; la purge n'y touche pas "
            "[purge-name-left]") in res.output
    assert "Hélène Schaeffer" in (call / "call.yaml").read_text("utf-8")  # nothing written
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2027-04-02"])
    assert res.output.splitlines()[-1] == (
        "Documents written from this call (reports, minutes, letters, workbooks) are not "
        "purged: delete the copies you no longer need.")


def test_a_chair_and_a_secretary_who_are_not_members_get_their_offices_as_names(
        tmp_path: Path) -> None:
    """Named by the office, not by a masculine title: a review found « Mme Martin ->
    Président de séance »; and in French an arrow, and the date in words as every other
    French output writes it (« 2 avril 2027 », not « 2027-04-02 »)."""
    call = _call(tmp_path)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["meeting"]["chair"] = "Mme Martin"  # no member nor juror
    cfg["meeting"]["secretary"] = "M. Durand"
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--today", "2027-04-02"])
    assert res.exit_code == 0, res.output
    assert "would pseudonymise: Mme Martin -> Présidence de séance" in res.output
    assert "would pseudonymise: M. Durand -> Secrétariat de séance" in res.output
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "purge", str(call),
                                   "--today", "2027-04-01"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "[essai] pseudonymiser\u00a0: Mme Martin → Présidence de séance" in lines
    assert "[essai] pseudonymiser\u00a0: M. Durand → Secrétariat de séance" in lines
    # 2026-04-02 + 12 months = 2027-04-02, the day after --today
    assert ("conservation jusqu'au 2 avril 2027\u00a0: pas encore échue\u202f; essai à "
            "blanc\u00a0: rien n'a changé") in lines


def test_the_minutes_name_the_chair_s_office_after_the_purge(tmp_path: Path) -> None:
    """After the purge, the chair (not a member) is « Présidence de séance »: the minutes
    read « sous la présidence de Présidence de séance » (an integration review); they say
    « sous la présidence de séance », and the un-purged minutes are as they were."""
    from isgrid.documents.minutes import build_minutes

    call = _call(tmp_path)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["meeting"]["chair"] = "Mme Martin"  # no member nor juror
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")

    def opening(lang: str) -> str:
        loaded = load_call(call)
        return str(build_minutes(loaded, score(loaded), "pv", lang)["opening"])

    # the call's title in its own words (call.yaml's spaces)
    title = "Appel à projets « Innovation(s) sociale(s) en Alsace » 2016 (exemple fictif)"
    assert opening("fr") == ("Le comité de sélection s'est réuni, sous la présidence de Mme "
                             "Martin, pour examiner les dossiers de l'appel\u00a0: "
                             f"{title}.")
    assert CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                    "--today", "2027-04-02"]).exit_code == 0
    assert yaml.safe_load((call / "call.yaml").read_text("utf-8"))["meeting"]["chair"] == (
        "Présidence de séance")
    assert opening("fr") == ("Le comité de sélection s'est réuni, sous la présidence de "
                             "séance, pour examiner les dossiers de l'appel\u00a0: "
                             f"{title}.")
    assert ", with the meeting's chair presiding, to examine" in opening("en")
    assert "Présidence de séance" not in opening("en")


def test_the_minutes_signatures_say_the_names_were_purged(tmp_path: Path) -> None:
    """After the purge, a chair and a secretary who are not members are « Présidence de
    séance » and « Secrétariat de séance » in call.yaml: the signatures read « Présidence :
    Présidence de séance » (and in English « Chair: Présidence de séance »).  They say the
    name was removed, in the HTML and the DOCX; before the purge the names are there."""
    import html as htmlmod
    import io
    import re

    from isgrid.documents.minutes import render_minutes

    call = _call(tmp_path)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["meeting"]["chair"] = "Mme Martin"  # no member nor juror
    cfg["meeting"]["secretary"] = "M. Durand"
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")

    def signatures(lang: str) -> tuple[list[str], list[str]]:
        """The HTML's signature headers, and the DOCX's last table's first two rows."""
        loaded = load_call(call)
        page = render_minutes(loaded, score(loaded), "pv", "html", lang=lang).decode()
        table = page.split('<table class="sign">')[1]
        heads = [htmlmod.unescape(re.sub("<[^>]+>", "", h))
                 for h in re.findall(r"<th>(.*?)</th>", table)]
        docx = pytest.importorskip("docx")
        doc = docx.Document(io.BytesIO(render_minutes(loaded, score(loaded), "pv", "docx",
                                                      lang=lang)))
        rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
        return heads, rows[0] + rows[1]

    nb = "\u00a0"
    heads, cells = signatures("fr")
    assert heads == [f"Présidence{nb}: Mme Martin", f"Secrétariat{nb}: M. Durand"]
    assert cells == ["Présidence", "Secrétariat", "Mme Martin", "M. Durand"]
    assert CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                    "--today", "2027-04-02"]).exit_code == 0
    gone = "nom retiré par la purge des données personnelles"
    heads, cells = signatures("fr")
    assert heads == [f"Présidence{nb}: {gone}", f"Secrétariat{nb}: {gone}"]
    assert cells == ["Présidence", "Secrétariat", gone, gone]
    heads, cells = signatures("en")
    gone = "name removed by the personal data purge"
    assert heads == [f"Chair: {gone}", f"Secretary: {gone}"]
    assert cells == ["Chair", "Secretary", gone, gone]
