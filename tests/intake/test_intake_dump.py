"""``intake`` writes a dossier file with libyaml's emitter when its texts are plain, and
the bytes are PyYAML's own emitter's either way: the files do not change with the
emitter that wrote them."""

from __future__ import annotations

import random

import pytest
import yaml

from isgrid.intake import refresh
from isgrid.intake.mapping import IntakeDossier
from isgrid.intake.refresh import _dump, _dumper, _plain_text

D = IntakeDossier("DN-1", 1, "en_instruction", "t", {})

ALPHABET = [*"ab :#-'\"\\,[]{}&*!|>%@`?~.01239eE+_é«»€/=()",
            "\u00a0", "\u202f", "\u00ad", "\u0301", "ß", "Ω", "中", "\uff01", "\u3000",
            "\ue000", "😀", "\n", "\t", "\r", "\x85", "\u2028", "\ufeff", "\u200b", "\x07"]


def python_emitter(data: dict) -> bytes:
    text = yaml.dump(data, Dumper=refresh._Dumper, allow_unicode=True, sort_keys=False,
                     width=100)
    return (refresh.HEADER.format(number=D.number, state="en instruction") + text).encode("utf-8")


@pytest.mark.skipif(refresh._C_DUMPER is None, reason="PyYAML without libyaml")
def test_the_bytes_are_the_python_emitters_whichever_writes_them() -> None:
    rng = random.Random(20261203)
    by_c = 0
    for i in range(6000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, rng.choice((8, 40, 160)))))
        data = {"id": f"DN-{i}", "title": text, "amount_requested": rng.choice((25000, 1.5, None)),
                "partners": [{"name": text[:9], "type": "asso"}], "ess": rng.random() < 0.5}
        assert _dump(D, data) == python_emitter(data), repr(text)
        by_c += _dumper(data) is refresh._C_DUMPER
    assert 1000 < by_c < 6000  # both emitters were used


def test_plain_text_is_printable_text_of_the_basic_plane() -> None:
    assert _plain_text({"title": "Épicerie « bio », 25\u202f000\u00a0€", "n": [1, "a"]})
    assert not _plain_text({"title": "deux\nlignes"})
    assert not _plain_text({"title": "😀"})  # libyaml escapes it
    assert not _plain_text({"t": ["ok", "\u2028"]})
    assert not _plain_text({"\ufeffid": "x"})  # keys too


def test_a_text_holding_nel_reads_back_as_written() -> None:
    # U+0085 (NEL) is a line break to a YAML reader: written plain or between single
    # quotes it came back as a space; it is written between double quotes (\N)
    from isgrid.errors import Collector
    from isgrid.io.yamlio import parse_yaml

    for text in ("a\x85b", "\x85", "Projet\x85 de quartier, « bio »"):
        data = {"id": "DN-1", "title": text, "note": "simple"}
        written = _dump(D, data).decode("utf-8")
        doc = parse_yaml(written, "d.yaml", Collector())
        assert doc is not None and doc.data == data, written
        assert "note: simple" in written  # other texts as before
