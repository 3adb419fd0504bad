"""The French guide's prose keeps French typography's spaces, as isgrid's French output
does (:func:`isgrid.i18n.french_spacing`, one rule): a no-break space (U+00A0) before « : »
and inside « », a narrow one (U+202F) before « ; ! ? % € » and between thousands
(« 27 000 € », as :mod:`isgrid.documents.typography` groups them).  A plain space there
lets a line break before « : » or after «, or inside an amount, in a reader's window.

What a user types or compares stays as written: fenced blocks (commands, the answers the
guide walk compares, files), `code spans` and headings (their anchors).  Run as a script, this file writes the rule
into docs/fr (``python tests/documents/test_guide_fr_spacing.py``)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from isgrid.i18n import french_spacing

GUIDES = Path(__file__).resolve().parents[2] / "docs" / "fr"

#: a fenced block, whole (as the guide walk reads them), or a `code span` (on one line or two)
_CODE = re.compile(r"^```.*?^```$|`[^`]*`", flags=re.S | re.M)
#: a line break where a no-break space is wanted: before a mark that ends a word, after «,
#: before »
#: a plain space between thousands (« 27 000 »), but for what a user may type as it is
#: quoted (isgrid's own hint « Écrivez un nombre : 150000 ou 150 000. »)
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?: \d{3})+)(?![\d,])(?<!150000 ou 150 000)")
_BROKEN = re.compile(r"\n[ \t]*[:;!?»](?:\s|$)|«[ \t]*\n")


def prose(text: str) -> list[str]:
    """The parts of a chapter outside code, in order (the code between them left out)."""
    return _CODE.split(text)


def spaced(text: str) -> str:
    """``text`` with its prose as :func:`french_spacing` writes it, its code as written."""
    codes = _CODE.findall(text)
    parts = [_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", "\u202f"),
                            french_spacing(part)) for part in prose(text)]
    out = "".join(p + c for p, c in zip(parts, [*codes, ""], strict=True))
    # a heading keeps its plain spaces: its anchor is made from them, and links point at
    # it (« preparer-un-appel.md#7-un-appel-en-deux-temps--présélection-auditions »);
    # a renderer that drops a no-break space from the anchor would break them
    return "\n".join(o if not t.startswith("#") else t
                     for o, t in zip(out.split("\n"), text.split("\n"), strict=True))


def test_prose_and_code_are_told_apart() -> None:
    text = ("Ajoutez : `place: Strasbourg` ; puis\n```\nisgrid call check appel\n```\n"
            "« oui » ?")
    assert prose(text) == ["Ajoutez : ", " ; puis\n", "\n« oui » ?"]
    assert spaced("de 1 200 000 € ; écrivez 150000 ou 150 000.") == (
        "de 1\u202f200\u202f000\u202f€\u202f; écrivez 150000 ou 150 000.")
    assert spaced("## 7. Deux temps : présélection\nDeux temps : oui") == (
        "## 7. Deux temps : présélection\nDeux temps\u00a0: oui")
    assert spaced(text) == ("Ajoutez\u00a0: `place: Strasbourg`\u202f; puis\n"
                            "```\nisgrid call check appel\n```\n"
                            "«\u00a0oui\u00a0»\u202f?")


@pytest.mark.parametrize("name", sorted(p.name for p in GUIDES.glob("*.md")))
def test_the_guide_prose_has_french_spaces(name: str) -> None:
    text = (GUIDES / name).read_text(encoding="utf-8")
    wrong = [line for want, line in zip(spaced(text).splitlines(), text.splitlines(),
                                        strict=True) if want != line]
    assert not wrong, (f"{name}: a plain space before : ; ! ? % €, inside « » or an "
                       "amount:\n" + "\n".join(wrong))
    broken = [m.group(0) for part in prose(text) for m in _BROKEN.finditer(part)]
    assert not broken, f"{name}: a line break before : ; ! ? » or after «: {broken}"


if __name__ == "__main__":
    for path in sorted(GUIDES.glob("*.md")):
        old = path.read_text(encoding="utf-8")
        new = spaced(old)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(path.name, file=sys.stderr)
