"""The public API expresses the analysts' common scenarios without internal names
(review-data19, finding 10): `isgrid.Consensus` is public, and `Scenario(funding=…,
selection=…)` is read and checked as call.yaml's blocks are (as `budget` is)."""

from __future__ import annotations

from typing import Any

import pytest

import isgrid
from testpaths import ROOT

EXAMPLE = ROOT / "examples" / "alsace-2016"


@pytest.fixture(scope="module")
def call() -> isgrid.Call:
    return isgrid.load_call(EXAMPLE)


def test_consensus_is_public(call: isgrid.Call) -> None:
    assert "Consensus" in isgrid.__all__
    from isgrid.call.model import Consensus

    assert isgrid.Consensus is Consensus
    assert type(call.config.consensus[0]) is isgrid.Consensus


def test_the_funding_rules_are_read_as_call_yaml_reads_them(call: isgrid.Call) -> None:
    # rate 40 %: AL16-03 min(18 000, 0.4 x 30 000, 27 000) = 12 000; AL16-01 keeps the
    # cap: min(32 000, 28 000, 27 000) = 27 000
    for rate in (0.4, "0,4", "40 %", call.config.funding.model_copy(update={"rate": "0.4"})):
        scenario = isgrid.Scenario(funding=rate if not isinstance(rate, float | str)
                                   else {"rate": rate})
        r = isgrid.score(call, scenario)
        assert r.dossier("AL16-03").amounts.proposed == 12000, rate
        assert r.dossier("AL16-01").amounts.proposed == 27000, rate
    # a cap of 20 000 written as a French call writes it; the rate kept (0.5): AL16-01
    # min(32 000, 35 000, 20 000) = 20 000
    r = isgrid.score(call, isgrid.Scenario(funding={"cap": "20 000 €"}))
    assert r.dossier("AL16-01").amounts.proposed == 20000
    assert r.to_json()["scenario"] == {"replaced": ["funding"]}
    assert (call.config.funding.rate, call.config.funding.cap) == (0.5, 27000)


@pytest.mark.parametrize(("funding", "where", "code"), [
    ({"rate": 1.5}, "Scenario (funding.rate)", "call-invalid"),
    ({"rate": "abc"}, "Scenario (funding.rate)", "call-invalid"),
    ({"cap": "27.000"}, "Scenario (funding.cap)", "call-invalid"),
    ({"minimum": -5}, "Scenario (funding.minimum)", "call-invalid"),
    ({"ratee": 0.4}, "Scenario (funding.ratee)", "unknown-key"),
    ("0.4", "Scenario (funding)", "call-invalid"),
])
def test_funding_rules_call_yaml_refuses_are_refused(call: isgrid.Call, funding: Any,
                                                      where: str, code: str) -> None:
    with pytest.raises(isgrid.UsageError) as caught:
        isgrid.score(call, isgrid.Scenario(funding=funding))
    [d] = caught.value.diagnostics
    assert (str(d.location), d.code) == (where, code)


def test_a_model_changed_without_validation_is_read_again(call: isgrid.Call) -> None:
    unchecked = call.config.funding.model_copy(update={"rate": 2})
    with pytest.raises(isgrid.UsageError):
        isgrid.score(call, isgrid.Scenario(funding=unchecked))


def test_the_selection_is_read_as_call_yaml_reads_it(call: isgrid.Call) -> None:
    # the call: rank-order, reserve 2 (AL16-03, AL16-04); top 1: AL16-01 alone
    r = isgrid.score(call, isgrid.Scenario(selection={"reserve": 1}))
    assert r.current.reserve == ("AL16-03",)
    top = isgrid.score(call, isgrid.Scenario(selection={"top": 1}))
    assert top.current.selected == ("AL16-01",)
    assert top.to_json()["scenario"] == {"replaced": ["selection"]}
    for bad, where in (({"rule": "random"}, "Scenario (selection.rule)"),
                       ({"top": 0}, "Scenario (selection.top)")):
        with pytest.raises(isgrid.UsageError) as caught:
            isgrid.score(call, isgrid.Scenario(selection=bad))
        assert str(caught.value.diagnostics[0].location) == where
