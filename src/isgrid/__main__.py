"""``python -m isgrid``."""

from .cli import main

main()
