"""Open a workbook only after checking that it is safe to open.

A workbook is a ZIP package of XML parts. Before openpyxl parses any of it, `inspect_package`
looks at the package from outside and refuses, with one plain sentence:

- files that are not ZIP packages (an old .xls, a password-protected workbook, which Excel stores
  as an encrypted OLE container, a CSV or picture renamed .xlsx, a truncated download);
- ZIP bombs: parts that claim to unpack to more than `MAX_TOTAL_BYTES` in all, or at a ratio
  above `MAX_RATIO` (Python's zipfile never reads past a part's declared size, so the claims
  bound what is unpacked later; a part that lies fails its CRC and is reported as damaged);
- links to other workbooks (`xl/externalLinks/`), which we would have to follow or ignore;
- XML document type declarations (`<!DOCTYPE`, `<!ENTITY`): no workbook has them, and they are
  how "billion laughs" and external-entity (XXE) attacks work;
- sheets with more than `MAX_ROWS` rows or `MAX_CELLS` cells (a "million empty rows" sheet),
  counted in the raw XML so that nothing is built in memory first.

What passes is opened with openpyxl in read-only mode, which streams rows and parses with
defusedxml (installed, so openpyxl uses it) as a second line of defence.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.schema.i18n import N_, Message, Words, message

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 384 * 1024 * 1024  # unpacked, all parts together (attachments are inside)
MAX_RATIO = 200  # unpacked / packed, for parts above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_PARTS = 5_000
MAX_ROWS = 100_000  # per sheet; a report table never comes near
MAX_CELLS = 1_500_000  # per sheet
MAX_COLUMNS = 256  # columns read per row; cells further right are ignored
MAX_SHARED_STRINGS = 2_000_000
CHUNK = 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_DTD = re.compile(rb"<!(doctype|entity)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_SI = re.compile(rb"<(?:\w+:)?si[\s/>]")
_TAIL = 24  # longer than any of the patterns above


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:,.0f} KB"


def file_head(path: Path, too_large: str = N_("the file is too large ({size}) to be a report")
              ) -> tuple[int, bytes]:
    """The file's size and first eight bytes, after the checks every kind of file gets (it can
    be opened, it is not empty, it is not too large: `too_large` says so, with {size})."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UnreadableFile(name, message(N_("cannot be opened ({reason})"),
                                           reason=exc.strerror or str(exc))) from None
    if size == 0:
        raise UnreadableFile(name, N_("the file is empty"))
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(name, message(too_large, size=_mb(size)))
    return size, head


def is_encrypted_ole(path: Path, size: int) -> bool:
    """Whether an Office 97-2003 (OLE) file holds an encrypted package, as a password-protected
    .xlsx or .docx is stored."""
    with path.open("rb") as handle:
        data = handle.read(min(size, 32 * 1024 * 1024))
    return ENCRYPTED_STREAM in data


