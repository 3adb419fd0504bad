"""``isgrid intake push CALL``: the jury's proposal back into Démarche Numérique, on request.

For each dossier that came from the platform (``intake-state.json`` keeps its
API id), three private annotations the secretary names in
``intake.push.annotations`` may be filled: the proposal (the dossier's status
in the engine's :class:`~isgrid.engine.Result`: « retenu », « réserve »…), the
score (its total) and the amount (granted once voted, else proposed); a
selected dossier gets the label « Lauréat », a reserve dossier « Liste
complémentaire » (``intake.push.labels``).  Every value is read from the
Result, never recomputed.

isgrid never accepts or refuses a dossier: that legal act stays with the
agents.  Only the operations of :data:`ALLOWED` are ever sent, through the
server's stored mutations (``queryId: ds-mutation-v2``).

Without ``apply`` nothing is sent and no token is needed: the plan lists what
would be written.  With it, the write token comes from the environment
variable named by ``intake.push.token_env``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..call.blocks import IntakePush
from ..call.load import load_call
from ..engine import Result, score
from ..errors import CallError, Diagnostic, IsgridError, Location, Message, UsageError
from ..messages import Plural, decimal_text
from .api import ApiError, post, read_token, said_text
from .refresh import read_state

#: The only mutations isgrid sends (never dossierAccepter, dossierRefuser…).
ALLOWED = frozenset({"dossierModifierAnnotationText", "dossierModifierAnnotationIntegerNumber",
                     "dossierModifierAnnotationDecimalNumber", "dossierAjouterLabel"})


@dataclass
class Write:
    dossier: str
    graphql_id: str
    kind: str  # "annotation" or "label"
    name: str  # the annotation's or the label's name
    value: Any = None
    about: str = ""  # an annotation's: "proposal", "score" or "amount" (intake.push.annotations)


@dataclass
class PushReport:
    writes: list[Write] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # dossiers not from the platform
    #: dossiers taken in from an export: on the platform, but with no API id yet (only
    #: ``isgrid intake --api`` records it); a dry run shows their writes, --apply skips them
    no_api_id: list[str] = field(default_factory=list)
    sent: int = 0
    applied: bool = False


def _fr_number(x: float) -> str:
    text = decimal_text(f"{x:,.1f}".replace(",", "\u202f"), "fr")
    return text


def plan(call_folder: Path, result: Result, push: IntakePush) -> PushReport:
    """What would be written, from the Result (nothing is sent)."""
    state = read_state(call_folder)["dossiers"]
    report = PushReport()
    ann = push.annotations
    for d in result.dossiers:
        entry = state.get(d.id)
        gid = entry.get("graphql_id") if isinstance(entry, dict) else None
        if not isinstance(entry, dict):
            report.skipped.append(d.id)  # never taken in from the platform
            continue
        if not gid:
            report.no_api_id.append(d.id)  # its writes shown; not sent without an id
            gid = ""
        if ann.proposal:
            report.writes.append(Write(d.id, gid, "annotation", ann.proposal, str(d.status),
                                       "proposal"))
        if ann.score and d.total is not None:
            report.writes.append(Write(d.id, gid, "annotation", ann.score, d.total, "score"))
        amount = d.amounts.granted if d.amounts.granted is not None else d.amounts.proposed
        if ann.amount and amount is not None and (d.selected or d.reserve):
            report.writes.append(Write(d.id, gid, "annotation", ann.amount, amount, "amount"))
        if d.selected:
            report.writes.append(Write(d.id, gid, "label", push.labels.selected))
        elif d.reserve:
            report.writes.append(Write(d.id, gid, "label", push.labels.reserve))
    return report


def push(folder: Path | str, *, apply: bool = False) -> PushReport:
    folder = Path(folder)
    call = load_call(folder)
    intake = call.config.intake
    file = str(folder / "call.yaml")
    if intake is None or intake.push is None:
        raise UsageError("no intake.push block", [Diagnostic(
            "call-invalid", Message("call.yaml has no intake.push block"), Location(file,
                                                                          key_path="intake.push"),
            hint="intake: {push: {instructeur: <instructeurId>, annotations: {proposal: "
            "« Proposition du jury », …}}} (docs/intake.md).")])
    result = score(call)
    report = plan(folder, result, intake.push)
    if not apply:
        return report
    # a dossier taken in from an export has no API id: nothing can be sent for it
    report.writes = [w for w in report.writes if w.graphql_id]
    if not report.writes:  # nothing to send: no token asked for, no request made
        report.applied = True
        return report
    token = read_token(intake.push.token_env, "write")
    where = f"{intake.endpoint} (démarche {intake.demarche})"
    with _told(report, intake.push.token_env):
        data = post(intake.endpoint, token, {
            "queryId": "ds-query-v2", "operationName": "getDemarche",
            "variables": {"demarcheNumber": intake.demarche, "includeRevision": True,
                          "includeDossiers": False}}, where)
    descriptors, labels = _names(data, where)
    _refuse_unknown(report, descriptors, labels, file)
    for w in report.writes:
        op, variables = _mutation(w, descriptors, labels, intake.push.instructeur)
        if op not in ALLOWED:  # never an acceptance or a refusal
            raise RuntimeError(f"isgrid does not send {op}")
        with _told(report, intake.push.token_env):
            answer = post(intake.endpoint, token, {"queryId": "ds-mutation-v2",
                                                   "operationName": op,
                                                   "variables": {"input": variables}}, where)
        errors = (answer.get(op) or {}).get("errors") if isinstance(answer, dict) else None
        if errors:
            first = errors[0] if isinstance(errors, list) and errors else None
            said = said_text(str(first.get("message", ""))) if isinstance(first, dict) else ""
            what = (Message("{dossier}: the platform refused to write the annotation "
                            "“{name}”", dossier=w.dossier, name=w.name)
                    if w.kind == "annotation" else
                    Message("{dossier}: the platform refused to add the label “{name}”",
                            dossier=w.dossier, name=w.name))
            raise ApiError("write refused", [Diagnostic(
                "api-answer", Message("{what}: {said}", what=what, said=said) if said else what,
                Location(where), hint=_after(report))])
        report.sent += 1
    report.applied = True
    return report


def _written(report: PushReport) -> Message:
    """What a push stopped by the platform had already written."""
    if not report.sent:
        return Message("Nothing was written on the platform.")
    return Plural("{n} write was made before this one; isgrid intake push --apply writes "
                  "the same values again.", "{n} writes were made before this one; isgrid "
                  "intake push --apply writes the same values again.", report.sent)


def _after(report: PushReport) -> Message:
    """What to do when the platform refuses a write: what was already written, and to
    correct what it said before pushing again."""
    return Message("{written} Correct what the platform says (on the platform or in "
                   "intake.push), then run isgrid intake push --apply again.",
                   written=_written(report))


@contextmanager
def _told(report: PushReport, token_env: str) -> Iterator[None]:
    """A request of the push that fails says what was written and what to do (the
    reading's hints, « import an export file with --from », are not a push's)."""
    try:
        yield
    except IsgridError as exc:
        for i, d in enumerate(exc.diagnostics):
            what = (Message("Put a write token in the environment variable {env} "
                            "(intake.push.token_env): one of an instructeur of the démarche, "
                            "allowed to write private annotations.", env=token_env)
                    if d.code == "api-auth" else d.hint)
            hint = (Message("{what} {written}", what=what, written=_written(report))
                    if what else _after(report))
            exc.diagnostics[i] = dataclasses.replace(d, hint=hint)
        raise


def _names(data: dict[str, Any], where: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The démarche's private annotations (label -> descriptor) and labels (name -> id)."""
    dem = data.get("demarche")
    revision = dem.get("activeRevision") if isinstance(dem, dict) else None
    found = revision.get("annotationDescriptors") if isinstance(revision, dict) else None
    raw_labels = dem.get("labels") if isinstance(dem, dict) else None
    try:
        if not isinstance(found, list):
            raise TypeError
        descriptors = {str(x["label"]): x for x in found}
        labels = {str(x["name"]): str(x["id"]) for x in raw_labels or []}
    except (KeyError, TypeError):
        raise ApiError("malformed answer", [Diagnostic(
            "api-answer", Message("the platform's answer does not list the démarche's private "
                                  "annotations and labels as Démarche Numérique's API does"),
            Location(where), hint=Message(
                "Nothing was written. Check intake.endpoint (the address of Démarche "
                "Numérique's API, ending in /api/v2/graphql) and intake.demarche in "
                "call.yaml."))]) from None
    return descriptors, labels


