"""Hostile and broken workbooks: each gets exit code 2 and one plain sentence, with
bounded memory, and the database stays byte-for-byte the same. How quickly is checked in the
"timing" group (`pytest -m timing`).

Every file is built here, from a real export, so that what is tested is what it claims to be.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ccm_desktop.cli import run
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.xlsx import read_workbook, workbook_bytes
from ccm_desktop.exchange.xlsx.grid import read_sheets
from tests.conftest import SAMPLES
from tests.hostile import (
    check_import_refused,
    database_holding,
    folder_state,
    rebuild,
    run_cli,
    with_zip_bomb,
    write_files,
)

DATA = Path(__file__).resolve().parent / "data"
SECONDS = 6.0
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sample_workbook() -> bytes:
    report = read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")
    return workbook_bytes(report)


def sheet_part(source: bytes, index: int = 1) -> str:
    return f"xl/worksheets/sheet{index}.xml"


# The hostile files ----------------------------------------------------------------------------


def not_a_workbook() -> bytes:
    return b"Province;Superficie (ha)\nKandal;12,5\n"


def picture_named_xlsx() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def zip_but_not_a_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("readme.txt", "hello")
    return out.getvalue()


def truncated() -> bytes:
    data = sample_workbook()
    return data[: len(data) // 2]


def password_protected() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(sample_workbook())).encrypt("secret", out)
    data = out.getvalue()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # a real encrypted OLE container
    return data


def million_empty_rows() -> bytes:
    rows = "".join(f'<row r="{n}"/>' for n in range(1, 1_048_577))
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
             f'<dimension ref="A1:Z1048576"/><sheetData>{rows}</sheetData></worksheet>')
    return rebuild(sample_workbook(), replace={sheet_part(sample_workbook(), 2): sheet.encode()})


def zip_bomb() -> bytes:
    """A part that unpacks from about 64 KB to 64 MB of zeros (ratio 1000)."""
    return with_zip_bomb(sample_workbook(), "xl/media/image1.png")


def external_links() -> bytes:
    source = sample_workbook()
    with zipfile.ZipFile(io.BytesIO(source)) as src:
        rels = src.read("xl/_rels/workbook.xml.rels").decode()
    link = ('<Relationship Id="rIdExt1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>')
    rels = rels.replace("</Relationships>", link + "</Relationships>")
    external = (f'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="{MAIN}">'
                '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships" r:id="rId1"><sheetNames><sheetName val="Budget"/></sheetNames>'
                '</externalBook></externalLink>')
    return rebuild(source, replace={"xl/_rels/workbook.xml.rels": rels.encode()},
                   add={"xl/externalLinks/externalLink1.xml": external.encode()})


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
                            for n in range(1, 10))
                  + f']><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="B1" t="inlineStr">'
                  '<is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def billion_laughs() -> bytes:
    return rebuild(sample_workbook(), replace={sheet_part(b"", 1): BILLION_LAUGHS.encode()})


def billion_laughs_utf16() -> bytes:
    workbook = BILLION_LAUGHS.replace('<?xml version="1.0"?>',
                                      '<?xml version="1.0" encoding="UTF-16"?>')
    return rebuild(sample_workbook(), replace={"xl/workbook.xml": workbook.encode("utf-16")})


def external_entity() -> bytes:
    strings = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>')
    source = sample_workbook()
    with zipfile.ZipFile(io.BytesIO(source)) as src:
        types = src.read("[Content_Types].xml").decode()
    types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                          '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                          'sharedStrings+xml"/></Types>')
    return rebuild(source, replace={"[Content_Types].xml": types.encode()},
                   add={"xl/sharedStrings.xml": strings.encode()})


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "not-a-workbook": (not_a_workbook, "not an Excel workbook"),
    "picture": (picture_named_xlsx, "picture or a PDF"),
    "zip-not-workbook": (zip_but_not_a_workbook, "not an Excel workbook"),
    "truncated": (truncated, "damaged or cut off"),
    "password": (password_protected, "protected with a password"),
    "million-rows": (million_empty_rows, "more than 100,000 rows"),
    "zip-bomb": (zip_bomb, "ZIP bomb"),
    "external-links": (external_links, "links to other workbooks"),
    "billion-laughs": (billion_laughs, "declares XML entities"),
    "billion-laughs-utf16": (billion_laughs_utf16, "declares XML entities"),
    "xxe": (external_entity, "declares XML entities"),
}


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_files(tmp_path_factory.mktemp("hostile"),
                       {name: (build, ".xlsx") for name, (build, _) in HOSTILE.items()})


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return database_holding(tmp_path_factory.mktemp("db"),
                            SAMPLES / "valid" / "esp-2012-annual.ccm.json")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_import_is_refused_in_bounded_memory_and_the_database_is_unchanged(
        name: str, hostile_files: dict[str, Path], database: Path) -> None:
    check_import_refused(database, hostile_files[name], HOSTILE[name][1])


@pytest.mark.timing
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_import_is_refused_within_six_seconds(
        name: str, hostile_files: dict[str, Path], database: Path) -> None:
    """Including interpreter start-up: the whole `ccm-desktop import` run."""
    done = run_cli("--db", str(database), "import", str(hostile_files[name]))
    assert done.code == 2, done.err
    assert done.seconds < SECONDS, f"{name} took {done.seconds:.1f} s"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_validate_guess_and_mapped_import_say_one_sentence(
        name: str, hostile_files: dict[str, Path], database: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = hostile_files[name]
    before = folder_state(database)
    commands = (
        ["validate", str(path)],
        ["guess-map", str(path), "--form", "F", "--table", "clearance"],
        ["--db", str(database), "import", str(path), "--map",
         str(DATA / "clearance-fr.ccm-map.json"), "--into", "1"],
    )
    for command in commands:
        capsys.readouterr()
        assert run(command) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and HOSTILE[name][1] in err[0], err
    assert folder_state(database) == before


def _claims_a_million_rows(tmp_path: Path) -> tuple[bytes, Path]:
    """A real export whose sheet says A1:XFD1048576 but holds its few real rows."""
    source = sample_workbook()
    with zipfile.ZipFile(io.BytesIO(source)) as src:
        sheet = src.read("xl/worksheets/sheet2.xml").decode()
    import re

    sheet = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    path = tmp_path / "claims.xlsx"
    path.write_bytes(rebuild(source, replace={"xl/worksheets/sheet2.xml": sheet.encode()}))
    return source, path


def test_a_dimension_that_claims_a_million_rows_is_not_believed(tmp_path: Path) -> None:
    """Only real rows count: the report read is the one the unaltered export gives."""
    source, path = _claims_a_million_rows(tmp_path)
    report = read_workbook(path)
    assert report.normalised() == read_workbook_from_bytes(source, tmp_path).normalised()


@pytest.mark.timing
def test_a_dimension_that_claims_a_million_rows_reads_within_three_seconds(tmp_path: Path) -> None:
    _source, path = _claims_a_million_rows(tmp_path)
    start = time.monotonic()
    read_workbook(path)
    assert time.monotonic() - start < 3


def read_workbook_from_bytes(data: bytes, folder: Path) -> object:
    path = folder / "original.xlsx"
    path.write_bytes(data)
    return read_workbook(path)


def test_a_part_that_lies_about_its_size_is_damaged_not_read(tmp_path: Path) -> None:
    """Python's zipfile never unpacks more than a part declares; a liar fails its check."""
    source = sample_workbook()
    path = tmp_path / "liar.xlsx"
    data = bytearray(source)
    with zipfile.ZipFile(io.BytesIO(source)) as src:
        info = src.getinfo("xl/worksheets/sheet2.xml")
    # Shrink the declared size of the part in its central directory entry.
    name = b"xl/worksheets/sheet2.xml"
    entry = data.find(b"PK\x01\x02", 0)
    while entry >= 0:
        length = int.from_bytes(data[entry + 28:entry + 30], "little")
        if data[entry + 46:entry + 46 + length] == name:
            data[entry + 24:entry + 28] = (info.file_size // 4).to_bytes(4, "little")
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert entry >= 0
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableFile, match="damaged"):
        read_workbook(path)


def test_reading_people_s_workbooks_goes_through_the_same_guards(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_bomb())
    with pytest.raises(UnreadableFile, match="ZIP bomb"):
        read_sheets(path)


def test_openpyxl_parses_with_defusedxml_as_a_second_line_of_defence() -> None:
    import openpyxl
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")
