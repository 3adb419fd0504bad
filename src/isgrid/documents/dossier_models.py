"""The report context's models of one dossier: its line of the ranking (with its flags,
amounts, markers), its fiche (sections, criteria, ratings, the jurors' opinions) and its
letter; and :class:`Ctx`, the base of every context model.

:mod:`isgrid.documents.models` holds the rest of the context (the document's parts and
:class:`~isgrid.documents.models.Context` itself) and says what the context is for.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Ctx(BaseModel):
    """Base: unknown fields are errors; contexts are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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


#: The description of a `provenance` field (a criterion's or a marker's).
MARK = "« reconstitué » / « inféré » beside the label when not sourced (grids show's word)."


class Marker(Ctx):
    """Profile mode: one marker's intensity for one dossier."""

    id: str = Field(description="Marker (criterion) id.")
    label: str = Field(description="Marker label.")
    provenance: str | None = Field(None, description=MARK)
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
    assessor_id: str = Field(default="", description="Juror id (two jurors may share a name).")
    role: str = Field(description="Role, in words.")
    opinion: str | None = Field(
        description="favorable, réservé or défavorable (identifier); None if not given.")
    opinion_label: str = Field(description="The opinion in words, or '-'.")
    amount: float | None = Field(description="The amount the juror proposes, in euros.")
    comment: str = Field(description="The juror's overall comment (untrusted text).")


class Rating(Ctx):
    """One assessor's rating of one criterion (interne only)."""

    assessor: str = Field(description="Assessor name.")
    assessor_id: str = Field(default="", description="Assessor id (two assessors may share a "
                             "name: the access document's « Juré A, B… » follow the ids).")
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
    same_comment_as_id: str | None = Field(
        default=None, description="The id of the assessor same_comment_as names.")


class CriterionView(Ctx):
    """One criterion of one dossier, for a fiche."""

    id: str = Field(description="Criterion id.")
    label: str = Field(description="Criterion label.")
    provenance: str | None = Field(None, description=MARK)
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


class ApartRow(Ctx):
    """One dossier's line of a condition shown apart (`ApartCondition`)."""

    id: str = Field(description="Dossier id.")
    title: str = Field(description="Dossier title (untrusted text).")
    criterion: CriterionView = Field(
        description="The criterion as the dossier's fiche shows it (its value, its state).")


class ApartCondition(Ctx):
    """A condition shown apart from a checklist's verdict (the art. 15 grid's II), per dossier.

    A criterion's ``separate_condition``, for every dossier as the fiches show it (the
    committee report, interne and communicable)."""

    label: str = Field(description="The condition's name (« Condition du II (…) »).")
    id: str = Field(description="Its criterion's id.")
    criterion: str = Field(description="Its criterion's label.")
    section: str = Field(description="The label of the criterion's section.")
    rows: list[ApartRow] = Field(description="Every dossier, in the ranking's order.")


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
