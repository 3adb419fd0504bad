"""The names ``isgrid call purge`` looks for, and what it writes in their place.

:class:`_Names`: every purged name wherever a sentence writes it, and its pseudonym there
(an office with its article); :class:`_Values`: the removed contact values, looked for in
every file.  Split from :mod:`isgrid.call.purge`.
"""

from __future__ import annotations

import re

#: The pseudonyms of a chair and a secretary who are no member nor assessor (call.yaml's
#: meeting.chair, the journal's ``by``: what the minutes read as the office)...
CHAIR = "Présidence de séance"
SECRETARY = "Secrétariat de séance"
#: ... and the words that stand for them in a sentence (a reason, a motivation, a
#: comment), in the call's language: « après l'audition par la présidence de séance ».
OFFICE_TEXTS = {"fr": {CHAIR: "la présidence de séance", SECRETARY: "le secrétariat de séance"},
                "en": {CHAIR: "the meeting's chair", SECRETARY: "the meeting's secretary"}}
#: What stands, in a journal entry's text, for an applicant's contact value the purge
#: removed from the dossiers (the journal cannot be edited by hand: the purge writes it).
CONTACT_TEXTS = {"fr": "[coordonnées retirées par la purge]",
                 "en": "[contact details removed by the purge]"}


#: The civilities a name may be written with: « Mme Schaeffer », « M. Hélène… ».
_CIVILITY = r"(?:M\.|Mme|Mlle|Madame|Monsieur|Mademoiselle)"


class _Names:
    """The purged names wherever they are written: as in call.yaml, or without a
    closing parenthesis (« Julien Roth » for « Julien Roth (Mission ESS) »), after a
    civility (« Mme Hélène Schaeffer »), or as a civility and the words after the first
    name (« Mme Schaeffer », « M. Le Gall ») when no other purged name ends so; in any
    case and spacing, never inside a longer word (« Jean-Marie » is not « Marie ») or an
    address (« marie.muller@… »)."""

    def __init__(self, names: dict[str, str], lang: str = "fr") -> None:
        # the office a chair or secretary who is no member is given, in a sentence: with
        # its article (« l'audition par la présidence de séance », « du secrétariat »)
        self.lang = lang
        self.texts = dict(OFFICE_TEXTS.get(lang, OFFICE_TEXTS["fr"]))
        whole = {(form, alias) for real, alias in names.items()
                 for form in (real, _bare(real))
                 if len(form.strip()) >= 3}  # not « M. » nor « A »
        # « Mme Schaeffer »: the surname of one purged name only (two Schaeffer: neither;
        # a chair written « Mme Schaeffer » is that name itself)
        surnames: dict[str, tuple[str, set[str], bool]] = {}
        for real, alias in names.items():
            first, *rest = _bare(real).split() or [""]
            spelled, aliases, civility = surnames.setdefault(
                " ".join(rest).casefold(), (" ".join(rest), set(), False))
            surnames[spelled.casefold()] = (spelled, {*aliases, alias}, civility or bool(
                re.fullmatch(_CIVILITY, first, re.IGNORECASE)))
        # (a chair written « Mme Schaeffer » that is the member Hélène Schaeffer has her
        # pseudonym: one alias; one that is no member's, the office: one alias too)
        civil = sorted(((spelled, next(iter(aliases)))
                        for spelled, aliases, civility in surnames.values()
                        if len(spelled) >= 3 and len(aliases) == 1),
                       key=lambda f: (-len(f[0]), f))
        forms = [(f"(?:{_CIVILITY}\\s+)?" + _words(form), alias)
                 for form, alias in sorted(whole, key=lambda f: (-len(f[0]), f))]
        forms += [(f"{_CIVILITY}\\s+" + _words(rest), alias) for rest, alias in civil]
        self.aliases = [alias for _, alias in forms]
        # never inside an address either: « marie.muller@… » is not « Marie »
        # « de »/« à » before a name kept with it: « de M. Roth » -> « du secrétariat… »
        self.pattern = re.compile(r"(?:(?P<pre>(?<![\w@.-])(?:de|à))\s+)?(?<![\w@.-])(?:"
                                  + "|".join(
            f"(?P<n{i}>{source})" for i, (source, _) in enumerate(forms))
            + r")(?![\w@-]|\.\w)", re.IGNORECASE) if forms else None

    def search(self, text: str) -> bool:
        return self.pattern is not None and self.pattern.search(text) is not None

    def alias(self, m: re.Match[str]) -> str:
        """The pseudonym of the name ``m`` found, and the « de »/« à » before it: an office
        in a sentence with its article, capitalised where a sentence starts."""
        name = m.lastgroup or "n0"
        alias = self.aliases[int(name[1:])]
        before = m.string[m.start():m.start(name)]
        text = self.texts.get(alias)
        if text is None:
            return before + alias
        if m.group("pre") is not None:
            pre = m.group("pre")
            if text.startswith("le "):  # « de le » -> « du », « à le » -> « au »
                contracted = {"de": "du", "à": "au"}[pre.casefold()]
                return (contracted.capitalize() if pre[0].isupper() else contracted) \
                    + " " + text[3:]
            return before + text
        head = m.string[max(0, m.start() - 80):m.start()].rstrip()
        starts = (not head and m.start() <= 80) or head.endswith((".", "!", "?", "#", "«"))
        return text[0].upper() + text[1:] if starts else text

    def found(self, text: str) -> list[tuple[int, str]]:
        """(index, name) of each purged name written in ``text``."""
        return [(m.start(m.lastgroup or "n0"), m.group(m.lastgroup or "n0"))
                for m in self.pattern.finditer(text)] if self.pattern is not None else []

    def sub(self, text: str) -> str:
        """``text`` with every purged name written in it replaced by its pseudonym."""
        return self.pattern.sub(self.alias, text) if self.pattern is not None else text


