"""The context every report template receives: documented pydantic models.

Templates render ``Context.model_dump()``; they see nothing else (plus the
translation function ``t``, the shared ``common`` catalog and the ``num``,
``money``, ``md`` filters of :mod:`isgrid.documents.render`).  The confidentiality level
is applied when the context is built, not in templates: at ``communicable``
and ``public`` the fields that would carry assessor names or individual values
are empty, so that a user template cannot leak them by mistake.

The models of one dossier (its ranking line, fiche and letter) and the base :class:`Ctx`
are in :mod:`isgrid.documents.dossier_models`.  ``docs/reports.md`` documents these
fields; a test checks that templates use no field that is not declared in one of the two.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .dossier_models import (
    MARK,
    Amounts,
    ApartCondition,
    ApartRow,
    CriterionView,
    Ctx,
    DossierLine,
    Fiche,
    Flag,
    JurorOpinion,
    Letter,
    Marker,
    OpinionSummary,
    Point,
    Rating,
    RuleOutcome,
    SectionView,
)

Level = Literal["interne", "communicable", "public"]
Kind = Literal["committee", "fiches", "feedback"]


class Meta(Ctx):
    """What the document is."""

    kind: Kind = Field(description="committee, fiches or feedback.")
    level: Level = Field(description="Confidentiality level: interne, communicable, public.")
    lang: Literal["fr", "en"] = Field(description="Language of the document.")
    title: str = Field(description="The document's title (translated).")
    decided: bool = Field(
        description="Every status is a decision of the vote, not a proposal of the jury "
                    "(a letter: its dossier's; isgrid.engine.Result.decided_by_vote).")
    outcome_word: str = Field(
        description="'Proposition du jury' before any vote, 'Décisions en cours de vote' "
        "while a vote decided some statuses only, 'Décision' once every status is decided.")
    notice: str = Field(
        description="What the statuses are, in a sentence: proposals (no vote recorded), "
                    "decisions, or, while the vote is under way, how many are decided.")
    fictitious: bool = Field(description="The call's data is made up (examples).")
    money: bool = Field(
        True, description="The document prints amounts: False for a présélection "
                          "(selection.shortlist), which grants none (documents.stage).")
    generator: str = Field(description="'isgrid <version> (code <fingerprint>)', isgrid.build "
                           "(no date: outputs are deterministic).")


class InputFile(Ctx):
    """One input file and its sha256."""

    path: str = Field(description="Path relative to the call folder.")
    sha256: str = Field(description="sha256 of the file's bytes.")


class CallInfo(Ctx):
    """The call for projects."""

    title: str = Field(description="The call's title (untrusted text).")
    description: str | None = Field(description="The call's description, if any.")
    n_dossiers: int = Field(description="How many dossiers the call holds.")
    aggregator: str = Field(description="How assessors are combined: mean, median, trimmed-mean.")
    budget: float | None = Field(description="The budget, if the call has one.")
    tie_breaks: str | None = Field(
        None, description="The call's tie-break cascade in words (call.yaml's tie_breaks, "
                          "else the grid's), each step as the call names it; None without "
                          "one (isgrid.documents.tiebreak.cascade).")
    tie_breaks_heading: str = Field(
        "", description="The cascade's heading: « Départage des ex æquo (totaux égaux) », or "
                        "« (totaux de classement égaux) » when the grid ranks with its "
                        "ranking weights (isgrid.documents.tiebreak.cascade_heading).")
    inputs: list[InputFile] = Field(description="Input files with their sha256 (interne only).")


class GridInfo(Ctx):
    """The grid the dossiers are judged against, and how sure its content is."""

    id: str = Field(description="Grid id.")
    version: str = Field(description="Grid version.")
    title: str = Field(description="Grid title.")
    mode: Literal["checklist", "profile", "scored"] = Field(description="How the grid judges.")
    mode_label: str = Field(description="The mode, in words (« profil de marqueurs » only for a "
                                        "grid of markers: isgrid.grid.items.mode_key).")
    mode_kind: str = Field("", description="The mode's key in the catalogues: `profile.markers` for "
                                           "a grid that calls its items markers, else `mode`.")
    sha256: str = Field(description="sha256 of the resolved grid (canonical JSON).")
    extends: list[str] = Field(description="Parent grid ids, nearest first.")
    threshold: float | None = Field(description="Scored: the minimum total, out of `out_of`.")
    threshold_provenance: str | None = Field(
        None, description="The threshold's provenance in words when it is not sourced "
                          "(« inféré »), else None.")
    out_of: float | None = Field(description="Scored: the total's maximum (100 by default).")
    criteria_total: int = Field(description="Criteria that count (eliminatory ones included).")
    criteria_sourced: int = Field(description="Criteria whose wording is sourced.")
    criteria_reconstructed: int = Field(description="Criteria reconstructed from partial sources.")
    criteria_inferred: int = Field(description="Criteria inferred, with no source behind them.")
    parameters_sourced: int = Field(description="Numeric parameters (weights...) sourced.")
    parameters_reconstructed: int = Field(description="Numeric parameters reconstructed.")
    parameters_inferred: int = Field(description="Numeric parameters inferred (e.g. invented weights).")
    source_criteria_count: int | None = Field(
        description="How many criteria the original grid has, when only some are encoded.")


class Assessor(Ctx):
    """A member of the jury or an instructor (interne only)."""

    id: str = Field(description="Assessor id.")
    name: str = Field(description="Name, or id when no name is declared.")
    role: str = Field(description="Role, in words.")
    rated: int = Field(description="How many dossiers this assessor rated whose ratings count "
                                   "(a value or NE; a recusal's are in rated_excluded).")
    rated_excluded: int = Field(description="How many dossiers this assessor rated although "
                                            "recused from them: those ratings never count.")
    rated_label: str = Field(description="The jury table's « Dossiers notés » cell: rated, or "
                                         "« 15 dont 1 écarté » with the recusals' dossiers.")
    deports: list[str] = Field(description="Ids of the dossiers this assessor is in conflict with.")


class Deport(Ctx):
    """A recusal (an assessor must not rate or discuss a dossier), or a member out of the room."""

    assessor: str = Field(description="The assessor's name (interne) or '' (other levels).")
    dossier: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title.")
    reason: str | None = Field(description="Why, when recorded (interne only).")
    left_room: bool = Field(False, description="Only left the room for the dossier (call.yaml's "
                            "meeting.left_room): reason says it in the minutes' words.")


class EligibilityLine(Ctx):
    """A dossier refused or to be checked, with the rules behind it."""

    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title.")
    status_label: str = Field(description="irrecevable or à vérifier, in words.")
    failed: list[RuleOutcome] = Field(description="Rules that fail.")
    unknown: list[RuleOutcome] = Field(
        description="Rules and eliminatory criteria that cannot be decided yet.")
    amount_missing: list[str] = Field(
        default_factory=list,
        description="The facts the amount needs that are missing (`amount_requested`, "
                    "`eligible_costs`), by their labels: the amount is to check, not the "
                    "eligibility (« montant à vérifier »).")


class Budget(Ctx):
    """The budget walk as it stands: the jury's proposal, or the decided selection.

    The decided one once the journal holds a decision or a withdrawal (the
    result's ``current`` selection).
    """

    budget: float | None = Field(description="The budget (None with select: top K).")
    spent: float | None = Field(
        description="Money committed to the selected: granted by a decision, else proposed.")
    remaining: float | None = Field(description="What is left of the budget.")
    rule: str = Field(description="rank-order, skip or top:K, in words.")
    line: int | None = Field(
        description="The funding line of this selection (the result's current one: "
                    "Budget.line): the rank of the first dossier below the last one funded "
                    "(nothing is funded at or below it), after decisions too.")
    skipped: list[DossierLine] = Field(
        default_factory=list,
        description="Rule skip: dossiers above the line left out: they do not fit the budget.")
    voted: bool = Field(
        False, description="A vote decided every place of the list (Result.list_voted): "
                           "the list is the dossiers retained, no longer proposed.")
    line_before: str | None = Field(
        None, description="The ranking row (dossier id) the funding line is drawn above.")
    no_line: str | None = Field(
        None, description="Without a funding line (every ranked dossier fits: "
                          "isgrid.analysis.zone.no_line), the sentence that says so, "
                          "written where the line would be; None when there is a line.")
    selected: list[DossierLine] = Field(
        description="Dossiers proposed (or decided) for funding, rank order.")
    reserve: list[DossierLine] = Field(description="The reserve list, rank order.")
    places: list[str] = Field(
        default_factory=list,
        description="Who replaced whom (interne committee report): each withdrawal, then each "
                    "place a decision freed, in the minutes' words, one sentence each "
                    "(documents/places.py, place_texts).")
    constraints: list[str] = Field(
        default_factory=list,
        description="Each portfolio constraint as the jury's proposal left it (met, not met, "
                    "cannot be met and why), or, once anything is decided, as the decided "
                    "selection stands (`constraints.decided`: not met after the decisions, "
                    "with what it holds against its bound), one sentence each: "
                    "documents/portfolio.py.")
    decided: bool = Field(
        False, description="The journal holds a decision or a withdrawal: the list and the "
                           "money are the decided ones, not the jury's proposal.")
    granted: float | None = Field(
        None, description="Money granted by decisions (None before any decision).")


class AgendaCriterion(Ctx):
    """A criterion the assessors disagree on."""

    id: str = Field(description="Criterion id.")
    label: str = Field(description="Criterion label.")
    provenance: str | None = Field(None, description=MARK)
    spread: float = Field(description="Normalised spread u = (max - min) / scale range.")
    min: float | None = Field(description="Lowest usable rating (interne only).")
    max: float | None = Field(description="Highest usable rating (interne only).")


class AgendaItem(Ctx):
    """One dossier to discuss."""

    order: int = Field(description="1 for the first dossier to discuss.")
    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title.")
    rank: int | None = Field(description="Rank, or None.")
    status_label: str = Field(description="Status in words.")
    disagreement: float = Field(
        description="D: the largest normalised spread (criteria; at interne also the jurors' "
                    "opinions and proposed amounts).")
    closeness: float = Field(description="w = tau / (tau + distance to the line).")
    priority: float = Field(description="D x w.")
    distance: float | None = Field(description="Distance to the line (points or ranks).")
    criteria: list[AgendaCriterion] = Field(description="Criteria in disagreement, worst first.")
    opinions: OpinionSummary | None = Field(
        None, description="The jurors' opinions counted, and the range of amounts; None if none.")
    reasons: list[str] = Field(
        default_factory=list,
        description="Why the jurors' opinions put it on the agenda, in words: split opinions, "
                    "proposed amounts far apart (interne only).")
    why: list[str] = Field(
        default_factory=list,
        description="Why discussion can change its outcome, in plain words: near the funding "
                    "line, near a floor, jurors far apart (half the scale or more).")


class Agreement(Ctx):
    """Krippendorff's alpha (ordinal) for one criterion."""

    id: str = Field(description="Criterion id.")
    label: str = Field(description="Criterion label.")
    section: str = Field(description="Section label.")
    provenance: str | None = Field(None, description=MARK)
    alpha: float | None = Field(description="Alpha, or None when undefined.")
    pairable: int = Field(description="Dossiers with at least two usable ratings.")
    values: int = Field(description="Ratings in those dossiers.")
    note: str | None = Field(description="Why alpha is missing or weak evidence, in words.")


class EnvelopeRow(Ctx):
    """The selection with the budget changed by ``delta``."""

    delta: float = Field(description="The change: -0.1, 0 or +0.1.")
    budget: float = Field(description="The budget of this row.")
    spent: float | None = Field(description="What the selection would spend.")
    selected: list[str] = Field(description="Dossiers the walk would propose.")
    enters: list[str] = Field(description="Proposed here and not with the call's budget.")
    leaves: list[str] = Field(description="Proposed with the call's budget and not here.")


class Envelope(Ctx):
    """The budget ±10 % table of the committee report (issue 6)."""

    budget: float = Field(description="The call's budget.")
    pct: float = Field(description="The change tried, as a share (0.1).")
    rows: list[EnvelopeRow] = Field(description="One row per budget, smallest first.")
    decided: bool = Field(False, description="The rows are the decided selection (decisions "
                          "or withdrawals recorded), not the jury's proposal.")
    closed: bool = Field(False, description="The vote adopted the list: no rows, a sentence "
                         "says why (`analysis/envelope.py`).")
    note: str = Field("envelope.note", description="Key of the sentence under the title: "
                      "`envelope.note`, `envelope.note.decided` or `envelope.closed`.")


class GreyItem(Ctx):
    """One dossier of the grey zone (:func:`isgrid.analysis.zone.zone_grise`)."""

    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title (untrusted text).")
    rank: int | None = Field(description="Rank, or None.")
    status_label: str = Field(description="Status in words.")
    codes: list[str] = Field(
        description="Why, as identifiers: line-above, line-below, tie, floor-edge, to-check, "
                    "tie-broken (the call's tie-break ordered it and a dossier of the same "
                    "total across the funding line: the engine's flag `tie-broken:<by>`).")
    reasons: list[str] = Field(description="Why, in plain words (one sentence each).")


class LegendItem(Ctx):
    """One term of the ranking's legend."""

    term: str = Field(description="The short word or id as the ranking prints it.")
    meaning: str = Field(description="What it means.")


class Context(Ctx):
    """Everything a report template receives."""

    meta: Meta = Field(description="What the document is.")
    call: CallInfo = Field(description="The call.")
    grid: GridInfo = Field(description="The grid.")
    jury: list[Assessor] = Field(description="Jury and instructors (interne only).")
    jury_count: dict[str, int] = Field(description="How many assessors per role (in words).")
    deports: list[Deport] = Field(description="Recusals (names at interne only).")
    eligibility: list[EligibilityLine] = Field(description="Dossiers refused or to check.")
    ranking: list[DossierLine] = Field(description="Every dossier, ranked ones first.")
    budget: Budget | None = Field(description="The budget walk, when there is a selection.")
    envelope: Envelope | None = Field(
        None, description="Who enters or leaves the selection with the budget at ±10 %.")
    laureates: list[DossierLine] = Field(description="Dossiers proposed or granted funding.")
    agenda: list[AgendaItem] = Field(description="Dossiers to discuss, most urgent first.")
    agenda_more: int = Field(description="Dossiers where discussion can change the outcome "
                             "left off the agenda: those after its first ones, by its order.")
    agenda_line: str | None = Field(
        None, description="Where the agenda's distances are measured from, in a sentence: "
                          "the funding line of section 5 and, in scored mode, its total "
                          "(interne; None without a line).")
    agreement: list[Agreement] = Field(description="Alpha per criterion.")
    agreement_note: str | None = Field(description="Warning when too few dossiers.")
    summary: dict[str, int] = Field(description=(
        "Dossiers per status (in words); a status the vote decided for some of its "
        "dossiers only is counted twice: « retenu 1 », « proposés (retenus) 2 »."))
    apart: list[ApartCondition] = Field(
        default_factory=list,
        description="The conditions the grid shows apart from its verdict (the art. 15 "
                    "grid's II), each dossier's as its fiche shows it (committee, not "
                    "public).")
    fiches: list[Fiche] = Field(description="Fiches (kind fiches).")
    letter: Letter | None = Field(description="The letter (kind feedback, one per file).")
    zone_grise: list[GreyItem] = Field(
        default_factory=list,
        description="The grey zone (committee, interne): dossiers a discussion can still "
                    "move, with the reasons in words (isgrid.analysis.zone).")
    flag_legend: list[LegendItem] = Field(
        default_factory=list,
        description="What the short flags and criterion ids of the ranking mean (interne).")


def reference_markdown() -> str:
    """The context reference (docs/reports.md), generated from the models above."""
    order: list[type[Ctx]] = [Context, Meta, CallInfo, GridInfo, DossierLine, Amounts, Marker, Flag, Assessor,
             Deport, EligibilityLine, RuleOutcome, Budget, AgendaItem, AgendaCriterion,
             OpinionSummary, JurorOpinion,
             Agreement, ApartCondition, ApartRow, Fiche, SectionView, CriterionView, Rating, Letter, Point, InputFile,
             Envelope, EnvelopeRow, GreyItem, LegendItem]
    out: list[str] = []
    for model in order:
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out.append(f"### `{model.__name__}`\n\n{doc}\n\n| field | meaning |\n|---|---|")
        for name, f in model.model_fields.items():
            out.append(f"| `{name}` | {f.description} |")
        out.append("")
    return "\n".join(out)
