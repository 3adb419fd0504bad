"""A GraphQL answer whose node is not shaped as the schema says (a text where an object
is, a list of texts, a ``label: null``) is an ``api-answer`` error at the node's page and
path, exit 1, nothing written: never a crash (review data19, finding 7: « internal error
(AttributeError: 'str' object has no attribute 'get') », exit 3)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_intake_api import TOKEN, _call, _Server

from isgrid.cli.main import cli


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    yield s
    s.close()


def _node(server: _Server, page: int = 0) -> dict[str, Any]:
    return server.pages[page]["data"]["demarche"]["dossiers"]["nodes"][0]


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda n: n.__setitem__(key, value)


@pytest.mark.parametrize(("alter", "path", "what"), [
    (_set("usager", "x"), "dossiers.nodes[0].usager", "a text where an object is expected"),
    (_set("demandeur", "x"), "dossiers.nodes[0].demandeur",
     "a text where an object is expected"),
    (_set("avis", ["x"]), "dossiers.nodes[0].avis[0]", "a text where an object is expected"),
    (_set("demandeur", {"association": "W123"}), "dossiers.nodes[0].demandeur.association",
     "a text where an object is expected"),
    (_set("champs", "x"), "dossiers.nodes[0].champs", "a text where a list is expected"),
    (lambda n: n["champs"][0].__setitem__("label", None), "dossiers.nodes[0].champs[0].label",
     "empty (null) where a text is expected"),
])
def test_a_malformed_node_is_said_at_its_path(tmp_path: Path, server: _Server,
                                              monkeypatch: pytest.MonkeyPatch,
                                              alter: Callable[[dict[str, Any]], None],
                                              path: str, what: str) -> None:
    monkeypatch.setenv("DEMARCHE_NUMERIQUE_TOKEN", TOKEN)
    alter(_node(server, 1 if len(server.pages) > 1 else 0))
    call = _call(tmp_path, server.url)
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--api"])
    assert res.exit_code == 1, res.output
    page = 2 if len(server.pages) > 1 else 1
    assert f"(page {page}, {path}): the API's answer is not shaped as getDemarche's: " \
           f"{what} [api-answer]" in res.output, res.output
    assert "None" not in res.output and "internal error" not in res.output
    assert not (call / "dossiers").exists() and not (call / "intake-state.json").exists()
