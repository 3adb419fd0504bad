"""What the minutes, the letters and ``isgrid decide``/``withdraw`` say happened to a freed
place left to a tie (found by two reviews): the tie it was offered to and the refusal that
offered it again, « (liste de réserve) » only for a dossier on it, the decision that
settled a withdrawal's tie, nobody left on the reserve, every tied dossier refused, the
vote choosing, and the list's title once the vote adopted it.

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000 and D2
15 000 retained (35 000); D3 and D4 10 000 each, tied at the line (75, rank 3: 20 000 >
15 000 left); the reserve D5 8 000, D6 5 000.  A place freed above them (30 000 or 35 000
left) takes both together (branch tie-freed: they all fit): the stories of a place left to
the tied use ``TIGHT``, D4 asking 21 000 (D3 + D4 = 31 000 > 30 000).
"""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from decisions_calls import DOSSIERS, seance_call
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.context import Builder
from isgrid.documents.letters import letter, reasons
from isgrid.documents.minutes import build_minutes, render_minutes
from isgrid.engine import score

NBSP, NNBSP = "\u00a0", "\u202f"
#: D4 asks 21 000: D3 + D4 = 31 000 do not fit the 30 000 a refusal of D2 leaves beside D1
TIGHT = dict(DOSSIERS, D4=(3, 3, 21000, 42000, "urbain", "scop", "emploi"))


def minutes(folder: Path, lang: str = "fr") -> dict[str, object]:
    call = load_call(folder)
    return build_minutes(call, score(call), "pv", lang)


def said(folder: Path, part: str, lang: str = "fr") -> list[str]:
    return [x["text"] for x in minutes(folder, lang)[part]]  # type: ignore[attr-defined]


def letter_reasons(folder: Path, did: str, lang: str = "fr") -> list[str]:
    call = load_call(folder)
    r = score(call)
    return reasons(Builder(call, r, "feedback", "communicable", lang), r.dossier(did))


def vote(folder: Path, did: str, outcome: str, **kw: str) -> None:
    append(folder, kind="decision", dossier=did, outcome=outcome, stage="vote",
           by="CP", reason="vote", **kw)


