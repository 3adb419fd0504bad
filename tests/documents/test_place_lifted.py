"""A dossier a maximum kept off the reserve, proposed in a place a withdrawal or a refusal
frees, is said with why it was not on the reserve (review rev-money F8: « D04 (liste de
réserve) » was false, and « D04 est proposé à sa place » left the reader wondering why the
reserve's first dossier, D12, was passed over).

The call: tests/fixtures/quota-call (the reviewer's; reserve D12, D16).  D04 (scop, rank
4, 12 000 €) was left out by the scop maximum (two SCOP at most: D02, D03 held them).  D02
(scop, 15 000 €) leaving frees 100 000 − 82 000 = 18 000 €; scop then holds D03 alone, so
D04, better ranked than D12, is proposed: « D04, écarté par la contrainte scop, qui ne le
bloque plus, est proposé à sa place ».  D09 (scic) leaving instead: scop still full, D12
(first on the reserve) is proposed and called « (liste de réserve) » as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import norm, run
from quotacalls import quota_call

FR = "D04, écarté par la contrainte scop, qui ne le bloque plus, est proposé à sa place."
EN = "D04, set aside by the constraint scop, which no longer blocks it, is proposed in its place."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return quota_call(tmp_path)


def test_a_withdrawal_says_the_constraint_it_lifted(folder: Path) -> None:
    said = norm(run("--lang", "fr", "withdraw", folder, "D02", "--by", "E", "--reason", "r",
                    "--at", "2027-03-10"))
    assert said.splitlines()[0] == "D02 retiré ; " + FR
    assert "liste de réserve" not in said
    # the minutes' words, as `isgrid decisions` prints them (documents/places)
    assert "D02 s'est retiré ; " + FR in norm(run("--lang", "fr", "decisions", folder))
    assert "D02 withdrew; " + EN in norm(run("--lang", "en", "decisions", folder))


def test_in_english(folder: Path) -> None:
    said = norm(run("--lang", "en", "withdraw", folder, "D02", "--by", "E", "--reason", "r",
                    "--at", "2027-03-10"))
    assert said.splitlines()[0] == "D02 withdrawn; " + EN


def test_a_refusal_says_it_too(folder: Path) -> None:
    said = norm(run("--lang", "fr", "decide", folder, "D02", "--stage", "vote", "--outcome",
                    "non retenu", "--by", "CP", "--reason", "r", "--motivation", "m",
                    "--at", "2027-03-20"))
    assert "D04, écarté par la contrainte scop, qui ne le bloque plus, est proposé à la " \
           "place de D02." in said
    said = norm(run("--lang", "en", "decisions", folder))
    assert EN.removesuffix(" in its place.") in said


def test_the_reserve_s_first_is_still_called_so(folder: Path) -> None:
    said = norm(run("--lang", "fr", "withdraw", folder, "D09", "--by", "E", "--reason", "r",
                    "--at", "2027-03-10"))
    assert said.splitlines()[0] == "D09 retiré ; D12 (liste de réserve) est proposé à sa place."
    assert "contrainte" not in said.splitlines()[0]
