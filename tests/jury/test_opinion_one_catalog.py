"""The three overall opinions' words are one catalog entry (``locale/common.json``
``opinion.*``) read by one function (:func:`isgrid.jury.common.opinion_word`): the
workbooks, the reports and the workspace said them from three catalogs (report.json,
sheets.json and the workspace's own texts) through two ``opinion_words`` functions, each a
place to forget when a word changes (review s12 F7)."""

from __future__ import annotations

import json

import pytest

from isgrid.i18n import domains, locale_dir
from isgrid.jury.common import OPINIONS, opinion_word, opinion_words
from isgrid.workspace import texts
from isgrid.workspace.texts import TEXTS, opinion_label, opinion_said


def test_only_the_common_catalog_says_the_opinions() -> None:
    holders = []
    for domain in domains():
        data = json.loads((locale_dir() / f"{domain}.json").read_text(encoding="utf-8"))
        if any(k in data[lang] for lang in ("fr", "en") for k in (
                "opinion.favorable", "opinion.réservé", "opinion.défavorable")):
            holders.append(domain)
    assert holders == ["common"]
    assert not [k for k in TEXTS if k.startswith("opinion.")]
    assert not hasattr(texts, "opinion_words")  # one function that names the three


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", ("favorable", "réservé", "défavorable")),
    ("en", ("favourable", "reserved", "unfavourable")),
])
def test_one_word_for_each_opinion_everywhere(lang: str, words: tuple[str, str, str]) -> None:
    assert tuple(opinion_word(o, lang) for o in OPINIONS) == words
    assert opinion_words(lang) == dict(zip("abc", words, strict=True))
    # the workspace's buttons: the same words with a capital
    assert [opinion_label(o, lang) for o in OPINIONS] == [w[0].upper() + w[1:] for w in words]
    assert opinion_said(lang, "Defavorable") == words[2][0].upper() + words[2][1:]
    assert opinion_said(lang, "positive") == "positive"


def test_no_catalog_text_spells_the_three_opinions_again() -> None:
    # the workbook's refusal of a typed opinion (sheets.json dv.error.opinion) said
    # « favorable, réservé ou défavorable » in its own words: it names them {a}, {b}, {c}
    spelled = []
    for domain in domains():
        data = json.loads((locale_dir() / f"{domain}.json").read_text(encoding="utf-8"))
        for lang, words in (("fr", ("favorable", "réservé", "défavorable")),
                            ("en", ("favourable", "reserved", "unfavourable"))):
            spelled += [f"{domain}:{lang}:{k}" for k, v in data[lang].items()
                        if isinstance(v, str) and all(w in v.lower() for w in words)]
    assert spelled == []
