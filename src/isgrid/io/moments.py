"""Recorded moments (the journal's ``at``, a vote's ``--at``, the workspace's times) read
on the call's calendar: the one parsing of a moment, and its day.  Below every stage (the
loader's ``deliberation-dates`` warning, the engine's vote days and the documents read it),
so it imports nothing of isgrid's; the documents say the moment in words
(:func:`isgrid.documents.typography.moment_words`)."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

#: A moment typed by a person: a day (``15/12/2026`` or ``2026-12-15``), then an hour
#: (``18:00``, ``18h00``, ``18 h 00``, ``18h``, after an optional « à », or ``T18:00``)
_TYPED = re.compile(
    r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"(?:(?:\s+(?:à\s+)?|T)(?P<H>\d{1,2})\s*(?::\s*(?P<M>\d{2})|[hH]\s*(?P<hM>\d{2})?))?",
    re.IGNORECASE)


class NoTime(ValueError):
    """A moment typed as a day alone (« 15/12/2026 »): which time of it is not said."""


def typed_moment(raw: str, zone: str) -> datetime:
    """A moment a person typed, read on the call's clock (``zone``): « 15/12/2026 18:00 »,
    « 15/12/2026 18h00 », « 15/12/2026 à 18 h 00 » (how the workspace itself writes an
    hour), « 15/12/2026 18h », ``2026-12-15 18:00``; :class:`NoTime` for a day alone,
    ValueError for anything else (« 31/02/2026 10:00 » included).  The one reading of a
    typed deadline (the jury workspace's)."""
    found = _TYPED.fullmatch(raw.strip())
    if found is None:
        raise ValueError(raw)
    g = found.groupdict()
    y, m, d = (int(g["y"]), int(g["m"]), int(g["d"])) if g["y"] else (
        int(g["iy"]), int(g["im"]), int(g["id"]))
    date(y, m, d)  # ValueError for a day that does not exist
    if g["H"] is None:
        raise NoTime(raw)
    minute = g["M"] or g["hM"] or "0"
    return datetime(y, m, d, int(g["H"]), int(minute), tzinfo=ZoneInfo(zone))


def iso_ymd(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO date or date-time text, or None."""
    if not value:
        return None
    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return d.year, d.month, d.day


def moment(when: datetime | float | str | None, zone: str | None) -> datetime | None:
    """``when`` as a time of day at the call's clock (``zone``; None: as it says), or None
    for a date alone or a text that is no ISO date-time: the one parsing of a recorded
    moment that isgrid.documents.typography.moment_words and :func:`moment_day` read."""
    if isinstance(when, int | float) and not isinstance(when, bool):
        when = datetime.fromtimestamp(when, ZoneInfo(zone or "UTC"))
    if not isinstance(when, datetime):
        text = str(when or "")
        rest = text[10:]
        if iso_ymd(text) is None or not (len(rest) >= 6 and rest[0] in "T " and rest[3] == ":"):
            return None
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            ymd = iso_ymd(text)
            assert ymd is not None
            when = datetime(*ymd, int(rest[1:3]), int(rest[4:6]))
    if zone is not None and when.tzinfo is not None:
        when = when.astimezone(ZoneInfo(zone))
    return when


def moment_day(when: datetime | float | str | None, zone: str | None) -> str | None:
    """The call's day (``YYYY-MM-DD``) of a recorded moment, None when it is no date: a
    moment that says where it is (an ISO text ending in ``Z`` or an offset, seconds since
    the epoch, a datetime with its zone) on the call's calendar (``zone``: call.yaml's
    ``timezone``, Europe/Paris unless it says another), so ``--at 2026-03-14T23:30Z`` is
    15 March in Paris (UTC+1 in winter) and 14 March in Cayenne (UTC-3); a date alone
    (``2026-03-14``) or a time that says no zone, as written.  The one rule of « the day a
    moment was recorded »: a vote's deliberation day
    (:func:`isgrid.call.deliberations.day`: the ``deliberation-dates`` warning, the
    minutes, letters and annexes), a withdrawal's day; it reads the moment as
    isgrid.documents.typography.moment_words does (the same day, said in words)."""
    at = moment(when, zone)
    if at is not None:
        return at.date().isoformat()
    ymd = iso_ymd(str(when)) if isinstance(when, str) else None
    return None if ymd is None else date(*ymd).isoformat()
