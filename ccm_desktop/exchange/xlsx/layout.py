"""How our own workbooks are laid out; the writer and the reader both follow this.

Every sheet has a hidden column A of markers that say what each row is, so that reading depends
on neither the language of the labels nor the order of columns, and survives rows added inside
tables (their column A stays empty):

    ccm:sheet:<part>          row 1: which part this sheet holds ("cover", "A".."J",
                              "attachments", "attachment-data"); sheets are found by this, not
                              by their names
    ccm:meta:<key>            hidden rows on the Cover sheet: format, version, language
    ccm:field:<id>            a field: label in column B, value in the first cell after it
    ccm:caption / ccm:help    a table's title and help text (not read back)
    ccm:table:<id>            the hidden row of column ids of a table, from column B
    ccm:header                the visible header row of that table (not read back)
    (empty)                   rows of the table above, until the next marker
    ccm:status-table          on the Cover sheet: ids row of the table of Forms A-J
    ccm:attachments           ids row of the list of attachments
    ccm:attachment-data       ids row of the base64 chunks of attachments (hidden sheet)
"""

from __future__ import annotations

from ccm_desktop.schema.forms.common import INT, NOTE, TEXT, choice, field, table
from ccm_desktop.schema.i18n import N_
from ccm_desktop.schema.kinds import Year
from ccm_desktop.schema.model import Table

FORMAT = "ccm-article7-report"
FORMAT_VERSION = 1

MARK = "ccm:"
SHEET = "ccm:sheet:"
META = "ccm:meta:"
FIELD = "ccm:field:"
TABLE = "ccm:table:"
CAPTION = "ccm:caption"
HELP = "ccm:help"
HEADER = "ccm:header"
TITLE = "ccm:title"
STATUS_TABLE = "ccm:status-table"
ATTACHMENTS = "ccm:attachments"
ATTACHMENT_DATA = "ccm:attachment-data"

COVER_SHEET = "Cover"
ATTACHMENTS_SHEET = "Attachments"
ATTACHMENT_DATA_SHEET = "Attachment data"
ATTACHMENT_PART = "attachments"
ATTACHMENT_DATA_PART = "attachment-data"
CHUNK_CHARS = 32_000  # base64 characters a cell; Excel's limit is 32,767

STATUS = choice(("changed", N_("Changed")), ("unchanged", N_("Unchanged")),
                ("not_applicable", N_("Not applicable")))

STATUS_TABLE_SCHEMA: Table = table(
    "forms", N_("Forms A–J"),
    N_("For each form: changed (filled in on its sheet), unchanged since an earlier report, or "
       "not applicable, with the statement the Convention's reporting format asks for."),
    field("form", TEXT, N_("Form"), N_("The letter of the form and what it covers."), width=36),
    field("status", STATUS, N_("Status"), N_("Changed, unchanged or not applicable."), width=16),
    field("last_reported_year", Year(), N_("Unchanged since (year)"),
          N_("The year of the report that last gave this information."), width=12),
    field("statement", NOTE, N_("Statement"),
          N_("Why the form is not applicable, or any remark on it."), width=44),
    totals=False,
)

ATTACHMENTS_SCHEMA: Table = table(
    "attachments", N_("Attachments"),
    N_("Files attached to the report, such as photographs and laws. Their content is kept on the "
       "hidden sheet \"Attachment data\" so that this workbook holds the whole report."),
    field("id", TEXT, N_("Id"), N_("How cells of the report name the file."), width=10),
    field("filename", TEXT, N_("File name"), N_("The file's name."), width=34),
    field("media_type", TEXT, N_("Type"), N_("The kind of file."), width=18),
    field("size", INT, N_("Size (bytes)"), N_("The file's size."), width=14),
    field("sha256", TEXT, N_("SHA-256"), N_("A fingerprint of the content."), width=66),
    totals=False,
)

ATTACHMENT_DATA_COLUMNS = ("id", "part", "data")


def table_name(part_id: str, table_id: str) -> str:
    """The Excel table's name: unique in the workbook, never mistaken for a cell reference."""
    return f"ccm_{part_id}_{table_id}".replace("-", "_")
