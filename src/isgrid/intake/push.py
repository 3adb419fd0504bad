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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..call.blocks import IntakePush
from ..call.load import load_call
from ..engine import Result, score
from ..errors import CallError, Diagnostic, Location, Message, UsageError
from ..messages import Plural, decimal_text
from .api import ApiError, post, read_token
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
        if not gid:
            report.skipped.append(d.id)
            continue
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
    token = read_token(intake.push.token_env, "write")
    where = f"{intake.endpoint} (démarche {intake.demarche})"
    data = post(intake.endpoint, token, {
        "queryId": "ds-query-v2", "operationName": "getDemarche",
        "variables": {"demarcheNumber": intake.demarche, "includeRevision": True,
                      "includeDossiers": False}}, where)
    try:
        dem = data["demarche"]
        descriptors = {str(x["label"]): x for x in dem["activeRevision"]["annotationDescriptors"]}
        labels = {str(x["name"]): str(x["id"]) for x in dem.get("labels") or []}
    except (KeyError, TypeError) as exc:
        raise ApiError("malformed answer", [Diagnostic(
            "api-answer", Message("the démarche's descriptors are not shaped as expected ({name})",
                                  name=type(exc).__name__), Location(where))]) from None
    missing = sorted({w.name for w in report.writes if w.kind == "annotation"} - set(descriptors)
                     | {w.name for w in report.writes if w.kind == "label"} - set(labels))
    if missing:
        raise CallError("unknown annotations or labels", [Diagnostic(
            "call-invalid", Message("the démarche has no private annotation or label named {name}",
                                    name=repr(m)),
            Location(file, key_path="intake.push"),
            hint="Create it on the platform (annotations privées, étiquettes), or fix its "
            "name in call.yaml.") for m in missing])
    for w in report.writes:
        op, variables = _mutation(w, descriptors, labels, intake.push.instructeur)
        if op not in ALLOWED:  # never an acceptance or a refusal
            raise RuntimeError(f"isgrid does not send {op}")
        answer = post(intake.endpoint, token, {"queryId": "ds-mutation-v2",
                                               "operationName": op,
                                               "variables": {"input": variables}}, where)
        errors = (answer.get(op) or {}).get("errors") if isinstance(answer, dict) else None
        if errors:
            msg = str(errors[0].get("message", "")) if isinstance(errors[0], dict) else ""
            raise ApiError("write refused", [Diagnostic(
                "api-answer", Plural(
                    "{dossier}: the API refused to write {name}: {error} ({n} write done "
                    "before)", "{dossier}: the API refused to write {name}: {error} ({n} "
                    "writes done before)", report.sent,
                    dossier=w.dossier, name=repr(w.name), error=msg), Location(where))])
        report.sent += 1
    report.applied = True
    return report


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
