"""The grid language's diagnostic codes: a part of the catalog
(:data:`isgrid.diagnostic_codes.CODES`, which lists them in this order after the codes of
reading files), kept apart so that the catalog stays a file one can read."""

from __future__ import annotations

from .codeinfo import CodeInfo

GRID_CODES: dict[str, CodeInfo] = {
    # grid language
    "schema-invalid": CodeInfo(
        "A file does not follow its schema", "grid", "See `isgrid grids schema` for the grid language."
    ),
    "unknown-key": CodeInfo(
        "A key is not part of the language", "grid", "Check the spelling against the schema."
    ),
    "duplicate-id": CodeInfo("Two items share an id", "grid", "Ids must be unique in a grid."),
    "invalid-id": CodeInfo(
        "An id has characters isgrid does not accept", "grid",
        "Use ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.",
    ),
    "unknown-scale": CodeInfo(
        "A criterion names a scale the grid does not define", "grid",
        "Define the scale under `scales:` or fix the name.",
    ),
    "unknown-dimension": CodeInfo(
        "A criterion names a dimension outside D1..D10", "grid",
        "See grids/dimensions.yaml for the ten shared dimensions.",
    ),
    "bad-weight": CodeInfo(
        "A weight is zero, negative or too large", "grid",
        "Weights are positive numbers of at most 1 000 000; omit it for 1."
    ),
    "bad-scale": CodeInfo(
        "A scale is inconsistent", "grid",
        "Levels need distinct increasing values, and at least two of them.",
    ),
    "floor-out-of-scale": CodeInfo(
        "A floor or rule value lies outside its scale", "grid",
        "A floor is in its criterion's scale units (3 on a 0-5 scale); a rule value in its "
        "scale's too. The grid's threshold is in the total's units (out of 100 by default).",
    ),
    "bad-threshold": CodeInfo(
        "A threshold is outside the total's range", "grid",
        "The scored total is out of 100 unless `total: {out_of: N}` says otherwise; the "
        "threshold is in the same units."
    ),
    "consensus-missing": CodeInfo(
        "A criterion lacks the consensus value the call requires", "data",
        "With `require_consensus: true`, each criterion of each dossier needs a committee "
        "value (call.yaml `consensus:` or `isgrid consensus set`)."
    ),
    "bad-tie-break": CodeInfo(
        "A tie-break cannot order dossiers", "grid",
        "A list fact needs `count: distinct`; an object fact needs one of its fields."
    ),
    "mode-mismatch": CodeInfo(
        "A setting does not apply to the grid's mode", "grid",
        "Thresholds and floors belong to scored grids; core criteria to checklist grids.",
    ),
    "eliminatory-scale": CodeInfo(
        "An eliminatory criterion needs a yes/no scale and `rated_by`", "grid",
        "Use a scale with exactly two levels (0 = non, 1 = oui) and set rated_by.",
    ),
    "empty-grid": CodeInfo(
        "A grid or section has no criteria", "grid", "Add criteria or remove the section."
    ),
    "missing-provenance": CodeInfo(
        "A numeric parameter has no provenance", "grid",
        "Say where it comes from under `parameters:` (status sourced, reconstructed or inferred).",
    ),
    "sourced-without-source": CodeInfo(
        "A criterion or parameter is marked sourced but names no source", "grid",
        "Say which document (and page) under `source:`; if no document says it, it is "
        "`reconstructed` or `inferred`.",
    ),
    "stale-provenance": CodeInfo(
        "A changed parameter, or a criterion's label rewritten in the same language, keeps "
        "the provenance of the parent grid's value", "grid",
        "Give the changed parameter its own entry under `parameters:` (a rewritten label: "
        "`set: criteria.ID.provenance: ...`); until then it is shown as inferred.",
    ),
    "share-changed": CodeInfo(
        "Criteria added to or removed from a section of the parent grid (by a grid or a "
        "call) change the share of its other criteria in the total", "grid",
        "If that is not intended, set the section's weight (`set: sections.ID.weight: ...`) "
        "or the criteria's weights.",
    ),
    "set-changes-nothing": CodeInfo(
        "A `set` (or a top-level key of a grid extending another) writes the value the "
        "parent grid already gives, written or by default", "grid",
        "Remove the line: the value stays the parent grid's, with its provenance.",
    ),
    "unknown-fact": CodeInfo(
        "A rule, a tie-break or a call's portfolio constraint reads a fact the grid does not "
        "declare", "grid",
        "Declare the fact under `facts:` (or with the call's `set:`), or correct its name.",
    ),
    "bad-rule": CodeInfo(
        "An eligibility rule is malformed", "grid",
        "A rule is {fact: PATH, OP: VALUE}, or all/any/not of rules, or at_least: N of: [rules].",
    ),
    "bad-verdict": CodeInfo(
        "A checklist verdict rule names an unknown criterion or cannot apply", "grid",
        "A verdict part is {criterion: ID} (with only_with: [IDs]), all/any of parts, "
        "or at_least: N with of: [parts]; see docs/grid-language.md.",
    ),
    "answers-not-grid": CodeInfo(
        "A self-assessment's answers file was given where a grid is expected", "usage",
        "Name a grid by its id or file; score the answers with `isgrid assess GRID FILE`."
    ),
    "unknown-grid": CodeInfo(
        "A grid id or file cannot be found", "usage", "Run `isgrid grids list` to see the grids."
    ),
    "extends-cycle": CodeInfo(
        "Grids extend each other in a cycle", "grid", "Break the cycle of `extends`."
    ),
    "extends-id-mismatch": CodeInfo(
        "The file found for a parent grid is another grid (its `id:` differs)", "grid",
        "Name the parent by the id its file gives and rename the file to that `<id>.yaml` "
        "(parents are found by file name), or move the file that stands in its place.",
    ),
    "grid-id-mismatch": CodeInfo(
        "The file found for a grid named by id (call.yaml's `grid:`) is another grid (its "
        "`id:` differs)", "grid",
        "Name the file itself (`grid: FILE.yaml`), or rename it after its id; or move it "
        "away to read the grid named.",
    ),
    "shadowed-grid": CodeInfo(
        "A grid file stands in for the shipped grid of the same id (a parent beside a "
        "grid, or a call's own grid that differs from it)", "grid",
        "Give a grid of your own an id of its own and extend it, or name it, by that id.",
    ),
    "untranslated-texts": CodeInfo(
        "A grid in another language than the grid it extends (`lang: en` over a French "
        "grid) leaves a criterion's texts in the parent's words", "grid",
        "Restate the criterion's label, question, guidance and advice under `set:` "
        "(docs/grids.md, « A grid in English »): the documents of the call quote them.",
        check_only=True,
    ),
    "version-mismatch": CodeInfo(
        "A pinned parent version does not match", "grid",
        "Pin the version the parent declares, or drop the @version.",
    ),
    "unknown-target": CodeInfo(
        "`set`, `add` or `remove` names something the parent does not have", "grid",
        "Check the id in the grid extended: `isgrid grids show` with its id.",
    ),
    "bad-set-path": CodeInfo(
        "A `set` path is not one isgrid can change", "grid",
        "Paths: criteria.<id>.<field>, sections.<id>.<field>, scales.<id>, facts.<name>, counts_as.<field>, mode, threshold, aggregator, tie_breaks.",
    ),
}
