"""Workbooks people made: the column mapping, guessing it in six languages, importing rows."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ccm_desktop.cli import run
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.xlsx.convert import convert_cell, fold, unit_in
from ccm_desktop.exchange.xlsx.grid import Sheet
from ccm_desktop.exchange.xlsx.guess import assign, guess_for_workbook
from ccm_desktop.exchange.xlsx.mapping import (
    import_with_mapping,
    load_mapping,
    mapping_from_json,
)
from ccm_desktop.schema.kinds import AreaM2, Choice, DateKind, Int, KindError, Money, StateKind
from ccm_desktop.schema.registry import part
from tests.conftest import SAMPLES

DATA = Path(__file__).resolve().parent / "data"

EXPECTED_CLEARANCE = [
    {"area_id": "CHA-001", "location": "Champassak", "cleared_m2": Decimal("125000"),
     "reduced_m2": Decimal("12347500"), "submunitions_destroyed": 143,
     "other_remnants_destroyed": "2 obus de mortier 60 mm", "operator": "UXO Lao"},
    {"area_id": "CHA-002", "location": "Savannakhet", "cleared_m2": Decimal("32500"),
     "submunitions_destroyed": 1432, "operator": "MAG"},
    {"area_id": "CHA-003", "location": "Attapeu", "cleared_m2": Decimal("400"),
     "reduced_m2": Decimal("0"), "submunitions_destroyed": 0, "operator": "NPA"},
]
EXPECTED_DISCOVERED = [
    {"type": "BLU-26", "munitions": 3, "submunitions": 0, "lot_numbers": "L-0042",
     "date_discovered": date(2015, 12, 31), "destruction_plan": "Destruction sur place"},
    {"type": "M42", "submunitions": 12, "date_discovered": date(2015, 3, 1),
     "destruction_plan": "Destruction par l'armée"},
    {"type": "RBK-250", "munitions": 1, "submunitions": 30, "date_discovered": date(2015, 11, 5)},
]
# The columns, in the order of the headers of every language's workbook.
CLEARANCE_COLUMNS = ["area_id", "location", "cleared_m2", "reduced_m2", "submunitions_destroyed",
                     "other_remnants_destroyed", "operator"]
DISCOVERED_COLUMNS = ["type", "munitions", "submunitions", "lot_numbers", "date_discovered",
                      "destruction_plan"]


def test_hand_made_workbook_through_mapping_files_gives_the_expected_rows() -> None:
    clearance = import_with_mapping(DATA / "clearance-fr.xlsx",
                                    load_mapping(DATA / "clearance-fr.ccm-map.json"))
    assert clearance.rows_to_add() == EXPECTED_CLEARANCE
    assert [r.sheet_row for r in clearance.rows] == [4, 5, 7]
    assert clearance.problems == []
    assert clearance.skipped == [(8, 'it looks like a totals row ("Total")')]
    discovered = import_with_mapping(DATA / "clearance-fr.xlsx",
                                     load_mapping(DATA / "discovered-fr.ccm-map.json"))
    assert discovered.rows_to_add() == EXPECTED_DISCOVERED
    assert discovered.problems == []


@pytest.mark.parametrize("lang", ["fr", "es", "ru"])
def test_guess_map_proposes_the_right_column_for_every_header(lang: str) -> None:
    for form, table, columns, header_row in (("F", "clearance", CLEARANCE_COLUMNS, 3),
                                             ("B", "discovered", DISCOVERED_COLUMNS, 2)):
        guess = guess_for_workbook(DATA / f"clearance-{lang}.xlsx", form, table)
        mapping = guess.mapping
        assert mapping.header_row == header_row
        assert [t.column for t in mapping.columns.values()] == columns
        assert len(mapping.columns) == len(guess.headers)  # every header, none left out
        assert guess.unmatched == []
        assert mapping.decimal_separator == ","
        assert mapping.dates == "dd/mm/yyyy"
        if table == "clearance":
            assert [t.unit for t in mapping.columns.values()][2:4] == ["ha", "ha"]
            # The guessed mapping imports the same rows as the hand-written one.
            assert import_with_mapping(DATA / f"clearance-{lang}.xlsx",
                                       mapping).rows_to_add() == EXPECTED_CLEARANCE
        else:
            assert import_with_mapping(DATA / f"clearance-{lang}.xlsx",
                                       mapping).rows_to_add() == EXPECTED_DISCOVERED


HEADERS_BY_LANGUAGE = {
    "en": ["Area ID", "District", "Area cleared (sq km)", "Reduced by TS (m²)",
           "No. of submunitions destroyed", "Other ERW destroyed", "Clearance operator"],
    "fr": ["N° zone", "Localité", "Surface dépolluée (m²)", "Superficie réduite (ha)",
           "Nombre de sous-munitions détruites", "Autres REG détruits", "Organisme"],
    "es": ["Código de área", "Departamento", "Área despejada (km²)", "Superficie reducida (ha)",
           "Nº de submuniciones destruidas", "Otras municiones destruidas",
           "Operador de desminado"],
    "ru": ["Номер участка", "Район", "Площадь очистки, кв. м", "Сокращённая площадь (га)",
           "Количество уничтоженных суббоеприпасов", "Прочие уничтоженные боеприпасы",
           "Исполнитель"],
    "ar": ["رقم المنطقة", "المحافظة", "المساحة المطهرة (م2)", "المساحة المخفضة (هكتار)",
           "عدد الذخائر الصغيرة المدمرة", "المخلفات الأخرى المدمرة", "الجهة المنفذة"],
    "zh": ["区域编号", "地区", "已清除面积（平方米）", "缩减面积（公顷）", "子弹药销毁数量",
           "其他遗留物", "排雷组织"],
}
UNITS_BY_LANGUAGE = {"en": ["km2", "m2"], "fr": ["m2", "ha"], "es": ["km2", "ha"],
                     "ru": ["m2", "ha"], "ar": ["m2", "ha"], "zh": ["m2", "ha"]}


@pytest.mark.parametrize("lang", sorted(HEADERS_BY_LANGUAGE))
def test_headers_are_recognised_in_each_of_the_six_languages(lang: str) -> None:
    headers = list(enumerate(HEADERS_BY_LANGUAGE[lang], start=1))
    assigned = assign(headers, "F", "clearance")
    assert [assigned[col][1].column for col, _ in headers] == CLEARANCE_COLUMNS
    assert [unit_in(h) for h in HEADERS_BY_LANGUAGE[lang][2:4]] == UNITS_BY_LANGUAGE[lang]


def test_a_header_that_fits_no_column_is_left_out() -> None:
    assigned = assign([(1, "Province"), (2, "Colour of the car"), (3, "Observations")],
                      "F", "clearance")
    assert set(assigned) == {1}


# Conversions --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "separator", "unit", "expected"), [
    ("1.234,5", ",", "m2", Decimal("1234.5")),
    ("1,234.5", ".", "m2", Decimal("1234.5")),
    ("1 234,5", ",", "ha", Decimal("12345000")),
    ("12,5 ha", ",", "m2", Decimal("125000")),
    ("0.5 km²", ".", "m2", Decimal("500000")),
    (2.5, ".", "km2", Decimal("2500000")),
    (0.1, ".", "ha", Decimal("1000")),
    (12345.000000000002, ".", "m2", Decimal("12345")),  # what Excel shows
    ("١٢٣٫٥", ".", "m2", Decimal("123.5")),  # Arabic-Indic digits
])
def test_areas_convert_from_text_numbers_and_units(raw: object, separator: str, unit: str,
                                                   expected: Decimal) -> None:
    assert convert_cell(AreaM2(), raw, unit=unit, decimal_separator=separator) == expected


@pytest.mark.parametrize(("raw", "order", "expected"), [
    ("31/12/2023", "dd/mm/yyyy", date(2023, 12, 31)),
    ("31.12.2023", "dd/mm/yyyy", date(2023, 12, 31)),
    ("12/31/2023", "mm/dd/yyyy", date(2023, 12, 31)),
    ("2023-12-31", "dd/mm/yyyy", date(2023, 12, 31)),
    ("05/11/15", "dd/mm/yyyy", date(2015, 11, 5)),
    (datetime(2023, 12, 31, 0, 0), "dd/mm/yyyy", date(2023, 12, 31)),
    (45291, "dd/mm/yyyy", date(2023, 12, 31)),  # a serial number in a column without format
])
def test_dates_convert_in_the_mapping_order(raw: object, order: str, expected: date) -> None:
    assert convert_cell(DateKind(), raw, dates=order) == expected


@pytest.mark.parametrize(("kind", "raw"), [
    (DateKind(), "31/02/2023"), (DateKind(), "next week"), (Int(), "12,5"), (Int(), "many"),
    (Int(), 2.5), (Money(), "12 apples"), (StateKind(), "Atlantis"),
])
def test_unreadable_cells_raise_a_plain_sentence(kind: object, raw: object) -> None:
    with pytest.raises(KindError) as caught:
        convert_cell(kind, raw, decimal_separator=",")  # type: ignore[arg-type]
    assert str(caught.value) and "\n" not in str(caught.value)


def test_choices_and_states_are_read_in_any_language() -> None:
    status = part("F").table("contaminated_areas").column("status").kind
    assert isinstance(status, Choice)
    assert convert_cell(status, "confirmed") == "confirmed"
    assert convert_cell(status, " Suspected ") == "suspected"
    assert convert_cell(StateKind(), "Liban", lang="fr") == "LBN"
    assert convert_cell(StateKind(), "Ливан") == "LBN"
    assert convert_cell(StateKind(), "lbn") == "LBN"


def test_fold_ignores_case_accents_punctuation_and_arabic_variants() -> None:
    assert fold("Superficie DÉPOLLUÉE (ha)") == "superficie depolluee ha"
    assert fold("المساحة") == fold("المساحه")
    assert fold("Réf.\nzone") == "ref zone"


# The mapping file -----------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "message"), [
    ({"colour": "red"}, 'unknown key "colour"'),
    ({"table": "nope"}, "expected a table of F"),
    ({"columns": {"A": "nope"}}, '"nope" is not a column of F.clearance'),
    ({"columns": {"A": {"column": "location", "unit": "ha"}}}, "only to area columns"),
    ({"columns": {"A": {"column": "cleared_m2", "unit": "acres"}}}, '"m2", "ha" or "km2"'),
    ({"columns": {"A": "location", "B": "location"}}, "is filled from"),
    ({"header_row": 0}, "expected a row number"),
    ({"dates": "31/12"}, "expected one of"),
    ({"format_version": 2}, "format version 2"),
])
def test_a_wrong_mapping_file_is_refused_with_one_sentence(change: dict[str, object],
                                                           message: str) -> None:
    raw = json.loads((DATA / "clearance-fr.ccm-map.json").read_text(encoding="utf-8"))
    raw.update(change)
    with pytest.raises(UnreadableFile, match=message):
        mapping_from_json(raw, "x.ccm-map.json")


def test_a_mapping_saved_and_loaded_is_the_same(tmp_path: Path) -> None:
    mapping = load_mapping(DATA / "clearance-fr.ccm-map.json")
    mapping.save(tmp_path / "m.ccm-map.json")
    assert load_mapping(tmp_path / "m.ccm-map.json") == mapping


def test_a_header_the_sheet_does_not_have_is_named(tmp_path: Path) -> None:
    raw = json.loads((DATA / "clearance-fr.ccm-map.json").read_text(encoding="utf-8"))
    raw["columns"]["Date"] = "location"
    del raw["columns"]["Province"]
    with pytest.raises(UnreadableFile, match=r'"Date", which is not in the header row'):
        import_with_mapping(DATA / "clearance-fr.xlsx", mapping_from_json(raw))


# The command line, with a real database -------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    db = tmp_path / "reports.sqlite3"
    assert run(["--db", str(db), "import",
                str(SAMPLES / "valid" / "esp-2012-annual.ccm.json")]) == 0
    return db


def test_import_into_a_stored_report_appends_the_rows(database: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = run(["--db", str(database), "import", str(DATA / "clearance-fr.xlsx"), "--map",
                str(DATA / "clearance-fr.ccm-map.json"), "--into", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Added 3 rows to Form F" in out
    from ccm_desktop.storage.repository import open_repository

    with open_repository(database) as repo:
        rows = repo.load(1).form("F").tables["clearance"]
    before = read_report_file(SAMPLES / "valid" / "esp-2012-annual.ccm.json")
    assert rows == before.form("F").tables.get("clearance", []) + EXPECTED_CLEARANCE


def test_dry_run_prints_the_rows_and_changes_nothing(database: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(database)
    capsys.readouterr()
    code = run(["--db", str(database), "import", str(DATA / "clearance-fr.xlsx"), "--map",
                str(DATA / "discovered-fr.ccm-map.json"), "--into", "1", "--dry-run"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].startswith("Would add 3 rows to Form B")
    assert json.loads(out[1])["date_discovered"] == "2015-12-31"
    assert digest(database) == before


def test_without_into_the_rows_are_printed_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["import", str(DATA / "clearance-fr.xlsx"), "--map",
                str(DATA / "clearance-fr.ccm-map.json")])
    captured = capsys.readouterr()
    assert code == 0
    rows = json.loads(captured.out)
    assert rows[0] == {"area_id": "CHA-001", "location": "Champassak", "cleared_m2": "125000",
                       "reduced_m2": "12347500", "submunitions_destroyed": 143,
                       "other_remnants_destroyed": "2 obus de mortier 60 mm",
                       "operator": "UXO Lao"}
    assert "row 8: left out, it looks like a totals row" in captured.err


def bad_cells_workbook(path: Path) -> Path:
    workbook = openpyxl.load_workbook(DATA / "clearance-fr.xlsx")
    ws = workbook["Dépollution 2015"]
    ws["C5"] = "trois hectares"  # cleared_m2
    ws["E7"] = "12,5"  # submunitions: not a whole number
    workbook.save(path)
    return path


def test_unreadable_cells_are_listed_and_nothing_is_stored(
        database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = bad_cells_workbook(tmp_path / "bad.xlsx")
    before = digest(database)
    capsys.readouterr()
    code = run(["--db", str(database), "import", str(source), "--map",
                str(DATA / "clearance-fr.ccm-map.json"), "--into", "1"])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert ('ccm-desktop: bad.xlsx at sheet Dépollution 2015, row 5, column C: "trois hectares" '
            'is not a number') in err
    assert any("row 7, column E: \"12,5\" is not a whole number" in line for line in err)
    assert err[-1].startswith("ccm-desktop: Nothing was stored: 2 cells in 2 rows")
    assert digest(database) == before


def test_skip_bad_rows_stores_the_good_ones(database: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = bad_cells_workbook(tmp_path / "bad.xlsx")
    code = run(["--db", str(database), "import", str(source), "--map",
                str(DATA / "clearance-fr.ccm-map.json"), "--into", "1", "--skip-bad-rows"])
    assert code == 0
    assert "Added 1 row to" in capsys.readouterr().out
    from ccm_desktop.storage.repository import open_repository

    with open_repository(database) as repo:
        rows = repo.load(1).form("F").tables["clearance"]
    assert rows[-1] == EXPECTED_CLEARANCE[0]


def test_guess_map_command_prints_a_mapping_that_imports(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["guess-map", str(DATA / "clearance-es.xlsx"), "--form", "F", "--table",
                "clearance"]) == 0
    printed = capsys.readouterr().out
    (tmp_path / "guessed.ccm-map.json").write_text(printed, encoding="utf-8")
    mapping = load_mapping(tmp_path / "guessed.ccm-map.json")
    assert mapping.sheet == "Despeje 2015"
    assert import_with_mapping(DATA / "clearance-es.xlsx", mapping).rows_to_add() \
        == EXPECTED_CLEARANCE


def test_guess_map_with_a_wrong_table_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["guess-map", str(DATA / "clearance-fr.xlsx"), "--form", "F", "--table",
                "nope"]) == 2
    assert "F has no table \"nope\"" in capsys.readouterr().err


def test_totals_rows_are_recognised_only_in_text_columns() -> None:
    from ccm_desktop.exchange.xlsx.mapping import apply_mapping

    sheet = Sheet("S", {1: ("Province", "Cleared"), 2: ("Total", 5), 3: ("Kandal", "Total")})
    raw = {"format": "ccm-column-map", "format_version": 1, "sheet": "S", "header_row": 1,
           "form": "F", "table": "clearance",
           "columns": {"Province": "location", "Cleared": "cleared_m2"}}
    result = apply_mapping(sheet, mapping_from_json(raw), "x.xlsx")
    assert [n for n, _ in result.skipped] == [2]
    assert [p.row for p in result.problems] == [3]  # "Total" is not an area
