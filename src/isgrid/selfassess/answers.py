"""Answers files of a self-assessment: reading them (file, web form) and writing them.

An answers file is YAML: ``grid: id@version`` (optional) and ``answers:``, a
mapping from criterion id to a level value, a level label, ``na``, or
``{value, comment}``; left empty means unanswered.  See :mod:`isgrid.selfassess.assess`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..engine.judge import below_floor
from ..errors import CallError, Collector, Diagnostic, Location, Message, Quote, UsageError
from ..grid.choices import criterion_origins
from ..grid.load import LoadedGrid
from ..grid.model import Criterion, Grid, Scale
from ..grid.provenance import provenance_summary, shown_status
from ..grid.scales import Parsed, allowed_values, parse_value
from ..i18n import french_spacing
from ..io import yamlemit as emit
from ..io.text import MAX_YAML_BYTES, read_text
from ..io.yamlio import Doc, parse_yaml
from ..messages import Count, Numbers, Quoted, close_match

#: The longest comment an answer keeps, in characters (about six pages): said beside the
#: field and in the guide; a longer one is refused with its length, never cut.
MAX_COMMENT = 20_000


@dataclass(frozen=True)
class Answer:
    """One answer: a value on the criterion's scale, or n/a, and an optional comment."""

    value: float | None = None
    na: bool = False
    comment: str | None = None

    @property
    def answered(self) -> bool:
        return self.value is not None or self.na


Answers = dict[str, Answer]


# ------------------------------------------------------------------ reading answers
def asked(grid: Grid) -> list[Criterion]:
    """The criteria a self-assessment asks the holder: all but those whose value is a
    dossier fact (``from_fact``, :mod:`isgrid.grid.fromfact`: the first stage's total of a
    call in two stages), which nobody rates.  The holder is not asked to rate one as a
    question: the answers file, the web questionnaire and the result leave it out and say
    so (:func:`fact_criteria`), and an answer given to it is refused."""
    return [c for c in grid.criteria() if c.from_fact is None]


def na_offered(grid: Grid, c: Criterion) -> bool:
    """« Ne s'applique pas » is offered for ``c``: its scale allows n/a, and an n/a would not
    keep the dossier from being ranked.  The engine counts a criterion without a value as
    below its floor (:func:`isgrid.engine.judge.below_floor`: a jury's NE on every rating
    leaves the dossier « non classé »), so a criterion with a floor asks for a level: the
    template and the questionnaire do not offer n/a there (docs/self-assessment.md).  An
    answers file that says n/a there anyway is read, and the result says what follows."""
    return grid.scales[c.scale].na and not below_floor(None, c.floor)


def fact_criteria(grid: Grid) -> list[Criterion]:
    """The criteria whose value is a dossier fact, which :func:`asked` leaves out."""
    return [c for c in grid.criteria() if c.from_fact is not None]