def inspect_package(path: Path) -> dict[str, str]:
    """Check the package; return {part name of each worksheet: sheet name}. Raises
    UnreadableFile with one sentence for anything that should not be opened."""
    name = path.name
    size, head = file_head(path, N_("the file is too large ({size}) to be a report workbook"))
    if head.startswith(OLE_MAGIC):
        raise UnreadableFile(name, _ole_problem(path, size))
    if not head.startswith(b"PK"):
        raise UnreadableFile(name, _not_zip_problem(head))
    try:
        with zipfile.ZipFile(path) as package:
            return _inspect_zip(package, name)
    except zipfile.BadZipFile:
        raise UnreadableFile(name, N_("the workbook is damaged or cut off (its ZIP directory is "
                                   "missing or broken); save it again from Excel")) from None
    except (zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise UnreadableFile(name, N_("the workbook is damaged (a part of it cannot be "
                                   "unpacked); save it again from Excel")) from None


def _ole_problem(path: Path, size: int) -> Message:
    if is_encrypted_ole(path, size):
        return message(N_("the workbook is protected with a password (it is encrypted); open it "
                          "in Excel, remove the password and save it again"))
    return message(N_("this is an old-style Excel 97-2003 file (.xls) or another Office "
                      "document, not an .xlsx workbook; save it as .xlsx first"))


def _not_zip_problem(head: bytes) -> Message:
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF")):
        return message(N_("this is a picture or a PDF, not an Excel workbook"))
    if head.startswith((b"{", b"[", b"\xef\xbb\xbf{")):
        return message(N_("this is a text (JSON) file, not an Excel workbook; name it .ccm.json"))
    return message(N_("this is not an Excel workbook (.xlsx); a text or CSV file must be saved as "
                      ".xlsx first"))


def _inspect_zip(package: zipfile.ZipFile, name: str) -> dict[str, str]:
    infos = package.infolist()
    if len(infos) > MAX_PARTS:
        raise UnreadableFile(name, message(N_("the workbook has {n} parts, far more than a real "
                                              "workbook; it was not opened"), n=len(infos)))
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise UnreadableFile(name, N_("this is a Word document, not an Excel workbook"))
        raise UnreadableFile(name, N_("this is a ZIP file but not an Excel workbook (it has no "
                                   "xl/workbook.xml)"))
    for info in unpacking_checked(
            infos, name,
            encrypted=N_("the workbook is protected with a password (its parts are encrypted); "
                         "remove the password in Excel and save again"),
            bomb_part=N_("part {part} would unpack from {packed} to {unpacked}, a ratio only a "
                         "ZIP bomb has; the workbook was not opened"),
            bomb_total=N_("the workbook would unpack to more than {size}; it is too large or a "
                          "ZIP bomb, and was not opened")):
        if info.filename.startswith("xl/externalLinks/"):
            raise UnreadableFile(name, N_("the workbook links to other workbooks (external links), "
                                       "which are not read; break the links in Excel (Data, Edit "
                                       "Links, Break Link) and save it again"))
    sheets = _sheet_parts(package, name)
    for info in infos:
        lower = info.filename.lower()
        if lower.endswith((".xml", ".rels", ".vml")) or lower == "[content_types].xml":
            _scan_part(package, info, name, sheets)
    return sheets


def unpacking_checked(infos: list[zipfile.ZipInfo], name: str, *, encrypted: str,
                      bomb_part: str, bomb_total: str) -> Iterator[zipfile.ZipInfo]:
    """Each part of a package, once it is known not to be encrypted, not to unpack at a ZIP
    bomb's ratio and not to bring the whole past MAX_TOTAL_BYTES; the sentences (templates,
    whole for each kind of file) say which check refused it."""
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableFile(name, encrypted)
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableFile(name, message(bomb_part, part=info.filename,
                                               packed=_mb(info.compress_size),
                                               unpacked=_mb(info.file_size)))
        if total > MAX_TOTAL_BYTES:
            raise UnreadableFile(name, message(bomb_total, size=_mb(MAX_TOTAL_BYTES)))
        yield info


def _sheet_parts(package: zipfile.ZipFile, name: str) -> dict[str, str]:
    """{zip part name: sheet name} from the workbook part and its relationships."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    pkg_rel = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    try:
        workbook = ElementTree.fromstring(_small_part(package, "xl/workbook.xml", name))
        rels_data = _small_part(package, "xl/_rels/workbook.xml.rels", name, required=False)
        rels = ElementTree.fromstring(rels_data) if rels_data else None
    except DefusedXmlException:
        raise UnreadableFile(name, _dtd_problem("xl/workbook.xml")) from None
    except ElementTree.ParseError:
        raise UnreadableFile(name, N_("the workbook is damaged (its list of sheets is not valid "
                                   "XML)")) from None
    targets: dict[str, str] = {}
    if rels is not None:
        for rel in rels.iter(f"{pkg_rel}Relationship"):
            if rel.get("Type", "").endswith("/externalLink"):
                raise UnreadableFile(name, N_("the workbook links to other workbooks (external "
                                           "links), which are not read; break the links in Excel "
                                           "and save it again"))
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            resolved = target.lstrip("/") if target.startswith("/") else str(
                PurePosixPath("xl") / target)
            targets[rel.get("Id", "")] = _normalise_part(resolved)
    out: dict[str, str] = {}
    for sheet in workbook.iter(f"{main}sheet"):
        part = targets.get(sheet.get(f"{rel_ns}id", ""))
        if part:
            out[part] = sheet.get("name", "?")
    return out


def _normalise_part(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _small_part(package: zipfile.ZipFile, part: str, name: str, required: bool = True) -> bytes:
    try:
        info = package.getinfo(part)
    except KeyError:
        if required:
            raise UnreadableFile(name, message(N_("the workbook is damaged (it has no {part})"),
                                               part=part)) from None
        return b""
    if info.file_size > 16 * 1024 * 1024:
        raise UnreadableFile(name, message(N_("part {part} is too large for a workbook"),
                                           part=part))
    return package.read(part)


def _sheet(sheet: str) -> Words:
    """The place "sheet F" (grid.where, which needs this module, for rows and columns)."""
    return Words((message(N_("sheet {sheet}"), sheet=sheet),))


def _dtd_problem(part: str) -> Message:
    return message(N_("part {part} declares XML entities or a document type (<!DOCTYPE>), which "
                      "no real workbook has and which XML attacks use; the workbook was not "
                      "opened"), part=part)


def scanned_chunks(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                   dtd_problem: str | Message, tail: int) -> Iterator[tuple[bytes, int]]:
    """Stream one part of a package in chunks, each with the last `tail` bytes of the one
    before (so that a pattern cut in two is still found), as (data, where the new bytes start).
    A part that declares a DTD or entities is refused with `dtd_problem`."""
    kept = b""
    with package.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                return
            # NULs out, so that a UTF-16 part cannot hide "<!ENTITY" from the byte search.
            data = kept + (chunk.replace(b"\x00", b"") if b"\x00" in chunk else chunk)
            if _DTD.search(data):
                raise UnreadableFile(name, dtd_problem)
            yield data, len(kept)
            kept = data[-tail:]


def _scan_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
               sheets: dict[str, str]) -> None:
    """Stream one part: refuse DTDs and entities, count rows and cells of worksheets."""
    sheet = sheets.get(info.filename)
    is_strings = info.filename == "xl/sharedStrings.xml"
    rows = cells = strings = 0
    for data, start in scanned_chunks(package, info, name, _dtd_problem(info.filename), _TAIL):
        if sheet is not None:
            rows += sum(1 for m in _ROW.finditer(data) if m.end() > start)
            cells += sum(1 for m in _CELL.finditer(data) if m.end() > start)
            if rows > MAX_ROWS:
                raise UnreadableFile(name, message(N_(
                    "the sheet has more than {n} rows (empty rows count too), more than a "
                    "report ever needs; delete the unused rows below the data and save it "
                    "again"), n=MAX_ROWS), _sheet(sheet))
            if cells > MAX_CELLS:
                raise UnreadableFile(name, message(N_(
                    "the sheet has more than {n} cells, more than a report ever needs; "
                    "delete the unused rows and columns and save it again"), n=MAX_CELLS),
                    _sheet(sheet))
        elif is_strings:
            strings += sum(1 for m in _SI.finditer(data) if m.end() > start)
            if strings > MAX_SHARED_STRINGS:
                raise UnreadableFile(name, message(N_(
                    "the workbook holds more than {n} different texts; it was not opened"),
                    n=MAX_SHARED_STRINGS))


@contextmanager
def quiet_openpyxl() -> Iterator[None]:
    """openpyxl warns about parts of workbooks it does not read (data validation extensions,
    missing default styles, unknown extensions). We read values only, so these warnings say
    nothing to the user; they are silenced here, deliberately and only here."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\..*)?")
        yield


