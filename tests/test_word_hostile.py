"""Hostile documents given to the Word/PDF import: one sentence, exit code 2, bounded time
and memory, and the database unchanged (issue 17, item 6)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from ccm_desktop.cli import run
from tests.hostile import check_import_refused, database_holding, rebuild, with_zip_bomb, write_files

DATA = Path(__file__).resolve().parent / "data"


def sample() -> bytes:
    return (DATA / "report-en.docx").read_bytes()


def zip_bomb() -> bytes:
    """A picture part that unpacks from about 64 KB to 64 MB of zeros."""
    return with_zip_bomb(sample(), "word/media/image9.png")


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    return rebuild(sample(), replace={"word/document.xml": document.encode()})


def password_protected() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(sample())).encrypt("secret", out)
    return out.getvalue()


def five_hundred_pages() -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    for page in range(500):
        paragraph = document.add_paragraph(f"Page {page + 1}")
        paragraph.add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def no_tables() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Minutes of the meeting", level=1)
    document.add_paragraph("Nothing in this document is a report.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def thousand_tables() -> bytes:
    from docx import Document

    document = Document()
    for number in range(1001):
        document.add_table(rows=1, cols=1).cell(0, 0).text = str(number)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_of_500_pages() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for page in range(500):
        pdf.drawString(72, 720, f"Page {page + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "zip-bomb": (zip_bomb, ".docx", "ZIP bomb"),
    "entities": (billion_laughs, ".docx", "declares XML entities"),
    "password": (password_protected, ".docx", "protected with a password"),
    "500-pages": (five_hundred_pages, ".docx", "more than 300 pages"),
    "no-tables": (no_tables, ".docx", "has no tables"),
    "1001-tables": (thousand_tables, ".docx", "more than 1,000 tables"),
    "500-page-pdf": (pdf_of_500_pages, ".pdf", "500 pages"),
    "not-a-doc": (lambda: b"plain text, not a Word document", ".doc", "not a Word 97-2003"),
}


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_files(tmp_path_factory.mktemp("hostile"),
                       {name: (build, suffix) for name, (build, suffix, _) in HOSTILE.items()})


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return database_holding(tmp_path_factory.mktemp("db"), DATA / "report-fr.docx")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_is_refused_in_one_sentence_and_the_database_is_unchanged(
        name: str, hostile_files: dict[str, Path], database: Path) -> None:
    check_import_refused(database, hostile_files[name], HOSTILE[name][2])


@pytest.mark.parametrize("name", ["entities", "password", "no-tables"])
def test_hostile_document_convert_and_dry_run_say_one_sentence(
        name: str, hostile_files: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = hostile_files[name]
    target = tmp_path / "out.ccm.json"
    assert run(["convert", str(path), "--to", str(target)]) == 2
    assert not target.exists()
    assert run(["--db", str(tmp_path / "db.sqlite3"), "import", str(path), "--dry-run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(HOSTILE[name][2] in line for line in err)