def fmt_level(v: float | int | None) -> str:
    if v is None:
        return ""
    return f"{float(v):g}"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def parse_answers(data: Any, grid: Grid, file: str, diags: Collector,
                  doc: Doc | None = None, lang: str = "fr") -> Answers:
    """Turn parsed YAML into answers, adding a diagnostic for every bad entry.  A label or
    n/a typed is read in the file's language (its ``lang:`` key, else ``lang``): an English
    file's « yes », « N.A. » as the workbooks read them (:func:`isgrid.grid.scales.parse_value`)."""

    def where(*path: str) -> Location:
        return doc.loc(path) if doc is not None else Location(file, key_path=".".join(path))

    if not isinstance(data, dict):
        diags.add("yaml-not-mapping", Message("an answers file is a mapping of criterion ids to "
                                              "answers"),
                  Location(file))
        return {}
    declared = data.get("grid")
    if declared is not None:
        gid = str(declared).split("@", 1)[0]
        if gid != grid.id:
            diags.add("unknown-grid", Message("this answers file is for the grid {gid}, not {grid}",
                                              gid=Quote(gid), grid=Quote(grid.id)),
                      where("grid"),
                      hint=Message("Open the grid {gid}, or use an answers file made for {grid}.",
                                   gid=Quote(gid), grid=Quote(grid.id)))
            return {}
    if data.get("lang") in ("en", "fr"):
        lang = str(data["lang"])
    items = data["answers"] if "answers" in data else {
        k: v for k, v in data.items() if k not in ("grid", "lang")}
    if items is None:
        return {}
    if not isinstance(items, dict):
        diags.add("yaml-not-mapping", Message("`answers` is a mapping of criterion ids to answers"),
                  where("answers"))
        return {}
    base = ("answers",) if "answers" in data else ()
    known = {c.id: c for c in grid.criteria()}
    if not base:  # a flat file: a misspelt top key (`answer:`) is no criterion
        for key in [k for k in items if str(k) not in known]:
            close = close_match(str(key), TOP_KEYS)
            if close is not None:
                diags.add("unknown-key", Message(TOP_KEY_TYPO, key=Quote(str(key)),
                                                 close=Quote(close)), where(str(key)),
                          hint="An answers file holds `grid:`, `lang:` and `answers:`.")
                del items[key]
    strangers = [str(k) for k in items if str(k) not in known]
    if strangers and len(strangers) == len(items):  # every id is another grid's: say it once
        other = shipped_grid_of(strangers, grid.id)
        if other is not None:
            diags.add("unknown-grid", Message(OTHER_GRID, other=other, grid=grid.id),
                      where(*base, strangers[0]),
                      hint=Message("Open the grid {other} (`isgrid assess {other} {file}`), or "
                                   "see these answers on {grid} with `isgrid assess {other} "
                                   "{file} --grid {grid}`.", other=other, grid=grid.id,
                                   file=Path(file).name))
            return {}
    out: Answers = {}
    for key, raw in items.items():
        cid = str(key)
        c = known.get(cid)
        if c is None:
            diags.add("unknown-criterion", Message("the grid {grid} has no criterion {criterion}",
                                                   grid=Quote(grid.id), criterion=Quote(cid)),
                      where(*base, cid))
            continue
        if c.from_fact is not None:  # not a question (asked): nobody rates it
            diags.add("wrong-rater-role", Message(
                "{criterion} is not a question: its value is each dossier's fact {fact}, "
                "which a self-assessment leaves out", criterion=cid, fact=c.from_fact),
                where(*base, cid), hint="Delete the line: nobody rates this criterion.")
            continue
        comment: str | None = None
        value = raw
        if isinstance(raw, dict):
            extra = set(raw) - {"value", "comment"}
            if extra:
                diags.add("unknown-key", Message("unknown key {extra} in the answer to {criterion}",
                                                 extra=Quote(sorted(extra)[0]), criterion=cid),
                          where(*base, cid),
                          hint="An answer is a value, or {value: ..., comment: ...}.")
            value = raw.get("value")
            if raw.get("comment") is not None:
                comment = str(raw["comment"]).strip() or None
                if comment is not None and len(comment) > MAX_COMMENT:
                    diags.add("comment-too-long", Message(
                        "{criterion}: the comment has {n} characters, more than the {max} an "
                        "answer keeps", criterion=cid, n=Count(len(comment)),
                        max=Count(MAX_COMMENT)), where(*base, cid, "comment"),
                        hint=Message("Shorten the comment to {max} characters at most (keep "
                                     "the rest in a document of your own).",
                                     max=Count(MAX_COMMENT)))
                    continue
        elif isinstance(raw, list):
            diags.add("value-out-of-scale", Message("the answer to {criterion} is a list",
                                                    criterion=cid),
                      where(*base, cid), hint=_answer_hint(grid, c))
            continue
        scale = grid.scales[c.scale]
        parsed = parse_value(value, scale, c.scale, lang)
        if parsed.error:
            diags.add("value-out-of-scale", _out_of_scale(cid, value, parsed, scale),
                      where(*base, cid), hint=_answer_hint(grid, c))
            continue
        if parsed.value is None and not parsed.na and comment is None:
            continue  # left empty: unanswered
        out[cid] = Answer(parsed.value, parsed.na, comment)
    return out


#: the keys an answers file holds besides criterion ids (a flat file's)
TOP_KEYS = ("answers", "grid", "lang")
#: a misspelt top key, and answers all of another grid: the web page says them as they are
TOP_KEY_TYPO = "unknown key {key}: did you mean {close}?"
OTHER_GRID = "these answers are those of the grid {other}, not of {grid}"


