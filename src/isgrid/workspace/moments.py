"""The times the jury workspace says: a moment in the page's words, in the call's time zone
(call.yaml's ``timezone``), and the submission deadline as its form field shows and reads
it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ..documents.typography import moment_words
from ..io.moments import typed_moment


def fmt_time(epoch: float | None, lang: str = "fr", zone: str = "Europe/Paris") -> str:
    """A time as the pages say it, in the call's time zone (call.yaml's ``timezone``):
    « 5 décembre 2026 à 22 h 19 », "5 December 2026 at 22:19"
    (:func:`isgrid.documents.typography.moment_words`); '' for none."""
    return "" if epoch is None else moment_words(epoch, lang, zone)


#: The forms of a deadline the secretariat may type (in the call's time zone).
DEADLINE_FORMS = ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M")


def deadline_field(epoch: float | None, lang: str = "fr", zone: str = "Europe/Paris") -> str:
    """The deadline as its form field shows it, in the call's time zone: « 05/12/2026 22:19 »
    in French, ``2026-12-05 22:19`` in English; '' for none."""
    if epoch is None:
        return ""
    when = datetime.fromtimestamp(epoch, tz=ZoneInfo(zone))
    return when.strftime(DEADLINE_FORMS[0] if lang == "fr" else DEADLINE_FORMS[1])


def parse_deadline(raw: str, zone: str = "Europe/Paris") -> float:
    """The deadline typed in the form (« 05/12/2026 22:19 », « 05/12/2026 22h19 »,
    ``2026-12-05 22:19``: :func:`isgrid.io.moments.typed_moment`, read in the call's time
    zone) as the moment it is (UTC seconds, as stored); :class:`~isgrid.io.moments.NoTime`
    for a day alone, ValueError if no form reads it."""
    return typed_moment(raw, zone).timestamp()
