"""Statuses, outcomes and stages in words: the common catalog's, in every document.

The minutes (``pv``), the CP annex and the séance dashboard read a decision's outcome and
its stage from the decisions catalog's own ``outcome.*`` and ``stage.*``, the reports from
the report catalog's ``stage.*``, while the tables, the CSV and the reports' statuses read
the common catalog's ``status.*``: one word written in three places.  They now all go
through :func:`isgrid.documents.text.status_word` and :func:`~isgrid.documents.text.stage_word`
(the templates' ``status_word`` and ``stage_word`` filters), and only ``common.json`` says
them.

The call: alsace-2016 with its deliberation (votecalls.example: ``meeting.vote``,
CP-2016-05-12, and AL16-05 « non retenu » by the jury), then AL16-08 « non retenu » at the
recevabilité, AL16-04 « ajourné » by the jury, AL16-01 voted « retenu » and AL16-02 voted
« non retenu »: its place goes to AL16-03, first on the reserve, proposed and not yet voted.
The expected words below are written by hand, as a reader reads them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.documents import text
from isgrid.i18n import catalog, domains
from isgrid.paths import templates_dir
from pagetext import docx_text, visible
from votecalls import example, run, vote

NB, NN = "\u00a0", "\u202f"

#: the key prefixes only the common catalog may define
PREFIXES = ("status.", "statuses.", "outcome.", "outcomes.", "stage.", "stages.")


def test_only_the_common_catalog_names_statuses_outcomes_and_stages() -> None:
    """decisions.json and report.json had their own ``outcome.*`` and ``stage.*``: a copy
    of the common catalog's words that could drift from them.  No catalog but
    ``common.json`` may define such a key again (a new word or form goes to common.json)."""
    assert "common" in domains() and "decisions" in domains()
    found = {f"{domain}.json: {lang} {key}"
             for domain in domains() if domain != "common"
             for lang, texts in catalog(domain).items()
             for key in texts if key.startswith(PREFIXES)}
    assert found == set(), sorted(found)


def test_no_document_asks_another_catalog_for_them() -> None:
    """No template or document module asks a catalog for ``outcome.…``, ``stage.…`` or
    ``status.…``: they call the ``status_word`` and ``stage_word`` filters (or functions),
    which read the common catalog (isgrid.documents.text, the one place that may)."""
    asked = re.compile(r"""\b(?:t|rt|st|common|said|self\.t|b\.t)\(\s*f?["'](?:status|statuses|"""
                       r"""outcome|stage)\.""")
    src = Path(text.__file__).parent.parent
    files = [*templates_dir().rglob("*.j2"), *(src / "documents").glob("*.py"),
             *(src / "web").glob("*.py")]
    assert len(files) > 20
    offending = [f"{f.name}:{n}" for f in files if f.name != "text.py"
                 for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
                 if asked.search(line)]
    assert offending == []


def test_the_forms_the_sentences_need_are_common() -> None:
    """The forms French grammar needs, now in the common catalog: a stage with its article
    (« n'est pas retenu par le vote », the decisions catalog's ``refusal.by.*`` before) and
    the status of a dossier the vote left to vote (``status.awaiting``)."""
    for lang, by_stage, awaiting in (
            ("fr", {"recevabilité": "l'examen de recevabilité", "instruction": "l'instruction",
                    "jury": "le jury", "vote": "le vote"}, "proposé, en attente du vote"),
            ("en", {"recevabilité": "the eligibility check", "instruction": "the instruction",
                    "jury": "the jury", "vote": "the vote"}, "proposed, awaiting the vote")):
        for stage, words in by_stage.items():
            assert text.stage_word(stage, lang, article=True) == words
        assert text.awaiting_word(lang) == awaiting
    assert text.stage_word("recevabilité", "en") == "eligibility"
    assert text.status_word("réserve", "fr", plural=True) == "en réserve"
    assert text.status_word("inconnu", "en") == "inconnu"


# ------------------------------------------------------------------ the documents
def _invoke(*args: object, lang: str) -> None:
    res = CliRunner().invoke(cli, ["--lang", lang, *[str(a) for a in args]])
    assert res.exit_code == 0, res.output


def seance(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    run("decide", folder, "AL16-08", "--stage", "recevabilité", "--outcome", "non-retenu",
        "--by", "Mission ESS", "--reason", "hors périmètre")
    run("decide", folder, "AL16-04", "--outcome", "ajourné", "--by", "Jury",
        "--reason", "audition")
    vote(folder, "AL16-01")
    run("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "non-retenu",
        "--votes", "2/8/1", "--by", "president", "--reason", "vote")
    return folder


def documents(folder: Path, out: Path, lang: str) -> dict[str, str]:
    """The minutes (HTML and DOCX), the annex (HTML and DOCX) and the projected séance
    dashboard in ``lang``, as HTML source (``*.html``) or as the text a reader sees."""
    out.mkdir(exist_ok=True)
    said: dict[str, str] = {}
    for kind in ("pv", "cp-annex"):
        for fmt in ("html", "docx"):
            path = out / f"{kind}-{lang}.{fmt}"
            _invoke("minutes", folder, "--kind", kind, "--format", fmt, "-o", path, lang=lang)
            data = path.read_bytes()
            said[f"{kind}.{fmt}"] = data.decode("utf-8") if fmt == "html" else docx_text(data)
            if fmt == "html":
                said[f"{kind}.text"] = visible(data)
    _invoke("watch", folder, "-o", out / f"seance-{lang}", "--once", lang=lang)
    said["dashboard.html"] = (out / f"seance-{lang}" / "index.html").read_text(encoding="utf-8")
    said["dashboard.text"] = visible(said["dashboard.html"].encode("utf-8"))
    return said


def rows(page: str) -> list[list[str]]:
    """An HTML page's table rows, each as its cells' text (a line break as a newline)."""
    return [[html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", c))).strip()
             for c in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, flags=re.S)]
            for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", page, flags=re.S)]


def ranking(page: str) -> dict[str, list[str]]:
    """The ranking's rows by dossier: computed, jury, vote and status (the columns after
    the rank, the dossier, the project and the total)."""
    return {r[1]: r[4:8] for r in rows(page) if len(r) >= 11 and r[1].startswith("AL16-")}


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, str]]]:
    tmp = tmp_path_factory.mktemp("words")
    folder = seance(tmp)
    yield {lang: documents(folder, tmp / "out", lang) for lang in ("fr", "en")}