def shipped_grid_of(ids: list[str], but: str) -> str | None:
    """The shipped grid (current version, not ``but``) whose criteria hold every id of
    ``ids``: the one with the fewest criteria when several do (Avise's answers are
    avise-mouves-2011's, not those of the Alsace grid that extends it); None if none."""
    from ..errors import GridError
    from ..grid.load import list_shipped, load_grid

    best: tuple[int, str] | None = None
    for path in list_shipped():
        if path.stem == but:
            continue
        try:
            ids_of = {c.id for c in load_grid(path.stem).grid.criteria()}
        except GridError:
            continue
        if set(ids) <= ids_of and (best is None or len(ids_of) < best[0]):
            best = (len(ids_of), path.stem)
    return best[1] if best is not None else None


def _out_of_scale(cid: str, raw: Any, parsed: Parsed, scale: Scale) -> Message:
    """Why an answer is not a level, in a holder's words: a number between two levels
    (« 2,5 » on 0–3) names the two to choose from (read by
    :func:`~isgrid.grid.scales.parse_value`, :attr:`Parsed.between`), never a setting of
    the grid."""
    if parsed.between is not None:
        below, above = parsed.between
        return Message("{criterion}: {value} lies between two levels of the scale "
                       "({values}): write {below} or {above}", criterion=cid,
                       value=Quoted([str(raw).strip()]), values=Numbers(allowed_values(scale)),
                       below=Numbers([below]), above=Numbers([above]))
    return Message("{criterion}: {error}", criterion=cid, error=parsed.error)


def _answer_hint(grid: Grid, c: Criterion) -> Message:
    """What an answers file may hold for the question ``c``: said to a holder (her
    answers file, « na » where it is offered: :func:`na_offered`), never a cell, NE or a
    call's settings."""
    scale = grid.scales[c.scale]
    labels = ", ".join(level.label for level in sorted(scale.levels, key=lambda lv: lv.value))
    if na_offered(grid, c):
        return Message("In your answers file, write a level's value or label ({labels}), na "
                       "if the question does not apply, or leave it empty.", labels=labels)
    return Message("In your answers file, write a level's value or label ({labels}), or "
                   "leave it empty.", labels=labels)


def load_answers_text(text: str, grid: Grid, file: str = "answers.yaml",
                      lang: str = "fr") -> tuple[Answers, Collector]:
    """Parse an answers file's text (``lang``: its language when it names none); problems
    are collected, never raised."""
    diags = Collector()
    doc = parse_yaml(text, file, diags)
    if doc is None or diags.errors:
        return {}, diags
    if doc.data is None:
        return {}, diags
    return parse_answers(doc.data, grid, file, diags, doc, lang), diags


def read_answers_file(path: Path, grid: Grid) -> tuple[Answers, list[Diagnostic]]:
    """Read an answers file: the answers and the warnings; raise on any error.

    A missing file is a :class:`UsageError`; an unreadable or invalid one a
    :class:`CallError` with every problem found.
    """
    diags = Collector()
    if not path.is_file():
        diags.add("file-not-found", Message("no file {path}", path=path), Location(str(path)))
        raise UsageError(f"no file {path}", diags.items)
    text = read_text(path, diags, max_bytes=MAX_YAML_BYTES)
    # a file saved in cp1252 (Notepad): said in a holder's words, not a call's (Excel, CSV)
    diags.items[:] = [replace(d, hint=ENCODING_HINT) if d.code == "encoding-decoded" else d
                      for d in diags.items]
    if text is None:
        raise CallError(f"cannot read {path}", diags.items)
    parsed, more = load_answers_text(text, grid, str(path))
    diags.extend(more.items)
    if diags.errors:
        raise CallError(f"{path} has errors", diags.items)
    return parsed, diags.warnings


ENCODING_HINT = ('Save your answers file as UTF-8 (Notepad: "Save as", Encoding "UTF-8"). '
                 "Until then it is read as cp1252, correctly.")


