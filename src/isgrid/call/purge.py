"""``isgrid call purge CALL``: personal data out of a call once its retention period is over.

What goes (``docs/personal-data.md``):

* jurors' and members' names: pseudonymised in call.yaml (``assessors[].name``,
  ``meeting.members[].name`` and the names that refer to them, ``chair``,
  ``secretary``) as « Juré 1 », « Instructeur 1 », « Membre 1 »…;
* comments: the ``comment`` column of ``ratings/*.csv`` and ``opinions/*.csv``
  emptied; ``opinions/replaced/`` (the dated copies) removed;
* applicants' contact facts: the keys named by ``retention.contact_facts``
  removed from ``dossiers/*.yaml``;
* the journal: ``by`` pseudonymised where it names a juror or member, the chain
  re-sealed (every ``prev``/``hash`` recomputed), then a ``purge`` entry
  recording the head before the purge, so the signed minutes' head stays linked.

What stays: the dossiers' other facts, every rating value (jurors by their
ids), the decisions and their reasons, amounts: ``isgrid score`` gives the
same ranking after the purge.  ``retention.months`` counts from
``retention.since``, else from the vote's date (``meeting.vote.date``), else
the meeting's date.  Nothing is changed without ``apply``; every file is
written atomically, the journal last.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import CallError, Diagnostic, Location, Message, UsageError
from ..io.folder import OPINIONS_DIR, RATINGS_DIR, inside
from ..io.write import atomic_write, neutralise_row
from .journal import GENESIS, canonical, entry_hash, journal_path, read_journal, sha256


@dataclass
class PurgePlan:
    due: dt.date | None
    today: dt.date
    names: dict[str, str] = field(default_factory=dict)  # real name -> pseudonym
    comments: dict[str, int] = field(default_factory=dict)  # file -> comments emptied
    contact: dict[str, list[str]] = field(default_factory=dict)  # dossier file -> facts
    removed: list[str] = field(default_factory=list)  # files or folders removed
    journal_by: int = 0  # journal entries whose `by` is pseudonymised
    head_before: str | None = None
    applied: bool = False

    @property
    def is_due(self) -> bool:
        return self.due is not None and self.today >= self.due


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError  # pragma: no cover


def _start(cfg: dict[str, Any]) -> str | None:
    ret = cfg.get("retention") or {}
    meeting = cfg.get("meeting") or {}
    vote = meeting.get("vote") or {}
    for v in (ret.get("since"), vote.get("date"), meeting.get("date")):
        if v:
            return str(v)[:10]
    return None


def purge(folder: Path | str, *, apply: bool = False, today: dt.date | None = None,
          force: bool = False) -> PurgePlan:
    """What the purge removes (and, with ``apply``, remove it)."""
    from .load import load_call

    folder = Path(folder)
    call = load_call(folder)  # refuses a call with errors: purge a call that loads
    call_file = folder / "call.yaml"
    retention = call.config.retention
    if retention is None:
        raise UsageError("no retention", [Diagnostic(
            "call-invalid", Message("call.yaml has no retention block"), Location(
                str(call_file), key_path="retention"),
            hint="retention: {months: 12, contact_facts: [email, phone]} "
            "(docs/personal-data.md).")])
    cfg = yaml.safe_load(call_file.read_text(encoding="utf-8"))
    start = _start(cfg)
    plan = PurgePlan(_add_months(dt.date.fromisoformat(start), retention.months)
                     if start else None, today or dt.date.today())
    names = _pseudonyms(cfg)
    plan.names = names
    writes: list[tuple[Path, bytes]] = []
    new_cfg = _purge_config(cfg, names)
    if new_cfg != cfg:
        writes.append((call_file, _yaml(new_cfg, call_file)))
    for sub in (RATINGS_DIR, OPINIONS_DIR):
        d = folder / sub
        if not d.is_dir():
            continue
        for path in sorted(d.glob("*.csv")):
            if not inside(folder, path):
                continue
            data, n = _empty_comments(path)
            if n:
                plan.comments[str(path.relative_to(folder))] = n
                writes.append((path, data))
    replaced = folder / OPINIONS_DIR / "replaced"
    if replaced.is_dir() and inside(folder, replaced):
        plan.removed.append(str(replaced.relative_to(folder)))
    if retention.contact_facts and (folder / "dossiers").is_dir():
        for path in sorted((folder / "dossiers").glob("*.y*ml")):
            if not inside(folder, path):
                continue
            text = path.read_text(encoding="utf-8")
            data = yaml.safe_load(text)
            if not isinstance(data, dict):
                continue
            gone = [k for k in retention.contact_facts if k in data]
            if gone:
                plan.contact[str(path.relative_to(folder))] = gone
                for k in gone:
                    del data[k]
                writes.append((path, _yaml(data, path)))
    journal = _reseal(folder, names, plan, retention.months, start)
    if not apply:
        return plan
    if not plan.is_due and not force:
        due = plan.due.isoformat() if plan.due else "?"
        raise UsageError("not due", [Diagnostic(
            "purge-not-due", Message("the retention period runs until {date}", date=due)
            if plan.due else Message("the retention period has no start date"), Location(str(call_file),
                                                               key_path="retention"),
            hint=None if plan.due else "Give retention.since (YYYY-MM-DD) or meeting.vote.date.")])
    for path, data in writes:
        atomic_write(path, data)
    for rel in plan.removed:
        shutil.rmtree(folder / rel)
    if journal is not None:
        atomic_write(journal_path(folder), journal)
    plan.applied = True
    return plan


def _yaml(data: Any, path: Path) -> bytes:
    head = "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines()
                   if line.startswith("#"))  # keep the file's leading comments
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return (head + body).encode("utf-8")


def _pseudonyms(cfg: dict[str, Any]) -> dict[str, str]:
    """Each real name of call.yaml -> « Juré 1 », « Instructeur 1 », « Membre 1 »…"""
    out: dict[str, str] = {}
    counts: dict[str, int] = {}

    def give(name: Any, kind: str) -> None:
        if not isinstance(name, str) or not name.strip() or name in out:
            return
        counts[kind] = counts.get(kind, 0) + 1
        out[name] = f"{kind} {counts[kind]}"

    for a in cfg.get("assessors") or []:
        if isinstance(a, dict):
            give(a.get("name"), "Instructeur" if a.get("role") == "instructeur" else "Juré")
    meeting = cfg.get("meeting") or {}
    for m in meeting.get("members") or []:
        if isinstance(m, dict):
            give(m.get("name"), "Membre")
    for key, kind in (("chair", "Président·e de séance"), ("secretary", "Secrétaire")):
        if meeting.get(key) and meeting[key] not in out:
            out[meeting[key]] = kind
    return {real: alias for real, alias in out.items() if real != alias}  # already purged


def _purge_config(cfg: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    import copy

    new = copy.deepcopy(cfg)
    for a in new.get("assessors") or []:
        if isinstance(a, dict) and a.get("name") in names:
            a["name"] = names[a["name"]]
    meeting = new.get("meeting") or {}
    for m in meeting.get("members") or []:
        if isinstance(m, dict) and m.get("name") in names:
            m["name"] = names[m["name"]]
    for lst in ("interests", "left_room"):
        for x in meeting.get(lst) or []:
            if isinstance(x, dict) and x.get("member") in names:
                x["member"] = names[x["member"]]
            if isinstance(x, dict) and "text" in x:
                x.pop("text")
    for key in ("chair", "secretary"):
        if meeting.get(key) in names:
            meeting[key] = names[meeting[key]]
    return new


def _empty_comments(path: Path) -> tuple[bytes, int]:
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    if not rows or "comment" not in [c.strip().casefold() for c in rows[0]]:
        return raw, 0
    i = [c.strip().casefold() for c in rows[0]].index("comment")
    n = 0
    for row in rows[1:]:
        if i < len(row) and row[i].strip():
            row[i] = ""
            n += 1
    buf = io.StringIO(newline="")
    # the rows as read, through the one neutraliser (the kept cells of a hostile file too)
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows(
        neutralise_row(row) for row in rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"), n


def _reseal(folder: Path, names: dict[str, str], plan: PurgePlan, months: int,
            start: str | None) -> bytes | None:
    """The journal with pseudonymised ``by``, its chain recomputed, and a purge entry."""
    path = journal_path(folder)
    if not path.is_file():
        return None
    entries = read_journal(folder)  # raises on a broken chain: never re-seal a forgery
    if entries and entries[-1].kind == "purge" and not any(
            e.by in names for e in entries):
        return None  # already purged, nothing new to hide
    plan.head_before = entries[-1].hash if entries else None
    out = b""
    prev = GENESIS
    for e in entries:
        data = e.model_dump(exclude_none=True)
        if data["by"] in names:
            data["by"] = names[data["by"]]
            plan.journal_by += 1
        data["prev"] = prev
        data.pop("hash")
        data["hash"] = entry_hash(data)
        line = canonical(data)
        out += line + b"\n"
        prev = sha256(line)
    data = {"seq": len(entries) + 1, "kind": "purge", "stage": "vote", "dossier": "*",
            "by": "isgrid call purge",
            "reason": (f"Purge des données personnelles (conservation {months} mois"
                       + (f" depuis le {start}" if start else "") + ") ; tête de chaîne "
                       f"avant purge : {plan.head_before}"),
            "at": plan.today.isoformat(), "prev": prev}
    data["hash"] = entry_hash(data)
    out += canonical(data) + b"\n"
    if not entries:
        raise CallError("empty journal", [])  # pragma: no cover - a file with no entry
    return out