def _bare(name: str) -> str:
    """The name without its closing parenthesis: « Julien Roth » for « Julien Roth (…) »."""
    return re.sub(r"\s*\([^()]*\)$", "", name)


def _words(form: str) -> str:
    return r"\s+".join(map(re.escape, form.split()))


class _Values:
    """The removed contact values, looked for in every file (a national call's thousands of
    addresses in its thousands of files).

    Not one regular expression alternating them all: Python's ``re`` tries the alternatives
    one after another at each position (20 ms a 2 kB file with 4,000 addresses: half an
    hour for a national call).  The values are indexed by their first characters
    (:data:`HEAD`); each position of a text looks up its own in that index, then checks the
    few values there, longest first: what the alternation found (the leftmost value, the
    longest at a position, then after it), in time linear in the text."""

    HEAD = 3

    def __init__(self, values: list[str]) -> None:
        self.by_head: dict[str, list[str]] = {}
        for v in sorted({v for v in values if v}, key=lambda v: (-len(v), v)):
            self.by_head.setdefault(v[:self.HEAD], []).append(v)
        self.lengths = sorted({len(h) for h in self.by_head}, reverse=True)

    def _at(self, text: str, i: int) -> str | None:
        """The longest removed value written at ``text[i:]``, or None."""
        for n in self.lengths:
            for v in self.by_head.get(text[i:i + n], ()):
                if text.startswith(v, i):
                    return v
        return None

    def search(self, text: str) -> bool:
        return bool(self.by_head) and any(self._at(text, i) is not None
                                          for i in range(len(text)))

    def found(self, text: str) -> list[tuple[int, str]]:
        """(index, value) of each removed value written in ``text``."""
        out: list[tuple[int, str]] = []
        if not self.by_head:
            return out
        i = 0
        while i < len(text):
            v = self._at(text, i)
            if v is None:
                i += 1
            else:
                out.append((i, v))
                i += len(v)
        return out

    def sub(self, text: str, by: str) -> str:
        """``text`` with every removed value written in it replaced by ``by``."""
        out, at = [], 0
        for i, v in self.found(text):
            out += [text[at:i], by]
            at = i + len(v)
        return "".join(out) + text[at:] if out else text