def answers_from_form(form: Mapping[str, str], grid: Grid) -> Answers:
    """Answers from an HTML form: ``v:<id>`` (a level value or ``na``) and ``c:<id>``.

    Anything that is not a level of the scale is ignored (a form is not trusted).  A
    comment is kept whole: :func:`long_comments` says which are too long, and the pages
    refuse them rather than cut them.
    """
    out: Answers = {}
    for c in grid.criteria():
        raw = (form.get(f"v:{c.id}") or "").strip()
        comment = (form.get(f"c:{c.id}") or "").strip() or None
        scale = grid.scales[c.scale]
        if raw == "na" and scale.na:
            out[c.id] = Answer(None, True, comment)
            continue
        parsed = parse_value(raw, scale, c.scale) if raw else None
        value = parsed.value if parsed is not None and not parsed.error else None
        if value is not None or comment:
            out[c.id] = Answer(value, False, comment)
    return out


def long_comments(answers: Answers) -> dict[str, int]:
    """The criteria whose comment is longer than :data:`MAX_COMMENT`, with its length."""
    return {cid: len(a.comment) for cid, a in answers.items()
            if a.comment is not None and len(a.comment) > MAX_COMMENT}


def form_values(answers: Answers) -> dict[str, str]:
    """The form fields that carry ``answers`` (hidden fields, pre-checked radios)."""
    out: dict[str, str] = {}
    for cid, a in answers.items():
        if a.na:
            out[f"v:{cid}"] = "na"
        elif a.value is not None:
            out[f"v:{cid}"] = fmt_level(a.value)
        if a.comment:
            out[f"c:{cid}"] = a.comment
    return out


# ------------------------------------------------------------------ writing answers
_TEMPLATE_TEXT = {
    "fr": {
        "head": "Autoévaluation",
        "how1": "Pour chaque critère, écrivez après les deux-points la valeur du niveau choisi",
        "how2": "(ou son libellé), « na » s'il ne s'applique pas, ou laissez vide.",
        "how3": "Pour ajouter un commentaire : {value: 3, comment: \"votre texte\"}.",
        "how4": "Puis : isgrid assess {grid} CE-FICHIER.yaml --format html -o resultat.html",
        "core": "critère socle",
        "floor": "plancher {floor}",
        "eliminatory": "condition éliminatoire : « {no} » rend le dossier irrecevable",
        "apart": "{name} : à part, hors du verdict",
        "question": "Question",
        "advice": "Conseil",
        "na": "na = ne s'applique pas",
        "no_na_floor": "(pas de « na » ici : sans note, le plancher n'est pas atteint et le "
                       "dossier ne serait pas classé)",
        "reconstructed": "reconstitué",
        "inferred": "inféré",
        "call": "critère de l'appel",
        "provenance": "Critères sourcés / reconstitués / inférés : {s} / {r} / {i}",
        "not_sourced": "(un critère reconstitué ou inféré n'est pas le texte de la grille publiée)",
        "sep": " ; ",
        "from_fact": "pas une question : sa valeur est reprise du fait {fact} de chaque "
                     "dossier ({min} à {max}) ; l'autoévaluation le laisse de côté",
    },
    "en": {
        "head": "Self-assessment",
        "how1": "For each criterion, write after the colon the value of the chosen level",
        "how2": "(or its label), \"na\" if it does not apply, or leave it empty.",
        "how3": "To add a comment: {value: 3, comment: \"your text\"}.",
        "how4": "Then: isgrid assess {grid} THIS-FILE.yaml --format html -o result.html",
        "core": "core criterion",
        "floor": "floor {floor}",
        "eliminatory": "eliminatory condition: \"{no}\" makes the dossier ineligible",
        "apart": "{name}: apart, outside the verdict",
        "question": "Question",
        "advice": "Advice",
        "na": "na = does not apply",
        "no_na_floor": "(no \"na\" here: without a level the floor is not reached and the "
                       "dossier would not be ranked)",
        "reconstructed": "reconstructed",
        "inferred": "inferred",
        "call": "call's own criterion",
        "provenance": "Criteria sourced / reconstructed / inferred: {s} / {r} / {i}",
        "not_sourced": "(a reconstructed or inferred criterion is not the published grid's text)",
        "sep": "; ",
        "from_fact": "not a question: its value is taken from each dossier's fact {fact} "
                     "({min} to {max}); the self-assessment leaves it out",
    },
}




