"""The command line in French and in English, through the gettext catalog.

* every message of the code (``_()`` calls, diagnostic messages and hints, ``--help``
  texts) has a French translation in ``locale/fr/LC_MESSAGES/isgrid.po`` (same
  placeholders, French typography), and the committed ``isgrid.mo`` says what the
  ``.po`` says; every diagnostic is made from a ``Message`` (a template with named
  values), never from a plain string or an f-string, and each broken call of the
  hostile corpus gives only such diagnostics;
* the language is ``--lang``, else a French locale, else English;
* the framing of errors, the hints, ``--help`` and the séance commands' output follow it.
"""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner
from i18n_messages import MO, PO, all_messages, field_descriptions, plain_diagnostic_texts

from isgrid.cli import cli
from isgrid.errors import Count, Diagnostic, Location, Message, Plural, render_diagnostics
from isgrid.i18n import cli_lang, gettext, lang_from_env, ngettext
from testpaths import EXAMPLES, HOSTILE

NBSP, NNBSP = "\u00a0", "\u202f"


def _po() -> dict[str, str | tuple[str, ...]]:
    with PO.open("rb") as f:
        cat = read_po(f)
    out: dict[str, str | tuple[str, ...]] = {}
    for m in cat:
        if m.id:
            out[m.id if isinstance(m.id, str) else m.id[0]] = (
                m.string if isinstance(m.string, str) else tuple(m.string))
    return out


def _untranslated(messages: set[str | tuple[str, str]]) -> list[str]:
    po = _po()
    missing = []
    for msg in messages:
        key = msg if isinstance(msg, str) else msg[0]
        text = po.get(key)
        if not text or (isinstance(text, tuple) and not all(text)):
            missing.append(key)
    return sorted(missing)


def test_every_message_of_the_code_is_translated() -> None:
    missing = _untranslated(all_messages())
    assert not missing, ("missing from isgrid.po (run `python tests/cli/i18n_messages.py`): "
                         f"{missing[:5]}")


def test_the_field_descriptions_a_hint_shows_are_in_the_catalog(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """« draws: an integer >= 0 … (Default number of draws) »: the description declared on
    the field is a msgid, so a description added later to a block's model (or a model
    inside it) without its French text fails the test above."""
    from pydantic import BaseModel, Field

    from isgrid.call import block_hints

    described = field_descriptions()
    assert {"Default number of draws.", "Counts for the quorum.",  # sensitivity, meeting
            "Column headers or champ labels (aliases welcome)."} <= described  # intake's, inside
    assert described <= all_messages() and not _untranslated(described)

    class Later(BaseModel):
        count: int = Field(0, description="A description added without its French.")

    class Block(BaseModel):
        items: list[Later] = Field(default_factory=list)

    monkeypatch.setitem(block_hints._MODELS, "later", (Block,))
    assert _untranslated(field_descriptions()) == ["A description added without its French."]


def test_translations_keep_placeholders_and_example_blocks() -> None:
    with PO.open("rb") as f:
        cat = read_po(f)
    for m in cat:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        want = sorted(re.findall(r"\{[a-z_]*\}", ids[-1]))
        for s in strings:
            # « {de_assessor} »: the value {assessor} after « de », elided (i18n.de_name)
            got = [x.replace("{de_", "{") for x in re.findall(r"\{[a-z_]*\}", s)]
            assert sorted(got) == want, m.id
            assert s.count("\b") == ids[0].count("\b"), m.id


def test_french_typography_in_the_catalog() -> None:
    """No ordinary space before « : ; ! ? » or inside « », in any French message; before
    « ; ! ? » the narrow no-break space (U+202F), as everywhere else in the catalog and
    the CLI's own words, and before « : » the no-break space (U+00A0); before « € » the
    narrow one, as the documents write amounts."""
    for key, text in _po().items():
        for s in [text] if isinstance(text, str) else text:
            assert not re.search(r" [:;!?](\s|$)", s), (key, s)
            assert "« " not in s and " »" not in s, (key, s)
            assert not re.search("\u00a0[;!?]", s), (key, s)
            assert not re.search("\u202f:", s), (key, s)
            assert not re.search("[ \u00a0]€", s), (key, s)  # « 12 000 € »: U+202F


def test_a_groups_list_of_commands_keeps_the_no_break_spaces() -> None:
    """click shortens each command's help for a group's list, word by word, split at any
    white space: « d'appel : tous » came back with a plain space before the colon."""
    out = CliRunner().invoke(cli, ["--lang", "fr", "call", "--help"]).output
    line = next(x for x in out.splitlines() if x.strip().startswith("check"))
    assert "d'appel\u00a0: tous" in line, line
    assert not re.search(r" [:;!?](\s|$)", out), out


def test_mo_is_compiled_from_the_po() -> None:
    """The committed .mo holds exactly the .po's translations (recompile with
    `pybabel compile -D isgrid -d src/isgrid/locale` after editing the .po)."""
    def norm(x: object) -> object:
        return tuple(x) if isinstance(x, list | tuple) else x

    with PO.open("rb") as f:
        po = {norm(m.id): norm(m.string) for m in read_po(f) if m.id}
    with MO.open("rb") as f:
        mo = {norm(m.id): norm(m.string) for m in read_mo(f) if m.id}
    assert len(po) > 250
    assert mo == po


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_BE"}, "fr"),  # LC_MESSAGES before LANG
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL before everything
    ({"LC_ALL": "", "LANG": "fr"}, "fr"),  # an empty variable does not count
])
def test_language_from_the_locale(env: dict[str, str], lang: str) -> None:
    assert lang_from_env(env) == lang


