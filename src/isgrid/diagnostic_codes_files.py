"""The diagnostic codes of reading files: the first part of the catalog
(:data:`isgrid.diagnostic_codes.CODES`, which lists them first, then the grid language's,
:mod:`isgrid.diagnostic_codes_grid`), kept apart so that the catalog stays a file one can
read."""

from __future__ import annotations

from .codeinfo import CodeInfo

#: The codes of reading files (the catalog's first part; then the grid language's).
READING_CODES: dict[str, CodeInfo] = {
    # reading files
    "file-not-found": CodeInfo("A file or folder does not exist", "usage", "Check the path."),
    "file-too-large": CodeInfo(
        "A file is larger than isgrid accepts", "data",
        "YAML files are limited to 5 MB and tables to 500 MB: split the file.",
    ),
    "encoding-decoded": CodeInfo(
        "A file was not UTF-8 and was decoded as cp1252", "data",
        "Convert it to UTF-8: in Excel, « Enregistrer sous… », type « CSV UTF-8 (délimité "
        "par des virgules) »; or iconv -f cp1252 -t utf-8 FILE > FILE.utf8, then put it in "
        "its place. Until then it is read as cp1252, correctly; isgrid call check and grids "
        "check say so, the other commands only beside an error.",
        check_only=True,
    ),
    "encoding-mojibake": CodeInfo(
        "A file read as cp1252 holds UTF-8 read as Windows text (« Ã© » for « é »): Excel "
        "opened a UTF-8 file as ANSI and saved it", "data",
        "Take the file back as it was before Excel saved it (ratings/replaced/), or correct "
        "the accents; in Excel, open such a file through Données > À partir d'un fichier "
        "texte, UTF-8, and save it as « CSV UTF-8 ».",
    ),
    "encoding-invalid": CodeInfo(
        "A file could not be decoded", "data", "Save the file as UTF-8."
    ),
    "yaml-syntax": CodeInfo(
        "A YAML file is not well formed", "data",
        "Check indentation (spaces, not tabs) and quoting near the given line.",
    ),
    "yaml-decimal-comma": CodeInfo(
        "A decimal comma inside {…} split a number into a key", "data",
        "Inside {…} a decimal number is written with a point (0.5) and thousands without a "
        "separator (30000); in call.yaml a rate or an amount may also be written in quotes (\"0,5\") or on a line of its own, out of the "
        "braces (rate: 0,5).",
    ),
    "yaml-too-complex": CodeInfo(
        "A YAML file uses too many aliases or nodes", "data",
        "Write the content out instead of using anchors and aliases.",
    ),
    "yaml-duplicate-key": CodeInfo(
        "A key appears twice in the same mapping", "data", "Remove or rename one of them."
    ),
    "yaml-not-mapping": CodeInfo(
        "A YAML document must be a mapping at its top", "data",
        "Start the file with `key: value` lines.",
    ),
    "csv-syntax": CodeInfo("A CSV file cannot be parsed", "data", "Save it again as CSV."),
    "cell-too-large": CodeInfo(
        "A cell of a CSV table is longer than isgrid reads (1,000,000 characters)", "data",
        "Shorten the cell, or keep the long text in a document of its own.",
    ),
    "too-many-cells": CodeInfo(
        "A line of a CSV table has more cells than a spreadsheet has columns (16,384)", "data",
        "Check the separator, or split the file.",
    ),
    "csv-missing-column": CodeInfo(
        "A required column is missing from a CSV header", "data",
        "A ratings file's header: dossier,assessor,criterion,value,comment,shareable (the last "
        "two optional).",
    ),
    "csv-extra-column": CodeInfo(
        "A CSV has a column isgrid does not know", "data", "Remove the column or rename it."
    ),
    "csv-row-length": CodeInfo(
        "A CSV row has more cells than the header", "data",
        "A value probably contains the separator: quote it.",
    ),
    "xlsx-unreadable": CodeInfo(
        "A workbook cannot be opened (an .xlsx, or a juror's workbook saved as .ods: the code "
        "keeps its name; an .ods's hint says to save it again as .ods or .xlsx)", "data",
        "Save it again as .xlsx from your spreadsheet."
    ),
    "file-ignored": CodeInfo(
        "A file is where isgrid does not read it (a subfolder)", "data",
        "Move it next to the other files of its kind, or out of the call folder.",
    ),
    "write-failed": CodeInfo(
        "The system refused to read or write a file (full disk, read-only folder, a file "
        "where a folder is expected)", "data",
        "Free some space, choose a writable folder, or fix the path; nothing was changed.",
    ),
    "file-in-use": CodeInfo(
        "A file isgrid replaces is held by another program (Windows: open in Excel or Word, "
        "being synchronised by OneDrive, scanned by an antivirus); isgrid tried for about a "
        "second", "data",
        "Close the file in that program (or wait until the synchronisation or the scan "
        "ends), then run the command again.",
    ),
    "pdf-unavailable": CodeInfo(
        "The PDF cannot be made on this machine: WeasyPrint or its system libraries (Pango, "
        "GTK) are missing", "data",
        "Write HTML (then print it to PDF from the browser) or Word (--format docx); for PDF, "
        "install the libraries WeasyPrint's installation page names (on Windows, the GTK "
        "runtime).",
    ),
    "write-in-progress": CodeInfo(
        "Another command's write in the folder did not end within the wait (60 s)",
        "usage",
        "Wait until that command ends (the message names it and its process), then run "
        "this one again; nothing was changed.",
    ),
    "xlsx-too-large": CodeInfo(
        "A workbook is larger than isgrid reads (rows, columns, cells or unpacked bytes)",
        "data", "Delete the rows and columns beyond the table and save it again.",
    ),
    "number-invalid": CodeInfo(
        "A number is ambiguous, not finite or out of range", "data",
        "Write the number with digits only, e.g. 52000 or 52000.50.",
    ),
    "xlsx-formula": CodeInfo(
        "A workbook cell holds a formula where a value is expected", "data",
        "Replace the formula by its value (copy, paste values only); if it was a text starting "
        "with -, +, = or @, type it again after an apostrophe ('- ancrage "
        "territorial).",
    ),
    "excel-error-value": CodeInfo(
        "A cell holds an error value Excel wrote in place of what was typed (#NOM?, #VALEUR!, "
        "#REF!…)", "data",
        "Retype the text in the cell; a text that starts with -, +, = or @ "
        "must be typed after an apostrophe, or Excel takes it for a formula.",
    ),
    "excel-mangled": CodeInfo(
        "A value shows what Excel did to it: a long number in scientific notation (its digits "
        "lost; an error for an identifier such as a SIRET), or a number cell where a text is "
        "expected (a leading zero may be gone)", "data",
        "Take the value again from the dossier; in Excel, give the column the type Texte.",
    ),
    "comment-cut": CodeInfo(
        "A comment longer than a spreadsheet cell was cut in a juror's workbook, and the "
        "juror changed what was kept", "data",
        "The whole comment is in the previous ratings file (ratings/replaced/): copy its end "
        "back if it is still wanted.",
    ),
    "date-time-ignored": CodeInfo(
        "A date fact is given with a time other than midnight (« 20/05/2016 14:30 », a "
        "spreadsheet's date-and-time cell): its date is read, the time ignored; said once a "
        "column, at the first, with the count", "data",
        "Check that the day is the one meant; give the column the format of a date "
        "(JJ/MM/AAAA) to save days only.",
    ),
    "excel-leading-zero": CodeInfo(
        "A fact fails an eligibility rule but equals one of its values once zero-padded "
        "(1 against 01): Excel may have dropped the leading zero", "data",
        "Check the dossier and write the value with its zero (format the column as Texte in "
        "Excel); isgrid never adds it itself.",
    ),
}
