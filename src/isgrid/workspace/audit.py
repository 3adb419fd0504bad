"""The secretariat's audit log (``/admin/audit``) in words: who, what, on what, and what
changed, as values (« AL16-01, ALS-1 : 3 (Fort) → 1 (Faible) »), in the page's language.

The database keeps each change as written (:meth:`~isgrid.workspace.access.Access._audit`:
an action's name, an actor's id, the before and after as JSON); this module only says
them: an action by its words (``audit.action.<name>``), an actor by their name (the
secretariat, isgrid's own writes), a rating by its value and the level's label (the grid's
words), an amount in euros, a time in the call's time zone.  An action or a value it does
not know is shown as written, never dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..documents.typography import kept_with_arrow
from ..messages import Quoted, euros, group_thousands
from .access import SECRETARY
from .export import WRITER
from .moments import fmt_time
from .texts import opinion_label

if TYPE_CHECKING:
    from .db import Audit
    from .store import Workspace


@dataclass(frozen=True)
class AuditLine:
    """One row of the audit log as the page shows it."""

    at: str
    who: str
    what: str
    target: str
    changes: list[str]


def audit_lines(ws: Workspace, rows: list[Audit], t: Callable[..., str],
                lang: str) -> list[AuditLine]:
    """The audit log's rows in words (see the module docstring)."""
    zone = ws.call.config.timezone
    return [AuditLine(fmt_time(r.at, lang, zone), _who(ws, r.actor, t), _what(r.action, t),
                      _target(ws, r.action, r.target, t),
                      [kept_with_arrow(x) for x in _changes(ws, r, t, lang)])
            for r in rows]