def cli_says(*args: object) -> list[str]:
    run = CliRunner().invoke(cli, ["--lang", "fr", *map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout.splitlines()


def test_a_place_offered_again_is_told_offer_after_offer(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, dossiers=TIGHT)
    vote(folder, "D1", "retenu")  # seq 1
    vote(folder, "D2", "non retenu")  # seq 2: 30 000 left < 31 000: D3 and D4 tied for it
    assert said(folder, "refusals") == [
        f"D2 n'est pas retenu par le vote{NNBSP}; D3 et D4, ex æquo, peuvent prendre sa "
        f"place{NBSP}: le comité choisit."]
    # seq 3: D4 refused at another deliberation: the place offered again, D3 proposed in
    # it; D3 was tied at the line, never on the reserve
    vote(folder, "D4", "non retenu", reference="CP-2026-06-02", at="2026-06-02")
    assert said(folder, "refusals") == [
        f"D2 n'est pas retenu par le vote{NNBSP}; D3 et D4, ex æquo, pouvaient prendre sa "
        f"place{NNBSP}; D4 n'est pas retenu par le vote (délibération CP-2026-06-02 du 2 juin "
        f"2026){NBSP}: D3 est proposé à sa place."]
    assert said(folder, "refusals", "en") == [
        "D2 is not selected by the vote; D3 and D4, tied, could take its place; D4 is not "
        "selected by the vote (deliberation CP-2026-06-02 of 2 June 2026): D3 is proposed "
        "in its place."]
    # D3 refused in turn: its place goes to D5, first on the reserve: « (liste de réserve) »
    vote(folder, "D3", "non retenu")
    assert said(folder, "refusals")[1] == (
        f"D3 n'est pas retenu par le vote{NNBSP}; D5 (liste de réserve) est proposé à sa "
        "place.")


def test_every_tied_dossier_refused_none_was_chosen(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, dossiers=TIGHT)
    vote(folder, "D2", "non retenu")  # D3, D4 tied for its place: the vote chooses
    call = load_call(folder)
    r = score(call)
    for did in ("D3", "D4"):  # the tie at the line still open: the letter's outcome says it
        said = letter(Builder(call, r, "feedback", "communicable", "fr"), r.dossier(did))
        assert said.outcome == ("Votre dossier est ex æquo sur la ligne de financement"
                                f"{NBSP}: le vote doit encore départager les dossiers ex "
                                "æquo."), did
        assert not any("départag" in x for x in said.reasons), did  # said once
    vote(folder, "D4", "non retenu")
    vote(folder, "D3", "non retenu")  # D5 proposed in D3's place; neither D3 nor D4 holds one
    for did in ("D3", "D4"):
        text = letter_reasons(folder, did)
        assert (f"Ex æquo sur la ligne de financement{NBSP}: aucun des dossiers ex æquo "
                "n'a été retenu.") in text, did
        assert not any("départag" in x for x in text), did
    assert ("Tied at the funding line: none of the tied dossiers was selected."
            in letter_reasons(folder, "D3", "en"))


def test_a_withdrawal_tie_settled_names_the_choice(tmp_path: Path) -> None:
    """D3 alone at 75 (10 000), D4 at 62,5 asking 25 000, D5 and D6 at 50 (5 000 each),
    a reserve of 3: D1, D2, D3 retained (45 000), the reserve D4, D5, D6.  D2 withdraws:
    50 000 - 30 000 = 20 000 available, D4 (25 000) passed over, D5 and D6 tied for the
    place (not at the line: on the reserve)."""
    dossiers = dict(DOSSIERS, D4=(3, 2, 25000, 50000, "urbain", "scop", "emploi"),
                    D5=(2, 2, 5000, 10000, "rural", "association", "mobilite"))
    folder = seance_call(tmp_path, dossiers=dossiers, call={"selection": {"reserve": 3}})
    assert cli_says("withdraw", folder, "D2", "--by", "S", "--reason", "courrier") == [
        f"D2 retiré{NNBSP}; D5 et D6 sont ex æquo et pourraient le remplacer{NBSP}: "
        "enregistrez une décision (isgrid decide).",
        f"  D2{NBSP}: retenu -> retiré"]  # the moves, as decide says them (D5, D6 stay)
    assert letter_reasons(folder, "D5")[0] == (
        f"Ex æquo pour une place libérée{NBSP}: le jury doit départager.")
    out = cli_says("decide", folder, "D6", "--stage", "vote", "--outcome", "retenu",
                   "--by", "CP", "--reason", "choix")
    assert out[-1] == f"D6 prend la place de D2{NBSP}: les ex æquo sont départagés."
    assert said(folder, "withdrawals") == [
        f"D2 s'est retiré{NNBSP}; D5 et D6, ex æquo, pouvaient le remplacer{NNBSP}; D6 est "
        f"retenu par le vote (délibération CP-2026-04-117 du 2 avril 2026){NBSP}: il prend "
        "sa place."]
    # D5, not chosen, on the reserve: its letter says a decision settled the tie, for
    # another dossier; D6's, for it
    d5 = letter_reasons(folder, "D5")
    assert d5[0] == (f"Ex æquo pour une place libérée{NBSP}: une décision a départagé les "
                     "dossiers ex æquo en faveur d'un autre dossier.")
    assert letter_reasons(folder, "D6")[0] == (
        f"Ex æquo pour une place libérée{NBSP}: une décision a départagé les dossiers ex "
        "æquo en faveur de votre dossier.")
    assert "Position 1 sur la liste de réserve." not in d5  # D4 heads it, then D5
    assert "Position 2 sur la liste de réserve." in d5


def test_nobody_left_on_the_reserve_is_said_so(tmp_path: Path) -> None:
    """No reserve (``selection.reserve: 0``) and no tie (D4 62,5, D5 50, D6 37,5): a
    withdrawal frees a place nobody is left to take."""
    dossiers = dict(DOSSIERS, D4=(3, 2, 25000, 50000, "urbain", "scop", "emploi"),
                    D5=(2, 2, 8000, 16000, "rural", "association", "mobilite"),
                    D6=(1, 2, 5000, 10000, "rural", "scop", "emploi"))
    folder = seance_call(tmp_path, dossiers=dossiers, call={"selection": {"reserve": 0}})
    assert cli_says("withdraw", folder, "D2", "--by", "S", "--reason", "r") == [
        f"D2 retiré{NNBSP}; il ne reste aucun dossier sur la liste de réserve.",
        f"  D2{NBSP}: retenu -> retiré"]
    assert said(folder, "withdrawals") == [
        f"D2 s'est retiré{NNBSP}; il ne reste aucun dossier sur la liste de réserve."]
    assert said(folder, "withdrawals", "en") == [
        "D2 withdrew; no dossier is left on the reserve list."]


def test_the_list_is_titled_adopted_once_the_vote_adopted_it(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, dossiers=TIGHT)
    vote(folder, "D1", "retenu")
    vote(folder, "D2", "non retenu")
    vote(folder, "D4", "non retenu")  # D3 proposed in D2's place, awaiting its own vote
    call = load_call(folder)
    r = score(call)
    assert not r.list_voted
    ctx = build_minutes(call, r, "pv", "fr")
    assert ctx["list_title"] == "Liste proposée"
    vote(folder, "D3", "retenu")  # every place voted: the list is adopted
    call = load_call(folder)
    r = score(call)
    assert r.list_voted
    ctx = build_minutes(call, r, "pv", "fr")
    assert ctx["list_title"] == "Liste adoptée"
    html = render_minutes(call, r, "pv", "html", lang="fr").decode("utf-8")
    assert "<h2>Liste adoptée</h2>" in html and "<h2>Liste proposée</h2>" not in html
    docx = Document(io.BytesIO(render_minutes(call, r, "pv", "docx", lang="fr")))
    assert "Liste adoptée" in [p.text for p in docx.paragraphs]
    assert build_minutes(call, r, "pv", "en")["list_title"] == "Adopted list"


def test_the_tied_taken_together_are_named_together(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    # D1 withdraws: 50 000 - 15 000 (D2) = 35 000, D3 + D4 = 20 000 fit: both proposed in
    # its place, together (never « D3 est proposé » alone, never « (liste de réserve) »)
    assert cli_says("withdraw", folder, "D1", "--by", "S", "--reason", "courrier") == [
        f"D1 retiré{NNBSP}; D3 et D4, ex æquo à la ligne de financement, sont proposés "
        "ensemble à sa place.",
        f"  D1{NBSP}: retenu -> retiré", f"  D3{NBSP}: classé -> retenu",
        f"  D4{NBSP}: classé -> retenu"]
    assert said(folder, "withdrawals") == [
        f"D1 s'est retiré{NNBSP}; D3 et D4, ex æquo à la ligne de financement, sont "
        "proposés ensemble à sa place."]
    assert said(folder, "withdrawals", "en") == [
        "D1 withdrew; D3 and D4, tied at the funding line, are proposed together in its "
        "place."]
    for did in ("D3", "D4"):
        assert (f"Un dossier retenu s'est retiré{NBSP}: votre dossier a été proposé à sa "
                "place.") in letter_reasons(folder, did), did
    # D1 reinstated by the vote: 20 000 + 15 000 + 10 000 + 10 000 = 55 000, 5 000 over
    out = cli_says("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu",
                   "--by", "CP", "--reason", "r")
    assert out[-1] == (f"D1 reprend sa place{NNBSP}; D3 et D4, proposés ensemble à sa place, "
                       f"restent retenus{NBSP}: l'enveloppe est dépassée de 5{NNBSP}000{NNBSP}€.")


def test_a_refusal_names_the_tied_taken_together(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    # the vote refuses D2: 50 000 - 20 000 (D1) = 30 000, D3 + D4 = 20 000 fit: both
    out = cli_says("decide", folder, "D2", "--stage", "vote", "--outcome", "non-retenu",
                   "--by", "CP", "--reason", "r")
    assert out[-1] == ("D3 et D4, ex æquo à la ligne de financement, sont proposés ensemble "
                       "à la place de D2.")
    assert said(folder, "refusals") == [
        f"D2 n'est pas retenu par le vote{NNBSP}; D3 et D4, ex æquo à la ligne de "
        "financement, sont proposés ensemble à sa place."]