def _refuse_unknown(report: PushReport, descriptors: dict[str, Any], labels: dict[str, str],
                    file: str) -> None:
    """Every annotation and label intake.push names that the démarche lacks: an error
    each, naming those it has; nothing is sent."""
    def listed(names: list[str]) -> str:
        return ", ".join(names) if names else "—"

    diags = []
    for kind in ("annotation", "label"):
        have = sorted(descriptors) if kind == "annotation" else sorted(labels)
        for name in sorted({w.name for w in report.writes if w.kind == kind} - set(have)):
            diags.append(Diagnostic("call-invalid", Message(
                "the démarche has no private annotation “{name}” (its private annotations: "
                "{names})", name=name, names=listed(have)) if kind == "annotation" else
                Message("the démarche has no label “{name}” (its labels: {names})",
                        name=name, names=listed(have)),
                Location(file, key_path="intake.push.annotations" if kind == "annotation"
                         else "intake.push.labels"),
                hint=Message("Nothing was written. Write the name as the platform has it in "
                             "call.yaml, or create it on the platform (annotations privées, "
                             "étiquettes).")))
    if diags:
        raise CallError("unknown annotations or labels", diags)


def _mutation(w: Write, descriptors: dict[str, Any], labels: dict[str, str],
              instructeur: str) -> tuple[str, dict[str, Any]]:
    if w.kind == "label":
        return "dossierAjouterLabel", {"dossierId": w.graphql_id, "labelId": labels[w.name]}
    desc = descriptors[w.name]
    base = {"dossierId": w.graphql_id, "annotationId": str(desc["id"]),
            "instructeurId": instructeur}
    typename = str(desc.get("__typename", ""))
    if typename.startswith("IntegerNumber") and isinstance(w.value, int | float):
        return "dossierModifierAnnotationIntegerNumber", {**base, "value": round(w.value)}
    if typename.startswith("DecimalNumber") and isinstance(w.value, int | float):
        return "dossierModifierAnnotationDecimalNumber", {**base, "value": float(w.value)}
    value = _fr_number(w.value) if isinstance(w.value, float) else str(w.value)
    return "dossierModifierAnnotationText", {**base, "value": value}