def audit_choices(ws: Workspace, actors: list[str], actions: list[str],
                  t: Callable[..., str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The audit page's filters: (value, words) of every person and every action the log
    holds, in words, in the order they are read."""
    return (sorted(((a, _who(ws, a, t)) for a in actors), key=lambda x: x[1].casefold()),
            sorted(((a, _what(a, t)) for a in actions), key=lambda x: x[1].casefold()))


def _what(action: str, t: Callable[..., str]) -> str:
    said = t(f"audit.action.{action}")
    return action if said == f"audit.action.{action}" else said


def _who(ws: Workspace, actor: str, t: Callable[..., str]) -> str:
    """« Hélène Schaeffer (j1) », « Secrétariat », « isgrid (l’espace) »."""
    if actor == SECRETARY:
        return t("secretariat")
    if actor == WRITER:
        return t("audit.writer")
    return _juror(ws, actor)


def _juror(ws: Workspace, aid: str) -> str:
    a = ws.call.assessors.get(aid)
    return f"{a.name} ({aid})" if a is not None and a.name else aid


def _target(ws: Workspace, action: str, target: str, t: Callable[..., str]) -> str:
    """A juror by their name, a dossier by its id, a refused address as it was asked."""
    if action in ("seed", "submit", "reopen", "invite", "revoke", "unwritten", "written",
                  "take-back", "kept", "allow-decided", "submit-refused"):
        return _juror(ws, target)
    return target


def _json(text: str) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:  # never raised for rows the workspace wrote: shown as written
        return text


def _changes(ws: Workspace, r: Audit, t: Callable[..., str], lang: str) -> list[str]:
    before, after = _json(r.before), _json(r.after)
    if not isinstance(before, dict | type(None)) or not isinstance(after, dict | type(None)):
        return [x for x in (str(before or ""), str(after or "")) if x]
    b: dict[str, Any] = before or {}
    a: dict[str, Any] = after or {}
    colon, empty = t("colon"), t("conflict.empty")
    zone = ws.call.config.timezone

    def change(name: str, old: str, new: str) -> str:
        """« Notation : Close → Ouverte »; what did not change (or had no value before,
        a juror's state taken from the files), once: « Notation : Ouverte »."""
        if old == new or not old:
            return f"{name}{colon}{new or empty}"
        return f"{name}{colon}{old} → {new or empty}"

    if r.action == "draft":
        return _draft(ws, b, a, t, lang)
    if r.action == "kept":
        return [f"{t('audit.kept')}{colon}{', '.join(a.get('kept', []))}"]
    if r.action in ("submit", "reopen", "seed", "take-back", "submit-refused"):
        out = []
        if "status" in a:
            new = t("juror_status.reopened" if r.action == "reopen"
                    else f"juror_status.{a['status']}")
            out.append(change(t("admin.status"), t(f"juror_status.{b['status']}") if "status" in b
                              else "", new))  # taken from the files (seed): its state
        if a.get("missing"):
            out.append(f"{t('audit.incomplete')}{colon}{', '.join(a['missing'])}")
        if "ratings" in a:
            out.append(f"{t('audit.ratings')}{colon}{a['ratings']}")
        if a.get("file"):
            out.append(f"{t('audit.file')}{colon}{a['file']}")
        if a.get("kept"):
            out.append(f"{t('audit.kept')}{colon}{', '.join(a['kept'])}")
        if a.get("change_decided"):  # allowed by the reopen, or what it changed (.decided)
            out.extend(a["change_decided"].get(lang, []) if isinstance(
                a["change_decided"], dict) else [t("audit.change_decided")])
        return out
    if r.action == "allow-decided":
        return [t("audit.change_decided")]
    if r.action == "scoring":
        def state(x: dict[str, Any]) -> str:
            return t("admin.open") if x.get("scoring") == "open" else (
                t("admin.closed") if x.get("scoring") == "closed" else "")

        def when(x: dict[str, Any]) -> str:
            raw = x.get("deadline") or ""
            try:
                return fmt_time(float(raw), lang, zone) if raw else t("audit.none")
            except ValueError:
                return str(raw)
        return [change(t("admin.scoring"), state(b), state(a)),
                change(t("audit.deadline"), when(b), when(a))]
    if r.action in ("invite", "secretariat-link") and "expires_at" in a:
        out = [f"{t('audit.expires')}{colon}{fmt_time(a['expires_at'], lang, zone)}"]
        if a.get("revoked"):  # the secretariat's earlier links it revoked
            out.append(f"{t('audit.links_revoked')}{colon}{a['revoked']}")
        return out
    if r.action == "confirm-call":
        words = {"title": t("audit.call_title"), "date": t("audit.call_date")}
        return [change(words.get(k) or k, str(b.get(k) or ""), str(v))
                for k, v in a.items()]
    if r.action == "revoke" and "links" in a:
        return [f"{t('audit.links')}{colon}{a['links']}"]
    if r.action in ("deport", "lift-deport"):
        out = [f"{t('admin.juror')}{colon}{_juror(ws, b['juror'])}"] if "juror" in b else []
        reason = (b if r.action == "lift-deport" else a).get("reason", "")
        return [*out, f"{t('deport.reason_given')}{colon}{reason or t('deport.no_reason')}",
                *_decided(a, lang)]
    if r.action == "deport-refused":  # what it would have changed (.decided)
        return _decided(a, lang)
    if r.action == "lift-refused":  # the juror, why, what it would have changed (.deports)
        why = str(a.get("refused", ""))
        said = t(f"audit.lift_refused.{why}")
        return [f"{t('admin.juror')}{colon}{_juror(ws, str(a.get('juror', '')))}",
                f"{t('audit.refused_why')}{colon}"
                f"{why if said == f'audit.lift_refused.{why}' else said}", *_decided(a, lang)]
    if r.action in ("unwritten", "written"):
        why = (a if r.action == "unwritten" else b).get(lang) or ""
        return [why] if why else []
    if r.action == "refused" and "count" in a:  # refusals in a row, one row (.access)
        return [t("audit.refused_times", n=int(a["count"]),
                  count=group_thousands(int(a["count"]), lang),
                  first=fmt_time(r.at, lang, zone), last=fmt_time(a.get("last"), lang, zone)),
                f"{t('audit.last_target')}{colon}{a.get('last_target', '')}"]
    return [f"{k}{colon}{v}" for k, v in a.items()]


def _decided(after: dict[str, Any], lang: str) -> list[str]:
    """What a déport changed (allowed) or would have changed (refused) in what the séance
    decided, in ``lang`` (.decided)."""
    said = after.get("change_decided")
    return list(said.get(lang, [])) if isinstance(said, dict) else []


def _draft(ws: Workspace, before: dict[str, Any], after: dict[str, Any],
           t: Callable[..., str], lang: str) -> list[str]:
    """A draft's changes: each criterion's rating (its value and the level's label), its
    comment and its « à transmettre » box, then the opinion, the amount and the overall
    comment; only what changed."""
    colon, empty = t("colon"), t("conflict.empty")
    out: list[str] = []

    def change(name: str, old: str, new: str) -> None:
        if old != new:
            out.append(f"{name}{colon}{old or empty} → {new or empty}")

    for cid, new in after.items():
        if cid == "_opinion" or not isinstance(new, list):
            continue
        old = before.get(cid) or ["", "", False]
        change(cid, _rating(ws, cid, old[0], t, lang), _rating(ws, cid, new[0], t, lang))
        change(f"{cid}, {t('dossier.comment').lower()}", _quoted(old[1], lang),
               _quoted(new[1], lang))
        change(f"{cid}, {t('dossier.share').lower()}", t("audit.yes") if old[2] else
               t("audit.no"), t("audit.yes") if new[2] else t("audit.no"))
    if isinstance(after.get("_opinion"), list):
        old_op = before.get("_opinion") or ["", "", ""]
        new_op = after["_opinion"]
        change(t("dossier.opinion"), _opinion(old_op[0], lang), _opinion(new_op[0], lang))
        change(t("audit.amount"), _euros(old_op[1], lang), _euros(new_op[1], lang))
        change(t("audit.overall_comment"), _quoted(old_op[2], lang), _quoted(new_op[2], lang))
    return out


def _rating(ws: Workspace, cid: str, value: str, t: Callable[..., str], lang: str) -> str:
    """« 3 (Fort) », « 2,5 », « NE », '' for none: the value as the form shows it, with the
    level's label from the grid."""
    if not value:
        return ""
    if value == "NE":
        return "NE"
    shown = value.replace(".", ",") if lang == "fr" else value
    c = ws.criteria.get(cid)
    if c is None:
        return shown
    label = next((lb for v, lb, _ in ws.choices(c) if v == value and lb), "")
    return f"{shown} ({label})" if label else shown


def _opinion(value: str, lang: str) -> str:
    return opinion_label(value, lang) if value else ""


def _euros(value: str, lang: str) -> str:
    """An amount as stored (``20000``, :func:`isgrid.messages.plain_number`) in euros."""
    try:
        return euros(float(value), lang) if value else ""
    except ValueError:
        return value


def _quoted(text: str, lang: str) -> str:
    """A juror's text, quoted: « … » in French, “…” in English (the one rule of quoted
    texts, :class:`isgrid.messages.Quoted`); nothing for no text."""
    return Quoted.written(((text,), False), lang) if text else ""