#: each dossier's row, written by hand: computed, jury, vote, status
RANKING = {
    "fr": {"AL16-01": ["retenu", "-", "retenu", "retenu"],
           # against the proposal, in words under the outcome (review audit, finding 6)
           "AL16-02": ["retenu", "-", "non retenu\ndécidé ≠ proposé", "non retenu"],
           "AL16-05": ["à vérifier", "non retenu", "-", "non retenu"],
           "AL16-03": ["réserve", "-", "-", "proposé, en attente du vote"],
           "AL16-04": ["réserve", "ajourné\ndécidé ≠ proposé", "-", "ajourné"],
           "AL16-08": ["non classé", "-", "-", "non retenu"],
           "AL16-06": ["irrecevable", "-", "-", "irrecevable"],
           "AL16-07": ["non classé", "-", "-", "non classé"]},
    "en": {"AL16-01": ["selected", "-", "selected", "selected"],
           "AL16-02": ["selected", "-", "not selected\nnot as proposed", "not selected"],
           "AL16-05": ["to check", "not selected", "-", "not selected"],
           "AL16-03": ["reserve", "-", "-", "proposed, awaiting the vote"],
           "AL16-04": ["reserve", "postponed\nnot as proposed", "-", "postponed"],
           "AL16-08": ["not ranked", "-", "-", "not selected"],
           "AL16-06": ["ineligible", "-", "-", "ineligible"],
           "AL16-07": ["not ranked", "-", "-", "not ranked"]},
}

#: the reasons of the journal's decisions (the column after the change)
REASONS = ("pièces non fournies", "hors périmètre", "audition", "vote")

