"""The diagnostic codes of the intake of dossiers from Démarche Numérique (export files and
the GraphQL API: :mod:`isgrid.intake`), part of :data:`isgrid.diagnostic_codes.CODES`, kept
here so that each module of the catalog stays short."""

from __future__ import annotations

from .codeinfo import CodeInfo

INTAKE_CODES: dict[str, CodeInfo] = {
    "intake-source": CodeInfo(
        "An export file is not shaped as the platform writes it", "data",
        "Export the dossiers again from the platform (XLSX, ODS or CSV) and give that file.",
    ),
    "intake-duplicate": CodeInfo(
        "The same project taken in twice: the source gives a dossier number twice, or two "
        "dossiers have the same beneficiary's SIRET and the same title (warning)", "data",
        "If it is one project, keep one: classify the other « sans suite » on the platform "
        "and run isgrid intake again; if they are two projects, nothing to do.",
    ),
    "intake-unknown-column": CodeInfo(
        "A column or champ of the export is mapped to no fact", "data",
        "Map it under intake.facts in call.yaml, or list it under intake.ignore.",
    ),
    "intake-composite-column": CodeInfo(
        "A fact the grid's rules read is mapped to the name column of a composite champ "
        "(département, région, commune, EPCI) whose code is in a column of its own", "data",
        "Map the fact to the “(Code)” column (“(Code INSEE)” for a commune) under "
        "intake.facts in call.yaml; to keep the name on purpose, list the code column under "
        "intake.ignore.",
    ),
    "intake-unmapped-fact": CodeInfo(
        "A fact the grid requires has no column in the export", "data",
        "Add the column's label (or its champDescriptorId) under intake.facts in call.yaml.",
    ),
    "intake-missing-column": CodeInfo(
        "A key of the intake block names a column the export does not have", "data",
        "Write the column's header as the export has it (the message names the closest one); "
        "nothing is written until then, so that no fact is emptied in every dossier.",
    ),
    "intake-value": CodeInfo(
        "A value of the export cannot be read as its fact's type", "data",
        "Amounts as 25 000 €, dates as 14/03/2016, yes/no as Oui or Non.",
    ),
    "intake-text-cut": CodeInfo(
        "A text of an ODS file (an export, a juror's workbook) is longer than isgrid reads "
        "of a cell, and is cut", "data",
        "The rest of the text is not in the dossier's file: read it on the platform, or take "
        "the dossiers by the API (isgrid intake --api).",
    ),
    "intake-rewritten": CodeInfo(
        "A dossier file that intake refreshes cannot be edited in place and is written anew",
        "data",
        "Its data is kept, not its comments, blank lines nor layout. To keep them, write out "
        "in full the value the warning names (a value repeated with an alias *name), then run "
        "again; with --dry-run, or isgrid --strict intake, nothing is written.",
    ),
    "intake-hand-edit": CodeInfo(
        "A value edited by hand in a dossier file since the last intake, kept, while the "
        "platform's value changed too", "data",
        "The file's value is kept. To take the platform's value, remove its line from the "
        "dossier file and run isgrid intake again (--dry-run first shows it).",
    ),
    "intake-purged": CodeInfo(
        "The call was purged of its personal data: isgrid intake does not refresh it", "usage",
        "A refresh would bring the holders' contacts and the experts' comments back. Take the "
        "dossiers of a new campaign into a new call folder (isgrid call init); nothing was "
        "written.",
    ),
    "intake-changes-decided": CodeInfo(
        "Refreshed facts would change what the meeting decided (a status, a vote's reach, the "
        "list's adoption)", "data",
        "Nothing is written without --change-decided: check with --dry-run what changes, "
        "then write it with --change-decided and record the decisions the new facts call "
        "for (isgrid decide); the minutes and letters written before say otherwise.",
    ),
    "assign-changes-rated": CodeInfo(
        "A new distribution of a role whose jurors already returned ratings, or of a call "
        "whose meeting's journal holds entries", "data",
        "Nothing is written without --change-rated: the workbooks were written, the ratings "
        "returned and the decisions taken on the current distribution. To add a juror or a "
        "dossier, edit assignments.csv by hand instead; with --change-rated the previous "
        "file is kept as replaced/assignments.<date>.csv.",
    ),
    "sheet-file-named-other": CodeInfo(
        "A workbook's file name names another juror than the one it was written for; it is "
        "imported as its own juror's", "data",
        "Check which juror sent it: the workbook is imported under the juror its hidden "
        "sheet names, and the juror its file name names has not returned theirs yet.",
    ),
    "import-changes-decided": CodeInfo(
        "Imported ratings would change what the meeting decided (a rank, a status, an "
        "amount, the list's adoption)", "data",
        "Nothing is written without --change-decided: a workbook returned after the vote "
        "changes the ranking the decisions were taken on. Import it with --change-decided "
        "only if the séance agrees, then record the decisions the new ranking calls for "
        "(isgrid decide); the minutes and letters written before say otherwise.",
    ),
    "submission-changes-decided": CodeInfo(
        "A juror's submission in the jury workspace would change what the meeting decided "
        "(a rank, a status, an amount, the list's adoption)", "data",
        "The submission is refused and the juror's sheet stays open, their ratings kept as "
        "a draft. If the séance agrees to the change, allow it from the dashboard (the "
        "reopen button's box, or « Autoriser » on a reopened sheet), let the juror submit "
        "again, then record the decisions the new ranking calls for (isgrid decide).",
    ),
    "api-auth": CodeInfo(
        "The Démarche Numérique API refused the token, or no token is set", "usage",
        "Create a token on the platform and put it in the environment variable named by "
        "intake.token_env (never in a file of the call).",
    ),
    "api-unreachable": CodeInfo(
        "The Démarche Numérique API cannot be reached", "usage",
        "Check the network (tokens are restricted to a network range) and intake.endpoint.",
    ),
    "api-answer": CodeInfo(
        "The Démarche Numérique API gave an answer isgrid cannot read", "data",
        "Nothing was written; try again later, or import an export file with --from.",
    ),
}
