"""Every field description a hint shows is said in French.

A hint of call.yaml describes the key in question, its description included
(« rate : un entier ou un nombre > 0 et ≤ 1, facultatif (La part maximale des coûts
éligibles) »): the description declared on the pydantic field is the catalog's msgid.
The French guide promises the hint « en français comme le reste du message »; the 14
descriptions of ``isgrid/call/model.py`` (``funding``, ``selection``…) were shown in
English.  The tests walk every pydantic model of the package, so that a description
added later without its French fails here, wherever its model is.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from i18n_messages import PO, all_messages
from pydantic import BaseModel, Field

import isgrid
from isgrid.cli import cli

NBSP = "\u00a0"

#: The modules whose models describe their fields for a JSON schema only, never in a
#: message: a description there is for the developer reading the schema.
SCHEMA_ONLY = {
    # the documents' context (docs/documents.md's schema); never validated from user input
    "isgrid.documents.models", "isgrid.documents.dossier_models", "isgrid.documents.seance",
    # a journal entry refused says pydantic's own problem, without the field's description
    "isgrid.call.journal",
    # the grid language's schema (`isgrid grids schema`, for editors): a grid's errors
    # carry no field description; the items a call adds under `add:` are call.yaml's keys,
    # which config_hint describes (covered by all_messages, below); its base types and its
    # rules are models of that language too
    "isgrid.grid.model", "isgrid.grid.base", "isgrid.grid.rules",
}


def _translated() -> set[str]:
    with PO.open("rb") as f:
        return {m.id for m in read_po(f) if isinstance(m.id, str) and m.id and m.string}


def _package_models() -> list[type[BaseModel]]:
    """Every pydantic model defined in the package (each of its modules imported)."""
    for info in pkgutil.walk_packages(isgrid.__path__, "isgrid."):
        if info.name.endswith("__main__") or ".migrations." in info.name:
            continue  # the command line itself; alembic's scripts, run by alembic only
        importlib.import_module(info.name)

    def below(cls: type[BaseModel]) -> list[type[BaseModel]]:
        return [s for sub in cls.__subclasses__() for s in (sub, *below(sub))]

    return [m for m in below(BaseModel) if m.__module__.startswith("isgrid.")]


def untranslated(models: list[type[BaseModel]], have: set[str]) -> list[str]:
    """``module.Model.field: description`` for each description not in ``have`` of a
    model outside :data:`SCHEMA_ONLY`."""
    return sorted(f"{m.__module__}.{m.__name__}.{name}: {f.description}"
                  for m in models if m.__module__ not in SCHEMA_ONLY
                  for name, f in m.model_fields.items()
                  if f.description and f.description not in have)


def test_every_models_field_descriptions_have_their_french() -> None:
    models = _package_models()
    names = {m.__name__ for m in models}
    assert {"CallConfig", "Funding", "Selection", "SensitivityConfig", "Entry"} <= names
    assert untranslated(models, _translated()) == []


def test_a_description_added_later_without_its_french_is_caught() -> None:
    class Later(BaseModel):
        count: int = Field(0, description="A description added without its French.")
        ok: int = Field(0, description="Maximum share of eligible costs.")

    Later.__module__ = "isgrid.call.later"
    assert untranslated([Later], _translated()) == [
        "isgrid.call.later.Later.count: A description added without its French."]


def test_the_descriptions_call_yaml_hints_show_are_messages_of_the_catalog() -> None:
    """config_hint describes call.yaml's keys (funding, selection, the grid's items under
    add:), not only its blocks: their descriptions are messages the catalog translates."""
    from isgrid.call.config import hint_descriptions

    described = hint_descriptions()
    assert {"Maximum share of eligible costs.", "Select the K first (any mode).",
            "Insert after this criterion (or section).",  # add: (a grid's AddItem)
            "Default number of draws."} <= described  # sensitivity: a block's
    assert described <= all_messages()
    assert not described - _translated()


@pytest.mark.parametrize(("line", "hint"), [
    ("funding: {rate: 0.5, partial: peut-être}",
     f"partial{NBSP}: true ou false, par défaut false (Le dossier à la ligne de "
     "financement peut recevoir ce qui reste (si c'est au moins le minimum))"),
    ("selection: {reserve: beaucoup}",
     f"reserve{NBSP}: un entier ≥{NBSP}0, par défaut 0 (Le nombre de dossiers sur la liste de "
     "réserve)"),
    ("selection: {top: -2}",
     f"top{NBSP}: un entier ≥{NBSP}1, facultatif (Retenir les K premiers (tout mode de grille))"),
])
def test_the_hint_of_call_yaml_says_the_key_in_french(tmp_path: Path, line: str,
                                                      hint: str) -> None:
    """The reviewer's three keys: their hints were « (The dossier at the line may receive
    what is left (>= minimum)) », « (How many dossiers…) », « (Select the K first…) »."""
    (tmp_path / "call.yaml").write_text(f"title: T\ngrid: alsace-aap-2016\n{line}\n",
                                        encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert f"Indice{NBSP}: {hint}. Voir docs/calls.md." in result.output, result.output
