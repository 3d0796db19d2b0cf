"""Open a Word document only after checking that it is safe to open.

The same checks as for workbooks (`xlsx/guards.py`, whose limits and patterns are reused): a
.docx is a ZIP package of XML parts, looked at from outside before python-docx parses any of
it. Refused with one sentence: files that are not ZIP packages (a password-protected document
is an encrypted OLE container), ZIP bombs, XML document type declarations and entities, and
documents far longer than a report (`MAX_PAGES` pages, `MAX_PARAGRAPHS` paragraphs,
`MAX_TABLES` tables or `MAX_TABLE_ROWS` table rows, counted in the raw XML so that nothing is
built in memory first).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.xlsx.guards import (
    MAX_PARTS,
    OLE_MAGIC,
    file_head,
    is_encrypted_ole,
    scanned_chunks,
    unpacking_checked,
)
from ccm_desktop.schema.i18n import N_, message

MAX_PAGES = 300  # the filled template of a State with much to report runs to 60 or 80
MAX_PARAGRAPHS = 20_000
MAX_TABLE_ROWS = 20_000
MAX_TABLES = 1_000  # the template has about 30
MAX_DOCUMENT_XML = 32 * 1024 * 1024

_PARAGRAPH = re.compile(rb"<w:p[\s>]")
_TABLE_ROW = re.compile(rb"<w:tr[\s>]")
_TABLE = re.compile(rb"<w:tbl[\s>]")
_PAGE_BREAK = re.compile(rb"<w:br\s[^>]*w:type=\"page\"|<w:pageBreakBefore[\s/>]|<w:sectPr[\s>]")
_PAGES_CLAIM = re.compile(rb"<Pages>(\d+)</Pages>")
_TAIL = 40


def inspect_docx(path: Path) -> None:
    """Check a .docx package. Raises UnreadableFile with one sentence for anything that should
    not be opened."""
    name = path.name
    size, head = file_head(path)
    if head.startswith(OLE_MAGIC):
        if is_encrypted_ole(path, size):
            raise UnreadableFile(name, N_("the document is protected with a password (it is "
                                          "encrypted); open it in Word, remove the password and "
                                          "save it again"))
        raise UnreadableFile(name, N_("this is an old-style Word 97-2003 file (.doc) named "
                                      ".docx; rename it .doc so that it is converted first"))
    if not head.startswith(b"PK"):
        if head.startswith(b"%PDF"):
            raise UnreadableFile(name, N_("this is a PDF named .docx; rename it .pdf"))
        raise UnreadableFile(name, N_("this is not a Word document (.docx)"))
    try:
        with zipfile.ZipFile(path) as package:
            _inspect_zip(package, name)
    except zipfile.BadZipFile:
        raise UnreadableFile(name, N_("the document is damaged or cut off (its ZIP directory "
                                      "is missing or broken); save it again from Word")) from None
    except (zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise UnreadableFile(name, N_("the document is damaged (a part of it cannot be "
                                      "unpacked); save it again from Word")) from None


def _inspect_zip(package: zipfile.ZipFile, name: str) -> None:
    infos = package.infolist()
    if len(infos) > MAX_PARTS:
        raise UnreadableFile(name, message(N_("the document has {n} parts, far more than a "
                                              "real document; it was not opened"), n=len(infos)))
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise UnreadableFile(name, N_("this is an Excel workbook, not a Word document; name "
                                          "it .xlsx"))
        raise UnreadableFile(name, N_("this is a ZIP file but not a Word document (it has no "
                                      "word/document.xml)"))
    for _info in unpacking_checked(
            infos, name,
            encrypted=N_("the document is protected with a password (its parts are encrypted); "
                         "remove the password in Word and save it again"),
            bomb_part=N_("part {part} would unpack from {packed} to {unpacked}, a ratio only a "
                         "ZIP bomb has; the document was not opened"),
            bomb_total=N_("the document would unpack to more than {size}; it is too large or a "
                          "ZIP bomb, and was not opened")):
        continue  # a Word document's parts need no check beyond these
    if package.getinfo("word/document.xml").file_size > MAX_DOCUMENT_XML:
        raise UnreadableFile(name, N_("the text of the document is far larger than a report's; "
                                      "it was not opened"))
    for info in infos:
        lower = info.filename.lower()
        if lower.endswith((".xml", ".rels")):
            _scan_part(package, info, name)


def _scan_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    body = info.filename == "word/document.xml"
    paragraphs = rows = pages = tables = 0
    problem = message(N_("part {part} declares XML entities or a document type (<!DOCTYPE>), "
                         "which no real document has and which XML attacks use; the document "
                         "was not opened"), part=info.filename)
    for data, start in scanned_chunks(package, info, name, problem, _TAIL):
        if body:
            paragraphs += sum(1 for m in _PARAGRAPH.finditer(data) if m.end() > start)
            rows += sum(1 for m in _TABLE_ROW.finditer(data) if m.end() > start)
            pages += sum(1 for m in _PAGE_BREAK.finditer(data) if m.end() > start)
            tables += sum(1 for m in _TABLE.finditer(data) if m.end() > start)
            _check_length(name, paragraphs, rows, pages)
            if tables > MAX_TABLES:
                raise UnreadableFile(name, message(N_(
                    "the document has more than {n} tables, far more than an Article 7 report; "
                    "it was not read"), n=MAX_TABLES))
        elif info.filename == "docProps/app.xml":
            claim = _PAGES_CLAIM.search(data)
            if claim:
                _check_length(name, 0, 0, int(claim.group(1)) - 1)


def _check_length(name: str, paragraphs: int, rows: int, breaks: int) -> None:
    if breaks + 1 > MAX_PAGES:
        raise UnreadableFile(name, message(N_("the document has more than {n} pages, far more "
                                              "than an Article 7 report; it was not read"),
                                           n=MAX_PAGES))
    if paragraphs > MAX_PARAGRAPHS or rows > MAX_TABLE_ROWS:
        raise UnreadableFile(name, message(N_(
            "the document is far longer than an Article 7 report (more than {paragraphs} "
            "paragraphs or {rows} table rows); it was not read"),
            paragraphs=MAX_PARAGRAPHS, rows=MAX_TABLE_ROWS))
