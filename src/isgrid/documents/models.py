"""The context every report template receives: documented pydantic models.

Templates render ``Context.model_dump()``; they see nothing else (plus the
translation function ``t``, the shared ``common`` catalog and the ``num``,
``money``, ``md`` filters of :mod:`isgrid.documents.render`).  The confidentiality level
is applied when the context is built, not in templates: at ``communicable``
and ``public`` the fields that would carry assessor names or individual values
are empty, so that a user template cannot leak them by mistake.

``docs/reports.md`` documents these fields; a test checks that templates use
no field that is not declared here.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["interne", "communicable", "public"]
Kind = Literal["committee", "fiches", "feedback"]


class Ctx(BaseModel):
    """Base: unknown fields are errors; contexts are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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


class RuleOutcome(Ctx):
    """One eligibility rule or eliminatory criterion, for one dossier."""

    id: str = Field(description="Rule or criterion id.")
    label: str = Field(description="Its label, as the grid words it (French).")
    outcome: Literal["pass", "fail", "unknown"] = Field(description="pass, fail or unknown.")
    outcome_label: str = Field(description="The outcome in words.")


class Flag(Ctx):
    """A result flag and its meaning in words."""

    code: str = Field(description="The flag, as in the result JSON (e.g. below-floor:B1).")
    text: str = Field(description="What it means, translated, with the criterion's label.")
    short: str = Field(
        "", description="A few words for the ranking's one-line rows (criterion by its id); "
                        "the legend (`Context.flag_legend`) and the fiches say the rest.")


class Amounts(Ctx):
    """Money for one dossier (None: unknown or not set)."""

    requested: float | None = Field(description="Amount requested by the applicant.")
    proposed: float | None = Field(
        description="Amount proposed (a proposed dossier only): a jury-stage decision's before the vote grants it, else the engine's rules'.")
    granted: float | None = Field(
        description="Amount granted: a decision's once a vote granted it (None until then).")
    held: float | None = Field(
        default=None, description="What a retained dossier holds: granted, else proposed "
                                  "(isgrid.engine.maps.held; the retained lists show it).")


_MARK = "« reconstitué » / « inféré » beside the label when not sourced (grids show's word)."


class Marker(Ctx):
    """Profile mode: one marker's intensity for one dossier."""

    id: str = Field(description="Marker (criterion) id.")
    label: str = Field(description="Marker label.")
    provenance: str | None = Field(None, description=_MARK)
    value: float | None = Field(description="Intensity (aggregate or consensus), None if unrated.")
    max: float = Field(description="Top of the marker's scale.")
    present: bool = Field(description="The marker counts as present.")


class DossierLine(Ctx):
    """One dossier in the ranking table."""

    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title (untrusted text).")
    rank: int | None = Field(description="Rank, or None when not ranked.")
    total: float | None = Field(description="Scored: the total, out of the grid's `out_of`.")
    ranking_total: float | None = Field(
        None, description="Scored, with ranking weights: the total the ranking uses.")
    verdict: str | None = Field(description="Checklist: the verdict, in words.")
    present: int | None = Field(description="Profile: how many markers are present.")
    markers: list[Marker] = Field(description="Profile: every marker's intensity.")
    status: str = Field(description="Status, as in the result (French identifier).")
    status_label: str = Field(description="Status in words, in the document's language.")
    selected: bool | None = Field(description="Proposed for funding (None: no selection yet).")
    reserve: bool = Field(description="On the reserve list.")
    reserve_position: int | None = Field(
        None, description="On the reserve: its position, shared by the dossiers tied with it.")
    flags: list[Flag] = Field(description="Flags with their meaning (interne only).")
    floors_missed: list[str] = Field(description="Labels of the criteria below their floor.")
    amounts: Amounts = Field(description="Requested, proposed, granted.")
    deports: int = Field(description="How many assessors are in conflict with this dossier.")
    computed: str | None = Field(
        description="The status the engine computed (its proposal: « irrecevable », « non "
                    "classé »...), in words, when a decision exists.")
    decision: str | None = Field(
        description="The recorded decision in words, with its stage; None before any.")
    decision_reason: str | None = Field(description="The decision's reason (untrusted text).")


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
    provenance: str | None = Field(None, description=_MARK)
    spread: float = Field(description="Normalised spread u = (max - min) / scale range.")
    min: float | None = Field(description="Lowest usable rating (interne only).")
    max: float | None = Field(description="Highest usable rating (interne only).")


class OpinionSummary(Ctx):
    """The jurors' overall opinions of one dossier, counted (interne only)."""

    n: int = Field(description="Jurors who gave an opinion, an amount or a comment (recusals left out).")
    counts: dict[str, int] = Field(
        description="favorable / réservé / défavorable (identifiers) -> how many; zeros left out.")
    text: str = Field(description="The counts in words: '3 favorables, 1 réservé'; '-' if none.")
    amount_min: float | None = Field(description="Lowest amount proposed by a juror.")
    amount_max: float | None = Field(description="Highest amount proposed by a juror.")


