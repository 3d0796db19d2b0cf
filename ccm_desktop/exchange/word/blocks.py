"""A document as a list of blocks in reading order: paragraphs and tables of text.

Word (.docx, read with python-docx) and the published PDF (read with pdfplumber) both come down
to this, so that one recogniser (`recognise.py`) serves both. A table keeps, per row, the text of
each grid column and whether the cell continues a horizontally merged cell, which is how
two-row headers ("Area (m²)" over "cleared | reduced") are put together. Word check-box fields
(the legacy form field and the content control) become "☒" or "☐" in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ccm_desktop.schema.i18n import N_, Words, message

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
TICKED, UNTICKED = "☒", "☐"


def paragraph_place(number: int) -> Words:
    """"paragraph 12": where a paragraph of a Word document is, in the reader's language."""
    return Words((message(N_("paragraph {n}"), n=str(number)),))


def page_place(number: int) -> Words:
    """"page 3": where a line of a PDF is."""
    return Words((message(N_("page {n}"), n=str(number)),))


@dataclass
class Paragraph:
    text: str
    where: Words  # "paragraph 12" or "page 3", written in the reader's language when shown
    style: str = ""


@dataclass
class TableBlock:
    number: int  # 1-based, in document order
    rows: list[list[str]] = field(default_factory=list)
    merged_left: list[list[bool]] = field(default_factory=list)  # continues the cell to its left
    page: int | None = None  # the PDF page

    @property
    def where(self) -> Words:
        table = message(N_("table {n}"), n=str(self.number))
        return Words((message(N_("page {n}"), n=str(self.page)), table) if self.page
                     else (table,))

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | TableBlock


def _on(element: Any) -> bool:
    value = element.get(f"{W}val", element.get(f"{W14}val", "1"))
    return str(value).lower() not in ("0", "false", "off")


_WINGDINGS_TICKED = {"f0fe", "f0fd", "f078", "f0fc", "fe", "fd", "78", "fc"}
_WINGDINGS_EMPTY = {"f0a8", "f06f", "f071", "a8", "6f", "71"}


def element_text(element: Any) -> str:
    """The text of a paragraph element as Word shows it, with check boxes as ☒/☐ and content
    controls included (python-docx's `Paragraph.text` leaves those out)."""
    shown_by_control: set[Any] = set()  # the glyph a check-box control shows: counted once
    for sdt in element.iter(f"{W}sdt"):
        if sdt.find(f".//{W14}checkbox") is not None:
            shown_by_control.update(sdt.iter(f"{W}t"))
    out: list[str] = []
    for node in element.iter():
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if tag == f"{W}t" and node.text and node not in shown_by_control:
            out.append(node.text)
        elif tag == f"{W}tab":
            out.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W14}checkbox":  # a check-box content control
            checked = node.find(f"{W14}checked")
            ticked = checked is not None and _on(checked)
            out.append(f" {TICKED if ticked else UNTICKED} ")
        elif tag == f"{W}checkBox":  # a legacy check-box form field
            checked = node.find(f"{W}checked")
            if checked is None:
                checked = node.find(f"{W}default")
            ticked = checked is not None and _on(checked)
            out.append(f" {TICKED if ticked else UNTICKED} ")
        elif tag == f"{W}sym":  # a Wingdings box typed with Insert > Symbol
            char = str(node.get(f"{W}char", "")).lower()
            if char in _WINGDINGS_TICKED:
                out.append(f" {TICKED} ")
            elif char in _WINGDINGS_EMPTY:
                out.append(f" {UNTICKED} ")
    return "".join(out)


def _cell_text(tc: Any) -> str:
    parts = []
    for child in tc:
        if child.tag == f"{W}p":
            parts.append(element_text(child))
        elif child.tag == f"{W}sdt":
            for p in child.iter(f"{W}p"):
                parts.append(element_text(p))
    return "\n".join(p.strip() for p in parts if p.strip())


def docx_blocks(document: Any) -> list[Block]:
    """Paragraphs and tables of a python-docx Document's body, in order."""
    from docx.table import Table

    blocks: list[Block] = []
    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            tables += 1
            block = TableBlock(tables)
            for row in item.rows:
                texts: list[str] = []
                merged: list[bool] = []
                previous = None
                for cell in row.cells:
                    tc = cell._tc
                    merged.append(tc is previous)
                    texts.append(_cell_text(tc))
                    previous = tc
                block.rows.append(texts)
                block.merged_left.append(merged)
            blocks.append(block)
        else:
            paragraphs += 1
            text = element_text(item._p)
            style = item.style.name if item.style is not None else ""
            blocks.append(Paragraph(text.strip(), paragraph_place(paragraphs), style or ""))
    return blocks
