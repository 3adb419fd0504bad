"""The French secretariat's guide, walked as a new user walks it: every command, in order.

``docs/fr/`` is read in the order of its table of contents (README, then the three
chapters).  Each fenced block is one of:

- commands (untagged, every line an ``isgrid`` command or ``cp``/``rm``): each is run, on a
  French post (``LANG=fr_FR.UTF-8``), in one working folder for the whole guide, and must
  succeed (exit 0);
- the answer isgrid gives (an untagged block right after commands): it must be what one of
  those commands printed (up to a final « … » when the guide shortens it);
- a file's lines (``yaml``): with a path after the language (```` ```yaml
  appel/call.yaml ````, the file the text says to add them to), they are added to that file
  as a user would (a key already there, such as ``set:`` or ``meeting:``, gets the new
  entries), or make it, as written, when there is no such file yet (« créez
  ``grille-2027.yaml`` »); without one, they illustrate, and must only be valid YAML.

So the guide cannot drift from the program again.  A first walk found, on the way: the
example's jurors already had their ratings, so the import step was refused without
``--replace``; ``intake`` needed a block the guide did not show, and a file the user did not
have; ``assign --per-dossier 3`` was impossible on the example; the export needed blocks the
guide only named.  Before that, answers had drifted (plain spaces before colons, decimal
points, « 1 dossiers », a journal of 3 entries where the séance chapter records 4).

What cannot run here: ``isgrid watch`` without ``--once``, ``isgrid jury serve`` and
``isgrid serve`` run until Ctrl-C (``watch --once`` builds the same page and is run; the
self-assessment pages that ``serve`` shows are opened through Flask's test client, with the
answers file the chapter wrote, and must carry every label the chapter quotes).  What the guide leaves to
people is played by :data:`JURORS`: the jurors fill in their workbooks, which come back in
``retour/``.
"""

from __future__ import annotations

import csv
import json
import re
import shlex
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.paths import grids_dir
from testpaths import EXAMPLES, ROOT

GUIDES = ROOT / "docs" / "fr"
CHAPTERS = ("README.md", "preparer-un-appel.md", "la-seance.md", "apres-la-seance.md")
#: The chapters for isgrid's two other audiences, each walked on its own from an empty
#: folder: project holders who self-assess, agencies that compare and adapt grids.
OTHER_AUDIENCES = ("s-autoevaluer.md", "comparer-des-grilles.md")
#: A French post: the locale decides the language, as the guide's README says.
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
#: Answers the guide shows without the command that gives them, and the test that checks
#: each (a line added by hand, then removed: not a step of the walk).
ANSWERED_ELSEWHERE = {
    "(sensitivity.draws)": "tests/call/test_field_hints_french.py",
    "[role-missing]": "tests/call/test_role_missing.py",
    "[eligibility-unmet]": "tests/intake/test_intake_composite.py",
}


@dataclass(frozen=True)
class Block:
    lang: str  # "" for commands and answers
    target: str  # the file a yaml block goes into; "" for none
    body: str


def blocks(text: str) -> list[Block]:
    return [Block(lang, target.strip(), body) for lang, target, body in
            re.findall(r"^```([a-z]*)([^\n`]*)\n(.*?)^```$", text, flags=re.S | re.M)]


def commands(block: Block) -> list[str] | None:
    """The command lines of a block (joined at a final backslash), or None when it is an
    answer or a file."""
    if block.lang:
        return None
    lines = [line.strip() for line in re.sub(r"\\\n\s*", " ", block.body).splitlines()
             if line.strip()]
    # a command, after its NAME=value settings (an answer may hold an unpaired quote)
    if not lines or not all(re.match(r"(?:[A-Z_]+=\S*\s+)*(?:isgrid|cp|rm)\s", line)
                            for line in lines):
        return None
    return lines


def merged(old: Any, new: Any) -> Any:
    """``new`` added to ``old``: a mapping gets the new keys and, for a key both have, the
    two merged (``set:``, ``meeting:``); any other value is the new one."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            out[key] = merged(old[key], value) if key in old else value
        return out
    return new


def add_to_file(path: Path, lines: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(merged(data, yaml.safe_load(lines)), allow_unicode=True,
                                   sort_keys=False), encoding="utf-8")


# ---------------------------------------------------------------- what people do
def _fill(path: Path, value: Callable[[str, str], Any]) -> None:
    """A juror's work: every rating cell of the « Notation » sheet set to
    ``value(dossier, criterion)``."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Notation"]
    heads = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[3].value != "note":
            continue
        for cell, head in zip(row[4:], heads[4:], strict=True):
            if head and " — " in head:
                cell.value = value(str(row[0].value), head.split(" — ")[0])
    wb.save(path)