def _shell_word(text: str) -> str:
    """``text`` as one word of a command line (a path with spaces in double quotes)."""
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


def answers_yaml(loaded: LoadedGrid, answers: Answers | None = None, lang: str = "fr",
                 grid_ref: str | None = None) -> str:
    """An answers file for ``loaded``: blank (``answers=None``) or filled.

    Every question, its levels and the criterion's role are written as comments,
    so the file can be filled in a text editor.  ``grid_ref``: the grid as the command
    line was given it (a grid file's path), for the next command the file prints; by
    default the grid's id (a shipped grid).
    """
    t = _TEMPLATE_TEXT.get(lang, _TEMPLATE_TEXT["fr"])
    fr = t is _TEMPLATE_TEXT["fr"]
    if fr:  # isgrid's own words with French spacing, as in the result (not the grid's)
        t = {k: french_spacing(v) for k, v in t.items()}
    colon = "\u00a0: " if fr else ": "
    g = loaded.grid
    answers = answers or {}
    counts = provenance_summary(g)["criteria"]
    origins = criterion_origins(loaded)  # « critère de l'appel » for a call's own criterion
    provenance = t["provenance"].format(s=counts["sourced"], r=counts["reconstructed"],
                                        i=counts["inferred"])
    if counts["reconstructed"] or counts["inferred"]:  # a holder should know
        provenance += " " + t["not_sourced"]
    lines = [
        f"# {t['head']}{colon}{_one_line(g.title)}",
        f"# {t['how1']}",
        f"# {t['how2']}",
        f"# {t['how3']}",
        f"# {t['how4'].replace('{grid}', _shell_word(grid_ref or g.id))}",
        f"# {provenance}",
        f"grid: {g.ref}",
        *(["lang: en"] if lang == "en" else []),  # « yes », « N.A. » read back in English
        "answers:",
    ]
    for s in g.sections:
        lines.append("")
        lines.append(f"  # ── {_one_line(s.label)}")
        for c in s.criteria:
            scale = g.scales[c.scale]
            if c.from_fact is not None:  # never asked (:func:`asked`): said, no answer line
                spec = g.facts.get(c.from_fact)
                lines.append(f"  # {c.id} {_one_line(c.label)} — " + t["from_fact"].format(
                    fact=c.from_fact,
                    min=fmt_level(spec.minimum if spec is not None else scale.min),
                    max=fmt_level(spec.maximum if spec is not None else scale.max)))
                continue
            tags = []
            if c.core:
                tags.append(t["core"])
            if c.floor is not None:
                tags.append(t["floor"].format(floor=fmt_level(c.floor)))
            if c.eliminatory:
                tags.append(t["eliminatory"].format(no=scale.levels[0].label))
            if c.separate_condition is not None and g.resolved_mode() == "checklist":
                tags.append(t["apart"].format(name=c.separate_condition))
            status = origins.get(c.id, shown_status(c.provenance))
            if status != "sourced":  # a holder should know the wording is not the grid's
                tags.append(t[status])
            lines.append(f"  # {c.id} {_one_line(c.label)}"
                         + (f" ({t['sep'].join(tags)})" if tags else ""))
            if c.question:
                lines.append(f"  # {t['question']}{colon}{_one_line(c.question)}")
            for level in scale.levels:
                desc = f" — {_one_line(level.description)}" if level.description else ""
                lines.append(f"  #   {fmt_level(level.value)} = {_one_line(level.label)}{desc}")
            if na_offered(g, c):
                lines.append(f"  #   {t['na']}")
            elif scale.na:  # a floor: n/a would keep the dossier from being ranked
                lines.append(f"  #   {t['no_na_floor']}")
            a = answers.get(c.id)
            if a is None or (not a.answered and not a.comment):
                lines.append(f"  {c.id}:")
                continue
            value: Any = "na" if a.na else (
                None if a.value is None else (int(a.value) if a.value.is_integer() else a.value))
            if a.comment:
                lines.append(f"  {c.id}: " + emit.flow({"value": value, "comment": a.comment}))
            else:
                lines.append(f"  {c.id}: {emit.scalar(value, False) if value is not None else ''}"
                             .rstrip())
    return "\n".join(lines) + "\n"
