"""The command line (see :mod:`isgrid.cli.main`); the feature commands are in this package."""

from .main import LAZY_COMMANDS, State, cli, document_lang, main

__all__ = ["LAZY_COMMANDS", "State", "cli", "document_lang", "main"]