def _workbooks_come_back(work: Path) -> None:
    """The jurors rate every dossier « Bon » (3), the instructor (i1) answers « oui » to the
    three conditions of eligibility (ALS-E1 to ALS-E3, theirs only), and all send their
    workbooks back."""
    (work / "retour").mkdir()
    for book in sorted((work / "fiches").glob("*.xlsx")):
        shutil.copyfile(book, work / "retour" / book.name)
        _fill(work / "retour" / book.name,
              (lambda _d, c: "oui" if c.startswith("ALS-E") else None)
              if book.stem == "i1" else (lambda _d, _c: "Bon"))


def _j1_corrects_a_rating(work: Path) -> None:
    """j1 sends a corrected workbook: DN-101's need (AV-1.1) is « Très bon » (4)."""
    _fill(work / "retour" / "j1.xlsx",
          lambda d, c: "Très bon" if (d, c) == ("DN-101", "AV-1.1") else "Bon")


#: Before the command (as the guide writes it), what people did since the last one.
def _the_hearings_are_prepared(work: Path) -> None:
    """What the guide's two-stage section leaves to the secretariat between `call init
    audition --from ecrit` and its check: the committee's members, the final selection, the
    dossiers heard with their written total, the committee's ratings (the example's second
    folder holds them, as the section describes)."""
    shipped = ROOT / "examples" / "auditions-2027" / "audition"
    shutil.copy(shipped / "call.yaml", work / "audition" / "call.yaml")
    for part in ("dossiers", "ratings"):
        shutil.rmtree(work / "audition" / part, ignore_errors=True)
        shutil.copytree(shipped / part, work / "audition" / part)


JURORS: dict[str, Callable[[Path], None]] = {
    "isgrid call check audition": _the_hearings_are_prepared,
    "isgrid sheets import mon-appel retour/*.xlsx": _workbooks_come_back,
    "isgrid sheets import mon-appel retour/j1.xlsx --replace": _j1_corrects_a_rating,
}


# ---------------------------------------------------------------- the walk
@dataclass
class Walk:
    work: Path
    ran: int = 0
    compared: int = 0
    added: int = 0
    done_by_people: int = 0
    #: every isgrid command's output, its warnings with it
    said: list[str] = field(default_factory=list)

    def run(self, line: str) -> str | None:
        """One command line of the guide; its output (None for a shell line or a command
        that runs until Ctrl-C)."""
        if line in JURORS:
            JURORS[line](self.work)
            self.done_by_people += 1
        words = shlex.split(line, comments=True)
        env: dict[str, str | None] = dict(FRENCH)
        while re.fullmatch(r"[A-Z_]+=\S*", words[0]):
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        program, args = words[0], words[1:]
        if program == "cp" and args[0] == "-r":
            source = Path(args[1]) if Path(args[1]).exists() else ROOT / args[1]
            shutil.copytree(source, self.work / args[2])  # as cp -r: refused if it exists
            return None
        if program == "cp":  # files into a folder that exists, as cp does
            into = self.work / args[-1]
            assert into.is_dir(), line
            for name in args[:-1]:
                found = sorted(self.work.glob(name))
                assert found, line
                for one in found:
                    shutil.copy(one, into / one.name)
            return None
        if program == "rm":
            for name in args:
                (self.work / name).unlink()  # as rm: a missing file is an error
            return None
        if ((args[:1] == ["watch"] and "--once" not in args) or args[:2] == ["jury", "serve"]
                or args[:1] == ["serve"]):
            return None  # until Ctrl-C
        expanded = [x for a in args for x in (  # the shell's globs
            [str(p.relative_to(self.work)) for p in sorted(self.work.glob(a))]
            if "*" in a else [a])]
        res = CliRunner().invoke(cli, expanded, env=env)
        assert res.exit_code == 0, (line, res.output)
        self.said.append(res.output)
        self.ran += 1
        return res.stdout

    def chapter(self, name: str) -> None:
        found = blocks((GUIDES / name).read_text(encoding="utf-8"))
        for at, block in enumerate(found):
            if block.lang:
                lines = yaml.safe_load(block.body)
                assert isinstance(lines, dict), (name, block.body)
                if block.target:
                    target = self.work / block.target
                    if target.exists():
                        add_to_file(target, block.body)
                    else:  # a file the guide has the user make
                        target.write_text(block.body, encoding="utf-8")
                    self.added += 1
                continue
            todo = commands(block)
            if todo is None:
                if at == 0 or commands(found[at - 1]) is None:
                    assert any(key in block.body for key in ANSWERED_ELSEWHERE), (
                        f"{name} shows an answer to no command:\n{block.body}")
                continue
            outputs = [out for out in map(self.run, todo) if out is not None]
            answer = found[at + 1] if at + 1 < len(found) else None
            if answer is None or answer.lang or commands(answer) is not None:
                continue
            shown = answer.body.rstrip("\n")
            short = shown.endswith("…")  # « sha256 e558da79… »: compared up to there
            said = [out.rstrip("\n")[:len(shown) - 1] if short else out.rstrip("\n")
                    for out in outputs]
            assert (shown[:-1] if short else shown) in said, (
                f"{name} shows\n{shown}\nisgrid answers\n" + "\n--\n".join(said))
            self.compared += 1


