"""The catalog of diagnostic codes: what each means, its kind (and so its exit code) and
its usual hint.

:data:`CODES` is the one list of the codes isgrid reports; ``docs/diagnostics.md`` and
``isgrid codes`` are generated from it (:mod:`isgrid.catalog`), and
:class:`isgrid.errors.Diagnostic` refuses a code that is not in it.
"""

from __future__ import annotations

from .codeinfo import CodeInfo as CodeInfo  # where errors, the catalog and tests find it
from .diagnostic_codes_files import READING_CODES
from .diagnostic_codes_grid import GRID_CODES
from .diagnostic_codes_intake import INTAKE_CODES

#: The catalog of diagnostic codes. Adding a code here (or in
#: :mod:`isgrid.diagnostic_codes_grid` for the grid language) documents it; the test
#: suite checks that every code is triggered by at least one test.
CODES: dict[str, CodeInfo] = {
    **READING_CODES,
    **GRID_CODES,
    # calls, dossiers, ratings
    "unknown-dossier": CodeInfo(
        "A rating or decision names a dossier that does not exist", "data",
        "Check the dossier id against the call's dossiers (dossiers/, dossiers.csv or "
        "dossiers.xlsx).",
    ),
    "unknown-criterion": CodeInfo(
        "A rating names a criterion the grid does not have", "data",
        "Run `isgrid grids show GRID` to see the criterion ids.",
    ),
    "comment-too-long": CodeInfo(
        "A comment of a self-assessment's answer is longer than an answer keeps", "data",
        "Shorten the comment (keep the rest in a document of your own).",
    ),
    "unknown-assessor": CodeInfo(
        "A name refers to an assessor that is not declared", "data",
        "Declare the assessor under `assessors:` in call.yaml.",
    ),
    "value-out-of-scale": CodeInfo(
        "A rating is not a value of its criterion's scale", "data",
        "Use a level value or label of the scale, N/A (not applicable) or NE, or leave the "
        "cell empty.",
    ),
    "bad-shareable": CodeInfo(
        "A ratings file's shareable cell is neither yes nor no (oui, non)", "data",
        "Write oui when the comment may be quoted in the applicant's letter; non (or "
        "nothing) otherwise.",
    ),
    "amount-unusual": CodeInfo(
        "A granted amount is below the call's minimum grant, above its cap or rate, or above "
        "what the dossier asked",
        "data",
        "Check the amount typed; record a new decision to correct it.",
    ),
    "column-without-header": CodeInfo(
        "A column of a juror's workbook holds values under an empty header cell", "data",
        "Put back the header the workbook wrote (the criterion's id first); the column's "
        "ratings would otherwise be lost.",
    ),
    "sheet-missing-column": CodeInfo(
        "A juror's workbook or CSV sheet lacks a column (a row, one sheet per dossier) it "
        "was written with: a criterion's, the overall opinion's, the amount's, the dossier's",
        "data",
        "Take the workbook that was sent again, or copy the ratings into it; nothing is "
        "imported while a column is missing.",
    ),
    "sheet-grid-changed": CodeInfo(
        "The call's grid changed since a juror's workbook was written, in what the workbook "
        "asks (its criteria, their order, their scales' levels)", "data",
        "Send the juror a new workbook (isgrid sheets keeps what they already gave) if the "
        "change matters to their ratings.",
    ),
    "sheet-twin-columns": CodeInfo(
        "Two columns of a juror's workbook have the same label, one isgrid reads (a criterion, "
        "the overall opinion, the amount, the dossier...): it cannot tell which one to read",
        "data",
        "Delete one of the two columns (keep the one that holds the juror's values), then "
        "import the workbook again.",
    ),
    "duplicate-rating": CodeInfo(
        "Two rows rate the same dossier, assessor and criterion", "data",
        "Keep one row per (dossier, assessor, criterion).",
    ),
    "duplicate-dossier": CodeInfo(
        "Two dossiers share an id", "data", "Dossier ids must be unique in a call."
    ),
    "id-case-clash": CodeInfo(
        "Two dossier or juror ids differ only by case", "data",
        "Rename one of them (e.g. j1 and j2): their workbooks and ratings files would be "
        "one file on Windows and macOS."
    ),
    "fact-invalid": CodeInfo(
        "A dossier fact does not match its declared type", "data",
        "See the grid's facts with `isgrid grids show GRID`.",
    ),
    "list-given-twice": CodeInfo(
        "A list fact is given both in the dossiers sheet and in its own sheet", "data",
        "Give each dossier's list in one place: empty its cell (or its name[].prop cells) in "
        "the dossiers sheet, or remove its rows from the list sheet.",
    ),
    "unknown-fact-key": CodeInfo(
        "A dossier has a fact the grid does not declare", "data",
        "Check the spelling, or declare the fact in the call's grid.",
    ),
    "eligibility-unmet": CodeInfo(
        "An eligibility rule is met by no dossier of the call (at least 3 fail it), or an in: "
        "list holds no dossier's value: most often a fact taken from the wrong column", "data",
        "Check the column that intake.facts maps to the fact in call.yaml (a Démarche "
        "Numérique export gives a département's name and its code in two columns: map the "
        "“(Code)” one); if the dossiers' values are right, they are indeed ineligible.",
    ),
    "constraint-value-unmet": CodeInfo(
        "A portfolio constraint's value is no dossier's value of its fact (a case mismatch, "
        "SCOP for scop): the constraint matches nothing", "data",
        "Write the value as the dossiers give it (values compare as text, capitals count).",
    ),
    "no-ratings": CodeInfo(
        "A dossier has no ratings yet: one warning per dossier up to 10 of them, one warning "
        "for them all (their count and the first ids) beyond", "data",
        "Collect the jurors' ratings; until then, you may ignore this warning.",
    ),
    "ratings-missing": CodeInfo(
        "A declared assessor has not rated some of their dossiers yet", "data",
        "Import their workbook once it comes back (isgrid sheets import), or list their "
        "dossiers under `assessors[].dossiers`.",
    ),
    "shortlist-budget": CodeInfo(
        "A présélection (selection.shortlist) has a budget: the shortlist is cut by the "
        "dossiers' amounts, fewer dossiers are heard than top says", "data",
        "Remove `budget:` from call.yaml: a présélection grants no money (the budget goes "
        "into the second stage's call folder, docs/calls.md).",
    ),
    "meeting-missing": CodeInfo(
        "The minutes are written without a meeting block: no members, chair or quorum", "data",
        "Add a meeting block to call.yaml (date, chair, members, quorum); see docs/decisions.md.",
    ),
    "quorum-short": CodeInfo(
        "A dossier was deliberated below the meeting's quorum: the members recused from it "
        "(conflicts) or who left the room for it (meeting.left_room) were out of the room",
        "data",
        "The minutes say it under the quorum. If a member named under meeting.left_room "
        "did not leave the room, remove the entry; otherwise follow your rules for a "
        "deliberation below the quorum (deliberate the dossier again, or record why).",
    ),
    "left-room-rated": CodeInfo(
        "A member left the room for a dossier (meeting.left_room) but is not recused from it "
        "(conflicts): their ratings of it count, and the minutes say so", "data",
        "If the member is recused from the dossier, add a conflicts entry (their assessor id "
        "and the dossier): their ratings are then kept and never count. If they only left "
        "the room, nothing to do: left_room counts for the quorum only.",
    ),
    "by-interested": CodeInfo(
        "A consensus value or a decision is recorded by (--by) a member who declared an "
        "interest in the dossier, left the room for it or is recused from it: the journal "
        "and the minutes read it as their taking part in its deliberation", "data",
        "Record it --by the member who chaired that deliberation (isgrid journal cancel, "
        "then record it again); if the member only wrote down what the committee decided "
        "without them, say so in --reason.",
    ),
    "meeting-member-unknown": CodeInfo(
        "meeting.left_room names someone who is not among meeting.members: nobody is counted "
        "out of the room for that dossier", "data",
        "Write the member's name as meeting.members writes it (or their assessor id).",
    ),
    "conflicted-rating": CodeInfo(
        "An assessor rated a dossier they are recused from (a conflict of interest): the "
        "ratings are kept where they were written and never count", "data",
        "Nothing to do: what the juror wrote is kept and never counts. If the recusal is a "
        "mistake, remove it from call.yaml's conflicts or from conflicts/*.csv; a recusal made "
        "in the jury workspace is lifted from its /admin page (the workspace rewrites "
        "conflicts/<juror>.csv from its database).",
        seance_quiet=True,
    ),
    "role-missing": CodeInfo(
        "The grid has criteria rated by a role (rated_by) that no declared assessor has: "
        "their values stay unknown and every dossier stays to be checked", "data",
        "Declare an assessor with that role under `assessors:` in call.yaml, and write their "
        "workbook (isgrid sheets CALL -o fiches/ --assessor ID).",
    ),
    "wrong-rater-role": CodeInfo(
        "A criterion was rated by an assessor of another role (an eliminatory one's "
        "rated_by; the jurors rate the others), or an instructor gave an overall opinion or "
        "an amount (the jurors')", "data",
        "Only the role named by an eliminatory criterion's rated_by may rate it; the jurors "
        "rate every other criterion and give the overall opinions and amounts. Delete the "
        "row or column.",
    ),
    "bad-consensus": CodeInfo(
        "A consensus entry is malformed", "data",
        "Give dossier, criterion, value and reason.",
    ),
    "consensus-unchanged": CodeInfo(
        "A consensus gives a criterion the value the jurors' ratings already give it", "data",
        "Right when the committee confirms the jurors' value (it then holds whatever the "
        "ratings become); otherwise record the value meant. --strict records nothing.",
    ),
    "call-invalid": CodeInfo(
        "call.yaml has a wrong value", "data", "See docs/calls.md for the keys of call.yaml.",
        file_hint="See docs/calls.md for what the file {file} may hold.",
    ),
    "path-escape": CodeInfo(
        "A path leaves the call folder", "data", "Paths in a call must stay inside its folder."
    ),
    "no-dossiers": CodeInfo(
        "A call has no dossiers", "data", "Add dossiers/*.yaml or dossiers.csv."
    ),
    "below-min-ratings": CodeInfo(
        "A criterion has fewer usable ratings than min_ratings", "data",
        "Collect more ratings or lower min_ratings.",
    ),
    # jury workbooks, import, assignment (isgrid.jury)
    "no-assessors": CodeInfo(
        "The call declares no assessors", "data",
        "List the jury under `assessors:` in call.yaml (id, name, role).",
    ),
    "nothing-to-rate": CodeInfo(
        "An assessor would get a workbook with nothing to fill", "data",
        "Nothing to do if the role rates nothing in this grid; otherwise give the role "
        "criteria in the grid (`rated_by`) or declare the assessor with another role.",
    ),
    "grid-locked": CodeInfo(
        "The call's grid's criteria or their values changed after jurors started scoring in "
        "the jury workspace (its notes, wording, weights do not lock)", "data",
        "Put the grid's criteria and scales (and call.yaml's `set:`) back as they were: the "
        "drafts are kept; to score with the new grid, tell the jurors and start a new "
        "workspace database (--db).",
    ),
    "sheet-not-isgrid": CodeInfo(
        "A workbook was not written by `isgrid sheets` or lost its hidden sheet", "data",
        "Import the workbook isgrid wrote for the juror (it keeps a hidden sheet _isgrid).",
    ),
    "sheet-assessor-changed": CodeInfo(
        "A workbook's hidden sheet was changed since isgrid wrote it (another juror "
        "named, its seal cleared or its dossiers edited)", "data",
        "Import the workbook as it was sent, for the juror it was written for.",
    ),
    "sheet-assessor-unsure": CodeInfo(
        "A workbook written before workbooks recorded their juror holds a dossier its juror "
        "was not given, or lacks one they were: it may have been written for another juror "
        "(imported all the same)", "data",
        "Nothing to do if the juror's dossiers changed since the workbook was sent; if it is "
        "another juror's, import it again for that juror.",
    ),
    "sheet-assessor-twice": CodeInfo(
        "Two workbooks of one import are for the same juror", "data",
        "Import only the latest workbook of each juror.",
    ),
    "dossier-not-assigned": CodeInfo(
        "A returned workbook or CSV sheet rates a dossier that is not one of its juror's",
        "data",
        "Put back the row's dossier id: rows may be sorted, ids must not be edited.",
    ),
    "deport-rated": CodeInfo(
        "A returned workbook or CSV sheet rates a dossier its juror is recused from, and "
        "the workbook was not written with it (a row added, or an id edited)", "data",
        "Delete the row (or put back its own id if it was edited); if the recusal is a "
        "mistake, lift it where it is declared (call.yaml's conflicts or conflicts/*.csv).",
    ),
    "dossier-no-longer-assigned": CodeInfo(
        "A workbook rates a dossier it was written with, no longer one of its juror's; the "
        "ratings are imported", "data",
        "Delete the dossier's rows from the workbook and import it again with --replace if "
        "the juror is not to rate it.",
    ),
    "dossier-id-edited": CodeInfo(
        "A row of a returned workbook or CSV sheet names a dossier, but bears another "
        "dossier's title", "data",
        "Put back the id that goes with the title: ids must not be edited.",
    ),
    "ratings-exist": CodeInfo(
        "A juror already has a ratings file", "usage",
        "Pass --replace to replace it; the previous file is kept as a dated copy.",
    ),
    "bad-opinion": CodeInfo(
        "An overall opinion is not one the workbook offers (favourable, reserved or "
        "unfavourable; in a French call favorable, réservé or défavorable)", "data",
        "Choose the opinion in the drop-down list, or leave the cell empty.",
    ),
    "bad-amount": CodeInfo(
        "A proposed amount is not a number of euros (0 or more)", "data",
        "Write an amount in euros (12000 or 12 000,50; 12,000.50 in an English call), or leave "
        "the cell empty.",
    ),
    "assign-impossible": CodeInfo(
        "Some dossiers cannot get the requested number of assessors", "data",
        "Lower --per-dossier, add assessors, or check the conflicts.",
    ),
    "assign-would-drop": CodeInfo(
        "isgrid assign would lose rows or columns of assignments.csv", "data",
        "Correct assignments.csv, or move it out of the call folder to start a new one.",
    ),
    "record-mismatch": CodeInfo(
        "A call no longer gives what its audit record says", "data",
        "An input, the grid, the parameters or isgrid's version changed since the record.",
    ),
    # decisions journal, constraints, meeting, open data (isgrid.call.journal, decisions...)
    "journal-broken": CodeInfo(
        "The decisions journal was changed after it was written", "data",
        "Restore journal.jsonl from a copy; never edit it by hand (append with isgrid decide).",
    ),
    "journal-invalid": CodeInfo(
        "A line of the decisions journal is not a valid entry", "data",
        "Restore journal.jsonl from a copy; entries are written by isgrid commands only.",
    ),
    "grid-changed": CodeInfo(
        "Journal entries were recorded while the call was judged with another grid (another "
        "version, or the call's set: changed since)", "data",
        "Pin the séance's version in call.yaml (grid: <id>@<version>) when this isgrid has "
        "it (grids/versions/), else copy its file into the call folder; or put back what "
        "the call changed; the minutes signed show the séance's totals.",
    ),
    "inputs-changed": CodeInfo(
        "The ratings or the dossiers' files changed since the last vote (else the last "
        "journal entry) was recorded on them: totals and statuses may differ from those the "
        "deliberation decided and the minutes and letters show", "data",
        "isgrid record check CALL RECORD names the files and dossiers that changed, against "
        "the audit record written when the minutes were signed. Put back the files as they "
        "were; if the change is meant, record what it decides with a new vote (isgrid decide "
        "CALL DOSSIER --stage vote) where the call has voted, else with a new decision of the "
        "jury, and say why.",
    ),
    "journal-other-edition": CodeInfo(
        "Journal entries are dated long before the call's own dates: an earlier edition's "
        "journal?", "data",
        "A journal copied with last year's folder decides this year's dossiers with last "
        "year's consensus and votes: start the new edition with isgrid call init NEW --from "
        "OLD (no journal is copied) and move journal.jsonl out of this folder; if the "
        "entries are this call's, correct meeting.date or meeting.vote.date.",
        check_only=True,
    ),
    "decision-unverified": CodeInfo(
        "A \"not selected\" is recorded at the jury stage for a dossier still to check (its "
        "eligibility or amount unknown): the deliberation would refuse what nobody could "
        "verify", "data",
        "Ask the applicant for the missing piece (CRPA L114-5) and record the jury's proposal "
        "as postponed (--outcome ajourné) until it is checked, then the decision taken on it "
        "(--stage vote); if the piece was asked for and never came, say so in --motivation.",
    ),
    "decision-unmotivated": CodeInfo(
        "A decision goes against isgrid's proposal and has no motivation for the applicant",
        "data",
        'Record it again with the words the applicant will read: --motivation "…" '
        "(--reason stays internal).",
    ),
    "bad-decision": CodeInfo(
        "A decision, withdrawal or meeting entry cannot be recorded as given", "data",
        "Check the dossier, stage, outcome and amount; see docs/decisions.md.",
    ),
    "deliberation-dates": CodeInfo(
        "Votes of one deliberation are recorded with different dates (--at): its annex "
        "cannot be dated", "data",
        "Record the vote with the wrong date again with the right one (isgrid decide … "
        "--stage vote --reference REF --at YYYY-MM-DD); when another deliberation decided "
        "its dossier since, record that deliberation's vote again right after it.",
    ),
    "vote-confirms": CodeInfo(
        "A vote retaining a dossier again at another deliberation, without a date, is read "
        "as confirming the earlier vote, not correcting it", "data",
        "To correct a mistyped --reference, record the vote with the deliberation's date "
        "(--at YYYY-MM-DD, the earlier vote's day or before; date the earlier vote first "
        "when it has none).",
    ),
    "vote-unreferenced": CodeInfo(
        "A vote is recorded with no deliberation's reference (neither --reference nor "
        "meeting.vote.reference): the minutes cannot name the deliberation", "data",
        "Give --reference REF with the vote, or meeting.vote.reference in call.yaml.",
    ),
    "unknown-deliberation": CodeInfo(
        "A deliberation's reference is neither meeting.vote's nor one the journal's votes "
        "record", "usage",
        "Give one of the references listed (isgrid journal show lists each vote's).",
    ),
    "constraint-infeasible": CodeInfo(
        "A portfolio constraint of call.yaml cannot be met by any selection", "data",
        "Relax the constraint, raise the budget, or record a decision by hand.",
    ),
    "constraint-broken": CodeInfo(
        "A decision or a withdrawal breaks a portfolio constraint the selection met", "data",
        "Check the decision; if the committee departs from the call's rule on purpose, say "
        "why in its motivation (the minutes state the constraint as the decisions leave it).",
    ),
    "annex-holder-missing": CodeInfo(
        "The CP annex lists dossiers without their holder: their « Porteur » cell is a dash",
        "data",
        "Give each dossier its holder: map the holder's column under intake.facts in "
        "call.yaml (then run isgrid intake again), or write the fact in each dossier's file "
        "(dossiers/<id>.yaml) or a column of the call's table (dossiers.csv, dossiers.xlsx); "
        "the annex reads `holder`, or the fact "
        "meeting.attribuant.beneficiary_name names.",
    ),
    "letter-personal-data": CodeInfo(
        "An applicant's letter would quote a shared comment that writes a juror's name or "
        "another applicant's contact, or the table's workbook cannot be opened to read the "
        "contacts", "data",
        "Edit the comment, or remove its shareable mark, before writing the letters (see "
        "docs/personal-data.md).",
    ),
    "letters-no-signatory": CodeInfo(
        "The applicants' letters are written without a signatory (letters.signatory)", "data",
        'Add `letters: {signatory: "The Programme Director"}` to call.yaml '
        "(the name and quality of who signs).",
    ),
    "letters-appeal-default": CodeInfo(
        "An English call's decided letters state a general means of appeal "
        "(letters.appeal not written)", "data",
        "Write the routes and time limits of appeal that apply to the programme as "
        "`letters: {appeal: \"…\"}` in call.yaml: French administrative law's (recours "
        "gracieux, tribunal administratif) are the default of a French call only.",
    ),
    "siret-invalid": CodeInfo(
        "A beneficiary's SIRET (the fact meeting.attribuant.beneficiary_id names, siret by "
        "default) is not 14 digits or its check digit is wrong (warning)", "data",
        "Check it against the INSEE's directory (annuaire-entreprises.data.gouv.fr) and "
        "correct it on the platform or in the dossier's file.", seance_quiet=True,
    ),
    "export-incomplete": CodeInfo(
        "Open-data export: a required field is missing or malformed", "data",
        "Fill the `meeting.attribuant` block of call.yaml and the beneficiaries' SIRET facts.",
    ),
    "export-formula": CodeInfo(
        "Open-data export: a published text is a spreadsheet formula (=HYPERLINK(…), "
        "@SUM(…), -cmd|…) that a spreadsheet opening the file would run", "data",
        "Correct the text where it is written (the dossier's title or holder in its file or "
        "on the platform, or call.yaml); to publish other words than the title, name a fact "
        "of the dossier under meeting.attribuant.objet (docs/opendata.md).",
    ),
    "scdl-invalid": CodeInfo(
        "An SCDL Subventions file does not follow its published schema (isgrid validate-scdl)",
        "data",
        "Correct the value in the call (the dossier's file, call.yaml) and write the file "
        "again with isgrid export; a file saved again by a spreadsheet is no longer in the "
        "schema's format (docs/opendata.md).",
    ),
    "convention-date-undeclared": CodeInfo(
        "A dossier gives the grant agreement's date (meeting.attribuant.convention_date's "
        "fact) that neither the grid nor call.yaml declares", "data",
        "Declare it in call.yaml: `set: {facts.convention_date: {type: date}}`.",
    ),
    "scdl-objet-cut": CodeInfo(
        "A grant's objet is longer than the 256 characters of the SCDL schema: it is cut at "
        "a word, « … » after", "data",
        "Give each dossier a shorter objet in a fact of its own and name it under "
        "meeting.attribuant.objet.",
    ),
    "vote-zero-grant": CodeInfo(
        "A vote retaining a dossier with 0 € (recorded before isgrid refused one): no grant, "
        "the open-data export leaves it out", "data",
        "Cancel the entry (isgrid journal cancel), then record what the deliberation "
        "decided: \"not selected\", or the amount voted (docs/decisions.md §1, \"A vote of "
        "0 €\").",
    ),
    "convention-date-missing": CodeInfo(
        "Open-data export: a grant has no agreement date, the decision's date is written as "
        "its dateConvention", "data",
        "Give each grant's agreement date: the dossier fact meeting.attribuant.convention_date "
        "names (`convention_date` by default), or meeting.vote.convention_date for the "
        "grants of meeting.vote's deliberation.",
    ),
    # intake from Démarche Numérique (isgrid.intake: diagnostic_codes_intake)
    **INTAKE_CODES,
    # personal data (isgrid.call.purge), the jury workspace, the library
    "purge-not-due": CodeInfo(
        "The retention period of the call is not over", "usage",
        "Wait until the date given, or change retention in call.yaml if it was wrong.",
    ),
    "purge-name-left": CodeInfo(
        "A purged name, or a removed contact value, is still written in a file the purge "
        "rewrites or reads (in dossiers.xlsx: another sheet, a defined name, a header or "
        "footer, a cell comment)", "data",
        "The purge changes the names where assessors, meeting and consensus (by) give them, "
        "in comments and in the journal; edit this place by hand (see "
        "docs/personal-data.md).",
    ),
    "purge-left": CodeInfo(
        "A purge stopped partway left dated copies in a hidden folder (of ratings and "
        "opinions, with the jurors' comments, or of assignments.csv), once the retention "
        "period is over", "data",
        "Run isgrid call purge --apply again: it removes them (or delete the folder).",
    ),
    "yaml-rewrite": CodeInfo(
        "A YAML file cannot be edited in place without changing more than asked", "data",
        "Make the change by hand; nothing was written.",
    ),
    "workspace-purged": CodeInfo(
        "The call was purged of its personal data: the jury workspace does not serve it "
        "again", "usage",
        "The jury's work on the call is over: delete the workspace's database (.isgrid, or "
        "the PostgreSQL database given with --db) rather than serve it again "
        "(docs/jury-web.md).",
    ),
    "database-url": CodeInfo(
        "The database given with --db is not SQLite nor PostgreSQL, or cannot be read",
        "usage", "Give --db sqlite:///path/to/file.sqlite3 or "
        "postgresql://user@host/database (docs/jury-web.md).",
    ),
    "database-unreachable": CodeInfo(
        "The jury workspace cannot open its database (server not running, database not "
        "created, user refused)", "usage",
        "Start the database server, create the database, or give the right URL with --db.",
    ),
    "database-newer": CodeInfo(
        "The jury workspace's database was upgraded by a newer isgrid", "usage",
        "Run the newer isgrid, or restore the backup made before the upgrade "
        "(on SQLite, the newer isgrid kept one beside the database: "
        "jury.before-upgrade-SCHEMA.sqlite3; docs/jury-web.md, Backups).",
    ),
    "workspace-other-edition": CodeInfo(
        "The jury workspace's database was made for another edition of the call (another "
        "title, or a date more than six months away): a call folder copied", "usage",
        "Start this year's call with isgrid call init NEW --from OLD, or move the call's "
        ".isgrid folder away; the same call, its title or date corrected: isgrid jury "
        "confirm-call CALL --apply (docs/jury-web.md).",
    ),
    "workspace-juror-renamed": CodeInfo(
        "A juror's name in call.yaml is not the one the jury workspace's database holds "
        "their sheet under", "usage",
        "Another person: give them an id of their own in call.yaml; the same person, "
        "their name corrected: isgrid jury confirm-call CALL --apply (docs/jury-web.md).",
    ),
    "workspace-served": CodeInfo(
        "Another isgrid jury serve already serves this call", "usage",
        "Run one isgrid jury serve per call: stop the other first (kill PID, systemctl "
        "stop), or use it; isgrid jury secretariat CALL prints a sign-in link without "
        "a second server.",
    ),
    "cannot-listen": CodeInfo(
        "The server cannot listen on the address and port asked", "usage",
        "Choose another --port (another program may already use it), or an address of "
        "this machine with --host.",
    ),
    "bad-scenario": CodeInfo(
        "A Scenario given to the library does not fit the call (its ratings, its grid)",
        "usage", "See docs/api.md, \"Re-running the pipeline: scenarios\".",
    ),
    # output
    "bad-option": CodeInfo(
        "An option's value cannot be read, or two options of a command do not go together",
        "usage", "See the command's --help.",
    ),
    "sheet-dossiers-changed": CodeInfo(
        "Most dossiers of a returned workbook changed since it was written: another edition's?",
        "data", "Check that the workbook is this call's (when it was sent); its ratings are "
        "imported.",
    ),
    "meeting-member-renamed": CodeInfo(
        "A meeting member is tied to an assessor id whose declared name is another's", "data",
        "Give the member the assessor's name, or the id of the person who sits.",
    ),
    "output-others": CodeInfo(
        "The output folder holds files of the same kind the command did not write", "data",
        "Empty the folder or write into a new one before sending what it holds.",
    ),
    "output-exists": CodeInfo(
        "The output file already exists", "usage", "Pass --force to replace it."
    ),
    "output-is-input": CodeInfo(
        "The output would overwrite an input", "usage", "Choose another output path."
    ),
}
