"""Every placeholder of the French help is French (review 19, item left in session 20):
``call init --from OLD`` and ``--reference REF`` were English among « CHEMIN », « GRILLE »,
« RÉPERTOIRE ».  A placeholder is translated where every other is
(:data:`isgrid.cli.clickwords.METAVAR_WORDS`); the values one types (« [fr|en] »,
POUR/CONTRE/ABST's numbers) are shown as they are."""

from __future__ import annotations

import re

import click
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.cli.clickwords import METAVAR_WORDS
from isgrid.i18n import gettext

#: An all-capitals word of a help line's head (« --from PRÉCÉDENT », « Utilisation : … APPEL »)
WORD = re.compile(r"(?<![\w-])[A-ZÀ-Ý][A-ZÀ-Ý_/-]+(?![\w-])")


def _help(*command: str, lang: str = "fr") -> str:
    out = CliRunner().invoke(cli, ["--lang", lang, *command, "--help"]).output
    return " ".join(out.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_from_and_reference_in_french() -> None:
    assert "--from PRÉCÉDENT Démarrer l'édition suivante" in _help("call", "init")
    assert "--from OLD " in _help("call", "init", lang="en")
    assert "--reference RÉFÉRENCE " in _help("decide")
    assert "--reference REF " in _help("decide", lang="en")


def _commands(group: click.Group, path: list[str]) -> list[list[str]]:
    ctx = click.Context(group)
    out = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            out += _commands(cmd, [*path, name])
        elif cmd is not None:
            out.append([*path, name])
    return out


def test_no_english_placeholder_in_any_french_help() -> None:
    french = {gettext(w, "fr") for w in METAVAR_WORDS}
    english = {w for w in METAVAR_WORDS if gettext(w, "fr") != w}
    seen: dict[str, str] = {}
    for command in _commands(cli, []):  # type: ignore[arg-type]
        out = CliRunner().invoke(cli, ["--lang", "fr", *command, "--help"]).output
        for line in out.splitlines():
            line = line.strip()
            if not line.startswith(("-", "Utilisation")):
                continue
            head = re.split(r"\s{2,}", line)[0]
            for word in WORD.findall(head):
                seen.setdefault(word, " ".join(command))
    assert {"PRÉCÉDENT", "RÉFÉRENCE", "CHEMIN", "APPEL", "RÉPERTOIRE"} <= set(seen)
    assert not english & set(seen), {w: seen[w] for w in english & set(seen)}
    # every placeholder is one of the translated words, or a value typed as it is
    # (and decide's example, « --reference CP-2026-06-02 »)
    typed = {"POUR/CONTRE/ABST", "CP", "CP-"}
    assert set(seen) <= french | typed, {w: c for w, c in seen.items()
                                         if w not in french | typed}