def test_the_option_wins_over_the_locale() -> None:
    assert cli_lang("en", {"LANG": "fr_FR.UTF-8"}) == "en"
    assert cli_lang("fr", {"LANG": "C"}) == "fr"
    assert cli_lang(None, {"LANG": "fr_CA.UTF-8"}) == "fr"


def test_plural_forms() -> None:
    # French: 0 and 1 are singular (plural=(n > 1)); English: only 1.
    one = ngettext("Error: … and {n} more {code} error", "Error: … and {n} more {code} errors",
                   1, "fr")
    two = ngettext("Error: … and {n} more {code} error", "Error: … and {n} more {code} errors",
                   2, "fr")
    assert one == f"Erreur{NBSP}: … et {{n}} erreur {{code}} de plus"
    assert two == f"Erreur{NBSP}: … et {{n}} erreurs {{code}} de plus"


def test_diagnostic_framing_and_hint_in_french() -> None:
    d = Diagnostic("file-not-found", "no such file", Location("a.csv", 3))
    assert d.format() == "Error: a.csv:3: no such file [file-not-found]\n  Hint: Check the path."
    assert d.format("fr") == (f"Erreur{NBSP}: a.csv:3{NBSP}: no such file [file-not-found]\n"
                              f"  Indice{NBSP}: Vérifiez le chemin.")
    w = Diagnostic("csv-extra-column", "column x", severity="warning")
    assert w.format("fr") == (f"Avertissement{NBSP}: column x [csv-extra-column]\n"
                              f"  Indice{NBSP}: Supprimez la colonne ou renommez-la.")
    # 12 warnings of one code, 10 shown: « … et 2 avertissements … de plus »
    lines = render_diagnostics([w] * 12, 10, lang="fr")
    assert len(lines) == 11
    assert lines[-1] == f"Avertissement{NBSP}: … et 2 avertissements csv-extra-column de plus"