class JurorOpinion(Ctx):
    """One juror's overall opinion of one dossier, from opinions/*.csv (interne only)."""

    assessor: str = Field(description="Juror name.")
    role: str = Field(description="Role, in words.")
    opinion: str | None = Field(
        description="favorable, réservé or défavorable (identifier); None if not given.")
    opinion_label: str = Field(description="The opinion in words, or '-'.")
    amount: float | None = Field(description="The amount the juror proposes, in euros.")
    comment: str = Field(description="The juror's overall comment (untrusted text).")


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
    provenance: str | None = Field(None, description=_MARK)
    alpha: float | None = Field(description="Alpha, or None when undefined.")
    pairable: int = Field(description="Dossiers with at least two usable ratings.")
    values: int = Field(description="Ratings in those dossiers.")
    note: str | None = Field(description="Why alpha is missing or weak evidence, in words.")


class Rating(Ctx):
    """One assessor's rating of one criterion (interne only)."""

    assessor: str = Field(description="Assessor name.")
    role: str = Field(description="Role, in words.")
    value: float | None = Field(description="The value (None: missing or n/a).")
    value_label: str = Field(
        description="The scale level's label, « NE » (n/a), « non noté » (missing) or '-'.")
    comment: str = Field(description="The assessor's comment (untrusted text).")
    excluded: bool = Field(description="In conflict with the dossier: the rating does not count.")
    missing: bool = Field(
        default=False, description="A juré expected on the criterion left it empty (no value, "
        "no NE: isgrid.call.expected): « non noté ».")
    same_comment_as: str | None = Field(
        default=None, description="The assessor whose identical comment is quoted above "
        "(this one's comment is then empty): a comment several wrote alike, quoted once.")


class CriterionView(Ctx):
    """One criterion of one dossier, for a fiche."""

    id: str = Field(description="Criterion id.")
    label: str = Field(description="Criterion label.")
    provenance: str | None = Field(None, description=_MARK)
    core: bool = Field(description="Checklist: a core (socle) criterion.")
    eliminatory: bool = Field(description="A gate, not counted.")
    floor: float | None = Field(description="Scored: the floor, in scale units.")
    floor_provenance: str | None = Field(
        None, description="The floor's provenance in words when it is not sourced "
                          "(« inféré », « reconstitué »), else None.")
    below_floor: bool = Field(description="The value is below the floor (or unrated).")
    scale_min: float = Field(description="Bottom of the scale.")
    scale_max: float = Field(description="Top of the scale.")
    value: float | None = Field(description="Aggregate or consensus.")
    value_label: str = Field(description="The nearest level's label, or '-'.")
    raw: float | None = Field(description="The aggregate of the ratings.")
    consensus: float | None = Field(description="The consensus value, if recorded.")
    consensus_reason: str | None = Field(description="Why the committee set it.")
    n: int = Field(description="Usable ratings.")
    na: int = Field(description="n/a ratings (« NE » in French, « n/a » in English).")
    missing: int = Field(
        default=0, description="Jurés expected on the criterion who left it empty (no value, "
        "no NE): « non noté ».")
    min: float | None = Field(description="Lowest rating (interne only).")
    max: float | None = Field(description="Highest rating (interne only).")
    state_label: str | None = Field(description="Met / partly / not met, present / absent.")
    ratings: list[Rating] = Field(description="Each assessor's value and comment (interne only).")


class SectionView(Ctx):
    """One section of the grid for one dossier."""

    id: str = Field(description="Section id.")
    label: str = Field(description="Section label.")
    score: float | None = Field(
        description="Normalised score in [0, 1], share met, or mean intensity / scale top.")
    appreciation: str = Field(description="The score in words.")
    criteria: list[CriterionView] = Field(description="The section's criteria.")


class Fiche(Ctx):
    """A dossier's fiche (committee view)."""

    line: DossierLine = Field(description="The dossier's line of the ranking.")
    summary: str | None = Field(description="The dossier's summary (untrusted text).")
    eligibility: list[RuleOutcome] = Field(description="Every rule and gate, with its outcome.")
    sections: list[SectionView] = Field(description="Sections and criteria.")
    distance: float | None = Field(
        description="Signed distance to the funding line (points or ranks; + is above).")
    distance_unit: str = Field(description="'points' or 'rangs'/'ranks'.")
    chart_svg: str = Field(
        description="Inline SVG built by isgrid (radar or bars), all text escaped; '' if none.")
    deports: list[str] = Field(description="Assessors in conflict (names, interne only).")
    opinions: list[JurorOpinion] = Field(
        default_factory=list,
        description="Each juror's overall opinion, amount and comment (interne only; recusals "
                    "left out).")
    opinion_summary: OpinionSummary | None = Field(
        None, description="The same, counted; None when no juror gave one (interne only).")


