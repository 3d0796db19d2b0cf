"""Hostile documents given to the Word/PDF import: one sentence, exit code 2, bounded time
and memory, and the database unchanged (issue 17, item 6)."""

from __future__ import annotations

import hashlib
import io
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ccm_desktop.cli import run
from tests.conftest import ROOT

DATA = Path(__file__).resolve().parent / "data"
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the child; far above what reading needs
RSS_LIMIT_KB = 450 * 1024


def sample() -> bytes:
    return (DATA / "report-en.docx").read_bytes()


def rebuilt(replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename,
                                                             src.read(info.filename)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A picture part that unpacks from about 64 KB to 64 MB of zeros."""
    out = io.BytesIO(rebuilt())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as dst, \
            dst.open("word/media/image9.png", "w") as stream:
        block = b"\x00" * (1 << 20)
        for _ in range(64):
            stream.write(block)
    return out.getvalue()


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    return rebuilt(replace={"word/document.xml": document.encode()})


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
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for name, (build, suffix, _message) in HOSTILE.items():
        path = folder / f"{name}{suffix}"
        path.write_bytes(build())
        out[name] = path
    return out


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "reports.sqlite3"
    assert run(["--db", str(db), "import", str(DATA / "report-fr.docx")]) == 0
    return db


def folder_state(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(db.parent.iterdir()) if p.is_file()}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CCM_DESKTOP_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "ccm_desktop.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120, preexec_fn=_limit_memory)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_document_is_refused_in_one_sentence_and_the_database_is_unchanged(
        name: str, hostile_files: dict[str, Path], database: Path) -> None:
    path = hostile_files[name]
    before = folder_state(database)
    code, out, err = run_cli("--db", str(database), "import", str(path))
    assert code == 2, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"ccm-desktop: {path.name}")
    assert HOSTILE[name][2] in lines[0]
    assert "Traceback" not in err
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < RSS_LIMIT_KB
    assert folder_state(database) == before


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