def test_the_guide_walks_from_start_to_end(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: files kept, dated
    walk = Walk(tmp_path)
    steps = {}
    for name in CHAPTERS:
        before = (walk.ran, walk.compared, walk.added)
        walk.chapter(name)
        steps[name] = tuple(now - then for now, then in
                            zip((walk.ran, walk.compared, walk.added), before, strict=True))
    # (isgrid commands run, answers compared, blocks added to a file) per chapter: a block
    # the walk no longer reads (a fence mistyped) shows here
    assert steps == {"README.md": (4, 0, 0),
                     "preparer-un-appel.md": (25, 6, 3),
                     "la-seance.md": (14, 7, 0),
                     "apres-la-seance.md": (24, 2, 13)}
    assert walk.done_by_people == len(JURORS)
    # no document goes out incomplete on the guide's way: the annex names each holder (the
    # intake maps it for mon-appel; the guide gives it to appel's retained dossiers before
    # its annex), the letters have their signatory (the guide's `letters:` block)
    for code in ("[annex-holder-missing]", "[letters-no-signatory]"):
        assert not [out for out in walk.said if code in out], code
    holders = {d: yaml.safe_load((tmp_path / "mon-appel" / "dossiers" / f"{d}.yaml").read_text(
        encoding="utf-8"))["holder"] for d in ("DN-101", "DN-102")}
    assert holders == {"DN-101": "Vélo Solidaire Colmar",
                       "DN-102": "SCIC Tiers-lieu nourricier"}

    # each deliberation's own annex (apres-la-seance.md): AL16-07 alone at CP-2016-06-02,
    # AL16-01 alone at CP-2016-05-12 (AL16-02 withdrawn)
    with zipfile.ZipFile(tmp_path / "annexe-cp-2016-05-12.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "AL16-01" in body and "AL16-07" not in body and "AL16-02" not in body
    pdf = " ".join(p.extract_text() or "" for p in
                   PdfReader(tmp_path / "annexe-cp-2016-06-02.pdf").pages)
    assert "AL16-07" in pdf and "AL16-01" not in pdf and "AL16-02" not in pdf

    # « Une demande d'accès d'un porteur (CRPA) »: what the guide says AL16-03's document
    # holds (Juré C's « NE » on AV-4.2 and its comment, no recusal nor interest on it (the
    # guide's `interests` block only illustrates), the grid's fingerprint as the journal's, the two funded dossiers), and no juror's name
    access = (tmp_path / "acces-AL16-03.md").read_text(encoding="utf-8")
    flat = access.replace("\u202f", " ").replace("\u00a0", " ")
    assert "| 2 | 2 | NE | 2 | 2 (+1 NE) |" in flat
    assert "| Juré C | Partenariats non décrits dans le dossier : ne peut être évalué. |" in flat
    assert "Aucun déport ni aucune déclaration d'intérêt sur ce dossier." in flat
    assert re.search("Empreinte \\(sha256\\) de la grille appliquée : [0-9a-f]{64}\n", flat)
    # the archived grid is the call's as it is judged now (`grids show --call`), not the
    # shipped one; here not the séance's any more: the facts `holder` and `siret` added
    # to `set:` after it changed its hash (as the guide says in §5), but only documents
    # read them: neither grid-changed nor inputs-changed was said on the way
    assert not [out for out in walk.said if "[grid-changed]" in out
                or "[inputs-changed]" in out]
    archived = json.loads((tmp_path / "archive" / "grille-appliquee.json").read_text(
        encoding="utf-8"))
    assert archived["version"] == "1+call" and "holder" in archived["facts"]
    from isgrid.call.load import load_call

    assert archived["sha256"] == load_call(tmp_path / "appel").grid.sha256
    assert archived["sha256"] != load_grid("alsace-aap-2016").sha256
    assert "27 000 €" in flat and "| AL16-07 Jardins thérapeutiques en Ehpad | 15 000 € |" in flat
    for name in ("Schaeffer", "Wendling", "Kuntz"):
        assert name not in access, name

    # what the walk made: the new call's jurors' ratings, j1's corrected one among them
    # (DN-101: j1 and j3, j2's déport; DN-102: j1 and j2; 7 criteria each)
    with open(tmp_path / "mon-appel" / "ratings" / "j1.csv", encoding="utf-8") as fh:
        j1 = {(r["dossier"], r["criterion"]): r["value"] for r in csv.DictReader(fh)}
    assert len(j1) == 14 and j1[("DN-101", "AV-1.1")] == "4"
    assert sorted(set(j1.values())) == ["3", "4"]
    assert list((tmp_path / "mon-appel" / "ratings" / "replaced").glob("j1.*.csv"))
    # the instructor's: « oui » (1) to the three conditions only the instructor rates, on
    # both dossiers (every dossier: assign shares the jurors' only)
    with open(tmp_path / "mon-appel" / "ratings" / "i1.csv", encoding="utf-8") as fh:
        i1 = {(r["dossier"], r["criterion"]): r["value"] for r in csv.DictReader(fh)
              if r["value"]}
    assert i1 == {(d, f"ALS-E{k}"): "1" for d in ("DN-101", "DN-102") for k in (1, 2, 3)}
    # the workbooks' « Grille » sheet, as the guide says: each of the seven criteria 1/7,
    # a weight the grid infers (parameters: sections.<id>.weight, « choix isgrid »)
    wb = openpyxl.load_workbook(tmp_path / "fiches" / "j1.xlsx")
    rows = list(wb["Grille"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[1] == "Critère")
    assert rows[at][6] == "Poids (part du total)"
    assert [r[6] for r in rows[at + 1:] if r[1]] == ["14,3\u202f% (inféré)"] * 7
    # and the two floors, inferred too (parameters: criteria.<id>.floor, « choix isgrid »)
    assert rows[at][7] == "Plancher"
    assert {r[1]: r[7] for r in rows[at + 1:] if r[1] and r[7] is not None} == {
        "AV-1.1": "2 (inféré)", "ALS-4": "2 (inféré)"}
    # « Écrire sa grille »: the shipped grid's own file, byte for byte; the call made with
    # the grid that extends it reads its copy of it (ALS-2 out, MA-1 in, inferred)
    assert (tmp_path / "ma-grille.yaml").read_bytes() == \
        (grids_dir() / "alsace-aap-2016.yaml").read_bytes()
    assert yaml.safe_load((tmp_path / "appel-2027" / "call.yaml").read_text(
        encoding="utf-8"))["grid"] == "grille-2027.yaml"
    assert (tmp_path / "appel-2027" / "grille-2027.yaml").read_bytes() == \
        (tmp_path / "grille-2027.yaml").read_bytes()
    own = load_grid(tmp_path / "appel-2027" / "grille-2027.yaml").grid
    assert "ALS-2" not in {c.id for c in own.criteria()}
    assert {c.id: c.provenance.status for c in own.criteria()}["MA-1"] == "inferred"
    assert own.threshold == 60
    # the export of the votes: AL16-01, 27 000 € granted to its holder by CP-2016-05-12
    # (meeting.vote's); AL16-07, proposed in AL16-02's place (15 000 € asked, within the
    # 24 000 € freed), voted at the next deliberation, CP-2016-06-02 of 2 June 2016; the
    # agreements' dates: meeting.vote.convention_date (27 May 2016) for AL16-01, AL16-07's
    # own fact (16 June 2016), not the deliberations' dates
    with open(tmp_path / "subventions.csv", encoding="utf-8") as fh:
        grants = [(g["nomBeneficiaire"], g["idBeneficiaire"], g["montant"],
                   g["referenceDecision"], g["dateConvention"]) for g in csv.DictReader(fh)]
    assert grants == [
        ("Recyclerie du Sundgau", "12345678900015", "27000.00", "CP-2016-05-12", "2016-05-27"),
        ("Jardins partagés d'Alsace", "98765432100007", "15000.00", "CP-2016-06-02",
         "2016-06-16")]
    assert not any("convention-date-missing" in said for said in walk.said)


def test_yaml_added_to_a_file_keeps_what_was_there(tmp_path: Path) -> None:
    """The walk's edit of call.yaml: the guide's ``set:`` lines go beside the example's."""
    call = tmp_path / "call.yaml"
    shutil.copyfile(EXAMPLES / "alsace-2016" / "call.yaml", call)
    add_to_file(call, "set:\n  facts.holder: {type: string}\n")
    data = yaml.safe_load(call.read_text(encoding="utf-8"))
    assert data["set"] == {"scales.note04.half_steps": True,
                           "facts.holder": {"type": "string"}}
    assert data["budget"] == 52000


# ---------------------------------------------------------------- the other audiences
#: The labels « s-autoevaluer.md » quotes from the pages ``isgrid serve`` shows.
SERVE_LABELS = ("Grilles disponibles", "Commencer", "Ne s'applique pas à mon projet",
                "Voir le résultat", "Modifier mes réponses", "Imprimer",
                "Télécharger le résultat", "Télécharger mes réponses",
                "Voir avec une autre grille", "Reprendre avec un fichier de réponses")


def _served_pages(answers: Path) -> str:
    """What a holder sees in ``isgrid serve``: the grid list, the questionnaire opened from
    their answers file (« Reprendre avec un fichier de réponses »), and its result."""
    from isgrid.web.selfassess import create_app
    from webclients import same_origin_client

    client = same_origin_client(create_app(lang="fr"))
    pages = [client.get("/"), client.post(
        "/upload", content_type="multipart/form-data",
        data={"answers": (answers.open("rb"), answers.name), "grid": ""})]
    form = dict(re.findall(r'name="(v:[^"]+)" value="([^"]*)" checked',
                           pages[1].get_data(as_text=True)))
    assert form["v:AV-1.1"] == "3" and form["v:AV-4.5"] == "na", form  # the answers came back
    pages.append(client.post("/g/avise-mouves-2011/result", data=form))
    assert [p.status_code for p in pages] == [200, 200, 200]
    return "".join(p.get_data(as_text=True) for p in pages).replace("&#39;", "'")


@pytest.mark.parametrize("name", OTHER_AUDIENCES)
def test_the_other_audiences_chapters_walk(name: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    walk = Walk(tmp_path)
    walk.chapter(name)
    # (isgrid commands run, answers compared, blocks added to a file): a block the walk no
    # longer reads shows here
    assert (walk.ran, walk.compared, walk.added) == {
        "s-autoevaluer.md": (5, 1, 1),
        "comparer-des-grilles.md": (12, 5, 2)}[name]
    if name == "s-autoevaluer.md":
        text = " ".join((GUIDES / name).read_text(encoding="utf-8").split())
        pages = _served_pages(tmp_path / "mes-reponses.yaml")
        for label in SERVE_LABELS:
            assert f"« {label} »" in text and label in pages, label
        # the result file the chapter writes, in French, with the grid's provenance said
        html = (tmp_path / "resultat.html").read_text(encoding="utf-8")
        assert "non caractérisé" in html and "0 / 19 / 1" in html
    else:
        assert (tmp_path / "comparaison.html").exists()
        assert (tmp_path / "avise-mouves-2011-lue.yaml").read_bytes() == \
            (grids_dir() / "avise-mouves-2011.yaml").read_bytes()
        adapted = load_grid(tmp_path / "grille-incubateur.yaml").grid
        kept = {c.id: c.provenance.status for c in adapted.criteria()}
        assert "AV-3.4" not in kept and kept["INC-1"] == "inferred"
        assert kept["AV-1.1"] == "reconstructed"


def test_the_guide_lists_every_chapter() -> None:
    """The README's table of contents links each chapter, for whom it is."""
    readme = (GUIDES / "README.md").read_text(encoding="utf-8")
    for name in CHAPTERS[1:] + OTHER_AUDIENCES:
        assert f"]({name})" in readme, name
    assert sorted(p.name for p in GUIDES.glob("*.md")) == sorted(CHAPTERS + OTHER_AUDIENCES)
