"""click's own words in the command line's language: its error messages
(:data:`CLICK_WORDS`, :func:`click_message`) and the metavars of its usage lines and help
(:data:`METAVAR_WORDS`, :func:`metavar_words`), read by :mod:`isgrid.cli.base`'s commands
and groups and by :func:`isgrid.cli.main.main`."""

from __future__ import annotations

import re

from ..errors import Message
from ..i18n import N_, gettext
from ..messages import Quote, Quotes, Words, worded, words

#: click's own words for the commonest command-line mistakes (a missing argument, an
#: unknown option, a value not among the choices...), as message templates whose English
#: is click's own (a named group becomes the placeholder of the same name), so that they
#: can be shown in French; any other click message stays as click wrote it.
CLICK_WORDS: Words = words((
        (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
        (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
        (r"Missing command\.", N_("Missing command.")),
        (r"No such option (?P<name>'.+?')\. Did you mean (?P<option>\S+)\?",
         N_("No such option {name}. Did you mean {option}?")),
        # click >= 8.3 offers several close options (« --formt »: « --force », « --format »)
        (r"No such option (?P<name>'.+?')\. \(Did you mean one of: (?P<options>.+)\?\)",
         N_("No such option {name}. (Did you mean one of: {options}?)")),
        (r"No such option (?P<name>'.+?')\. \(Possible options: (?P<options>.+)\)",
         N_("No such option {name}. (Possible options: {options})")),
        (r"No such option (?P<name>'.+?')\.", N_("No such option {name}.")),
        (r"No such command (?P<name>'.+?')\. Did you mean (?P<command>'.+?')\?",
         N_("No such command {name}. Did you mean {command}?")),
        # isgrid's groups offer one command (cli.base.Group); click's own offer several
        (r"No such command (?P<name>'.+?')\. \(Did you mean one of: (?P<commands>.+)\?\)",
         N_("No such command {name}. (Did you mean one of: {commands}?)")),
        (r"No such command (?P<name>'.+?')\.", N_("No such command {name}.")),
        (r"Got unexpected extra argument \((?P<args>.+)\)",
         N_("Got unexpected extra argument ({args})")),
        (r"Got unexpected extra arguments \((?P<args>.+)\)",
         N_("Got unexpected extra arguments ({args})")),
        (r"Option (?P<name>'.+?') requires an argument\.",
         N_("Option {name} requires an argument.")),
        (r"Option (?P<name>'.+?') does not take a value\.",
         N_("Option {name} does not take a value.")),
        (r"Invalid value for (?P<name>.+?): (?P<problem>.+)",
         N_("Invalid value for {name}: {problem}")),
        (r"(?P<value>'.*') is not one of (?P<choices>.+)\.",
         N_("{value} is not one of {choices}.")),
        (r"(?P<value>'.*') is not (?P<choice>'.*')\.", N_("{value} is not {choice}.")),
        (r"(?P<value>'.*') is not a valid integer\.", N_("{value} is not a valid integer.")),
        (r"(?P<value>'.*') is not a valid integer range\.",
         N_("{value} is not a valid integer range.")),
        (r"(?P<value>'.*') is not a valid float range\.",
         N_("{value} is not a valid float range.")),
        (r"(?P<value>'.*') is not a valid float\.", N_("{value} is not a valid float.")),
        (r"(?P<value>.+) is not in the range (?P<range>.+)\.",
         N_("{value} is not in the range {range}.")),
        (r"(?P<value>'.*') is not a valid boolean\. Recognized values: (?P<states>.+)",
         N_("{value} is not a valid boolean. Recognized values: {states}")),
        (r"File (?P<path>'.+') does not exist\.", N_("File {path} does not exist.")),
        (r"Directory (?P<path>'.+') does not exist\.", N_("Directory {path} does not exist.")),
        (r"Path (?P<path>'.+') does not exist\.", N_("Path {path} does not exist.")),
        (r"File (?P<path>'.+') is a directory\.", N_("File {path} is a directory.")),
        (r"Directory (?P<path>'.+') is a file\.", N_("Directory {path} is a file.")),
    ), re.DOTALL)


def click_message(text: str, lang: str = "en") -> Message:
    """One of click's error messages as a :class:`Message` (see :data:`CLICK_WORDS`); the
    problem after « Invalid value for X: » is looked up too, and an argument named by its
    metavar (« Missing argument 'FOLDER'. ») is named as the usage line names it in
    ``lang`` (« 'APPEL' », :func:`metavar_words`)."""
    return _requoted(worded(CLICK_WORDS, text, "problem"), lang)


_ONE = re.compile(r"'([^'\n]*)'")
_MANY = re.compile(r"'[^'\n]*'(?:, '[^'\n]*')+")


def _requoted(message: Message, lang: str) -> Message:
    """``message`` with the values click wrote between Python's quotes (« 'chek' »,
    « 'a', 'b' ») as :class:`~isgrid.messages.Quote` writes them in each language (« chek »
    in French), an argument's metavar in ``lang``'s words."""
    if not message.values:
        return message
    values: dict[str, object] = {}
    for key, value in message.values.items():
        if isinstance(value, Message):
            values[key] = _requoted(value, lang) if type(value) is Message else value
        elif (one := _ONE.fullmatch(value)) is not None:
            inner = one[1]
            if key == "name" and lang != "en" and not inner.startswith("-"):
                inner = metavar_words(inner, lang)
            values[key] = Quote(inner)
        elif _MANY.fullmatch(value):
            values[key] = Quotes(_ONE.findall(value))
        elif key == "name" and lang != "en":
            values[key] = metavar_words(value, lang)
        else:
            values[key] = value
    return Message(message.template, **values)


#: The words of a metavar that French help writes in French: click's names of the types
#: of values (PATH, INTEGER...), isgrid's arguments (FOLDER, GRID...) and the usage line's
#: [OPTIONS] COMMAND [ARGS]....  Anything else (the values of a choice, « [fr|en] »,
#: which are what one types; POUR/CONTRE/ABST) is shown as it is.
METAVAR_WORDS = frozenset((
    N_("PATH"), N_("DIRECTORY"), N_("FILE"), N_("TEXT"), N_("INTEGER"), N_("INTEGER RANGE"),
    N_("FLOAT"), N_("FLOAT RANGE"), N_("BOOLEAN"), N_("FOLDER"), N_("GRID"), N_("GRIDS"),
    N_("GRID_FILES"), N_("FILES"), N_("DOSSIER"), N_("CRITERION"), N_("VALUE"), N_("RECORD"),
    N_("ANSWERS"), N_("HASH"), N_("URL"), N_("YYYY-MM-DD"), N_("OPTIONS"), N_("COMMAND"),
    N_("ARGS"), N_("FOR"), N_("AGAINST"), N_("ENTRY"), N_("DIR"), N_("ADDRESS"), N_("OLD"),
    N_("REF"),
))
_METAVAR_WORD = re.compile(r"YYYY-MM-DD|[A-Z][A-Z_]*(?: RANGE)?")


def metavar_words(metavar: str, lang: str) -> str:
    """A metavar, a usage line's piece or an option's names (« -o, --output PATH ») with
    the words of :data:`METAVAR_WORDS` in ``lang``: « CHEMIN », « [OPTIONS] APPEL »."""
    if lang == "en":
        return metavar
    return _METAVAR_WORD.sub(
        lambda m: gettext(m[0], lang) if m[0] in METAVAR_WORDS else m[0], metavar)