def test_unknown_message_stays_english() -> None:
    assert gettext("a message nobody translated", "fr") == "a message nobody translated"


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, prog_name="isgrid", env={"LC_ALL": None, "LC_MESSAGES": None,
                                                "LANG": "C.UTF-8", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def test_help_in_french_with_the_option_or_the_locale() -> None:
    for args, env in ((["--lang", "fr", "decide", "--help"], None),
                      (["decide", "--help"], {"LANG": "fr_FR.UTF-8"})):
        code, out, _ = _run(args, env)
        assert code == 0
        assert out.startswith(f"Utilisation{NBSP}: isgrid decide")
        assert "Enregistrer la décision sur DOSSIER à une étape" in out
        assert "Qui l'enregistre (nom ou initiales)." in out
        assert f"[par défaut{NBSP}: jury]" in out and "[obligatoire]" in out
        assert f"Options{NBSP}:" in out
    code, out, _ = _run(["decide", "--help"])
    assert out.startswith("Usage: isgrid decide")
    assert "Who records it (name or initials)." in out and "[default: jury]" in out


def test_root_help_lists_the_commands_in_french() -> None:
    code, out, _ = _run(["--lang", "fr", "--help"])
    assert code == 0
    assert f"Commandes{NBSP}:" in out
    assert "Écrire le procès-verbal (pv) ou l'annexe de CP." in out
    assert "Write the minutes" not in out


@pytest.mark.parametrize("args", [
    ["--lang", "fr", "--help"],
    ["--help", "--lang", "fr"],  # click runs --help before it reaches --lang
    ["--help", "--lang=fr"],
    ["-h", "--debug", "--lang", "fr"],
])
def test_root_help_in_french_whatever_the_order(args: list[str]) -> None:
    code, out, _ = _run(args)
    assert code == 0
    assert out.startswith(f"Utilisation{NBSP}: isgrid [OPTIONS] COMMANDE [ARGUMENTS]...")
    assert f"Commandes{NBSP}:" in out and "Write the minutes" not in out


@pytest.mark.parametrize("args", [["--lang", "en", "--help"], ["--help", "--lang", "en"]])
def test_root_help_in_english_under_a_french_locale_with_the_option(args: list[str]) -> None:
    code, out, _ = _run(args, {"LANG": "fr_FR.UTF-8"})
    assert code == 0
    assert out.startswith("Usage: isgrid [OPTIONS] COMMAND")
    assert "Write the minutes (pv) or the CP annex." in out


def test_lang_after_the_command_name_is_not_the_roots() -> None:
    from isgrid.cli.main import lang_in_args

    assert lang_in_args(["--help", "--lang", "fr"]) == "fr"
    assert lang_in_args(["--lang=en"]) == "en"
    assert lang_in_args(["report", "--lang", "fr", "--help"]) is None
    assert lang_in_args(["--", "--lang", "fr"]) is None
    assert lang_in_args(["--lang", "de"]) is None


def test_subgroup_help_short_lines_in_french() -> None:
    code, out, _ = _run(["--lang", "fr", "journal", "--help"])
    assert code == 0
    assert "Lister les entrées du journal, une par ligne." in out


def test_error_framing_and_hint_follow_the_language(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    code, _, err = _run(["--lang", "fr", "call", "check", missing])
    assert code != 0
    assert f"Erreur{NBSP}:" in err
    assert f"Indice{NBSP}: Donnez le dossier qui contient call.yaml." in err
    assert "Error:" not in err and "Hint:" not in err
    code, _, err = _run(["call", "check", missing])
    assert "Error:" in err and "Hint: Give the folder that holds call.yaml." in err


def test_usage_error_framing_in_french(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """click's usage errors through ``main()``: the framing, click's own sentence (its
    commonest ones, :data:`isgrid.cli.base.CLICK_WORDS`) and the hint are translated."""
    from isgrid.cli.main import main

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setattr("sys.argv", ["isgrid", "score", "--nope"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    # the option is unknown; click finds « --force » close to « --nope »
    assert err.startswith(f"Erreur{NBSP}: L'option «{NBSP}--nope{NBSP}» n'existe pas. Vouliez-vous dire "
                          f"«{NBSP}--force{NBSP}»{NNBSP}?\n")
    # the program's name is click's (``python -m pytest`` names it otherwise)
    assert f"\n  Indice{NBSP}: voir `" in err and err.endswith("isgrid score --help`.\n")


@pytest.fixture
def call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def test_seance_output_in_french(call: Path) -> None:
    # alsace-2016: AL16-01 (retenu, 27 000 €) withdrawn frees 27 000 €; the first
    # dossier of the reserve, AL16-03 (15 000 €), fits and is proposed in its place.
    code, out, _ = _run(["--lang", "fr", "withdraw", str(call), "AL16-01", "--by", "S",
                         "--reason", "courrier"])
    assert code == 0, out
    assert out == (f"AL16-01 retiré{NNBSP}; AL16-03 (liste de réserve) est proposé à sa "
                   f"place.\n  AL16-01{NBSP}: retenu -> retiré\n"
                   f"  AL16-03{NBSP}: réserve -> retenu\n")
    code, out, _ = _run(["--lang", "fr", "journal", "verify", str(call)])
    assert code == 0
    assert out.startswith(f"ok{NBSP}: 1 entrées") or out.startswith(f"ok{NBSP}: 1 entr")
    code, out, _ = _run(["--lang", "fr", "journal", "show", str(call)])
    assert "AL16-01" in out and "retiré" in out
    code, out, _ = _run(["--lang", "fr", "decisions", str(call)])
    assert out.splitlines()[0].split() == ["rang", "dossier", "calculé", "décidé", "statut",
                                           "montant", "nature", "signalements"]
    # the table is in the call's language, as score's is (alsace-2016: French), or --lang's
    code, out, _ = _run(["decisions", str(call)])
    assert out.splitlines()[0].split()[-1] == "signalements"
    code, out, _ = _run(["--lang", "en", "decisions", str(call)])
    assert out.splitlines()[0].split() == ["rank", "dossier", "computed", "decided", "status",
                                           "amount", "nature", "flags"]


def test_seance_output_in_english_by_default(call: Path) -> None:
    code, out, _ = _run(["withdraw", str(call), "AL16-01", "--by", "S", "--reason", "letter"])
    assert code == 0
    assert out == ("AL16-01 withdrawn; AL16-03 (reserve) is proposed in its place.\n"
                   "  AL16-01: selected -> withdrawn\n  AL16-03: reserve -> selected\n")


def _command_paths() -> list[list[str]]:
    import click

    from isgrid.cli.main import load_all_commands

    load_all_commands()
    paths: list[list[str]] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        paths.append(path)
        if isinstance(cmd, click.Group):
            for name, sub in sorted(cmd.commands.items()):
                walk(sub, [*path, name])

    walk(cli, [])
    return paths


def test_every_help_page_is_in_french() -> None:
    """Every command's --help, in French: usage line, its own description, every option's
    help; none of them falls back to the English text."""
    import inspect

    import click

    for path in _command_paths():
        code, out, _ = _run(["--lang", "fr", *path, "--help"])
        assert code == 0, path
        assert out.startswith(f"Utilisation{NBSP}: isgrid"), path
        ctx = click.Context(cli)
        cmd: click.Command = cli
        for name in path:
            assert isinstance(cmd, click.Group)
            found = cmd.get_command(ctx, name)
            assert found is not None
            cmd = found
        english = inspect.cleandoc(cmd.help or "").partition("\f")[0].splitlines()[0]
        assert english and english not in out, (path, english)
        for param in cmd.params:
            text = getattr(param, "help", None)
            if text and text != "Options":  # the same word in both languages
                assert text not in out.replace("\n", " "), (path, text)


#: click's metavars and isgrid's arguments as the English help shows them
ENGLISH_METAVARS = ("PATH", "DIRECTORY", "FILE", "TEXT", "INTEGER", "FLOAT", "BOOLEAN",
                    "FOLDER", "GRID", "GRIDS", "GRID_FILES", "FILES", "CRITERION", "VALUE",
                    "RECORD", "ANSWERS", "HASH", "YYYY-MM-DD", "COMMAND", "ARGS", "RANGE")


def test_the_metavars_of_the_help_in_french_and_in_english() -> None:
    """click's PATH, INTEGER, TEXT and the arguments' FOLDER, GRID... were English in the
    French help (usage line and options); the English help is as click writes it."""
    _, fr, _ = _run(["--lang", "fr", "score", "--help"])
    _, en, _ = _run(["--lang", "en", "score", "--help"])
    assert fr.startswith(f"Utilisation{NBSP}: isgrid score [OPTIONS] APPEL\n")
    assert en.startswith("Usage: isgrid score [OPTIONS] FOLDER\n")
    for french, english in (("-o, --output CHEMIN", "-o, --output PATH"),
                            ("--draws ENTIER ", "--draws INTEGER RANGE "),
                            ("--seed ENTIER ", "--seed INTEGER "),
                            ("--format [table|json|csv]", "--format [table|json|csv]")):
        assert french in fr and english in en, (french, english)
    _, fr, _ = _run(["--lang", "fr", "report", "--help"])
    _, en, _ = _run(["--lang", "en", "report", "--help"])
    # a directory is « RÉPERTOIRE »: « DOSSIER » is a project's dossier (its id, below)
    assert "--template-dir RÉPERTOIRE " in fr and "--template-dir DIRECTORY " in en
    assert "--dossier TEXTE " in fr and "--dossier TEXT " in en
    assert "--lang [fr|en] " in fr and "--kind [committee|fiches|feedback|pv|cp-annex|seance|access]" in fr
    _, fr, _ = _run(["--lang", "fr", "consensus", "set", "--help"])
    assert fr.startswith(f"Utilisation{NBSP}: isgrid consensus set [OPTIONS] APPEL DOSSIER "
                         "CRITÈRE VALEUR\n")
    _, fr, _ = _run(["--lang", "fr", "call", "purge", "--help"])
    assert "--today AAAA-MM-JJ " in fr
    _, fr, _ = _run(["--lang", "fr", "grids", "check", "--help"])
    assert fr.startswith(f"Utilisation{NBSP}: isgrid grids check [OPTIONS] FICHIERS_GRILLE...")
    # click joins a default and a range with « ; »: French typography's narrow space
    _, fr, _ = _run(["--lang", "fr", "watch", "--help"])
    _, en, _ = _run(["--lang", "en", "watch", "--help"])
    assert f"[par défaut{NBSP}: 5{NNBSP}; x>=1]" in fr
    assert "--refresh ENTIER " in fr and "--refresh INTEGER RANGE " in en
    assert "[default: 5; x>=1]" in en


def test_no_french_help_page_shows_an_english_metavar() -> None:
    for path in _command_paths():
        code, out, _ = _run(["--lang", "fr", *path, "--help"])
        assert code == 0, path
        for word in ENGLISH_METAVARS:
            assert not re.search(rf"(?<![\w-]){word}(?![\w-])", out), (path, word)


def test_a_diagnostic_message_in_french_with_its_values_as_written() -> None:
    d = Diagnostic("no-ratings", Message("the dossier {dossier} has no ratings yet",
                                         dossier="'D001'"),
                   Location("d/D001.yaml"), severity="warning")
    assert d.message == "the dossier 'D001' has no ratings yet"  # a str: JSON, tests, logs
    assert d.format("fr").splitlines()[0] == (
        f"Avertissement{NBSP}: d/D001.yaml{NBSP}: le dossier 'D001' n'a pas encore de notes "
        "[no-ratings]")
    assert d.format().splitlines()[0] == (
        "Warning: d/D001.yaml: the dossier 'D001' has no ratings yet [no-ratings]")
    # the French template puts the values in another order: « Retirez d'abord de {other}
    # les lignes de {assessor}. » (named placeholders, not positions)
    hint = Message("Remove {assessor}'s rows from {other} first.", assessor="j1",
                   other="ratings/j1-old.csv")
    assert hint == "Remove j1's rows from ratings/j1-old.csv first."
    assert hint.translated("fr") == "Retirez d'abord de ratings/j1-old.csv les lignes de j1."
    # a message inside a message (a parser's reason) is translated with it
    amount = Message("--amount {problem}", problem=Message("{text} is negative", text="'-5'"))
    assert amount == "--amount '-5' is negative"
    assert amount.translated("fr") == "--amount '-5' est négatif"
    # a count is grouped as each language writes it: 200,000 / 200 000 (narrow no-break)
    big = Message("the workbook holds more than {max} cells", max=Count(200_000))
    assert big == "the workbook holds more than 200,000 cells"
    assert big.translated("fr") == f"le classeur contient plus de 200{NNBSP}000 cellules"
    # a message survives pickling (diagnostics cross process pools) with its template
    again = pickle.loads(pickle.dumps(big))
    assert (again, again.translated("fr")) == (big, big.translated("fr"))
    # a plain string (a message nobody made translatable) stays as it is
    assert Diagnostic("no-ratings", "something else entirely").format("fr").startswith(
        f"Erreur{NBSP}: something else entirely")


def test_every_diagnostic_is_made_from_a_message() -> None:
    """No diagnostic of the package is made from a plain string or an f-string (it would
    stay English in French): `python tests/cli/i18n_messages.py` lists the templates."""
    assert plain_diagnostic_texts() == []


def test_pydantic_messages_keep_pydantic_words_in_english_and_are_french() -> None:
    from pydantic import BaseModel, Field, ValidationError

    from isgrid.validation import pydantic_message

    class M(BaseModel):
        n: int = Field(ge=0)

    with pytest.raises(ValidationError) as info:
        M(n=-3)
    (err,) = info.value.errors()
    message = pydantic_message(err)
    assert message == str(err["msg"]) == "Input should be greater than or equal to 0"
    assert message.translated("fr") == "La valeur doit être supérieure ou égale à 0"


def _hostile_call(tmp_path: Path, case: str) -> Path:
    folder = tmp_path / case
    shutil.copytree(HOSTILE / "base", folder)
    shutil.copytree(HOSTILE / "cases" / case, folder, dirs_exist_ok=True)
    return folder


def test_call_check_of_a_broken_call_in_french_and_in_english(tmp_path: Path) -> None:
    # tests/hostile/cases/csv-value-off-scale: j1 rates B2 of D01 « 7 » on a 0-4 scale
    folder = _hostile_call(tmp_path, "csv-value-off-scale")
    where = f"{folder / 'ratings' / 'j1.csv'}:3:4"
    code, _, err = _run(["--lang", "fr", "call", "check", str(folder)])
    assert code == 1
    assert (f"Erreur{NBSP}: {where}{NBSP}: «{NBSP}7{NBSP}» n'est pas une valeur de l'échelle "
            "(0\u202f; 1\u202f; 2\u202f; 3\u202f; 4) [value-out-of-scale]") in err
    # j1 declared for the three dossiers rated only D01: « 2 dossiers : D02, D03 »
    assert f"j1 n'a pas encore noté 2 dossiers{NBSP}: D02, D03 [ratings-missing]" in err
    assert "is not a value" not in err and "has not rated" not in err
    code, _, err = _run(["--lang", "en", "call", "check", str(folder)])
    assert code == 1
    assert (f"Error: {where}: '7' is not a value of the scale (0, 1, 2, 3, 4) "
            "[value-out-of-scale]") in err
    assert "j1 has not rated 2 dossiers yet: D02, D03 [ratings-missing]" in err


@pytest.mark.parametrize("case", sorted(p.name for p in (HOSTILE / "cases").iterdir()
                                        if p.is_dir()))
def test_every_diagnostic_of_the_hostile_corpus_is_translatable(tmp_path: Path,
                                                                 case: str) -> None:
    """Each broken call of tests/hostile/cases gives diagnostics whose message is a
    Message with a French translation (or a template that only carries another text)."""
    from isgrid.call.load import load_call
    from isgrid.errors import IsgridError

    folder = _hostile_call(tmp_path, case)
    try:
        diags = load_call(folder).warnings
    except IsgridError as exc:
        diags = exc.diagnostics
    for d in diags:
        assert isinstance(d.message, Message), (case, d.code, d.message)
        if isinstance(d.message, Plural):  # its form for its count, from the catalog
            said = ngettext(*d.message.forms, d.message.n, "fr")
            assert said != d.message.template, (case, d.message)
        elif d.message.template not in PASS_THROUGH:
            assert gettext(d.message.template, "fr") != d.message.template, (case, d.message)


#: Templates that only carry a text made elsewhere (a library's words, a path).
PASS_THROUGH = {"{problem}", "{problem} ({context})", "--amount {problem}"}


def test_pyyaml_and_json_schema_words_in_french(tmp_path: Path) -> None:
    # tests/hostile/cases/yaml-unclosed-flow: call.yaml has `[a, b` then a new key; PyYAML
    # says « expected ',' or ']', but got '<scalar>' (while parsing a flow sequence) »
    folder = _hostile_call(tmp_path, "yaml-unclosed-flow")
    _, _, err = _run(["--lang", "fr", "call", "check", str(folder)])
    assert (f"{NBSP}: ',' ou ']' attendu, mais '<scalar>' trouvé (en lisant une liste entre "
            "crochets) [yaml-syntax]") in err
    _, _, err = _run(["--lang", "en", "call", "check", str(folder)])
    assert ": expected ',' or ']', but got '<scalar>' (while parsing a flow sequence) " in err
    # tests/hostile/cases/wrong-type-fact: amount_requested (a money fact) is « douze mille »,
    # read as every amount is (isgrid.io.numbers.parse_amount)
    folder = _hostile_call(tmp_path, "wrong-type-fact")
    _, _, err = _run(["--lang", "fr", "call", "check", str(folder)])
    assert f"amount_requested{NBSP}: «{NBSP}douze mille{NBSP}» n'est pas un montant [fact-invalid]" in err
    # the JSON Schema's own words, for any other fact
    import jsonschema

    from isgrid.call.dossier_facts import schema_message

    [error] = jsonschema.Draft202012Validator({"type": "number"}).iter_errors("douze")
    assert schema_message(error).translated("fr") == "un nombre attendu, «\xa0douze\xa0» trouvé"


def test_codes_list_in_french_and_the_markdown_reference_in_english() -> None:
    code, out, _ = _run(["--lang", "fr", "codes"])
    assert code == 0
    assert "csv-syntax             sortie 1  Un fichier CSV ne peut pas être lu\n" in out
    code, out, _ = _run(["codes"])
    assert "csv-syntax             exit 1  A CSV file cannot be parsed\n" in out
    code, out, _ = _run(["--lang", "fr", "codes", "--format", "md"])
    assert "| `csv-syntax` | 1 | A CSV file cannot be parsed | Save it again as CSV. |" in out


@pytest.mark.parametrize(("args", "french", "english"), [
    (["score"], "Argument manquant «\xa0APPEL\xa0».", "Missing argument 'FOLDER'."),
    (["score", "/nowhere/x", "--draws", "x"],
     f"Valeur invalide pour «\xa0--draws\xa0»{NBSP}: «\xa0x\xa0» n'est pas un nombre entier.",
     "Invalid value for '--draws': 'x' is not a valid integer range."),
    (["score", "--sensitivty", "x"],
     f"L'option «\xa0--sensitivty\xa0» n'existe pas. Vouliez-vous dire «\xa0--sensitivity\xa0»{NNBSP}?",
     "No such option '--sensitivty'. Did you mean '--sensitivity'?"),
    # click offers two close options: its list in French too (review data22 item 5)
    (["score", "--formt", "json", "x"],
     f"L'option «\xa0--formt\xa0» n'existe pas. (Vouliez-vous dire l'une de ces options{NBSP}: "
     f"«\xa0--force\xa0», «\xa0--format\xa0»{NNBSP}?)",
     "No such option '--formt'. (Did you mean one of: '--force', '--format'?)"),
    (["report", str(EXAMPLES / "alsace-2016"), "--kind", "nope"],
     f"Valeur invalide pour «\xa0--kind\xa0»{NBSP}: «\xa0nope\xa0» n'est pas l'une des valeurs «\xa0committee\xa0»,",
     "Invalid value for '--kind': 'nope' is not one of 'committee',"),
    (["frobnicate"], "La commande «\xa0frobnicate\xa0» n'existe pas.", "No such command 'frobnicate'."),
    # what a new user types for a command that lives elsewhere (review year2, finding 10)
    (["purge", "x"], f"La commande «\xa0purge\xa0» n'existe pas. Vouliez-vous dire «\xa0call purge\xa0»{NNBSP}?",
     "No such command 'purge'. Did you mean 'call purge'?"),
    (["pv", "x"], f"La commande «\xa0pv\xa0» n'existe pas. Vouliez-vous dire «\xa0minutes\xa0»{NNBSP}?",
     "No such command 'pv'. Did you mean 'minutes'?"),
])
def test_clicks_own_errors_in_french(args: list[str], french: str, english: str) -> None:
    import subprocess
    import sys

    def run(lang: str) -> tuple[int, str]:
        # main() frames click's errors (the CliRunner bypasses it): a real process
        done = subprocess.run([sys.executable, "-m", "isgrid", "--lang", lang, *args],
                              capture_output=True, text=True, timeout=60)
        return done.returncode, done.stderr

    code, err = run("fr")
    assert code == 2 and err.startswith(f"Erreur{NBSP}: {french}"), err
    code, err = run("en")
    assert code == 2 and err.startswith(f"Error: {english}"), err


@pytest.mark.parametrize(("env", "said"), [({"LANG": "C.UTF-8"}, "wrote "),
                                           ({"LANG": "fr_FR.UTF-8"}, f"écrit{NBSP}: ")])
def test_every_command_says_what_it_wrote_in_the_command_lines_language(
        tmp_path: Path, env: dict[str, str], said: str) -> None:
    # The call is French (documents in French); the commands' own lines follow the
    # command line's language, the same for the committee report, the minutes, score.
    # The project's one way for a command whose document goes to standard output without
    # -o: with -o, the line goes to standard error and standard output stays empty (assess
    # and compare as the reports; assign, sheets, intake, which always write files, print
    # theirs on standard output).
    alsace = str(EXAMPLES / "alsace-2016")
    answers = tmp_path / "reponses.yaml"
    answers.write_text("answers:\n  AV-1.1: 3\n", encoding="utf-8")
    for args in (["report", alsace, "-o"], ["minutes", alsace, "-o"],
                 ["score", alsace, "--format", "json", "-o"],
                 ["assess", "avise-mouves-2011", str(answers), "-o"],
                 ["compare", "avise-mouves-2011", "alsace-aap-2016", "-o"],
                 ["grids", "show", "avise-mouves-2011", "-o"]):
        out = tmp_path / f"{args[0]}.out"
        code, stdout, err = _run([*args, str(out)], env)
        assert code == 0, err
        assert err.strip().splitlines()[-1] == f"{said}{out}", (args[0], err)
        assert stdout == "", (args[0], stdout)


def test_clicks_list_of_close_commands_in_french() -> None:
    """isgrid's groups offer one command (cli.base.Group); a list click itself writes
    (« (Did you mean one of: 'check', 'chess'?) ») is said in French too (review data22 item 5)."""
    import click

    from isgrid.cli.clickwords import click_message

    said = click.exceptions.NoSuchCommand("chek", possibilities=["check", "chess", "init"])
    text = said.format_message()
    assert text == "No such command 'chek'. (Did you mean one of: 'check', 'chess'?)"
    message = click_message(text, "fr")
    assert message.translated("fr") == (
        f"La commande «{NBSP}chek{NBSP}» n'existe pas. (Vouliez-vous dire l'une de ces "
        f"commandes{NBSP}: «{NBSP}check{NBSP}», «{NBSP}chess{NBSP}»{NNBSP}?)")
    assert message.translated("en") == text