class Point(Ctx):
    """A strength or a point to improve, for an applicant."""

    label: str = Field(description="The criterion's label.")
    text: str = Field(description="Advice or guidance from the grid, or ''.")


class LetterCriterion(Ctx):
    """One criterion of a letter: the score against its floor, and the jurors' comments
    they marked as shareable (anonymous)."""

    label: str = Field(description="The criterion's label.")
    section: str = Field(description="Its section's label.")
    score: str = Field(description="The committee's value in words and figures, or '-'.")
    value: float | None = Field(description="The committee's value (mean or consensus).")
    max: float = Field(description="The scale's top.")
    floor: float | None = Field(description="The criterion's floor, if any.")
    below_floor: bool = Field(description="The value is below the floor.")
    comments: list[str] = Field(description="Jurors' comments marked shareable (no names).")


class Letter(Ctx):
    """Feedback to one applicant (communicable)."""

    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title.")
    outcome: str = Field(description="The outcome in one sentence.")
    reasons: list[str] = Field(description="The rules or rank behind the outcome.")
    amount: float | None = Field(description="Amount proposed or granted, when funded.")
    sections: list[SectionView] = Field(description="Appreciation per section (no ratings).")
    strengths: list[Point] = Field(description="Strengths drawn from the grid.")
    improvements: list[Point] = Field(description="Points to improve, with the grid's advice.")
    weighed: bool = Field(
        True, description="The letter weighs the dossier's merits (strengths, points to "
                          "improve): False for an irrecevable dossier, whose letter says why "
                          "it is not eligible and compares it with no funded dossier.")
    synthesis: list[str] = Field(description="The committee's recorded synthesis (meeting).")
    criteria: list[LetterCriterion] = Field(
        default_factory=list, description="Every rated criterion against its floor.")
    total: float | None = Field(None, description="The dossier's total (scored mode).")
    out_of: float | None = Field(None, description="The grid's maximum total (scored mode).")
    threshold: float | None = Field(None, description="The grid's threshold, if any.")
    ranking_total: float | None = Field(
        None, description="The dossier's ranking total (the total with the grid's ranking "
        "weights, which the ranking used), when the grid ranks with ranking weights.")
    line_total: float | None = Field(
        None, description="The funding line: the last funded dossier's total on the scale "
        "the ranking used (its ranking total when ``line_ranking``).")
    line_ranking: bool = Field(
        False, description="The grid ranks with ranking weights: ``line_total`` is the last "
        "funded dossier's ranking total, compared with the dossier's ``ranking_total``.")
    line_words: str | None = Field(
        None, description="The sentence comparing the dossier with the funding line, on the "
        "total the ranking used (« Le dernier dossier proposé au financement totalise … »).")
    line_granted: bool = Field(
        False, description="A vote granted the dossier at the funding line (« le dernier "
        "dossier financé »), else it is proposed (« proposé au financement »).")
    amount_word: str | None = Field(None, description="« Montant proposé / attribué : … ».")
    granted: bool = Field(False, description="The amount is granted by a decision (else "
                          "proposed).")
    motivation: str | None = Field(None, description="The decision's recorded motivation.")
    date: str | None = Field(None, description="The letter's date, in words.")
    place: str | None = Field(None, description="Where it is signed.")
    reference: str | None = Field(None, description="The deliberation's reference.")
    sender: str | None = Field(None, description="The authority and its service.")
    signatory: str | None = Field(None, description="Who signs.")
    contact: str | None = Field(None, description="Whom to ask.")
    next_steps: str | None = Field(None, description="What happens next, for this outcome.")
    appeal: str | None = Field(None, description="The « voies et délais de recours » "
                               "(decided letters only).")
    proposal: bool = Field(
        False, description="The outcome is the jury's proposal, no vote has decided it: the "
                           "letter says it is no decision (never for a withdrawn dossier, "
                           "whose withdrawal is the applicant's own, nor for one tied at the "
                           "funding line while the tie is open: the jury proposed nothing).")
    notice: str | None = Field(
        None, description="What the letter is, in its box, while no vote has decided the "
                          "dossier: the jury's proposal, no decision; for a dossier tied at "
                          "the funding line, the tie open, that nothing is proposed until "
                          "the tie is broken.  None for a decided or withdrawn dossier.")


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
             Agreement, Fiche, SectionView, CriterionView, Rating, Letter, Point, InputFile,
             Envelope, EnvelopeRow, GreyItem, LegendItem]
    out: list[str] = []
    for model in order:
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out.append(f"### `{model.__name__}`\n\n{doc}\n\n| field | meaning |\n|---|---|")
        for name, f in model.model_fields.items():
            out.append(f"| `{name}` | {f.description} |")
        out.append("")
    return "\n".join(out)
