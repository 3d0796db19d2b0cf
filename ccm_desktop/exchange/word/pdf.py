"""The report as the UN published it, in PDF: best effort.

pdfplumber finds the tables drawn with ruling lines and the text lines outside them; both go,
page by page and top to bottom, into the same recognition as a Word document. What a PDF loses
(merged cells, check-box fields, text drawn as pictures in a scan) is lost; the preview shows
what came through. Scanned pages (pictures without text) give nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.word.blocks import Block, Paragraph, TableBlock, page_place
from ccm_desktop.exchange.word.guards import MAX_PAGES
from ccm_desktop.exchange.xlsx.guards import file_head
from ccm_desktop.schema.i18n import N_, message

MAX_CHARS_PER_PAGE = 20_000


def pdf_blocks(path: Path) -> list[Block]:
    name = path.name
    _size, head = file_head(path)
    if not head.startswith(b"%PDF"):
        raise UnreadableFile(name, N_("this is not a PDF"))
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    for noisy in ("pdfminer", "pdfplumber"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise UnreadableFile(name, message(N_(
                    "the PDF has {n} pages, far more than an Article 7 report; it was not read"),
                    n=len(pages)))
            blocks: list[Block] = []
            tables = 0
            for number, page in enumerate(pages, start=1):
                if len(page.chars) > MAX_CHARS_PER_PAGE:
                    raise UnreadableFile(name, N_("the page holds far more text than a page of "
                                                  "a report; the PDF was not read"),
                                         page_place(number))
                found = page.find_tables()
                placed: list[tuple[float, Block]] = []
                for table in found:
                    tables += 1
                    block = TableBlock(tables, page=number)
                    for row in table.rows:
                        block.rows.append([_cell_text(page, c) if c else "" for c in row.cells])
                        block.merged_left.append([c is None for c in row.cells])
                    placed.append((table.bbox[1], block))
                boxes = [t.bbox for t in found]
                def keep(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                    return not _inside(obj, boxes)

                outside = page.filter(keep)
                for line in outside.extract_text_lines():
                    text = " ".join(str(line.get("text", "")).split())
                    if text:
                        placed.append((float(line["top"]), Paragraph(text, page_place(number))))
                placed.sort(key=lambda p: p[0])
                blocks += [b for _top, b in placed]
                page.flush_cache()
            return blocks
    except UnreadableFile:
        raise
    except PDFPasswordIncorrect:
        raise UnreadableFile(name, N_("the PDF is protected with a password; open it, remove "
                                      "the password and save it again")) from None
    except Exception as exc:  # a damaged file: one sentence, never a traceback
        text = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise UnreadableFile(name, message(N_("the PDF cannot be read ({reason})"),
                                           reason=text)) from None


def _cell_text(page: Any, box: tuple[float, float, float, float]) -> str:
    """The text of one cell, its lines joined by spaces, except where a word was broken because
    it did not fit the cell ("Werdersch" / "er": one piece of a word filling the line)."""
    inside = page.filter(lambda obj: _inside(obj, [box]))
    lines = [line for line in inside.extract_text_lines() if str(line.get("text", "")).strip()]
    if not lines:
        return ""
    left = min(float(line["x0"]) for line in lines)
    right_edge = float(box[2]) - (left - float(box[0]))  # the same padding on both sides
    out = str(lines[0]["text"]).strip()
    for previous, line in zip(lines, lines[1:], strict=False):
        text = str(line["text"]).strip()
        chars = line.get("chars") or []
        first_width = float(chars[0]["x1"]) - float(chars[0]["x0"]) if chars else 5.0
        full = float(previous["x1"]) + first_width >= right_edge - 1
        # Writers break inside a word only when the word alone is wider than the cell: the
        # line before such a break is a single piece of a word.
        alone = " " not in str(previous["text"]).strip()
        broken = full and alone and out[-1:].isalnum() and text[:1].isalnum()
        out += text if broken else f" {text}"
    return " ".join(out.split())


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)