#: the journal's changes as the minutes and the dashboard write them
CHANGES = {
    "fr": [f"jury{NB}: non retenu", f"recevabilité{NB}: non retenu", f"jury{NB}: ajourné",
           f"vote{NB}: retenu (27{NN}000{NN}€)", f"vote{NB}: non retenu"],
    "en": ["jury: not selected", "eligibility: not selected", "jury: postponed",
           "vote: selected (€27,000)", "vote: not selected"],
}
# (AL16-01's vote, recorded without --amount, seals the 27 000 € it granted: review audit,
# finding 1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_minutes(said: dict[str, dict[str, str]], lang: str) -> None:
    pv = said[lang]["pv.html"]
    # the ranking's head (the walk of the envelope's, five columns, starts alike)
    heads = [r for r in rows(pv) if r[:2] in (["Rang", "Dossier"], ["Rank", "Dossier"])
             and len(r) > 5]
    assert [h[4:8] for h in heads] == [["Calculé", "Jury", "Vote", "Statut"] if lang == "fr"
                                      else ["Computed", "Jury", "Vote", "Status"]]
    assert ranking(pv) == RANKING[lang]
    # the table's last column dates each entry (documents.deliberation.change_day)
    changes = [r[2] for r in rows(pv) if len(r) == 6 and r[3] in REASONS]
    assert changes == CHANGES[lang]
    page = said[lang]["pv.text"]
    if lang == "fr":
        assert (f"Dossier AL16-08 «{NB}Plateforme de covoiturage solidaire vers l'emploi{NB}», "
                f"recevabilité{NB}: non retenu.") in page
        assert (f"Dossier AL16-04 «{NB}Mobilier urbain producteur d'énergie{NB}», "
                f"jury{NB}: ajourné (décidé ≠ proposé).") in page
        assert (f"AL16-02 n'est pas retenu par le vote{NN}; AL16-03 (liste de réserve) est "
                "proposé à sa place.") in page
    else:
        assert ("Dossier AL16-08 “Plateforme de covoiturage solidaire vers l'emploi”, "
                "eligibility: not selected.") in page
        assert ("Dossier AL16-04 “Mobilier urbain producteur d'énergie”, jury: postponed "
                "(not as proposed).") in page
        assert "AL16-02 is not selected by the vote; AL16-03 (reserve) is proposed in its " \
            "place." in page
        assert "ajourné" not in page and "recevabilité" not in page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_minutes_in_word(said: dict[str, dict[str, str]], lang: str) -> None:
    """The DOCX minutes say the same words as the HTML ones."""
    doc = said[lang]["pv.docx"].splitlines()
    for dossier, (computed, jury, voted, status) in RANKING[lang].items():
        # the ranking's cells: rank, dossier, title, total, then the four words (the
        # HTML's columns)
        at = next(i for i, cell in enumerate(doc) if cell == dossier
                  and re.fullmatch(r"\d+[,.]\d|-", doc[i + 2]))
        # a cell's two lines (« décidé ≠ proposé » under its outcome) are two lines here
        cells = "\n".join([computed, jury, voted, status]).splitlines()
        assert doc[at + 3:at + 3 + len(cells)] == cells, dossier
    for change in CHANGES[lang]:
        assert change in doc
    assert ("AL16-02 n'est pas retenu par le vote" if lang == "fr"
            else "AL16-02 is not selected by the vote") in said[lang]["pv.docx"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_dashboard(said: dict[str, dict[str, str]], lang: str) -> None:
    """The séance dashboard: the same outcomes and stages; its status column is the
    report's (« non proposé » while the vote has not decided a dossier)."""
    page = said[lang]["dashboard.html"]
    got = {d: cells[:3] for d, cells in ranking(page).items()}
    # the dashboard says an override in words under the outcome, as the minutes do: red
    # alone was lost to a screen reader and in a black-and-white print (WCAG 1.4.1)
    assert got == {d: cells[:3] for d, cells in RANKING[lang].items()}
    changes = [r[2] for r in rows(page) if len(r) == 5 and r[3] in REASONS]
    assert changes == CHANGES[lang][::-1]  # the latest first
    assert (f"AL16-02 (vote{NB}: non retenu) → AL16-03" if lang == "fr"
            else "AL16-02 (vote: not selected) → AL16-03") in said[lang]["dashboard.text"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_annex(said: dict[str, dict[str, str]], lang: str) -> None:
    """The CP annex: the voted dossier with its deliberation, the promoted one to vote."""
    annex = [r for r in rows(said[lang]["cp-annex.html"]) if r and r[0].startswith("AL16-")]
    if lang == "fr":
        assert annex == [["AL16-01", "-", "Recyclerie solidaire du Sundgau", f"27{NN}000{NN}€",
                          f"38,6{NN}%", "10 / 0 / 1", "CP-2016-05-12 (12 mai 2016)"],
                         ["AL16-03", "-", "Épicerie mobile bio de l'Outre-Forêt",
                          f"15{NN}000{NN}€", f"50{NN}%", "-", "à voter"]]
    else:
        assert annex == [["AL16-01", "-", "Recyclerie solidaire du Sundgau", "€27,000",
                          "38.6%", "10 / 0 / 1", "CP-2016-05-12 (12 May 2016)"],
                         ["AL16-03", "-", "Épicerie mobile bio de l'Outre-Forêt", "€15,000",
                          "50%", "-", "to be voted"]]
    assert ("to be voted" if lang == "en" else "à voter") in said[lang]["cp-annex.docx"]


def test_one_place_to_change_a_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word changed in common.json changes in every document: « postponed » made
    « deferred », « eligibility » made « admissibility » and « the vote » made « the
    ballot » (the minutes kept their own copies: they went on saying the old words)."""
    common = catalog("common")["en"]
    monkeypatch.setitem(common, "status.ajourné", "deferred")
    monkeypatch.setitem(common, "stage.recevabilité", "admissibility")
    monkeypatch.setitem(common, "stage.the.vote", "the ballot")
    for cached in (text._status_words, text.stage_words, text.stages_with_article):
        cached.cache_clear()
    try:
        said = documents(seance(tmp_path), tmp_path / "out", "en")
    finally:
        monkeypatch.undo()
        for cached in (text._status_words, text.stage_words, text.stages_with_article):
            cached.cache_clear()
    for name in ("pv.text", "pv.docx", "dashboard.text"):
        page = said[name]
        assert "postponed" not in page and "eligibility:" not in page, name
        assert "jury: deferred" in page and "admissibility: not selected" in page, name
    assert ranking(said["pv.html"])["AL16-04"] == ["reserve", "deferred\nnot as proposed", "-",
                                                   "deferred"]
    assert ranking(said["dashboard.html"])["AL16-04"][:3] == ["reserve",
                                                              "deferred\nnot as proposed", "-"]
    assert "AL16-02 is not selected by the ballot;" in said["pv.text"]