def open_workbook(path: str | Path) -> tuple[Any, dict[str, str]]:
    """Inspect, then open read-only with cached values (never formulas). Returns the openpyxl
    workbook (close it when done) and {part: sheet name}. Raises UnreadableFile."""
    import openpyxl

    path = Path(path)
    sheets = inspect_package(path)
    try:
        with quiet_openpyxl():
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True,
                                              keep_links=False, keep_vba=False)
        _keep_escapes(path, workbook)
    except UnreadableFile:
        raise
    except Exception as exc:  # openpyxl raises many kinds; each means "cannot read it"
        raise UnreadableFile(path.name, message(N_("the workbook cannot be read ({reason}); "
                                                   "save it again from Excel"),
                                                reason=_describe(exc))) from None
    return workbook, sheets


def _keep_escapes(path: Path, workbook: Any) -> None:
    """Give the shared strings back exactly as the file has them.

    openpyxl drops every "x005F_" from shared strings, which turns an escaped literal
    "_x005F_x0041_" into "_x0041_" and so loses the difference from an escaped "A". Our reader
    undoes all of Excel's `_xHHHH_` escapes itself (`cells.unescape_text`), so it needs the raw
    text: the table is read again here and put in place of openpyxl's, in the same list that
    every worksheet holds."""
    from defusedxml.ElementTree import iterparse

    sheets = list(getattr(workbook, "worksheets", []))
    strings = getattr(sheets[0], "_shared_strings", None) if sheets else None
    if not isinstance(strings, list) or not strings:
        return
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if n.lower().endswith("sharedstrings.xml")]
        if len(names) != 1:
            return
        raw: list[str] = []
        with package.open(names[0]) as source:
            for _event, element in iterparse(source):
                if element.tag != f"{main}si":
                    continue
                pieces: list[str] = []
                for child in element:
                    if child.tag == f"{main}t":
                        pieces.append(child.text or "")
                    elif child.tag == f"{main}r":
                        pieces.extend(t.text or "" for t in child.iter(f"{main}t"))
                raw.append("".join(pieces))
                element.clear()
    if len(raw) == len(strings) and all(isinstance(x, str) for x in strings):
        strings[:] = raw


def _describe(exc: BaseException) -> str:
    from defusedxml.common import DefusedXmlException

    if isinstance(exc, DefusedXmlException):
        return "it declares XML entities, which workbooks never do"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
